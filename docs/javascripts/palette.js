/* The colour scheme a visitor picked on an earlier page, applied while this one loads, before it is
 * painted: loaded by overrides/partials/javascripts/palette.html right after the scheme switch. The
 * theme stores the pick as "__palette"; until there is one, the page follows the system's light or
 * dark setting (the two options in mkdocs.yml). */
(function () {
  "use strict";
  var palette = __md_get("__palette");
  if (!palette || !palette.color) return;
  Object.keys(palette.color).forEach(function (name) {
    document.body.setAttribute("data-md-color-" + name, palette.color[name]);
  });
})();
