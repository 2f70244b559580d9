"""The gazetteer and actor lexicon: the shipped files are clean, and the checks can fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.arabic.normalise import norm
from kg.lexicons import (
    ACTOR_COLUMNS,
    PLACE_COLUMNS,
    LexiconError,
    actors_by_id,
    load_actors,
    load_places,
    merge_places,
    parse_places,
    places_by_id,
)
from kg.lexicons.build_places import OUT, build
from kg.lexicons.checks import validate
from kg.lexicons.spelling import clean_arabic, pick_names
from kg.lexicons.tables import ACTOR_THEATRES
from kg.lexicons.words import load_context_only, load_stoplist

THEATRE_COLUMNS = ACTOR_THEATRES.header


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


@pytest.mark.parametrize(
    "word",
    # a proclitic turns these names into common words: ورقة→رقة, عنه "about him", بحري "naval",
    # دمّر "destroyed", كرة القدم "football", «فاطمة»→اطمة, «في إطار» "within"
    ["رقة", "عنه", "بحري", "دمر", "القدم", "اطمة", "إطار", "سلمي", "بصري", "الشرعية"],
)
def test_clitic_collisions_are_not_bare_place_aliases(word: str) -> None:
    assert _by_alias(word) == []


def _actor(alias: str):
    index = {norm(n): a for a in load_actors() for n in a.names}
    return index.get(norm(alias))


@pytest.mark.parametrize(
    ("alias", "same_as", "kind", "country"),
    [("داعش", "تنظيم الدولة الإسلامية", "armed_group", None),
     ("قوات النظام", "الجيش العربي السوري", "state_force", "SYR"),
     ("قسد", "قوات سوريا الديمقراطية", "armed_group", "SYR"),
     ("أنصار الله", "الحوثيين", "armed_group", "YEM"),
     ("جيش الاحتلال", "الجيش الإسرائيلي", "state_force", "ISR"),
     ("قوات حفتر", "الجيش الوطني الليبي", "armed_group", "LBY"),
     ("أميصوم", "بعثة الاتحاد الأفريقي في الصومال", "international", "SOM"),
     ("أ ف ب", "فرانس برس", "media", "FRA"),
     ("الخوذ البيضاء", "الدفاع المدني السوري", "monitor", "SYR"),
     ("حزب الله", "حزب الله اللبناني", "militia", "LBN")],
)  # fmt: skip
def test_actor_aliases_resolve(alias: str, same_as: str, kind: str, country: str | None) -> None:
    actor = _actor(alias)
    assert actor is not None, alias
    assert actor is _actor(same_as)
    assert (actor.kind, actor.country) == (kind, country)


def test_actor_lexicon_is_broad_and_keeps_common_words_out() -> None:
    actors = load_actors()
    assert len(actors) >= 400
    assert {a.kind for a in actors} >= {
        "state_force",
        "armed_group",
        "militia",
        "foreign_force",
        "political",
        "international",
        "media",
        "monitor",
        "person",
    }
    for word in ["فتح", "أمل", "السلطة", "القاعدة", "الشباب", "الاحتلال", "صالح", "العربية"]:
        assert _actor(word) is None, f"{word} is an ordinary word, not an actor alias"
    assert actors_by_id()["un"].wikidata == "Q1065"


def test_context_only_names_exist_and_stay_loadable() -> None:
    context = load_context_only()
    assert norm("الباب") in context and norm("الشرعية") in context
    assert _by_alias("الباب") and _actor("الشرعية") is not None


def test_patches_fix_generated_rows() -> None:
    jerusalem = places_by_id()["gn:281184"]
    assert jerusalem.name_ar == "القدس"
    assert "البلا" not in jerusalem.names and jerusalem.country is None
    assert places_by_id()["gn:379252"].name_ar == "الخرطوم"
    assert "كوباني" in places_by_id()["gn:172256"].names


def test_curated_rows_replace_generated_ones(tmp_path: Path) -> None:
    generated = _write(
        tmp_path / "gen.tsv",
        PLACE_COLUMNS,
        [["gn:1", "بلدة", "", "Old", "town", "SYR", "", "", "", "1", "", ""]],
    )
    curated = _write(
        tmp_path / "cur.tsv",
        PLACE_COLUMNS,
        [["gn:1", "سراقب", "", "Saraqib", "city", "SYR", "", "", "", "1", "", ""]],
    )
    merged = merge_places([parse_places(generated), parse_places(curated)])
    assert [(p.id, p.name_en, p.kind) for p in merged] == [("gn:1", "Saraqib", "city")]


def test_geonames_names_are_filtered_and_the_usual_spelling_wins() -> None:
    assert clean_arabic("اسکالدس") is None  # Persian keheh: not an Arabic spelling
    assert clean_arabic("كةربالا") is None  # Kurdish use of teh marbuta inside a word
    assert clean_arabic("د مشق") is None  # a split word
    assert clean_arabic("المدينة") is None  # stoplisted
    assert clean_arabic("داريّا") == "داريا"  # diacritics dropped
    assert pick_names("Ţarţūs", ["ترطوس", "طرطوس"])[0] == "طرطوس"
    assert pick_names("Latakia", ["لاذقية", "اللاذقية"])[0] == "اللاذقية"
    assert pick_names("Dar‘ā", ["أذرعات", "درعا"])[0] == "درعا"


def test_generated_gazetteer_matches_its_sources(tmp_path: Path) -> None:
    """places.tsv is regenerated whenever a source table changes (no hand edits, no drift)."""
    out = tmp_path / "places.tsv"
    build(out)
    assert out.read_text(encoding="utf-8") == OUT.read_text(encoding="utf-8")


def test_loading_is_cached() -> None:
    """Loaded once per process (the time it takes is printed by benchmarks/lexicon_load.py)."""
    load_places.cache_clear()
    places = load_places()
    assert len(places) > 1000
    assert load_places() is places


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
            ["x.common", "ملتقى", "", "", "town", "IRQ", "", "", "", "", "", ""],
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
        "alias 'ملتقى' is a common word",
        "shorter than 3 letters",
        "is on both 'a1' and 'a2'",
        "unknown kind 'party'",
        "inter code 9 not in 1..8",
    ]:
        assert expected in problems, f"validator missed: {expected}\n{problems}"


def test_validator_checks_actor_theatres(tmp_path: Path) -> None:
    actors = _write(
        tmp_path / "actors.tsv",
        ACTOR_COLUMNS,
        [
            ["a1", "قوة أولى", "", "First force", "foreign_force", "USA", "", "8"],
            ["a2", "قوة ثانية", "", "Second force", "foreign_force", "FRA", "", "8"],
        ],
    )
    theatres = _write(
        tmp_path / "theatres.tsv",
        THEATRE_COLUMNS,
        [
            ["a1", "IRQ|Syria", "القوات الحليفة|قوات أولى"],
            ["a2", "MLI", "القوات الحليفة"],
            ["ghost", "YEM", "القوات الحليفة"],
        ],
    )
    problems = "\n".join(validate([], actors, theatres))
    for expected in [
        "no actor 'ghost' in actors.tsv",
        "'Syria' is not an ISO 3166 alpha-3 code",
        "['قوات أولى'] shared with no other actor",
    ]:
        assert expected in problems, f"validator missed: {expected}\n{problems}"
    assert "a2" not in problems


def test_malformed_file_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    header = tmp_path / "header.tsv"
    header.write_text("id\tname\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"header\.tsv:1: header must be"):
        parse_places(header)
    bad = tmp_path / "places.tsv"
    bad.write_text("\t".join(PLACE_COLUMNS) + "\nsyr\tسوريا\tonly three\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"places.tsv:2: expected 12 cells"):
        parse_places(bad)
    binary = tmp_path / "binary.tsv"
    binary.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(LexiconError, match=r"binary\.tsv: not UTF-8"):
        parse_places(binary)
    assert any("binary.tsv" in p for p in validate([binary], tmp_path / "missing.tsv"))


def test_no_place_entry_joins_two_places_the_gazetteer_already_has() -> None:
    """«كفريا والفوعة» are two towns: one entry for the pair would hide both from the article."""
    from kg.arabic.normalise import norm
    from kg.lexicons import load_places

    places = load_places()
    names = {norm(n) for p in places for n in p.names}
    joined = []
    for p in places:
        if p.kind in ("country", "admin1", "admin2", "district"):
            continue  # «محافظة رام الله والبيرة»: an official unit named after two towns
        for name in p.names:
            words = norm(name).split()
            for k in range(1, len(words)):
                left, right = " ".join(words[:k]), " ".join(words[k:])
                if right.startswith("و") and left in names and right[1:].strip() in names:
                    joined.append((p.id, name))
    assert joined == []


def test_cities_sit_under_a_division_of_their_own_country() -> None:
    places = {p.id: p for p in load_places()}
    for p in places.values():
        parent = places.get(p.parent or "")
        if parent is not None and p.country and parent.country:
            assert parent.country == p.country, p.id
    cities = [p for p in places.values() if p.kind in ("city", "town") and p.parent in places]
    under_country = [p for p in cities if places[p.parent].kind == "country"]
    assert len(under_country) < 0.1 * len(cities)
    ankara = next(p for p in places.values() if p.name_en == "Ankara" and p.kind == "city")
    assert (places[ankara.parent].name_en, places[ankara.parent].name_ar) == ("Ankara", "ولاية أنقرة")


def test_a_division_known_only_in_english_is_valid_but_never_read_in_text(tmp_path: Path) -> None:
    places = _write(
        tmp_path / "places.tsv",
        PLACE_COLUMNS,
        [
            ["fra", "فرنسا", "", "France", "country", "FRA", "", "", "", "", "", ""],
            ["fra.adm1.11", "", "", "Ile-de-France", "admin1", "FRA", "fra", "", "", "", "", ""],
            ["x.city", "", "", "Nowhere", "city", "FRA", "fra.adm1.11", "", "", "", "", ""],
        ],
    )
    problems = validate([places], _write(tmp_path / "actors.tsv", ACTOR_COLUMNS, []))
    assert [p for p in problems if "empty name_ar" in p] == ["places: x.city: empty name_ar"]
    division = next(p for p in parse_places(places) if p.id == "fra.adm1.11")
    assert division.names == ()


def test_generated_districts_match_their_sources(tmp_path: Path) -> None:
    """admin2.tsv and admin2_points.tsv are regenerated from admin2_seats.tsv and GeoNames."""
    from kg.lexicons import build_admin2

    units, points = tmp_path / "admin2.tsv", tmp_path / "admin2_points.tsv"
    build_admin2.build(units, points)
    assert units.read_text(encoding="utf-8") == build_admin2.OUT.read_text(encoding="utf-8")
    assert points.read_text(encoding="utf-8") == build_admin2.POINTS.read_text(encoding="utf-8")
