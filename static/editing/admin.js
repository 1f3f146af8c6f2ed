// The editors' pages: what their forms need beyond the admin's own scripts. All of it is an aid; without it the
// forms work the same.
(function () {
  "use strict";

  // A form sent back with errors puts the editor in the first field to fix, under the summary at the top.
  document.addEventListener("DOMContentLoaded", function () {
    const summary = document.getElementById("error-summary");
    if (!summary) return;
    const first = document.querySelector("form [aria-invalid=true]");
    if (first) first.focus({ preventScroll: true });
    summary.scrollIntoView({ block: "start" });
  });

  // The admin's search-as-you-type boxes (select2) name none of their parts; each is given its field's label.
  function nameSearchBoxes(select) {
    const label = document.querySelector('label[for="' + select.id + '"]');
    const container = select.nextElementSibling;
    if (!label || !container || !container.classList.contains("select2")) return;
    const name = label.textContent.replace(/:\s*$/, "").trim();
    container.querySelectorAll(".select2-selection, [role=textbox]").forEach(function (box) {
      box.setAttribute("aria-label", name);
    });
    container.querySelectorAll(".select2-search__field").forEach(function (field) {
      field.setAttribute("aria-label", "Find " + name.toLowerCase());
    });
    // The "clear all" cross sits among the chosen items of a list.
    container.querySelectorAll("ul.select2-selection__rendered > span").forEach(function (cross) {
      cross.setAttribute("role", "listitem");
    });
  }

  // select2 starts after the page is read (jQuery runs its ready handlers later) and draws its parts again at each
  // choice: the names are given whenever the page's parts change.
  function nameAll() {
    document.querySelectorAll("select.admin-autocomplete").forEach(nameSearchBoxes);
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!document.querySelector("select.admin-autocomplete")) return;
    nameAll();
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  });
})();
