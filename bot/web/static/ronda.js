/* The Ronda page's map: this week's check-ins (and the pos ronda with a known place) on Leaflet,
 * tiles from WEB_TILE_URL. */
(function () {
  "use strict";
  var el = document.getElementById("ronda-map");
  if (!el || !window.L) return;
  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : [];
  }
  var points = read("ronda-points");
  var posts = read("ronda-posts");
  var map = L.map(el);
  L.tileLayer(el.getAttribute("data-tiles"), {
    maxZoom: 19,
    attribution: "&copy; OpenStreetMap",
  }).addTo(map);
  var bounds = [];
  posts.forEach(function (p) {
    // A node, not a string: Leaflet puts a string in as HTML, and a pos's name is typed by people.
    var name = document.createElement("span");
    name.textContent = p.name;
    L.circleMarker([p.lat, p.lon], { radius: 6, color: "#555" })
      .bindTooltip(name).addTo(map);
    bounds.push([p.lat, p.lon]);
  });
  points.forEach(function (p) {
    var label = document.createElement("span");
    label.textContent = "✅ " + p.name + " · " + p.desa + " · " +
      new Date(p.at).toLocaleString(document.documentElement.lang || "id");
    L.marker([p.lat, p.lon]).bindPopup(label).addTo(map);
    bounds.push([p.lat, p.lon]);
  });
  if (bounds.length) map.fitBounds(bounds, { maxZoom: 16, padding: [20, 20] });
  else map.setView([-7.65, 112.9], 10);  // Kabupaten Pasuruan, the deployment's area
  el.setAttribute("data-markers", String(points.length));
})();
