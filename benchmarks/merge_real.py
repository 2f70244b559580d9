"""Cross-article merging on real reports: multi-outlet clusters and look-alike pairs.

    python -m benchmarks.merge_real [--all] [--shared DIR] [--data FILE]

benchmarks/data/merge_clusters.json holds, stand-off (article ids and character spans, no
text), incidents of the ANT 2018 corpus (../shared/train/ant-2018-news.jsonl.gz) each told by
two or three outlets, a few incidents told once, and look-alike pairs: different incidents
that look alike (same type and theatre on the same or adjacent days, same city or group a few
days apart). They were found by publication date, place and event words, and decided from the
articles' text alone; no article of the annotated test split is among them.

The script reads those articles, extracts them with the default pipeline, writes the records and
builds the graph with cross-article merging as `conflict-kg build` does
(kg.graph.merge.build_merged_graph over the records read back). An article's events for an
incident are its events of the incident's type family with a trigger or mention inside the
incident's spans; the graph says which event each of them became a report of (ckg:reportOf).

Pairwise over article pairs: a pair is merged when their events for their incidents share an
event. Recall: merged pairs of the same incident / all pairs of the same incident. Precision:
merged pairs of the same incident / all merged pairs, over every pair of articles (same
incident, look-alike pair or any two different incidents). Printed per cluster: merged fully
(one event holds every article), partly or not at all, and for pairs left apart what the
records show (no event in the span, undated, dates apart, no place in common, ...). Then every
look-alike pair: kept apart or merged.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path

DATA = Path(__file__).with_name("data") / "merge_clusters.json"

VIOLENCE = frozenset(
    {"battle", "air_strike", "shelling", "explosion", "attack", "violence_against_civilians"}
)
DEMONSTRATION = frozenset({"protest", "riot"})
# The event types that count as an article's telling of an incident of each type. Fighting and
# its one-sided forms are one family (outlets call the same strike a «قصف» or a «غارة», an
# assault a battle or an attack); a protest met with fire or turning violent may be told as
# either family, so demonstrations accept both.
ACCEPT = {t: VIOLENCE for t in VIOLENCE} | {t: DEMONSTRATION | VIOLENCE for t in DEMONSTRATION}


@dataclass
class Found:
    """One article's events for one incident."""

    incident: str
    article: str
    outlet: str
    events: list = field(default_factory=list)  # kg.vocab.record.Event of the record, in the span
    other: list = field(default_factory=list)  # events in the span of another type family
    canon: set[str] = field(default_factory=set)  # the graph events they are reports of


def fail(msg: str) -> int:
    print(f"merge_real: {msg}", file=sys.stderr)
    return 2


def load_articles(data: dict, shared: Path | None) -> dict:
    from kg.training.corpus import ANT, article_of, shared_dir

    root = shared_dir(shared)  # FileNotFoundError naming the corpus file when it is missing
    want = {r["article"]: r for inc in data["clusters"] + data["singles"] for r in inc["reports"]}
    rows = {}
    with gzip.open(root / ANT, "rt", encoding="utf-8") as fh:
        for line in fh:
            if '"id"' not in line:
                continue
            row = json.loads(line)
            if row["id"] in want:
                rows[row["id"]] = row
    missing = sorted(set(want) - set(rows))
    if missing:
        shown = ", ".join(missing[:3])
        raise LookupError(f"{root / ANT}: {len(missing)} benchmark articles not found ({shown})")
    for aid, rep in want.items():
        if len(rows[aid]["text"]) != rep["chars"]:
            raise LookupError(
                f"{root / ANT}: article {aid} is {len(rows[aid]['text'])} characters, "
                f"the spans were made on {rep['chars']}"
            )
    return {aid: article_of(row) for aid, row in rows.items()}


def build(articles: dict):
    """Extract with the defaults, write and read back the records, merge as `build` does."""
    from kg.extract import Extractor
    from kg.graph.merge import build_merged_graph
    from kg.run.pipeline import read_record, write_record

    ex = Extractor()
    with tempfile.TemporaryDirectory() as tmp:
        paths = [write_record(ex(articles[aid]), Path(tmp)) for aid in sorted(articles)]
        records = {r.article_id: r for r in map(read_record, paths)}
    graph, state = build_merged_graph(list(records.values()))
    return records, graph, state


def mentions(e) -> list:
    return [e.trigger, *e.mentions]


def in_spans(e, spans: list) -> bool:
    return any(a <= m.start and m.end <= b for m in mentions(e) for a, b in spans)


