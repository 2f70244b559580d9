"""The second passes, once the whole article is read: mentions that refer back to an actor
already named, and drafts that are one actor written two ways.

A name in brackets after another is its short form; a person written with and without a middle
name is one person; a cue-found name recurs bare; a named group's head word made definite
(«التنظيم») refers back to it; the pending «الجيش», «المصادر», «المتمردين» go to the actor
they mean.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from kg.arabic.clitics import with_article, without_article
from kg.extract.actors.lexicon import entry_branch
from kg.extract.actors.state import ActorDraft, ActorState
from kg.extract.actors.words import GENERIC_BACK_HEADS, GOV_FORCE_LABELS, branch, last_unit
from kg.extract.matcher import AliasIndex, Tok, alias_words


def _bracketed_names(toks: Sequence[Tok], drafts: dict) -> None:
    """«وكالة الأنباء الرسمية (سانا)», «تنظيم الدولة الإسلامية (داعش)»: a name in brackets
    right after another (one adjective may come between) is the same actor written short.
    The lexicon's identity wins; two different lexicon actors stay apart («(فرع القاعدة)»)."""
    starts = {s: key for key, d in drafts.items() for s, _e in d.mentions}
    for key in list(drafts):
        d = drafts.get(key)
        if d is None:
            continue
        for _s, e in list(d.mentions):
            k = e + 1 if e + 1 < len(toks) and toks[e].text != "(" else e  # one word between
            if k >= len(toks) or toks[k].text != "(":
                continue
            other = starts.get(k + 1)
            o = drafts.get(other) if other is not None else None
            if (
                o is None
                or other == key
                or not any(s2 == k + 1 and e2 < len(toks) and toks[e2].text == ")" for s2, e2 in o.mentions)
            ):
                continue
            if key[0] == "lex" and other[0] == "lex":
                continue
            keep, drop = (other, key) if other[0] == "lex" else (key, other)
            target, src = drafts[keep], drafts.pop(drop)
            for s2, e2 in src.mentions:
                target.add(s2, e2)
            starts.update({s2: keep for s2, _e2 in src.mentions})
            break


def same_people(drafts: dict) -> None:
    """«اللواء أحمد اليافعي» and «اللواء أحمد سيف اليافعي»: one person written with and
    without a middle name (same first and last word, the shorter inside the longer)."""
    known = {  # people the lexicon knows, by the words of their names
        k: max((tuple(alias_words(n)) for n in d.entry.names), key=len)
        for k, d in drafts.items()
        if k[0] == "lex" and d.entry is not None and d.entry.kind == "person"
    }
    words_of = {**{k: k[1] for k in drafts if k[0] == "person"}, **known}
    people = sorted(words_of, key=lambda k: -len(words_of[k]))
    for short in sorted(people, key=lambda k: len(words_of[k])):
        inner = words_of[short]
        if len(inner) < 2 or short not in drafts:
            continue
        for long in people:
            words = words_of[long]
            if long == short or len(words) <= len(inner) or long not in drafts:
                continue
            if words[0] == inner[0] and words[-1] == inner[-1] and set(inner) <= set(words):
                # the lexicon's entry keeps the identity; else the fuller name
                keep, drop = (short, long) if short[0] == "lex" else (long, short)
                if drop[0] == "lex":
                    continue  # two lexicon people are two people
                target, src = drafts[keep], drafts.pop(drop)
                if src.office_ar and (target.office_ar is None or src.first < target.first):
                    target.office_ar, target.office_en = src.office_ar, src.office_en  # first stated
                for s2, e2 in src.mentions:
                    target.add(s2, e2)
                break


def head_again(st: ActorState) -> None:
    """«التنظيم», «الجماعة», «الوحدات», «المقاومة» after «تنظيم الدولة», «جماعة الحوثي»,
    «وحدات حماية الشعب», «المقاومة الشعبية»: the first word of a named group's name, made
    definite, refers back to it when the article names one group with that head. Heads of
    state forces and officials («الجيش», «القوات», «الأمن») are left to their own rules."""
    drafts = st.drafts
    owners: dict[str, set[tuple]] = {}
    first_at: dict[tuple, int] = {}
    for key, d in drafts.items():
        if key[0] != "lex" or d.entry is None or d.kind in ("person", "state_force", "political"):
            continue
        first_at[key] = d.first
        for name in d.entry.names:
            words = alias_words(name)
            if len(words) < 2:
                continue
            head = with_article(words[0])
            if without_article(head) not in st.lx.state_heads and head not in GENERIC_BACK_HEADS:
                owners.setdefault(head, set()).add(key)
    if not owners:
        return
    taken = {k for d in drafts.values() for s, e in d.mentions for k in range(s, e)}
    for i, tok in enumerate(st.toks):
        if i in taken or i in st.in_place or not tok.is_word:
            continue
        for r in tok.pro:
            keys = owners.get(r)
            if keys is not None:
                if len(keys) == 1 and first_at[next(iter(keys))] < i:
                    drafts[next(iter(keys))].add(i, i + 1)
                break


