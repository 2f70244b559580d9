"""Named people: a title and its office before a name («وزير الخارجية الروسي سيرغي لافروف»),
a kunya with a nisba («أبو بكر البغدادي»), an untitled speaker («وقال سايمن تيمبلر، …»).

A name is two to four name units, ended by a family name with «ال» or by a word no name holds
(a verb, an everyday noun, a title starting the next person); the office is kept as written,
and the body an office belongs to («رئيس لجنة حقوق الإنسان») is an actor of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.arabic.clitics import (
    ARTICLE,
    CONJ,
    PREP,
    WA,
    has_article,
    has_conjunction,
    has_lam_article,
    has_proclitic,
    has_pronoun,
    lam_as_article,
    without_proclitic,
)
from kg.extract.actors.known import known
from kg.extract.actors.state import ActorDraft, ActorState
from kg.extract.actors.words import (
    BOARD_WORDS,
    COMPLEMENT_MAX,
    MAX_NAME_UNITS,
    NAME_LINKS,
    NOT_NAMES,
    PREP_FORMS,
    SPEAKER_CLOSERS,
    WAW_NAMES,
    Y_NAMES,
    common_words,
    everyday,
    ordinary_word,
    plural_noun,
    preposition_on_word,
)
from kg.extract.entity_cues import Cue
from kg.extract.matcher import Match
from kg.extract.names import is_name_word


@dataclass
class _Office:
    """A title being read: where its office starts, the cue that states it, and how far its
    complement may run («السكرتير الخاص لرئيس الجمهورية»: the inner office takes over)."""

    at: int
    cue: Cue
    comp_start: int
    limit: int
    k: int
    nat_country: str | None = None
    person_end: int | None = None  # set when a known person ends the title


def title(st: ActorState, i: int, m: Match[Cue]) -> int | None:
    """A title, an optional complement («وزير الخارجية الروسي», «مدير ناحية القيارة،»),
    then a person name of at least two words."""
    toks, cues = st.toks, st.lx.cues
    cue = m.payloads[0]
    if i in st.in_place:
        return None  # «جامعة الملك سعود»: the title is part of a place's name
    limit = m.end + (COMPLEMENT_MAX if cue.number == "office" else 1)
    o = _Office(at=i, cue=cue, comp_start=m.end, limit=limit, k=m.end)
    while o.k < len(toks) and o.k < o.limit:
        if not _complement_word(st, m, o):
            break
        if o.person_end is not None:
            return o.person_end
    k = o.k
    office_body(st, m.end, k, cue)
    office_at, office_cue, office_end = o.at, o.cue, k  # «…الرابعة، اللواء X»: the rank is no part of it
    if k < len(toks) and toks[k].text in ("،", ","):
        k += 1
    # a second title: «رئيس الاستئناف القاضي جاسم محمد عبود»
    t2 = cues.at("title", toks, k) if k < len(toks) else None
    if t2 is not None and t2.payloads[0].number != "office":
        if office_cue.number == "honorific":  # «الشيخ العقيد X»: the rank is what he holds
            office_at, office_cue, office_end = k, t2.payloads[0], t2.end
        k = t2.end
    end = person_name(st, k)
    if end is None:
        return None
    person = st.person(k, end, o.nat_country or st.country)
    set_office(st, person, office_at, office_end, office_cue)
    return end


def _complement_word(st: ActorState, m: Match[Cue], o: _Office) -> bool:
    """Read one more word of the office's complement (an inner office, a nationality, a known
    body or person, a place); False when the complement has ended."""
    toks, cues, k = st.toks, st.lx.cues, o.k
    t = toks[k]
    inner = cues.at("title", toks, k) if o.cue.number == "office" or k == m.end else None
    if inner is not None and k > m.end and inner.payloads[0].number != "office":
        return False  # «قائد المنطقة الرابعة اللواء X»: the rank starts the name part
    if inner is not None and (not has_article(t.norm) or has_lam_article(t.norm)):
        # «السكرتير الخاص لرئيس الجمهورية اليمني X»: X holds the inner office
        o.at, o.cue = k, inner.payloads[0]
        o.limit = inner.end + COMPLEMENT_MAX
        o.k = o.comp_start = inner.end
        return True
    nat = cues.nationality.match_at(toks, k)
    if nat is not None:
        o.nat_country = nat.payloads[0].country
        o.k = nat.end
        return True
    lex = st.lx.index.match_at(toks, k)
    if lex is not None and lex.payloads[0].kind == "person" and k > m.end:
        # «رئيس الحكومة التركية أحمد داود أوغلو»: a known person
        set_office(st, known(st, lex), o.at, k, o.cue)
        o.person_end = lex.end
        return True
    if lex is not None:
        known(st, lex)  # «رئيس المجلس الوطني السوري»: the body too
        o.limit += 1  # «رئيس المجلس التنسيقي للمقاومة الشعبية بتعز، X»
        o.k = lex.end
        return True
    return _complement_skip(st, m, o)


def _complement_skip(st: ActorState, m: Match[Cue], o: _Office) -> bool:
    """Words of the office's complement that name no one: where the office is, its genitive
    phrases and everyday words; False at the first word that may start the name."""
    toks, k, in_place = st.toks, o.k, st.in_place
    t = toks[k]
    office = o.cue.number == "office"
    if office and k in in_place:
        o.limit += 1  # «وزير حقوق الإنسان في الجمهورية اليمنية X»: where the office is
        o.k += 1
    elif office and t.norm in ("في", "ب") and k + 1 in in_place:
        o.limit += 1
        o.k += 1
    elif k in in_place or (
        office and (has_article(t.norm) or st.lx.cues.at("place", toks, k) or st.lx.institution(t))
    ):
        o.k += 1
    elif _genitive_of_office(st, m, o):
        o.k += 2
    else:
        return False
    return True


def _genitive_of_office(st: ActorState, m: Match[Cue], o: _Office) -> bool:
    """Two words at o.k that complete the office, not start a name: «لحقوق الإنسان», «هيئة كبار
    العلماء» (a genitive phrase), or «وزير حقوق الإنسان», «وزير شؤون اللاجئين» (an office is not
    followed by a bare name, so two everyday words right after it are its complement)."""
    toks, k = st.toks, o.k
    if o.cue.number != "office" or k + 1 >= len(toks) or not has_article(toks[k + 1].norm):
        return False
    t = toks[k]
    if has_proclitic(t.norm, ("ل",)) or (k > m.end and st.lx.construct_head(toks[k - 1])):
        return True
    return k == o.comp_start and everyday(t) and ordinary_word(toks[k + 1])


def office_body(st: ActorState, s: int, e: int, cue: Cue) -> None:
    """«رئيس لجنة حقوق الإنسان العربية»: the body an office belongs to is an actor of its
    own (an institution head whose cue row gives a kind), even when no name follows; a board
    of directors («مجلس الإدارة») is a company's, not a party's."""
    toks, lx = st.toks, st.lx
    if cue.number != "office" or e - s < 2 or s >= len(toks):
        return
    heads = [lx.cues.at("institution", toks, s)]
    head = heads[0].payloads[0] if heads[0] is not None else None
    if head is None or not head.kind or lx.index.match_at(toks, s) is not None:
        return
    if any(r in BOARD_WORDS for t in toks[s + 1 : e] for r in t.pro[:2]):
        return
    if any(lx.index.match_at(toks, x) is not None for x in range(s + 1, e)):
        return  # «رئيس المجلس التنسيقي للمقاومة الشعبية»: the known group is the actor
    for x in range(s + 1, e):  # «مجلس الوزراء وزير الداخلية»: a second office ends the body
        if lx.cues.at("title", toks, x) is not None or not toks[x].is_word:
            e = x
            break
    if e - s < 2:
        return
    label = st.text(s, e)
    n, w = toks[s].norm, head.words[0]
    if n not in (w, ARTICLE + w) and has_proclitic(n) and without_proclitic(n) in (w, ARTICLE + w):
        label = label[1:]  # «لمنظمة», «بالديوان»
    d = st.draft(("org", st.key_words(s, e)), label, head.kind)
    d.add(s, e)


def set_office(st: ActorState, d: ActorDraft, i: int, k: int, cue: Cue) -> None:
    """The person's office is the title and its complement as written, without a leading
    conjunction («وزير النقل اليمني»); honorifics («الشيخ», «الدكتور») are no office."""
    toks = st.toks
    if d.office_ar is not None or cue.number == "honorific" or k <= i:
        return
    end = k - 1 if toks[k - 1].text in ("،", ",") and k - 1 > i else k
    office = st.text(i, end)
    first, word = toks[i].norm, cue.words[0]
    letters = (*CONJ, "ل")
    if has_proclitic(first, letters) and without_proclitic(first, letters) == word:
        office = office[1:]  # «ووزير», «لرئيس»: the letter off the written title
    elif has_lam_article(first) and lam_as_article(first) == word:
        office = lam_as_article(office)  # «للرئيس» → «الرئيس»
    d.office_ar = office or None
    d.office_en = cue.label_en or None


def person_name(st: ActorState, j: int) -> int | None:
    """A person name: name units («عبد الرحمن», «أبو قتادة» count as one), two to four
    words, ending after a word with «ال» (a family name) or before a function word."""
    toks = st.toks
    if j >= len(toks) or not _may_start_name(st, j):
        return None
    k = j
    words = 0
    while k < len(toks) and words < MAX_NAME_UNITS + 1:
        tk = toks[k]
        if _name_stops(st, j, k):
            break
        link = tk.norm in NAME_LINKS
        k += 1
        words += 1
        if link and k < len(toks) and is_name_word(toks[k], st.lx.cues):
            k += 1
            words += 1
            continue
        if has_article(tk.norm) and k - j >= 2 and not (k < len(toks) and toks[k].norm == "بن"):
            break  # a family name ends the name, unless a lineage follows («الفيصل بن ...»)
    if k - j < 2:
        return None
    return k


def _may_start_name(st: ActorState, j: int) -> bool:
    """Whether the word at j may be a person's first name (no verb, pronoun, title, known
    actor, or preposition on an everyday noun)."""
    toks, cues = st.toks, st.lx.cues
    t = toks[j]
    if not is_name_word(t, cues) or has_article(t.norm) or j in st.in_place:
        return False
    if has_conjunction(t.norm, WA) and t.norm not in WAW_NAMES:
        return False
    pronoun = has_pronoun(t.norm, ("ها",)) or (has_pronoun(t.norm, ("هم",)) and len(t.norm) >= 5)
    if t.norm == "باسم" and j + 1 < len(toks) and has_article(toks[j + 1].norm):
        return False  # «باسم الحكومة» (on behalf of), not the name Basem
    if st.lx.institution(t) or pronoun or "\u064b" in t.text or t.norm == "بن":
        return False  # «حينها», «عاليًا»: not the start of a name
    return _may_start_name_shape(st, j)


def _may_start_name_shape(st: ActorState, j: int) -> bool:
    """The first-name tests on the word's shape and on what else the word is."""
    toks, cues = st.toks, st.lx.cues
    t = toks[j]
    if t.norm[:1] == "ي" and t.norm not in Y_NAMES:
        return False  # «يرفع»: an imperfect verb right after the title
    if has_proclitic(t.norm, PREP) and t.norm.endswith("ه"):
        return False  # «بقذيفة»: a preposition on a feminine noun, not a first name
    if has_proclitic(t.norm, PREP) and len(t.norm) >= 4 and preposition_on_word(t):
        return False  # «بوقف القصف»: a preposition on an everyday noun, not a first name
    if plural_noun(t) or (t.norm.startswith("است") and len(t.norm) >= 5):
        return False  # «خدمات», «استقبل»: a plural noun or a verb, not a first name
    if cues.at("title", toks, j) or cues.at("force_head", toks, j):
        return False
    return st.lx.index.match_at(toks, j) is None


