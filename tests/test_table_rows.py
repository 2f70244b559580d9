"""events.csv keeps ACLED's universe: no statements, no events a coder would not keep by their
confidence, both from a data file the command line can override; the graph keeps everything."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.cli import main
from kg.export.table import write_events_csv
from kg.export.table_rows import EVERY_ROW, TableRows, load_table_rows
from kg.graph.build import build_graph
from kg.vocab.record import Actor, Event, EventActor, ExtractionRecord, Mention, Place
from kg.vocab.terms import EVENT_CLASS

ROOT = Path(__file__).resolve().parent.parent
TEXT = "قصفت القوات الحكومية بلدة سراقب في ريف إدلب وقالت المعارضة إن القصف قتل مدنيين"


def event(eid: str, kind: str, confidence: float | None) -> Event:
    return Event(
        eid,
        kind,
        Mention("قصفت", 0, 4),
        actors=[EventActor("a1", "attacker")],
        locations=["p1"],
        date="2016-02-02",
        date_precision="day",
        confidence=confidence,
    )


def record(events: list[tuple[str, float | None]]) -> ExtractionRecord:
    return ExtractionRecord(
        article_id="rows-test",
        meta={"published": "2016-02-03", "outlet": "BBC Arabic"},
        actors=[Actor("a1", "القوات الحكومية", label_en="Syrian government forces", kind="state_force")],
        locations=[Place("p1", "سراقب", label_en="Saraqib", kind="town", country="SYR", lat=35.86, lon=36.8)],
        events=[event(f"e{i}", kind, conf) for i, (kind, conf) in enumerate(events, 1)],
        text=TEXT,
    )


def kept(tmp_path: Path, rec: ExtractionRecord, rows: TableRows | None = None) -> list[str]:
    path = tmp_path / "events.csv"
    write_events_csv(build_graph([rec]), path, rows)
    with path.open(encoding="utf-8-sig", newline="") as f:
        return sorted(r["event_iri"].rsplit("/", 1)[-1] for r in csv.DictReader(f))


EVENTS = [("shelling", 0.9), ("statement", 0.95), ("battle", 0.2), ("air_strike", None), ("arrest", 0.5)]


def test_the_shipped_table_leaves_out_statements_and_unlikely_events(tmp_path: Path) -> None:
    rec = record(EVENTS)
    assert kept(tmp_path, rec) == ["e1", "e4", "e5"]  # no statement, not 0.2; no confidence: kept
    graph = build_graph([rec])
    assert sum(1 for _ in graph.subjects(predicate=None, object=EVENT_CLASS["statement"])) == 1
    assert kept(tmp_path, rec, EVERY_ROW) == ["e1", "e2", "e3", "e4", "e5"]


def test_overrides_keep_statements_or_lower_the_bar(tmp_path: Path) -> None:
    rec = record(EVENTS)
    shipped = load_table_rows()
    assert kept(tmp_path, rec, shipped.but(statements=True)) == ["e1", "e2", "e4", "e5"]
    assert kept(tmp_path, rec, shipped.but(min_confidence=0.0)) == ["e1", "e3", "e4", "e5"]
    assert kept(tmp_path, rec, shipped.but(min_confidence=0.95)) == ["e4"]


@pytest.mark.parametrize(
    "text, problem",
    [
        ("min_confidence = 'high'", "could not convert"),
        ("min_confidence = 1.5", "not between 0 and 1"),
        ("leave_out = ['speech']", r"unknown event types \['speech'\]"),
        ("leave_out = [", "Invalid value"),
    ],
)
def test_a_bad_policy_file_is_an_error_naming_it(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "rows.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=problem) as err:
        load_table_rows(path)
    assert str(path) in str(err.value)


def test_build_on_the_command_line_takes_the_overrides(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    def rows(*extra: str) -> int:
        out = tmp_path / "_".join(extra or ("default",))
        assert main(["build", str(ROOT / "seeds"), "--out", str(out), "--no-html", *extra]) == 0
        return len((out / "events.csv").read_text(encoding="utf-8-sig").splitlines()) - 1

    default, every = rows(), rows("--min-confidence", "0", "--with-statements")
    assert 0 < default < every
    with pytest.raises(SystemExit) as bad:
        main(["build", str(ROOT / "seeds"), "--min-confidence", "high"])
    assert bad.value.code == 2 and "'high' is not a number between 0 and 1" in capsys.readouterr().err
