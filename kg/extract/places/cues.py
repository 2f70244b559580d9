"""Places a cue word opens: «حي X», «قرى X وY», «بلدة X» (a gazetteer name of a fitting kind,
else a new place), countrysides and facilities (their own modules); names first found after a
cue, recurring bare; and referring nouns («المدينة», «البلاد») pointed at a place already named.
"""

from __future__ import annotations

from kg.arabic.clitics import WA, has_article, has_conjunction, without_article, without_conjunction
from kg.extract.entity_cues import Cue
from kg.extract.matcher import AliasIndex
from kg.extract.names import QUOTES_OPEN, quoted_end
from kg.extract.places.countryside import countryside
from kg.extract.places.facilities import facility, facility_of_city
from kg.extract.places.names import new_name_end
from kg.extract.places.state import Hit, PlaceDraft, PlaceState
from kg.extract.places.words import ANAPHOR_KINDS, kind_class, name_key


def cue_at(st: PlaceState, i: int) -> tuple[Cue, int] | None:
    """A place/facility/countryside cue word at i, indefinite («بمدينة», not «المدينة»)."""
    if has_article(st.toks[i].norm):
        return None
    for type_ in ("countryside", "place", "facility"):
        m = st.lx.cues.at(type_, st.toks, i)
        if m is not None:
            return m.payloads[0], m.end
    return None


def cued(st: PlaceState, i: int, cue_end: tuple[Cue, int], precise: bool) -> int:
    """The place or places the cue at i opens; where the scan goes on."""
    toks = st.toks
    cue, j = cue_end
    if cue.type == "countryside":
        return countryside(st, i, j, cue, precise)
    if cue.type == "facility":
        return facility(st, i, j, cue, precise)
    items = 1 if cue.number.startswith("sg") else 12  # the dual is used for longer lists too
    k = j
    found = 0
    while found < items and k < len(toks):
        start = k
        # later items are joined by «و»: «والصاخور», «وتل الزرازير»
        if found and (not has_conjunction(toks[k].norm, WA) or len(toks[k].norm) < 3):
            break
        end = _item(st, start, found > 0, cue, precise)
        if end is None:
            break
        found += 1
        k = end
    return k if found else j


def _item(st: PlaceState, k: int, joined: bool, cue: Cue, precise: bool) -> int | None:
    """One name after a place cue: a gazetteer name of a fitting kind, else a new place."""
    toks, cues, drafts = st.toks, st.lx.cues, st.drafts
    if not joined and toks[k].text in QUOTES_OPEN and quoted_end(toks, k) is None:
        k += 1  # «مستشفيات "صيدا والجيزة»: a quote opened around the whole list
        if k >= len(toks):
            return None
    if cues.at("anaphor", toks, k) is not None:
        return None  # «قرى المديرية»: the district already named, whatever the gazetteer holds
    m = st.lx.index.match_at(toks, k, max_rank=None if joined else 2)
    if m is not None and cue.kind != "country" and all(e.kind == "country" for e in m.payloads):
        return None  # «محافظات مصر», «ولايات أمريكا»: the country's units at large; the country stays
    modified = m is not None and m.end < len(toks) and cues.has("name_modifier", toks[m.end].norm)
    if m is not None and not modified:
        words = name_key(toks, m.start, m.end, joined)
        label = " ".join(t.text for t in toks[m.start : m.end] if t.is_word)
        st.hits.append(Hit(m.start, m.end, m.payloads, precise, cue.kind, words=words, label=label))
        return m.end
    # «حي اليرموك الثانية»: a known word plus a modifier names another place
    end = m.end + 1 if m is not None and modified else new_name_end(st.lx, toks, k, cue, joined)
    if end is None:
        return None
    words = name_key(toks, k, end, joined)
    key = ("new", kind_class(cue.kind), words)
    d = drafts.get(key)
    if d is None:
        label = without_conjunction(toks[k].text) if joined else toks[k].text
        label = " ".join([label, *(t.text for t in toks[k + 1 : end])]).strip("«»\"'() ")
        d = drafts[key] = PlaceDraft(key, label, cue.kind, cued_kind=cue.kind)
    d.add(k, end, precise)
    return end


def known_again(st: PlaceState) -> None:
    """Names first found after a cue are mentions wherever they recur bare («الصاخور»)."""
    drafts = st.drafts
    index: AliasIndex[tuple] = AliasIndex()
    for key, d in drafts.items():
        if key[0] == "new" and len(d.mentions) and key[2]:
            index.add(key[2], key)
    if not index._first:
        return
    taken = {k for d in drafts.values() for s, e in d.mentions for k in range(s, e)}
    for m in index.find_all(st.toks):
        if m.start in taken or m.start in st.blocked:
            continue
        for key in m.payloads:
            drafts[key].add(m.start, m.end, True)


def anaphors(st: PlaceState) -> None:
    """«المدينة», «البلاد», «المحافظة»: a mention of the latest place of that kind;
    «المطار», «الميناء» with none named yet: the airport or port of the article's city."""
    toks = st.toks
    for i, cue in st.anaphors:
        kind = cue.kind
        ok = ANAPHOR_KINDS.get(kind, {kind})
        # the most-mentioned fitting place so far, the latest on ties; a general countryside
        # before a directional one
        best, score = None, None
        noun = without_article(toks[i].pro[-1])[:3] if toks[i].pro else ""
        for d in st.drafts.values():
            if kind == "facility" and noun not in d.label_ar:
                continue
            if d.first < i and d.kind in ok:
                seen = sum(1 for s, _ in d.mentions if s < i)
                sc = (d.key[0] != "rif" or d.key[2] is None, seen, max(s for s, _ in d.mentions))
                if score is None or sc > score:
                    best, score = d, sc
        if best is None and cue.label_en:
            best = facility_of_city(st, i, cue)
        if best is not None:
            best.mentions.append((i, i + 1))
