// Live "characters left" under note text areas. Progressive enhancement only: the limit is
// also in the help text and enforced on the server. Screen readers hear the count after a
// pause in typing, not on every key.
(function () {
  "use strict";

  function attach(textarea) {
    var max = parseInt(textarea.getAttribute("maxlength"), 10);
    var template = textarea.getAttribute("data-character-count");
    if (!max || !template) {
      return;
    }
    var visible = document.createElement("div");
    visible.className = "form-text character-count";
    visible.id = textarea.id + "_count";
    visible.setAttribute("aria-hidden", "true");
    var spoken = document.createElement("div");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    textarea.insertAdjacentElement("afterend", visible);
    visible.insertAdjacentElement("afterend", spoken);

    var timer = null;
    function text() {
      // The server counts a line break as one character, like the browser does here.
      var remaining = max - textarea.value.length;
      return template.replace("%(remaining)s", String(remaining)).replace("%(max)s", String(max));
    }
    function update() {
      visible.textContent = text();
      visible.classList.toggle("text-danger", textarea.value.length > max);
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        spoken.textContent = text();
      }, 1000);
    }
    textarea.addEventListener("input", update);
    visible.textContent = text();
  }

  document.querySelectorAll("textarea[data-character-count][maxlength]").forEach(attach);
})();
