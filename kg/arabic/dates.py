"""Find date expressions in Arabic tokens and resolve them against the publication date.

News reports date incidents relative to the day they are published («أمس», «اليوم الثلاثاء»,
«السبت الماضي», «الليلة قبل الماضية») or with one of three month-name systems at once
(«20 كانون الثاني/يناير»), sometimes with a Hijri date («5 شوال 1436هـ»). Relative phrases
mean nothing without the article's date, so without an anchor they are found but left
unresolved (date None, the phrase kept) — a date is never invented. Month, weekday and
relative-phrase tables, and the small word sets the rules read, are data in
`kg/lexicons/calendar.tsv`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from dateutil.parser import isoparse
from dateutil.relativedelta import relativedelta
from hijridate import Hijri

from kg.arabic.clitics import (
    COMMON_PROCLITICS,
    WA,
    has_conjunction,
    has_proclitic,
    without_conjunction,
    without_proclitic,
)
from kg.arabic.normalise import norm
from kg.lexicons.tables import CALENDAR

INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
MAX_PHRASE = 4


@dataclass(frozen=True)
class CalEntry:
    kind: str  # month, weekday, relative, ordinal
    value: int
    detail: str
    ambiguous: bool


@dataclass(frozen=True)
class DateHit:
    """A date phrase over tokens[start:end]; `date` is ISO (YYYY-MM-DD, YYYY-MM or YYYY)."""

    start: int
    end: int
    date: str | None
    precision: str  # day, week, month, year, unknown


@cache
def _calendar_rows() -> tuple[dict[tuple[str, ...], CalEntry], dict[str, frozenset[str]]]:
    table: dict[tuple[str, ...], CalEntry] = {}
    words: dict[str, set[str]] = {}
    for row in CALENDAR.rows():
        if row.kind == "word":
            words.setdefault(row.detail, set()).add(norm(row.name))
            continue
        key = tuple(norm(w) for w in row.name.split())
        table[key] = CalEntry(row.kind, row.value, row.detail, row.ambiguous)
    return table, {k: frozenset(v) for k, v in words.items()}


def calendar() -> dict[tuple[str, ...], CalEntry]:
    """Month, weekday, relative-phrase and ordinal names, keyed by normalised words."""
    return _calendar_rows()[0]


def word_set(name: str) -> frozenset[str]:
    """A closed word set of calendar.tsv (kind=word, detail=name)."""
    return _calendar_rows()[1][name]


TIME_OF_DAY = word_set("time_of_day")
PAST = word_set("past")
FUTURE = word_set("future")
YEAR_WORDS = word_set("year_word")
NOT_A_WEEKDAY_BEFORE = word_set("not_weekday_before")
HIJRI_ERA = word_set("hijri_era")
SLASHES = word_set("slash")
NAMED_EPISODE = word_set("named_episode")  # «ثورة 26 سبتمبر»: a name, not a date


def parse_anchor(published: str | None) -> dt.date | None:
    """The article's publication date, or None when missing or unreadable."""
    if not published:
        return None
    try:
        return isoparse(published.strip()[:10]).date()
    except (ValueError, OverflowError):
        return None


def _int(tok: str) -> int | None:
    t = tok.translate(INDIC)
    return int(t) if t.isdigit() and len(t) <= 4 else None


@cache
def _first_words() -> frozenset[str]:
    return frozenset(key[0] for key in calendar())


def _lookup(toks: Sequence[str], i: int) -> tuple[CalEntry, int] | None:
    """Longest calendar phrase starting at i, tolerating one proclitic on its first word."""
    first = toks[i]
    firsts = _first_words()
    bare = without_proclitic(first, COMMON_PROCLITICS)
    if first not in firsts and (bare == first or bare not in firsts):
        return None  # most words start no calendar phrase: one set lookup says so
    table = calendar()
    for k in range(min(MAX_PHRASE, len(toks) - i), 0, -1):
        key = tuple(toks[i : i + k])
        entry = table.get(key)
        if entry is None and has_proclitic(key[0], COMMON_PROCLITICS) and len(key[0]) > 3:
            entry = table.get((without_proclitic(key[0], COMMON_PROCLITICS), *key[1:]))
        if entry is not None:
            return entry, i + k
    return None


