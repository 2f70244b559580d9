"""English names an analyst types for an actor, beside the one label actors.tsv gives it.

Kept apart from the Arabic aliases on purpose: these never read text (an "IS" in an English
quote must not become the Islamic State), they only let `--param actor=ISIS` find the actor
labelled "Islamic State" in a graph.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kg.lexicons.tables import ACTOR_ALIASES_EN
from kg.lexicons.tsv import LexiconError

ALIASES_EN_FILE = ACTOR_ALIASES_EN.path


def parse_aliases_en(path: Path = ALIASES_EN_FILE) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for no, row in ACTOR_ALIASES_EN.numbered(path):
        if row.id in out:
            raise LexiconError(f"{path}:{no}: {row.id!r} given twice")
        out[row.id] = row.aliases_en
    return out


@cache
def load_aliases_en() -> dict[str, tuple[str, ...]]:
    """Actor id -> English aliases; parsed once per process."""
    return parse_aliases_en()


def validate_aliases_en(path: Path, actor_ids: set[str]) -> list[str]:
    try:
        aliases = parse_aliases_en(path)
    except LexiconError as exc:
        return [str(exc)]
    problems = [f"{path.name}: {i!r} is no actor of actors.tsv" for i in aliases if i not in actor_ids]
    problems += [f"{path.name}: {i!r} lists no alias" for i, names in aliases.items() if not names]
    return problems
