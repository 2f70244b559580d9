"""Every lexicon file and its columns: the schema the one reader (`kg.lexicons.tsv`) reads them by.

A row type per file (a NamedTuple, cheap to define at import and to build per row; the
gazetteer's and the actor lexicon's are the dataclasses of `kg.lexicons.entries`): its fields
are the columns in order, their types say how each cell is read. `SCHEMAS` names every data
file of kg/lexicons; `validate()` reads each one through it and reports a file that has no
entry here, so a new table cannot ship unread and unchecked.
The loaders (`kg.lexicons`, `kg.lexicons.words`, and the extractor modules that build indexes
on the rows) only ever call these tables' `rows()`.
"""

from __future__ import annotations

from typing import NamedTuple

from kg.lexicons.entries import ActorEntry, PlaceEntry, Theatre
from kg.lexicons.tsv import Table, WordList

# The entity cue types the rules read (cues.tsv's `type` column).
CUE_TYPES = frozenset(
    {
        "place", "facility", "countryside", "direction", "direction_adj", "anaphor", "name_prefix",
        "name_modifier", "org", "spokesman", "media", "title", "source_head", "source_adj",
        "civilians", "not_civilians", "force_head", "force_mod", "regime", "militia_head", "pro",
        "generic_actor", "boundary", "quarter_modifier", "institution", "kunya", "agent_verb",
        "speech_verb",
    }
)  # fmt: skip

# ---------------------------------------------------------------- gazetteer sources


class Admin1Row(NamedTuple):
    """admin1.tsv: governorates of the core theatres, with GeoNames' `CC.code` of each."""

    id: str
    name_ar: str
    aliases_ar: tuple[str, ...]
    name_en: str
    kind: str
    country: str
    parent: str
    gn_admin1: str


class CountryNameRow(NamedTuple):
    """country_names.tsv: the name Arabic news uses for a country, and its variants."""

    iso3: str
    name_ar: str
    aliases_ar: tuple[str, ...]
    lat: float | None
    lon: float | None
    wikidata: str | None


class PatchRow(NamedTuple):
    """places_patches.tsv: a correction to one generated GeoNames row (`-` clears a cell)."""

    id: str
    name_ar: str
    add_aliases: tuple[str, ...]
    drop_aliases: tuple[str, ...]
    kind: str
    country: str
    parent: str


class NameCountRow(NamedTuple):
    """name_counts.tsv: how often news spells a place name so (derived)."""

    name: str
    count: int


class Admin1NameRow(NamedTuple):
    """admin1_names_ar.tsv: the Arabic names of a theatre's GeoNames first-level divisions."""

    iso3: str
    geonames_code: str
    name_en: str
    name_ar: str
    aliases_ar: tuple[str, ...]


class Admin2NameRow(NamedTuple):
    """admin2_names_ar.tsv: the Arabic names of second-level units GeoNames names in English only."""

    id: str
    name_ar: str
    aliases_ar: tuple[str, ...]


class Admin1UnitRow(NamedTuple):
    """admin1_unit_ar.tsv: the Arabic unit word before a division named after its capital."""

    iso3: str
    unit_ar: str


class SeatRow(NamedTuple):
    """admin2_seats.tsv: a district no packaged table gives, found by its seat and towns."""

    id: str
    name_ar: str
    name_en: str
    country: str
    parent: str
    anchors_ar: tuple[str, ...]


class PointRow(NamedTuple):
    """admin2_points.tsv: a point known to lie in a district (derived)."""

    admin2: str
    lat: float
    lon: float


class UnitWordRow(NamedTuple):
    """admin_unit_words.tsv: a word ACLED leaves out of admin names."""

    unit_word: str
    position: str  # prefix or suffix


class ContestedRow(NamedTuple):
    """contested_places.tsv: a place of no country and the claimants a report may name."""

    id: str
    claimants: tuple[str, ...]
    admin1: tuple[str, ...]  # CLAIMANT:admin1 name
    admin2: tuple[str, ...]  # CLAIMANT:admin2 name
    why: str


# ---------------------------------------------------------------- actors, events, words


class AliasEnRow(NamedTuple):
    """actor_aliases_en.tsv: English names an analyst types for an actor (queries only)."""

    id: str
    aliases_en: tuple[str, ...]


class CueRow(NamedTuple):
    """cues.tsv: a word or phrase that finds a name no lexicon holds from its context."""

    cue: str
    type: str  # one of CUE_TYPES
    kind: str
    number: str
    label_en: str


class NationalityRow(NamedTuple):
    """nationalities.tsv: a nationality adjective, its forms, and its country's names."""

    adjective_ar: str
    forms_ar: tuple[str, ...]
    country: str | None
    demonym_en: str
    country_ar: tuple[str, ...]


class TriggerRow(NamedTuple):
    """triggers.tsv and candidates.tsv: an event trigger; `cond` may be left off."""

    form: str
    pos: str
    type: str
    priority: int
    cond: str = ""


class TriggerIdiomRow(NamedTuple):
    """trigger_idioms.tsv: words that make an idiom of a trigger («خطف الأضواء»)."""

    trigger: str
    words: tuple[str, ...]
    why: str


class EventCueRow(NamedTuple):
    """event_cues.tsv: a word of a class the event components read (air, failure, ...)."""

    word: str
    pos: str
    class_: str


class FunctionWordRow(NamedTuple):
    """function_words.tsv: a closed-class word and the rule set it belongs to."""

    word: str
    set: str


