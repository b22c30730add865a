// Shows the "needs checking again" notice on entries verified too long ago. Computed here, in the
// visitor's browser, so that the built site does not depend on the day it was built.
(function () {
  "use strict";
  var DAY = 24 * 60 * 60 * 1000;

  function check() {
    document.querySelectorAll("[data-kid-verified]").forEach(function (notice) {
      var verified = Date.parse(notice.getAttribute("data-kid-verified") + "T00:00:00Z");
      var limit = parseInt(notice.getAttribute("data-kid-stale-after"), 10);
      if (!isNaN(verified) && !isNaN(limit) && Date.now() - verified > limit * DAY) {
        notice.hidden = false;
      }
    });
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(check);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", check);
  } else {
    check();
  }
})();
