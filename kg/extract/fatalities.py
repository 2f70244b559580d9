"""Attach casualty figures to events: the dead kept apart from the injured.

A count is a death toll when a death word stands right before or after it («مقتل 18»,
«13 شخصا قتلوا», «تسعين شخصا على الأقل سقطوا قتلى», «لقي 41 متمردا حوثيا مصرعهم») and an
injury figure when an injury word does («وإصابة 37 آخرين»); the nearer cue decides. Counts
inside a count («بينهم ثلاثة أطفال») and running totals («ليرتفع عدد الضحايا إلى 46», «مقتل
أكثر من 3200 شخص منذ آذار», «منذ بدء الحرب», «خلال العام») are not the incident's toll. Each
figure goes to the nearest event in its sentence; counts of the dead joined by «و» («مقتل 4
جنود و3 مدنيين», «ثلاثة جنود ومدنيان») add up to one toll.

One count for the dead and the hurt together («عشرات القتلى والجرحى», «قتلوا وجرحوا», «مقتل أو
فقدان 2100») gives no death toll: how many of them died is not said, and the hurt usually far
outnumber the dead, so ACLED's most-conservative-figure rule allows no number from it (the
vague-number values — «عشرات» = 10, «العشرات» = 12 — apply to a count of the dead alone).
A figure of a thousand or more is a war's or a campaign's total, not one incident's, unless an
incident word stands right beside it («مقتل 1200 في هجوم كيماوي»).
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.arabic.clitics import WA, has_conjunction, pronoun_suffix, spelled_definite, without_conjunction
from kg.arabic.dates import calendar
from kg.arabic.normalise import norm
from kg.arabic.numbers import Count, find_counts
from kg.extract.draft import Draft
from kg.extract.phrases import function_words
from kg.vocab.record import ARMED_EVENT_TYPES

LONG_PERIOD = function_words("long_period")  # «منذ بدء …», «خلال العام»: a total over a period
PERIOD_BEFORE = function_words("period_before")  # «منذ», «خلال», «طوال»
DESIGNATION = function_words("designation")  # «عيار 120», «القرار 2216»
YEAR_BEFORE = function_words("year_before")  # «حرب 2014»: the number is a year
SINGLE_PERSON = function_words("single_person")  # «مقتل جندي»: one dead
INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
HUGE = 1000  # a toll this large needs an incident word beside it
CLOSING_QUOTES = frozenset({'"', "»", "”", "'"})
CONTRAST = function_words("contrast")  # «فيما»: the other side's dead follow
DIED_STEMS = function_words("died_stems")  # «استشهدا»: two dead
KILL_STEMS = function_words("kill_stems")  # «فقتله»: one dead

VIOLENT = ARMED_EVENT_TYPES  # where a toll belongs


def classify(doc: Doc, c: Count, before: int, after: int) -> str | None:
    """'dead', 'injured' or None for a count, from the casualty cue nearest to it."""
    at = doc._.cue_at
    sent = doc._.tok_sent
    s0 = sent[c.start]
    for k in range(max(0, c.start - 3), c.start):
        if sent[k] == s0 and at[k] & {"subset", "cumulative"}:
            return None  # «ليرتفع عدد الضحايا إلى 46», «بينهم ثلاثة أطفال»
    if _over_a_period(doc, c.end) or _designation(doc, c.start):
        return None
    best: tuple[int, str] | None = None
    own = at[c.start] & {"dead", "injured"}  # «قتيلان»: the count is the casualty word
    if own and c.end - c.start == 1:
        return "dead" if "dead" in own else "injured"
    for k in range(c.start - 1, max(-1, c.start - before - 1), -1):
        if sent[k] != s0:
            break
        hit = at[k] & {"dead", "injured"}
        if hit:
            best = (c.start - k, "dead" if "dead" in hit else "injured")
            break
    for k in range(c.end, min(len(at), c.end + after)):
        if sent[k] != s0:
            break
        hit = at[k] & {"dead", "injured"}
        if hit:
            dist = k - c.end + 1
            if best is None or dist < best[0]:
                best = (dist, "dead" if "dead" in hit else "injured")
            break
    if best and best[1] == "dead" and _dead_and_hurt(doc, c, before, after):
        return None
    return best[1] if best else None


def _single_dead(doc: Doc, lo: int, hi: int, counts: list[Count]) -> list[Count]:
    """«مقتل جندي», «استشهاد طفل», «مقتل آمر الفوج»: one person named right after a death word
    with no number is one dead (ACLED counts a reported death as one)."""
    at, reads = doc._.cue_at, doc._.tok_readings
    taken = {k for c in counts for k in range(c.start, c.end)}
    out = []
    norms = doc._.norms
    for k in range(max(lo, 1), hi):
        w = k - 2 if norms[k - 1] in CLOSING_QUOTES and k >= 2 else k - 1  # «"استشهاد" أحد المواطنين»
        if k in taken or "dead" not in at[w] or w in taken:
            continue
        one = not SINGLE_PERSON.isdisjoint(reads[k]) or _one_national(doc._.norms[k])
        if one and not spelled_definite(doc._.norms[k], ("ال", "بال", "لل")):
            out.append(Count(1, k, k + 1, None))  # «مقتل جندي», «استشهاد فلسطيني»
    words = doc._.tok_words
    for k in range(lo, hi):
        if k in taken or "dead" not in at[k]:
            continue
        if words is not None and _killed_him(words[k]):
            out.append(Count(1, k, k + 1, None))  # «فقتله بالرصاص», «اغتالها»: one person killed
        elif _dual_died(doc._.norms[k]):
            out.append(Count(2, k, k + 1, None))  # «اللذين استشهدا»: two dead
    return out


@cache
def _nationals() -> frozenset[str]:
    """Masculine singular nationality adjectives («فلسطيني», «سوري»): used as a noun, one person."""
    from kg.extract.entity_cues import parse_nationalities

    return frozenset(norm(nat.adjective) for _forms, nat in parse_nationalities())


def _one_national(token_norm: str) -> bool:
    return token_norm in _nationals()


def _dual_died(token_norm: str) -> bool:
    """A dual form of a verb of dying («استشهدا», «استشهدتا», «توفيا»): two people died. «قتلا»
    is left out: it is also the noun «قتلاً»."""
    t = without_conjunction(token_norm)
    return any(t == stem + end for stem in DIED_STEMS for end in ("ا", "تا"))


def _killed_him(word: str) -> bool:
    """A killing verb with a singular object pronoun as written («قتله», «فاغتالها»); «قتلة»
    (killers) ends in «ة» and is no verb."""
    w = word.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")
    suffix = pronoun_suffix(w, ("ها", "ه"))
    if not suffix:
        return False
    stem = norm(w.removesuffix(suffix))
    bare = [stem, without_conjunction(stem)] if has_conjunction(stem) else [stem]
    # «قتله», «قتلته» (she), «قتلوه» (they): the verb's own ending before the pronoun
    forms = (b[: len(b) - len(end)] for b in bare for end in ("", "ت", "و") if b.endswith(end))
    return any(f in KILL_STEMS for f in forms)


def _designation(doc: Doc, start: int) -> bool:
    """«مدفع هاون عيار (120)», «القرار 2216», «اللواء 93»: a number that names something; so
    does a year after a war, a season or a month («قتلا في حرب 2014», «في يونيو 2017»)."""
    norms = doc._.norms
    digits = norms[start].lstrip("و").translate(INDIC)
    if not digits.isdigit():
        return False  # «الفوج وجنديين»: a dual noun counts people, whatever stands before it
    k = start - 1
    while k >= 0 and norms[k] in {"(", "["}:
        k -= 1
    if k < 0:
        return False
    before = without_conjunction(norms[k])
    year = 1900 <= int(digits) <= 2100 and (before in YEAR_BEFORE or before in _month_words())
    return year or norms[k] in DESIGNATION


def _other_side(doc: Doc, last_dead: tuple[Draft, int] | None, event: Draft, c: Count) -> bool:
    """A contrast clause («فيما», «بينما», «في حين») between two death counts of one incident,
    with no new teller between them: the second count is the other side's, not a second
    estimate of the same dead (which a new «قال/أفاد» would introduce)."""
    if last_dead is None or last_dead[0] is not event:
        return False
    norms, at = doc._.norms, doc._.cue_at
    between = range(last_dead[1], c.start)
    if any("report" in at[k] for k in between):
        return False
    return any(norms[k] in CONTRAST for k in between)


def _coordinated(norms: list[str], prev_end: int, start: int) -> bool:
    """The count follows the last death count's noun with «و» («4 جنود و3», «جنود ومدنيان»)."""
    return 0 <= start - prev_end <= 1 and has_conjunction(norms[start], WA)


