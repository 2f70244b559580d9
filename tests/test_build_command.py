"""`conflict-kg build` end to end: the command a user runs merges incidents across articles."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.cli import main
from kg.graph.store import load_graph
from kg.sparql.shacl import validate

MERGE_CORPUS = Path(__file__).parent / "fixtures" / "merge"


def test_build_merges_one_incident_told_by_several_outlets(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["build", str(MERGE_CORPUS), "--out", str(out), "--workers", "1", "--quiet"]) == 0
    rows = list(csv.DictReader((out / "events.csv").open(encoding="utf-8-sig")))
    sources = sorted(int(r["n_sources"]) for r in rows)
    assert max(sources) >= 2, "no incident was merged across articles"
    reported = [a for r in rows for a in r["source_articles"].split(";")]
    assert len(reported) == len(set(reported)), "an article's report counted under two events"
    assert sum(sources) == len(reported)
    assert validate(load_graph(out / "graph.ttl")).conforms
    assert len(list((out / "records").glob("*.json"))) == len(list(MERGE_CORPUS.glob("*.txt")))


def test_build_goes_on_past_bad_files_and_fails_only_when_nothing_is_left(tmp_path: Path) -> None:
    good = tmp_path / "in"
    good.mkdir()
    text = "قصفت طائرات حربية بلدة سراقب في ريف إدلب اليوم وقتل 3 مدنيين."
    (good / "a.txt").write_text(text, encoding="utf-8")
    (good / "b.txt").write_bytes(b"\x00\xff binary")
    out = tmp_path / "out"
    assert main(["build", str(good), "--out", str(out), "--workers", "1", "--quiet"]) == 0
    assert (out / "graph.ttl").exists()
    bad_only = tmp_path / "bad"
    bad_only.mkdir()
    (bad_only / "c.txt").write_text("English only.", encoding="utf-8")
    assert main(["build", str(bad_only), "--out", str(tmp_path / "out2"), "--quiet"]) != 0


def test_outputs_are_ordinary_readable_files(tmp_path: Path) -> None:
    """Written via a temporary file and renamed, yet with the permissions any new file gets."""
    import os

    out = tmp_path / "out"
    args = ["build", str(MERGE_CORPUS), "--out", str(out), "--workers", "1", "--quiet", "--no-html"]
    assert main(args) == 0
    mask = os.umask(0)
    os.umask(mask)
    for path in (out / "graph.ttl", out / "events.csv", next((out / "records").glob("*.json"))):
        assert path.stat().st_mode & 0o777 == 0o666 & ~mask, path


def test_every_export_format_on_request_and_unknown_ones_refused(tmp_path: Path, capsys) -> None:
    import pyoxigraph

    out = tmp_path / "out"
    args = ["build", str(MERGE_CORPUS), "--out", str(out), "--workers", "1", "--quiet"]
    assert main([*args, "--formats", "ttl,nt,jsonld,csv,graphml,gexf"]) == 0
    names = {p.name for p in out.iterdir()}
    assert {"graph.ttl", "graph.nt", "graph.jsonld", "events.csv", "graph.graphml", "graph.gexf"} <= names
    assert "graph.html" not in names
    ttl = list(pyoxigraph.parse(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE))
    nt = list(pyoxigraph.parse(path=str(out / "graph.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert len(ttl) == len(nt) > 0
    with pytest.raises(SystemExit) as refused:
        main([*args, "--formats", "ttl,pdf"])
    assert refused.value.code == 2
    assert "pdf" in capsys.readouterr().err