def _name_stops(st: ActorState, j: int, k: int) -> bool:
    """Whether the name that started at j has ended before the word at k."""
    toks, cues = st.toks, st.lx.cues
    tk = toks[k]
    if not is_name_word(tk, cues) or (k > j and has_conjunction(tk.norm, WA) and tk.norm[1:2] != "ل"):
        return True
    if has_pronoun(tk.norm, ("ته", "تها", "تهم", "هما")):  # «بسيارته»: a noun with a pronoun
        return True
    if tk.norm.startswith(PREP_FORMS) and len(tk.norm) >= 5:
        return True  # «بتمثيل», «لينهي»: a preposition or particle on a noun or verb
    if k > j and tk.norm.startswith(("سي", "ست")) and len(tk.norm) >= 5:
        return True  # «سيصبح»: a future verb after the name
    if k > j and (k in st.in_place or cues.at("spokesman", toks, k) is not None):
        return True  # «نتنياهو غزة», «أبو مصعب المتحدث باسم»: the name ended before
    if k > j and plural_noun(tk):
        return True  # «فهد فعاليات»: the name ended
    if k >= j + 2 and (ordinary_word(tk) or cues.at("title", toks, k) is not None):
        return True  # «بدر باسلمة استعادة», «محمد مارم السكرتير الخاص»: the clause goes on
    # a title inside starts a new person («... العقيد X»), unless it ends this name as a
    # family name («حسان الشيخ الضابط»)
    return (
        k > j
        and cues.at("title", toks, k) is not None
        and k + 1 < len(toks)
        and is_name_word(toks[k + 1], cues)
        and not has_article(toks[k + 1].norm)
    )


