"""Places built on a named place: its countryside («ريف حلب», «ريف حلب الغربي», «ريفها»),
its centre when it is a region («وسط سيناء»), a quarter with a name of its own («حلب
القديمة»). They point at the place they are built on (`base`), which is resolved later."""

from __future__ import annotations

from kg.arabic.clitics import has_pronoun, without_conjunction
from kg.extract.entity_cues import Cue
from kg.extract.matcher import Match
from kg.extract.names import name_end
from kg.extract.places.lexicon import centre_of_region
from kg.extract.places.state import Hit, PlaceDraft, PlaceState
from kg.extract.places.words import name_key
from kg.lexicons import PlaceEntry


def countryside(st: PlaceState, i: int, j: int, cue: Cue, precise: bool) -> int:
    """«ريف حلب» is a place of its own ('Aleppo countryside'); «ريف حلب الغربي» one more;
    «ريفها» is the countryside of the place just named."""
    toks, drafts = st.toks, st.drafts
    tok = toks[i]
    if has_pronoun(tok.norm, ("ها", "ه")) and not tok.norm.endswith("ريف"):
        base_key = last_key(st, {"city", "admin1", "town", "region"}, before=i)
        if base_key is None:
            return j
        d = _rif_draft(st, base_key, None, cue)
        d.add(i, j, precise)
        return j
    m = st.lx.index.match_at(toks, j, max_rank=2) if j < len(toks) else None
    if m is not None:
        hit = Hit(m.start, m.end, m.payloads, False)  # «ريف حلب» is part of, not in, Aleppo
        st.hits.append(hit)
        base_key: tuple = ("hit", id(hit))
        end = m.end
    else:
        end = name_end(toks, j, st.lx.cues, modifiers=False)
        if end is None:
            return j
        base_key = ("new", "city", name_key(toks, j, end, False))
        if base_key not in drafts:
            label = " ".join(t.text for t in toks[j:end])
            drafts[base_key] = PlaceDraft(base_key, label, "city")
    d = _rif_draft(st, base_key, None, cue, " ".join(t.text for t in toks[j:end]))
    d.add(i, end, precise)
    if end < len(toks):
        adj = st.lx.cues.at("direction_adj", toks, end)
        if adj is not None:
            side = adj.payloads[0].label_en
            sub = _rif_draft(st, base_key, side, cue)
            if sub.label_ar.endswith(side):
                sub.label_ar = " ".join(t.text for t in toks[i : adj.end])
            sub.add(i, adj.end, precise)
            return adj.end
    return end


def _rif_draft(
    st: PlaceState, base_key: tuple, side: str | None, cue: Cue, base_label: str = ""
) -> PlaceDraft:
    drafts = st.drafts
    key = ("rif", base_key, side)
    d = drafts.get(key)
    if d is None:
        if side is None:
            parent = drafts.get(base_key)
            label = "ريف " + (base_label or (parent.label_ar if parent else ""))
        else:
            label = drafts[("rif", base_key, None)].label_ar
            label = f"{label} {side}"
        d = drafts[key] = PlaceDraft(key, label.strip(), "region", base=base_key)
        d.cued_kind = side  # remembered for the English label
    return d


def last_key(st: PlaceState, kinds: set[str], before: int) -> tuple | None:
    """The latest place of one of these kinds named before token `before`."""
    best, at = None, -1
    for h in st.hits:
        if h.start < before and h.start > at and any(e.kind in kinds for e in h.candidates):
            best, at = ("hit", id(h)), h.start
    for key, d in st.drafts.items():
        if key[0] == "new" and d.kind in kinds and d.first < before and d.first > at:
            best, at = key, d.first
    return best


def part_of_hit(st: PlaceState, hit: Hit, lex: Match[PlaceEntry], precise: bool) -> int | None:
    """After a gazetteer hit: «وسط سيناء» (the middle of a region is a region of its own,
    within it) or «حلب القديمة» (a part of the city with a name of its own). Where the scan
    goes on when either is found (the hit then only carries the part), else None."""
    toks, drafts = st.toks, st.drafts
    if centre_of_region(toks, lex):
        s0 = lex.start - 1
        conj = toks[s0].norm != "وسط"  # «ووسط سوريا»
        key = ("new", "region", name_key(toks, s0, lex.end, conj))
        d = drafts.get(key)
        if d is None:
            label = " ".join(t.text for t in toks[s0 : lex.end])
            label = without_conjunction(label) if conj else label
            d = drafts[key] = PlaceDraft(key, label, "region")
            d.base = ("hit", id(hit))
        d.add(s0, lex.end, True)
        hit.silent = True
        return lex.end
    i = lex.end
    if i < len(toks) and st.lx.cues.has("quarter_modifier", toks[i].norm):
        key = ("new", "district", name_key(toks, lex.start, i + 1, False))
        d = drafts.get(key)
        if d is None:
            label = " ".join(t.text for t in toks[lex.start : i + 1])
            d = drafts[key] = PlaceDraft(key, label, "district")
            d.base = ("hit", id(hit))
        d.add(lex.start, i + 1, precise)
        hit.silent = True
        return i + 1
    return None
