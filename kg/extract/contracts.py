"""What a pipeline's components need from one another, read from their own declarations.

Every conflict-kg factory declares, in spaCy's `doc._.name` form, the attributes it `requires`
(set by something before it) and the ones it `assigns`. Before a pipeline is built the
declarations are walked in order: the tokenizer's outputs and the publication date the
Extractor sets come first, then each component must find all it requires already assigned, and
the record builder at the end finds the sentences, entities and events a record is made of. So
which components a config may leave out follows from the declarations, and leaving out one that
another still needs fails at once with the reason instead of silently giving other records.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.language import Language

from kg.arabic.tokenize import ASSIGNS as TOKENIZER_ASSIGNS
from kg.extract.record import REQUIRES as RECORD_REQUIRES

CALLER_ASSIGNS: tuple[str, ...] = ("doc._.anchor",)  # the Extractor, from the publication date
INPUTS: frozenset[str] = frozenset((*TOKENIZER_ASSIGNS, *CALLER_ASSIGNS))
RECORD = "the record builder"


class ContractError(ValueError):
    """A pipeline in which some step would read what nothing before it assigns."""


def requires(name: str) -> tuple[str, ...]:
    return tuple(Language.get_factory_meta(name).requires)


def assigns(name: str) -> tuple[str, ...]:
    return tuple(Language.get_factory_meta(name).assigns)


def unmet(names: Sequence[str]) -> list[tuple[str, str]]:
    """(step, attribute) for each requirement of a step that no earlier one assigns; the steps
    are the components in order, then the record builder."""
    have = set(INPUTS)
    out: list[tuple[str, str]] = []
    steps = [(n, requires(n), assigns(n)) for n in names] + [(RECORD, RECORD_REQUIRES, ())]
    for step, needs, gives in steps:
        out += [(step, attr) for attr in needs if attr not in have]
        have.update(gives)
    return out


def check_exclusions(names: Sequence[str], excluded: Iterable[str]) -> None:
    """Raise ContractError naming each excluded component that a kept step still needs, with
    what it alone would have assigned and who reads that."""
    left_out = set(excluded) & set(names)
    kept = [n for n in names if n not in left_out]
    needed: dict[tuple[str, ...], tuple[dict[str, None], dict[str, None]]] = {}
    for step, attr in unmet(kept):
        before = names if step == RECORD else names[: names.index(step)]
        givers = tuple(n for n in before if n in left_out and attr in assigns(n))
        attrs, steps = needed.setdefault(givers, ({}, {}))
        attrs[attr] = steps[step] = None  # dicts as ordered sets
    if not needed:
        return
    problems = []
    for givers, (attrs, steps) in needed.items():
        who = f"only {' or '.join(givers)} assigns" if givers else "nothing before assigns"
        problems.append(f"{', '.join(attrs)} ({who}), required by {', '.join(steps)}")
    culprits = sorted({g for givers in needed for g in givers})
    head = f"cannot exclude {', '.join(culprits)}" if culprits else "pipeline not whole"
    raise ContractError(f"{head}: " + "; ".join(problems))
