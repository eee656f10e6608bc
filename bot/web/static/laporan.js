/* The Laporan page: the map (Leaflet + marker clusters, colour by status, urgent open reports
 * on top and their clusters red) and the live table: every few seconds /laporan/baru.json says
 * what is new or changed since the last answer; new reports join the table and the map, changed
 * ones change colour, without reload. Text goes in with textContent only (no HTML from data). */
(function () {
  "use strict";

  var table = document.getElementById("tabel");
  var mapBox = document.getElementById("peta");
  var markers = {};
  var cluster = null;
  var filters = window.location.search.replace(/^\?/, "").split("&").filter(function (p) {
    return p && p.indexOf("hal=") !== 0;
  }).join("&");

  function withFilters(url, extra) {
    var parts = [filters, extra].filter(Boolean).join("&");
    return parts ? url + "?" + parts : url;
  }

  // ---- the map -----------------------------------------------------------------------------

  function icon(point) {
    var urgent = point.urgent && point.open;
    return L.divIcon({
      className: "pin s-" + point.status + (urgent ? " urgent" : ""),
      iconSize: urgent ? [22, 22] : [16, 16],
      html: "",
    });
  }

  function placeMarker(point) {
    if (point.lat === null || point.lon === null || point.lat === undefined) return;
    var old = markers[point.id];
    if (old) cluster.removeLayer(old);
    var marker = L.marker([point.lat, point.lon], {
      icon: icon(point),
      title: point.code,
      zIndexOffset: point.urgent && point.open ? 1000 : 0,
      keyboard: true,
    });
    marker.point = point;
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.code;
    box.appendChild(link);
    box.appendChild(document.createElement("br"));
    box.appendChild(document.createTextNode(point.category + " · " + point.status_label));
    marker.bindPopup(box);
    markers[point.id] = marker;
    cluster.addLayer(marker);
  }

  function startMap() {
    if (!mapBox || typeof L === "undefined") return;
    var map = L.map(mapBox, { scrollWheelZoom: false }).setView([-7.65, 112.8], 10);
    L.tileLayer(mapBox.dataset.tiles, {
      maxZoom: 19,
      attribution: mapBox.dataset.attribution,
    }).addTo(map);
    cluster = L.markerClusterGroup({
      // A cluster holding an urgent open report is drawn red, whatever else it holds.
      iconCreateFunction: function (group) {
        var children = group.getAllChildMarkers();
        var urgent = children.some(function (m) { return m.point.urgent && m.point.open; });
        var size = children.length < 10 ? "small" : children.length < 100 ? "medium" : "large";
        return L.divIcon({
          html: "<div><span>" + children.length + "</span></div>",
          className: "marker-cluster marker-cluster-" + size + (urgent ? " cluster-urgent" : ""),
          iconSize: L.point(40, 40),
        });
      },
    });
    map.addLayer(cluster);
    fetch(withFilters(mapBox.dataset.points), {
      headers: { Accept: "application/json" }, credentials: "same-origin",
    }).then(function (r) { return r.json(); }).then(function (data) {
      // Drawn oldest first, so the urgent ones (first in the answer) end on top.
      data.points.slice().reverse().forEach(placeMarker);
      var bounds = data.points.map(function (p) { return [p.lat, p.lon]; });
      if (bounds.length) map.fitBounds(bounds, { maxZoom: 15, padding: [20, 20] });
      mapBox.dataset.loaded = String(data.points.length);
    });
  }

  // ---- the table ---------------------------------------------------------------------------

  function cell(label, content) {
    var td = document.createElement("td");
    td.dataset.label = label;
    if (content instanceof Node) td.appendChild(content);
    else td.textContent = content;
    return td;
  }

  function badge(text, kind) {
    var span = document.createElement("span");
    span.className = "badge " + (kind || "");
    span.textContent = text;
    return span;
  }

  function rowOf(data) {
    var heads = table.querySelectorAll("thead th");
    var label = function (i) { return heads[i] ? heads[i].textContent : ""; };
    var tr = document.createElement("tr");
    tr.dataset.id = data.id;
    if (data.urgent && data.open) tr.className = "urgent";
    var code = document.createElement("span");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.code;
    code.appendChild(link);
    if (data.urgent) { code.appendChild(document.createTextNode(" ")); code.appendChild(badge(table.dataset.urgentLabel, "danger")); }
    tr.appendChild(cell(label(0), code));
    tr.appendChild(cell(label(1), data.time));
    tr.appendChild(cell(label(2), data.category));
    tr.appendChild(cell(label(3), data.desa || "-"));
    var status = document.createElement("span");
    status.className = "status s-" + data.status;
    status.textContent = data.status_label;
    tr.appendChild(cell(label(4), status));
    tr.appendChild(cell(label(5), data.named ? table.dataset.namedLabel : table.dataset.anonymousLabel));
    tr.appendChild(cell(label(6), data.handler || "-"));
    return tr;
  }

  function apply(answer) {
    // New: made after the newest this page knew of; else only changed (shown if on this page).
    var known = Number(table.dataset.after);
    table.dataset.after = answer.after;
    table.dataset.since = answer.since;
    var body = table.tBodies[0];
    var empty = body.querySelector("tr.empty");
    // Oldest first, so the newest ends at the top.
    answer.rows.slice().reverse().forEach(function (data) {
      var old = body.querySelector('tr[data-id="' + data.id + '"]');
      var fresh = rowOf(data);
      var isNew = data.id > known;
      if (old) body.replaceChild(fresh, old);
      if (isNew && !old) {
        var total = document.getElementById("jumlah");
        if (total) total.textContent = String(Number(total.textContent) + 1);
      }
      if (isNew && !old && table.dataset.page === "1") {
        if (empty) { empty.remove(); empty = null; }
        fresh.classList.add("new");
        fresh.title = table.dataset.newLabel;
        body.insertBefore(fresh, body.firstChild);
      }
      if (cluster) placeMarker(data);
    });
  }

  startMap();
  if (table && table.dataset.live === "1" && window.dasbor) {
    window.dasbor.poll(function () {
      return withFilters("/laporan/baru.json",
        "after=" + encodeURIComponent(table.dataset.after) +
        "&since=" + encodeURIComponent(table.dataset.since));
    }, 0, apply);
  }
})();
