"""The labour part of the counter, driven like a clerk at the keyboard: labour survey,
labour force page, training, employers, vacancies, referrals and their outcomes."""

from __future__ import annotations

from datetime import date, timedelta

from gui_support import type_text
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from helpers import make_id
from villagedesk.domain.categories import (
    EmploymentStatus,
    PopulationCategory,
    ReferralOutcome,
    WorkPlace,
)
from villagedesk.domain.uscc import ALPHABET, uscc_check_char
from villagedesk.gui.actions import action, run_action
from villagedesk.gui.dialogs.labour_forms import (
    EmployerDialog,
    LabourSurveyDialog,
    ReferralDialog,
    ReferralOutcomeDialog,
    TrainingDialog,
    TrainingOutcomeDialog,
)
from villagedesk.gui.pages.labour import LabourPage
from villagedesk.gui.pages.training import TrainingPage
from villagedesk.gui.pages.vacancies import VacanciesPage
from villagedesk.gui.qt import QDialog, QMessageBox, Qt
from villagedesk.services.labour import (
    add_employer,
    add_vacancy,
    labour_history,
    record_labour_survey,
    record_training_need,
    refer_to_vacancy,
)
from villagedesk.services.persons import register_person
from villagedesk.store.models import Employer, LabourRegistration, Referral, TrainingRecord, Vacancy

FIRST17 = "91450422MA5L0XY71"
GOOD_USCC = FIRST17 + uscc_check_char(FIRST17)
BAD_USCC = FIRST17 + next(c for c in ALPHABET if c != GOOD_USCC[-1])


# -- helpers -------------------------------------------------------------------------------


def _count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _person(ctx, birth: date, seq: int, name: str) -> str:
    with ctx.db.write() as s:
        return register_person(
            session=s, actor=ctx.user, today=ctx.today(), id_number=make_id(birth, seq), name=name
        ).id


def _survey(ctx, person_id: str, on: date, **fields) -> None:
    with ctx.db.write() as s:
        record_labour_survey(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            person_id=person_id,
            surveyed_on=on,
            population_category=PopulationCategory.WORKING_AGE,
            **fields,
        )


def _employer(ctx, name: str = "藤县兴旺服装有限公司", uscc: str = GOOD_USCC) -> str:
    with ctx.db.write() as s:
        return add_employer(session=s, actor=ctx.user, today=ctx.today(), name=name, uscc=uscc).id


def _vacancy(ctx, employer_id: str, post: str, wage_max_yuan: int, count: int = 2) -> str:
    with ctx.db.write() as s:
        return add_vacancy(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            employer_id=employer_id,
            post=post,
            count=count,
            wage_min_fen=200_000,
            wage_max_fen=wage_max_yuan * 100,
            valid_until=ctx.today() + timedelta(days=30),
            place="藤县",
        ).id


def _page(cls, ctx, qtbot: QtBot):
    """A page as the main window shows it: refreshed when shown and after every save."""
    page = cls(ctx)
    qtbot.addWidget(page)
    ctx.events.data_changed.connect(page.refresh)
    page.resize(1216, 700)
    page.show()
    page.refresh()
    return page


