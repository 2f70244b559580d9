"""The drafts become the record's actors: forces folded into the lexicon's, ids in order of
first mention, labels without a leading conjunction, and `doc.spans["actors"]`."""

from __future__ import annotations

from spacy.tokens import Span

from kg.arabic.clitics import has_conjunction, starts_with_article, without_conjunction
from kg.extract.actors.again import state_force
from kg.extract.actors.lexicon import entry_branch
from kg.extract.actors.state import ActorDraft, ActorState
from kg.extract.actors.words import GOV_FORCE_LABELS, bare_label
from kg.extract.matcher import doc_text
from kg.vocab.record import ACTOR_KINDS as KINDS
from kg.vocab.record import Actor, Mention


def force_to_lexicon(st: ActorState) -> None:
    """A force found from a nationality adjective is the lexicon's force of that country
    and branch: join the lexicon actor if the article also named it, else take its id."""
    drafts = st.drafts
    named = {  # the article's own lexicon forces win over the lexicon-wide choice
        (d.entry.country, entry_branch(d.entry)): d
        for d in drafts.values()
        if d.entry is not None and d.key[0] == "lex" and d.kind in ("state_force", "foreign_force")
    }
    for key in [k for k in drafts if k[0] == "force"]:
        d = drafts[key]
        lex = named.get((key[1], key[2]))
        if lex is not None:
            for s, e in d.mentions:
                lex.add(s, e)
            del drafts[key]
            continue
        entry = st.lx.force_entry.get((key[1], key[2]))
        if entry is None:
            continue
        lex = drafts.get(("lex", entry.id))
        if lex is not None:
            for s, e in d.mentions:
                lex.add(s, e)
            del drafts[key]
        else:
            d.entry = entry
            d.label_en = entry.name_en or d.label_en


def finish(st: ActorState) -> list[Actor]:
    """The record's actors in order of first mention, with their spans put on the doc."""
    doc, toks, drafts = st.doc, st.toks, st.drafts
    text = doc_text(doc)
    # the article's own «forces»/«army» drafts fold into its one lexicon state force
    for key in [k for k in drafts if k[0] == "force" and k[2] in GOV_FORCE_LABELS]:
        target = state_force({k: d for k, d in drafts.items() if k[0] != "force"}, key[1])
        if target is not None and target is not drafts[key]:
            for s, e in drafts[key].mentions:
                target.add(s, e)
            del drafts[key]
    force_to_lexicon(st)
    live = sorted((d for d in drafts.values() if d.mentions), key=lambda d: d.first)
    out: list[Actor] = []
    spans = []
    for n, d in enumerate(live, start=1):
        aid = f"a{n}"
        out.append(_actor(st, d, aid, text))
        for s, e in sorted(set(d.mentions)):
            spans.append(Span(doc, toks[s].i, toks[e - 1].i + 1, label=aid))
    doc.spans["actors"] = spans
    return out


def _actor(st: ActorState, d: ActorDraft, aid: str, text: str) -> Actor:
    toks = st.toks
    mentions = sorted({(toks[s].start, toks[e - 1].end) for s, e in d.mentions})
    if not d.label_ar:
        s, e = mentions[0]
        d.label_ar = text[s:e]
    if has_conjunction(d.label_ar) and starts_with_article(without_conjunction(d.label_ar)):
        d.label_ar = without_conjunction(d.label_ar)
    elif d.key[0] in ("generic", "civilians") and d.mentions:
        d.label_ar = bare_label(d.label_ar, toks[min(d.mentions)[0]])
    e_ = d.entry
    kind = d.kind if d.kind in KINDS else "other"
    return Actor(
        id=aid,
        label_ar=e_.name_ar if e_ else d.label_ar,
        label_en=d.label_en,
        kind=kind,
        country=d.country or (st.country if kind in ("civilians", "person", "other") else None),
        wikidata=e_.wikidata if e_ else None,
        lexicon_id=e_.id if e_ else None,
        mentions=[Mention(text[s:e], s, e) for s, e in mentions],
        office_ar=d.office_ar,
        office_en=d.office_en,
    )
