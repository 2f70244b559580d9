"""Synthetic extraction records with realistic repetition, for merge benchmarks and soak tests.

A made-up world (a few hundred actors, thousands of towns under governorates under countries)
produces incidents over three years; 5-20% of incidents (12% by default) are told by more than
one article, each telling varying the way outlets do: a day off, a coarser date or none, the
governorate instead of the town, another figure, a sibling event type. Articles bundle one to
three reports of incidents close in time. Deterministic for a given seed.

    python -m benchmarks.gen_records 1000 --out records/   # one JSON record per article
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from kg.vocab.record import Actor, Event, EventActor, ExtractionRecord, Mention, Place

COUNTRIES = ("SYR", "IRQ", "YEM", "LBY", "SDN")
SIBLINGS = {"air_strike": "shelling", "shelling": "air_strike", "battle": "attack", "attack": "battle"}
TYPES = ("air_strike", "shelling", "battle", "explosion", "attack", "violence_against_civilians", "arrest")
START = date(2015, 1, 1).toordinal()


def world(rng: random.Random, n_actors: int = 300, admin1: int = 12, towns: int = 60):
    places = []
    for c in COUNTRIES:
        for g in range(admin1):
            gid = f"{c.lower()}.g{g}"
            places.append((gid, [(f"{gid}.t{t}", c) for t in range(towns)], c))
    actors = []
    for i in range(n_actors):
        c = rng.choice(COUNTRIES)
        kind = rng.choice(("state_force", "armed_group", "militia", "foreign_force", "person"))
        actors.append((f"act{i}", kind, c, rng.random() < 0.5))  # half have a lexicon id
    return places, actors


def incidents(rng: random.Random, n: int, repeat_share: float, places, actors) -> list[dict]:
    out = []
    for i in range(n):
        gid, towns, country = rng.choice(places)
        town, _ = rng.choice(towns)
        out.append(
            {
                "id": i,
                "day": START + int(i * 1095 / n) + rng.randint(0, 3),
                "gov": gid,
                "town": town,
                "country": country,
                "type": rng.choice(TYPES),
                "attacker": rng.choice(actors),
                "victim": rng.choice(actors),
                "deaths": rng.choice((None, 0, 1, 2, 3, 5, 8, 12, 20)),
                "tellings": 1 if rng.random() >= repeat_share else rng.choice((2, 2, 2, 3, 4)),
            }
        )
    return out


def _actor(aid: str, spec) -> Actor:
    name, kind, country, lex = spec
    return Actor(aid, f"فاعل {name}" if kind != "person" else f"أحمد {name}", f"Actor {name}",
                 kind, country, lexicon_id=name if lex else None)  # fmt: skip


def telling(rng: random.Random, inc: dict, k: int) -> tuple[dict, str, Place | None]:
    """One outlet's version of an incident (the first telling is the plain one)."""
    v = dict(inc)
    if k:
        r = rng.random()
        if r < 0.2:
            v["day"] += rng.choice((-1, 1))
        v["precision"] = "month" if r > 0.95 else ("unknown" if r > 0.9 else "day")
        if rng.random() < 0.1:
            v["town"] = None  # only the governorate
        if rng.random() < 0.15:
            v["type"] = SIBLINGS.get(v["type"], v["type"])
        if v["deaths"] is not None and rng.random() < 0.5:
            v["deaths"] += rng.randint(0, 4)
    else:
        v["precision"] = "day"
    return v, v["town"] or v["gov"], None


def records(n_articles: int, seed: int = 1, repeat_share: float = 0.12) -> Iterator[ExtractionRecord]:
    rng = random.Random(seed)
    places, actors = world(rng)
    n_inc = int(n_articles * 2 / (1 + repeat_share * 1.75))  # ~2 reports per article
    reports = []
    for inc in incidents(rng, n_inc, repeat_share, places, actors):
        for k in range(inc["tellings"]):
            reports.append((inc["day"] + rng.randint(0, 2), k, inc))
    reports.sort(key=lambda r: (r[0], r[2]["id"], r[1]))
    i = 0
    for n in range(n_articles):
        take = reports[i : i + rng.choice((1, 2, 3))]
        i += len(take)
        if not take:
            take = [reports[rng.randrange(len(reports))]]
        yield _record(rng, f"syn{n:07d}", take)


def _record(rng: random.Random, aid: str, take) -> ExtractionRecord:
    locs: dict[str, Place] = {}
    acts: dict[str, Actor] = {}
    events = []
    for j, (_pub, k, inc) in enumerate(take):
        v, _, _ = telling(rng, inc, k)
        country = v["country"]
        cid = country.lower()
        locs.setdefault(cid, Place(cid, f"بلد {cid}", kind="country", country=country, lexicon_id=cid))
        locs.setdefault(v["gov"], Place(v["gov"], f"محافظة {v['gov']}", kind="admin1", country=country,
                                        within=cid, lexicon_id=f"syn.{v['gov']}"))  # fmt: skip
        where = [v["gov"]]
        if v["town"]:
            locs.setdefault(v["town"], Place(v["town"], f"بلدة {v['town']}", kind="town", country=country,
                                             within=v["gov"], lexicon_id=f"syn.{v['town']}"))  # fmt: skip
            where.insert(0, v["town"])
        roles = []
        for role in ("attacker", "victim"):
            spec = v[role]
            a = acts.setdefault(spec[0], _actor(f"a{len(acts) + 1}", spec))
            roles.append(EventActor(a.id, role))
        day = date.fromordinal(v["day"])
        when = {"day": day.isoformat(), "month": day.isoformat()[:7], "unknown": None}[v["precision"]]
        # the incident id rides in the empty trigger (no span, so never in the graph): the answer key
        key = Mention(f"incident-{inc['id']}", 0, 0)
        precision, deaths = v["precision"], v["deaths"]
        events.append(Event(f"e{j + 1}", v["type"], key, roles, where, when, None, precision, deaths))
    published = date.fromordinal(max(p for p, _, _ in take)).isoformat()
    return ExtractionRecord(aid, list(acts.values()), list(locs.values()), events,
                            {"published": published, "outlet": f"outlet {rng.randrange(40)}"})  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat-share", type=float, default=0.12)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for r in records(args.n, args.seed, args.repeat_share):
        (args.out / f"{r.article_id}.json").write_text(json.dumps(r.to_dict(), ensure_ascii=False))


if __name__ == "__main__":
    main()
