/* conflict-kg view: the DOM side of tooltips and the details panel. Every string from the
   data reaches the DOM through textContent, never innerHTML: names and sentences come from
   news articles and are untrusted. Links are made only for http(s). */
window.ckgDom = function (data) {
  "use strict";
  var info = data.info;
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
  function typeName(kind, key) { var t = (data.labels[kind] || {})[key]; return t ? t.ar + " · " + t.en : key; }

  function facts(d, full) {
    var dl = el("dl");
    function row(k, v) { if (v === undefined || v === null || v === "") return; dl.appendChild(el("dt", k)); var dd = el("dd"); if (v instanceof Node) dd.appendChild(v); else dd.textContent = String(v); dl.appendChild(dd); }
    if (d.kind === "event") {
      row("النوع · type", typeName("event", d.type));
      row("التاريخ · date", d.date || "—");
      row("الحالة · status", d.status);
      var fat = d.fatalities === null ? "—" : String(d.fatalities);
      if (d.fmin !== null && d.fmax !== null && d.fmin !== d.fmax) fat += " (" + d.fmin + "–" + d.fmax + ")";
      row("القتلى · fatalities", fat);
      row("الجرحى · injured", d.injured);
      row("الأطراف · actors", d.actors.map(function (a) { return (info[a[0]].ar || info[a[0]].en) + " (" + a[1] + ")"; }).join("، "));
      row("المكان · place", d.places.map(function (p) { return info[p].ar || info[p].en; }).join("، "));
    } else if (d.kind === "actor") {
      row("الصنف · kind", typeName("actor", d.type));
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
  return { el: el, bilingual: bilingual, typeName: typeName, facts: facts, sources: sources, header: header };
};
