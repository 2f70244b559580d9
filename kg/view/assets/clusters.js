/* conflict-kg view: the clustered overview of a large graph.
   Past a few hundred nodes (kg/view/page.py: CLUSTER) the full graph opens as one node per
   country, sized by its events, linked where its events and actors meet other countries'.
   A click opens a country into its regions (first divisions: governorates, provinces), a
   click on a region opens it into its events, actors and places. Filters show everything
   unclustered, since a filter already makes the picture small. */
window.ckgClusters = function (network, info, data, palette) {
  "use strict";
  var names = {};
  data.countries.forEach(function (c) { names[c.code] = c; });
  var clusters = {}, opened = {}, on = false, moved = [];
  function count(ids) {
    var ev = 0, dead = 0;
    ids.forEach(function (i) { if (info[i].kind === "event") { ev++; dead += info[i].fatalities || 0; } });
    return { events: ev, dead: dead };
  }
  var PX = 45;  // pixels per degree where the overview puts each country
  function make(id, ids, ar, en, level, at) {
    var c = count(ids);
    if (level === "region" && (ids.length < 4 || !c.events)) return;
    if (ids.length < 2) {  // vis-network makes no cluster of one: move the node itself
      if (at) { network.moveNode(ids[0], at[1] * PX, -at[0] * PX); moved.push(ids[0]); }
      return;
    }
    var text = (ar && en && ar !== en ? ar + "\n" + en : ar || en) + "\n" +
      (c.events ? c.events + " events" + (c.dead ? " · " + c.dead + " dead" : "") : ids.length + " actors/places");
    var set = {};
    ids.forEach(function (i) { set[i] = 1; });
    network.cluster({
      joinCondition: function (n) { return set[n.id] === 1; },
      clusterNodeProperties: {
        // sized for the zoom each level is seen at: the world for countries, a country for regions
        id: id, text: text, shape: "dot", size: (level === "country" ? 60 : 6) * (1 + Math.sqrt(c.events) / 2),
        value: undefined, borderWidth: 2,
        color: { background: level === "country" ? "#546e7a" : "#90a4ae", border: "#263238" },
        font: { size: 0 }, label: undefined
      },
      clusterEdgeProperties: { color: { color: "#b0bec5", opacity: 0.6 }, arrows: { to: { enabled: false } } }
    });
    if (at) network.moveNode(id, at[1] * PX, -at[0] * PX);  // the country's own point
    // the places with no country are no place to start from: their cluster ranks below every country's
    var lead = id === "country:-" ? 0 : 1000;
    clusters[id] = { text: text, rank: lead + c.events * 3 + c.dead, ids: ids, level: level };
  }
  function byCountry() {
    var groups = {};
    Object.keys(data.overviewPos).forEach(function (k) {  // geography, before the clusters form
      var p = data.overviewPos[k];
      network.moveNode(Number(k), p[0], p[1]);
    });
    info.forEach(function (d, i) {
      var g = d.group[0] || "-";
      if (d.idle || opened["country:" + g]) return;
      (groups[g] = groups[g] || []).push(i);
    });
    Object.keys(groups).sort().forEach(function (g) {
      var c = g === "-" ? { name: "no country", ar: "بلا بلد" } : (names[g] || { name: g, ar: "" });
      make("country:" + g, groups[g], c.ar, c.name, "country", data.countryPos[g] || [-45, -25]);  // unknown: the South Atlantic
    });
    Object.keys(opened).forEach(function (id) { if (id.indexOf("country:") === 0) byRegion(id.slice(8)); });
  }
  function byRegion(code) {
    var groups = {};
    info.forEach(function (d, i) {
      if (d.group[0] !== code || d.group[1] < 0 || d.idle || opened["region:" + d.group[1]]) return;
      (groups[d.group[1]] = groups[d.group[1]] || []).push(i);
    });
    Object.keys(groups).forEach(function (r) {
      var p = info[Number(r)];
      make("region:" + r, groups[r], p.ar, p.en, "region");
      if (clusters["region:" + r]) clusters["region:" + r].parent = "country:" + code;
    });
  }
  function stay(at, children) {  // open in place: every child back where geography put it
    var out = {};
    Object.keys(children).forEach(function (k) { out[k] = { x: children[k].x, y: children[k].y }; });
    return out;
  }
  function openAll() {
    // setData drops every cluster at once: openCluster one by one took 5 s for 5,000 nodes
    network.setData({ nodes: network.body.data.nodes, edges: network.body.data.edges });
    network.fit({ animation: false });
    clusters = {}; moved = [];
  }
  return {
    sync: function (want) {
      if (want && !on) { byCountry(); on = true; }
      else if (!want && on) { openAll(); on = false; }
      return on;
    },
    open: function (id) {
      if (!clusters[id] || !network.isCluster(id)) return false;
      var c = clusters[id];
      network.openCluster(id, { releaseFunction: stay });
      delete clusters[id];
      opened[id] = 1;
      if (c.level === "country") byRegion(id.slice(8));
      var shown = {};
      network.body.nodeIndices.forEach(function (n) { shown[n] = 1; });
      // fit what the click opened: the regions and loose nodes that were inside
      var inside = Object.keys(clusters).filter(function (k) { return clusters[k].parent === id; })
        .concat(c.ids.filter(function (i) { return shown[i]; }));
      if (inside.length) network.fit({ nodes: inside.slice(0, 400), animation: false });
      return true;
    },
    reveal: function (i) {  // open whatever cluster holds node i (search found it inside)
      var guard = 0;
      while (guard++ < 3) {
        var path = network.findNode(i);
        if (path.length < 2) return;
        this.open(path[0]);
      }
    },
    labels: function () {
      return Object.keys(clusters).filter(function (id) { return network.isCluster(id); })
        .map(function (id) { return { id: id, text: clusters[id].text, rank: clusters[id].rank, cluster: true }; });
    },
    active: function () { return on; }
  };
};
