"""ACLED's sub-event of a demonstration or a change of territory, read from who took part and
what it cost.

The graph types an event Protest or Riot; ACLED splits each further, and analysts filter on the
split: a peaceful protest, a protest that state forces intervened in (arrests, tear gas,
dispersal), excessive force against protesters (state forces killing protesters), a violent
demonstration, mob violence (rioters turning on civilians rather than on the state); territory
taken by a non-state actor or regained by the government. The split
follows from the row's two sides and its toll, so it is made here from the row itself; the
names and disorder types of the sub-events are the ontology's (kg/vocab/ontology, ACLED concepts).
"""

from __future__ import annotations

from functools import cache

from rdflib import Graph
from rdflib.namespace import SKOS

from kg.graph.build import ontology_triples
from kg.vocab import terms as T

STATE_FORCES = "1"  # ACLED inter codes
RIOTERS, PROTESTERS, CIVILIANS = "5", "6", "7"
CROWD = {"Protests": PROTESTERS, "Riots": RIOTERS}


@cache
def _concepts() -> dict[str, tuple[str, str]]:
    """ACLED sub-event concept name -> (English label, disorder type)."""
    g = Graph()
    for triple in ontology_triples():  # parsed once per process, shared with the graph builder
        g.add(triple)
    out = {}
    for name in ("PeacefulProtest", "ProtestWithIntervention", "ExcessiveForceAgainstProtesters",
                 "ViolentDemonstration", "MobViolence", "GovernmentRegainsTerritory"):  # fmt: skip
        concept = T.ACLED[name]
        label = next(str(o) for o in g.objects(concept, SKOS.prefLabel) if getattr(o, "language", "") == "en")
        own = g.value(concept, T.CKG.disorderType)
        top = g.value(g.value(concept, SKOS.broader), T.CKG.disorderType)
        out[name] = (label, str(own or top or ""))
    return out


def _fatal(row: dict[str, str]) -> bool:
    try:
        return int(row["fatalities"] or 0) > 0
    except ValueError:
        return False


def sub_event(row: dict[str, str], policed: bool = False) -> str | None:
    """The ACLED sub-event concept for a demonstration row, or None for any other row;
    `policed`: state forces took part in any role (state_forces_at_demonstrations.rq)."""
    sides = {row["inter1"], row["inter2"]}
    if row["event_type"] == "Protests":
        if policed or STATE_FORCES in sides:
            return "ExcessiveForceAgainstProtesters" if _fatal(row) else "ProtestWithIntervention"
        return "PeacefulProtest"
    if row["event_type"] == "Riots":
        if row["inter2"] == CIVILIANS and not policed and STATE_FORCES not in sides:
            return "MobViolence"
        return "ViolentDemonstration"
    if row["sub_event_type"] == "Non-state actor overtakes territory" and row["inter1"] == STATE_FORCES:
        return "GovernmentRegainsTerritory"  # the same change of hands, told from the state's side
    return None


def _crowd_codes(row: dict[str, str]) -> None:
    """The demonstrating side is ACLED's protesters (6) or rioters (5), whatever kind the actor
    lexicon gives the crowd (civilians, a party, a movement); state forces keep their 1."""
    crowd = CROWD[row["event_type"]]
    if row["actor1"] and row["inter1"] != STATE_FORCES:
        side = "1"
    elif row["actor2"] and row["inter2"] != STATE_FORCES:
        side = "2"  # police acted, the crowd was acted on
    else:
        return
    row[f"inter{side}"] = crowd
    codes = sorted(int(c) for c in (row["inter1"], row["inter2"]) if c)
    row["interaction"] = str(codes[0] * 10 + codes[1]) if len(codes) == 2 else f"{codes[0]}0"


def refine(row: dict[str, str], policed: bool = False) -> None:
    """Set the sub-event, disorder type and crowd's inter code of a demonstration row in place."""
    name = sub_event(row, policed)
    if name is not None:
        row["sub_event_type"], row["disorder_type"] = _concepts()[name]
    if row["event_type"] in CROWD:
        _crowd_codes(row)

