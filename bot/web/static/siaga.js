/* The Siaga page: each open call's tally, kept live by polling /siaga/tally.json; a call that
 * appeared or closed reloads the page. */
(function () {
  "use strict";
  function shown() {
    return Array.prototype.map.call(document.querySelectorAll("[data-call]"), function (el) {
      return el.getAttribute("data-call");
    }).sort().join(",");
  }
  window.dasbor.poll("/siaga/tally.json", null, function (data) {
    var ids = data.calls.map(function (c) { return String(c.id); }).sort().join(",");
    if (ids !== shown()) { window.location.reload(); return; }
    data.calls.forEach(function (c) {
      var card = document.querySelector('[data-call="' + c.id + '"]');
      if (!card || card.getAttribute("data-revision") === String(c.revision)) return;
      card.setAttribute("data-revision", String(c.revision));
      Object.keys(c.counts).forEach(function (k) {
        var el = card.querySelector('[data-count="' + k + '"]');
        if (el) el.textContent = String(c.counts[k]);
      });
      var called = card.querySelector('[data-count="called"]');
      if (called) called.textContent = String(c.called);
      Object.keys(c.names).forEach(function (k) {
        var el = card.querySelector('[data-names="' + k + '"]');
        if (el) el.textContent = c.names[k].join(", ") || "—";
      });
    });
  });
})();
