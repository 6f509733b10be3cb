"""12-digit statistical division codes (统计用区划代码) and the table of county names.

A code is province (2) + prefecture (2) + county (2) + township (3) + village (3) digits.
Its first 6 digits are the GB/T 2260 county code, the address code of an ID number.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from villagedesk.domain.errors import FieldError, ValidationError
from villagedesk.paths import resource_path

#: Province-level codes of GB/T 2260 (including 71 Taiwan, 81 Hong Kong, 82 Macao).
PROVINCE_CODES: frozenset[str] = frozenset(
    [str(n) for n in range(11, 16)]
    + [str(n) for n in range(21, 24)]
    + [str(n) for n in range(31, 38)]
    + [str(n) for n in range(41, 47)]
    + [str(n) for n in range(50, 55)]
    + [str(n) for n in range(61, 66)]
    + ["71", "81", "82"]
)

_DIGITS = frozenset("0123456789")


class Level(StrEnum):
    PROVINCE = "province"
    PREFECTURE = "prefecture"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"


# (level, start, end) of each part inside the 12 digits, most general first.
_PARTS: tuple[tuple[Level, int, int], ...] = (
    (Level.PROVINCE, 0, 2),
    (Level.PREFECTURE, 2, 4),
    (Level.COUNTY, 4, 6),
    (Level.TOWNSHIP, 6, 9),
    (Level.VILLAGE, 9, 12),
)


def _division_errors(code: str, field_name: str) -> list[FieldError]:
    if len(code) != 12:
        return [FieldError(field_name, "length", "A division code has exactly 12 digits.")]
    if not set(code) <= _DIGITS:
        return [FieldError(field_name, "character", "A division code contains digits only.")]
    if code[:2] == "00":
        return [FieldError(field_name, "structure", "The province part must not be zero.")]
    seen_zero = False
    for _level, start, end in _PARTS:
        is_zero = set(code[start:end]) == {"0"}
        if seen_zero and not is_zero:
            return [
                FieldError(
                    field_name,
                    "structure",
                    "A division code part is non-zero below a zero part.",
                )
            ]
        seen_zero = seen_zero or is_zero
    if code[:2] not in PROVINCE_CODES:
        return [FieldError(field_name, "province", "The province part is not a real province.")]
    return []


@dataclass(frozen=True)
class DivisionCode:
    """A checked 12-digit division code; construct with :func:`parse_division_code`."""

    code: str

    def __post_init__(self) -> None:
        errors = _division_errors(self.code, "code")
        if errors:
            raise ValidationError(errors)

    def __str__(self) -> str:
        return self.code

    @property
    def province(self) -> str:
        return self.code[0:2]

    @property
    def prefecture(self) -> str:
        return self.code[2:4]

    @property
    def county(self) -> str:
        return self.code[4:6]

    @property
    def township(self) -> str:
        return self.code[6:9]

    @property
    def village(self) -> str:
        return self.code[9:12]

    @property
    def level(self) -> Level:
        """The most specific non-zero part."""
        result = Level.PROVINCE
        for level, start, end in _PARTS:
            if set(self.code[start:end]) != {"0"}:
                result = level
        return result

    @property
    def county_code6(self) -> str:
        """The first 6 digits: the GB/T 2260 code, also the address code of an ID number."""
        return self.code[:6]

    @property
    def township_kind(self) -> str | None:
        """``street`` (001-099), ``town`` (100-199), ``township`` (200-399) or ``other``.

        ``None`` when the code is above township level.
        """
        if self.township == "000":
            return None
        n = int(self.township)
        if n < 100:
            return "street"
        if n < 200:
            return "town"
        if n < 400:
            return "township"
        return "other"

    @property
    def village_kind(self) -> str | None:
        """``residents_committee`` (001-199), ``village_committee`` (200-399) or ``other``.

        ``None`` when the code is above village level.
        """
        if self.village == "000":
            return None
        n = int(self.village)
        if n < 200:
            return "residents_committee"
        if n < 400:
            return "village_committee"
        return "other"

    def parent(self) -> DivisionCode | None:
        """The code one level up (the part of this level zeroed), or None for a province."""
        level = self.level
        if level is Level.PROVINCE:
            return None
        for part_level, start, end in _PARTS:
            if part_level is level:
                return DivisionCode(self.code[:start] + "0" * (end - start) + self.code[end:])
        raise AssertionError("unreachable")  # pragma: no cover

    def chain(self) -> list[DivisionCode]:
        """Province, prefecture, ... down to this code (inclusive)."""
        result: list[DivisionCode] = []
        current: DivisionCode | None = self
        while current is not None:
            result.append(current)
            current = current.parent()
        result.reverse()
        return result


def parse_division_code(text: str, *, field: str = "village_code") -> DivisionCode:
    """Parse a 12-digit division code; raise ValidationError naming the broken rule.

    Rules: ``length``, ``character``, ``structure`` (a non-zero part below a zero part, or
    a zero province), ``province`` (the first two digits are not a province code).
    """
    code = text.strip()
    errors = _division_errors(code, field)
    if errors:
        raise ValidationError(errors)
    return DivisionCode(code)


def parse_village_code(text: str, *, field: str = "village_code") -> DivisionCode:
    """Parse a division code that must name a village or community (rule ``level``)."""
    code = parse_division_code(text, field=field)
    if code.level is not Level.VILLAGE:
        raise ValidationError.single(
            field, "level", "The code does not name a village or community."
        )
    return code


@dataclass(frozen=True)
class DivisionEntry:
    """One row of the division table. ``level`` is province, prefecture, county or
    county_former (a code no longer in use, kept because old ID numbers carry it)."""

    code: str
    name: str
    level: str
    parent: str | None


@dataclass(frozen=True)
class DivisionTable:
    """Names of the province, prefecture and county-level divisions (6-digit codes)."""

    entries: tuple[DivisionEntry, ...]

    @functools.cached_property
    def _by_code(self) -> dict[str, DivisionEntry]:
        return {e.code: e for e in self.entries}

    def entry(self, code6: str) -> DivisionEntry | None:
        return self._by_code.get(code6)

    def name(self, code: str) -> str | None:
        """Name of a 6-digit code, or of a 12-digit code at county level or above.

        Township and village names are not in the table: ``None`` for those.
        """
        code = code.strip()
        if len(code) == 12:
            if code[6:] != "000000":
                return None
            code = code[:6]
        entry = self._by_code.get(code)
        return entry.name if entry is not None else None

    def is_known_county(self, code6: str) -> bool:
        """True for a current or former county-level code in the table."""
        entry = self._by_code.get(code6)
        return entry is not None and entry.level in ("county", "county_former")

    def covers(self, code6: str) -> bool:
        """True if the table lists the province of ``code6`` (so an unknown county is news)."""
        entry = self._by_code.get(code6[:2] + "0000")
        return entry is not None and entry.level == "province"

    def vouches_for(self, code6: str) -> bool:
        """False only for a county code the table should know (its province) but does not.

        The ``known_county`` check of ID numbers: other provinces are not in the table, so
        their codes are not news.
        """
        return not self.covers(code6) or self.is_known_county(code6)

    def prefecture_of(self, code6: str) -> str | None:
        """The 6-digit code of the prefecture a county belongs to, or None if unknown."""
        entry = self._by_code.get(code6)
        if entry is not None and entry.level in ("county", "county_former"):
            return entry.parent
        guess = self._by_code.get(code6[:4] + "00")
        if guess is not None and guess.level == "prefecture" and guess.code != code6:
            return guess.code
        return None

    def describe(self, code: DivisionCode) -> list[tuple[Level, str, str | None]]:
        """(level, code, name) for each link of the chain; name None if not in the table."""
        return [(link.level, link.code, self.name(link.code)) for link in code.chain()]

    def counties(self, *, include_former: bool = False) -> list[DivisionEntry]:
        """County-level divisions in code order (current ones unless ``include_former``)."""
        levels = ("county", "county_former") if include_former else ("county",)
        return sorted((e for e in self.entries if e.level in levels), key=lambda e: e.code)

    def prefectures(self) -> list[DivisionEntry]:
        return sorted((e for e in self.entries if e.level == "prefecture"), key=lambda e: e.code)


_TABLE_LEVELS = frozenset({"province", "prefecture", "county", "county_former"})


def load_division_table(path: Path) -> DivisionTable:
    """Read a UTF-8 CSV with header ``code,name,level,parent`` (6-digit codes)."""
    entries: list[DivisionEntry] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None or not {"code", "name", "level", "parent"} <= set(
            reader.fieldnames
        ):
            raise ValueError(f"{path}: header must be code,name,level,parent")
        for line_no, row in enumerate(reader, start=2):
            code = (row["code"] or "").strip()
            name = (row["name"] or "").strip()
            level = (row["level"] or "").strip()
            parent = (row["parent"] or "").strip() or None
            if len(code) != 6 or not set(code) <= _DIGITS:
                raise ValueError(f"{path}:{line_no}: bad code {code!r}")
            if level not in _TABLE_LEVELS:
                raise ValueError(f"{path}:{line_no}: bad level {level!r}")
            if not name:
                raise ValueError(f"{path}:{line_no}: empty name")
            entries.append(DivisionEntry(code, name, level, parent))
    codes = [e.code for e in entries]
    if len(codes) != len(set(codes)):
        raise ValueError(f"{path}: duplicate codes")
    return DivisionTable(tuple(entries))


@functools.cache
def default_division_table() -> DivisionTable:
    """The shipped Guangxi table (loaded once)."""
    return load_division_table(resource_path("divisions", "guangxi.csv"))
