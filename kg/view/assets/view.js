/* conflict-kg view: filters, search, tooltips, legend and the actor network.
   Every string from the data reaches the DOM through textContent, never innerHTML: names
   and sentences come from news articles and are untrusted. Links are made only for http(s). */
(function () {
  "use strict";
  var timings = { script: performance.now() };
  var data = JSON.parse(document.getElementById("ckg-data").textContent);
  var info = data.info;
  var palette = data.palette;
  var container = document.getElementById("mynetwork");
  var tooltip = document.getElementById("tooltip");
  var details = document.getElementById("details");
  var statusEl = document.getElementById("status");
  var state = {
    mode: "full", weight: "events", colour: "kind", types: new Set(data.types.map(function (t) { return t.key; })),
    actor: "", country: "", from: "", to: ""
  };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  timings.network = performance.now();
  var actorNodes = new vis.DataSet([]);
  var actorEdges = new vis.DataSet([]);

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function bilingual(ar, en) {
    var span = el("span", ar || en || "");
    if (ar && en && ar !== en) { span.appendChild(document.createTextNode(" · ")); span.appendChild(el("span", en, "en")); }
    return span;
  }
  function safeHref(url) {
    try {
      var u = new URL(url);
      return (u.protocol === "http:" || u.protocol === "https:") ? u.href : "";
    } catch (err) { return ""; }
  }
  function typeName(key) { var t = data.labels[key]; return t ? t.ar + " · " + t.en : key; }

  // ---- filtering --------------------------------------------------------------------
  // An event's date may be a day, a month or a year; it passes a date range only when the
  // whole of it lies inside (an event known only as "2016" is not shown for March 2016).
  function first(date) { return date + "-01-01".slice(date.length - 4); }
  function last(date) {
    if (date.length === 4) return date + "-12-31";
    if (date.length === 7) {
      var days = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate();
      return date + "-" + String(days).padStart(2, "0");
    }
    return date;
  }
  function eventPasses(d) {
    if (!state.types.has(d.type)) return false;
    if (state.country && d.countries.indexOf(state.country) < 0) return false;
    if (state.actor !== "" && !d.actors.some(function (a) { return String(a[0]) === state.actor; })) return false;
    if (state.from || state.to) {
      if (!d.date) return false;
      if (state.from && first(d.date) < state.from) return false;
      if (state.to && last(d.date) > state.to) return false;
    }
    return true;
  }
  function filtering() {
    return state.types.size !== data.types.length || state.country || state.actor !== "" || state.from || state.to;
  }
  function passingEvents() {
    var out = [];
    for (var i = 0; i < info.length; i++) if (info[i].kind === "event" && eventPasses(info[i])) out.push(i);
    return out;
  }
  function visibleFull() {
    var show = new Uint8Array(info.length);
    if (!filtering()) { show.fill(1); return show; }
    passingEvents().forEach(function (i) {
      show[i] = 1;
      info[i].actors.forEach(function (a) { show[a[0]] = 1; });
      info[i].places.forEach(function (p) { show[p] = 1; });
    });
    if (state.actor !== "") show[Number(state.actor)] = 1;
    return show;
  }
  function sizeOf(d) {
    if (d.kind === "event") return d.fatalities || 0;
    return state.weight === "fatalities" ? d.fatalities : d.events;
  }
  function applyFull() {
    var show = visibleFull();
    var changes = [];
    nodes.forEach(function (n) {
      var hidden = !show[n.id];
      var value = sizeOf(info[n.id]);
      if (n.hidden !== hidden || n.value !== value) changes.push({ id: n.id, hidden: hidden, value: value });
    });
    if (changes.length) nodes.update(changes);
    var shown = 0, shownEvents = 0;
    for (var i = 0; i < show.length; i++) if (show[i]) { shown++; if (info[i].kind === "event") shownEvents++; }
    setStatus(shown, shownEvents);
  }
  function relationOf(ra, rb) {
    var key = ra + "/" + rb;
    if (data.alongside.indexOf(key) >= 0) return "alongside";
    if (data.against.indexOf(key) >= 0) return "against";
    return "shared";
  }
  var coalitionOf = {};
  data.coalitions.forEach(function (group, g) { group.forEach(function (i) { coalitionOf[i] = g; }); });
  function actorColour(id, base) {
    if (state.colour !== "coalition") return base;
    var g = coalitionOf[id];
    var c = g === undefined ? "#d5d8dc" : palette.coalition[g % palette.coalition.length];
    return { background: c, border: "#37474f" };
  }
  function buildActorNetwork() {
    var evs = filtering() ? passingEvents() : info.map(function (d, i) { return i; }).filter(function (i) { return info[i].kind === "event"; });
    var stats = {}, pairs = {};
    evs.forEach(function (i) {
      var d = info[i];
      var parties = d.actors.filter(function (a) { return a[1] !== "source"; });
      parties.forEach(function (a) {
        var s = stats[a[0]] || (stats[a[0]] = { events: 0, fatalities: 0 });
        s.events += 1; s.fatalities += d.fatalities || 0;
      });
      for (var x = 0; x < parties.length; x++) for (var y = x + 1; y < parties.length; y++) {
        var a = parties[x], b = parties[y];
        var lo = Math.min(a[0], b[0]), hi = Math.max(a[0], b[0]);
        var key = lo + "-" + hi;
        var p = pairs[key] || (pairs[key] = { from: lo, to: hi, events: 0, fatalities: 0, alongside: 0, against: 0, shared: 0 });
        p.events += 1; p.fatalities += d.fatalities || 0; p[relationOf(a[1], b[1])] += 1;
      }
    });
    if (state.actor !== "" && !stats[state.actor]) stats[state.actor] = { events: 0, fatalities: 0 };
    var ns = Object.keys(stats).map(function (k) {
      var id = Number(k), d = info[id], pos = data.actorPos[k] || [0, 0];
      var base = nodes.get(id);
      return { id: id, label: base.label, shape: base.shape, color: actorColour(id, base.color), x: pos[0], y: pos[1],
        value: state.weight === "fatalities" ? stats[k].fatalities : stats[k].events };
    });
    var labelled = Object.keys(pairs).length <= data.edgeLabels;
    var es = Object.keys(pairs).map(function (k) {
      var p = pairs[k];
      var rel = p.alongside > p.against ? "alongside" : (p.against > 0 ? "against" : "shared");
      var w = state.weight === "fatalities" ? p.fatalities : p.events;
      return { id: k, from: p.from, to: p.to, value: w, color: { color: palette.relation[rel].color, opacity: 0.7 },
        label: labelled ? String(w) : undefined, relation: rel, events: p.events, fatalities: p.fatalities, arrows: { to: { enabled: false } } };
    });
    actorNodes.clear(); actorEdges.clear();
    actorNodes.add(ns); actorEdges.add(es);
    setStatus(ns.length, evs.length);
  }
  function setStatus(shown, shownEvents) {
    var total = state.mode === "full" ? info.length : Object.keys(state.mode === "map" ? data.geo.pos : data.actorPos).length;
    statusEl.textContent = "معروض " + shown + " من " + total + " · shown " + shown + " of " + total +
      " (" + shownEvents + " events)" + (data.omitted ? " · " + data.omitted +
      " less deadly events left out of this page · أحداث أقل دموية لم تُعرض" : "") +
      (data.idle ? " · " + data.idle + " actors/places in no event not drawn · أطراف وأماكن بلا أحداث لم تُرسم" : "");
  }
  var geoNodes = new vis.DataSet([]);
  function buildMap() {
    var show = visibleFull();
    var ns = [], shown = 0, shownEvents = 0;
    nodes.forEach(function (n) {
      var p = data.geo.pos[n.id];
      if (!p || !show[n.id]) return;
      ns.push({ id: n.id, label: n.label, shape: n.shape, color: n.color, value: sizeOf(info[n.id]), x: p[0], y: p[1] });
      shown++; if (info[n.id].kind === "event") shownEvents++;
    });
    geoNodes.clear(); geoNodes.add(ns);
    setStatus(shown, shownEvents);
  }
  network.on("beforeDrawing", function (ctx) {
    if (state.mode !== "map" || !data.geo.lat.length) return;
    var g = data.geo, s = g.scale;
    ctx.save();
    var px = 1 / network.getScale();  // graticule lines and labels keep their size on screen
    ctx.strokeStyle = "#dde3e8"; ctx.fillStyle = "#8a99a6"; ctx.lineWidth = px; ctx.font = Math.round(12 * px) + "px DejaVu Sans";
    // about ten lines across whatever the places span: 1, 2, 5, 10 or 20 degrees apart
    var span = Math.max(g.lat[1] - g.lat[0], g.lon[1] - g.lon[0]);
    var step = [1, 2, 5, 10, 20, 30].find(function (v) { return span / v <= 12; }) || 45;
    var lat0 = Math.floor(g.lat[0] / step) * step, lat1 = Math.ceil(g.lat[1] / step) * step;
    var lon0 = Math.floor(g.lon[0] / step) * step, lon1 = Math.ceil(g.lon[1] / step) * step;
    for (var lat = lat0; lat <= lat1; lat += step) {
      ctx.beginPath(); ctx.moveTo(lon0 * g.shrink * s, -lat * s); ctx.lineTo(lon1 * g.shrink * s, -lat * s); ctx.stroke();
      ctx.fillText(lat + "°", lon0 * g.shrink * s + 4 * px, -lat * s - 4 * px);
    }
    for (var lon = lon0; lon <= lon1; lon += step) {
      ctx.beginPath(); ctx.moveTo(lon * g.shrink * s, -lat0 * s); ctx.lineTo(lon * g.shrink * s, -lat1 * s); ctx.stroke();
      ctx.fillText(lon + "°", lon * g.shrink * s + 4 * px, -lat0 * s - 4 * px);
    }
    ctx.restore();
  });
  var lastMode = "full";
  function apply() {
    if (state.mode === "full") {
      if (lastMode !== "full") network.setData({ nodes: nodes, edges: edges });
      applyFull();
    } else if (state.mode === "map") {
      buildMap();
      if (lastMode !== "map") network.setData({ nodes: geoNodes, edges: edges });
    } else {
      buildActorNetwork();
      if (lastMode !== "actors") { network.setData({ nodes: actorNodes, edges: actorEdges }); }
    }
    if (lastMode !== state.mode) {
      // a fresh data set has no drawn sizes yet: fit now, and again once it has been drawn
      network.fit({ animation: false });
      network.once("afterDrawing", function () { network.fit({ animation: false }); });
      requestAnimationFrame(function () { requestAnimationFrame(function () { network.fit({ animation: false }); }); });
    }
    lastMode = state.mode;
  }
  function visibleIds() {
    var ds = state.mode === "full" ? nodes : (state.mode === "map" ? geoNodes : actorNodes);
    return ds.getIds({ filter: function (n) { return !n.hidden; } });
  }

  // ---- tooltips and details ------------------------------------------------------------
  function facts(d, full) {
    var dl = el("dl");
    function row(k, v) { if (v === undefined || v === null || v === "") return; dl.appendChild(el("dt", k)); var dd = el("dd"); if (v instanceof Node) dd.appendChild(v); else dd.textContent = String(v); dl.appendChild(dd); }
    if (d.kind === "event") {
      row("النوع · type", typeName(d.type));
      row("التاريخ · date", d.date || "—");
      row("الحالة · status", d.status);
      var fat = d.fatalities === null ? "—" : String(d.fatalities);
      if (d.fmin !== null && d.fmax !== null && d.fmin !== d.fmax) fat += " (" + d.fmin + "–" + d.fmax + ")";
      row("القتلى · fatalities", fat);
      row("الجرحى · injured", d.injured);
      row("الأطراف · actors", d.actors.map(function (a) { return (info[a[0]].ar || info[a[0]].en) + " (" + a[1] + ")"; }).join("، "));
      row("المكان · place", d.places.map(function (p) { return info[p].ar || info[p].en; }).join("، "));
    } else if (d.kind === "actor") {
      row("الصنف · kind", typeName(d.type));
      row("البلد · country", d.country);
      row("ويكي بيانات · Wikidata", d.wikidata);
      row("الأحداث · events", d.events);
      row("القتلى · fatalities", d.fatalities);
      if (d.reports) row("مصدر لـ · source of", d.reports + " events");
    } else {
      row("النوع · kind", d.place_kind);
      row("الإحداثيات · coordinates", d.lat === null ? "—" : d.lat.toFixed(4) + ", " + d.lon.toFixed(4));
      row("ضمن · within", d.parents.map(function (p) { return info[p].ar || info[p].en; }).join(" ← "));
      row("البلد · country", d.country);
      row("الأحداث · events", d.events);
      row("القتلى · fatalities", d.fatalities);
    }
    if (full) row("IRI", d.iri);
    return dl;
  }
  function sources(d, full, box) {
    (d.sources || []).slice(0, full ? 20 : 2).forEach(function (s) {
      s.sentences.slice(0, full ? 10 : 2).forEach(function (t) { box.appendChild(el("blockquote", t, "sentence")); });
      var meta = el("div", null, "source-meta");
      meta.appendChild(document.createTextNode("— " + (s.outlet || "?") + (s.published ? " · " + s.published : "") + " "));
      var href = safeHref(s.url);
      if (href && full) {
        var a = el("a", s.title || href);
        a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
        meta.appendChild(a);
      } else if (s.url) {
        meta.appendChild(el("span", s.url, "en"));
      }
      box.appendChild(meta);
    });
  }
  function header(d) { var h = el("h2"); h.appendChild(bilingual(d.ar, d.en)); return h; }
  network.on("hoverNode", function (p) {
    var d = info[p.node];
    if (!d) return;
    tooltip.replaceChildren(header(d), facts(d, false));
    sources(d, false, tooltip);
    var rect = container.getBoundingClientRect();
    tooltip.hidden = false;
    var x = rect.left + p.pointer.DOM.x + 14, y = rect.top + p.pointer.DOM.y + 14;
    tooltip.style.left = Math.min(x, window.innerWidth - tooltip.offsetWidth - 8) + "px";
    tooltip.style.top = Math.min(y, window.innerHeight - tooltip.offsetHeight - 8) + "px";
  });
  network.on("blurNode", function () { tooltip.hidden = true; });
  container.addEventListener("mouseleave", function () { tooltip.hidden = true; });
  network.on("dragStart", function () { tooltip.hidden = true; });
  network.on("hoverEdge", function (p) {
    var e = (state.mode === "actors" ? actorEdges : edges).get(p.edge);
    if (!e) return;
    if (state.mode !== "actors") {
      var from = info[e.from], to = info[e.to];
      tooltip.replaceChildren(el("div", (from.ar || from.en) + " → " + palette.role[e.role].ar + " · " + e.role + " → " + (to.ar || to.en)));
    } else {
      tooltip.replaceChildren(el("div", palette.relation[e.relation].ar + " · " + palette.relation[e.relation].en +
        " — " + e.events + " events, " + e.fatalities + " fatalities"));
    }
    tooltip.hidden = false;
    var rect = container.getBoundingClientRect();
    tooltip.style.left = (rect.left + p.pointer.DOM.x + 14) + "px";
    tooltip.style.top = (rect.top + p.pointer.DOM.y + 14) + "px";
  });
  network.on("blurEdge", function () { tooltip.hidden = true; });
  network.on("click", function (p) {
    if (!p.nodes.length) { details.hidden = true; return; }
    var d = info[p.nodes[0]];
    var close = el("button", "×", "close");
    close.type = "button"; close.title = "إغلاق · close";
    close.addEventListener("click", function () { details.hidden = true; });
    details.replaceChildren(close, header(d), facts(d, true));
    sources(d, true, details);
    if (d.kind === "actor") {
      var b = el("button", "أحداث هذا الفاعل · this actor's events");
      b.type = "button";
      b.addEventListener("click", function () { actorSel.value = String(p.nodes[0]); state.actor = actorSel.value; apply(); });
      details.appendChild(b);
    }
    details.hidden = false;
  });

  // ---- controls ----------------------------------------------------------------------
  var typesBox = document.getElementById("types");
  data.types.forEach(function (t) {
    var label = el("label");
    var box = el("input"); box.type = "checkbox"; box.checked = true; box.value = t.key; box.dataset.type = t.key;
    box.addEventListener("change", function () { if (box.checked) state.types.add(t.key); else state.types.delete(t.key); apply(); });
    var sw = el("span", null, "swatch"); sw.style.background = palette.event[t.key].color;
    label.append(box, sw, el("span", t.ar + " · " + t.en + " "), el("span", "(" + t.count + ")", "count"));
    typesBox.appendChild(label);
  });
  function setAllTypes(on) {
    typesBox.querySelectorAll("input").forEach(function (b) { b.checked = on; });
    state.types = new Set(on ? data.types.map(function (t) { return t.key; }) : []);
    apply();
  }
  document.getElementById("types-all").addEventListener("click", function () { setAllTypes(true); });
  document.getElementById("types-none").addEventListener("click", function () { setAllTypes(false); });
  var actorSel = document.getElementById("actor");
  data.actors.forEach(function (i) {
    var d = info[i];
    var o = el("option", (d.ar || d.en) + (d.ar && d.en ? " — " + d.en : "") + " (" + d.events + ")");
    o.value = String(i);
    actorSel.appendChild(o);
  });
  actorSel.addEventListener("change", function () { state.actor = actorSel.value; apply(); });
  var countrySel = document.getElementById("country");
  data.countries.forEach(function (c) {
    var o = el("option", c.code + " — " + c.name + " (" + c.count + ")");
    o.value = c.code;
    countrySel.appendChild(o);
  });
  countrySel.addEventListener("change", function () { state.country = countrySel.value; apply(); });
  var from = document.getElementById("date-from"), to = document.getElementById("date-to");
  if (data.dateRange) { from.min = to.min = data.dateRange[0]; from.max = to.max = data.dateRange[1]; }
  from.addEventListener("change", function () { state.from = from.value; apply(); });
  to.addEventListener("change", function () { state.to = to.value; apply(); });
  document.querySelectorAll("input[name=mode]").forEach(function (r) {
    r.addEventListener("change", function () { if (r.checked) { state.mode = r.value; apply(); } });
  });
  document.querySelectorAll("input[name=colour]").forEach(function (r) {
    r.addEventListener("change", function () {
      if (!r.checked) return;
      state.colour = r.value;
      if (state.mode === "full") {
        nodes.update(data.actors.map(function (i) { return { id: i, color: actorColour(i, { background: palette.actor[info[i].type].color, border: "#37474f" }) }; }));
      }
      apply();
    });
  });
  document.querySelectorAll("input[name=weight]").forEach(function (r) {
    r.addEventListener("change", function () { if (r.checked) { state.weight = r.value; apply(); } });
  });
  document.getElementById("reset").addEventListener("click", function () {
    typesBox.querySelectorAll("input").forEach(function (b) { b.checked = true; });
    state.types = new Set(data.types.map(function (t) { return t.key; }));
    state.actor = state.country = state.from = state.to = "";
    actorSel.value = countrySel.value = from.value = to.value = document.getElementById("search").value = "";
    document.getElementById("search-result").textContent = ""; network.unselectAll(); tooltip.hidden = true; details.hidden = true;
    apply(); network.fit({ animation: false });
  });

  // ---- search ------------------------------------------------------------------------
  function fold(s) {
    return String(s || "").toLowerCase().replace(/[\u064B-\u065F\u0670\u0640]/g, "")
      .replace(/[\u0623\u0625\u0622\u0671]/g, "\u0627").replace(/\u0629/g, "\u0647").replace(/\u0649/g, "\u064A");
  }
  var folded = null;
  var searchBox = document.getElementById("search"), searchResult = document.getElementById("search-result");
  var searchTimer = null;
  function search() {
    var q = fold(searchBox.value.trim());
    if (!folded) folded = info.map(function (d) { return fold(d.ar) + " " + fold(d.en); });
    if (q.length < 2) { searchResult.textContent = ""; network.unselectAll(); return []; }
    var shown = new Set(visibleIds());
    var hits = [];
    for (var i = 0; i < info.length; i++) if (info[i].kind !== "event" && shown.has(i) && folded[i].indexOf(q) >= 0) hits.push(i);
    searchResult.textContent = hits.length + " نتيجة · matches";
    network.selectNodes(hits);
    if (hits.length) network.fit({ nodes: hits.slice(0, 50), animation: false, maxZoomLevel: 1.5 });
    return hits;
  }
  searchBox.addEventListener("input", function () { clearTimeout(searchTimer); searchTimer = setTimeout(search, 200); });

  // ---- legend ------------------------------------------------------------------------
  var GLYPH = { diamond: "\u25C6", star: "\u2605", triangle: "\u25B2", triangleDown: "\u25BC", square: "\u25A0", dot: "\u25CF", hexagon: "\u2B22" };
  var legend = document.getElementById("legend-body");
  function legendRow(glyph, color, text) {
    var r = el("div", null, "row"); var g = el("span", glyph); g.style.color = color; g.style.fontSize = "14px";
    r.append(g, el("span", text)); legend.appendChild(r);
  }
  legend.appendChild(el("h3", "الأحداث · events"));
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

  apply();
  timings.applied = performance.now();
  network.fit({ animation: false });
  window.ckgView = { network: network, nodes: nodes, edges: edges, state: state, apply: apply, visibleIds: visibleIds,
    search: search, info: info, timings: timings };
  network.once("afterDrawing", function () { timings.drawn = performance.now(); document.body.dataset.ready = "1"; });
})();
