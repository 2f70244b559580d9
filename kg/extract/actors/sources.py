"""Who speaks and who is cited: unnamed sources and officials, outlets and their reporters,
bodies a spokesman speaks for, and groups named after a cue word.

«مصادر أمنية عراقية» is one sources actor per set of adjectives; a bare «المصادر» refers back
to the latest (it goes to `st.pending`); «مراسل الجزيرة» makes the outlet, and the reporter's
name after it a person; «الناطق باسم X» and «كتائب X» make X an actor no lexicon needs to hold.
"""

from __future__ import annotations

from kg.arabic.clitics import WA, has_article, has_conjunction, without_conjunction
from kg.arabic.normalise import norm
from kg.extract.actors.known import entry_draft, known, usable_match
from kg.extract.actors.people import person_name
from kg.extract.actors.state import ActorState
from kg.extract.actors.words import OFFICIAL_HEADS, OUTLET_NOUNS, SAYING, not_an_outlet_name
from kg.extract.entity_cues import Cue
from kg.extract.matcher import Match
from kg.extract.names import is_name_word, name_end, quoted_end


def source(st: ActorState, i: int, m: Match[Cue]) -> int | None:
    """«مصادر أمنية عراقية», «مصدر أمني», «مصادر أمنية ومحلية»; «المصادر» refers back."""
    toks, cues = st.toks, st.lx.cues
    k = m.end
    adjs: list[str] = []
    while k < len(toks):
        a = cues.at("source_adj", toks, k, max_rank=1 if adjs else 0)
        if a is None:
            a = cues.at("source_adj", toks, k, max_rank=2)
            if a is None or not has_article(toks[k].norm):
                break
        if adjs and has_conjunction(toks[k].norm, WA) and a.rank == 0:
            break
        adjs.append(a.payloads[0].label_en)
        k = a.end
    if not adjs:
        if toks[i].norm in ("المصادر", "المصدر") or has_article(toks[i].norm):
            st.pending.append(("source", i, m.end, ""))
            return m.end
        return _official_of_place(st, i, m.end)
    nat = cues.nationality.match_at(toks, k) if k < len(toks) else None
    c = None
    if nat is not None:
        c = nat.payloads[0].country
        k = nat.end
    labels = sorted(set(adjs))
    key = ("source", tuple(labels))
    demonym = (nat.payloads[0].demonym_en + " ") if nat is not None else ""
    who = "officials" if without_conjunction(toks[i].norm, WA) in OFFICIAL_HEADS else "sources"
    d = st.draft(key, st.text(i, k), "other", f"{demonym}{' and '.join(labels)} {who}", c)
    d.add(i, k)
    return k


def _official_of_place(st: ActorState, i: int, j: int) -> int | None:
    """«مسؤول في مطار عدن», «مصدر في مستشفى المدينة»: an unnamed official or source of the
    place named right after «في/من» speaks; the place is part of who they are."""
    toks, in_place = st.toks, st.in_place
    if j + 1 >= len(toks) or toks[j].norm not in ("في", "من") or j + 1 not in in_place:
        return None
    end = j + 1
    while end < len(toks) and end in in_place and end - j <= 4:
        end += 1
    label = without_conjunction(st.text(i, end), WA)
    st.draft(("source", st.key_words(i, end)), label, "other").add(i, end)
    return end


def media(st: ActorState, i: int, m: Match[Cue]) -> int | None:
    """«مراسل الجزيرة», «وكالة «رويترز»»: the outlet is the actor; the reporter's name,
    when it follows («مراسل الجزيرة في ريف حلب أدهم أبو الحسام أن»), is a person."""
    toks = st.toks
    j = m.end
    if j >= len(toks) or has_article(toks[i].norm):
        return None
    lex = usable_match(st, st.lx.index.match_at(toks, j))
    q = quoted_end(toks, j)
    if lex is not None:
        known(st, lex)
        end = lex.end
    elif q is not None:
        name = st.text(j + 1, q - 1)
        st.draft(("media", st.key_words(j + 1, q - 1)), name, "media").add(j + 1, q - 1)
        end = q
    elif st.lx.cues.at("media", toks, j) is not None:
        return j  # «مراسل وكالة ...»: the next cue names the outlet
    elif m.payloads[0].number == "strict":
        return None  # «موقع», «شبكة»: an outlet only when quoted or known
    else:
        got = _outlet_name(st, j, m.payloads[0])
        if got is None:
            return None
        end = got
    if m.payloads[0].cue.startswith("مراسل"):
        p_end = _reporter(st, end)
        if p_end is not None:
            return p_end
    return end


