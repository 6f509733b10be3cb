"""Pension forms, the pension page and the survival-certification queue, driven like a clerk.

Money figures are worked out here from the policy rules (DOMAIN.md), not copied from output.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from gui_support import type_text
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from helpers import make_id
from villagedesk.domain.categories import StatusKind
from villagedesk.gui.actions import action, run_action
from villagedesk.gui.dialogs.pension_forms import (
    AwardDialog,
    CertifyDialog,
    ContributionDialog,
    CorrectionDialog,
    DeceasedDialog,
    EnrolDialog,
    PaymentDialog,
)
from villagedesk.gui.pages.certification import CertificationPage
from villagedesk.gui.pages.pension import PensionPage
from villagedesk.gui.qt import QApplication, QMessageBox, Qt
from villagedesk.gui.tasks import ImmediateTasks
from villagedesk.services.certification import certify
from villagedesk.services.pension import (
    award_of,
    award_pension,
    enrol,
    record_contribution,
    record_payment,
)
from villagedesk.services.persons import add_status, register_person
from villagedesk.store.models import (
    BenefitPayment,
    Certification,
    Contribution,
    Enrolment,
    PaidPremium,
    Person,
)


def _count(db, model, *where):
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def _person(ctx, birth, seq=1, *, name="农民", poor_since=None, male=True):
    with ctx.db.write() as s:
        p = register_person(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            id_number=make_id(birth, seq, male=male),
            name=name,
        )
        if poor_since is not None:
            add_status(
                session=s,
                actor=ctx.user,
                today=ctx.today(),
                person_id=p.id,
                kind=StatusKind.REGISTERED_POOR,
                start_date=poor_since,
            )
        return p.id


def _pensioner(ctx, birth, seq, name, awarded_on=date(2025, 1, 1)):
    """A 60+ registered-poor person on the special basic pension."""
    pid = _person(ctx, birth, seq, name=name, poor_since=date(2015, 1, 1))
    with ctx.db.write() as s:
        award = award_pension(
            session=s, actor=ctx.user, today=ctx.today(), person_id=pid, on=awarded_on
        )
        return pid, award.monthly_fen


def _half_up(x: Decimal) -> int:
    return int(x.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _split_values(dialog) -> dict[str, str]:
    return {name.text().strip(): value.text() for name, value in dialog.preview_rows}


# --------------------------------------------------------------------------- enrol + pay


def test_enrol_then_contribution_of_a_registered_poor_person_shows_the_split(
    ctx, qtbot: QtBot, auto_answer
):
    pid = _person(ctx, date(1980, 6, 1), poor_since=date(2015, 3, 1), name="韦贫")
    enrol_form = EnrolDialog(ctx, pid)
    qtbot.addWidget(enrol_form)
    enrol_form.show()
    assert enrol_form.category.text() == "registered poor, class 1"
    assert enrol_form.grade.currentData() == 10000  # the lowest grade first
    assert "100.00 yuan a year (subsidy 30.00)" in enrol_form.grade.currentText()
    qtbot.keyClick(enrol_form.grade, Qt.Key.Key_Return)
    assert enrol_form.result() == enrol_form.DialogCode.Accepted, enrol_form.reason.text()
    with ctx.db.read() as s:
        e = s.scalar(select(Enrolment).where(Enrolment.person_id == pid))
        assert (e.grade_fen, e.insured_category, e.enrolled_on) == (10000, "poor_1", ctx.today())

    form = ContributionDialog(ctx, pid)
    qtbot.addWidget(form)
    form.show()
    assert form.year.value() == 2026 and form.grade.currentData() == 10000
    # Before saving: grade 100; the government pays the whole 100 (registered poor), the
    # person nothing; subsidy 30 at grade 100; 藤县 (450422) shares region : county = 8 : 2.
    shown = _split_values(form)
    assert shown["Paid by the person"] == "0.00 yuan"
    assert shown["Paid by the government (premium)"] == "100.00 yuan"
    assert shown["Government subsidy"] == "30.00 yuan"
    assert shown["of which region / county"] == "80.00 / 20.00"
    assert shown["Credited to the account"] == "130.00 yuan"
    auto_answer(QMessageBox.StandardButton.No)  # no receipt now
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.result() == form.DialogCode.Accepted, form.reason.text()
    after = auto_answer.asked[-1]
    assert "Contribution for 2026 saved." in after and "Print the receipt?" in after
    assert "Paid by the person: 0.00 yuan" in after
    assert "Paid by the government (premium): 100.00 yuan" in after
    with ctx.db.read() as s:
        c = s.scalar(select(Contribution).where(Contribution.person_id == pid))
        premium = s.scalar(select(PaidPremium).where(PaidPremium.person_id == pid))
    assert (c.year, c.personal_fen, c.paid_premium_fen, c.subsidy_fen) == (2026, 0, 10000, 3000)
    assert (premium.region_fen, premium.local_fen, premium.local_level) == (8000, 2000, "county")


def test_contribution_preview_follows_the_grade_and_the_receipt_hook_is_offered(
    ctx, qtbot: QtBot, auto_answer, monkeypatch
):
    from villagedesk.gui.dialogs import pension_forms

    pid = _person(ctx, date(1985, 1, 1), name="黄普通")
    with ctx.db.write() as s:
        enrol(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            person_id=pid,
            enrolled_on=date(2020, 1, 1),
            grade_fen=20000,
        )
    printed = []
    monkeypatch.setattr(pension_forms, "_receipt_printer", lambda c, p, cid: printed.append(cid))
    form = ContributionDialog(ctx, pid)
    qtbot.addWidget(form)
    form.show()
    assert _split_values(form)["Paid by the person"] == "200.00 yuan"
    # An ordinary person at grade 500 pays it all and gets the 60 yuan subsidy.
    form.grade.setCurrentIndex(form.grade.findData(50000))
    shown = _split_values(form)
    assert shown["Paid by the person"] == "500.00 yuan"
    assert shown["Government subsidy"] == "60.00 yuan"
    assert shown["Paid by the government (premium)"] == "0.00 yuan"
    qtbot.keyClick(form.grade, Qt.Key.Key_Return)  # Yes: print the receipt
    with ctx.db.read() as s:
        c = s.scalar(select(Contribution).where(Contribution.person_id == pid))
    assert (c.grade_fen, c.personal_fen, c.subsidy_fen) == (50000, 50000, 6000)
    assert printed == [c.id]


def test_a_year_already_paid_is_refused_with_its_reason(ctx, qtbot: QtBot):
    pid = _person(ctx, date(1985, 1, 1))
    with ctx.db.write() as s:
        enrol(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            person_id=pid,
            enrolled_on=date(2020, 1, 1),
            grade_fen=20000,
        )
        record_contribution(session=s, actor=ctx.user, today=ctx.today(), person_id=pid, year=2026)
    form = ContributionDialog(ctx, pid)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClick(form.year, Qt.Key.Key_Return)
    assert form.isVisible()
    assert "this year is already paid" in form.reason.text()
    assert _count(ctx.db, Contribution) == 1


# --------------------------------------------------------------------------- award


def test_award_shows_the_monthly_amount_before_confirming_and_stores_it(
    ctx, qtbot: QtBot, auto_answer
):
    # Born 1966-03-10, 60 in March 2026; grade 100 paid 2011..2025 (15 years).
    pid = _person(ctx, date(1966, 3, 10), name="陆满十五")
    with ctx.db.write() as s:
        enrol(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            person_id=pid,
            enrolled_on=date(2011, 8, 1),
            grade_fen=10000,
        )
        for year in range(2011, 2026):
            record_contribution(
                session=s,
                actor=ctx.user,
                today=ctx.today(),
                person_id=pid,
                year=year,
                paid_on=date(year, 6, 1),
            )
    # 130.00 credited a year (100 + 30 subsidy), 2.5 % interest on each year's opening
    # balance (shipped default); monthly = basic 123.00 + balance / 139, half-up to the fen.
    balance = 0
    for year in range(2011, 2027):
        balance = _half_up(Decimal(balance) * Decimal("1.025")) + (13000 if year <= 2025 else 0)
    account_part = _half_up(Decimal(balance) / 139)
    monthly = 12300 + account_part

    def yuan(fen):
        return f"{Decimal(fen) / 100:,.2f} yuan"

    form = AwardDialog(ctx, pid)
    qtbot.addWidget(form)
    form.show()
    assert form.eligibility.text() == "Eligible: transitional pension"
    assert form.years.text() == "15"
    assert form.basic.text() == "123.00 yuan"
    assert form.account.text() == (
        f"balance {Decimal(balance) / 100:,.2f} ÷ 139 = {yuan(account_part)}"
    )
    assert form.monthly.text() == yuan(monthly)
    assert form.save_button.isEnabled() and form.save_button.text() == "Award"
    qtbot.keyClick(form, Qt.Key.Key_Return)
    assert form.result() == form.DialogCode.Accepted
    assert auto_answer.asked[-1] == (
        f"Pension awarded: {yuan(monthly)} a month, paid from 2026-11."
    )
    with ctx.db.read() as s:
        award = award_of(session=s, person_id=pid)
    assert (award.monthly_fen, award.kind, award.status) == (monthly, "transitional", "active")


def test_award_for_a_person_short_of_years_shows_the_reason_and_cannot_be_saved(ctx, qtbot: QtBot):
    pid = _person(ctx, date(1966, 3, 10))
    with ctx.db.write() as s:
        enrol(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            person_id=pid,
            enrolled_on=date(2020, 1, 1),
            grade_fen=10000,
        )
        for year in range(2020, 2026):
            record_contribution(
                session=s, actor=ctx.user, today=ctx.today(), person_id=pid, year=year
            )
    form = AwardDialog(ctx, pid)
    qtbot.addWidget(form)
    form.show()
    # Aged 45 at the county's scheme start (2011-07-01): 14 whole years to 60 required,
    # 6 paid -> 8 short, and may back-pay up to 15 in total -> 9.
    text = form.eligibility.text()
    assert text.startswith("Not eligible: has too few contribution years")
    assert "8 year(s) short of the 14 required" in text and "may back-pay 9 year(s)" in text
    assert not form.save_button.isEnabled()
    assert "8 year(s) short of the 14 required" in form.reason.text()
    qtbot.keyClick(form, Qt.Key.Key_Return)
    with ctx.db.read() as s:
        assert award_of(session=s, person_id=pid) is None


# --------------------------------------------------------------------------- certification


def test_a_queue_of_three_people_is_certified_by_scanning_one_after_another(ctx, qtbot: QtBot):
    people = [
        _pensioner(ctx, date(1955, 7, 1), 1, "甲老人"),
        _pensioner(ctx, date(1956, 8, 2), 2, "乙老人"),
        _pensioner(ctx, date(1957, 9, 3), 3, "丙老人"),
    ]
    page = CertificationPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.activateWindow()
    page.refresh()
    qtbot.waitUntil(lambda: page.scan.hasFocus())
    with ctx.db.read() as s:
        numbers = [s.get(Person, pid).id_number for pid, _m in people]

    for i, number in enumerate(numbers[:2]):
        qtbot.keyClicks(page.scan, number)
        qtbot.keyClick(page.scan, Qt.Key.Key_Return)
        assert page.name.text() == ["甲老人", "乙老人"][i]
        assert number[:4] in page.details.text() and number not in page.details.text()
        assert "window" in page.state.text()
        assert page.method.currentData() == "counter"
        qtbot.keyClick(page.scan, Qt.Key.Key_Return)  # Enter confirms
        assert "certified (at the counter)" in page.message.text()
        assert page.scan.text() == "" and page.scan.hasFocus()

    # The third is certified on a home visit: scan, Tab to the method, Down, Enter.
    qtbot.keyClicks(page.scan, numbers[2])
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert page.name.text() == "丙老人"
    qtbot.keyClick(page.scan, Qt.Key.Key_Tab)
    assert page.method.hasFocus()
    qtbot.keyClick(page.method, Qt.Key.Key_Down)
    assert page.method.currentData() == "home_visit"
    qtbot.keyClick(page.method, Qt.Key.Key_Return)
    assert page.scan.hasFocus() and page.scan.text() == ""
    assert page.method.currentData() == "counter"  # back to the default for the next one

    assert [r.name for r in page.today_model.rows] == ["甲老人", "乙老人", "丙老人"]
    assert page.today_box.title() == "Certified today (3)"
    with ctx.db.read() as s:
        rows = s.scalars(select(Certification).order_by(Certification.created_hlc)).all()
    assert [(r.certified_on, r.method) for r in rows] == [
        (ctx.today(), "counter"),
        (ctx.today(), "counter"),
        (ctx.today(), "home_visit"),
    ]


def test_a_different_scan_shows_that_person_and_an_unknown_id_is_explained(ctx, qtbot: QtBot):
    pid, _m = _pensioner(ctx, date(1955, 7, 1), 1, "甲老人")
    page = CertificationPage(ctx)
    qtbot.addWidget(page)
    page.show()
    with ctx.db.read() as s:
        number = s.get(Person, pid).id_number
    qtbot.keyClicks(page.scan, "360426199101010072")
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert page.name.text() == "Not found"
    assert "wrong check character" in page.state.text()
    qtbot.keyClicks(page.scan, make_id(date(1960, 1, 1), 9))  # replaces the selected text
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert "Nobody with this ID number" in page.state.text()
    qtbot.keyClicks(page.scan, number.lower())
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert page.name.text() == "甲老人"
    assert _count(ctx.db, Certification) == 0  # seeing a person never certifies them


def test_overdue_pensions_are_suspended_after_asking_and_resume_with_back_pay(
    ctx, qtbot: QtBot, auto_answer
):
    # Birthday in February: certified in the 2024-02..2025-01 window, never in the next one,
    # so the pension is overdue since 2026-02-01.
    pid, monthly = _pensioner(ctx, date(1955, 2, 15), 1, "逾期人", awarded_on=date(2024, 3, 5))
    with ctx.db.write() as s:
        certify(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            person_id=pid,
            certified_on=date(2024, 3, 5),
        )
        record_payment(
            session=s, actor=ctx.user, today=ctx.today(), person_id=pid, month=date(2026, 1, 1)
        )
    page = CertificationPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert [(r.name, r.status) for r in page.due_model.rows] == [("逾期人", "overdue")]
    auto_answer(QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.suspend_button, Qt.MouseButton.LeftButton)
    assert "Suspend the pension of 1 pensioner(s)" in auto_answer.asked[-1]
    with ctx.db.read() as s:
        assert award_of(session=s, person_id=pid).status == "active"
    auto_answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.suspend_button, Qt.MouseButton.LeftButton)
    assert auto_answer.asked[-1] == "1 pension(s) suspended."
    with ctx.db.read() as s:
        award = award_of(session=s, person_id=pid)
        number = s.get(Person, pid).id_number
    assert (award.status, award.suspended_from) == ("suspended", date(2026, 2, 1))

    qtbot.keyClicks(page.scan, number)
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert "suspended since 2026-02" in page.message.text()
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    # Back-paid February..October 2026 (9 months); November is paid as a regular month.
    total = f"{Decimal(9 * monthly) / 100:,.2f} yuan"
    assert f"9 month(s) back-paid (2026-02 – 2026-10): {total}" in page.message.text()
    with ctx.db.read() as s:
        assert award_of(session=s, person_id=pid).status == "active"
        assert _count(ctx.db, BenefitPayment, BenefitPayment.kind == "backpay") == 9


def test_certify_form_on_a_person(ctx, qtbot: QtBot):
    pid, _m = _pensioner(ctx, date(1955, 7, 1), 1, "甲老人")
    form = CertifyDialog(ctx, pid)
    qtbot.addWidget(form)
    form.show()
    assert form.method.currentData() == "counter"
    assert "window 2026-07-01 – 2027-06-30" in form.state.text()
    qtbot.keyClick(form.method, Qt.Key.Key_Return)
    assert form.result() == form.DialogCode.Accepted
    assert _count(ctx.db, Certification, Certification.person_id == pid) == 1


# --------------------------------------------------------------------------- death


def test_marking_a_person_deceased_asks_first_then_stops_the_award(ctx, qtbot, auto_answer):
    pid, monthly = _pensioner(ctx, date(1955, 7, 1), 1, "故人")
    with ctx.db.write() as s:
        for m in (8, 9, 10, 11):
            record_payment(
                session=s, actor=ctx.user, today=ctx.today(), person_id=pid, month=date(2026, m, 1)
            )
    form = DeceasedDialog(ctx, pid)
    qtbot.addWidget(form)
    form.show()
    form.death_date.set_value(date(2026, 9, 20))
    auto_answer(QMessageBox.StandardButton.No)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert auto_answer.asked[-1].startswith("Record 故人 as deceased on 2026-09-20?")
    assert form.isVisible()
    with ctx.db.read() as s:
        assert s.get(Person, pid).death_date is None
        assert award_of(session=s, person_id=pid).status == "active"

    auto_answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    told = auto_answer.asked[-1]
    # Died in September: stops from October; October and November were paid: to recover.
    over = f"{Decimal(2 * monthly) / 100:,.2f} yuan"
    assert "Payment stops from 2026-10." in told
    assert f"Paid after death, to recover: 2 month(s) (2026-10, 2026-11), {over}." in told
    assert "Inheritable account balance:" in told
    with ctx.db.read() as s:
        assert s.get(Person, pid).death_date == date(2026, 9, 20)
        award = award_of(session=s, person_id=pid)
    assert (award.status, award.stopped_from) == ("stopped", date(2026, 10, 1))


# --------------------------------------------------------------------------- corrections


def _paid_contribution(ctx):
    pid = _person(ctx, date(1985, 1, 1), name="改正")
    with ctx.db.write() as s:
        enrol(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            person_id=pid,
            enrolled_on=date(2020, 1, 1),
            grade_fen=20000,
        )
        c = record_contribution(
            session=s, actor=ctx.user, today=ctx.today(), person_id=pid, year=2026
        )
    return pid, c.contribution.id


def test_a_clerk_cannot_correct_a_money_record(clerk_ctx, qtbot: QtBot, auto_answer):
    pid, cid = _paid_contribution(clerk_ctx)
    assert action("correct").supervisor_only
    assert run_action(clerk_ctx, None, "correct", pid) is False
    assert "Only a supervisor may correct money records" in auto_answer.asked[-1]
    # Even a form opened some other way is refused by the service.
    form = CorrectionDialog(clerk_ctx, pid)
    qtbot.addWidget(form)
    form.show()
    form.select_entry(cid)
    type_text(qtbot, form.reason_field, "填错档次")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert auto_answer.asked[-1] == "Only a supervisor may do this."
    assert _count(clerk_ctx.db, Contribution) == 1


def test_a_supervisor_reverses_a_contribution_with_a_reason(ctx, qtbot: QtBot, auto_answer):
    pid, cid = _paid_contribution(ctx)
    form = CorrectionDialog(ctx, pid)
    qtbot.addWidget(form)
    form.show()
    assert [(e.ledger, e.period, e.amount_fen) for e in form.model.rows] == [
        ("contribution", "2026", 20000 + 3500)
    ]
    form.entries.setFocus()
    qtbot.keyClick(form.entries, Qt.Key.Key_Down)  # the keyboard picks the entry
    assert form.selected() is not None and form.selected().entry_id == cid
    assert not form.save_button.isEnabled()  # the reason is still missing
    assert "Reason: is required" in form.reason.text()
    type_text(qtbot, form.reason_field, "wrong grade, should be 300")
    assert form.save_button.isEnabled()
    qtbot.keyClick(form.reason_field, Qt.Key.Key_Return)
    assert "Reverse the contribution for 2026 (235.00 yuan)?" in auto_answer.asked[-1]
    assert form.result() == form.DialogCode.Accepted
    with ctx.db.read() as s:
        reversal = s.scalar(select(Contribution).where(Contribution.reverses_id == cid))
    assert reversal.kind == "reversal" and reversal.reason == "wrong grade, should be 300"
    assert (reversal.personal_fen, reversal.subsidy_fen) == (-20000, -3500)
    assert reversal.clerk == ctx.user.username


# --------------------------------------------------------------------------- the pension page


def test_pension_page_lists_filters_and_opens_a_person(ctx, qtbot: QtBot):
    paid = _person(ctx, date(1980, 1, 1), 1, name="已缴")
    unpaid = _person(ctx, date(1981, 1, 1), 2, name="未缴")
    older = _person(ctx, date(1964, 6, 1), 4, name="超龄")  # 61 on 1 January: pays no more
    with ctx.db.write() as s:
        for pid in (paid, unpaid, older):
            enrol(
                session=s,
                actor=ctx.user,
                today=ctx.today(),
                person_id=pid,
                enrolled_on=date(2020, 1, 1),
                grade_fen=30000,
            )
        record_contribution(session=s, actor=ctx.user, today=ctx.today(), person_id=paid, year=2026)
    pensioner, monthly = _pensioner(ctx, date(1955, 7, 1), 3, "领取人")
    page = PensionPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    rows = page.contributors_model
    assert [r.name for r in rows.rows] == ["已缴", "未缴", "超龄"]
    assert [rows.data(rows.index(i, 5)) for i in range(3)] == ["paid", "not paid", "not due"]
    assert rows.data(rows.index(1, 4)) == "300.00"
    page.contributor_filter.setCurrentIndex(page.contributor_filter.findData("unpaid"))
    assert [r.name for r in page.contributors_model.rows] == ["未缴"]
    type_text(qtbot, page.filter_text, "已")
    assert page.contributors_model.rows == []
    page.filter_text.clear()

    assert [(r.name, r.status, r.monthly_fen) for r in page.pensioners_model.rows] == [
        ("领取人", "active", monthly)
    ]
    assert "1 being paid" in page.summary.text()
    opened = []
    ctx.events.person_opened.connect(opened.append)
    page.tabs.setCurrentIndex(1)
    index = page.pensioners_model.index(0, 0)
    page.pensioners.setCurrentIndex(index)
    rect = page.pensioners.visualRect(index)
    qtbot.mouseClick(page.pensioners.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.pensioners.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [pensioner]
    page.pensioners.setFocus()
    qtbot.keyClick(page.pensioners, Qt.Key.Key_Return)  # Enter opens the person too
    assert opened == [pensioner, pensioner]


def test_pay_month_pays_every_active_pensioner_with_progress(ctx, qtbot: QtBot, auto_answer):
    people = [_pensioner(ctx, date(1955, 7, 1), i, "老" + "甲乙丙丁戊"[i - 1]) for i in range(1, 4)]
    page = PensionPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.tabs.setCurrentIndex(1)
    progress = []
    page.month.set_value(date(2026, 11, 1))
    original = page._pay_progress
    page._pay_progress = lambda d, t, x: (progress.append((d, t)), original(d, t, x))
    qtbot.mouseClick(page.pay_button, Qt.MouseButton.LeftButton)
    total = sum(m for _p, m in people)
    amount = f"{Decimal(total) / 100:,.2f} yuan"
    assert f"Pay 2026-11 to 3 pensioners, {amount} in total?" in auto_answer.asked
    assert progress[-1] == (3, 3)
    assert auto_answer.asked[-1] == f"2026-11: 3 pensioners paid, {amount} in total."
    assert _count(ctx.db, BenefitPayment, BenefitPayment.month == date(2026, 11, 1)) == 3
    assert page.progress is None and page.pay_button.isEnabled()
    assert all(r.paid_for_month for r in page.pensioners_model.rows)
    qtbot.mouseClick(page.pay_button, Qt.MouseButton.LeftButton)  # nothing left to pay
    assert auto_answer.asked[-1].startswith("Nobody to pay for 2026-11")
    assert _count(ctx.db, BenefitPayment) == 3


class _CancelAfterFirstBatch(ImmediateTasks):
    """Runs inline like ImmediateTasks; the clerk presses Cancel while the first batch is
    being written: that batch is kept, nothing after it is paid."""

    def start(self, job, *, on_done, on_error, on_progress=None):
        def cancelling(handle):
            handle.progress.connect(lambda _d, _t, _x: handle.cancel())
            return job(handle)

        return super().start(
            cancelling, on_done=on_done, on_error=on_error, on_progress=on_progress
        )


def test_cancelling_pay_month_keeps_what_was_paid_and_says_so(ctx, qtbot, auto_answer, monkeypatch):
    from villagedesk.gui.pages import pension as pension_page

    monkeypatch.setattr(pension_page, "PAY_BATCH", 2)
    for i in range(1, 6):
        _pensioner(ctx, date(1955, 7, 1), i, "老" + "甲乙丙丁戊"[i - 1])
    ctx.tasks = _CancelAfterFirstBatch()
    page = PensionPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    qtbot.mouseClick(page.pay_button, Qt.MouseButton.LeftButton)
    assert auto_answer.asked[-1].startswith("Stopped. 2 pensioners were paid before you cancelled")
    assert _count(ctx.db, BenefitPayment) == 2
    assert page.pay_button.isEnabled()


def test_payment_form_pays_one_month_once(ctx, qtbot: QtBot):
    pid, monthly = _pensioner(ctx, date(1955, 7, 1), 1, "单月")
    form = PaymentDialog(ctx, pid)
    qtbot.addWidget(form)
    form.show()
    assert form.month.value() == date(2026, 11, 1)
    qtbot.keyClick(form.month, Qt.Key.Key_Return)
    assert form.result() == form.DialogCode.Accepted
    again = PaymentDialog(ctx, pid)
    qtbot.addWidget(again)
    again.show()
    assert not again.save_button.isEnabled()
    assert "2026-11 is already paid." in again.reason.text()
    with ctx.db.read() as s:
        assert s.scalar(select(BenefitPayment.amount_fen)) == monthly


def test_every_pension_action_is_registered(ctx):
    codes = {"enrol", "contribute", "award", "pay", "certify", "deceased", "correct"}
    assert all(action(code) is not None for code in codes)
    assert QApplication.instance() is not None


def test_stop_payment_form_stops_the_pension_and_records_the_recovery(ctx, qtbot, today):
    from villagedesk.gui.dialogs.pension_forms import StopPaymentDialog
    from villagedesk.services.pension import award_of, award_pension, record_payment
    from villagedesk.services.persons import add_status, register_person
    from villagedesk.store.models import BenefitPayment, Person

    with ctx.db.write() as s:
        p = register_person(
            session=s,
            actor=ctx.user,
            today=today,
            id_number=make_id(date(1955, 7, 1), 9),
            name="蒙老",
        )
        add_status(
            session=s,
            actor=ctx.user,
            today=today,
            person_id=p.id,
            kind=StatusKind.REGISTERED_POOR,
            start_date=date(2015, 1, 1),
        )
        award_pension(session=s, actor=ctx.user, today=today, person_id=p.id, on=date(2025, 1, 1))
        record_payment(
            session=s, actor=ctx.user, today=today, person_id=p.id, month=date(2026, 11, 1)
        )
        s.get(Person, p.id).death_date = date(2026, 10, 2)
    dialog = StopPaymentDialog(ctx, p.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "2026-10-02" in dialog.about.text()
    type_text(qtbot, dialog.returned, "家属退回")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with ctx.db.read() as s:
        assert award_of(session=s, person_id=p.id).status == "stopped"
        kinds = sorted(r.kind for r in s.query(BenefitPayment).filter_by(person_id=p.id))
    assert kinds == ["normal", "recovery"]
