"""`conflict-kg merges` and `build --keep-apart`: review a build's merges, undo one, rebuild.

Through the command line, on the committed merge corpus run through the real extractor.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kg.cli import main

CORPUS = Path(__file__).parent / "fixtures" / "merge"


def n_events(out: Path) -> int:
    with (out / "events.csv").open(encoding="utf-8") as fh:
        return sum(1 for _ in csv.DictReader(fh))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("merges") / "out"
    assert main(["build", str(CORPUS), "--out", str(out), "--workers", "1", "--quiet"]) == 0
    return out


def test_merges_lists_every_merge_with_its_reasons_and_the_near_merges(built: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["merges", str(built), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    saraqib = [m for m in doc["merges"] if m["event"].endswith("/event/m01-saraqib-north/e1")]
    assert len(saraqib) == 1
    assert {r["article"] for r in saraqib[0]["reports"]} == {"m01-saraqib-north", "m02-saraqib-coast"}
    assert {"same_type", "same_place", "same_day"} <= set(saraqib[0]["evidence"][0]["features"])
    assert all(p["reason"] for p in doc["near_merges"])
    # the text form carries the same, and one undo line per join
    assert main(["merges", str(built)]) == 0
    text = capsys.readouterr().out
    joins = sum(len(m["evidence"]) for m in doc["merges"])
    assert text.count("    undo: ") == joins > 0
    assert f"== {len(doc['merges'])} merged events" in text


def test_an_undo_line_in_a_keep_apart_file_splits_that_merge_in_the_next_build(
    built: Path, tmp_path: Path, capsys
) -> None:
    capsys.readouterr()
    assert main(["merges", str(built)]) == 0
    undo = [ln.split("undo: ", 1)[1] for ln in capsys.readouterr().out.splitlines() if "undo: " in ln]
    saraqib = next(u for u in undo if "m01-saraqib-north" in u)
    keep = tmp_path / "keep_apart.tsv"
    keep.write_text(f"# not one strike after all\n{saraqib}\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", str(CORPUS), "--out", str(out), "--workers", "1", "--quiet"]
    assert main([*args, "--keep-apart", str(keep)]) == 0
    assert n_events(out) == n_events(built) + 1
    assert main(["merges", str(out), "--keep-apart", str(keep), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert not any(m["event"].endswith("/event/m01-saraqib-north/e1") for m in doc["merges"])
    kept = [p for p in doc["near_merges"] if p["reason"] == "matched_kept_apart"]
    assert [(p["a"], p["b"]) for p in kept] == [tuple(saraqib.split("\t"))]


def test_a_malformed_keep_apart_file_is_one_line_naming_it(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "keep.tsv"
    bad.write_text("https://w3id.org/conflict-kg/id/report/a/e1\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(CORPUS), "--out", str(out), "--quiet", "--keep-apart", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"{bad}:1:" in err[0]
    assert not out.exists()  # nothing built, nothing half-written
    assert main(["merges", str(tmp_path / "nowhere")]) == 2
    assert "no records" in capsys.readouterr().err