def speaker(st: ActorState, i: int, m: Match[Cue]) -> int | None:
    """«وقال سايمن تيمبلر، أحد سكان القرية، إن …»: an untitled name right after a speech
    verb is the speaker when what follows closes it (a comma, «إن/أن», an apposition such as
    «أحد», «وهو», «المتحدث»). Every word must be rare in news text, so «وقال أيضا إن» or
    «وقال مصدر» never make a person."""
    toks = st.toks
    j = m.end
    end = person_name(st, j)
    if end is None or end - j > 3:
        return None
    common = common_words()
    words = toks[j:end]
    if any(f in common for t in words for f in t.readings) or any(len(t.norm) < 3 for t in words):
        return None  # «مسؤولون عسكريون», «لي»: ordinary words, not a name
    if any("\u064b" in t.text for t in words) or any(r in NOT_NAMES for r in words[0].pro):
        return None  # «متهكماً» (an adverb); «شاهد عيان» describes
    nxt = toks[end].norm if end < len(toks) else ""
    if not (nxt in SPEAKER_CLOSERS or (end < len(toks) and not toks[end].is_word)):
        return None
    st.person(j, end, st.country)
    return end


def kunya(st: ActorState, i: int, m: Match[Cue]) -> int | None:
    """«أبو قتادة المغربي», «أبو بكر البغدادي»: a kunya and a nisba name a person without
    any title; the nisba («...ي» with «ال») keeps place names like «أبو سليم» out."""
    toks, cues = st.toks, st.lx.cues
    j = m.end
    if i in st.in_place or j + 1 >= len(toks) or j in st.in_place:
        return None
    first, nisba = toks[j], toks[j + 1]
    if not is_name_word(first, cues) or has_article(first.norm) or not first.is_word:
        return None
    if not (has_article(nisba.norm) and nisba.norm.endswith("ي") and is_name_word(nisba, cues)):
        return None
    st.person(i, j + 2, st.country)
    return j + 2
