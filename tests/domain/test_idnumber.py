"""Resident ID numbers: what a clerk sees when typing a villager's number."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import stdnum.cn.ric as ric
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.exceptions import InvalidChecksum

from villagedesk.domain.categories import Sex
from villagedesk.domain.division import PROVINCE_CODES, default_division_table
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.idnumber import (
    IdCheck,
    age_on,
    check_char,
    check_id_number,
    convert_15_to_18,
    mask_id,
    normalize_id,
)
from villagedesk.domain.pension import age_on as pension_age_on

TODAY = date(2026, 11, 27)
GUANGXI_COUNTIES = [e.code for e in default_division_table().counties()]


def check(text: str) -> IdCheck:
    return check_id_number(text, today=TODAY)


def rules(result: IdCheck) -> set[str]:
    return {e.rule for e in result.errors}


# --- worked examples ------------------------------------------------------------------------


def test_worked_example_male_born_1991() -> None:
    # 3 6 0 4 2 6 1 9 9 1 0 1 0 1 0 0 7  times  7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
    # = 21+54+0+20+16+24+2+9+54+3+0+9+0+5+0+0+14 = 231;  231 mod 11 = 0  ->  "10X98765432"[0] = 1
    assert check_char("36042619910101007") == "1"
    result = check("360426199101010071")
    assert result.valid
    assert result.errors == ()
    assert result.birth_date == date(1991, 1, 1)
    assert result.sex is Sex.MALE  # sequence 007: odd
    assert result.county_code == "360426"
    assert result.normalized == "360426199101010071"


def test_worked_example_female_nanning() -> None:
    # 4 5 0 1 0 2 1 9 9 0 0 3 0 7 0 0 2  times the weights
    # = 28+45+0+5+0+8+2+9+54+0+0+27+0+35+0+0+4 = 217;  217 mod 11 = 8  ->  "10X98765432"[8] = 4
    assert check_char("45010219900307002") == "4"
    result = check("450102199003070024")
    assert result.valid
    assert result.sex is Sex.FEMALE  # sequence 002: even
    assert result.birth_date == date(1990, 3, 7)


def test_wrong_check_character_is_rejected_as_checksum() -> None:
    result = check("360426199101010072")  # the check should be 1, see above
    assert not result.valid
    assert rules(result) == {"checksum"}
    assert result.normalized is None and result.birth_date is None and result.sex is None


def test_lower_case_x_and_surrounding_spaces_are_accepted() -> None:
    # 4 5 0 4 2 2 1 9 9 0 0 1 0 1 0 0 2 times the weights
    # = 28+45+0+20+16+8+2+9+54+0+0+9+0+5+0+0+4 = 200;  200 mod 11 = 2  ->  "X"
    upper = check("45042219900101002X")
    lower = check("  45042219900101002x\n")
    assert upper.valid and lower.valid
    assert lower.normalized == "45042219900101002X"
    assert lower.number == "  45042219900101002x\n"  # the input is kept as given


def test_full_width_digits_from_a_chinese_input_method_are_accepted() -> None:
    assert check("４５０１０２１９９００３０７００２４").normalized == "450102199003070024"


def test_to_json_shape() -> None:
    assert check("450102199003070024").to_json() == {
        "number": "450102199003070024",
        "valid": True,
        "normalized": "450102199003070024",
        "birth_date": "1990-03-07",
        "sex": "female",
        "errors": [],
        "warnings": [],
    }
    bad = check("360426199101010072").to_json()
    assert bad["valid"] is False and bad["birth_date"] is None and bad["sex"] is None
    assert [e["rule"] for e in bad["errors"]] == ["checksum"]
    assert isinstance(bad["errors"][0]["message"], str) and bad["errors"][0]["message"]


# --- each rule ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "4501021990030700", "4501021990030700241", "12345"])
def test_wrong_length(text: str) -> None:
    assert rules(check(text)) == {"length"}


@pytest.mark.parametrize(
    "text",
    [
        "4501021990030700A4",  # letter inside
        "450102X99003070024",  # X not at the end
        "45010219900307002Y",  # only X may be the check character
        "45010290030700X",  # no X in a 15-digit number
        "4501021990-3070024",
    ],
)
def test_bad_characters(text: str) -> None:
    assert rules(check(text)) == {"character"}


def test_impossible_date_is_rejected_even_with_a_correct_check() -> None:
    # 30 February 1991; check char computed for the first 17 digits (sum 265, 265 mod 11 = 1).
    result = check("360426199102300070")
    assert rules(result) == {"date"}


def test_birth_before_1880_is_rejected() -> None:
    assert rules(check("360426187912310010")) == {"date"}


def test_future_birth_is_rejected() -> None:
    result = check("450422202712010012")  # born 2027-12-01, after TODAY
    assert rules(result) == {"future_birth"}
    # born today is fine
    first17 = "450422" + TODAY.strftime("%Y%m%d") + "001"
    assert check(first17 + check_char(first17)).valid


def test_sequence_000_is_rejected() -> None:
    assert rules(check("450422199001010003")) == {"sequence"}


def test_unknown_province_is_rejected() -> None:
    assert rules(check("990422199001010017")) == {"address"}


def test_unknown_county_is_a_warning_not_a_rejection() -> None:
    table = default_division_table()
    # 459922: Guangxi, but no such county.
    result = check_id_number("459922199001010033", today=TODAY, known_county=table.is_known_county)
    assert result.valid
    assert result.errors == ()
    assert [w.rule for w in result.warnings] == ["unknown_county"]
    # a former code (武鸣县 450122, a district since 2015) is known: no warning
    first17 = "45012219600101001"
    old = check_id_number(
        first17 + check_char(first17), today=TODAY, known_county=table.is_known_county
    )
    assert old.valid and old.warnings == ()
    assert table.is_known_county("450122")


def test_field_name_is_carried_into_errors() -> None:
    result = check_id_number("123", today=TODAY, field="spouse_id")
    assert result.errors[0].field == "spouse_id"


# --- 15-digit numbers -----------------------------------------------------------------------


def test_15_digit_number_is_converted() -> None:
    assert convert_15_to_18("450102900307002") == "450102199003070024"
    result = check("450102900307002")
    assert result.valid
    assert result.normalized == "450102199003070024"
    assert result.birth_date == date(1990, 3, 7)
    assert result.sex is Sex.FEMALE


def test_15_digit_number_with_impossible_date() -> None:
    assert rules(check("450102910230007")) == {"date"}


# --- helpers --------------------------------------------------------------------------------


def test_mask_keeps_first_and_last_four() -> None:
    assert mask_id("450102199003070024") == "4501**********0024"
    assert mask_id("450102900307002") == "4501*******7002"
    assert mask_id("1234") == "****"


def test_normalize_id() -> None:
    assert normalize_id(" 45042219900101002x ", today=TODAY) == "45042219900101002X"
    with pytest.raises(ValidationError) as info:
        normalize_id("360426199101010072", today=TODAY)
    assert info.value.rules() == {"checksum"}


def test_age_on_birthday_and_leap_day() -> None:
    born = date(1966, 5, 10)
    assert age_on(born, date(2026, 5, 9)) == 59
    assert age_on(born, date(2026, 5, 10)) == 60
    leap = date(1964, 2, 29)
    assert age_on(leap, date(2025, 2, 27)) == 60
    assert age_on(leap, date(2025, 2, 28)) == 61  # common year: a year older on Feb 28
    for day in (date(2025, 2, 27), date(2025, 2, 28), date(2024, 2, 28), date(2024, 2, 29)):
        assert age_on(leap, day) == pension_age_on(leap, day)  # one rule everywhere
    assert age_on(leap, date(2024, 2, 29)) == 60  # leap year: on the day itself
    with pytest.raises(ValueError):
        age_on(born, date(1960, 1, 1))


def test_helpers_refuse_bad_input() -> None:
    with pytest.raises(ValueError):
        check_char("1234")
    with pytest.raises(ValueError):
        convert_15_to_18("45010290030700X")


# --- properties -----------------------------------------------------------------------------

OTHER_PROVINCES = sorted(PROVINCE_CODES)


@st.composite
def addresses(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return draw(st.sampled_from(GUANGXI_COUNTIES))
    province = draw(st.sampled_from(OTHER_PROVINCES))
    return province + draw(st.from_regex(r"\A[0-9]{4}\Z"))


@st.composite
def valid_numbers(draw: st.DrawFn, min_birth: date = date(1880, 1, 1)) -> tuple[str, date, int]:
    address = draw(addresses())
    birth = draw(st.dates(min_value=min_birth, max_value=TODAY))
    sequence = draw(st.integers(min_value=1, max_value=999))
    first17 = f"{address}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17), birth, sequence


@given(valid_numbers())
def test_generated_valid_numbers_are_accepted(case: tuple[str, date, int]) -> None:
    number, birth, sequence = case
    result = check(number)
    assert result.valid, result.errors
    assert result.birth_date == birth
    assert result.sex is (Sex.MALE if sequence % 2 else Sex.FEMALE)
    assert result.normalized == number


@given(valid_numbers(), st.integers(min_value=0, max_value=17), st.data())
def test_every_single_character_change_is_rejected(
    case: tuple[str, date, int], position: int, data: st.DataObject
) -> None:
    number = case[0]
    choices = "0123456789X" if position == 17 else "0123456789"
    replacement = data.draw(st.sampled_from([c for c in choices if c != number[position]]))
    changed = number[:position] + replacement + number[position + 1 :]
    assert not check(changed).valid


@given(valid_numbers())
@settings(max_examples=300)
def test_every_adjacent_swap_is_rejected(case: tuple[str, date, int]) -> None:
    number = case[0]
    for i in range(17):
        if number[i] == number[i + 1]:
            continue
        swapped = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
        assert not check(swapped).valid, (number, swapped)


@given(valid_numbers(min_birth=date(1900, 1, 1)))
def test_15_to_18_round_trip(case: tuple[str, date, int]) -> None:
    number, birth, _ = case
    if birth.year >= 2000:
        return  # 15-digit numbers only ever carried 19YY
    old = number[:6] + number[8:17]
    assert convert_15_to_18(old) == number
    assert check(old).normalized == number


@given(valid_numbers(min_birth=date(2022, 1, 1)))
def test_cross_check_with_stdnum_on_current_guangxi_counties(case: tuple[str, date, int]) -> None:
    number = case[0]
    if number[:6] not in GUANGXI_COUNTIES:
        return
    # Every current Guangxi county code exists in stdnum's table from 2022 on.
    assert ric.is_valid(number)
    assert check(number).valid


@given(valid_numbers(), st.integers(min_value=0, max_value=16), st.data())
def test_cross_check_checksum_errors_with_stdnum(
    case: tuple[str, date, int], position: int, data: st.DataObject
) -> None:
    number = case[0]
    replacement = data.draw(st.sampled_from([c for c in "0123456789" if c != number[position]]))
    changed = number[:position] + replacement + number[position + 1 :]
    if "checksum" in rules(check(changed)):
        with pytest.raises(InvalidChecksum):
            ric.validate(changed)


def test_stdnum_accepts_a_future_birth_that_we_reject() -> None:
    # Documented stdnum defect (DOMAIN.md): it does not know what day it is.
    future = TODAY + timedelta(days=400)
    first17 = f"450102{future:%Y%m%d}001"
    number = first17 + check_char(first17)
    assert ric.is_valid(number)
    assert rules(check(number)) == {"future_birth"}