def _click(qtbot: QtBot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _cell(page_model, row: int, title: str) -> str:
    column = [c.title for c in page_model.columns].index(title)
    return str(page_model.data(page_model.index(row, column)))


# -- the person actions --------------------------------------------------------------------


def test_the_labour_actions_are_registered_under_their_codes(ctx):
    labels = {code: action(code).label for code in ("survey", "training_need", "training", "refer")}
    assert labels == {
        "survey": "Labour survey",
        "training_need": "Training need",
        "training": "Training",
        "refer": "Refer to a vacancy",
    }


# -- labour survey -------------------------------------------------------------------------


def test_a_survey_update_is_a_few_keystrokes_and_history_keeps_both(ctx, qtbot: QtBot):
    pid = _person(ctx, date(1986, 5, 5), 1, "韦小红")
    _survey(
        ctx, pid, date(2025, 3, 1), employment_status=EmploymentStatus.FARMING, phone="13800001111"
    )
    saved = []
    ctx.events.data_changed.connect(lambda: saved.append(True))

    dialog = LabourSurveyDialog(ctx, pid)
    qtbot.addWidget(dialog)
    dialog.show()
    # Pre-filled from the last survey; job details are off for a farmer.
    assert "韦小红" in dialog.header.text() and "Last survey: 2025-03-01" in dialog.header.text()
    assert dialog.category.currentText() == "working age"
    assert dialog.status.currentText() == "farming"
    assert dialog.phone.text() == "13800001111"
    assert not dialog.channel.isEnabled() and not dialog.employer.isEnabled()
    assert not dialog.province.isEnabled()

    # She now works in Guangdong: status, channel, place, province, employer, income.
    qtbot.keyClick(dialog.status, Qt.Key.Key_Down)  # farming -> working away
    assert dialog.status.currentText() == "working away"
    assert dialog.channel.isEnabled() and dialog.place.isEnabled()
    qtbot.keyClick(dialog.channel, Qt.Key.Key_Down)  # — -> government-organised
    for _ in range(3):
        qtbot.keyClick(dialog.place, Qt.Key.Key_Down)  # — -> ... -> outside Guangxi
    assert dialog.place.currentText() == "outside Guangxi"
    assert dialog.province.isEnabled()
    type_text(qtbot, dialog.province, "广东")
    type_text(qtbot, dialog.employer, "深圳市万达家具有限公司")
    qtbot.keyClicks(dialog.income, "6700")
    assert dialog.save_button.isEnabled(), dialog.reason.text()
    qtbot.keyClick(dialog.income, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert saved
    with ctx.db.read() as s:
        history = labour_history(session=s, person_id=pid)
    assert [(h.surveyed_on, h.employment_status) for h in history] == [
        (date(2026, 11, 27), "working_away"),
        (date(2025, 3, 1), "farming"),
    ]
    new = history[0]
    assert (new.job_channel, new.work_place, new.work_province) == (
        "government",
        WorkPlace.OUTSIDE_REGION.value,
        "广东",
    )
    assert new.employer_name == "深圳市万达家具有限公司"
    assert new.monthly_income_fen == 670_000 and new.phone == "13800001111"

    # Next year nothing changed: open the form and press Enter.
    again = LabourSurveyDialog(ctx, pid)
    qtbot.addWidget(again)
    again.show()
    assert "Last survey: 2026-11-27" in again.header.text()
    assert again.income.text() == "6700.00" and again.province.text() == "广东"
    qtbot.keyClick(again, Qt.Key.Key_Return)
    assert _count(ctx.db, LabourRegistration) == 3


def test_fields_that_do_not_apply_are_disabled_as_the_answers_change(ctx, qtbot: QtBot):
    elder = _person(ctx, date(1950, 1, 1), 2, "黄老伯")
    child = _person(ctx, date(2015, 1, 1), 3, "黄小弟")
    dialog = LabourSurveyDialog(ctx, elder)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.category.currentText() == "elderly"
    assert not dialog.status.isEnabled() and not dialog.income.isEnabled()
    assert not dialog.trade.isEnabled()
    dialog.category.setCurrentIndex(dialog.category.findData("working_age"))
    assert dialog.status.isEnabled() and dialog.income.isEnabled()
    qtbot.keyClick(dialog.wants_training, Qt.Key.Key_Space)
    assert dialog.trade.isEnabled()
    assert "Trade to learn: is required" in dialog.reason.text()
    assert not dialog.save_button.isEnabled()

    young = LabourSurveyDialog(ctx, child)
    qtbot.addWidget(young)
    assert young.category.currentText() == "under 16"
    assert not young.status.isEnabled()


def test_invalid_input_is_refused_with_its_reason_and_nothing_is_written(ctx, qtbot: QtBot):
    pid = _person(ctx, date(1990, 2, 2), 4, "莫大")
    dialog = LabourSurveyDialog(ctx, pid)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.header.text().endswith("Never surveyed")
    qtbot.keyClicks(dialog.status, "working")  # keyboard search: "working away"
    assert dialog.status.currentText() == "working away"
    type_text(qtbot, dialog.income, "6千")
    assert not dialog.save_button.isEnabled()
    assert "Monthly income: not an amount in yuan" in dialog.reason.text()
    qtbot.keyClick(dialog.income, Qt.Key.Key_Return)
    assert _count(ctx.db, LabourRegistration) == 0

    # The rule that work outside Guangxi names its province is the service's: shown on Save.
    dialog.income.clear()
    qtbot.keyClicks(dialog.income, "6000")
    qtbot.keyClick(dialog.channel, Qt.Key.Key_Down)
    dialog.place.setCurrentIndex(dialog.place.findData("outside_region"))
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Province: is required" in dialog.reason.text()
    assert dialog.isVisible()
    assert _count(ctx.db, LabourRegistration) == 0


# -- the labour force page -----------------------------------------------------------------


def test_labour_page_lists_working_age_filters_and_opens_forms(ctx, qtbot: QtBot):
    worker = _person(ctx, date(1986, 5, 5), 1, "韦工")
    farmer = _person(ctx, date(1996, 6, 6), 2, "韦农")
    _person(ctx, date(2015, 1, 1), 3, "韦小")  # under 16: not in the labour force
    _person(ctx, date(1955, 1, 1), 4, "韦老")  # 71: not in the labour force
    _survey(
        ctx,
        worker,
        date(2026, 3, 1),
        employment_status=EmploymentStatus.WORKING_AWAY,
        work_place=WorkPlace.OUTSIDE_REGION,
        work_province="广东",
        employer_name="东莞市嘉禾电子有限公司",
    )
    _survey(ctx, farmer, date(2024, 5, 1), employment_status=EmploymentStatus.FARMING)
    opened = []
    ctx.events.person_opened.connect(opened.append)

    page = _page(LabourPage, ctx, qtbot)
    assert [r.name for r in page.model.rows] == ["韦工", "韦农"]  # by pinyin
    assert page.count.text() == "2 persons"
    worker_row = [r.name for r in page.model.rows].index("韦工")
    assert _cell(page.model, worker_row, "Place of work") == "广东"
    assert _cell(page.model, worker_row, "Surveyed") == "2026-03-01"
    assert not page.survey_button.isEnabled()  # nobody chosen yet

    qtbot.mouseClick(page.not_this_year, Qt.MouseButton.LeftButton)
    assert [r.name for r in page.model.rows] == ["韦农"]
    qtbot.mouseClick(page.not_this_year, Qt.MouseButton.LeftButton)
    page.status.setCurrentIndex(page.status.findData("working_away"))
    assert [r.name for r in page.model.rows] == ["韦工"]
    page.status.setCurrentIndex(0)
    qtbot.keyClicks(page.query, "wn")  # pinyin initials
    qtbot.waitUntil(lambda: [r.name for r in page.model.rows] == ["韦农"], timeout=2000)

    # Double-click opens the person; Survey opens the form on the chosen person.
    rect = page.table.visualRect(page.model.index(0, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened[-1] == farmer
    _click(qtbot, page.survey_button)
    form = page.form
    assert isinstance(form, LabourSurveyDialog) and form.person_id == farmer
    assert form.status.currentText() == "farming"
    qtbot.keyClick(form, Qt.Key.Key_Return)  # still farming, surveyed today
    assert page.form is None
    page.query.clear()
    qtbot.mouseClick(page.not_this_year, Qt.MouseButton.LeftButton)
    assert page.model.rows == []  # everybody is surveyed this year now
    assert page.count.text() == "0 persons"


# -- referrals -----------------------------------------------------------------------------


def test_a_referral_made_from_the_person_and_its_outcome_hired_with_wage(
    ctx, qtbot: QtBot, monkeypatch
):
    pid = _person(ctx, date(1998, 8, 8), 5, "李焊")
    _survey(
        ctx,
        pid,
        date(2026, 10, 1),
        employment_status=EmploymentStatus.RETURNED_NOT_WORKING,
        wants_work=True,
        wants_training=True,
        training_trade="焊工",
    )
    employer = _employer(ctx)
    best_paid = _vacancy(ctx, employer, "叉车司机", 7000)
    welder = _vacancy(ctx, employer, "焊工", 5200)

    def drive(dialog: ReferralDialog) -> int:
        dialog.show()
        # The vacancy matching the trade the person wants comes first, though paid less.
        assert [r.vacancy.id for r in dialog.model.rows] == [welder, best_paid]
        assert dialog.selected().vacancy.id == welder
        assert "Wants to learn: 焊工" in dialog.header.text()
        assert dialog.table.hasFocus() or dialog.focusWidget() is dialog.table
        type_text(qtbot, dialog.note, "明天上午面试")
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(ReferralDialog, "exec", drive)
    assert run_action(ctx, None, "refer", pid) is True
    with ctx.db.read() as s:
        referral = s.scalars(select(Referral)).one()
    assert (referral.person_id, referral.vacancy_id, referral.outcome) == (pid, welder, "pending")
    assert referral.note == "明天上午面试"

    page = _page(VacanciesPage, ctx, qtbot)
    assert _cell(page.referral_model, 0, "Outcome") == "waiting for the answer"
    assert not page.outcome_button.isEnabled()
    page.referrals.selectRow(0)
    _click(qtbot, page.outcome_button)
    dialog = page.form
    assert isinstance(dialog, ReferralOutcomeDialog)
    assert "焊工" in dialog.header.text() and "李焊" in dialog.header.text()
    assert dialog.outcome.currentText() == "hired"
    assert not dialog.save_button.isEnabled()
    assert "Monthly wage: is required" in dialog.reason.text()
    qtbot.keyClicks(dialog.wage, "5000")
    qtbot.keyClick(dialog.wage, Qt.Key.Key_Return)

    with ctx.db.read() as s:
        referral = s.get(Referral, referral.id)
    assert referral.outcome == ReferralOutcome.HIRED.value
    assert referral.monthly_wage_fen == 500_000
    assert referral.outcome_on == ctx.today()
    assert _cell(page.referral_model, 0, "Outcome") == "hired"
    assert _cell(page.referral_model, 0, "Wage") == "5000.00"
    welder_row = [r.vacancy.id for r in page.vacancy_model.rows].index(welder)
    assert _cell(page.vacancy_model, welder_row, "Hired") == "1/2"


def test_a_clerk_may_not_change_an_outcome_already_recorded(
    ctx, clerk_ctx, qtbot: QtBot, auto_answer
):
    pid = _person(ctx, date(1998, 8, 8), 5, "李焊")
    vacancy = _vacancy(ctx, _employer(ctx), "焊工", 5200)
    with ctx.db.write() as s:
        referral = refer_to_vacancy(
            session=s, actor=ctx.user, today=ctx.today(), person_id=pid, vacancy_id=vacancy
        ).id
    first = ReferralOutcomeDialog(clerk_ctx, referral)
    qtbot.addWidget(first)
    first.outcome.setCurrentIndex(first.outcome.findData("declined"))
    qtbot.keyClick(first, Qt.Key.Key_Return)  # a pending referral: any clerk records it
    assert first.result() == QDialog.DialogCode.Accepted

    change = ReferralOutcomeDialog(clerk_ctx, referral)
    qtbot.addWidget(change)
    assert change.outcome.currentText() == "declined"
    change.outcome.setCurrentIndex(change.outcome.findData("no_show"))
    qtbot.keyClick(change, Qt.Key.Key_Return)
    assert "Only a supervisor may do this." in auto_answer.asked
    with ctx.db.read() as s:
        assert s.get(Referral, referral).outcome == "declined"


# -- employers and vacancies ---------------------------------------------------------------


def test_an_employer_with_a_bad_credit_code_is_refused_with_the_reason(ctx, qtbot: QtBot):
    page = _page(VacanciesPage, ctx, qtbot)
    page.tabs.setCurrentWidget(page.employer_tab)
    _click(qtbot, page.add_employer_button)
    dialog = page.form
    assert isinstance(dialog, EmployerDialog)
    type_text(qtbot, dialog.name, "藤县兴旺服装有限公司")
    qtbot.keyClicks(dialog.uscc, FIRST17[:10])
    assert "Credit code: 10 of 18 characters" in dialog.reason.text()
    qtbot.keyClicks(dialog.uscc, BAD_USCC[10:])
    assert not dialog.save_button.isEnabled()
    assert "Credit code: has a wrong check character (typing error?)" in dialog.reason.text()
    qtbot.keyClick(dialog.uscc, Qt.Key.Key_Return)
    assert dialog.isVisible() and _count(ctx.db, Employer) == 0

    qtbot.keyClick(dialog.uscc, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.uscc, GOOD_USCC[-1])
    assert dialog.reason.text() == ""
    qtbot.keyClick(dialog.uscc, Qt.Key.Key_Return)
    assert _count(ctx.db, Employer) == 1
    assert [r.employer.name for r in page.employer_model.rows] == ["藤县兴旺服装有限公司"]

    # The same code again: the service refuses it, the clerk reads why.
    _click(qtbot, page.add_employer_button)
    again = page.form
    type_text(qtbot, again.name, "另一家公司")
    qtbot.keyClicks(again.uscc, GOOD_USCC.lower())
    qtbot.keyClick(again.uscc, Qt.Key.Key_Return)
    assert "Credit code: is already registered here" in again.reason.text()
    assert _count(ctx.db, Employer) == 1


def test_add_a_vacancy_for_the_chosen_employer(ctx, qtbot: QtBot):
    employer = _employer(ctx)
    page = _page(VacanciesPage, ctx, qtbot)
    page.tabs.setCurrentWidget(page.employer_tab)
    page.employers.selectRow(0)
    _click(qtbot, page.employer_vacancy_button)
    dialog = page.form
    assert dialog.employer.currentData() == employer
    type_text(qtbot, dialog.post, "缝纫工")
    qtbot.keyClicks(dialog.wage_min, "3000")
    qtbot.keyClicks(dialog.wage_max, "2800")
    qtbot.keyClick(dialog.wage_max, Qt.Key.Key_Return)
    assert "Wage up to: is below the minimum wage offered" in dialog.reason.text()
    assert _count(ctx.db, Vacancy) == 0
    dialog.wage_max.clear()
    qtbot.keyClicks(dialog.wage_max, "4500")
    qtbot.keyClick(dialog.wage_max, Qt.Key.Key_Return)
    assert _count(ctx.db, Vacancy) == 1
    assert _cell(page.vacancy_model, 0, "Wage") == "3000–4500"
    assert _cell(page.employer_model, 0, "Open vacancies") == "1"


def test_closing_a_vacancy_asks_first(ctx, qtbot: QtBot, auto_answer):
    vacancy = _vacancy(ctx, _employer(ctx), "种植工", 3500)
    page = _page(VacanciesPage, ctx, qtbot)
    page.vacancies.selectRow(0)
    auto_answer(QMessageBox.StandardButton.No)
    _click(qtbot, page.close_button)
    assert any("Close the vacancy “种植工”" in text for text in auto_answer.asked)
    with ctx.db.read() as s:
        assert s.get(Vacancy, vacancy).valid_until == ctx.today() + timedelta(days=30)
    assert len(page.vacancy_model.rows) == 1

    auto_answer(QMessageBox.StandardButton.Yes)
    _click(qtbot, page.close_button)
    with ctx.db.read() as s:
        assert s.get(Vacancy, vacancy).valid_until == ctx.today() - timedelta(days=1)
    assert page.vacancy_model.rows == []
    qtbot.mouseClick(page.show_closed, Qt.MouseButton.LeftButton)
    assert len(page.vacancy_model.rows) == 1
    page.vacancies.selectRow(0)
    assert not page.close_button.isEnabled()  # already closed


# -- training ------------------------------------------------------------------------------


def test_training_page_adds_a_training_for_a_need_and_records_its_outcome(ctx, qtbot: QtBot):
    welder = _person(ctx, date(2001, 3, 3), 6, "陆焊")
    electrician = _person(ctx, date(2002, 4, 4), 7, "陆电")
    with ctx.db.write() as s:
        for pid, trade in ((welder, "焊工"), (electrician, "电工")):
            record_training_need(
                session=s,
                actor=ctx.user,
                today=ctx.today(),
                person_id=pid,
                surveyed_on=date(2026, 9, 1),
                trade=trade,
            )
    page = _page(TrainingPage, ctx, qtbot)
    assert len(page.need_model.rows) == 2
    type_text(qtbot, page.trade, "焊")  # the filter takes any part of a trade
    qtbot.waitUntil(lambda: [r.name for r in page.need_model.rows] == ["陆焊"], timeout=2000)

    page.needs.selectRow(0)
    _click(qtbot, page.add_button)
    dialog = page.form
    assert isinstance(dialog, TrainingDialog) and dialog.person_id == welder
    assert dialog.trade.text() == "焊工"  # the trade the person asked for
    assert not dialog.end_date.isEnabled()
    type_text(qtbot, dialog.programme, "项目制培训")
    dialog.start_date.set_value(date(2026, 10, 8))
    qtbot.keyClick(dialog.programme, Qt.Key.Key_Return)
    assert [(r.name, r.record.trade) for r in page.training_model.rows] == [("陆焊", "焊工")]

    page.trainings.selectRow(0)
    _click(qtbot, page.outcome_button)
    outcome = page.form
    assert isinstance(outcome, TrainingOutcomeDialog)
    assert not outcome.wage.isEnabled()
    outcome.end_date.set_value(date(2026, 11, 20))
    type_text(qtbot, outcome.certificate, "初级工证书")
    qtbot.keyClick(outcome.employed, Qt.Key.Key_Down)  # not known -> yes
    assert outcome.wage.isEnabled()
    qtbot.keyClicks(outcome.wage, "3300")
    qtbot.keyClick(outcome.wage, Qt.Key.Key_Return)
    with ctx.db.read() as s:
        record = s.scalars(select(TrainingRecord)).one()
    assert (record.end_date, record.certificate, record.employed_after) == (
        date(2026, 11, 20),
        "初级工证书",
        True,
    )
    assert record.monthly_wage_fen == 330_000
    assert _cell(page.training_model, 0, "Wage") == "3300.00"

    # A new need of the person, from the same page.
    _click(qtbot, page.need_button)
    need = page.form
    assert need.person_id == welder
    type_text(qtbot, need.trade, "焊工高级")
    qtbot.keyClick(need.trade, Qt.Key.Key_Return)
    assert [r.need.trade for r in page.need_model.rows] == ["焊工高级", "焊工"]