def _outlet_name(st: ActorState, j: int, cue: Cue) -> int | None:
    """An outlet's name after its noun, unquoted and unknown to the lexicon («وكالة أنباء
    الأناضول», «وكالة الأنباء الفرنسية»): a media draft, and where the name ends."""
    toks, cues = st.toks, st.lx.cues
    end = name_end(toks, j, cues, max_words=2, modifiers=False)
    if end is None or has_conjunction(toks[j].norm, WA) or not_an_outlet_name(toks[j]):
        return None
    if has_article(toks[j].norm):
        end = j + 1  # «مراسل الجزيرة في ...»: a definite outlet name is one word
    elif norm(cue.cue) in OUTLET_NOUNS:
        # «وكالة أنباء الأناضول»: an outlet's name runs on for a few words
        while (
            end < j + 3
            and end < len(toks)
            and is_name_word(toks[end], cues)
            and not (has_conjunction(toks[end].norm, WA) or cues.nationality.match_at(toks, end))
        ):
            end += 1
    nat = cues.nationality.match_at(toks, end) if end < len(toks) else None
    if nat is not None:  # «وكالة الأنباء الفرنسية»
        end = nat.end
    if end is None or (has_article(toks[j].norm) and end == j + 1 and j in st.in_place):
        return None
    label = st.text(j, end)
    if norm(cue.cue) in OUTLET_NOUNS:
        label = f"{cue.cue} {label}"
    st.draft(("media", st.key_words(j, end)), label, "media").add(j, end)
    return end


def _reporter(st: ActorState, end: int) -> int | None:
    """«مراسل الجزيرة في ريف حلب أدهم أبو الحسام أن»: the reporter named after the outlet
    (and where they report from) is a person when a saying word follows the name."""
    toks, cues, in_place = st.toks, st.lx.cues, st.in_place
    k = end
    if k < len(toks) and toks[k].norm == "في":
        k += 1
        while k < len(toks) and (
            k in in_place or cues.at("countryside", toks, k) or cues.at("direction_adj", toks, k)
        ):
            k += 1
    p_end = person_name(st, k)
    if p_end is not None and p_end < len(toks) and toks[p_end].norm in SAYING:
        st.person(k, p_end, st.country)
        return p_end
    return None


def spokesman(st: ActorState, i: int, m: Match[Cue]) -> int | None:
    """«الناطق باسم X»: X speaks, so X is an actor even when no lexicon knows it."""
    toks = st.toks
    j = m.end
    if j >= len(toks):
        return None
    if st.lx.index.match_at(toks, j) is not None:
        return j  # the lexicon step takes it from here
    org_ = st.lx.cues.at("org", toks, j)
    if org_ is not None:
        return j
    q = quoted_end(toks, j)
    s_, end = (j + 1, q - 1) if q is not None else (j, name_end(toks, j, st.lx.cues, max_words=3))
    if end is None:
        return None
    if q is None and end - j == 1 and has_article(toks[j].norm):
        return None  # «باسم العمليات»: a common noun; known bodies come from the lexicon
    st.draft(("org", st.key_words(s_, end)), st.text(s_, end), "other").add(s_, end)
    return end if q is None else q


def org(st: ActorState, i: int, m: Match[Cue]) -> int | None:
    """«كتائب X», «لواء X», «غرفة عمليات X»; «حركة/تنظيم/جماعة X» only when X is quoted."""
    toks, cues = st.toks, st.lx.cues
    cue = m.payloads[0]
    if has_article(toks[i].norm):
        return None
    j = m.end
    if j >= len(toks):
        return None
    q = quoted_end(toks, j)
    if q is not None:
        inner = st.lx.index.match_at(toks, j + 1)
        if inner is not None and inner.end == q - 1:  # «تنظيم (داعش)»: a known group
            entry_draft(st, inner.payloads[0], st.text(i, q)).add(i, q)
            return q
        end, name_s, name_e = q, j + 1, q - 1
    elif cue.number == "strict":
        return None
    else:
        end = name_end(toks, j, cues, max_words=3)
        if end is None:
            return None
        # group names run on for a few words: «أحرار الشام», «فتح حلب»
        while (
            end < j + 3
            and end < len(toks)
            and is_name_word(toks[end], cues)
            and not has_conjunction(toks[end].norm, WA)
        ):
            end += 1
        name_s, name_e = j, end
    key = ("org", cue.words + st.key_words(name_s, name_e))
    label = f"{cue.cue} {st.text(name_s, name_e)}"
    d = st.draft(key, label, cue.kind or "armed_group")
    d.add(i, end)
    return end
