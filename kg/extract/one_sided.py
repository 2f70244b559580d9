"""Retype an attack nobody answered: a second job after roles, kept apart from reading them.

The trigger lexicon calls a generic «هجوم» a battle; only once its roles are read does it show
whether anyone fought back. ACLED files an armed actor's attack whose only sufferers are
civilians or named people as violence against civilians, so this step rewrites the type from
the roles and touches nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kg.extract.draft import Draft

SUFFERING = ("victim", "target", "participant")
UNARMED = frozenset({"civilians", "person"})


def one_sided(d: Draft, kind: Mapping[str, str]) -> bool:
    """A generic battle trigger whose attacker hit only civilians or named people (none of them
    a target, which fights back); `kind` maps actor id to actor kind."""
    if d.type != "battle" or d.lexicon_type != "battle" or not d.generic:
        return False
    doers = [a for a, r in d.actors if r == "attacker"]
    hurt = [a for a, r in d.actors if r in SUFFERING]
    civilian = all(r != "target" and kind.get(a) in UNARMED for a, r in d.actors if a in hurt)
    return bool(doers and hurt and civilian)


def retype_one_sided(drafts: Iterable[Draft], kind: Mapping[str, str]) -> None:
    """Give each one-sided attack among `drafts` the type violence_against_civilians."""
    for d in drafts:
        if one_sided(d, kind):
            d.type = "violence_against_civilians"
