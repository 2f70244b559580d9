"""The `conflict_actors` spaCy component: every actor an article names, once, with its mentions.

Sources, most trusted first: the actor lexicon (clitic-aware alias lookup, `lexicon`);
nationality adjectives on force heads («طائرات روسية», «القصف الروسي والسوري», «الجيش
العراقي», `forces`); cue patterns for names no lexicon holds (titles before person names in
`people`; «كتائب X», «مراسل X», «الناطق باسم X», «مصادر أمنية عراقية» in `sources`); victims
(«مدنيين», «13 شخصا») gathered into one civilians actor (`victims`); and words that refer back
(«المصادر», «الجيش») to an actor already named (`again`). `finder` runs the scan over an
`ActorState` (`state`), `output` turns the drafts into the record's actors.
"""

from kg.extract.actors.again import _bracketed_names
from kg.extract.actors.finder import ActorFinder, make_actor_finder, register_extensions
from kg.extract.actors.forces import force_phrase_end
from kg.extract.actors.state import ActorDraft, ActorState

__all__ = [
    "ActorDraft",
    "ActorFinder",
    "ActorState",
    "_bracketed_names",
    "force_phrase_end",
    "make_actor_finder",
    "register_extensions",
]
