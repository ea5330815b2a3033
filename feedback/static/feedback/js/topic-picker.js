// Transcription rows: when a theme is ticked, its topics move to the top of the row's topic
// list, so the likely topics come first. Without JavaScript the server orders them the same
// way whenever the page is drawn again.
(function () {
  "use strict";
  document.querySelectorAll("fieldset.paper-note").forEach(function (row) {
    var groups = row.querySelector(".topic-groups");
    if (!groups) {
      return;
    }
    row.querySelectorAll("input[type=checkbox][name$='-themes']").forEach(function (box) {
      box.addEventListener("change", function () {
        var chosen = new Set(
          Array.prototype.map.call(
            row.querySelectorAll("input[name$='-themes']:checked"),
            function (input) { return input.value; }
          )
        );
        var all = Array.prototype.slice.call(groups.querySelectorAll(".topic-group"));
        all.sort(function (a, b) {
          return (chosen.has(b.dataset.theme) ? 1 : 0) - (chosen.has(a.dataset.theme) ? 1 : 0);
        });
        all.forEach(function (group) { groups.appendChild(group); });
      });
    });
  });
})();
