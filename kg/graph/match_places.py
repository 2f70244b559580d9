"""Do two reports' places agree, and how well? Or are they two places, so two incidents?

The gazetteer gives containment (a town in its district, a city in its governorate) and points.
The rules a coder states:
- the same place, or one containing the other, agrees; a shared governorate or region agrees
  only roughly; a shared country is not a shared place;
- two reports whose most precise places (with points) are further apart than the places are
  wide, plus a few km, are two incidents, whatever else agrees — as are two such places either
  side of a border — unless one report names the other's most precise place as well (by a name
  that is not also the name of a place holding its own: «غزة» beside Khan Younis is the Strip);
- one village spelt two ways (folded alike, or one letter apart in a long enough name, a unit
  word such as «بلدة» aside) in one district is one place, and so is one name given by two
  reports with nothing (no point, no container below the country) to tell two places apart;
- a report that names only a country may meet a report of a place in that country: the caller
  asks for strong agreement on everything else then.
"""

from __future__ import annotations

import math

from kg.graph.match_rules import MatchRules, PlaceRules
from kg.graph.report_features import ReportFeatures

_RANK = {"same_place": 4, "contained_place": 3, "place_variant": 3, "same_coarse_place": 1}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine): exact enough at the few-km scale that matters here."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _contains(a: ReportFeatures, p: str, b: ReportFeatures, q: str) -> bool:
    return p == q or q in a.up(p) or p in b.up(q)


def _names_place(f: ReportFeatures, place: str, rules: PlaceRules) -> bool:
    """Whether the report names `place` as where it happened, or as holding it. Not when its
    name for it is also the name of a place holding the report's own primary: «خان يونس جنوب
    قطاع غزة» read as the city of Gaza still tells of the Strip, not of the city."""
    if not (place in f.places or any(place in anc for _, anc in f.ancestors)):
        return False
    held = {_drop_unit(n, rules.container_words) for n in f.held_by}
    own = {n for p, n in f.names if p == place}
    return not own or not any(_drop_unit(n, rules.container_words) in held for n in own)


def _drop_unit(name: str, words: frozenset[str]) -> str:
    head, _, rest = name.partition(" ")
    return rest if rest and head in words else name


def apart_reason(a: ReportFeatures, b: ReportFeatures, rules: PlaceRules) -> str | None:
    """Why the two reports' most precise places are two places, or None. Never when either
    report names the other's most precise place too: then the two differ only in which of its
    places each put first, and a place named in passing must not split an incident."""
    pa, pb = a.primary, b.primary
    if pa is None or pb is None or _contains(a, pa.place, b, pb.place):
        return None
    if _names_place(b, pa.place, rules) or _names_place(a, pb.place, rules):
        return None
    if pa.country and pb.country and pa.country != pb.country:
        return "across_border"
    reach = rules.radius(pa.kind) + rules.radius(pb.kind) + rules.far_slack_km
    if km(pa.lat, pa.lon, pb.lat, pb.lon) > reach:
        return "far_places"
    return None


def one_edit(s: str, t: str) -> bool:
    """At most one letter inserted, deleted or changed."""
    if abs(len(s) - len(t)) > 1:
        return False
    if len(s) > len(t):
        s, t = t, s
    i = 0
    while i < len(s) and s[i] == t[i]:
        i += 1
    return s[i:] == t[i + 1 :] or (len(s) == len(t) and s[i + 1 :] == t[i + 1 :])


def bare_name(name: str, rules: PlaceRules) -> str:
    words = name.split()
    if len(words) > 1 and words[0] in rules.unit_words:
        words = words[1:]
    return " ".join(words)


def names_close(x: str, y: str, rules: PlaceRules) -> bool:
    x, y = bare_name(x, rules), bare_name(y, rules)
    if x == y:
        return bool(x)
    return min(len(x), len(y)) >= rules.variant_min_letters and one_edit(x, y)


def _one_district(a: ReportFeatures, p: str, b: ReportFeatures, q: str, rules: PlaceRules) -> bool:
    """Both places lie in one place finer than a governorate, or their points are close."""
    shared = a.up(p) & b.up(q)
    if any((a.kind(s) or b.kind(s)) not in rules.too_coarse | rules.coarse for s in shared):
        return True
    pa, pb = a.primary, b.primary
    if pa is not None and pb is not None and pa.place == p and pb.place == q:
        return km(pa.lat, pa.lon, pb.lat, pb.lon) <= rules.radius(pa.kind) + rules.radius(pb.kind)
    return False


def _unanchored(f: ReportFeatures, p: str, rules: PlaceRules) -> bool:
    """A place the report gives no point and no container for below its country: its country
    is then only the extractor's guess from the rest of the article."""
    if f.primary is not None and f.primary.place == p:
        return False
    return all(f.kind(s) in rules.too_coarse for s in f.up(p))


def _variant(a: ReportFeatures, b: ReportFeatures, rules: PlaceRules) -> bool:
    for p, x in a.names:
        if a.kind(p) not in rules.variant_kinds:
            continue
        for q, y in b.names:
            if p == q or b.kind(q) not in rules.variant_kinds or not names_close(x, y, rules):
                continue
            if _one_district(a, p, b, q, rules):
                return True
            same = bare_name(x, rules) == bare_name(y, rules)
            if same and _unanchored(a, p, rules) and _unanchored(b, q, rules):
                return True  # one name and nothing on either side to tell two places apart
    return False


def _contained_level(a: ReportFeatures, b: ReportFeatures, rules: PlaceRules) -> str | None:
    best = None
    for p in sorted(a.places):
        for q in sorted(b.places):
            if p == q:
                general, level = p, "same_place"
            elif q in a.up(p):
                general, level = q, "contained_place"
            elif p in b.up(q):
                general, level = p, "contained_place"
            else:
                continue
            kind = a.kind(general) or b.kind(general)
            if kind in rules.too_coarse:
                continue
            if kind in rules.coarse:
                level = "same_coarse_place"
            if best is None or _RANK[level] > _RANK[best]:
                best = level
    return best


def place_level(a: ReportFeatures, b: ReportFeatures, rules: MatchRules) -> tuple[str | None, str | None]:
    """(how the places agree, why they cannot): at most one of the two is not None."""
    pr = rules.places
    veto = apart_reason(a, b, pr)
    if veto:
        return None, veto
    level = _contained_level(a, b, pr)
    if level in (None, "same_coarse_place") and _variant(a, b, pr):
        level = "place_variant"
    if level is None and (a.country_only or b.country_only) and a.countries & b.countries:
        level = "same_country"
    return level, None if level else "no_common_place"
