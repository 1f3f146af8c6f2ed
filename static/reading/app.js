// The timeline page's enhancements. Everything here also works without it, through plain links and forms.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // The filter panel starts folded on a phone and keeps whatever the reader chose across updates, until the
  // window crosses from a phone's width to a desktop's or back (a tablet turned, say).
  const phone = window.matchMedia("(max-width: 48rem)");
  let panelOpen = !phone.matches;
  function restorePanel() {
    const panel = document.getElementById("filter-panel");
    if (panel) panel.open = panelOpen;
  }
  document.addEventListener("toggle", function (event) {
    if (event.target.id === "filter-panel") panelOpen = event.target.open;
  }, true);
  document.addEventListener("DOMContentLoaded", restorePanel);
  phone.addEventListener("change", function () {
    panelOpen = !phone.matches;
    restorePanel();
  });

  // On a phone, the link at the end of the filters folds them away on its way to the results.
  document.addEventListener("click", function (event) {
    if (!event.target.closest(".to-results")) return;
    panelOpen = false;
    restorePanel();
  });
  document.addEventListener("htmx:historyRestore", restorePanel);

  // The address a reader may copy names only the filters in force: not the empty fields, nor the default order.
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt.id !== "filters") return;
    const parameters = event.detail.parameters;
    ["q", "date_from", "date_to", "find_actor", "find_location", "find_source"].forEach(function (name) {
      if (!parameters[name]) delete parameters[name];
    });
    if (parameters.order === "newest") delete parameters.order;
  });

  // Words typed into a facet's box narrow its list by a request of their own; leaving the box changes no filter,
  // so its change does not reach the form (which would send the whole view again, and cut short a tick's).
  document.addEventListener("change", function (event) {
    if (event.target.classList && event.target.classList.contains("find")) event.stopPropagation();
  }, true);

  function datesOf(bar) {
    const query = new URLSearchParams(bar.getAttribute("href").slice(1));
    return [query.get("date_from"), query.get("date_to")];
  }

  function chooseDates(start, end) {
    const form = document.getElementById("filters");
    form.elements.date_from.value = start;
    form.elements.date_to.value = end;
    htmx.trigger(form, "submit");
  }

  // A bar narrows the dates through the form, so the other filters stay and the URL follows.
  // The click that ends a drag is the drag's, and only that one: the next (a key on a bar, say) is the reader's.
  document.addEventListener("click", function (event) {
    const endsDrag = brushed;
    brushed = false;
    const bar = event.target.closest(".strip a");
    if (!bar) return;
    event.preventDefault();
    if (!endsDrag) chooseDates.apply(null, datesOf(bar));
  });

  // A mark on the map chooses its place, or clears it, as its link says, through htmx like the timeline's other
  // links (which SVG's cannot be boosted as): the list is replaced and the address follows. A click with a modifier
  // key still opens the link in a new tab or window.
  document.addEventListener("click", function (event) {
    const mark = event.target.closest && event.target.closest("#timeline .map svg a");
    if (!mark || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    htmx.ajax("GET", mark.getAttribute("href"), { source: mark, target: "#timeline" });
  });

  // The map's list of places stays open across updates, and a place chosen from it keeps the focus, though its link
  // is a new one: the keyboard's way through the places is not lost after each step.
  let placesOpen = false;
  let placeInFocus = null;
  document.addEventListener("toggle", function (event) {
    if (event.target.classList && event.target.classList.contains("map-list")) placesOpen = event.target.open;
  }, true);
  document.addEventListener("htmx:beforeSwap", function () {
    const active = document.activeElement;
    placeInFocus = active && active.closest && active.closest(".map-list a") ? active.dataset.place : null;
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    if (!event.detail.target || event.detail.target.id !== "timeline") return;
    const list = document.querySelector(".map-list");
    if (!list) return;
    list.open = placesOpen;
    const place = Array.from(list.querySelectorAll("a")).find(function (link) {
      return link.dataset.place === placeInFocus;
    });
    if (place) place.focus({ preventScroll: true });
  });

  // The picture of time says the count of the bar under the pointer or in focus at once, not after a tooltip's
  // wait; the arrow keys move from bar to bar.
  function readOut(bar) {
    const readout = bar.closest(".strip").querySelector(".strip-readout");
    if (readout) readout.textContent = bar.querySelector("title").textContent;
  }
  function readHint(strip) {
    const readout = strip.querySelector(".strip-readout");
    if (readout) readout.textContent = readout.dataset.hint;
  }
  ["pointerover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      const bar = event.target.closest && event.target.closest(".strip a");
      if (bar) readOut(bar);
    });
  });
  ["pointerout", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      const strip = event.target.closest && event.target.closest(".strip");
      const still = event.relatedTarget && event.relatedTarget.closest && event.relatedTarget.closest(".strip a");
      if (strip && !still && strip.contains(event.target.closest(".strip a"))) readHint(strip);
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const bar = event.target.closest && event.target.closest(".strip a");
    if (!bar) return;
    const bars = Array.from(bar.closest("svg").querySelectorAll("a"));
    const next = bars[bars.indexOf(bar) + (event.key === "ArrowRight" ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });

  // Dragging across the strip narrows the dates to the bars it covers.
  let brush = null;
  let brushed = false;
  function svgX(svg, clientX) {
    const point = svg.createSVGPoint();
    point.x = clientX;
    return point.matrixTransform(svg.getScreenCTM().inverse()).x;
  }
  document.addEventListener("pointerdown", function (event) {
    const svg = event.target.closest(".strip svg");
    if (!svg || event.button !== 0) return;
    brushed = false;
    const rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    rect.setAttribute("class", "brush");
    rect.setAttribute("y", 0);
    rect.setAttribute("height", svg.viewBox.baseVal.height);
    svg.appendChild(rect);
    brush = { svg: svg, rect: rect, from: svgX(svg, event.clientX), clientX: event.clientX };
  });
  document.addEventListener("pointermove", function (event) {
    if (!brush) return;
    const to = svgX(brush.svg, event.clientX);
    brush.rect.setAttribute("x", Math.min(brush.from, to));
    brush.rect.setAttribute("width", Math.abs(to - brush.from));
  });
  document.addEventListener("pointerup", function (event) {
    if (!brush) return;
    const current = brush;
    brush = null;
    current.rect.remove();
    if (Math.abs(event.clientX - current.clientX) < 6) return;
    const to = svgX(current.svg, event.clientX);
    const low = Math.min(current.from, to);
    const high = Math.max(current.from, to);
    const bars = Array.from(current.svg.querySelectorAll("a")).filter(function (bar) {
      const shape = bar.querySelector("rect");
      const x = Number(shape.getAttribute("x"));
      return x + Number(shape.getAttribute("width")) >= low && x <= high;
    });
    if (!bars.length) return;
    brushed = true;
    chooseDates(datesOf(bars[0])[0], datesOf(bars[bars.length - 1])[1]);
  });

  // "Load more" replaces itself with the events it brought: focus goes on to the first of them, not to the page.
  let loadedAfter = null;
  function isMore(elt) {
    return elt instanceof Element && elt.matches("a.more");
  }
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (isMore(event.detail.elt)) loadedAfter = document.querySelectorAll("li.event").length;
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    if (loadedAfter === null || !isMore(event.detail.elt)) return;
    const first = document.querySelectorAll("li.event .entry > summary")[loadedAfter];
    loadedAfter = null;
    const active = document.activeElement;
    if (first && (!active || active === document.body || !active.isConnected)) first.focus();
  });

  // After the results change, keep focus where it was; if its element went away, move it to the results.
  // A swap from history (back or forward) settles without a target.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (!event.detail.target || event.detail.target.id !== "timeline") return;
    restorePanel();
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) {
      const results = document.querySelector(".results");
      if (results) results.focus({ preventScroll: true });
    }
  });

  // On a wide screen the filters stay in view beside the list: after a change, the new results are shown from
  // their top, not from wherever down the old list the reader had scrolled. On a phone the filters are above the
  // results, and the reader stays in them.
  // Either way the option just chosen stays in sight, though chosen options move to the top of their list.
  const wide = window.matchMedia("(min-width: 48rem)");
  document.addEventListener("htmx:afterSettle", function (event) {
    if (!event.detail.target || event.detail.target.id !== "timeline") return;
    const results = document.getElementById("results");
    if (wide.matches && results && results.getBoundingClientRect().top < 0) results.scrollIntoView({ block: "start" });
    const chosen = document.activeElement;
    if (chosen && (chosen.closest("#filters") || chosen.closest(".map-list"))) chosen.scrollIntoView({ block: "nearest" });
  });

  // "Embed this view": the builder's choices (colours, how many events, the iframe's height) rewrite the snippets
  // and the preview, and each Copy button copies its snippet.
  function embedChoices(panel) {
    const scheme = panel.querySelector("input[name=embed-scheme]:checked");
    return {
      dark: scheme && scheme.value === "dark",
      count: withinLimits(panel.querySelector("#embed-count"), 20),
      map: panel.querySelector("#embed-map").checked,
      height: withinLimits(panel.querySelector("#embed-height"), 640),
    };
  }
  function withinLimits(input, fallback) {
    const value = Math.round(Number(input && input.value));
    if (!input || !value) return fallback;
    return Math.min(Math.max(value, Number(input.min)), Number(input.max));
  }
  function widgetAddress(src, choices) {
    const url = new URL(src.replace(/&amp;/g, "&"), location.href);
    if (choices.dark) url.searchParams.set("scheme", "dark");
    else url.searchParams.delete("scheme");
    if (choices.count !== 20) url.searchParams.set("count", choices.count);
    else url.searchParams.delete("count");
    if (choices.map) url.searchParams.set("map", "1");
    else url.searchParams.delete("map");
    return url;
  }
  let previewTimer = null;
  document.addEventListener("input", function (event) {
    if (!event.target.name || !event.target.name.startsWith("embed-")) return;
    const panel = event.target.closest(".embed-panel");
    const choices = embedChoices(panel);
    panel.querySelectorAll(".snippet").forEach(function (snippet) {
      snippet.value = snippet.value
        .replace(/(\/embed\/[^"]*?)"/, function (_, src) {
          const url = widgetAddress(src, choices);
          return url.pathname + url.search.replace(/&/g, "&amp;") + '"';
        })
        .replace(/(<iframe[^>]*?) height="\d+"/, '$1 height="' + choices.height + '"');
    });
    // What was copied is not this code any more.
    panel.querySelectorAll(".copied").forEach(function (status) { status.textContent = ""; });
    const preview = panel.querySelector(".embed-preview");
    if (!preview) return;
    preview.height = choices.height;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(function () {
      const url = widgetAddress(preview.getAttribute("src"), choices);
      preview.src = url.pathname + url.search;
    }, 300);
  });
  document.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-copy]");
    if (!button) return;
    const snippet = document.getElementById(button.dataset.copy);
    const status = button.parentElement.querySelector(".copied");
    snippet.select();
    navigator.clipboard.writeText(snippet.value).then(
      function () { status.textContent = "Copied. Paste it into your page."; },
      function () { status.textContent = "Selected: press Ctrl+C (⌘C) to copy."; }
    );
  });
})();