def _over_a_period(doc: Doc, pos: int, reach: int = 10) -> bool:
    """«… 3200 شخص، غالبيتهم من المدنيين، منذ آذار»: a period named after the count (since a
    month, a year, the start of the war; during the year) makes it a running total."""
    norms, sent, reads = doc._.norms, doc._.tok_sent, doc._.tok_readings
    months = _month_words()
    for k in range(pos, min(len(norms) - 1, pos + reach)):
        if sent[k] != sent[pos - 1]:
            return False
        if norms[k] in PERIOD_BEFORE or "منذ" in reads[k]:
            nxt = norms[k + 1]
            if nxt in LONG_PERIOD or nxt in months or (nxt.isdigit() and len(nxt) == 4):
                return True
    return False


@cache
def _month_words() -> frozenset[str]:
    return frozenset(key[0] for key, e in calendar().items() if e.kind == "month" and len(key) == 1)


def _dead_and_hurt(doc: Doc, c: Count, before: int, after: int) -> bool:
    """A death word coordinated with an injury or loss word next to the count: «القتلى والجرحى»,
    «قتلوا وجرحوا», «مقتل وإصابة 20», «مقتل أو فقدان 2100» — but not «قتلوا وأصيب آخرون»,
    where the hurt are others."""
    at, norms, sent = doc._.cue_at, doc._.norms, doc._.tok_sent
    n = len(at)
    lo, hi = max(0, c.start - before - 1), min(n, c.end + after + 1)
    for k in range(lo, hi):
        if "dead" not in at[k] or k + 1 >= n or sent[k + 1] != sent[k]:
            continue
        j = k + 1
        if norms[j] == "او" and j + 1 < n:
            j += 1
        elif not ("injured" in at[j] and has_conjunction(norms[j], WA)):
            continue
        if not any(w.startswith(("اخر", "آخر")) for w in norms[j + 1 : j + 3]):
            return True
    return False


