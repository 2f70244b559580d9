"""Local parallel runs: same records whatever the worker count, bad input reported, workers built once."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from scale_inputs import article_line, write_jsonl_gz
from standin_extractor import FACTORY, KILL_MARK, LATER_TELLING, PROBE, RAISE_MARK, SLOW_FIRST

from kg.cli import main
from kg.ingest.inputs import InputError, iter_inputs
from kg.run.parallel import Extracted, ProcessPool, StartupError, ordered_outcomes
from kg.run.pipeline import RunOptions, extract_to_dir
from kg.run.progress import Progress, count_articles
from kg.vocab.record import Article

N = 40


def record_files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "records").glob("*.json"))}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """N good articles, with a malformed line at line 6 and an article the extractor chokes on at 12."""
    lines = [article_line(i) for i in range(N)]
    lines.insert(5, '{"id": "broken", "text": ')
    lines.insert(11, article_line(999, extra=" " + RAISE_MARK))
    return write_jsonl_gz(tmp_path_factory.mktemp("in") / "batch.jsonl.gz", lines)


@pytest.fixture(scope="module")
def one_worker(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("w1")
    return out, extract_to_dir([corpus], out, RunOptions(workers=1, extractor=FACTORY, quiet=True))


def test_two_workers_write_the_same_records_as_one(
    corpus: Path, one_worker: tuple[Path, object], tmp_path: Path
) -> None:
    out1, summary1 = one_worker
    summary2 = extract_to_dir(
        [corpus], tmp_path, RunOptions(workers=2, batch_size=3, extractor=FACTORY, quiet=True)
    )
    files1, files2 = record_files(out1), record_files(tmp_path)
    assert len(files1) == N
    assert files1 == files2  # byte for byte
    assert summary2.processed == summary1.processed  # input order, not completion order
    assert summary2.errors == summary1.errors
    events = json.loads(files1["art-0000.json"])["events"]
    assert events and events[0]["type"] == "shelling"


def test_bad_line_and_failing_article_reported_by_line_while_others_go_on(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["extract", str(corpus), "--out", str(tmp_path), "--workers", "2", "--extractor", FACTORY])
    err = capsys.readouterr().err
    assert code == 0
    assert f"{corpus}:6: malformed JSON" in err
    assert f"{corpus}:12: extraction failed: ValueError" in err
    assert f"{N} articles extracted" in err and "2 skipped" in err
    assert len(record_files(tmp_path)) == N


def test_a_worker_that_dies_loses_only_its_own_article(corpus: Path, tmp_path: Path) -> None:
    lines = [article_line(i) for i in range(12)]
    lines.insert(4, article_line(500, extra=" " + KILL_MARK))
    src = write_jsonl_gz(tmp_path / "kill.jsonl.gz", lines)
    summary = extract_to_dir(
        [src], tmp_path / "out", RunOptions(workers=2, batch_size=3, extractor=FACTORY, quiet=True)
    )
    assert len(summary.processed) == 12
    assert len(summary.errors) == 1 and f"{src}:5: worker died" in summary.errors[0]


def test_workers_that_cannot_start_stop_the_run_instead_of_respawning_forever(
    corpus: Path, tmp_path: Path
) -> None:
    options = RunOptions(workers=2, extractor="standin_extractor:DiesAtStart", quiet=True)
    with pytest.raises(StartupError, match="keep dying"):
        extract_to_dir([corpus], tmp_path, options)


def test_each_worker_builds_the_extractor_once(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    monkeypatch.setenv("PROBE_BARRIER_DIR", str(barrier))  # workers inherit it when spawned
    extract_to_dir([corpus], tmp_path, RunOptions(workers=2, batch_size=2, extractor=PROBE, quiet=True))
    metas = [json.loads(b)["meta"] for b in record_files(tmp_path).values()]
    assert len(metas) == N
    assert {m["probe_builds"] for m in metas} == {"1"}
    assert len({m["probe_pid"] for m in metas}) == 2  # both workers took part


def test_an_extractor_that_cannot_be_built_stops_the_run_with_one_message(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(StartupError, match="no_such_module"):
        extract_to_dir([corpus], tmp_path, RunOptions(workers=2, extractor="no_such_module:X", quiet=True))
    with pytest.raises(StartupError, match="Nope"):  # found only in the worker, reported once
        extract_to_dir([corpus], tmp_path, RunOptions(workers=2, extractor="kg:Nope", quiet=True))
    code = main(["extract", str(corpus), "--out", str(tmp_path), "--workers", "1", "--extractor", "kg:Nope"])
    assert code == 2 and "cannot load extractor" in capsys.readouterr().err


def test_progress_is_silent_when_stderr_is_not_a_terminal(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["extract", str(corpus), "--out", str(tmp_path), "--workers", "1", "--extractor", FACTORY])
    err = capsys.readouterr().err
    assert "art/s" not in err and "\r" not in err
    assert err.count("\n") == 3  # two skipped inputs and the summary, nothing else


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_rate_and_eta_on_a_terminal(corpus: Path) -> None:
    term = FakeTerminal()
    with Progress([corpus], stream=term) as bar:
        assert bar._counter is not None
        bar._counter.join()
        for _ in range(N):
            bar.update()
    shown = term.getvalue()
    assert "art/s" in shown and f"/{N + 2}" in shown and "<" in shown  # rate, total, ETA
    quiet = FakeTerminal()
    with Progress([corpus], stream=quiet, quiet=True) as bar:
        bar.update()
    assert quiet.getvalue() == ""


def test_count_articles_counts_lines_and_text_files(corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": 1}\n{"id": 2}', encoding="utf-8")  # no final newline
    assert count_articles([corpus, tmp_path]) == N + 2 + 1 + 2


def test_build_makes_the_same_graph_with_any_worker_count_and_on_resume(corpus: Path, tmp_path: Path) -> None:
    def run(out: Path, *extra: str) -> bytes:
        code = main(["build", str(corpus), "--out", str(out), "--no-html", "--extractor", FACTORY, *extra])
        assert code == 0
        return (out / "graph.ttl").read_bytes()

    one = run(tmp_path / "one", "--workers", "1")
    two = run(tmp_path / "two", "--workers", "2", "--batch-size", "3")
    assert b"art-0007" in one
    assert two == one
    assert (tmp_path / "two" / "events.csv").read_bytes() == (tmp_path / "one" / "events.csv").read_bytes()
    assert run(tmp_path / "two", "--workers", "2", "--resume") == one  # the graph from reused records


def test_real_extractor_gives_the_same_records_in_two_workers_as_in_one(tmp_path: Path) -> None:
    """The stand-in proves the plumbing; this proves the real extractor holds no state between
    articles that would make a record depend on which worker, or in what order, it ran."""
    seed = Path(__file__).resolve().parents[1] / "seeds" / "aljazeera-aleppo-fronts.txt"
    src = write_jsonl_gz(tmp_path / "mixed.jsonl.gz", [article_line(i) for i in range(11)])
    inputs = [seed, src]
    extract_to_dir(inputs, tmp_path / "one", RunOptions(workers=1, quiet=True))
    extract_to_dir(inputs, tmp_path / "two", RunOptions(workers=2, batch_size=2, quiet=True))
    one, two = record_files(tmp_path / "one"), record_files(tmp_path / "two")
    assert len(one) == 12 and two == one
    seed_record = json.loads(one["aljazeera-aleppo-fronts.json"])
    assert seed_record["events"] and seed_record["locations"]  # the real extractor, not a stub


def test_a_repeated_id_keeps_the_first_article_whatever_the_workers(tmp_path: Path) -> None:
    """Two articles under one id would write one record file: the later one is reported and
    skipped (never a silent overwrite), the same with one worker or several."""
    first = json.loads(article_line(3))
    later = {**first, "text": first["text"] + " " + LATER_TELLING}
    lines = [article_line(i) for i in range(8)]
    lines[3] = json.dumps(first, ensure_ascii=False)
    lines.insert(5, json.dumps(later, ensure_ascii=False))
    src = write_jsonl_gz(tmp_path / "dup.jsonl.gz", lines)
    one = extract_to_dir([src], tmp_path / "one", RunOptions(workers=1, extractor=FACTORY, quiet=True))
    two = extract_to_dir(
        [src], tmp_path / "two", RunOptions(workers=2, batch_size=1, extractor=SLOW_FIRST, quiet=True)
    )
    assert two.processed == one.processed and one.processed.count("art-0003") == 1
    assert [e for e in one.errors if "duplicate article id 'art-0003'" in e and "dup.jsonl.gz:6" in e]
    assert record_files(tmp_path / "two") == record_files(tmp_path / "one")
    assert LATER_TELLING not in json.loads(record_files(tmp_path / "two")["art-0003.json"])["text"]


def test_workers_are_replaced_after_their_share_and_records_do_not_change(
    corpus: Path, one_worker: tuple[Path, object], tmp_path: Path
) -> None:
    """Memory grows with vocabulary, so workers are recycled; the records must not notice."""
    pool = ProcessPool(FACTORY, 2, tmp_path / "records", recycle_after=6)
    try:
        outcomes = list(ordered_outcomes(iter_inputs([corpus]), pool, batch_size=2, window=4))
    finally:
        pool.close()
    assert pool.generations >= 3  # 40 articles, a new pair of workers every 12
    assert sum(isinstance(o, Extracted) for o in outcomes) == N
    assert record_files(tmp_path) == record_files(one_worker[0])


def test_input_is_read_no_further_ahead_than_the_window(corpus: Path) -> None:
    """Bounded memory: at every result, only about window x batch articles have been read past it."""
    pulled = 0

    def counted() -> Iterator[Article | InputError]:
        nonlocal pulled
        for item in iter_inputs([corpus]):
            pulled += 1
            yield item

    pool = ProcessPool(FACTORY, 2)
    try:
        ahead = []
        for done, _ in enumerate(ordered_outcomes(counted(), pool, batch_size=2, window=3), 1):
            ahead.append(pulled - done)
    finally:
        pool.close()
    assert done == N + 2 and max(ahead) <= (3 + 1) * 2 + 1
