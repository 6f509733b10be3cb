"""Small builders shared by tests (valid ID numbers and credit codes, registering persons)."""

from __future__ import annotations

from datetime import date

from villagedesk.domain.idnumber import check_char
from villagedesk.domain.uscc import uscc_check_char


def make_id(birth: date, seq: int, *, county: str = "450422", male: bool = True) -> str:
    """A valid 18-digit ID number; ``seq`` picks the sequence, sex fixes its last digit."""
    sequence = (seq % 500) * 2 + (1 if male else 0)
    sequence = sequence if sequence > 0 else 2
    first17 = f"{county}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)


def make_uscc(serial: int = 0, *, division: str = "450422") -> str:
    """A valid 18-character unified social credit code (enterprise, ``91``); ``serial``
    (0..999,999,999) picks the organisation code, so codes of different serials differ."""
    first17 = f"91{division}{serial:09d}"
    return first17 + uscc_check_char(first17)
