/* conflict-kg view: node labels that never overlap.
   vis-network draws every label where its node is, so a few hundred nodes become a knot of
   text. Here labels are drawn in screen pixels after each redraw, most important node first
   (by events and fatalities, ranked in Python), each one only if its box meets no box already
   drawn (below the node, else above, right or left): the leading actors and places keep their
   names at every zoom, the others appear as zooming in makes room. The hovered and selected nodes go first. Text is canvas text, never
   markup. The boxes drawn last are kept, so the browser tests can measure them. */
window.ckgLabelLayer = function (network, opts) {
  "use strict";
  var FONT = 12, LINE = 15, PAD = 3, CELL = 80, MAX = 600;
  var FACE = "DejaVu Sans, Noto Sans Arabic, Tahoma, sans-serif", ARABIC = /[\u0600-\u06FF]/;
  var placed = [], widths = {};
  function measure(ctx, key, lines) {
    var w = widths[key];
    if (w === undefined) {
      w = 0;
      lines.forEach(function (l) { w = Math.max(w, ctx.measureText(l).width); });
      widths[key] = w;
    }
    return w;
  }
  function hits(grid, b) {
    for (var gx = Math.floor(b.x0 / CELL); gx <= Math.floor(b.x1 / CELL); gx++) {
      for (var gy = Math.floor(b.y0 / CELL); gy <= Math.floor(b.y1 / CELL); gy++) {
        var cell = grid[gx + ":" + gy];
        if (!cell) continue;
        for (var i = 0; i < cell.length; i++) {
          var o = cell[i];
          if (b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1) return true;
        }
      }
    }
    return false;
  }
  function insert(grid, b) {
    for (var gx = Math.floor(b.x0 / CELL); gx <= Math.floor(b.x1 / CELL); gx++) {
      for (var gy = Math.floor(b.y0 / CELL); gy <= Math.floor(b.y1 / CELL); gy++) {
        (grid[gx + ":" + gy] = grid[gx + ":" + gy] || []).push(b);
      }
    }
  }
  // below the node, else above, right or left of it: the first spot that meets no drawn label
  function place(grid, id, p, r, half, tall, w, h) {
    var spots = [[p.x, p.y + r + 1], [p.x, p.y - r - 1 - tall], [p.x + r + 2 + half, p.y - tall / 2], [p.x - r - 2 - half, p.y - tall / 2]];
    for (var s = 0; s < spots.length; s++) {
      var cx = spots[s][0], top = spots[s][1];
      var b = { id: id, cx: cx, x0: cx - half, y0: top, x1: cx + half, y1: top + tall };
      if (b.x0 >= 0 && b.y0 >= 0 && b.x1 <= w && b.y1 <= h && !hits(grid, b)) return b;
    }
    return null;
  }
  function draw(ctx) {
    var canvas = network.canvas.frame.canvas;
    var ratio = network.canvas.pixelRatio || 1;
    var w = canvas.clientWidth, h = canvas.clientHeight, scale = network.getScale();
    var nodes = network.body.nodes, grid = {}, seen = {}, drawn = {};
    network.body.nodeIndices.forEach(function (id) { drawn[id] = 1; });  // not inside a cluster
    placed = [];
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = FONT + "px " + FACE; ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.direction = "rtl";
    var items = opts.priority().concat(opts.candidates());
    for (var k = 0; k < items.length && placed.length < MAX; k++) {
      var it = items[k];
      if (seen[it.id]) continue;
      seen[it.id] = 1;
      var node = nodes[it.id];
      if (!node || !drawn[it.id] || node.options.hidden || !it.text) continue;
      var p = network.canvasToDOM({ x: node.x, y: node.y });
      if (p.x < -200 || p.y < -50 || p.x > w + 200 || p.y > h + 50) continue;
      var lines = it.text.split("\n");
      var half = measure(ctx, it.id, lines) / 2 + PAD;
      var r = (node.shape.radius || node.options.size || 10) * scale;
      var b = place(grid, it.id, p, r, half, lines.length * LINE + PAD, w, h);
      if (!b) continue;
      insert(grid, b);
      placed.push(b);
      ctx.fillStyle = "rgba(255,255,255,0.82)";
      ctx.fillRect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
      ctx.fillStyle = it.strong ? "#111" : "#333";
      for (var j = 0; j < lines.length; j++) {
        ctx.direction = ARABIC.test(lines[j]) ? "rtl" : "ltr";  // "5 events" stays in Latin order
        ctx.fillText(lines[j], b.cx, b.y0 + PAD / 2 + j * LINE);
      }
    }
    ctx.restore();
  }
  network.on("afterDrawing", draw);
  return {
    boxes: function () { return placed.map(function (b) { return [b.id, b.x0, b.y0, b.x1, b.y1]; }); },
    forget: function () { widths = {}; }
  };
};
