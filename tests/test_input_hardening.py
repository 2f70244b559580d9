"""Hostile inputs: no article lost without a word, every error confined to its input, memory bounded."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path

import pytest
from standin_extractor import FACTORY

from kg.cli import main
from kg.graph.persist import GraphStore
from kg.ingest.inputs import InputError, iter_inputs, iter_jsonl
from kg.ingest.lines import TOO_LONG, bounded_lines
from kg.run.errorlog import ErrorLog
from kg.run.pipeline import RunOptions, extract_to_dir
from kg.vocab.ids import MAX_ID_BYTES, article_id
from kg.vocab.record import Article

ARABIC = "قصفت طائرات حربية بلدة في ريف إدلب اليوم."


def _line(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _split(items: list[Article | InputError]) -> tuple[list[Article], list[InputError]]:
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ids_that_differ_only_in_unsafe_characters_stay_apart(tmp_path: Path) -> None:
    raws = ["a/b", "a_b", "a\x00b", "a\nb", "a b", ".a_b", "a_b."]
    path = _jsonl(tmp_path / "c.jsonl", [_line({"id": r, "text": ARABIC}) for r in raws])
    arts, errs = _split(list(iter_inputs([path])))
    assert not errs
    ids = [a.id for a in arts]
    assert len(set(ids)) == len(raws), ids
    assert ids[1] == "a_b"  # a safe id is kept as it is
    assert all("/" not in i and "\x00" not in i and "\n" not in i for i in ids)
    out = tmp_path / "out"
    summary = extract_to_dir([path], out, RunOptions(workers=1, extractor=FACTORY, quiet=True))
    assert len(summary.processed) == len(raws)
    assert len(list((out / "records").glob("*.json"))) == len(raws)


def test_a_hashed_id_never_equals_a_kept_one() -> None:
    hashed = article_id("a/b")
    assert "~" in hashed and article_id(hashed.replace("~", "_")) != hashed
    assert article_id(hashed) != hashed  # '~' is not kept: a raw id spelled like a hash is hashed too


def test_a_300_letter_arabic_id_fits_a_file_name(tmp_path: Path) -> None:
    long_a, long_b = "ق" * 300, "ق" * 299 + "ف"
    path = _jsonl(tmp_path / "c.jsonl", [_line({"id": i, "text": ARABIC}) for i in (long_a, long_b)])
    out = tmp_path / "out"
    summary = extract_to_dir([path], out, RunOptions(workers=1, extractor=FACTORY, quiet=True))
    assert not summary.errors and len(summary.processed) == 2
    assert len(set(summary.processed)) == 2
    assert all(len(i.encode("utf-8")) <= MAX_ID_BYTES for i in summary.processed)
    assert len(list((out / "records").glob("*.json"))) == 2


def test_a_repeated_id_is_reported_not_overwritten(tmp_path: Path) -> None:
    lines = [
        _line({"id": "x", "text": ARABIC}),
        _line({"id": "y", "text": ARABIC}),
        _line({"id": "x", "text": "نص آخر"}),
    ]
    path = _jsonl(tmp_path / "c.jsonl", lines)
    (tmp_path / "y.txt").write_text(ARABIC, encoding="utf-8")
    arts, errs = _split(list(iter_inputs([path, tmp_path / "y.txt"])))
    assert [a.id for a in arts] == ["x", "y"] and arts[0].text == ARABIC
    assert len(errs) == 2
    assert errs[0].where.endswith(":3") and "duplicate" in errs[0].message and "c.jsonl:1" in errs[0].message
    assert errs[1].where.endswith("y.txt") and "c.jsonl:2" in errs[1].message
    assert all("\n" not in str(e) for e in errs)


def test_add_reports_an_article_it_replaces(tmp_path: Path, capsys) -> None:
    store = tmp_path / "store"
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text(ARABIC, encoding="utf-8")
    assert main(["add", str(tmp_path / "a"), "--store", str(store), "--extractor", FACTORY]) == 0
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.txt").write_text("وقصفت مدفعية النظام بلدة أخرى.", encoding="utf-8")
    capsys.readouterr()
    assert main(["add", str(tmp_path / "b"), "--store", str(store), "--extractor", FACTORY]) == 0
    err = capsys.readouterr().err
    assert "replaced 'x'" in err
    assert GraphStore(store).read_record("x").text.startswith("وقصفت")


def test_lone_surrogates_and_deep_nesting_are_confined_to_their_line(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        "\n".join(
            [
                '{"id": "s1", "text": "\\ud800 قصف"}',
                "[" * 200_000,
                '{"id": "s3", "text": "قصف", "title": "\\udfff"}',
                '{"id": 1' + "0" * 5000 + ', "text": "قصف"}',
                _line({"id": "ok", "text": ARABIC}),
            ]
        ),
        encoding="utf-8",
    )
    arts, errs = _split(list(iter_inputs([path])))
    assert [a.id for a in arts] == ["ok"]
    assert [e.where.rsplit(":", 1)[1] for e in errs] == ["1", "2", "3", "4"]
    assert "surrogate" in errs[0].message and "nested too deeply" in errs[1].message
    assert "'title'" in errs[2].message


def test_a_surrogate_in_a_sidecar_title_costs_only_that_article(tmp_path: Path, capsys) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"title": "\\ud83d"}', encoding="utf-8")
    store = tmp_path / "store"
    assert main(["add", str(tmp_path), "--store", str(store), "--extractor", FACTORY]) == 0
    assert "a.txt" in capsys.readouterr().err
    assert sorted(GraphStore(store).manifest().articles) == ["b"]


def test_lines_are_read_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=1) as fh:
        fh.write(b'{"id": "huge", "text": "' + b"a" * (64 << 20) + b'"}\n')
        fh.write(_line({"id": "after", "text": ARABIC}).encode() + b"\n")
    tracemalloc.start()
    items = list(iter_jsonl(path, max_bytes=100_000))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    arts, errs = _split(items)
    assert [a.id for a in arts] == ["after"]
    assert errs[0].where.endswith(":1") and "too long" in errs[0].message
    assert peak < 16 << 20, f"peak {peak:,} bytes for a 64 MiB line"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"ab\ncd\n", [b"ab\n", b"cd\n"]),
        (b"abcdef\nx", [TOO_LONG, b"x"]),
        (b"abcd\nabcde", [b"abcd\n", TOO_LONG]),
    ],
)
def test_bounded_lines(tmp_path: Path, data: bytes, expected: list) -> None:
    (tmp_path / "f").write_bytes(data)
    with (tmp_path / "f").open("rb") as fh:
        assert list(bounded_lines(fh, 4)) == expected


def test_errors_are_counted_all_but_kept_only_first(tmp_path: Path, capsys) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text("{}\n" * 3000 + _line({"id": "ok", "text": ARABIC}) + "\n", encoding="utf-8")
    summary = extract_to_dir([path], tmp_path / "out", RunOptions(workers=1, extractor=FACTORY, quiet=True))
    assert summary.processed == ["ok"]
    assert summary.errors.total == 3000 and len(summary.errors) == summary.errors.limit < 3000
    shown = capsys.readouterr().err.splitlines()
    assert summary.errors.limit <= len(shown) <= summary.errors.limit + 2
    assert "counted, not shown" in shown[-1]
    log = ErrorLog(limit=2)
    for m in "abc":
        log.append(m)
    assert list(log) == ["a", "b"] and log.total == 3 and log.dropped == 1


@pytest.mark.parametrize("published", ["9999-99-99", "2015-02-30", "2015-07-22T25:00:00", "2015-07-22junk"])
def test_impossible_publication_dates_are_refused(tmp_path: Path, published: str) -> None:
    path = _jsonl(tmp_path / "c.jsonl", [_line({"id": "x", "text": ARABIC, "published": published})])
    (tmp_path / "t.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "t.meta.json").write_text(json.dumps({"published": published}), encoding="utf-8")
    arts, errs = _split(list(iter_inputs([path, tmp_path / "t.txt"])))
    assert not arts and len(errs) == 2
    assert all("ISO date" in e.message for e in errs)


def test_real_publication_dates_and_times_are_kept(tmp_path: Path) -> None:
    lines = [
        _line({"id": str(i), "text": ARABIC, "published": p})
        for i, p in enumerate(["2016-02-29", "2016-08-09T10:00:00", "2016-08-09T10:00:00+03:00"])
    ]
    arts, errs = _split(list(iter_inputs([_jsonl(tmp_path / "c.jsonl", lines)])))
    assert not errs and [a.published for a in arts] == ["2016-02-29", "2016-08-09", "2016-08-09"]


def test_error_messages_carry_no_terminal_escapes(tmp_path: Path) -> None:
    line = _line({"id": "\x1b[2J\u202eevil", "text": "English \x1b]0;pwned\x07 only"})
    errs = [e for e in iter_inputs([_jsonl(tmp_path / "c.jsonl", [line])]) if isinstance(e, InputError)]
    shown = str(errs[0])
    assert "\x1b" not in shown and "\u202e" not in shown
    weird = tmp_path / "bad\x1b[31m\u202e.txt"
    weird.write_bytes(b"")
    assert all("\x1b" not in str(e) and "\u202e" not in str(e) for e in iter_inputs([weird]))


def test_a_stream_of_errors_does_not_queue_up() -> None:
    """Errors travel through the same window as results and must be drained as they come."""
    from kg.run.parallel import InProcess, ordered_outcomes

    def errors():
        for i in range(200_000):
            yield InputError(f"c.jsonl:{i}", "line lacks 'id' or 'text'")

    tracemalloc.start()
    seen = sum(1 for _ in ordered_outcomes(errors(), InProcess(FACTORY), window=4))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert seen == 200_000
    assert peak < 5 << 20, f"peak {peak:,} bytes for 200,000 errors"
