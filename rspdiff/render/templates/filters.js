/* Effect and kind filters for the changelog page. The page is complete without this script:
   the filter bar stays hidden and every change is shown. Buttons are real <button>s with
   aria-pressed, so they work from the keyboard and announce their state. */
(function () {
  "use strict";
  var bar = document.getElementById("filters");
  if (!bar) { return; }
  var buttons = Array.prototype.slice.call(bar.querySelectorAll("button[data-filter]"));
  var changes = Array.prototype.slice.call(document.querySelectorAll("article.change"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.changes-section"));
  var status = document.getElementById("filter-status");
  var reset = document.getElementById("filter-reset");

  function pressed(group) {
    var on = {};
    buttons.forEach(function (b) {
      if (b.getAttribute("data-filter") === group && b.getAttribute("aria-pressed") === "true") {
        on[b.getAttribute("data-value")] = true;
      }
    });
    return on;
  }

  function update() {
    var effects = pressed("effect");
    var kinds = pressed("kind");
    var shown = 0;
    changes.forEach(function (a) {
      var show = effects[a.getAttribute("data-effect")] === true && kinds[a.getAttribute("data-kind")] === true;
      a.hidden = !show;
      if (show) { shown += 1; }
    });
    sections.forEach(function (s) {
      s.hidden = s.querySelector("article.change:not([hidden])") === null;
    });
    status.textContent = shown === changes.length
      ? "Showing all " + changes.length + " changes."
      : "Showing " + shown + " of " + changes.length + " changes.";
  }

  function showAll() {
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", "true"); });
    update();
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () {
      b.setAttribute("aria-pressed", b.getAttribute("aria-pressed") === "true" ? "false" : "true");
      update();
    });
  });
  reset.addEventListener("click", showAll);

  /* A permalink to a change that is filtered out would scroll nowhere: show everything first. */
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && target.closest("[hidden]")) {
      showAll();
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", reveal);

  bar.hidden = false;
  update();
})();
