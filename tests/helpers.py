"""Small builders shared by tests (valid ID numbers, registering persons)."""

from __future__ import annotations

from datetime import date

from villagedesk.domain.idnumber import check_char


def make_id(birth: date, seq: int, *, county: str = "450422", male: bool = True) -> str:
    """A valid 18-digit ID number; ``seq`` picks the sequence, sex fixes its last digit."""
    sequence = (seq % 500) * 2 + (1 if male else 0)
    sequence = sequence if sequence > 0 else 2
    first17 = f"{county}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)
