"""Build the spaCy pipeline: Arabic tokenizer, entity finders, then the event components.

Each component does one job and is registered with spaCy, so a setting is changed through
`make_nlp({"conflict_triggers": {"window": 10}})` (passed on as `add_pipe(config=…)`) and a
component can be left out (`{"exclude": ["conflict_status"]}`) to measure what it brings.

Two event pipelines share everything up to the event dates. `learned` (the default) keeps every
candidate trigger with the rules' verdicts and lets trained components decide eventness and type,
roles and which mentions are one incident; `rules` (`{"pipeline": "rules"}`) is the hand-written
pipeline alone, kept as the baseline the learned one is measured against.
"""

from __future__ import annotations

import importlib
from typing import Any

from spacy.language import Language

from kg.arabic.tokenize import blank_arabic
from kg.extract.contracts import check_exclusions

# Importing these modules registers their components with spaCy.
COMPONENT_MODULES: dict[str, str] = {
    # first: scorer-aligned sentences and per-token normalised forms/readings, shared by all
    "conflict_sentences": "kg.extract.sentences",
    "conflict_places": "kg.extract.places",
    "conflict_actors": "kg.extract.actors",
    "conflict_cues": "kg.extract.cues",
    "conflict_triggers": "kg.extract.triggers",
    "conflict_arguments": "kg.extract.arguments",
    "conflict_status": "kg.extract.status",
    "conflict_fatalities": "kg.extract.fatalities",
    "conflict_event_dates": "kg.extract.event_dates",
    "conflict_history": "kg.extract.history",
    "conflict_coref": "kg.extract.coref",
    "conflict_eventness": "kg.extract.learned.eventness",
    "conflict_roles": "kg.extract.learned.roles",
    "conflict_segments": "kg.extract.learned.segments",
}
_SHARED = tuple(COMPONENT_MODULES)[:6]  # up to the candidates and the rules' arguments
_DETAILS = ("conflict_status", "conflict_fatalities", "conflict_event_dates")
_INCIDENTS = ("conflict_segments", "conflict_roles")  # the learned incidents and their roles
PIPELINES: dict[str, tuple[str, ...]] = {
    "rules": (*_SHARED, *_DETAILS, "conflict_history", "conflict_coref"),
    # tolls, status and dates go to the candidates the eventness model keeps, with its types
    "learned": (*_SHARED, "conflict_eventness", *_DETAILS, "conflict_history", *_INCIDENTS),
}
DEFAULT_PIPELINE = "learned"
PIPELINE: tuple[str, ...] = PIPELINES[DEFAULT_PIPELINE]


def make_nlp(config: dict[str, Any] | None = None) -> Language:
    """A blank Arabic pipeline with every conflict-kg component in order.

    `config` maps a component name to its settings; `"pipeline"` picks `learned` or `rules`;
    `"exclude"` lists components to leave out. What may go follows from the components' declared
    `requires`/`assigns` (kg.extract.contracts): leaving out one whose output a kept component or
    the record still needs (sentences, entities, cues, triggers, the last step making incidents)
    raises ContractError saying which needs what.
    """
    config = dict(config or {})
    kind = config.pop("pipeline", DEFAULT_PIPELINE)
    if kind not in PIPELINES:
        raise ValueError(f"unknown pipeline {kind!r}: one of {', '.join(PIPELINES)}")
    names = PIPELINES[kind]
    exclude = set(config.pop("exclude", ()))
    unknown = set(config) - set(names)
    if unknown:
        raise ValueError(f"unknown pipeline components in config: {sorted(unknown)}")
    for name in names:
        importlib.import_module(COMPONENT_MODULES[name])
    check_exclusions(names, exclude)
    learned = "conflict_eventness" in names and "conflict_eventness" not in exclude
    nlp = blank_arabic()
    for name in names:
        if name in exclude:
            continue
        settings = dict(config.get(name) or {})
        if name == "conflict_triggers":  # candidates only for a component that decides on them
            settings.setdefault("candidates", learned)
        nlp.add_pipe(name, config=settings)
    return nlp
