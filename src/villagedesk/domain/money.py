"""Money is integer fen. Conversions to and from yuan text are exact or refused."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

Fen = int

_HUNDRED = Decimal(100)


def yuan_to_fen(value: Decimal | str | int) -> Fen:
    """Exact yuan -> fen. Refuses fractions of a fen and anything that is not a number."""
    if isinstance(value, float):
        raise TypeError("money must not be a float")
    try:
        d = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(f"not an amount of yuan: {value!r}") from exc
    if not d.is_finite():
        raise ValueError(f"not an amount of yuan: {value!r}")
    fen = d * _HUNDRED
    if fen != fen.to_integral_value():
        raise ValueError(f"amount has fractions of a fen: {value!r}")
    return int(fen)


def fen_to_yuan(fen: Fen) -> Decimal:
    return (Decimal(fen) / _HUNDRED).quantize(Decimal("0.01"))


def format_yuan(fen: Fen, *, grouping: bool = False) -> str:
    """``152880`` -> ``"1528.80"`` (or ``"1,528.80"`` with grouping)."""
    d = fen_to_yuan(fen)
    return f"{d:,.2f}" if grouping else f"{d:.2f}"


def round_fen(value: Decimal) -> Fen:
    """Round a Decimal amount of fen half-up to a whole fen (the rounding used everywhere)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent_of(fen: Fen, percent: Decimal | int) -> Fen:
    """``percent`` % of ``fen``, rounded half-up to the fen."""
    return round_fen(Decimal(fen) * Decimal(percent) / _HUNDRED)
