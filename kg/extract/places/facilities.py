"""Facilities, roads and fronts: «مطار حلب», «طريق خناصر», «محور حندرات», where the cue word
is part of the name; after a plural («مستشفيات صيدا والجيزة») each listed name is one; and
«المطار» with none named yet is the airport of the article's city."""

from __future__ import annotations

from kg.arabic.clitics import COMMON_PROCLITICS, WA, has_conjunction, has_proclitic, without_conjunction
from kg.extract.entity_cues import Cue
from kg.extract.names import QUOTES_OPEN, quoted_end
from kg.extract.places.names import new_name_end
from kg.extract.places.state import Hit, PlaceDraft, PlaceState
from kg.extract.places.words import name_key


def facility(st: PlaceState, i: int, j: int, cue: Cue, precise: bool) -> int:
    """«مطار حلب», «طريق خناصر», «محور حندرات»: the cue word is part of the name;
    after a plural («مستشفيات صيدا والجيزة») each listed name is a facility."""
    toks = st.toks
    k, items, found = j, (1 if cue.number.startswith("sg") else 12), 0
    while found < items and k < len(toks):
        if found and (not has_conjunction(toks[k].norm, WA) or len(toks[k].norm) < 3):
            break
        end = _facility_item(st, i, k, found > 0, cue, precise)
        if end is None:
            break
        found, k = found + 1, end
    return k if found else j


def _facility_item(st: PlaceState, i: int, j: int, joined: bool, cue: Cue, precise: bool) -> int | None:
    toks, drafts = st.toks, st.drafts
    if not joined and toks[j].text in QUOTES_OPEN and quoted_end(toks, j) is None:
        j += 1
    if j >= len(toks):
        return None
    m = st.lx.index.match_at(toks, j, max_rank=None if joined else 2)
    end = m.end if m is not None else new_name_end(st.lx, toks, j, cue, joined)
    if end is None:
        return None
    # «مطار طرابلس الدولي»: the modifier belongs to the facility's name
    while end < len(toks) and st.lx.cues.has("name_modifier", toks[end].norm):
        end += 1
    plural = not cue.number.startswith("sg")
    key = ("fac", cue.label_en, name_key(toks, j, end, joined))
    d = drafts.get(key)
    if d is None:
        name = " ".join(t.text for t in toks[j:end] if t.is_word)
        name = without_conjunction(name) if joined else name
        label = name if plural else f"{cue.cue} {name}"
        d = drafts[key] = PlaceDraft(key, label.replace('"', ""), cue.kind)
        d.cued_kind = cue.label_en
        if m is not None:
            d.pending = Hit(m.start, m.end, m.payloads, precise)
    d.add(j if plural else i, end, precise)
    return end


def facility_of_city(st: PlaceState, i: int, cue: Cue) -> PlaceDraft | None:
    """«المطار», «الميناء» with no facility of that kind named yet: the one of the city the
    article names most."""
    toks, drafts = st.toks, st.drafts
    cities = [d for d in drafts.values() if d.kind in ("city", "town") and d.first < i]
    if not cities:
        return None
    city = max(cities, key=lambda d: (len(d.mentions), -d.first))
    key = ("anaphor_fac", cue.words, city.key)
    d = drafts.get(key)
    if d is None:
        label = toks[i].text[1:] if has_proclitic(toks[i].norm, COMMON_PROCLITICS) else toks[i].text
        en = cue.label_en.replace("{}", city.label_en) if city.label_en else None
        d = drafts[key] = PlaceDraft(key, label, "facility", en, None, city.country, base=city.key)
        d.first = i
        d.plain = True
    return d
