"""The gazetteer and actor lexicon: the shipped files are clean, and the checks can fail."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kg.arabic.normalise import norm
from kg.lexicons import (
    ACTOR_COLUMNS,
    PLACE_COLUMNS,
    LexiconError,
    load_actors,
    load_places,
    load_stoplist,
    parse_places,
    places_by_id,
    validate,
)


def _by_alias(alias: str) -> list:
    key = norm(alias)
    return [p for p in load_places() if key in {norm(n) for n in p.names}]


def test_shipped_lexicons_validate_clean() -> None:
    assert validate() == []


def test_aleppo_resolves_with_coordinates_and_governorate() -> None:
    cities = [p for p in _by_alias("حلب") if p.kind == "city"]
    assert cities, "no city named حلب"
    aleppo = max(cities, key=lambda p: p.population or 0)
    assert aleppo.country == "SYR"
    assert aleppo.name_en == "Aleppo"
    assert abs(aleppo.lat - 36.2) < 0.1 and abs(aleppo.lon - 37.16) < 0.1
    governorate = places_by_id()[aleppo.parent]
    assert governorate.kind == "admin1" and governorate.name_en == "Aleppo Governorate"
    assert places_by_id()[governorate.parent].kind == "country"


@pytest.mark.parametrize(
    ("alias", "country", "kind"),
    [("سوريا", "SYR", "country"), ("سورية", "SYR", "country"), ("العراق", "IRQ", "country"),
     ("الأنبار", "IRQ", "admin1"), ("قطاع غزة", "PSE", "admin1"), ("دمشق", "SYR", "city"),
     ("الموصل", "IRQ", "city"), ("صنعاء", "YEM", "city"), ("بنغازي", "LBY", "city")],
)  # fmt: skip
def test_known_places_resolve(alias: str, country: str, kind: str) -> None:
    assert any(p.country == country and p.kind == kind for p in _by_alias(alias))


@pytest.mark.parametrize(
    "word",
    ["المدينة", "البلاد", "المنطقة", "قال", "الجمعة", "السبت", "الأحد", "الاثنين", "الثلاثاء",
     "الأربعاء", "الخميس", "اليوم", "قوات", "الثورة", "بلد"],
)  # fmt: skip
def test_common_words_are_never_place_aliases(word: str) -> None:
    assert norm(word) in load_stoplist()
    assert _by_alias(word) == []


def test_actor_aliases_resolve() -> None:
    index = {norm(n): a for a in load_actors() for n in a.names}
    assert index[norm("داعش")].id == index[norm("تنظيم الدولة الإسلامية")].id
    assert index[norm("قوات النظام")].kind == "state_force"


def test_loading_is_fast() -> None:
    load_places.cache_clear()
    start = time.perf_counter()
    places = load_places()
    elapsed = time.perf_counter() - start
    assert len(places) > 1000
    assert elapsed < 1.0, f"places took {elapsed:.2f}s to load"


def _write(path: Path, columns: tuple[str, ...], rows: list[list[str]]) -> Path:
    text = "\t".join(columns) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    path.write_text(text, encoding="utf-8")
    return path


def test_validator_reports_each_kind_of_problem(tmp_path: Path) -> None:
    places = _write(
        tmp_path / "places.tsv",
        PLACE_COLUMNS,
        [
            ["syr", "سوريا", "", "Syria", "country", "SYR", "", "35", "38", "163843", "Q858", ""],
            ["syr", "سورية", "", "Syria again", "country", "SYR", "", "", "", "", "", ""],
            ["x.kind", "كفرنبل", "", "", "hamlet", "SYR", "syr", "", "", "", "", ""],
            ["x.cc", "منبج", "", "", "city", "SYRIA", "syr", "", "", "", "", ""],
            ["x.wd", "جرابلس", "", "", "city", "SYR", "syr", "", "", "", "wd:42", ""],
            ["x.gn", "عفرين", "", "", "city", "SYR", "syr", "", "", "G123", "", ""],
            ["x.parent", "تدمر", "", "", "city", "SYR", "nowhere", "", "", "", "", ""],
            ["x.lat", "الرستن", "", "", "city", "SYR", "syr", "95", "36", "", "", ""],
            ["x.lon", "تلبيسة", "", "", "city", "SYR", "syr", "34", "200", "", "", ""],
            ["x.stop", "المدينة", "", "", "city", "SYR", "syr", "", "", "", "", ""],
            ["x.short", "نو", "", "", "village", "SYR", "syr", "", "", "", "", ""],
        ],
    )
    actors = _write(
        tmp_path / "actors.tsv",
        ACTOR_COLUMNS,
        [
            ["a1", "جيش الفتح", "", "Army of Conquest", "armed_group", "SYR", "", "2"],
            ["a2", "جيش  الفتح", "جيش الفتح", "Another", "armed_group", "SYR", "", "2"],
            ["a3", "حزب ما", "", "", "party", "SYR", "Q1", "9"],
        ],
    )
    problems = "\n".join(validate([places], actors))
    for expected in [
        "duplicate id 'syr'",
        "unknown kind 'hamlet'",
        "'SYRIA' is not an ISO 3166-1",
        "'wd:42' is not a Wikidata id",
        "'G123' is not a GeoNames id",
        "parent 'nowhere' does not exist",
        "lat 95.0 out of range",
        "lon 200.0 out of range",
        "stoplisted common word",
        "shorter than 3 letters",
        "is on both 'a1' and 'a2'",
        "unknown kind 'party'",
        "inter code 9 not in 1..8",
    ]:
        assert expected in problems, f"validator missed: {expected}\n{problems}"


def test_malformed_file_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "places.tsv"
    bad.write_text("\t".join(PLACE_COLUMNS) + "\nsyr\tسوريا\tonly three\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"places.tsv:2: expected 12 cells"):
        parse_places(bad)
    binary = tmp_path / "binary.tsv"
    binary.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(LexiconError, match=r"binary\.tsv: not UTF-8"):
        parse_places(binary)
    assert any("binary.tsv" in p for p in validate([binary], tmp_path / "missing.tsv"))
