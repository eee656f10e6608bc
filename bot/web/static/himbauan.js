/* The Himbauan page: keeps every advisory's delivery progress (and read count, status) live by
 * polling /himbauan/status.json, and asks before Cabut. */
(function () {
  "use strict";

  function ids() {
    var seen = {};
    document.querySelectorAll("[data-advisory]").forEach(function (el) {
      seen[el.getAttribute("data-advisory")] = true;
    });
    return Object.keys(seen);
  }

  function setCount(box, key, value) {
    var el = box.querySelector('[data-count="' + key + '"]');
    if (el && value !== null && value !== undefined && el.textContent !== String(value)) {
      el.textContent = String(value);
    }
  }

  function show(id, state) {
    document.querySelectorAll('[data-status="' + id + '"]').forEach(function (el) {
      el.textContent = state.status_text;
    });
    var p = state.progress;
    document.querySelectorAll('[data-progress="' + id + '"]').forEach(function (box) {
      if (!p) return;
      if (!box.querySelector(".bar")) { window.location.reload(); return; }  // just sent
      ["sent", "blocked", "failed", "waiting", "cancelled", "total", "acks"].forEach(function (k) {
        setCount(box, k, p[k]);
      });
      var bar = box.querySelector(".bar");
      bar.max = p.total || 1;
      bar.value = p.total ? p.total - p.waiting : 1;
      bar.textContent = p.percent + "%";
    });
    document.querySelectorAll('[data-advisory="' + id + '"]').forEach(function (el) {
      el.setAttribute("data-live", p && p.done ? "0" : "1");
    });
  }

  if (ids().length) {
    window.dasbor.poll(function () {
      return "/himbauan/status.json?ids=" + ids().join(",");
    }, null, function (data) {
      Object.keys(data).forEach(function (id) { show(id, data[id]); });
    });
  }

  var cancel = document.getElementById("cancel-button");
  if (cancel) {
    cancel.form.addEventListener("submit", function (event) {
      if (!window.confirm(cancel.getAttribute("data-confirm"))) event.preventDefault();
    });
  }
})();
