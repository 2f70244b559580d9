"""Word tests and closed word sets the actor rules share (the sets live in
kg/lexicons/function_words.tsv, which says what each is for)."""

from __future__ import annotations

from functools import cache

from kg.arabic.clitics import COMMON_PROCLITICS, has_article, has_proclitic, without_proclitic
from kg.arabic.numbers import number_words
from kg.arabic.shapes import masdar_shaped
from kg.extract.matcher import Tok
from kg.extract.phrases import function_words
from kg.lexicons.words import load_common_words

NAME_LINKS = function_words("name_links")
MAX_NAME_UNITS = 4
OUTLET_NOUNS = function_words("outlet_nouns")  # compared with a cue's normalised form
OUTLET_HEADS = function_words("outlet_heads")
PAPERS = function_words("papers")
Y_NAMES = function_words("y_names")
PREP_FORMS = tuple(sorted(function_words("particle_prefixes")))  # for str.startswith
COMPLEMENT_MAX = 4
COMPLEMENTISERS = function_words("fronting_that")
SAYING = function_words("after_reporter")
BOARD_WORDS = function_words("board_words")
PRO_OBJECTS = function_words("pro_objects")
WAW_NAMES = function_words("waw_names")
GOV_FORCE_LABELS = {"forces", "army", "government forces"}

SPEAKER_CLOSERS = function_words("speaker_closers")
NOT_NAMES = function_words("not_names")
GENERIC_BACK_HEADS = function_words("generic_back_heads")
GROUP_HEADS = function_words("group_heads")
OFFICIAL_HEADS = function_words("official_heads")
LEADER_WORDS = function_words("leader_words")
LOYALIST_HEADS = function_words("loyalist_heads")
UNIT_HEADS = function_words("unit_heads")

MILITARY = {"forces", "army", "air force", "navy"}


@cache
def common_words() -> frozenset[str]:
    return load_common_words()


@cache
def _numbers() -> frozenset[str]:
    return frozenset(number_words())


def branch(label: str, home: bool) -> str:
    """Forces and army are one actor per country; the air force and navy are told apart
    (the aircraft bombing are not the ground troops fighting)."""
    if label not in MILITARY:
        return label
    return "forces" if label in ("forces", "army") else label


def plural_noun(tok: Tok) -> bool:
    """A frequent sound feminine plural («خدمات», «فعاليات»): never part of a person's name."""
    n = tok.norm
    return n.endswith("ات") and len(n) >= 5 and n in common_words()


def bare_label(label: str, first: Tok) -> str:
    """«وحارسه الشخصي» → «حارسه الشخصي», «لاهالي» → «اهالي»: a label is the bare phrase."""
    n = first.norm
    read_bare = len(first.pro) > 1 and first.pro[1] == n[1:] and len(n) > 3
    if has_proclitic(label, COMMON_PROCLITICS) and read_bare:
        return without_proclitic(label, COMMON_PROCLITICS)
    return label


def last_unit(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """The family name a person is mentioned by again; none for «X بن Y بن Z» lineages,
    whose last part names a whole family."""
    if len(words) < 2 or "بن" in words[1:]:
        return None
    if len(words) >= 3 and words[-2] in NAME_LINKS:
        return words[-2:]
    return words[-1:]


def is_number(tok: Tok) -> bool:
    return (
        any(ch.isdigit() for ch in tok.norm)
        or tok.norm in _numbers()
        or any(r in _numbers() for r in tok.readings[1:2])
    )


def preposition_on_word(tok: Tok) -> bool:
    common = common_words()
    return tok.norm not in common and tok.norm[1:] in common


def not_an_outlet_name(tok: Tok) -> bool:
    """«14 قناة لجأت», «إذاعة مجتمعية», «صحيفة يومية»: a verb, an adjective or an everyday
    word after the outlet noun describes outlets; it does not name one."""
    if has_article(tok.norm):
        return False
    n = tok.norm
    if n.endswith("يه") or (n.endswith("ت") and len(n) <= 5):
        return True
    return n != "انباء" and n in common_words()


def everyday(tok: Tok) -> bool:
    """A frequent news word without «ال» that no name list would hold («حقوق», «شؤون»)."""
    return not has_article(tok.norm) and any(f in common_words() for f in tok.pro[:2])


def ordinary_word(tok: Tok) -> bool:
    """A frequent news word that is no family name: a definite noun that is not a nisba
    («الخميس», «الاستعادة»), or a feminine noun or masdar («استعادة», «مواجهة»). Frequent
    first names («صالح», «أسامة») pass: they are neither, or end no name here (third word on)."""
    if any(masdar_shaped(f) for f in tok.pro[:2]):
        return True  # «الاستهداف», «التفجير»: a verbal noun, frequent or not
    common = common_words()
    forms = [f for f in tok.pro[:2] if f in common]
    if not forms:
        return False
    if has_article(tok.norm):
        return not tok.norm.endswith("ي")
    return any(f.endswith("ه") for f in forms)
