"""Division codes: a station is identified by its 12-digit village code."""

from __future__ import annotations

from pathlib import Path

import pytest

from villagedesk.domain.division import (
    DivisionCode,
    Level,
    default_division_table,
    load_division_table,
    parse_division_code,
    parse_village_code,
)
from villagedesk.domain.errors import ValidationError
from villagedesk.paths import resource_path


def test_dali_village_in_teng_county() -> None:
    # 45 广西 | 04 梧州市 | 22 藤县 | 116 大黎镇 (town: 100-199) | 201 村委会 (village: 200-399)
    code = parse_village_code("450422116201")
    assert code.level is Level.VILLAGE
    assert (code.province, code.prefecture, code.county) == ("45", "04", "22")
    assert (code.township, code.village) == ("116", "201")
    assert code.county_code6 == "450422"
    assert code.township_kind == "town"
    assert code.village_kind == "village_committee"
    chain = code.chain()
    assert [c.code for c in chain] == [
        "450000000000",
        "450400000000",
        "450422000000",
        "450422116000",
        "450422116201",
    ]
    assert [c.level for c in chain] == list(Level)
    assert chain[0].parent() is None


def test_names_along_the_chain() -> None:
    table = default_division_table()
    described = table.describe(parse_division_code("450422116201"))
    assert [name for _, _, name in described] == [
        "广西壮族自治区",
        "梧州市",
        "藤县",
        None,  # township and village names are not shipped
        None,
    ]
    assert described[2] == (Level.COUNTY, "450422000000", "藤县")


@pytest.mark.parametrize(
    ("township", "kind"),
    [
        ("001", "street"),
        ("099", "street"),
        ("100", "town"),
        ("200", "township"),
        ("399", "township"),
        ("400", "other"),
    ],
)
def test_township_kinds(township: str, kind: str) -> None:
    assert parse_division_code(f"450102{township}001").township_kind == kind


@pytest.mark.parametrize(
    ("village", "kind"),
    [
        ("001", "residents_committee"),
        ("199", "residents_committee"),
        ("200", "village_committee"),
        ("400", "other"),
    ],
)
def test_village_kinds(village: str, kind: str) -> None:
    assert parse_division_code(f"450422116{village}").village_kind == kind


def test_higher_levels() -> None:
    county = parse_division_code(" 450422000000 ")
    assert county.level is Level.COUNTY
    assert county.township_kind is None and county.village_kind is None
    assert county.parent() == DivisionCode("450400000000")
    assert parse_division_code("450000000000").level is Level.PROVINCE


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("45042211620", "length"),
        ("4504221162011", "length"),
        ("450422116", "length"),
        ("45042211620A", "character"),
        ("4504-2116201", "character"),
        ("450400116201", "structure"),  # county 00 but township 116
        ("450422000201", "structure"),  # township 000 but village 201
        ("000000000000", "structure"),
        ("990422116201", "province"),
    ],
)
def test_bad_codes_are_rejected_with_the_named_rule(text: str, rule: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_division_code(text, field="station")
    assert info.value.rules() == {rule}
    assert info.value.fields() == {"station"}


def test_village_code_must_name_a_village() -> None:
    with pytest.raises(ValidationError) as info:
        parse_village_code("450422116000")
    assert info.value.rules() == {"level"}


def test_table_has_the_14_prefectures_and_every_county_belongs_to_one() -> None:
    table = default_division_table()
    prefectures = table.prefectures()
    assert len(prefectures) == 14
    assert {p.code: p.name for p in prefectures}["451400"] == "崇左市"
    assert all(p.parent == "450000" for p in prefectures)
    prefecture_codes = {p.code for p in prefectures}
    counties = table.counties()
    assert len(counties) == 111
    for county in counties:
        assert county.parent in prefecture_codes, county
        assert county.code[:4] == county.parent[:4], county  # code nests under its city
    assert len(table.counties(include_former=True)) > len(counties)


def test_table_lookups() -> None:
    table = default_division_table()
    assert table.name("450422") == "藤县"
    assert table.name("450102") == "兴宁区"
    assert table.name("450000") == "广西壮族自治区"
    assert table.name("450422116201") is None
    assert table.name("450400000000") == "梧州市"
    assert table.is_known_county("450422")
    assert not table.is_known_county("450400")  # a prefecture, not a county
    assert not table.is_known_county("459922")
    assert table.prefecture_of("450422") == "450400"
    assert table.prefecture_of("450122") == "450100"  # former 武鸣县
    assert table.covers("450422") and not table.covers("360426")


def test_loader_refuses_a_broken_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,level,parent\n4504,藤县,county,450400\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_division_table(bad)


def test_resource_is_found_from_a_source_checkout() -> None:
    assert resource_path("divisions", "guangxi.csv").is_file()
