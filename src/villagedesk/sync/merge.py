"""Field-level three-way merge of a village edit into the county's current row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from villagedesk.sync.tables import Owner, owner_of

_MISSING = object()


@dataclass(frozen=True)
class FieldConflict:
    field: str
    base: Any
    village: Any
    county: Any


@dataclass
class MergeResult:
    take: dict[str, Any] = field(default_factory=dict)  # village values to write
    conflicts: list[FieldConflict] = field(default_factory=list)
    kept_by_owner: list[str] = field(default_factory=list)  # county-owned fields kept

    @property
    def clean(self) -> bool:
        return not self.conflicts and not self.kept_by_owner


def merge(
    *, table: str, current: dict[str, Any], base: dict[str, Any], mine: dict[str, Any]
) -> MergeResult:
    """Merge ``mine`` (the village's new values, edited from ``base``) into ``current``.

    All values are wire values. A field the county has not changed since ``base`` takes the
    village's value; a field both changed to the same value is a no-op; a field both changed
    differently goes to its owner (ownership table) or, when nobody owns it, keeps the county's
    value and becomes a conflict holding all three values. A field the village sent unchanged
    (equal to ``base``) keeps the county's value. A field missing from ``base`` (an older
    client) counts as unchanged at the county: the village edited it knowingly.
    """
    result = MergeResult()
    for key, village in mine.items():
        county = current.get(key)
        if county == village:
            continue
        was = base.get(key, _MISSING)
        if was is not _MISSING and was == village:
            continue  # not changed at the village (a counter that sends whole rows)
        if was is _MISSING or was == county:
            result.take[key] = village
            continue
        owner = owner_of(table, key)
        if owner is Owner.VILLAGE:
            result.take[key] = village
        elif owner is Owner.COUNTY:
            result.kept_by_owner.append(key)
        else:
            result.conflicts.append(FieldConflict(key, was, village, county))
    return result
