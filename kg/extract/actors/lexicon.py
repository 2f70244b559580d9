"""The actor lexicon as the rules read it, and the rules that take an actor from it.

`ActorLexicon` holds what a pipeline builds once from actors.tsv and the cue words (the alias
index, outlets by their bare names, forces by their leader's name, each country's own force);
`known` and `outlet` turn a lexicon match into a draft, choosing among entries that share an
alias by the article's countries.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from kg.arabic.clitics import ARTICLE, has_article, without_article
from kg.arabic.normalise import norm
from kg.extract.actors.words import GROUP_HEADS, LOYALIST_HEADS, OUTLET_HEADS, PAPERS
from kg.extract.entity_cues import Cues, Nationality
from kg.extract.lexicon_index import actor_index
from kg.extract.matcher import AliasIndex, Tok, alias_words
from kg.extract.phrases import function_words
from kg.lexicons import ActorEntry

BRANCH_WORDS = (
    ("air force", ("air force", "aerospace", "air defence", "air defense")),
    ("navy", ("navy", "naval")),
    ("police", ("police",)),
)
FORCES_PREFERENCE = ("government forces", "armed forces", "army", "defense forces", "defence forces")


class ActorLexicon:
    """The indexes over the actor lexicon and the cue words, built once per pipeline."""

    def __init__(self, actors: Sequence[ActorEntry], cues: Cues) -> None:
        self.cues = cues
        self.index: AliasIndex[ActorEntry] = actor_index(actors)
        self.force_entry = force_entries(actors)
        self._single: dict[str, frozenset[str]] = {}
        # outlets by their bare names: «الرياض» for «صحيفة الرياض»
        self.outlets: dict[tuple[str, ...], ActorEntry] = {}
        for paper in (True, False):  # «لـ«الشرق الأوسط»»: the newspaper before the agency
            for e in actors:
                for name in e.names if e.kind == "media" else ():
                    words = alias_words(name)
                    if len(words) >= 2 and words[0] in OUTLET_HEADS and (words[0] in PAPERS) == paper:
                        self.outlets.setdefault(tuple(words[1:]), e)
        # «قوات صالح»: a leader's last name -> the lexicon's forces named after him
        self.forces_of: dict[str, list[ActorEntry]] = {}
        for e in actors:
            if e.kind == "person":
                continue
            for name in e.names:
                words = alias_words(name)
                if len(words) == 2 and words[0] in LOYALIST_HEADS:
                    bucket = self.forces_of.setdefault(words[1], [])
                    if e not in bucket:
                        bucket.append(e)
        self.demonym: dict[str, str] = {}
        for _, nats in self.nationalities():
            for n in nats:
                if n.country:
                    self.demonym.setdefault(n.country, n.demonym_en)

    def nationalities(self) -> list[tuple[tuple[str, ...], tuple[Nationality, ...]]]:
        from kg.extract.entity_cues import parse_nationalities

        return [(f, (n,)) for f, n in parse_nationalities()]

    def nationality_forms(self) -> set[str]:
        out: set[str] = set()
        for forms, _nats in self.nationalities():
            for f in forms:
                n = norm(f)
                out |= {n, ARTICLE + n}
        return out

    @cached_property
    def not_unit_words(self) -> frozenset[str]:
        """Words after a force head that never start a unit's name: nationalities and the state."""
        words = {n for n in self.nationality_forms()}
        return frozenset(words | function_words("prepositions") | function_words("relative"))

    @cached_property
    def state_heads(self) -> frozenset[str]:
        """Cue heads of the state's forces and officials, which never refer back to a group."""
        words = self.cues.words
        state = ("force_head", "source_head", "title", "media", "spokesman", "regime", "civilians")
        heads = {without_article(w) for t in state for w in words.get(t, ())}
        return frozenset(heads - GROUP_HEADS)

    def one_word_names(self, e: ActorEntry) -> frozenset[str]:
        got = self._single.get(e.id)
        if got is None:
            got = self._single[e.id] = frozenset(norm(n) for n in e.names if " " not in n.strip())
        return got

    def institution(self, tok: Tok) -> bool:
        """«مجلس», «هيئة», «نادي»: heads of body names, part of an office, never a first name."""
        return any(self.cues.has("institution", r) for r in tok.pro[:2])

    def construct_head(self, tok: Tok) -> bool:
        """An institution noun that can take a genitive («مجلس إدارة», «هيئة كبار العلماء»):
        with «ال» («الشركة») it cannot, so a name after it is a name."""
        return self.institution(tok) and not has_article(tok.norm)


def entry_branch(e: ActorEntry) -> str | None:
    en = (e.name_en or "").lower()
    for branch, words in BRANCH_WORDS:
        if any(w in en for w in words):
            return branch
    return "forces" if any(w in en for w in FORCES_PREFERENCE) else None


def force_entries(actors: Sequence[ActorEntry]) -> dict[tuple[str, str], ActorEntry]:
    """(country, branch) -> the lexicon's state force, so «طائرات روسية» gets the Russian air
    force's lexicon id and «الطيران الروسي» (a lexicon alias) and it are one actor."""
    out: dict[tuple[str, str], ActorEntry] = {}
    rank: dict[tuple[str, str], int] = {}
    for e in actors:
        if e.kind != "state_force" or not e.country:
            continue
        branch = entry_branch(e)
        if branch is None:
            continue
        en = (e.name_en or "").lower()
        r = next((n for n, w in enumerate(FORCES_PREFERENCE) if w in en), len(FORCES_PREFERENCE))
        key = (e.country, branch)
        if key not in out or r < rank[key]:
            out[key], rank[key] = e, r
    return out
