"""Annotations as ids and offsets, and the scorer's gold format made from them on demand.

An annotator writes the gold format of `../shared/eval` (names and trigger words as strings).
Committing those strings would commit pieces of the articles, so each string is stored as the
[start, end) of one place where it occurs in the text, and the trigger as its span inside its
sentence; `to_gold` reads the text back and writes the strings again. A string that does not
occur verbatim in the text is an annotation error, reported with its file and field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.training.corpus import sentences
from kg.vocab.record import EVENT_TYPES, ROLES

# the gold format's event types and roles are the record's (kg.vocab.record); its actor and place
# kinds are its own, coarser ones
ACTOR_KINDS = (
    "state_force",
    "armed_group",
    "political_org",
    "person",
    "civilians",
    "international_org",
    "media",
    "other",
)
PLACE_KINDS = (
    "country",
    "admin1",
    "city",
    "district",
    "neighbourhood",
    "village",
    "facility",
    "road",
    "other",
)
ISO3 = re.compile(r"^[A-Z]{3}$")
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class Problems:
    """Every error found in one file, so an annotator fixes them in one pass."""

    where: str
    errors: list[str] = field(default_factory=list)

    def add(self, msg: str) -> None:
        self.errors.append(f"{self.where}: {msg}")


def _span_of(text: str, s: str, lo: int = 0, hi: int | None = None) -> list[int] | None:
    k = text.find(s, lo, len(text) if hi is None else hi)
    return None if k < 0 or not s else [k, k + len(s)]


def _names(text: str, item: dict, what: str, p: Problems) -> list[list[int]]:
    out = []
    for s in [item.get("name_ar"), *item.get("aliases_ar", [])]:
        if not isinstance(s, str) or not s.strip():
            p.add(f"{what} {item.get('name_en')!r}: empty Arabic name")
            continue
        span = _span_of(text, s)
        if span is None:
            p.add(f"{what} {item.get('name_en')!r}: «{s}» does not occur verbatim in the text")
        elif span not in out:
            out.append(span)
    return out


def to_standoff(gold: dict, row: dict, annotator: str, where: str) -> tuple[dict, list[str]]:
    """The committed form of one annotator's gold file, and the errors found in it."""
    text = row["text"]
    p = Problems(where)
    if gold.get("article") != row["id"]:
        p.add(f"'article' is {gold.get('article')!r}, expected {row['id']!r}")
    sents = sentences(text)
    actors = [_entity(text, a, "actor", p) for a in gold.get("actors", [])]
    places = [_entity(text, x, "location", p) for x in gold.get("locations", [])]
    _check_entities(gold, p)
    events = [_event(text, sents, e, gold, p) for e in gold.get("events", [])]
    out = {
        "article": row["id"],
        "corpus": "ant-2018-news"
        if "section" in row
        else "saudinewsnet-2015"
        if row["id"].startswith("snn-")
        else "file",
        "annotator": annotator,
        "pub_date": (row.get("published") or "")[:10] or None,
        "actors": actors,
        "locations": places,
        "events": events,
    }
    return out, p.errors


def _entity(text: str, item: dict, what: str, p: Problems) -> dict:
    out: dict[str, Any] = {"name_en": item.get("name_en"), "kind": item.get("kind")}
    if what == "actor":
        out["country"] = item.get("country")
    else:
        out["within"] = item.get("within")
    out["names"] = _names(text, item, what, p)
    return out


def _check_entities(gold: dict, p: Problems) -> None:
    seen: set[str] = set()
    for what, kinds, items in (
        ("actor", ACTOR_KINDS, gold.get("actors", [])),
        ("location", PLACE_KINDS, gold.get("locations", [])),
    ):
        for it in items:
            name = it.get("name_en")
            if not isinstance(name, str) or not name.strip():
                p.add(f"{what} without name_en: {it.get('name_ar')!r}")
            elif name in seen:
                p.add(f"name_en {name!r} used twice (actors and locations need distinct English names)")
            seen.add(name)
            if it.get("kind") not in kinds:
                p.add(f"{what} {name!r}: kind {it.get('kind')!r} not one of {', '.join(kinds)}")
            c = it.get("country")
            if what == "actor" and c is not None and not (isinstance(c, str) and ISO3.match(c)):
                p.add(f"actor {name!r}: country {c!r} is not ISO-3 (e.g. SYR) or null")
    place_names = {x.get("name_en") for x in gold.get("locations", [])}
    for x in gold.get("locations", []):
        w = x.get("within")
        if w is not None and w not in place_names and not (isinstance(w, str) and w.strip()):
            p.add(f"location {x.get('name_en')!r}: bad 'within' {w!r}")