class TopicWordRow(NamedTuple):
    """topic_words.tsv: a word that marks an article's topic as ordinary news."""

    word: str
    topic: str


class NumberRow(NamedTuple):
    """numbers.tsv: a number word, its value and how it combines."""

    word: str
    value: int
    kind: str


class CountWordRow(NamedTuple):
    """count_words.tsv: a word around a count that qualifies it (a hedge, «أحد»), and its role."""

    phrase: str
    role: str


class CalendarRow(NamedTuple):
    """calendar.tsv: a month, weekday, relative phrase or ordinal (or a `word` of a set)."""

    name: str
    kind: str
    value: int
    detail: str
    ambiguous: bool


class AcledRegionRow(NamedTuple):
    """acled_regions.tsv: ACLED's region of a country, and its spelling where it differs."""

    iso3: str
    region: str
    name: str


class OutletRow(NamedTuple):
    """outlets.tsv: where an outlet is based and how far it reaches (source_scale)."""

    outlet: str
    country: str
    reach: str  # national, regional or international


# ---------------------------------------------------------------- the files

PLACES = Table("places.tsv", PlaceEntry)
ADMIN2 = Table("admin2.tsv", PlaceEntry, optional=True)
PLACES_CURATED = Table("places_curated.tsv", PlaceEntry, optional=True)
ACTORS = Table("actors.tsv", ActorEntry, columns=8)
ACTOR_THEATRES = Table("actor_theatres.tsv", Theatre, optional=True)
ACTOR_ALIASES_EN = Table("actor_aliases_en.tsv", AliasEnRow, optional=True)
ADMIN1 = Table("admin1.tsv", Admin1Row)
ADMIN1_NAMES_AR = Table("admin1_names_ar.tsv", Admin1NameRow)
ADMIN1_UNIT_AR = Table("admin1_unit_ar.tsv", Admin1UnitRow)
ADMIN2_NAMES_AR = Table("admin2_names_ar.tsv", Admin2NameRow)
ADMIN2_POINTS = Table("admin2_points.tsv", PointRow, optional=True)
ADMIN2_SEATS = Table("admin2_seats.tsv", SeatRow)
ADMIN_UNIT_WORDS = Table("admin_unit_words.tsv", UnitWordRow, one_of={"position": ("prefix", "suffix")})
COUNTRY_NAMES = Table("country_names.tsv", CountryNameRow)
PLACES_PATCHES = Table("places_patches.tsv", PatchRow)
NAME_COUNTS = Table("name_counts.tsv", NameCountRow, optional=True)
CONTESTED = Table("contested_places.tsv", ContestedRow)
CUES = Table("cues.tsv", CueRow, one_of={"type": CUE_TYPES})
NATIONALITIES = Table("nationalities.tsv", NationalityRow)
TRIGGERS = Table("triggers.tsv", TriggerRow)
CANDIDATES = Table("candidates.tsv", TriggerRow)
TRIGGER_IDIOMS = Table("trigger_idioms.tsv", TriggerIdiomRow)
EVENT_CUES = Table("event_cues.tsv", EventCueRow)
FUNCTION_WORDS = Table("function_words.tsv", FunctionWordRow)
TOPIC_WORDS = Table("topic_words.tsv", TopicWordRow)
NUMBERS = Table("numbers.tsv", NumberRow)
COUNT_WORDS = Table(
    "count_words.tsv",
    CountWordRow,
    one_of={"role": ("at_least_after", "more_than_before", "about_before", "one_of")},
)
CALENDAR = Table("calendar.tsv", CalendarRow)
ACLED_REGIONS = Table("acled_regions.tsv", AcledRegionRow)
OUTLETS = Table("outlets.tsv", OutletRow, one_of={"reach": ("national", "regional", "international")})
STOPLIST = WordList("stoplist_ar.txt")
CONTEXT_ONLY = WordList("context_only_ar.txt")
COMMON_WORDS = WordList("common_words_ar.txt", optional=True)

SCHEMAS: dict[str, Table | WordList] = {
    t.file: t
    for t in (
        PLACES, ADMIN2, PLACES_CURATED, ACTORS, ACTOR_THEATRES, ACTOR_ALIASES_EN, ADMIN1,
        ADMIN1_NAMES_AR, ADMIN1_UNIT_AR, ADMIN2_NAMES_AR, ADMIN2_POINTS, ADMIN2_SEATS, ADMIN_UNIT_WORDS,
        COUNTRY_NAMES,
        PLACES_PATCHES, NAME_COUNTS, CONTESTED, CUES, NATIONALITIES, TRIGGERS, CANDIDATES,
        TRIGGER_IDIOMS, EVENT_CUES, FUNCTION_WORDS, TOPIC_WORDS, NUMBERS, COUNT_WORDS, CALENDAR,
        ACLED_REGIONS, OUTLETS, STOPLIST, CONTEXT_ONLY, COMMON_WORDS,
    )
}  # fmt: skip
# the place files in load order: a later file's row replaces an earlier one's of the same id
PLACE_TABLES: tuple[Table[PlaceEntry], ...] = (PLACES, ADMIN2, PLACES_CURATED)
# the trigger tables by file name (the rules' lexicon and the learned eventness's candidates)
TRIGGER_TABLES: dict[str, Table[TriggerRow]] = {t.file: t for t in (TRIGGERS, CANDIDATES)}
