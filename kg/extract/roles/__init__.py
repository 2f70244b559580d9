"""The role rules of `conflict_arguments`: who tells, did, suffered or took part in each event,
and where it happened, read from Arabic word order inside the trigger's clause.

`state` gathers one doc's actors, places, cues and clause numbers into a `RoleState`; `assign`
runs the steps for one draft: `sources` (reporting verbs, «نقلا عن»), `subject` (VSO, SVO, the
construct after a verbal noun, modals, killing verbs), `construct` (the one done to), `cues`
(«على», «مع», «بين», «في صفوف»), then `leftovers` (kind and position); `places` orders the
sentence's places. `chains` and `shapes` are the look-ups and word tests they share, `words`
the word sets (kept in kg/lexicons/function_words.tsv).
"""

from kg.extract.roles.assign import assign
from kg.extract.roles.places import place_order
from kg.extract.roles.state import RoleState, clause_ids, role_state

__all__ = ["RoleState", "assign", "clause_ids", "place_order", "role_state"]
