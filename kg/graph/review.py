"""What the merger did, for an analyst to check: merges, near-merges, and the pairs kept apart.

A merge is a judgement, so it must be reviewable and reversible. `review` rebuilds the merge
state from the records (as `build` does) and lists every merged event with its reports and the
evidence of each join, then the near-merges: report pairs of different articles that the blocking
put side by side and the matcher turned down for a reason a person may overrule (a score just
short, an undated report without corroboration, a country-only report, two places far apart),
or that matched but were kept in two events (complete linkage, or a keep-apart pair).

Undoing a merge is a keep-apart file: one pair of report (or event) IRIs a line, tab- or
space-separated, `#` comments. `build --keep-apart FILE` (and `merges --keep-apart FILE`) honour
it: the two reports are never put in one event, whatever the score.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.graph import iris
from kg.graph.blocking import candidate_pairs
from kg.graph.check import fit_records
from kg.graph.iris import report_key as report_iri  # noqa: F401  (kg.cli.merges_cmd reads it here)
from kg.graph.match import judge
from kg.graph.merge import MergeState, merge_state_of
from kg.vocab.record import ExtractionRecord
from kg.vocab.terms import DEFAULT_BASE

# Verdicts worth a person's look: the rest (types, dates, places that never agree) are plain.
NEAR_REASONS = frozenset(
    {
        "below_threshold",
        "undated_without_corroboration",
        "country_only_without_strong_agreement",
        "far_places",
        "across_border",
    }
)


class KeepApartError(ValueError):
    """A keep-apart file that cannot be read; the message names the file and line."""


def read_keep_apart(path: Path, base: str = DEFAULT_BASE) -> list[tuple[str, str]]:
    """The pairs of a keep-apart file, as event keys (a report IRI is taken for its event's)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeepApartError(f"{path}: cannot read the keep-apart file ({exc})") from exc
    pairs = []
    for no, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        cells = line.split()
        if len(cells) != 2 or not all(c.startswith(base) for c in cells):
            raise KeepApartError(f"{path}:{no}: expected two report or event IRIs under {base}")
        a, b = (iris.event_key_of(c, base) for c in cells)
        pairs.append((a, b) if a < b else (b, a))
    return pairs


@dataclass
class Pair:
    a: str
    b: str
    score: float
    features: tuple[str, ...]
    reason: str  # why it is no merge ("matched_kept_apart" when it matched)


@dataclass
class Review:
    state: MergeState
    near: list[Pair] = field(default_factory=list)


def review(
    records: Iterable[ExtractionRecord], base: str = DEFAULT_BASE, keep_apart: Iterable[tuple[str, str]] = ()
) -> Review:
    state = merge_state_of(fit_records(records), base, keep_apart)
    out = Review(state)
    for a, b in candidate_pairs(state.features, state.index):
        if state.cluster_of.get(a) == state.cluster_of.get(b):
            continue
        edge = state.edges.get(a, {}).get(b)
        if edge is not None:
            out.near.append(Pair(a, b, edge.score, edge.features, "matched_kept_apart"))
            continue
        v = judge(state.features[a], state.features[b], state.rules)
        if v.reason in NEAR_REASONS:
            out.near.append(Pair(a, b, round(v.score, 3), v.features, v.reason))
    out.near.sort(key=lambda p: (-p.score, p.a, p.b))
    return out
