"""events.csv as a pandas DataFrame with the dtypes an analyst would give it by hand.

Read back through pandas, an ACLED-style table needs the same care every time: empty cells
kept apart from zero (nullable Int64, so an unknown inter code is <NA>, not 0.0), dates parsed
as dates, fatalities as whole numbers, coordinates as floats, codes and types as categories, the
list of source articles split. One function does it
once, so a notebook starts from `read_events(path)` and not from a page of `astype` calls.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kg.export.table import COLUMNS

INTEGER = ("year", "time_precision", "inter1", "inter2", "interaction", "geo_precision", "fatalities",
           "n_sources")  # fmt: skip
FLOAT = ("latitude", "longitude", "confidence")
CATEGORY = ("disorder_type", "event_type", "sub_event_type", "civilian_targeting", "iso", "region",
            "country", "source_scale")  # fmt: skip


def read_events(path: str | Path) -> pd.DataFrame:
    """The events table of a build (`output/events.csv`), typed; an error names the file when
    it is not an events table."""
    path = Path(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise ValueError(f"{path}: cannot read as events.csv ({exc})") from exc
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: not an events.csv of conflict-kg (missing {', '.join(missing)})")
    df["event_date"] = pd.to_datetime(df["event_date"].replace("", None), format="ISO8601")
    df["timestamp"] = pd.to_datetime(pd.to_numeric(df["timestamp"].replace("", None)), unit="s", utc=True)
    for col in INTEGER:
        df[col] = pd.to_numeric(df[col].replace("", None)).astype("Int64")
    for col in FLOAT:
        df[col] = pd.to_numeric(df[col].replace("", None)).astype("Float64")
    for col in CATEGORY:
        df[col] = df[col].replace("", None).astype("category")
    df["source_articles"] = df["source_articles"].map(lambda s: [x for x in s.split(";") if x])
    return df
