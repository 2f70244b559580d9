"""The drafts become the record's places: ids in order of first mention, English labels of
countrysides and facilities, containment, country and precision, and `doc.spans["places"]`."""

from __future__ import annotations

from spacy.tokens import Span

from kg.extract.matcher import doc_text
from kg.extract.places.resolve import best
from kg.extract.places.state import PlaceDraft, PlaceState
from kg.extract.places.within import RecordIds, container_country, guessed_country, precision, within
from kg.extract.places.words import KIND_RANK
from kg.vocab.record import Mention, Place


def finish(st: PlaceState) -> list[Place]:
    """The record's places in order of first mention, with their spans put on the doc."""
    doc, toks, drafts = st.doc, st.toks, st.drafts
    text = doc_text(doc)
    live = [d for d in drafts.values() if d.mentions]
    live.sort(key=lambda d: d.first)
    ids: dict[tuple, str] = {}
    for n, d in enumerate(live, start=1):
        ids[d.key] = f"p{n}"
    by_entry = {d.entry.id: ids[d.key] for d in live if d.entry is not None}
    r = RecordIds(live, ids, by_entry, {ids[d.key]: d for d in live})
    out: list[Place] = []
    spans = []
    for d in live:
        pid = ids[d.key]
        out.append(_place(st, d, pid, r, text))
        for s, e_ in sorted(set(d.mentions)):
            spans.append(Span(doc, toks[s].i, toks[e_ - 1].i + 1, label=pid))
    doc.spans["places"] = spans
    return out


def _place(st: PlaceState, d: PlaceDraft, pid: str, r: RecordIds, text: str) -> Place:
    drafts, toks, e = st.drafts, st.toks, d.entry
    base = drafts.get(d.base) if d.base in drafts else None
    if d.base and d.base[:1] == ("entry",):
        base = None
    within_id = within(st.lx, d, base, r)
    kind = d.kind if e is None else e.kind
    label_en = d.label_en
    if d.key[0] == "rif":
        b = drafts.get(d.base) if d.base else None
        if d.label_ar.strip() == "ريف" and b is not None:
            d.label_ar = f"ريف {b.label_ar}"
        name = b.label_en if b and b.label_en else None
        side = d.key[2]
        label_en = (
            f"{side} {name} countryside" if side and name else (f"{name} countryside" if name else None)
        )
    elif d.pending is not None:
        on = best(d.pending.candidates, st.country)
        if on.name_en and d.cued_kind:
            label_en = d.cued_kind.replace("{}", on.name_en)
        d.country = d.country or on.country
        within_id = within_id or r.by_entry.get(on.id)
    p_country = (
        d.country
        or (base.country if base else None)
        or container_country(within_id, r)
        or guessed_country(e, st.country)
    )
    mentions = sorted({(toks[s].start, toks[e_ - 1].end) for s, e_ in d.mentions})
    return Place(
        id=pid,
        label_ar=d.label_ar,
        label_en=label_en,
        kind=kind if kind in KIND_RANK else "other",
        lat=e.lat if e else None,
        lon=e.lon if e else None,
        country=p_country,
        geonames=e.geonames if e else None,
        wikidata=e.wikidata if e else None,
        within=within_id,
        geo_precision=precision(kind, d),
        lexicon_id=e.id if e else None,
        mentions=[Mention(text[s:t], s, t) for s, t in mentions],
    )
