"""events.csv as an analyst would check it before trusting it, on real builds.

    .venv/bin/python -m benchmarks.events_table [--n 500]

Two builds: the 12 dev articles of ../shared/eval/dev, and N articles of the ANT 2018 corpus
drawn by seed (the annotated test split left out). For each it prints: rows; rows whose iso is
a valid ISO-3 code and whose country is that code's name; admin1 filled among rows whose place
lies below country level, admin2 likewise, and admin2 among rows whose place is not the admin1
itself; dates that pandas parses as ISO 8601; events dated
after their article's publication; events of dated articles that carry a date; and the columns
that are never filled. It also writes a random 30 rows (seed 2018) of the corpus build to
output/events_table_sample.csv, for checking by hand.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import pandas as pd
import pycountry

from kg.export.table import countries, event_rows
from kg.extract import Extractor
from kg.graph.build import build_graph
from kg.lexicons.admin_names import admin_name
from kg.training.corpus import SHARED, ant_rows, article_of
from kg.training.evaluate import folder_items
from kg.training.train import ANNOTATIONS, split_ids

SEED = 2018


def corpus_articles(n: int) -> list:
    _train, test = split_ids({p.stem for p in ANNOTATIONS.glob("*.json")})
    rows = ant_rows()
    ids = sorted(set(rows) - set(test))
    return [article_of(rows[i]) for i in random.Random(SEED).sample(ids, n)]


def check(name: str, articles: list, ex: Extractor) -> pd.DataFrame:
    graph = build_graph([ex(a) for a in articles])
    df = pd.DataFrame(event_rows(graph))
    published = {a.id: (a.published or "")[:10] for a in articles}
    by_code, _ = countries()
    valid = {c.alpha_3 for c in pycountry.countries}
    n = len(df)
    agree = ((df["iso"].isin(valid)) & (df["country"] == df["iso"].map(by_code))).sum()
    below = df[(df["location"] != "") & (df["location"] != df["country"])]
    dates = pd.to_datetime(df["event_date"].replace("", None), format="ISO8601")
    first_pub = df["source_articles"].map(lambda s: min(published.get(i, "") for i in s.split(";")))
    dated_art = first_pub != ""
    late = (df["event_date"] != "") & dated_art & (df["event_date"] > first_pub)
    print(f"== {name}: {len(articles)} articles, {n} rows")
    placed = int((df["iso"] != "").sum())
    print(f"  country and iso valid and agreeing: {agree}/{n} ({agree / max(n, 1):.0%}); "
          f"{agree}/{placed} of the rows that have a country, {n - placed} rows whose reports place nothing")
    ad1, ad2 = (below["admin1"] != "").mean(), (below["admin2"] != "").mean()
    print(f"  below country level ({len(below)} rows): admin1 filled {ad1:.0%}, admin2 {ad2:.0%}")
    finer = below[below["location"].map(admin_name) != below["admin1"]]
    print(f"  below admin1 level ({len(finer)} rows: the place is not the admin1 itself): "
          f"admin2 {(finer['admin2'] != '').mean():.0%}")
    print(f"  dates parsing as ISO 8601: {dates.notna().sum()}/{(df['event_date'] != '').sum()} given")
    print(f"  events after their article's publication: {late.sum()}")
    carry = (df.loc[dated_art, "event_date"] != "").mean() if dated_art.any() else 0.0
    print(f"  events of dated articles that carry a date: {carry:.1%}")
    empty = [c for c in df.columns if (df[c] == "").all()]
    print(f"  columns never filled: {', '.join(empty) or 'none'}")
    return df


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--sample-out", type=Path, default=Path("output/events_table_sample.csv"))
    args = ap.parse_args()
    dev = [a for a, _g in folder_items(SHARED / "eval/dev/articles", SHARED / "eval/dev/gold")]
    ex = Extractor()  # built once: the pipeline and its lexicons take seconds to load
    check("dev (../shared/eval/dev)", dev, ex)
    df = check(f"ANT 2018, {args.n} articles by seed {SEED}", corpus_articles(args.n), ex)
    args.sample_out.parent.mkdir(parents=True, exist_ok=True)
    df.sample(n=min(30, len(df)), random_state=SEED).to_csv(args.sample_out, index=False)
    print(f"30 random rows for checking by hand: {args.sample_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
