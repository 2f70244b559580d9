"""ACLED's demonstration sub-events in events.csv: peaceful protest, protest with intervention,
excessive force against protesters, violent demonstration, mob violence; and the crowd's inter
code (protesters 6, rioters 5) whatever kind the lexicon gives it."""

from __future__ import annotations

import csv

import pytest

from kg.export.table import write_events_csv
from kg.graph.build import build_graph
from kg.vocab.record import Actor, Event, EventActor, ExtractionRecord, Mention

TEXT = "تظاهر محتجون في الساحة وفرقتهم الشرطة"
CROWD = Actor("a1", "محتجون", label_en="protesters", kind="civilians", country="SDN")
POLICE = Actor("a2", "الشرطة", label_en="police", kind="state_force", country="SDN")
VILLAGERS = Actor("a3", "سكان", label_en="residents", kind="civilians", country="SDN")


def row(tmp_path, kind: str, roles: list[tuple[Actor, str]], fatalities: int | None = None) -> dict[str, str]:
    event = Event("e1", kind, Mention("تظاهر", 0, 5), fatalities=fatalities,
                  actors=[EventActor(a.id, role) for a, role in roles])  # fmt: skip
    record = ExtractionRecord(
        article_id="sub-events",
        meta={"published": "2018-01-05"},
        actors=[a for a, _ in roles],
        locations=[],
        events=[event],
        text=TEXT,
    )
    path = tmp_path / "events.csv"
    write_events_csv(build_graph([record]), path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        (out,) = list(csv.DictReader(f))
    return out


@pytest.mark.parametrize(
    ("kind", "roles", "fatalities", "sub", "disorder", "inter", "interaction"),
    [
        ("protest", [(CROWD, "participant")], None, "Peaceful protest", "Demonstrations", ("6", ""), "60"),
        ("protest", [(CROWD, "participant"), (POLICE, "participant")], None,
         "Protest with intervention", "Demonstrations", ("6", ""), "60"),
        ("protest", [(POLICE, "attacker"), (CROWD, "target")], None,
         "Protest with intervention", "Demonstrations", ("1", "6"), "16"),
        ("protest", [(POLICE, "attacker"), (CROWD, "victim")], 3,
         "Excessive force against protesters", "Political violence; Demonstrations", ("1", "6"), "16"),
        ("riot", [(CROWD, "participant"), (POLICE, "target")], None,
         "Violent demonstration", "Demonstrations", ("5", "1"), "15"),
        ("riot", [(CROWD, "attacker"), (VILLAGERS, "victim")], 1,
         "Mob violence", "Political violence; Demonstrations", ("5", "7"), "57"),
    ],
)  # fmt: skip
def test_demonstration_sub_events(
    tmp_path, kind, roles, fatalities, sub, disorder, inter, interaction
) -> None:
    got = row(tmp_path, kind, roles, fatalities)
    assert (got["sub_event_type"], got["disorder_type"]) == (sub, disorder)
    assert (got["inter1"], got["inter2"], got["interaction"]) == (*inter, interaction)


def test_other_events_keep_their_sub_event(tmp_path) -> None:
    got = row(tmp_path, "shelling", [(POLICE, "attacker"), (VILLAGERS, "victim")], 2)
    want = ("Shelling/artillery/missile attack", "1", "7")
    assert (got["sub_event_type"], got["inter1"], got["inter2"]) == want


def test_territory_taken_by_state_forces_is_regained_by_the_government(tmp_path) -> None:
    rebels = Actor("a4", "المعارضة المسلحة", label_en="rebels", kind="armed_group", country="SDN")
    taken = row(tmp_path, "territory_change", [(POLICE, "attacker")])
    assert taken["sub_event_type"] == "Government regains territory"
    got = row(tmp_path, "territory_change", [(rebels, "attacker")])
    assert got["sub_event_type"] == "Non-state actor overtakes territory"
