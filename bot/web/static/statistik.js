/* The Statistik page: tabs that show one weekly chart at a time (by category, by desa).
 * Without this script both charts show side by side; nothing else depends on it. */
(function () {
  "use strict";
  var tabs = document.querySelector(".stat .tabs");
  var box = document.querySelector(".stat .charts");
  if (!tabs || !box) return;
  var buttons = Array.prototype.slice.call(tabs.querySelectorAll("[data-show]"));
  var charts = Array.prototype.slice.call(box.querySelectorAll(".chart"));

  function show(key) {
    buttons.forEach(function (b) {
      b.setAttribute("aria-selected", b.dataset.show === key ? "true" : "false");
    });
    charts.forEach(function (c) { c.hidden = c.dataset.chart !== key; });
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () { show(b.dataset.show); });
  });
  tabs.hidden = false;
  box.classList.add("tabbed");
  if (buttons.length) show(buttons[0].dataset.show);
})();
