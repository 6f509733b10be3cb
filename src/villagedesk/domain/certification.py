"""Yearly survival certification (生存认证 / 待遇领取资格认证): windows and status.

Window ("birthday_month"): from the first day of the birthday month through the last day of
the month before the next birthday month. Only the month of birth matters, so a person born
on 29 February has the window 1 February - 31 January like everyone born in February.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from villagedesk.domain.policy import CertificationRule

CertStatus = Literal["certified", "pending", "due", "overdue"]

CERTIFIED: CertStatus = "certified"
PENDING: CertStatus = "pending"
DUE: CertStatus = "due"
OVERDUE: CertStatus = "overdue"


def _window_starting(year: int, month: int) -> tuple[date, date]:
    start = date(year, month, 1)
    next_start = date(year + 1, month, 1)
    return start, next_start - timedelta(days=1)


def window_for(*, birth_date: date, on: date, rule: CertificationRule) -> tuple[date, date]:
    """The certification window ``(first day, last day)`` that contains ``on``."""
    if rule.window != "birthday_month":
        raise ValueError(f"unknown certification window kind: {rule.window!r}")
    month = birth_date.month
    year = on.year if on.month >= month else on.year - 1
    return _window_starting(year, month)


def _next_window(window: tuple[date, date]) -> tuple[date, date]:
    start = window[1] + timedelta(days=1)
    return _window_starting(start.year, start.month)


@dataclass(frozen=True)
class CertState:
    """Where a recipient stands on a date.

    * ``certified``: certified within the current window;
    * ``pending``: not yet, more than ``due_warning_days`` left in the window;
    * ``due``: not yet, ``due_warning_days`` or fewer left;
    * ``overdue``: a counted window ended without a certification and none has been made
      since; payment is suspended from ``overdue_since`` (the day after that window ended,
      always the first day of a month).

    ``due_by`` is the last day for the next certification that is needed: the end of the
    next window when certified, otherwise the end of the current window.
    """

    status: CertStatus
    current_window: tuple[date, date]
    certified_for_window: bool
    due_by: date
    overdue_since: date | None


def certification_state(
    *,
    birth_date: date,
    certified_on: Iterable[date],
    on: date,
    award_start: date,
    rule: CertificationRule,
) -> CertState:
    """The certification status on ``on`` of a recipient whose award started ``award_start``.

    The first window counted is the one containing ``award_start`` (from ``award_start`` on),
    so a recipient is never overdue for windows before the award. Certifications after
    ``on`` are ignored.
    """
    current = window_for(birth_date=birth_date, on=on, rule=rule)
    first = window_for(birth_date=birth_date, on=award_start, rule=rule)
    certs = sorted(c for c in certified_on if c <= on)
    in_current = any(current[0] <= c <= current[1] for c in certs)

    # The first window that still needs a certification.
    needed = first
    if certs:
        last_window = window_for(birth_date=birth_date, on=certs[-1], rule=rule)
        if last_window[0] >= first[0]:
            needed = _next_window(last_window)

    if in_current:
        return CertState(CERTIFIED, current, True, needed[1], None)
    if needed[1] < on:
        return CertState(OVERDUE, current, False, current[1], needed[1] + timedelta(days=1))
    if needed[0] > on:  # the award starts in a later window
        return CertState(PENDING, current, False, needed[1], None)
    days_left = (current[1] - on).days
    status = DUE if days_left <= rule.due_warning_days else PENDING
    return CertState(status, current, False, current[1], None)