def _year_after(toks: Sequence[str], j: int) -> tuple[int, int] | None:
    if j < len(toks) and toks[j] in YEAR_WORDS:
        j += 1
    if j < len(toks):
        y = _int(toks[j])
        if y is not None and 1900 <= y <= 2100:
            return y, j + 1
    return None


def _hijri_year_after(toks: Sequence[str], j: int) -> tuple[int, int] | None:
    """«1436هـ», «1436 هـ», «عام 1436 للهجرة»: a Hijri year, with its era mark when written."""
    if j < len(toks) and toks[j] in YEAR_WORDS:
        j += 1
    if j >= len(toks):
        return None
    tok = toks[j]
    for era in sorted(HIJRI_ERA, key=len, reverse=True):
        if tok.endswith(era) and tok[: -len(era)].translate(INDIC).isdigit():
            tok = tok[: -len(era)]
            break
    y = _int(tok)
    if y is None or not 1343 <= y <= 1500:  # the span hijridate's Umm al-Qura tables cover
        return None
    end = j + 1
    if end < len(toks) and toks[end] in HIJRI_ERA:
        end += 1
    return y, end


def _hijri(toks: Sequence[str], i: int, entry: CalEntry, j: int) -> DateHit | None:
    """A Hijri date resolves only with its year said: the Umm al-Qura conversion gives the day
    (or, without a day, the Gregorian month the Hijri month starts in, as month precision)."""
    day = _day_before(toks, i)
    year = _hijri_year_after(toks, j)
    if entry.ambiguous and not (day or year):
        return None  # «صفر», «رمضان» as a number or a name
    start = day[1] if day else i
    end = year[1] if year else j
    if not year:
        return DateHit(start, end, None, "day" if day else "month")
    try:
        g = Hijri(year[0], entry.value, day[0] if day else 1).to_gregorian()
    except (ValueError, OverflowError):
        return DateHit(start, end, None, "unknown")
    if day:
        return DateHit(start, end, g.isoformat(), "day")
    return DateHit(start, end, f"{g.year:04d}-{g.month:02d}", "month")


def _day_before(toks: Sequence[str], a: int) -> tuple[int, int] | None:
    """A day of month right before a month name: «19 مارس» or «السادس من أغسطس»."""
    if a >= 1:
        d = _int(toks[a - 1])
        if d is not None and 1 <= d <= 31:
            return d, a - 1
    b = a - 1 if a >= 1 and toks[a - 1] == "من" else a
    if b < 1:
        return None
    cal, tok = calendar(), toks[b - 1]
    hit = cal.get((tok,))
    if hit is not None and hit.kind == "ordinal":
        return hit.value, b - 1
    first = cal.get((toks[b - 2],)) if b >= 2 else None
    if first is None or first.kind != "ordinal":
        return None
    if tok == "عشر":  # «الحادي عشر»
        return first.value + 10, b - 2
    tens = cal.get((without_conjunction(tok, WA),)) if has_conjunction(tok, WA) else None
    if tens is not None and tens.kind == "ordinal":  # «الحادي والعشرين»
        return first.value + tens.value, b - 2
    return None


def _in_future(anchor: dt.date, y: int, m: int, d: int = 1) -> bool:
    try:
        return dt.date(y, m, d) > anchor + dt.timedelta(days=7)
    except ValueError:
        return False


