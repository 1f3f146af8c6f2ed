// Inside the widget: tells the page that frames it how tall the widget is, whenever that changes, so embed.js can
// fit the frame to it. The height is no secret, so any page that frames the widget may hear it.
(function () {
  "use strict";
  if (window.parent === window) return;
  let sent = 0;
  function report() {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === sent) return;
    sent = height;
    window.parent.postMessage({ conflictTimeline: "height", height: height }, "*");
  }
  new ResizeObserver(report).observe(document.documentElement);
  window.addEventListener("load", report);
})();
