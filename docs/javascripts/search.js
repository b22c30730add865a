// Mounts Pagefind's search UI where a page asks for it ([data-kid-search]). Progressive
// enhancement: without JavaScript the page still shows its links; the UI script (and the search
// index, in small chunks) is only fetched on pages that have a search box.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL("../", script ? script.src : window.location.href);

  function mount() {
    var boxes = document.querySelectorAll("[data-kid-search]:not([data-kid-mounted])");
    if (!boxes.length) return;
    boxes.forEach(function (box) {
      box.setAttribute("data-kid-mounted", "");
    });
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("pagefind/pagefind-ui.css", base).href;
    document.head.appendChild(css);
    // A large catalogue's index comes in shards (pagefind/shards.json): fetched beside the UI
    // script, merged into one search. Without the list, the first shard alone is searched.
    var shards = fetch(new URL("pagefind/shards.json", base).href)
      .then(function (response) {
        return response.ok ? response.json() : { merge: [] };
      })
      .catch(function () {
        return { merge: [] };
      });
    var ui = document.createElement("script");
    ui.src = new URL("pagefind/pagefind-ui.js", base).href;
    ui.onload = function () {
      shards.then(function (list) {
        var merge = (list.merge || []).map(function (folder) {
          return { bundlePath: new URL("pagefind/" + folder, base).href };
        });
        boxes.forEach(function (box, index) {
          box.id = box.id || "kid-search-" + index;
          // eslint-disable-next-line no-undef
          new PagefindUI({
            element: "#" + box.id,
            bundlePath: new URL("pagefind/", base).href,
            mergeIndex: merge,
            showImages: false,
            showSubResults: false,
            resetStyles: false,
            autofocus: box.classList.contains("kid-search--page"),
          });
        });
      });
    };
    document.head.appendChild(ui);
  }

  // Material's instant navigation swaps pages without a reload; mount on every page view.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(mount);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