def _absolute(toks: Sequence[str], i: int, entry: CalEntry, j: int, anchor: dt.date | None):
    if entry.detail == "hijri":
        return _hijri(toks, i, entry, j)
    start, end = i, j
    partner = False
    # «حزيران/يونيو», «أغسطس آب», «أبريل/ نيسان»: the same month in a second system
    k = j + 1 if j < len(toks) and toks[j] in SLASHES else j
    second = _lookup(toks, k) if k < len(toks) else None
    if second and second[0].kind == "month" and second[0].value == entry.value:
        end, partner = second[1], True
        if end < len(toks) and toks[end] == ")":
            end += 1
    day = _day_before(toks, i)
    year = _year_after(toks, end)
    if entry.ambiguous and not (day or year or partner):
        return None
    if day:
        start = day[1]
        if start >= 1 and without_conjunction(toks[start - 1], WA) in NAMED_EPISODE:
            return None
    if year:
        end = year[1]
    month = entry.value
    if year:
        y = year[0]
    elif anchor is not None:
        y = anchor.year - 1 if _in_future(anchor, anchor.year, month, day[0] if day else 1) else anchor.year
    else:
        return DateHit(start, end, None, "day" if day else "month")
    if day:
        try:
            return DateHit(start, end, dt.date(y, month, day[0]).isoformat(), "day")
        except ValueError:
            return DateHit(start, end, None, "unknown")
    return DateHit(start, end, f"{y:04d}-{month:02d}", "month")


def _weekday(toks: Sequence[str], i: int, entry: CalEntry, j: int, anchor: dt.date | None):
    before = toks[i - 1] if i else ""
    after = toks[j] if j < len(toks) else ""
    timed = before in TIME_OF_DAY or before == "اليوم" or after in PAST or after in FUTURE
    if before in NOT_A_WEEKDAY_BEFORE or (entry.ambiguous and not timed and entry.value == 0):
        return None
    start, end = i, j
    if before in TIME_OF_DAY or before == "اليوم":
        start = i - 1
        if start and toks[start - 1] in TIME_OF_DAY:  # «صباح اليوم الثلاثاء»
            start -= 1
    if after in PAST or after in FUTURE:
        end = j + 1
    if anchor is None:
        return DateHit(start, end, None, "day")
    back = (anchor.weekday() - entry.value) % 7
    if after in PAST and back == 0:
        back = 7
    if after in FUTURE:
        ahead = (entry.value - anchor.weekday()) % 7 or 7
        return DateHit(start, end, (anchor + dt.timedelta(days=ahead)).isoformat(), "day")
    return DateHit(start, end, (anchor - dt.timedelta(days=back)).isoformat(), "day")


def _relative(toks: Sequence[str], i: int, entry: CalEntry, j: int, anchor: dt.date | None):
    start = i - 1 if i and toks[i - 1] in TIME_OF_DAY else i
    if entry.ambiguous and j < len(toks):
        nxt = _lookup(toks, j)
        if nxt and nxt[0].kind == "weekday":
            return None  # «اليوم الثلاثاء»: the weekday reads it, with «اليوم» in its span
    unit = entry.detail
    if anchor is None:
        return DateHit(start, j, None, unit)
    if unit == "day":
        return DateHit(start, j, (anchor + dt.timedelta(days=entry.value)).isoformat(), "day")
    if unit == "week":
        return DateHit(start, j, (anchor + dt.timedelta(weeks=entry.value)).isoformat(), "week")
    if unit == "month":
        d = anchor + relativedelta(months=entry.value)
        return DateHit(start, j, f"{d.year:04d}-{d.month:02d}", "month")
    return DateHit(start, j, f"{anchor.year + entry.value:04d}", "year")


def find_dates(toks: Sequence[str], anchor: dt.date | None) -> list[DateHit]:
    """Every date phrase in normalised tokens, resolved against `anchor` when there is one."""
    out: list[DateHit] = []
    i, n = 0, len(toks)
    while i < n:
        found = _lookup(toks, i)
        hit = None
        if found is not None:
            entry, j = found
            if entry.kind == "month":
                hit = _absolute(toks, i, entry, j, anchor)
            elif entry.kind == "weekday":
                hit = _weekday(toks, i, entry, j, anchor)
            elif entry.kind == "relative":
                hit = _relative(toks, i, entry, j, anchor)
        elif toks[i] in YEAR_WORDS and i + 1 < n:
            y = _year_after(toks, i)
            if y is not None:
                hit = DateHit(i, y[1], f"{y[0]:04d}", "year")
        if hit is None:
            i += 1
            continue
        if out and hit.start < out[-1].end:
            out[-1] = hit if hit.precision == "day" and out[-1].precision != "day" else out[-1]
        else:
            out.append(hit)
        i = max(hit.end, i + 1)
    return out