def find(data: dict, records: dict, graph) -> list[Found]:
    from kg.graph import iris
    from kg.vocab import terms as T
    from kg.vocab.terms import DEFAULT_BASE

    out = []
    for inc in data["clusters"] + data["singles"]:
        accept = ACCEPT.get(inc["type"], VIOLENCE)
        for rep in inc["reports"]:
            rec = records[rep["article"]]
            f = Found(inc["id"], rep["article"], rep["outlet"])
            for e in rec.events:
                if not in_spans(e, rep["spans"]):
                    continue
                if e.type in accept:
                    f.events.append(e)
                    report = iris.report_iri(DEFAULT_BASE, rec.article_id, e.id)
                    ev = graph.value(report, T.reportOf)
                    if ev is None:  # not in the graph (a rejected record): its own event
                        ev = iris.event_iri(DEFAULT_BASE, rec.article_id, e.id)
                    f.canon.add(str(ev))
                else:
                    f.other.append(e)
            out.append(f)
    return out


# --- why two tellings stayed apart, from what the records say -------------------------------


def _fold(s: str) -> str:
    from kg.arabic.normalise import search_key  # the product's own folding

    return search_key(s)


def places_of(rec, e) -> tuple[set[str], set[str]]:
    """The event's places and their containers (folded labels), countries apart."""
    by_id = {p.id: p for p in rec.locations}
    own, up = set(), set()
    for pid in e.locations:
        p = by_id.get(pid)
        seen = 0
        first = True
        while p is not None and seen < 12:
            if p.kind != "country":
                (own if first else up).add(_fold(p.label_ar))
            first = False
            p = by_id.get(p.within) if p.within else None
            seen += 1
    return own, up


def place_labels(rec, e) -> str:
    by_id = {p.id: p for p in rec.locations}
    return ", ".join(by_id[p].label_ar for p in e.locations if p in by_id) or "no place"


def day(e) -> date | None:
    if e.date and len(e.date) == 10 and e.date_precision == "day":
        try:
            return date.fromisoformat(e.date)
        except ValueError:
            return None
    return None


def why_apart(fa: Found, fb: Found, records: dict, state) -> str:
    for f in (fa, fb):
        if not f.events:
            seen = sorted({e.type for e in f.other})
            extra = f" (only {', '.join(seen)})" if seen else ""
            return f"no event in the span of {f.article}{extra}"
    best = None
    for ea in fa.events:
        for eb in fb.events:
            ra, rb = records[fa.article], records[fb.article]
            reasons = []
            undated = [f.article for f, e in ((fa, ea), (fb, eb)) if not e.date]
            if undated:
                reasons.append("undated: " + ", ".join(undated))
            da, db = day(ea), day(eb)
            if da and db and abs((da - db).days) > 1:
                reasons.append(f"dates {da} vs {db}")
            oa, ua = places_of(ra, ea)
            ob, ub = places_of(rb, eb)
            if not (oa or ua) or not (ob or ub):
                reasons.append(
                    "no place below the country: "
                    + ", ".join(f.article for f, o, u in ((fa, oa, ua), (fb, ob, ub)) if not (o or u))
                )
            elif not (oa & ob or oa & ub or ob & ua):
                reasons.append(f"no place in common ({place_labels(ra, ea)} | {place_labels(rb, eb)})")
            if (ea.type in VIOLENCE) != (eb.type in VIOLENCE):
                reasons.append(f"types {ea.type} vs {eb.type}")
            if not reasons:
                key_a = str(_event_key(fa.article, ea.id))
                key_b = str(_event_key(fb.article, eb.id))
                edge = getattr(state, "edges", {}).get(key_a, {}).get(key_b)
                if edge is not None:
                    reasons.append(f"matched (score {edge.score}) but clustered apart")
                else:
                    reasons.append(
                        f"type, date and place agree ({ea.type} {ea.date} / {eb.type} {eb.date}) "
                        "but the matcher did not pair them"
                    )
            if best is None or len(reasons) < len(best):
                best = reasons
    return "; ".join(best or [])


def matcher_reason(fa: Found, fb: Found, state) -> str:
    """The matcher's own verdict on the closest of the two tellings' event pairs (kg.graph.match)."""
    from kg.graph.match import judge

    if not fa.events or not fb.events:
        return "no event in the span"
    best = None
    for ea in fa.events:
        for eb in fb.events:
            a = state.features.get(str(_event_key(fa.article, ea.id)))
            b = state.features.get(str(_event_key(fb.article, eb.id)))
            if a is None or b is None:
                continue
            v = judge(a, b, state.rules)
            if v.reason is None:
                return "matched, clustered apart"
            if best is None or v.score > best.score:
                best = v
    return best.reason if best else "not in the merge state"


def _event_key(article_id: str, event_id: str):
    from kg.graph import iris
    from kg.vocab.terms import DEFAULT_BASE

    return iris.event_iri(DEFAULT_BASE, article_id, event_id)