def known_again(st: ActorState) -> None:
    """A person or group first found after a title or cue is mentioned again by name
    («عبد الرحمن», «عبود»), and by its last name unit."""
    drafts, toks = st.drafts, st.toks
    same_people(drafts)
    index: AliasIndex[tuple] = AliasIndex(keep_article=True)
    for key in drafts:
        if key[0] == "person":
            index.add(key[1], key)
            last = last_unit(key[1])
            if last and len(" ".join(last)) >= 4:
                index.add(last, key)
        elif key[0] in ("org", "media"):
            index.add(key[1], key)
    firsts = index.first_words()
    if not firsts:
        return
    taken = {k for d in drafts.values() for s, e in d.mentions for k in range(s, e)}
    i = 0
    while i < len(toks):
        if i in taken or firsts.isdisjoint(toks[i].readings):
            i += 1  # a name can only start at a word one of whose readings begins it
            continue
        m = index.match_at(toks, i, max_rank=2)
        if m is None:
            i += 1
            continue
        if len(m.payloads) == 1:
            drafts[m.payloads[0]].add(m.start, m.end)
        i = m.end


def attach(st: ActorState) -> None:
    """The pending references, now that every actor the article names is known. A draft made
    here with no label takes its first mention's words in `output.finish`."""
    drafts, country = st.drafts, st.country
    for what, s, e, detail in st.pending:
        if what == "gov":
            target = state_force(drafts, country)
            if target is None:
                key = ("force", country or "?", "forces")
                dem = st.lx.demonym.get(country or "", "")
                target = st.draft(key, "", "state_force", f"{dem} government forces".strip(), country)
            target.add(s, e)
        elif what in ("bare", "bare_ok"):
            target = state_force(drafts, country, detail) or _only_force(drafts, detail)
            if target is None and what == "bare_ok" and country is not None:
                # «الجيش», «القوى الجوية» with no nationality: the article's own
                key = ("force", country, branch(detail, True))
                dem = st.lx.demonym.get(country, country)
                target = st.draft(key, "", "state_force", f"{dem} {detail}", country)
            if target is not None:
                target.add(s, e)
        elif what == "source":
            srcs = [d for d in drafts.values() if d.key[0] == "source" and d.first < s]
            if srcs:
                max(srcs, key=lambda d: d.first).add(s, e)
        elif what == "rebels":
            groups = [d for d in drafts.values() if d.entry is not None and d.kind == "armed_group"]
            if groups:  # «المتمردين»: the armed group the article is about
                max(groups, key=lambda d: (len(d.mentions), -d.first)).add(s, e)
            else:
                st.draft(("generic", "rebels"), "المتمردين", "armed_group", "rebels").add(s, e)


def _only_force(drafts: dict, label: str) -> ActorDraft | None:
    """«الجيش» in an article naming one army only («الجنود الإسرائيليين», «القوات
    التركية»): that army, even when the article's places lie in another country."""
    branch_ = branch(label, True)
    same = [d for d in drafts.values() if d.key[0] == "force" and d.key[2] == branch_]
    if same:
        return same[0] if len(same) == 1 else None
    armies = [
        d
        for d in drafts.values()
        if d.entry is not None
        and d.kind in ("state_force", "foreign_force")
        and branch(entry_branch(d.entry) or "", True) == branch_
    ]
    return armies[0] if len({d.country for d in armies}) == 1 else None


def state_force(drafts: dict, country: str | None, label: str | None = None) -> ActorDraft | None:
    """The article's own state force: a lexicon one of its country, else a force draft."""
    if country is None:
        return None
    lex = [
        d for d in drafts.values() if d.entry is not None and d.kind == "state_force" and d.country == country
    ]
    if label in (None, "forces", "army", "government forces") and len(lex) == 1:
        return lex[0]
    want = {label} if label and label not in GOV_FORCE_LABELS else GOV_FORCE_LABELS
    own = [d for d in drafts.values() if d.key[0] == "force" and d.key[1] == country and d.key[2] in want]
    return min(own, key=lambda d: d.first) if own else None


def vote_country(drafts: dict) -> str | None:
    """The article's country by its lexicon actors, when its places named none."""
    votes = Counter(d.country for d in drafts.values() if d.country and d.entry is not None)
    return votes.most_common(1)[0][0] if votes else None