def assign_fatalities(doc: Doc, before: int = 3, after: int = 5) -> None:
    drafts: list[Draft] = doc._.drafts or []
    if not drafts:
        return
    by_sent: dict[int, list[Draft]] = defaultdict(list)
    for d in drafts:
        by_sent[d.sent].append(d)
    bounds: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(doc._.tok_sent):
        if s in by_sent:
            bounds[s].append(i)
    norms = doc._.norms
    for s, toks in bounds.items():
        lo, hi = toks[0], toks[-1] + 1
        last_dead: tuple[Draft, int] | None = None  # the draft and end token of the last death count
        counts = [Count(c.value, c.start + lo, c.end + lo, c.approx) for c in find_counts(norms[lo:hi])]
        for c in sorted(counts + _single_dead(doc, lo, hi, counts), key=lambda x: x.start):
            # «و3 جرحى» counts the hurt; «وجنديين وإصابة أربعة» still counts the dead
            own_noun = c.end < len(norms) and not has_conjunction(norms[c.end], WA)
            hurt = doc._.cue_at[c.start] | (doc._.cue_at[c.end] if own_noun else frozenset())
            if last_dead and _coordinated(norms, last_dead[1], c.start) and "injured" not in hurt:
                # «مقتل 4 جنود و3 مدنيين», «آمر الفوج وجنديين وإصابة أربعة»: one toll, summed
                host = last_dead[0]
                host.fatalities = (host.fatalities or 0) + c.value
                last_dead = (host, c.end)
                continue
            kind = classify(doc, c, before, after)
            if kind is None:
                continue
            violent = [d for d in by_sent[s] if d.type in VIOLENT]
            if not violent:
                continue
            nearest = min(violent, key=lambda d: min(abs(d.start - c.start), abs(d.end - c.end)))
            if (
                kind == "dead"
                and c.value >= HUGE
                and min(abs(nearest.start - c.end), abs(c.start - nearest.end)) > 4
            ):
                continue  # «أدى تمردها إلى مقتل 15 ألف شخص»: a war's total, not this incident's
            if kind == "dead" and nearest.fatalities is None:
                nearest.fatalities = c.value
                last_dead = (nearest, c.end)
            elif kind == "dead" and _other_side(doc, last_dead, nearest, c):
                # «مقتل 42 حوثيا …، فيما قتل 9 مقاتلين من المقاومة»: the other side's dead, one toll
                nearest.fatalities = (nearest.fatalities or 0) + c.value
                last_dead = (nearest, c.end)
            elif kind == "injured" and nearest.injured is None:
                nearest.injured = c.value


@Language.factory(
    "conflict_fatalities",
    default_config={"before": 3, "after": 5},
    requires=[
        "doc._.drafts",
        "doc._.tok_sent",
        "doc._.norms",
        "doc._.tok_readings",
        "doc._.tok_words",
        "doc._.cue_at",
    ],
    assigns=["doc._.drafts"],
)
def make_fatalities(nlp: Language, name: str, before: int, after: int) -> FatalitiesComponent:
    return FatalitiesComponent(before, after)


class FatalitiesComponent:
    """Sets `Draft.fatalities`/`injured`; `before`/`after` = how far a casualty cue may stand."""

    def __init__(self, before: int, after: int) -> None:
        self.before, self.after = before, after

    def __call__(self, doc: Doc) -> Doc:
        assign_fatalities(doc, self.before, self.after)
        return doc
