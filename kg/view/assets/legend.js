/* conflict-kg view: the legend, folded in the side panel (a <details> closed at open) so it
   never covers the canvas. Built from the palette and the labels the ontology gives. */
window.ckgLegend = function (data, info, palette, el) {
  "use strict";
  var GLYPH = { diamond: "\u25C6", star: "\u2605", triangle: "\u25B2", triangleDown: "\u25BC", square: "\u25A0", dot: "\u25CF", hexagon: "\u2B22" };
  var legend = document.getElementById("legend-body");
  function legendRow(glyph, color, text) {
    var r = el("div", null, "row"); var g = el("span", glyph); g.style.color = color; g.style.fontSize = "14px";
    r.append(g, el("span", text)); legend.appendChild(r);
  }
  legend.appendChild(el("h3", "الأحداث · events"));
  if (data.geo.source) legend.appendChild(el("div", "الحدود · borders: " + data.geo.source, "hint"));
  data.types.forEach(function (t) { legendRow(GLYPH[palette.event[t.key].shape], palette.event[t.key].color, t.ar + " · " + t.en); });
  legend.appendChild(el("h3", "الفاعلون · actors"));
  data.kinds.forEach(function (k) { legendRow(GLYPH.dot, palette.actor[k.key].color, k.ar + " · " + k.en); });
  legend.appendChild(el("h3", "الأماكن · places"));
  legendRow(GLYPH.hexagon, palette.place.place.color, "مكان · place");
  legend.appendChild(el("h3", "الروابط · links"));
  Object.keys(palette.role).forEach(function (r) { legendRow(palette.role[r].dashes ? "\u2504" : "\u2501", palette.role[r].color, palette.role[r].ar + " · " + r); });
  Object.keys(palette.relation).forEach(function (r) { legendRow("\u2501", palette.relation[r].color, palette.relation[r].ar + " · " + palette.relation[r].en + " (actor network)"); });
  if (data.coalitions.length) {
    legend.appendChild(el("h3", "التحالفات · coalitions"));
    data.coalitions.forEach(function (group, g) {
      legendRow(GLYPH.dot, palette.coalition[g % palette.coalition.length],
        group.slice(0, 4).map(function (i) { return info[i].ar || info[i].en; }).join("، ") + (group.length > 4 ? "…" : ""));
    });
  }
  legend.appendChild(el("div", "الحجم: عدد الأحداث أو القتلى · size: events or fatalities", "hint"));

};
