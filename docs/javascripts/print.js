// The print button of a visit brief: shown only where scripts run (without them the hint beside it
// says to use the browser's print menu), it opens the browser's print dialog.
(function () {
  "use strict";

  function mount() {
    document.querySelectorAll("[data-kid-print]").forEach(function (button) {
      button.hidden = false;
      if (!button.dataset.kidPrintBound) {
        button.dataset.kidPrintBound = "1";
        button.addEventListener("click", function () {
          window.print();
        });
      }
    });
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(mount);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
