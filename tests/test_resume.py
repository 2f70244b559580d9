"""--resume: finished articles are not redone, changed ones are, and no run leaves a half record."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scale_inputs import article_line, write_jsonl_gz
from standin_extractor import FACTORY, StandInExtractor

from kg.cli import main
from kg.run.pipeline import RunOptions, extract_to_dir, write_record
from kg.run.resume import DIGEST_KEY
from kg.vocab.record import ExtractionRecord

N = 10
BUSY = "standin_extractor:BusyExtractor"  # ~5 ms an article, like the real one


def run(src: Path, out: Path, resume: bool = True) -> tuple[int, object]:
    before = StandInExtractor.calls
    summary = extract_to_dir([src], out, RunOptions(workers=1, resume=resume, extractor=FACTORY, quiet=True))
    return StandInExtractor.calls - before, summary


def test_resume_skips_finished_articles_and_redoes_changed_ones(tmp_path: Path) -> None:
    lines = [article_line(i) for i in range(N)]
    src = write_jsonl_gz(tmp_path / "in.jsonl.gz", lines)
    out = tmp_path / "out"
    calls, first = run(src, out, resume=False)
    assert calls == N and len(first.processed) == N
    record3 = out / "records" / "art-0003.json"
    stamp_before = record3.stat().st_mtime_ns

    calls, again = run(src, out)
    assert calls == 0 and len(again.reused) == N and not again.processed
    assert record3.stat().st_mtime_ns == stamp_before

    changed = json.loads(lines[3])
    changed["text"] += " قصف جديد."
    lines[3] = json.dumps(changed, ensure_ascii=False)
    redated = json.loads(lines[7])
    redated["published"] = "2017-01-01"  # same text, new date anchor: the record is out of date
    lines[7] = json.dumps(redated, ensure_ascii=False)
    write_jsonl_gz(src, lines)
    calls, third = run(src, out)
    assert calls == 2 and third.processed == ["art-0003", "art-0007"]
    assert "قصف جديد" in json.loads(record3.read_text(encoding="utf-8"))["text"]

    calls, _ = run(src, out, resume=False)  # without --resume everything is redone
    assert calls == N


def test_half_written_or_foreign_records_are_redone(tmp_path: Path) -> None:
    src = write_jsonl_gz(tmp_path / "in.jsonl.gz", [article_line(i) for i in range(4)])
    out = tmp_path / "out"
    run(src, out, resume=False)
    records = out / "records"
    (records / "art-0000.json").write_text('{"article_id": "art-0000", "meta": {', encoding="utf-8")
    (records / "art-0001.json").write_text('{"article_id": "art-0001"}', encoding="utf-8")  # no digest
    (records / ".art-0002.json.k3j9x").write_text("{", encoding="utf-8")  # temp left by a killed run
    calls, summary = run(src, out)
    assert calls == 2 and summary.processed == ["art-0000", "art-0001"]
    assert not list(records.glob(".*"))
    assert json.loads((records / "art-0000.json").read_text(encoding="utf-8"))["meta"][DIGEST_KEY]


def test_a_failed_write_leaves_the_previous_record_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_record(ExtractionRecord(article_id="a1", text="نص"), tmp_path)
    good = path.read_bytes()

    def explode(*args: object, **kwargs: object) -> str:
        raise OSError("disk full")

    monkeypatch.setattr("kg.vocab.record_file.json.dumps", explode)
    with pytest.raises(OSError):
        write_record(ExtractionRecord(article_id="a1", text="نص آخر"), tmp_path)
    assert path.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["a1.json"]


def test_a_write_cut_off_halfway_leaves_the_previous_record_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_record(ExtractionRecord(article_id="a1", text="نص"), tmp_path)
    good = path.read_bytes()
    real_write = os.write

    def half_then_fail(fd: int, data: bytes) -> int:
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError("disk full")

    monkeypatch.setattr("kg.run.records.os.write", half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        write_record(ExtractionRecord(article_id="a1", text="نص آخر طويل " * 50), tmp_path)
    assert path.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["a1.json"]
    monkeypatch.undo()
    again = write_record(ExtractionRecord(article_id="a1", text="نص ثالث"), tmp_path / "new" / "dir")
    assert json.loads(again.read_text(encoding="utf-8"))["text"] == "نص ثالث"  # directory made on demand


def test_cli_resume_reports_what_was_reused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl_gz(tmp_path / "in.jsonl.gz", [article_line(i) for i in range(3)])
    args = ["extract", str(src), "--out", str(tmp_path / "o"), "--workers", "1", "--extractor", FACTORY]
    assert main(args) == 0
    assert main([*args, "--resume"]) == 0
    assert "0 articles extracted, 3 already done" in capsys.readouterr().err


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_a_killed_parallel_run_leaves_whole_records_and_resumes(tmp_path: Path, how: signal.Signals) -> None:
    """Kill a real `python -m kg extract --workers 2` mid-run (SIGKILL: no clean-up at all; SIGINT:
    Ctrl-C), then resume: every record on disk parses, and only the rest is extracted."""
    total = 400
    src = write_jsonl_gz(tmp_path / "in.jsonl.gz", [article_line(i) for i in range(total)])
    out = tmp_path / "out"
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(Path(__file__).parent)])}
    cmd = [sys.executable, "-m", "kg", "extract", str(src), "--out", str(out), "--extractor", BUSY]
    proc = subprocess.Popen(
        [*cmd, "--workers", "2"],
        env=env,
        cwd=tmp_path,
        start_new_session=True,
        stderr=subprocess.PIPE,
        text=True,
    )
    records = out / "records"
    deadline = time.monotonic() + 60
    while len(list(records.glob("*.json"))) < 40 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    os.killpg(proc.pid, how)  # the whole group this test started: parent and its workers
    _, err = proc.communicate(timeout=60)
    if how == signal.SIGINT:
        assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err
    done = list(records.glob("*.json"))
    assert 40 <= len(done) < total
    for path in done:
        assert json.loads(path.read_text(encoding="utf-8"))["meta"][DIGEST_KEY]  # whole, never half
    resumed = subprocess.run(
        [*cmd, "--workers", "2", "--resume"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resumed.returncode == 0, resumed.stderr
    m = re.search(r"(\d+) articles extracted, (\d+) already done", resumed.stderr)
    assert m, resumed.stderr
    fresh, reused = int(m.group(1)), int(m.group(2))
    assert reused >= len(done) and fresh + reused == total
    assert len(list(records.glob("*.json"))) == total and not list(records.glob(".*"))
