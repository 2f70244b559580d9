"""Closed word sets and actor/event kinds the role rules share (the word sets live in
kg/lexicons/function_words.tsv, which says what each is for)."""

from __future__ import annotations

from kg.extract.entity_cues import load_cues
from kg.extract.phrases import function_words, inflect

PUNCTUATION_BREAKS = frozenset({"،", ",", "؛", ";", ":", '"', "«", "»", "(", ")"})
CLAUSE_BREAKS = PUNCTUATION_BREAKS | function_words("clause_breaks")
EMBEDDING = function_words("embedding")  # «في هجوم»: the main verb governs the actors before it
OPEN_AGAINST = function_words("open_against")  # «على X»: what follows is named, not owned
REMOTE = frozenset({"air_strike", "shelling", "explosion"})
VIOLENT = REMOTE | {"attack", "violence_against_civilians"}
GATHERING = frozenset({"protest", "humanitarian", "other"})
SOURCE_KINDS = frozenset({"media", "monitor"})
NEVER_DOERS = SOURCE_KINDS | {"civilians"}  # an outlet tells, civilians suffer: neither attacks
# active casualty verbs («قتلت حركة الشباب …»): the actor after them is the killer, not the killed
VERB_CASUALTY = frozenset(f for v in function_words("casualty_verbs") for f in inflect(v))
OWN_REPORTER = function_words("own_reporter")
PRONOUN_THAT = function_words("pronoun_that")
TITLES = function_words("titles")
PREPOSITIONS = function_words("prepositions")
RELATIVE = function_words("relative")
SKIPPABLE = function_words("skippable")
AFFILIATION = function_words("affiliation")  # «تابعون لـ», «الموالية لـ»: whose men they are
DOER_HEADS = function_words("doer_heads")  # «مسلحون», «عناصر»: a doer told by its head noun
# «الموالية», «الحليفة», «التابعة»: the word after which comes whose side a force is on
BELONGING = AFFILIATION - function_words("affiliation_links")  # «تابعون», «ينتمون»: the words themselves
BACKING = BELONGING | load_cues().words.get("pro", frozenset())
