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
    actor: "", country: "", from: "", to: "", idle: !!data.showIdle, selected: null, hovered: null
  };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  timings.network = performance.now();
  var clusters = window.ckgClusters(network, info, data, palette);
  function clusterLabels() { return state.mode === "full" ? clusters.labels() : []; }
  function openCluster(id) { if (!clusters.open(id)) return false; ranked = null; network.redraw(); return true; }
  var actorNodes = new vis.DataSet([]);
  var actorEdges = new vis.DataSet([]);

  var dom = window.ckgDom(data);
  var el = dom.el, typeName = dom.typeName;

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
    if (!filtering()) {
      for (var i = 0; i < info.length; i++) show[i] = state.idle || !info[i].idle ? 1 : 0;
      return show;
    }
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
    var cluster = data.cluster && !filtering() && !state.idle;
    if (!cluster) clusters.sync(false);
    var show = visibleFull();
    var changes = [];
    nodes.forEach(function (n) {
      var hidden = !show[n.id];
      var value = sizeOf(info[n.id]);
      if (n.hidden !== hidden || n.value !== value) changes.push({ id: n.id, hidden: hidden, value: value });
    });
    if (changes.length) nodes.update(changes);
    clusters.sync(cluster);
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
      return { id: id, text: base.text, shape: base.shape, color: actorColour(id, base.color), x: pos[0], y: pos[1],
        value: state.weight === "fatalities" ? stats[k].fatalities : stats[k].events };
    });
    var es = Object.keys(pairs).map(function (k) {
      var p = pairs[k];
      var rel = p.alongside > p.against ? "alongside" : (p.against > 0 ? "against" : "shared");
      var w = state.weight === "fatalities" ? p.fatalities : p.events;
      return { id: k, from: p.from, to: p.to, value: w, color: { color: palette.relation[rel].color, opacity: 0.7 },
        weight: String(w), relation: rel, events: p.events, fatalities: p.fatalities, arrows: { to: { enabled: false } } };
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
      (data.idle && !state.idle ? " · " + data.idle + " actors/places in no event hidden · أطراف وأماكن بلا أحداث مخفية" : "");
  }
  var geoNodes = new vis.DataSet([]);
  function buildMap() {
    var show = visibleFull();
    var ns = [], shown = 0, shownEvents = 0, most = 1;
    info.forEach(function (d) { if (d.kind === "event") most = Math.max(most, d.fatalities || 0); });
    nodes.forEach(function (n) {
      var p = data.geo.pos[n.id], d = info[n.id];
      if (!p || !show[n.id]) return;
      if (d.kind === "event") {  // a point sized by its dead
        ns.push({ id: n.id, text: n.text, shape: "dot", color: n.color, x: p[0], y: p[1],
          px: 4 + 20 * Math.sqrt((d.fatalities || 0) / most) });
        shownEvents++;
      } else {
        ns.push({ id: n.id, text: n.text, shape: "square", color: { background: "#37474f", border: "#263238" },
          x: p[0], y: p[1], px: 2.5 });
      }
      shown++;
    });
    geoNodes.clear(); geoNodes.add(ns);
    setStatus(shown, shownEvents);
  }
  var mapLayer = window.ckgMapLayer(network, data.geo, function () { return state.mode === "map"; });
  // the clustered overview puts countries where they are (OVERVIEW_PX pixels a degree): the same
  // outlines under it, unshrunk, so the clusters read as a map of where the events are
  window.ckgMapLayer(network, Object.assign({}, data.geo, { scale: 45, shrink: 1 }),
    function () { return state.mode === "full" && clusters.active(); }, true);
  var noEdges = new vis.DataSet([]);
  var lastMode = "full";
  function apply() {
    if (state.mode === "full") {
      if (lastMode !== "full") { clusters.sync(false); network.setData({ nodes: nodes, edges: edges }); }
      applyFull();
    } else if (state.mode === "map") {
      clusters.sync(false);
      buildMap();
      if (lastMode !== "map") network.setData({ nodes: geoNodes, edges: noEdges });
      mapLayer.sizes();
    } else {
      clusters.sync(false);
      buildActorNetwork();
      if (lastMode !== "actors") { network.setData({ nodes: actorNodes, edges: actorEdges }); }
    }
    if (lastMode !== state.mode) {
      // a fresh data set has no drawn sizes yet: fit now, and again once it has been drawn
      var fit = state.mode === "map" ? mapLayer.fit : function () { network.fit({ animation: false }); };
      fit();
      network.once("afterDrawing", fit);
      requestAnimationFrame(function () { requestAnimationFrame(fit); });
    }
    lastMode = state.mode;
    timings.applies = (timings.applies || 0) + 1;
    ranked = null;
    edgeLabels();
  }
  function visibleIds() {
    var ds = state.mode === "full" ? nodes : (state.mode === "map" ? geoNodes : actorNodes);
    return ds.getIds({ filter: function (n) { return !n.hidden; } });
  }

  // ---- labels: nodes by rank without overlap, edges only around the hovered/selected node ----
  var ranked = null;
  function currentNodes() { return state.mode === "full" ? nodes : (state.mode === "map" ? geoNodes : actorNodes); }
  function candidates() {
    if (!ranked) {
      ranked = [];
      currentNodes().forEach(function (n) { if (!n.hidden) ranked.push({ id: n.id, text: n.text, rank: info[n.id].rank }); });
      clusterLabels().forEach(function (c) { ranked.push(c); });
      ranked.sort(function (a, b) { return b.rank - a.rank || (a.id < b.id ? -1 : 1); });
    }
    return ranked;
  }
  function priority() {
    var out = [];
    [state.hovered, state.selected].forEach(function (id) {
      if (id !== null && info[id]) out.push({ id: id, text: currentNodes().get(id) ? currentNodes().get(id).text : "", strong: true });
    });
    return out;
  }
  var labelLayer = window.ckgLabelLayer(network, { candidates: candidates, priority: priority });
  var labelledEdges = [];
  function edgeLabels() {
    var ds = state.mode === "full" ? edges : (state.mode === "actors" ? actorEdges : null);
    var focus = state.hovered !== null ? state.hovered : state.selected;
    var want = ds && focus !== null && info[focus] ? network.getConnectedEdges(focus) : [];
    var clear = labelledEdges.filter(function (id) { return want.indexOf(id) < 0; });
    var changes = [];
    if (ds) {
      clear.forEach(function (id) { if (ds.get(id)) changes.push({ id: id, label: undefined }); });
      want.forEach(function (id) {
        var e = ds.get(id);
        if (!e) return;
        var text = state.mode === "actors" ? palette.relation[e.relation].ar + " · " + e.weight : palette.role[e.role].ar + " · " + e.role;
        if (e.label !== text) changes.push({ id: id, label: text });
      });
      if (changes.length) ds.update(changes);
    }
    labelledEdges = want;
  }
  network.on("selectNode", function (p) { state.selected = p.nodes[0]; edgeLabels(); });
  network.on("deselectNode", function () { state.selected = null; edgeLabels(); });

  // ---- tooltips and details ------------------------------------------------------------
  var facts = dom.facts, sources = dom.sources, header = dom.header;
  network.on("hoverNode", function (p) {
    var d = info[p.node];
    if (!d) return;
    state.hovered = p.node; edgeLabels();
    tooltip.replaceChildren(header(d), facts(d, false));
    sources(d, false, tooltip);
    var rect = container.getBoundingClientRect();
    tooltip.hidden = false;
    var x = rect.left + p.pointer.DOM.x + 14, y = rect.top + p.pointer.DOM.y + 14;
    tooltip.style.left = Math.min(x, window.innerWidth - tooltip.offsetWidth - 8) + "px";
    tooltip.style.top = Math.min(y, window.innerHeight - tooltip.offsetHeight - 8) + "px";
  });
  network.on("blurNode", function () { tooltip.hidden = true; state.hovered = null; edgeLabels(); });
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
    if (openCluster(p.nodes[0])) return;
    showDetails(p.nodes[0]);
  });
  function showDetails(id) {
    var d = info[id];
    var close = el("button", "×", "close");
    close.type = "button"; close.title = "إغلاق · close";
    close.addEventListener("click", function () { details.hidden = true; });
    details.replaceChildren(close, header(d), facts(d, true));
    sources(d, true, details);
    if (d.kind === "actor") {
      var b = el("button", "أحداث هذا الفاعل · this actor's events");
      b.type = "button";
      b.addEventListener("click", function () { actorSel.value = String(id); state.actor = actorSel.value; apply(); });
      details.appendChild(b);
    }
    details.hidden = false;
  }

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
  from.addEventListener("change", function () { state.from = from.value; syncTimeline(); apply(); });
  to.addEventListener("change", function () { state.to = to.value; syncTimeline(); apply(); });
  // the timeline: two sliders over the days the events span, bound to the date fields
  var tlFrom = document.getElementById("timeline-from"), tlTo = document.getElementById("timeline-to");
  var tlText = document.getElementById("timeline-text"), DAY = 86400000;
  var day0 = data.dateRange ? Date.parse(data.dateRange[0] + "T00:00:00Z") : 0;
  var days = data.dateRange ? Math.round((Date.parse(data.dateRange[1] + "T00:00:00Z") - day0) / DAY) : 0;
  if (!data.dateRange) document.getElementById("timeline").hidden = true;
  tlFrom.max = tlTo.max = String(days); tlTo.value = String(days);
  function dayText(n) { return new Date(day0 + Number(n) * DAY).toISOString().slice(0, 10); }
  function syncTimeline() {
    tlFrom.value = state.from ? String(Math.round((Date.parse(state.from + "T00:00:00Z") - day0) / DAY)) : "0";
    tlTo.value = state.to ? String(Math.round((Date.parse(state.to + "T00:00:00Z") - day0) / DAY)) : String(days);
    tlText.textContent = data.dateRange ? dayText(tlFrom.value) + " → " + dayText(tlTo.value) : "";
  }
  var tlTimer = null;
  function onTimeline(moved) {
    if (Number(tlFrom.value) > Number(tlTo.value)) { if (moved === tlFrom) tlTo.value = tlFrom.value; else tlFrom.value = tlTo.value; }
    state.from = from.value = Number(tlFrom.value) > 0 ? dayText(tlFrom.value) : "";
    state.to = to.value = Number(tlTo.value) < days ? dayText(tlTo.value) : "";
    tlText.textContent = dayText(tlFrom.value) + " → " + dayText(tlTo.value);
    clearTimeout(tlTimer); tlTimer = setTimeout(apply, 60);
  }
  tlFrom.addEventListener("input", function () { onTimeline(tlFrom); });
  tlTo.addEventListener("input", function () { onTimeline(tlTo); });
  syncTimeline();
  var idleBox = document.getElementById("show-idle");
  idleBox.checked = state.idle;
  document.getElementById("idle-count").textContent = "(" + data.idle + ")";
  if (!data.idle) idleBox.disabled = true;
  idleBox.addEventListener("change", function () { state.idle = idleBox.checked; apply(); });
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
    syncTimeline();
    state.idle = idleBox.checked = !!data.showIdle;
    document.getElementById("search-result").textContent = ""; network.unselectAll(); state.selected = state.hovered = null; tooltip.hidden = true; details.hidden = true;
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
    // the best first: a whole-name match, then the node that matters most
    function exact(i) { return fold(info[i].ar) === q || fold(info[i].en) === q ? 0 : 1; }
    hits.sort(function (a, b) { return exact(a) - exact(b) || info[b].rank - info[a].rank || a - b; });
    searchResult.replaceChildren(el("div", hits.length + " نتيجة · matches"));
    hits.slice(0, 12).forEach(function (i) {
      var b = el("button", (info[i].ar || info[i].en) + (info[i].ar && info[i].en ? " · " + info[i].en : ""), "hit");
      b.type = "button"; b.dataset.node = String(i);
      b.addEventListener("click", function () { focusNode(i); });
      searchResult.appendChild(b);
    });
    if (!hits.length) { network.unselectAll(); state.selected = state.hovered = null; details.hidden = true; return hits; }
    if (state.mode === "full") hits.slice(0, 50).forEach(function (i) { clusters.reveal(i); });
    ranked = null;
    network.selectNodes(hits.filter(function (i) { return network.findNode(i).length; }));
    network.fit({ nodes: hits.slice(0, 50), animation: false, maxZoomLevel: 1.5 });
    state.selected = hits[0];
    showDetails(hits[0]);
    edgeLabels();
    return hits;
  }
  function focusNode(i) {
    if (state.mode === "full") clusters.reveal(i);
    ranked = null;
    network.selectNodes([i]); state.selected = i;
    network.focus(i, { scale: Math.max(network.getScale(), 1), animation: false });
    showDetails(i); edgeLabels();
  }
  searchBox.addEventListener("input", function () { clearTimeout(searchTimer); searchTimer = setTimeout(search, 200); });

  window.ckgLegend(data, info, palette, el);

  apply();
  timings.applied = performance.now();
  network.fit({ animation: false });
  window.ckgView = { network: network, nodes: nodes, edges: edges, state: state, apply: apply, visibleIds: visibleIds,
    search: search, info: info, timings: timings, labels: labelLayer, map: mapLayer.stats, clusters: clusters,
    openCluster: openCluster };
  network.once("afterDrawing", function () { timings.drawn = performance.now(); document.body.dataset.ready = "1"; });
})();
