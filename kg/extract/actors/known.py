"""Lexicon matches made actors of one article: which entry a shared alias names here, whether
the words mean the actor at all («فندق الجزيرة», «الحماس»), and the outlet a source spoke to.

Kept apart from lexicon.py, which builds the shared indexes and must not depend on a document's
state, so the two import one way only.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.arabic.clitics import WA, has_article, starts_with_article, without_conjunction
from kg.extract.actors.lexicon import ActorLexicon
from kg.extract.actors.state import ActorDraft, ActorState
from kg.extract.matcher import Match, Tok
from kg.lexicons import ActorEntry


def usable_match(st: ActorState, lex: Match[ActorEntry] | None) -> Match[ActorEntry] | None:
    """The lexicon match unless the words mean something else here: «فندق الجزيرة» is a hotel,
    not the channel; «الحماس» (enthusiasm) is not «حماس»."""
    if lex is not None and lex.start in st.in_place and _inside_longer_place(lex, st.in_place):
        return None
    if lex is not None and lex.end - lex.start == 1 and _article_on_bare_name(st.lx, st.toks[lex.start], lex):
        return None
    return lex


def known(st: ActorState, lex: Match[ActorEntry]) -> ActorDraft:
    """The actor a lexicon match names: the entry the article's countries pick among those
    sharing the alias, else a name of its own («الدفاع المدني» in an article about a country
    without its own entry)."""
    label = st.text(lex.start, lex.end)
    e = pick(lex.payloads, st.country, st.doc_countries)
    if e is None:
        key = ("shared", st.key_words(lex.start, lex.end))
        d = st.draft(key, without_conjunction(label, WA), "other", None, st.country)
    else:
        d = st.draft(("lex", e.id), label, e.kind, e.name_en, e.country, e)
    d.add(lex.start, lex.end)
    return d


def entry_draft(st: ActorState, e: ActorEntry, label: str) -> ActorDraft:
    """The draft of a lexicon entry, named `label` when it is new."""
    return st.draft(("lex", e.id), label, e.kind, e.name_en, e.country, e)


def outlet(st: ActorState, where: tuple[int, int, int]) -> None:
    """The outlet a source spoke to: the lexicon's («صحيفة الرياض» from «الرياض»), else a
    media actor of that name."""
    s, e, _ = where
    words = st.key_words(s, e)
    entry = st.lx.outlets.get(words)
    if entry is None:
        lex = st.lx.index.match_at(st.toks, s)
        entry = lex.payloads[0] if lex is not None and lex.end == e else None
    label = st.text(s, e)
    if entry is not None:
        entry_draft(st, entry, label).add(s, e)
    else:
        st.draft(("media", words), label, "media").add(s, e)


def pick(
    entries: Sequence[ActorEntry], country: str | None, named: frozenset[str | None]
) -> ActorEntry | None:
    """One entry for an alias several countries share («الدفاع المدني», «أنصار الشريعة»,
    «قوات التحالف»): the article's country's, else the one fighting in that country, else
    the one country among its places that has an entry, else None (a name of its own)."""
    if len(entries) == 1 or len({e.country for e in entries}) == 1:
        return entries[0]
    own = [e for e in entries if e.country == country] or [e for e in entries if country in e.theatres]
    own = own or [e for e in entries if e.country in named]
    own = own or [e for e in entries if not named.isdisjoint(e.theatres)]
    return own[0] if len({e.country for e in own}) == 1 else None


def _article_on_bare_name(lx: ActorLexicon, tok: Tok, lex: Match[ActorEntry]) -> bool:
    """A one-word name written without «ال» («حماس», «داعش», «فتح») does not take it: with
    the article the word is the ordinary noun («الحماس», «الفتح»)."""
    if not has_article(tok.norm):
        return False
    return not any(starts_with_article(n) for e in lex.payloads for n in lx.one_word_names(e))


def _inside_longer_place(lex: Match[ActorEntry], in_place: set[int]) -> bool:
    return all(k in in_place for k in range(lex.start, lex.end)) and (
        lex.start - 1 in in_place or lex.end in in_place
    )