def _event(text: str, sents: list[tuple[int, int]], e: dict, gold: dict, p: Problems) -> dict:
    eid = e.get("id")
    idx = e.get("sentence_index")
    idx = idx if isinstance(idx, list) else [idx]
    if not idx or not all(isinstance(i, int) and 0 <= i < len(sents) for i in idx):
        p.add(f"event {eid}: sentence_index {e.get('sentence_index')!r} outside 0..{len(sents) - 1}")
        idx = [i for i in idx if isinstance(i, int) and 0 <= i < len(sents)] or [0]
    if e.get("type") not in EVENT_TYPES:
        p.add(f"event {eid}: type {e.get('type')!r} not one of {', '.join(EVENT_TYPES)}")
    trig = e.get("trigger_ar") or ""
    lo, hi = sents[idx[0]]
    span = _span_of(text, trig, lo, hi)
    if span is None:
        p.add(
            f"event {eid}: trigger «{trig}» not verbatim in sentence {idx[0]} (the first of sentence_index)"
        )
        span = [lo, lo]
    actor_names = {a.get("name_en") for a in gold.get("actors", [])}
    place_names = {x.get("name_en") for x in gold.get("locations", [])}
    for r in e.get("actors", []):
        if r.get("name_en") not in actor_names:
            p.add(f"event {eid}: actor {r.get('name_en')!r} is not in 'actors'")
        if r.get("role") not in ROLES:
            p.add(f"event {eid}: role {r.get('role')!r} not one of {', '.join(ROLES)}")
    loc = e.get("location")
    loc = [x for x in (loc if isinstance(loc, list) else [loc]) if x]
    for x in loc:
        if x not in place_names:
            p.add(f"event {eid}: location {x!r} is not in 'locations'")
    fat = e.get("fatalities")
    if fat is not None and not (isinstance(fat, int) and not isinstance(fat, bool) and fat >= 0):
        p.add(f"event {eid}: fatalities {fat!r} is not a whole number or null")
    if not isinstance(e.get("negated_or_failed", False), bool):
        p.add(f"event {eid}: negated_or_failed must be true or false")
    date = e.get("date")
    if date is not None and not isinstance(date, str):
        p.add(f"event {eid}: date {date!r} is not a string or null")
    return {
        "id": eid,
        "type": e.get("type"),
        "trigger": span,
        "sentence_index": idx,
        "actors": [{"name_en": r.get("name_en"), "role": r.get("role")} for r in e.get("actors", [])],
        "location": loc,
        "date": date,
        "fatalities": fat,
        "negated_or_failed": bool(e.get("negated_or_failed", False)),
    }


def to_gold(standoff: dict, text: str) -> dict:
    """The scorer's gold format, strings read back from the text."""

    def names(item: dict) -> tuple[str, list[str]]:
        strings = [text[s:e] for s, e in item["names"]]
        return (strings[0] if strings else ""), strings[1:]

    actors, places = [], []
    for a in standoff["actors"]:
        n, al = names(a)
        actors.append(
            {
                "name_ar": n,
                "aliases_ar": al,
                "name_en": a["name_en"],
                "kind": a["kind"],
                "country": a.get("country"),
            }
        )
    for x in standoff["locations"]:
        n, al = names(x)
        places.append(
            {
                "name_ar": n,
                "aliases_ar": al,
                "name_en": x["name_en"],
                "kind": x["kind"],
                "within": x.get("within"),
            }
        )
    events = []
    for e in standoff["events"]:
        s, t = e["trigger"]
        ev = {k: v for k, v in e.items() if k != "trigger"}
        ev["trigger_ar"] = text[s:t]
        events.append(ev)
    return {
        "article": standoff["article"],
        "pub_date": standoff.get("pub_date"),
        "actors": actors,
        "locations": places,
        "events": events,
    }


def load_dir(folder: Path) -> dict[str, dict]:
    """Stand-off annotations by article id."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def write_json(path: Path, obj: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def materialise(annotations: dict[str, dict], rows: dict[str, dict], out: Path) -> tuple[Path, Path]:
    """Write `articles/ID.txt` (+ `.meta.json`) and `gold/ID.json` for `score.py`; returns both dirs."""
    arts, gold = out / "articles", out / "gold"
    arts.mkdir(parents=True, exist_ok=True)
    gold.mkdir(parents=True, exist_ok=True)
    for aid, ann in annotations.items():
        row = rows[aid]
        (arts / f"{aid}.txt").write_text(row["text"], encoding="utf-8")
        meta = {k: row.get(k) for k in ("title", "published", "outlet", "url") if row.get(k)}
        write_json(arts / f"{aid}.meta.json", meta)
        write_json(gold / f"{aid}.json", to_gold(ann, row["text"]))
    return arts, gold
