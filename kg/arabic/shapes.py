"""Word shapes that mark an everyday noun rather than a name.

Verbal nouns (masdars) of the derived verb forms have fixed templates: «الارتكاز» (iftiʿāl),
«الاستهداف» (istifʿāl), «الانسحاب» (infiʿāl), «التفجير» (tafʿīl). Place and person names
seldom take them, so after a weak cue («محور X», «طريق X») or inside a name a word of this shape
says the phrase is ordinary language («محور الارتكاز» is a football position). Only the
definite forms are tested: without «ال» the templates collide with too many names.
"""

from __future__ import annotations

import re

# on normalised text (alef forms folded to ا); C = any letter
_C = "[\u0621-\u064a]"
_TEMPLATES = re.compile(
    "^ال(?:"
    f"است{_C}{_C}ا{_C}"  # istifʿāl: الاستهداف
    f"|ا{_C}ت{_C}ا{_C}"  # iftiʿāl: الارتكاز, الاحتلال
    f"|ان{_C}{_C}ا{_C}"  # infiʿāl: الانسحاب
    f"|ت{_C}{_C}ي{_C}"  # tafʿīl: التفجير
    ")$"
)


def masdar_shaped(word_norm: str) -> bool:
    """Whether a normalised definite word has the template of a derived verbal noun."""
    return bool(_TEMPLATES.match(word_norm))
