// The main menu's groups are <details> elements: they work without this script. It only
// keeps one group open at a time and closes it on Escape (focus back on its summary) or on
// a click outside it.
(function () {
  "use strict";
  var groups = function () {
    return Array.prototype.slice.call(document.querySelectorAll("details.nav-group"));
  };
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!(opened instanceof HTMLDetailsElement) || !opened.classList.contains("nav-group") || !opened.open) {
      return;
    }
    groups().forEach(function (group) {
      if (group !== opened) {
        group.open = false;
      }
    });
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    groups().forEach(function (group) {
      if (group.open) {
        group.open = false;
        group.querySelector("summary").focus();
      }
    });
  });
  document.addEventListener("click", function (event) {
    groups().forEach(function (group) {
      if (group.open && !group.contains(event.target)) {
        group.open = false;
      }
    });
  });
})();
