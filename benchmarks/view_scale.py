"""How the graph page scales: generation time and headless-Chromium open time by node count.

    .venv/bin/python -m benchmarks.view_scale [100 1000 5000]

Builds a synthetic graph of about N nodes (events, actors and places with parents, through
the real record -> RDF builder), times projection + layout + page generation, then opens the
page in headless Chromium (network offline) and times until vis-network has drawn it, and how
long a filter change takes to apply. Target: 5,000 nodes generated in < 5 s, open < 10 s.
generate_cpu_s is the process's CPU time, which other jobs on a shared machine do not inflate.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from kg.vocab.record import Actor, Event, EventActor, ExtractionRecord, Mention, Place

_SYL = ["قا", "سم", "ري", "دل", "بو", "حا", "نو", "ظه", "شي", "مر", "عي", "طا", "كو", "فل", "جب"]
_TRIGGERS = [("battle", "اشتبك"), ("air_strike", "قصفت"), ("shelling", "استهدفت"), ("attack", "هاجم"),
             ("explosion", "انفجار"), ("arrest", "اعتقلت"), ("protest", "تظاهر")]  # fmt: skip
_KINDS = ["state_force", "armed_group", "militia", "foreign_force", "civilians", "person"]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYL) for _ in range(parts))


def synthetic_records(n_nodes: int, seed: int = 0) -> list[ExtractionRecord]:
    """About n_nodes nodes: 70% events, 20% actors, 10% places (a tree under 3 countries)."""
    rng = random.Random(seed)
    n_events = max(1, int(n_nodes * 0.7))
    actors = [(f"syn.actor.{i}", _name(rng, 3), rng.choice(_KINDS)) for i in range(max(2, n_nodes // 5))]
    countries = [("syn.c.0", "سوريا", "SYR"), ("syn.c.1", "العراق", "IRQ"), ("syn.c.2", "اليمن", "YEM")]
    places: list[tuple[str, str, str, str | None]] = [(pid, name, c, None) for pid, name, c in countries]
    for i in range(max(1, n_nodes // 10) - len(countries)):
        parent = rng.choice(places[: max(3, len(places) // 3)])
        places.append((f"syn.p.{i}", _name(rng, 2) + " " + _name(rng, 2), parent[2], parent[0]))
    coords = {p[0]: (30 + rng.random() * 8, 36 + rng.random() * 8) for p in places}
    records = []
    per_article = 3
    for a in range((n_events + per_article - 1) // per_article):
        text, acts, locs, evs = "", {}, {}, []
        for k in range(min(per_article, n_events - a * per_article)):
            etype, trig = rng.choice(_TRIGGERS)
            start = len(text)
            text += trig + " "
            members = rng.sample(actors, 2)
            ea = []
            for role, (aid, name, kind) in zip(("attacker", "target"), members, strict=True):
                s = len(text)
                text += name + " "
                acts.setdefault(aid, Actor(aid, name, None, kind, lexicon_id=aid, mentions=[]))
                acts[aid].mentions.append(Mention(name, s, s + len(name)))
                ea.append(EventActor(aid, role))
            pid, pname, country, parent = rng.choice(places[len(countries) :] or places)
            chain = [(pid, pname, country, parent)]
            while chain[-1][3] is not None:
                chain.append(next(p for p in places if p[0] == chain[-1][3]))
            text += "في "
            s = len(text)
            text += pname + ".\n"
            for j, (qid, qname, qc, qparent) in enumerate(chain):
                if qid not in locs:
                    locs[qid] = Place(qid, qname, None, "country" if qparent is None else "town",
                                      lat=coords[qid][0], lon=coords[qid][1], country=qc,
                                      within=qparent, lexicon_id=qid, mentions=[])  # fmt: skip
                if j == 0:
                    locs[qid].mentions.append(Mention(qname, s, s + len(qname)))
            fat = rng.choice([None, 0, 1, 2, 5, 12, 40])
            evs.append(Event(f"e{k}", etype, Mention(trig, start, start + len(trig)), ea, [pid],
                             date=f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                             date_precision="day", fatalities=fat))  # fmt: skip
        records.append(
            ExtractionRecord(
                f"syn-{a}",
                list(acts.values()),
                list(locs.values()),
                evs,
                meta={"outlet": "synthetic", "url": f"https://example.org/{a}", "published": "2016-12-31"},
                text=text,
            )
        )
    return records


def run(n_nodes: int, browser: object | None) -> dict[str, float]:
    from kg.graph.build import build_graph
    from kg.view.page import write_view
    from kg.view.project import project

    graph = build_graph(synthetic_records(n_nodes))
    c0, t0 = time.process_time(), time.perf_counter()
    view = project(graph)
    t1 = time.perf_counter()
    out = Path(tempfile.mkdtemp(prefix="ckg-view-")) / "graph.html"
    write_view(view, out)
    c2, t2 = time.process_time(), time.perf_counter()
    row = {"nodes": view.number_of_nodes(), "edges": view.number_of_edges(), "project_s": t1 - t0,
           "page_s": t2 - t1, "generate_s": t2 - t0, "generate_cpu_s": c2 - c0,
           "mb": out.stat().st_size / 1e6}  # fmt: skip
    if browser is not None:
        row["open_s"] = browser.open(out.resolve().as_uri(), timeout=120)
        t = time.perf_counter()
        browser.evaluate("document.querySelector('#types input').click(), ckgView.visibleIds().length")
        row["filter_s"] = time.perf_counter() - t
        browser.drain(0.2)
        row["external_requests"] = len(browser.observed.external)
        row["errors"] = len(browser.observed.errors)
    return row


def main(argv: list[str]) -> int:
    from kg.view.headless import Browser

    sizes = [int(a) for a in argv] or [100, 1000, 5000]
    with Browser(timeout=120) as b:
        for n in sizes:
            r = run(n, b)
            print(
                "  ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in r.items()),
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
