"""`conflict-kg merges OUT`: the merges and near-merges of a build, with their reasons, to review.

OUT is a build's output folder (or its records/ folder). Each merged event is listed with its
reports and why each pair was joined, and with the keep-apart line that would undo the join;
then the near-merges. Copy a line into a keep-apart file and pass it to the next
`build --keep-apart FILE` to undo a merge (see kg.graph.review).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kg.ingest.textsafe import for_file
from kg.run.pipeline import DEFAULT_BASE, read_record


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("merges", help="list merges and near-merges of a build, with their reasons")
    p.add_argument("out", type=Path, help="a build's output folder, or its records/ folder")
    p.add_argument("--keep-apart", type=Path, help="a file of report pairs never to merge (as build)")
    p.add_argument("--base", default=DEFAULT_BASE, help="namespace for instance IRIs")
    p.add_argument("--json", action="store_true", help="print one JSON document instead of text")
    p.set_defaults(func=run)


def _records(out: Path) -> list:
    folder = out / "records" if (out / "records").is_dir() else out
    paths = sorted(folder.glob("*.json"))
    if not paths:
        raise FileNotFoundError(f"{folder}: no records (*.json) here")
    return [read_record(p) for p in paths]


def _describe(records: list, base: str) -> dict[str, dict[str, Any]]:
    from kg.graph.merge import event_key

    out = {}
    for r in records:
        places = {p.id: p.label_ar for p in r.locations}
        for e in r.events:
            out[event_key(base, r.article_id, e.id)] = {
                "article": r.article_id,
                "type": e.type,
                "date": e.date or f"undated (published {r.meta.get('published') or '?'})",
                "places": [places[p] for p in e.locations if p in places],
                "fatalities": e.fatalities,
            }
    return out


def _line(d: dict[str, Any]) -> str:
    toll = f", {d['fatalities']} dead" if d["fatalities"] is not None else ""
    return f"{d['article']}: {d['type']} {d['date']} @ {', '.join(d['places']) or 'no place'}{toll}"


def _document(rev, desc: dict, base: str) -> dict[str, Any]:
    from kg.graph.review import report_iri

    merges = []
    for cl in sorted(rev.state.clusters.values(), key=lambda c: c.canonical):
        if len(cl.members) < 2:
            continue
        merges.append({
            "event": cl.canonical,
            "reports": [{"report": report_iri(k, base), **desc[k]} for k in cl.members],
            "evidence": [
                {"a": report_iri(a, base), "b": report_iri(b, base), "score": m.score,
                 "features": list(m.features)}
                for a, b, m in cl.evidence
            ],
        })  # fmt: skip
    near = [
        {"a": report_iri(p.a, base), "b": report_iri(p.b, base), "score": p.score, "reason": p.reason,
         "features": list(p.features), "a_report": desc[p.a], "b_report": desc[p.b]}
        for p in rev.near
    ]  # fmt: skip
    return {"merges": merges, "near_merges": near}


def render(doc: dict[str, Any]) -> str:
    """The review text; kg.ingest.textsafe.for_file keeps the tab of an undo line, drops escapes."""
    n = sum(len(m["reports"]) for m in doc["merges"])
    lines = [f"== {len(doc['merges'])} merged events ({n} reports) =="]
    for m in doc["merges"]:
        lines.append(f"event {m['event']}")
        lines += [f"  report {r['report']}  {_line(r)}" for r in m["reports"]]
        for ev in m["evidence"]:
            lines.append(f"  joined (score {ev['score']}: {' '.join(ev['features'])})")
            lines.append(f"    undo: {ev['a']}\t{ev['b']}")
    lines.append(f"== {len(doc['near_merges'])} near-merges (kept apart) ==")
    for p in doc["near_merges"]:
        lines.append(f"{p['reason']} (score {p['score']}: {' '.join(p['features']) or '-'})")
        lines.append(f"  {p['a']}  {_line(p['a_report'])}")
        lines.append(f"  {p['b']}  {_line(p['b_report'])}")
    return "\n".join(for_file(line) for line in lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from kg.graph.review import KeepApartError, read_keep_apart, review

    try:
        keep = read_keep_apart(args.keep_apart, args.base) if args.keep_apart else []
        records = _records(args.out)
    except (KeepApartError, OSError, ValueError) as exc:
        print(f"conflict-kg merges: {exc}", file=sys.stderr)
        return 2
    doc = _document(review(records, args.base, keep), _describe(records, args.base), args.base)
    if args.json:
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render(doc))
    return 0