def describe(f: Found, rec, names: dict[str, str]) -> str:
    if not f.events:
        seen = ", ".join(sorted({e.type for e in f.other})) or "none"
        return f"    {f.article} ({f.outlet}): no event in the span (other types there: {seen})"
    parts = []
    for e in f.events:
        toll = f", {e.fatalities} dead" if e.fatalities is not None else ""
        parts.append(f"{e.type} {e.date or 'undated'} @ {place_labels(rec, e)}{toll}")
    ev = ", ".join(sorted(names[c] for c in f.canon))
    return f"    {f.article} ({f.outlet}) -> {ev}: " + " | ".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--all", action="store_true", help="details for every cluster, not only the unmerged")
    ap.add_argument("--shared", type=Path, default=None, help="the shared folder (default: ../shared)")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    try:
        data = json.loads(args.data.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return fail(f"{args.data}: {exc}")
    try:
        articles = load_articles(data, args.shared)
    except (FileNotFoundError, LookupError) as exc:
        return fail(str(exc).strip("'\""))

    records, graph, state = build(articles)
    found = find(data, records, graph)
    by_inc: dict[str, list[Found]] = defaultdict(list)
    for f in found:
        by_inc[f.incident].append(f)

    # every pair of (incident, article) tellings from two different articles
    tp = fp = same = 0
    false_merges = []
    for fa, fb in combinations(found, 2):
        if fa.article == fb.article:
            continue
        merged = bool(fa.canon & fb.canon)
        if fa.incident == fb.incident:
            same += 1
            tp += merged
        elif merged:
            fp += 1
            false_merges.append((fa, fb))

    n_clusters = len(data["clusters"])
    n_reports = sum(len(c["reports"]) for c in data["clusters"])
    print(
        f"== {n_clusters} real clusters ({n_reports} tellings in "
        f"{len({r['article'] for c in data['clusters'] for r in c['reports']})} articles, "
        f"{len({r['outlet'] for c in data['clusters'] for r in c['reports']})} outlets), "
        f"{len(data['singles'])} single-article incidents, {len(data['lookalikes'])} look-alike pairs; "
        f"{len(records)} articles extracted and merged"
    )
    status = defaultdict(list)
    causes: dict[str, int] = defaultdict(int)
    for inc in data["clusters"]:
        fs = by_inc[inc["id"]]
        names: dict[str, str] = {}
        for f in fs:
            for c in sorted(f.canon):
                names.setdefault(c, f"E{len(names) + 1}")
        common = set.intersection(*(f.canon for f in fs)) if all(f.canon for f in fs) else set()
        pairs = [(a, b) for a, b in combinations(fs, 2) if a.article != b.article]
        merged_pairs = [p for p in pairs if p[0].canon & p[1].canon]
        kind = "fully" if common else "partly" if merged_pairs else "not at all"
        status[kind].append(inc["id"])
        if kind != "fully" or args.all:
            print(f"  [{kind}] {inc['id']}: {inc['description']} ({inc['type']}, {inc['place']})")
            for f in fs:
                print(describe(f, records[f.article], names))
            for a, b in pairs:
                if not (a.canon & b.canon):
                    cause = matcher_reason(a, b, state)
                    causes[cause] += 1
                    print(
                        f"      apart {a.article} / {b.article}: {why_apart(a, b, records, state)}"
                        f" [matcher: {cause}]"
                    )
    print(
        f"  clusters merged fully {len(status['fully'])}, partly {len(status['partly'])}, "
        f"not at all {len(status['not at all'])} (of {n_clusters})"
    )
    tally = ", ".join(f"{c} {n}" for c, n in sorted(causes.items(), key=lambda cn: (-cn[1], cn[0])))
    print(f"  same-incident pairs left apart, by the matcher's reason: {tally or 'none'}")

    print("== look-alike pairs (different incidents: should stay two events)")
    kept = 0
    for la in data["lookalikes"]:
        fa, fb = by_inc[la["a"]], by_inc[la["b"]]
        joined = [(x, y) for x in fa for y in fb if x.article != y.article and x.canon & y.canon]
        kept += not joined
        verdict = "kept apart"
        if joined:
            verdict = "MERGED " + ", ".join(f"{x.article}~{y.article}" for x, y in joined)
        print(f"  {la['a']} / {la['b']}: {verdict}  ({la['why']})")
    if false_merges:
        print("== merged pairs of different incidents")
        for fa, fb in false_merges:
            print(f"  {fa.incident} [{fa.article}] ~ {fb.incident} [{fb.article}]")

    merged_all = tp + fp
    precision = tp / merged_all if merged_all else 1.0
    recall = tp / same if same else 0.0
    print(
        f"pairwise precision {precision:.3f} ({tp}/{merged_all} merged pairs are one incident), "
        f"recall {recall:.3f} ({tp}/{same} same-incident pairs merged); "
        f"look-alike pairs kept apart {kept}/{len(data['lookalikes'])}; "
        f"clusters fully merged {len(status['fully'])}/{n_clusters}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
