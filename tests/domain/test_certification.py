"""Survival certification: birthday-month windows and the status a clerk sees."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pytest

from villagedesk.domain.certification import CertState, certification_state, window_for
from villagedesk.domain.policy import CertificationRule
from villagedesk.domain.policy_defaults import default_policy

RULE = default_policy().certification_rule(date(2020, 1, 1))  # birthday month, warn 30 days
BORN = date(1950, 3, 20)  # windows run 1 March - end of February
AWARDED = date(2010, 4, 1)


def state(
    certified: Iterable[date], on: date, *, award_start: date = AWARDED, born: date = BORN
) -> CertState:
    return certification_state(
        birth_date=born, certified_on=certified, on=on, award_start=award_start, rule=RULE
    )


@pytest.mark.parametrize(
    ("born", "on", "window"),
    [
        (BORN, date(2020, 3, 1), (date(2020, 3, 1), date(2021, 2, 28))),
        (BORN, date(2020, 2, 29), (date(2019, 3, 1), date(2020, 2, 29))),
        (BORN, date(2020, 12, 31), (date(2020, 3, 1), date(2021, 2, 28))),
        (date(1950, 1, 5), date(2020, 7, 1), (date(2020, 1, 1), date(2020, 12, 31))),
        (date(1950, 12, 5), date(2020, 11, 30), (date(2019, 12, 1), date(2020, 11, 30))),
        (date(1950, 12, 5), date(2020, 12, 1), (date(2020, 12, 1), date(2021, 11, 30))),
        # born 29 February: the window opens on 1 February, leap year or not
        (date(1952, 2, 29), date(2021, 2, 1), (date(2021, 2, 1), date(2022, 1, 31))),
        (date(1952, 2, 29), date(2021, 1, 31), (date(2020, 2, 1), date(2021, 1, 31))),
    ],
)
def test_window_for(born: date, on: date, window: tuple[date, date]) -> None:
    assert window_for(birth_date=born, on=on, rule=RULE) == window


def test_unknown_window_kind_is_refused() -> None:
    odd = CertificationRule(window="calendar_year", due_warning_days=30, back_pay_on_resume=True)
    with pytest.raises(ValueError, match="calendar_year"):
        window_for(birth_date=BORN, on=date(2020, 1, 1), rule=odd)


def test_certified_in_the_current_window() -> None:
    s = state([date(2019, 4, 2), date(2020, 3, 5)], date(2020, 6, 1))
    assert (s.status, s.certified_for_window, s.overdue_since) == ("certified", True, None)
    assert s.current_window == (date(2020, 3, 1), date(2021, 2, 28))
    assert s.due_by == date(2022, 2, 28)  # next needed: the 2021-22 window


def test_pending_then_due_in_the_last_thirty_days() -> None:
    certs = [date(2019, 5, 6)]  # covers the 2019-20 window; the 2020-21 window is open
    pending = state(certs, date(2020, 6, 1))
    assert (pending.status, pending.due_by, pending.overdue_since) == (
        "pending", date(2021, 2, 28), None
    )  # fmt: skip
    # 2021-01-28 -> 31 days to 28 February: still pending; 2021-01-29 -> 30 days: due
    assert state(certs, date(2021, 1, 28)).status == "pending"
    assert state(certs, date(2021, 1, 29)).status == "due"
    assert state(certs, date(2021, 2, 28)).status == "due"


def test_overdue_after_a_window_ends_without_certification() -> None:
    # last certified in the 2018-19 window; the 2019-20 window ended on 2020-02-29 without one
    s = state([date(2018, 4, 1)], date(2020, 6, 1))
    assert (s.status, s.overdue_since) == ("overdue", date(2020, 3, 1))
    assert s.certified_for_window is False
    # the day the missed window closes it is not yet overdue
    assert state([date(2018, 4, 1)], date(2020, 2, 29)).status == "due"


def test_overdue_since_the_first_missed_window() -> None:
    # last certified 2016-04-01 (2016-17 window): suspended from 2018-03-01
    assert state([date(2016, 4, 1)], date(2020, 6, 1)).overdue_since == date(2018, 3, 1)


def test_certifying_again_clears_overdue() -> None:
    s = state([date(2018, 4, 1), date(2020, 5, 1)], date(2020, 6, 1))
    assert (s.status, s.overdue_since) == ("certified", None)


def test_new_recipient_is_not_overdue_for_windows_before_the_award() -> None:
    recent = state([], date(2020, 5, 1), award_start=date(2020, 4, 1))
    assert (recent.status, recent.overdue_since) == ("pending", None)
    # the same person awarded in 2015 and never certified is overdue since the first window
    # (2015-03-01 - 2016-02-29) closed
    old = state([], date(2020, 5, 1), award_start=date(2015, 4, 1))
    assert (old.status, old.overdue_since) == ("overdue", date(2016, 3, 1))


def test_check_at_award_time_counts_for_the_first_window() -> None:
    # certified 2020-03-15 when applying, award from 2020-04-01: the 2020-21 window is covered,
    # so on 2021-04-10 the 2021-22 window is simply pending
    s = state([date(2020, 3, 15)], date(2021, 4, 10), award_start=date(2020, 4, 1))
    assert (s.status, s.overdue_since) == ("pending", None)


def test_award_in_a_later_window_is_pending() -> None:
    s = state([], date(2020, 1, 10), award_start=date(2020, 4, 1))
    assert (s.status, s.due_by) == ("pending", date(2021, 2, 28))


def test_future_certifications_are_ignored() -> None:
    s = state([date(2020, 7, 1)], date(2020, 6, 1), award_start=date(2019, 4, 1))
    assert s.status == "overdue"  # 2019-20 window missed; the July check has not happened yet
