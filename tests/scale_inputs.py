"""Synthetic article streams for the scale tests: varied Arabic text, ids in order, a few bad lines."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SENTENCES = (
    "قصف الطيران مواقع في ريف حلب الشمالي صباح اليوم.",
    "اندلعت اشتباكات عنيفة بين الطرفين قرب المدينة.",
    "شنت طائرات حربية غارة على بلدة في ريف إدلب.",
    "قال مصدر محلي إن انفجار سيارة مفخخة هز السوق.",
    "عقد المجلس البلدي اجتماعه الدوري لمناقشة الخدمات.",
)


def article_line(i: int, extra: str = "") -> str:
    text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(1 + i % 4)) + extra
    obj = {"id": f"art-{i:04d}", "text": text, "published": f"2016-08-{1 + i % 28:02d}", "outlet": "test"}
    return json.dumps(obj, ensure_ascii=False)


def write_jsonl_gz(path: Path, lines: list[str]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for line in lines:
            fh.write(line + "\n")
    return path
