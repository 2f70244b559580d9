"""The one type rewrite that depends on roles: a generic «هجوم» whose attacker hurt only
civilians or named people is violence against civilians; anyone who could fight back keeps
it a battle."""

from __future__ import annotations

from kg.extract.draft import Draft
from kg.extract.one_sided import one_sided, retype_one_sided

KIND = {"a1": "armed_group", "c1": "civilians", "p1": "person", "f1": "forces"}


def attack(*actors: tuple[str, str], generic: bool = True, lexicon_type: str = "battle") -> Draft:
    d = Draft(type="battle", start=0, end=1, sent=0, priority=1, generic=generic, lexicon_type=lexicon_type)
    d.actors = list(actors)
    return d


def test_an_attack_on_civilians_and_named_people_is_one_sided() -> None:
    assert one_sided(attack(("a1", "attacker"), ("c1", "victim"), ("p1", "victim")), KIND)


def test_a_target_among_the_hurt_could_fight_back() -> None:
    assert not one_sided(attack(("a1", "attacker"), ("c1", "victim"), ("f1", "target")), KIND)
    # civilians named as a target (not a victim) are still read as a side that was fought
    assert not one_sided(attack(("a1", "attacker"), ("c1", "target")), KIND)


def test_an_armed_participant_keeps_it_a_battle() -> None:
    assert not one_sided(attack(("a1", "attacker"), ("f1", "participant")), KIND)


def test_it_needs_both_a_doer_and_someone_hurt() -> None:
    assert not one_sided(attack(("c1", "victim")), KIND)
    assert not one_sided(attack(("a1", "attacker")), KIND)


def test_only_a_generic_battle_trigger_is_retyped() -> None:
    roles = (("a1", "attacker"), ("c1", "victim"))
    assert not one_sided(attack(*roles, generic=False), KIND)  # «اشتباكات»: a battle by its word
    assert not one_sided(attack(*roles, lexicon_type="attack"), KIND)  # a clause rule already retyped it


def test_retype_changes_only_the_one_sided_drafts() -> None:
    hit = attack(("a1", "attacker"), ("c1", "victim"))
    fought = attack(("a1", "attacker"), ("f1", "target"))
    retype_one_sided([hit, fought], KIND)
    assert (hit.type, fought.type) == ("violence_against_civilians", "battle")
    assert hit.actors == [("a1", "attacker"), ("c1", "victim")]  # roles untouched
