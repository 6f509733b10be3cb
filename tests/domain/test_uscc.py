"""Unified social credit codes of employers posting vacancies."""

from __future__ import annotations

import pytest
import stdnum.cn.uscc as stdnum_uscc
from hypothesis import given
from hypothesis import strategies as st

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.uscc import ALPHABET, check_uscc, uscc_check_char

# A published example code. Values: 9 1 3 5 0 1 0 0 M(21) 0 0 0 1 0 0 Y(30) 4
# times weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
# = 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640;  1640 mod 31 = 28;
# (31 - 28) mod 31 = 3  ->  "3"
EXAMPLE = "91350100M000100Y43"


def test_worked_example() -> None:
    assert uscc_check_char(EXAMPLE[:17]) == "3"
    assert check_uscc(EXAMPLE) == EXAMPLE


def test_lower_case_and_spaces_are_normalized() -> None:
    assert check_uscc(f"  {EXAMPLE.lower()} ") == EXAMPLE


def test_rural_collective_code_with_letter_authority_is_accepted() -> None:
    first17 = "N2450422MA5K00001"
    code = first17 + uscc_check_char(first17)
    assert check_uscc(code) == code


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("91350100M000100Y4", "length"),
        ("91350100M000100Y433", "length"),
        ("91350100M000100I43", "character"),  # no I
        ("91350100O000100Y43", "character"),  # no O
        ("9135010AM000100Y43", "character"),  # division code must be digits
        ("91350100M000100Y44", "checksum"),
    ],
)
def test_bad_codes(text: str, rule: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_uscc(text, field="employer_uscc")
    assert info.value.rules() == {rule}
    assert info.value.fields() == {"employer_uscc"}


def test_check_char_refuses_bad_input() -> None:
    with pytest.raises(ValueError):
        uscc_check_char("123")


first17s = st.from_regex(r"\A[0-9]{8}[0-9A-HJ-NP-RTUW-Y]{9}\Z")


@given(first17s)
def test_generated_codes_agree_with_stdnum(first17: str) -> None:
    check = uscc_check_char(first17)
    assert check == stdnum_uscc.calc_check_digit(first17)
    code = first17 + check
    assert check_uscc(code) == code
    assert stdnum_uscc.is_valid(code)


@given(first17s, st.integers(min_value=0, max_value=17), st.data())
def test_single_character_changes_are_rejected(
    first17: str, position: int, data: st.DataObject
) -> None:
    code = first17 + uscc_check_char(first17)
    replacement = data.draw(st.sampled_from([c for c in ALPHABET if c != code[position]]))
    changed = code[:position] + replacement + code[position + 1 :]
    with pytest.raises(ValidationError):
        check_uscc(changed)
    assert not stdnum_uscc.is_valid(changed)
