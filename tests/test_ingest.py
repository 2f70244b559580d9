"""Inputs: every kind of bad file is reported by name and the batch goes on."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from kg.ingest.inputs import InputError, iter_inputs
from kg.vocab.record import Article

ARABIC = "قصفت طائرات حربية بلدة في ريف إدلب اليوم."


def _split(items: list[Article | InputError]) -> tuple[list[Article], list[InputError]]:
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def test_txt_with_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a1.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "a1.meta.json").write_text(
        json.dumps({"title": "عنوان", "published": "2016-08-09T10:00:00", "outlet": "X", "url": "http://x"}),
        encoding="utf-8",
    )
    arts, errs = _split(list(iter_inputs([tmp_path / "a1.txt"])))
    assert not errs
    assert arts[0].id == "a1" and arts[0].published == "2016-08-09" and arts[0].outlet == "X"
    assert arts[0].text == ARABIC


def test_bad_files_are_named_and_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "latin1.txt").write_bytes("café قصف".encode("cp1256"))
    (tmp_path / "english.txt").write_text("Only English text here.", encoding="utf-8")
    (tmp_path / "badmeta.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "badmeta.meta.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "huge.txt").write_text(ARABIC * 100_000, encoding="utf-8")
    items = list(iter_inputs([tmp_path, tmp_path / "missing.txt"]))
    arts, errs = _split(items)
    assert [a.id for a in arts] == ["good"]
    by_file = {Path(e.where).name: e.message for e in errs}
    assert "empty" in by_file["empty.txt"]
    assert "binary" in by_file["binary.txt"]
    assert "UTF-8" in by_file["latin1.txt"]
    assert "Arabic" in by_file["english.txt"]
    assert "sidecar" in by_file["badmeta.txt"]
    assert "too large" in by_file["huge.txt"]
    assert "no such file" in by_file["missing.txt"]


def test_jsonl_lines_reported_with_line_numbers(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "x1", "text": ARABIC, "published": "2015-07-22"}, ensure_ascii=False),
        "{broken",
        json.dumps({"id": "x3"}),
        json.dumps({"id": "x4", "text": ARABIC, "published": "yesterday"}, ensure_ascii=False),
        json.dumps({"id": "../../etc/passwd", "text": ARABIC}, ensure_ascii=False),
    ]
    path = tmp_path / "c.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    arts, errs = _split(list(iter_inputs([path])))
    assert len(arts) == 2 and arts[0].id == "x1"
    assert arts[1].id.startswith("etc_passwd~") and "/" not in arts[1].id  # lossy: a hash keeps it unique
    assert [e.where.rsplit(":", 1)[1] for e in errs] == ["2", "3", "4"]
    assert "ISO date" in errs[2].message
