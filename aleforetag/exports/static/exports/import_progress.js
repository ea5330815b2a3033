// Keeps a background import's progress page current: every three seconds, while the import
// runs, the page is fetched again and its progress section replaced in place.
(function () {
  "use strict";
  function refresh() {
    var current = document.getElementById("import-progress");
    if (!current || current.dataset.finished === "true") {
      return;
    }
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("import-progress");
        if (fresh) {
          current.replaceWith(fresh);
        }
        window.setTimeout(refresh, 3000);
      })
      .catch(function () { window.setTimeout(refresh, 10000); });
  }
  window.setTimeout(refresh, 3000);
})();
