/* conflict-kg view: the map mode's background, drawn under the nodes on the canvas.
   Country outlines (Natural Earth 1:110m, shipped in the page; see kg/view/borders.py) in the
   same projection as the places: x = lon * shrink * scale, y = -lat * scale. Sea, land,
   borders and a light graticule; line widths stay the same on screen at any zoom. With
   `backdrop` it only draws (the clustered overview's map), leaving node sizes alone. */
window.ckgMapLayer = function (network, geo, isOn, backdrop) {
  "use strict";
  var stats = { frames: 0, rings: 0, countries: (geo.borders || []).length };
  function project(ring, s, k) {
    var pts = new Array(ring.length);
    for (var i = 0; i < ring.length; i += 2) { pts[i] = ring[i] / 100 * k * s; pts[i + 1] = -ring[i + 1] / 100 * s; }
    return pts;
  }
  var paths = null;
  function build() {
    paths = (geo.borders || []).map(function (c) {
      return c[2].map(function (ring) { return project(ring, geo.scale, geo.shrink); });
    });
  }
  function trace(ctx, pts) {
    ctx.moveTo(pts[0], pts[1]);
    for (var i = 2; i < pts.length; i += 2) ctx.lineTo(pts[i], pts[i + 1]);
    ctx.closePath();
  }
  function graticule(ctx, px) {
    var s = geo.scale, k = geo.shrink;
    var span = Math.max(geo.lat[1] - geo.lat[0], geo.lon[1] - geo.lon[0]) + 20;
    var step = [2, 5, 10, 20, 30].find(function (v) { return span / v <= 10; }) || 45;
    var lat0 = Math.floor((geo.lat[0] - 12) / step) * step, lat1 = Math.ceil((geo.lat[1] + 12) / step) * step;
    var lon0 = Math.floor((geo.lon[0] - 12) / step) * step, lon1 = Math.ceil((geo.lon[1] + 12) / step) * step;
    ctx.strokeStyle = "rgba(120,140,160,0.25)"; ctx.lineWidth = px; ctx.beginPath();
    for (var lat = lat0; lat <= lat1; lat += step) { ctx.moveTo(lon0 * k * s, -lat * s); ctx.lineTo(lon1 * k * s, -lat * s); }
    for (var lon = lon0; lon <= lon1; lon += step) { ctx.moveTo(lon * k * s, -lat0 * s); ctx.lineTo(lon * k * s, -lat1 * s); }
    ctx.stroke();
  }
  network.on("beforeDrawing", function (ctx) {
    if (!isOn() || !geo.lat.length) return;
    if (!paths) build();
    if (!backdrop && network.getScale() !== sized) later();  // zoomed, by wheel, pinch or moveTo
    var px = 1 / network.getScale();
    var view = network.getViewPosition(), canvas = network.canvas.frame.canvas;
    var hw = canvas.clientWidth / 2 * px, hh = canvas.clientHeight / 2 * px;
    ctx.save();
    ctx.fillStyle = "#dcebf5";  // sea
    ctx.fillRect(view.x - hw, view.y - hh, 2 * hw, 2 * hh);
    ctx.fillStyle = "#f4f1e8"; ctx.strokeStyle = "#8d8d8d"; ctx.lineWidth = 1.2 * px; ctx.lineJoin = "round";
    var rings = 0;
    ctx.beginPath();
    paths.forEach(function (c) { c.forEach(function (pts) { trace(ctx, pts); rings++; }); });
    ctx.fill();
    ctx.stroke();
    graticule(ctx, px);
    ctx.restore();
    stats.frames++; stats.rings = rings;
  });
  // Points keep their size on screen (node.px, set by the page: 4 to 24 px by fatalities) at
  // any zoom: in canvas units a world-wide map would shrink them below a pixel.
  var pending = false, sized = 0;
  function sizes() {
    var s = network.getScale(), ds = network.body.data.nodes;
    sized = s;
    ds.update(ds.map(function (n) { return { id: n.id, size: n.px / s }; }));
    // vis-network draws a dot at its new size but keeps the radius it measured on the first
    // draw (used for clicks and label placement) until its width is unknown again
    network.body.nodeIndices.forEach(function (id) { var sh = network.body.nodes[id].shape; if (sh) sh.width = undefined; });
    network.redraw();
  }
  function later() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; if (isOn()) sizes(); });
  }
  // Open on where the events are: the box holding the middle 90% of them, so one report from
  // Sydney does not shrink the Middle East to a corner.
  function fit() {
    var ds = network.body.data.nodes, xs = [], ys = [];
    ds.forEach(function (n) { if (n.shape === "dot") { xs.push(n.x); ys.push(n.y); } });
    if (xs.length < 10) { network.fit({ animation: false }); sizes(); return; }
    function num(a, b) { return a - b; }
    function q(a, f) { return a[Math.floor(f * (a.length - 1))]; }
    xs.sort(num); ys.sort(num);
    var x0 = q(xs, 0.05), x1 = q(xs, 0.95), y0 = q(ys, 0.05), y1 = q(ys, 0.95);
    var ids = ds.getIds({ filter: function (n) { return n.x >= x0 && n.x <= x1 && n.y >= y0 && n.y <= y1; } });
    network.fit({ nodes: ids, animation: false });
    sizes();
  }
  network.on("zoom", function () { if (isOn() && !backdrop) later(); });
  return { stats: stats, fit: fit, sizes: sizes };
};
