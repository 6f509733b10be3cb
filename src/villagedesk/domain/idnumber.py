"""Chinese resident ID numbers (公民身份号码, GB 11643-1999).

18 characters: address code (6, GB/T 2260 county) + birth date YYYYMMDD (8) + sequence (3,
odd = male) + check character (ISO 7064 MOD 11-2, ``X`` stands for 10). Old 15-digit numbers
have a 6-digit birth date YYMMDD (19YY) and no check character.

An unknown county code is only a warning: counties are renamed and re-coded, and people keep
the number they were given.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from villagedesk.domain.categories import Sex
from villagedesk.domain.division import PROVINCE_CODES
from villagedesk.domain.errors import FieldError, ValidationError

WEIGHTS: tuple[int, ...] = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
EARLIEST_BIRTH = date(1880, 1, 1)

_DIGITS = frozenset("0123456789")
# Full-width digits and X typed with a Chinese input method mean the same as ASCII ones.
_FULLWIDTH = str.maketrans("０１２３４５６７８９ｘＸ", "0123456789XX")


@dataclass(frozen=True)
class IdCheck:
    """The outcome of checking one ID number.

    ``normalized``, ``birth_date``, ``sex`` and ``county_code`` are only filled in when the
    number is valid; ``warnings`` never make a number invalid.
    """

    number: str
    valid: bool
    normalized: str | None
    birth_date: date | None
    sex: Sex | None
    county_code: str | None
    errors: tuple[FieldError, ...]
    warnings: tuple[FieldError, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "valid": self.valid,
            "normalized": self.normalized,
            "birth_date": self.birth_date.isoformat() if self.birth_date is not None else None,
            "sex": self.sex.value if self.sex is not None else None,
            "errors": [{"rule": e.rule, "message": e.message} for e in self.errors],
            "warnings": [{"rule": w.rule, "message": w.message} for w in self.warnings],
        }


def check_char(first17: str) -> str:
    """The check character for the first 17 digits of an 18-character number."""
    if len(first17) != 17 or not set(first17) <= _DIGITS:
        raise ValueError("check_char needs exactly 17 digits")
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def convert_15_to_18(number15: str) -> str:
    """Old 15-digit number -> 18 characters: insert ``19`` before YYMMDD, append the check."""
    if len(number15) != 15 or not set(number15) <= _DIGITS:
        raise ValueError("convert_15_to_18 needs exactly 15 digits")
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + check_char(first17)


def age_on(birth: date, on: date) -> int:
    """Age in full years on ``on``. A 29 February birthday counts as 28 February in common
    years: social security counts ages by birth year and month, so the birthday never moves
    into March (the one rule for every age check, shared with ``domain.pension``)."""
    if on < birth:
        raise ValueError("the day is before the birth date")
    years = on.year - birth.year
    last_day = calendar.monthrange(on.year, birth.month)[1]
    birthday = date(on.year, birth.month, min(birth.day, last_day))
    return years if on >= birthday else years - 1


def mask_id(number: str) -> str:
    """Keep the first 4 and last 4 characters: ``4501**********0024``."""
    text = number.strip()
    if len(text) <= 8:
        return "*" * len(text)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


def _clean(text: str) -> str:
    return text.strip().translate(_FULLWIDTH).upper()


def _parse_date(text: str) -> date | None:
    try:
        return date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def check_id_number(
    text: str,
    *,
    today: date,
    field: str = "id_number",
    known_county: Callable[[str], bool] | None = None,
) -> IdCheck:
    """Check an ID number and say which rules it breaks.

    Rejections (``errors``): ``length``, ``character``, ``address`` (no such province),
    ``date`` (impossible or before 1880), ``future_birth``, ``sequence`` (000), ``checksum``.
    Warning: ``unknown_county`` when ``known_county`` is given and says no.
    """
    s = _clean(text)
    errors: list[FieldError] = []
    warnings: list[FieldError] = []

    def invalid() -> IdCheck:
        return IdCheck(text, False, None, None, None, None, tuple(errors), tuple(warnings))

    if len(s) not in (15, 18):
        errors.append(FieldError(field, "length", "An ID number has 18 (or old 15) characters."))
        return invalid()
    body = s if len(s) == 15 else s[:17]
    if not set(body) <= _DIGITS or (len(s) == 18 and s[17] not in _DIGITS | {"X"}):
        errors.append(
            FieldError(
                field,
                "character",
                "An ID number has digits only; X may only be the last of 18.",
            )
        )
        return invalid()

    if len(s) == 18:
        birth_text, sequence = s[6:14], s[14:17]
    else:
        birth_text, sequence = "19" + s[6:12], s[12:15]

    if s[:2] not in PROVINCE_CODES:
        errors.append(FieldError(field, "address", "The address code names no province."))

    birth = _parse_date(birth_text)
    if birth is None or birth < EARLIEST_BIRTH:
        errors.append(FieldError(field, "date", "The birth date is not a real date."))
    elif birth > today:
        errors.append(FieldError(field, "future_birth", "The birth date is in the future."))

    if sequence == "000":
        errors.append(FieldError(field, "sequence", "The sequence number must not be 000."))

    normalized = s if len(s) == 18 else convert_15_to_18(s)
    if len(s) == 18 and check_char(s[:17]) != s[17]:
        errors.append(FieldError(field, "checksum", "The check character is wrong."))

    if errors:
        return invalid()
    assert birth is not None

    county = s[:6]
    if known_county is not None and not known_county(county):
        warnings.append(
            FieldError(field, "unknown_county", "The county code is not in the division table.")
        )
    sex = Sex.MALE if int(sequence[2]) % 2 == 1 else Sex.FEMALE
    return IdCheck(text, True, normalized, birth, sex, county, (), tuple(warnings))


def normalize_id(text: str, *, today: date | None = None, field: str = "id_number") -> str:
    """The 18-character form of a valid ID number; raise ValidationError otherwise.

    ``today`` defaults to the system date (used for the future-birth rule).
    """
    result = check_id_number(text, today=today or date.today(), field=field)
    if not result.valid or result.normalized is None:
        raise ValidationError(list(result.errors))
    return result.normalized
