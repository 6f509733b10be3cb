"""Unified social credit codes (统一社会信用代码, GB 32100-2015) of employers.

18 characters: registration authority (1), organisation type (1), division code (6 digits),
organisation code (9) and a check character. The alphabet has no I, O, S, V or Z.
"""

from __future__ import annotations

from villagedesk.domain.errors import ValidationError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS: tuple[int, ...] = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_VALUES = {c: i for i, c in enumerate(ALPHABET)}
_DIGITS = frozenset("0123456789")


def uscc_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a code."""
    if len(first17) != 17 or any(c not in _VALUES for c in first17):
        raise ValueError("uscc_check_char needs 17 characters of the code alphabet")
    total = sum(_VALUES[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def check_uscc(text: str, *, field: str = "uscc") -> str:
    """Return the code upper-cased and stripped, or raise ValidationError.

    Rules: ``length`` (not 18), ``character`` (outside the alphabet, or a non-digit in the
    division code at positions 3-8), ``checksum``.

    Positions 1 and 2 may be letters (e.g. ``N`` for rural collective organisations).
    """
    code = text.strip().upper()
    if len(code) != 18:
        raise ValidationError.single(field, "length", "A credit code has 18 characters.")
    if any(c not in _VALUES for c in code) or not set(code[2:8]) <= _DIGITS:
        raise ValidationError.single(
            field, "character", "A credit code uses digits and letters other than I, O, S, V, Z."
        )
    if uscc_check_char(code[:17]) != code[17]:
        raise ValidationError.single(field, "checksum", "The check character is wrong.")
    return code
