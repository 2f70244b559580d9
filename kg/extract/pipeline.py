"""Build the spaCy pipeline: Arabic tokenizer, entity finders, then the event components.

Each event component does one job and is registered with spaCy, so a setting is changed through
`make_nlp({"conflict_triggers": {"window": 10}})` (passed on as `add_pipe(config=…)`) and a
component can be left out (`{"exclude": ["conflict_status"]}`) to measure what it brings.
"""

from __future__ import annotations

import importlib
from typing import Any

from spacy.language import Language

from kg.arabic.tokenize import blank_arabic

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
    "conflict_coref": "kg.extract.coref",
}
PIPELINE: tuple[str, ...] = tuple(COMPONENT_MODULES)
REQUIRED = frozenset({"conflict_sentences", "conflict_cues", "conflict_triggers", "conflict_coref"})


def make_nlp(config: dict[str, Any] | None = None) -> Language:
    """A blank Arabic pipeline with every conflict-kg component in order.

    `config` maps a component name to its settings; `"exclude"` lists components to leave out
    (the sentence, cue, trigger and coreference steps are needed by the others and stay).
    """
    config = dict(config or {})
    exclude = set(config.pop("exclude", ())) - REQUIRED
    unknown = set(config) - set(PIPELINE)
    if unknown:
        raise ValueError(f"unknown pipeline components in config: {sorted(unknown)}")
    nlp = blank_arabic()
    for name in PIPELINE:
        if name in exclude:
            continue
        importlib.import_module(COMPONENT_MODULES[name])
        nlp.add_pipe(name, config=config.get(name) or {})
    return nlp
