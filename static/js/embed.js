// The publisher's one line: each <a class="conflict-timeline" href=".../embed/?..."> becomes the widget in an
// iframe that grows or shrinks to the events in it. Without JavaScript the link stays a link to the timeline.
(function () {
  "use strict";
  const MAX_HEIGHT = 20000;
  document.querySelectorAll("a.conflict-timeline:not([data-embedded])").forEach(function (link) {
    link.setAttribute("data-embedded", "");
    const frame = document.createElement("iframe");
    frame.src = link.href;
    frame.title = link.textContent || "Conflict timeline";
    frame.width = "100%";
    frame.height = "480";
    frame.style.border = "0";
    frame.style.display = "block";
    link.replaceWith(frame);
  });
  if (window.conflictTimelineListening) return;
  window.conflictTimelineListening = true;
  // Only a message from one of the widgets' own windows, sent from the widget's own site, resizes that frame.
  window.addEventListener("message", function (event) {
    const data = event.data;
    if (!data || data.conflictTimeline !== "height") return;
    document.querySelectorAll("iframe").forEach(function (frame) {
      if (frame.contentWindow !== event.source || new URL(frame.src).origin !== event.origin) return;
      frame.height = String(Math.min(Math.max(Number(data.height) || 0, 1), MAX_HEIGHT));
    });
  });
})();
