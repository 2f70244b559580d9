"""Which second-level unit (district) a point lies in, from the points of `admin2_points.tsv`.

No packaged data draws district borders for Syria or Yemen, so a district is known by points:
its seat and towns known to lie in it (see build_admin2). A point belongs to the district of the
nearest such point within its own governorate, and only within `MAX_KM`: exact at the points,
approximate near borders, never across a governorate.
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import cache

from kg.lexicons.gazetteer import load_places
from kg.lexicons.tables import ADMIN2_POINTS
from kg.lexicons.tsv import LexiconError

MAX_KM = 50.0


@cache
def _points() -> dict[str, list[tuple[float, float, str]]]:
    """Governorate id -> [(lat, lon, district id)]."""
    parent = {p.id: p.parent for p in load_places()}
    out: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for no, point in ADMIN2_POINTS.numbered():
        gov = parent.get(point.admin2)
        if gov is None:
            raise LexiconError(f"{ADMIN2_POINTS.path}:{no}: {point.admin2!r} is no place with a parent")
        out[gov].append((point.lat, point.lon, point.admin2))
    return out


def district_of(governorate: str, lat: float, lon: float) -> str | None:
    """The district of the nearest point of `governorate` within MAX_KM, else None."""
    best, best_km = None, MAX_KM
    cos = math.cos(math.radians(lat))
    for plat, plon, district in _points().get(governorate, ()):
        km = 111.2 * math.hypot(plat - lat, (plon - lon) * cos)
        if km <= best_km:
            best, best_km = district, km
    return best
