"""Forms about work: labour survey, training needs and trainings, employers, vacancies,
referrals and their outcomes.

Each form calls one function of ``services.labour`` on Save and shows its ValidationError;
the rules live there. Fields that do not apply to the answers given are disabled (and not
sent), so the clerk only sees what can be filled in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from villagedesk.domain.categories import (
    EmploymentStatus,
    JobChannel,
    PopulationCategory,
    ReferralOutcome,
    WorkPlace,
)
from villagedesk.domain.errors import FieldError, ValidationError
from villagedesk.domain.idnumber import age_on, mask_id
from villagedesk.domain.money import format_yuan
from villagedesk.domain.uscc import check_uscc
from villagedesk.gui.actions import Action, register
from villagedesk.gui.context import AppContext
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.labels import code_text, error_text, rule_text
from villagedesk.gui.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    Qt,
    QTableView,
    QWidget,
)
from villagedesk.gui.widgets.fields import DateField, MoneyField
from villagedesk.gui.widgets.forms import FormDialog, connect_changed
from villagedesk.gui.widgets.table import Column, RowsModel, make_table
from villagedesk.services.context import get_live
from villagedesk.services.labour import (
    JOB_STATUSES,
    MIN_WORKING_AGE,
    add_employer,
    add_vacancy,
    latest_labour,
    match_vacancies,
    record_labour_survey,
    record_referral_outcome,
    record_training,
    record_training_need,
    refer_to_vacancy,
    update_training_outcome,
)
from villagedesk.services.labour_lists import (
    VacancyRow,
    describe_vacancies,
    employer_rows,
    referral_row,
    suggestions,
)
from villagedesk.services.worklists import LABOUR_MAX_AGE
from villagedesk.store.models import Person, TrainingRecord

VACANCY_DAYS = 30  # a new vacancy is open for a month unless the clerk says otherwise
FIT_ROWS = 200  # rows a table's column widths are fitted to


# -- helpers shared by the forms -----------------------------------------------------------


def labour_error_text(error: FieldError, label: str | None) -> str:
    """The clerk's sentence for a broken rule of the labour services."""
    specific = {
        ("uscc", "length"): _("must have 18 characters"),
        ("uscc", "character"): _("uses digits and letters other than I, O, S, V, Z"),
        ("uscc", "duplicate"): _("is already registered here"),
        ("vacancy_id", "duplicate"): _("the person is already referred there and waiting"),
        ("vacancy_id", "filled"): _("every post of this vacancy is filled"),
        ("person_id", "age"): _("nobody under 16 may be referred to a job"),
        ("population_category", "age"): _("does not fit the person's age on the survey date"),
    }
    general = {
        "not_applicable": _("does not apply to the other answers"),
        "before_start": _("is before the training started"),
        "below_min": _("is below the minimum wage offered"),
        "past": _("must not be before today"),
        "before_referral": _("is before the referral was made"),
        "type": _("has the wrong format"),
    }
    what = specific.get((error.field, error.rule)) or general.get(error.rule)
    if what is None:
        return error_text(error, label)
    return f"{label}: {what}" if label else what


def code_combo(codes: Iterable[str], *, none_label: str | None = None) -> QComboBox:
    """A combo of stable codes shown by their labels; ``none_label`` adds an empty choice."""
    combo = QComboBox()
    if none_label is not None:
        combo.addItem(none_label, None)
    for code in codes:
        combo.addItem(code_text(code), code)
    return combo


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def set_completions(edit: QLineEdit, words: Iterable[str]) -> None:
    """Offer ``words`` as the clerk types (any part matches); Qt deletes the earlier ones."""
    completer = QCompleter(list(words), edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    edit.setCompleter(completer)


def line(text: str = "", *, completions: Iterable[str] = (), max_length: int = 0) -> QLineEdit:
    """A line edit, with ``completions`` offered as the clerk types."""
    edit = QLineEdit(text)
    if max_length:
        edit.setMaxLength(max_length)
    words = list(completions)
    if words:
        set_completions(edit, words)
    return edit


def yes_no_combo() -> QComboBox:
    combo = QComboBox()
    combo.addItem(_("not known"), None)
    combo.addItem(_("yes"), True)
    combo.addItem(_("no"), False)
    return combo


def short_yuan(fen: int) -> str:
    """Yuan without ".00" when whole: wages are mostly round and columns stay narrow."""
    text = format_yuan(fen)
    return text[:-3] if text.endswith(".00") else text


def wage_range(wage_min_fen: int, wage_max_fen: int) -> str:
    if wage_min_fen == wage_max_fen:
        return short_yuan(wage_min_fen)
    return f"{short_yuan(wage_min_fen)}–{short_yuan(wage_max_fen)}"


def outcome_text(code: str) -> str:
    """A referral outcome; "pending" reads as waiting (the shared label means certification)."""
    if code == ReferralOutcome.PENDING.value:
        return _("waiting for the answer")
    return code_text(code)


def fit_table(view: QTableView, stretch: int) -> None:
    """Column ``stretch`` takes the width left (eliding its text) so no column is cut off;
    the other columns fit the first rows (not all 20,000: that would take seconds)."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setResizeContentsPrecision(FIT_ROWS)


def person_line(person: Person, today: date) -> str:
    """Name, masked ID number and age: who the form is about."""
    return " · ".join(
        [
            person.name,
            mask_id(person.id_number),
            _("{age} years").format(age=age_on(person.birth_date, today)),
        ]
    )


class LabourForm(FormDialog):
    """A FormDialog with a heading line and the labour services' error texts."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, title, parent)
        self.header = QLabel()
        self.header.setObjectName("formHeader")
        self.header.setWordWrap(True)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.header.setVisible(False)
        self.layout().insertWidget(0, self.header)
        self.setMinimumWidth(520)

    def set_header(self, text: str) -> None:
        self.header.setText(text)
        self.header.setVisible(bool(text))

    def add_inline(self, name: str, label: str, widget: QWidget) -> QWidget:
        """A field that shares a row with others (placed by the caller)."""
        self.fields[name] = (label, widget, False)
        widget.setObjectName(f"field_{name}")
        connect_changed(widget, self._changed)
        return widget

    def show_errors(self, exc: ValidationError) -> None:
        lines = []
        for err in exc.errors:
            label = self.fields.get(err.field.split(".")[0], (None,))[0]
            lines.append(labour_error_text(err, label))
        self.reason.setText("\n".join(lines))
        self.save_button.setEnabled(True)

    def finish_building(self) -> None:
        """After filling fields in code: nothing typed yet, Save state and reason current."""
        self.dirty = False
        self.revalidate()

    def money_problems(self, fields: Iterable[tuple[str, MoneyField]]) -> list[str]:
        out = []
        for label, field in fields:
            problem = field.problem() if field.isEnabled() else None
            if problem:
                out.append(f"{label}: {problem}")
        return out


# -- labour survey -------------------------------------------------------------------------


class LabourSurveyDialog(LabourForm):
    """One labour survey. Pre-filled from the latest survey: an update is a few keystrokes."""

    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Labour survey"), parent)
        self.person_id = person_id
        today = ctx.today()
        with ctx.db.read() as s:
            person = get_live(s, Person, person_id, field="person_id")
            self.previous = latest_labour(session=s, person_id=person_id)
            hints = suggestions(session=s)
        self.person = person
        last = (
            _("Last survey: {date}").format(date=self.previous.surveyed_on.isoformat())
            if self.previous is not None
            else _("Never surveyed")
        )
        self.set_header(f"{person_line(person, today)}\n{last}")

        self.surveyed_on = DateField(today)
        self.add_field("surveyed_on", _("Survey date"), self.surveyed_on, required=True)
        self.category = code_combo(PopulationCategory)
        self.add_field(
            "population_category", _("Population category"), self.category, required=True
        )
        self.status = code_combo(EmploymentStatus, none_label=_("— not asked —"))
        self.add_field("employment_status", _("Employment status"), self.status)
        self.channel = code_combo(JobChannel, none_label="—")
        self.add_field("job_channel", _("How the job was found"), self.channel)

        self.place = code_combo(WorkPlace, none_label="—")
        self.province = line(completions=hints.provinces, max_length=20)
        self.province.setPlaceholderText(_("province"))
        place_row = QWidget()
        place_layout = QHBoxLayout(place_row)
        place_layout.setContentsMargins(0, 0, 0, 0)
        place_layout.addWidget(self.add_inline("work_place", _("Place of work"), self.place), 2)
        place_layout.addWidget(self.add_inline("work_province", _("Province"), self.province), 1)
        self.form.addRow(_("Place of work"), place_row)

        self.employer = line(completions=hints.employers, max_length=100)
        self.add_field("employer_name", _("Employer"), self.employer)
        self.industry = line(completions=hints.industries, max_length=60)
        self.add_field("industry", _("Industry"), self.industry)
        self.income = MoneyField()
        self.income.setPlaceholderText(_("yuan a month"))
        self.add_field("monthly_income_fen", _("Monthly income"), self.income)
        self.phone = line(max_length=30)
        self.add_field("phone", _("Phone"), self.phone)

        self.wants_work = QCheckBox(_("a job"))
        self.wants_training = QCheckBox(_("training"))
        self.wants_business = QCheckBox(_("to start a business"))
        wants_row = QWidget()
        wants_layout = QHBoxLayout(wants_row)
        wants_layout.setContentsMargins(0, 0, 0, 0)
        wants_layout.addWidget(self.add_inline("wants_work", _("Wants a job"), self.wants_work))
        wants_layout.addWidget(
            self.add_inline("wants_training", _("Wants training"), self.wants_training)
        )
        wants_layout.addWidget(
            self.add_inline("wants_business", _("Wants to start a business"), self.wants_business)
        )
        wants_layout.addStretch(1)
        self.form.addRow(_("Wants"), wants_row)
        self.trade = line(completions=hints.trades, max_length=60)
        self.add_field("training_trade", _("Trade to learn"), self.trade)
        self.note = line(max_length=2000)
        self.add_field("note", _("Note"), self.note)

        for widget in (self.category, self.status, self.place):
            widget.currentIndexChanged.connect(lambda _i: self.update_enabled())
        self.wants_training.toggled.connect(lambda _b: self.update_enabled())
        self.loading(True)
        self.prefill()
        self.loading(False)
        self.update_enabled()
        self.finish_building()
        self.category.setFocus()

    def default_category(self) -> PopulationCategory:
        """What to pre-select: the last answer, or what the person's age suggests."""
        age = age_on(self.person.birth_date, self.ctx.today())
        last = self.previous.population_category if self.previous is not None else None
        if age < MIN_WORKING_AGE:
            return PopulationCategory.UNDER_16
        if last is not None and last != PopulationCategory.UNDER_16.value:
            return PopulationCategory(last)
        if age > LABOUR_MAX_AGE:
            return PopulationCategory.ELDERLY
        return PopulationCategory.WORKING_AGE

    def prefill(self) -> None:
        select_data(self.category, self.default_category().value)
        prev = self.previous
        self.phone.setText(prev.phone if prev is not None and prev.phone else self.person.phone)
        if prev is None:
            return
        select_data(self.status, prev.employment_status)
        select_data(self.channel, prev.job_channel)
        select_data(self.place, prev.work_place)
        self.province.setText(prev.work_province)
        self.employer.setText(prev.employer_name)
        self.industry.setText(prev.industry)
        self.income.set_fen(prev.monthly_income_fen)
        self.wants_work.setChecked(prev.wants_work)
        self.wants_training.setChecked(prev.wants_training)
        self.trade.setText(prev.training_trade)
        self.wants_business.setChecked(prev.wants_business)

    def update_enabled(self) -> None:
        """Employment only for working age; job details only for a job; province only for
        work outside Guangxi; the trade only for someone who wants training."""
        working = self.category.currentData() == PopulationCategory.WORKING_AGE.value
        status = self.status.currentData()
        job = working and status is not None and EmploymentStatus(status) in JOB_STATUSES
        outside = job and self.place.currentData() == WorkPlace.OUTSIDE_REGION.value
        for widget, on in (
            (self.status, working),
            (self.income, working),
            (self.channel, job),
            (self.place, job),
            (self.employer, job),
            (self.industry, job),
            (self.province, outside),
            (self.trade, self.wants_training.isChecked()),
        ):
            widget.setEnabled(on)
        self.revalidate()

    def problems(self) -> list[str]:
        out = super().problems()
        out += self.money_problems([(_("Monthly income"), self.income)])
        if self.trade.isEnabled() and not self.trade.text().strip():
            out.append(f"{_('Trade to learn')}: {_('is required')}")
        return out

    @staticmethod
    def _text(edit: QLineEdit) -> str:
        return edit.text() if edit.isEnabled() else ""

    def submit(self) -> Any:
        def data(combo: QComboBox) -> Any:
            return combo.currentData() if combo.isEnabled() else None

        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            return record_labour_survey(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                person_id=self.person_id,
                surveyed_on=self.surveyed_on.value(),
                population_category=PopulationCategory(self.category.currentData()),
                employment_status=data(self.status),
                job_channel=data(self.channel),
                work_place=data(self.place),
                work_province=self._text(self.province),
                employer_name=self._text(self.employer),
                industry=self._text(self.industry),
                monthly_income_fen=self.income.fen() if self.income.isEnabled() else None,
                phone=self.phone.text(),
                wants_work=self.wants_work.isChecked(),
                wants_training=self.wants_training.isChecked(),
                training_trade=self._text(self.trade),
                wants_business=self.wants_business.isChecked(),
                note=self.note.text(),
            )


# -- training ------------------------------------------------------------------------------


class TrainingNeedDialog(LabourForm):
    """The trade a labourer wants to be trained in."""

    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Training need"), parent)
        self.person_id = person_id
        with ctx.db.read() as s:
            person = get_live(s, Person, person_id, field="person_id")
            latest = latest_labour(session=s, person_id=person_id)
            hints = suggestions(session=s)
        self.set_header(person_line(person, ctx.today()))
        self.surveyed_on = DateField(ctx.today())
        self.add_field("surveyed_on", _("Survey date"), self.surveyed_on, required=True)
        self.trade = line(
            latest.training_trade if latest is not None else "",
            completions=hints.trades,
            max_length=60,
        )
        self.add_field("trade", _("Trade"), self.trade, required=True)
        self.note = line(max_length=2000)
        self.add_field("note", _("Note"), self.note)
        self.finish_building()
        self.trade.setFocus()

    def submit(self) -> Any:
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            return record_training_need(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                person_id=self.person_id,
                surveyed_on=self.surveyed_on.value(),
                trade=self.trade.text(),
                note=self.note.text(),
            )


class _OutcomeFields:
    """End date, certificate, employed afterwards and wage: how a training ended."""

    def build_outcome(self, form: LabourForm, start: date | None) -> None:
        today = form.ctx.today()
        self.end_date = DateField(today)
        if start is not None and start > today:
            self.end_date.set_value(start)
        form.add_field("end_date", _("Ended on"), self.end_date)
        self.certificate = line(max_length=100)
        form.add_field("certificate", _("Certificate"), self.certificate)
        self.employed = yes_no_combo()
        form.add_field("employed_after", _("Employed afterwards"), self.employed)
        self.wage = MoneyField()
        self.wage.setPlaceholderText(_("yuan a month"))
        form.add_field("monthly_wage_fen", _("Monthly wage"), self.wage)

    def update_outcome(self, ended: bool) -> None:
        for widget in (self.end_date, self.certificate, self.employed):
            widget.setEnabled(ended)
        self.wage.setEnabled(ended and self.employed.currentData() is True)

    def outcome_values(self) -> dict[str, Any]:
        ended = self.end_date.isEnabled()
        return {
            "end_date": self.end_date.value() if ended else None,
            "certificate": self.certificate.text() if ended else "",
            "employed_after": self.employed.currentData() if ended else None,
            "monthly_wage_fen": self.wage.fen() if self.wage.isEnabled() else None,
        }

    def fill_outcome(self, record: TrainingRecord) -> None:
        if record.end_date is not None:
            self.end_date.set_value(record.end_date)
        self.certificate.setText(record.certificate)
        select_data(self.employed, record.employed_after)
        self.wage.set_fen(record.monthly_wage_fen)


class TrainingDialog(LabourForm, _OutcomeFields):
    """A training a person took part in; how it ended may be filled in now or later."""

    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Training"), parent)
        self.person_id = person_id
        with ctx.db.read() as s:
            person = get_live(s, Person, person_id, field="person_id")
            latest = latest_labour(session=s, person_id=person_id)
            hints = suggestions(session=s)
        self.set_header(person_line(person, ctx.today()))
        self.programme = line(completions=hints.programmes, max_length=100)
        self.add_field("programme", _("Programme"), self.programme, required=True)
        self.trade = line(
            latest.training_trade if latest is not None else "",
            completions=hints.trades,
            max_length=60,
        )
        self.add_field("trade", _("Trade"), self.trade, required=True)
        self.start_date = DateField(ctx.today())
        self.add_field("start_date", _("Started on"), self.start_date, required=True)
        self.ended = QCheckBox(_("the training has ended"))
        self.add_field("ended", _("Ended"), self.ended)
        self.build_outcome(self, None)
        self.ended.toggled.connect(lambda _b: self.update_enabled())
        self.employed.currentIndexChanged.connect(lambda _i: self.update_enabled())
        self.update_enabled()
        self.finish_building()
        self.programme.setFocus()

    def update_enabled(self) -> None:
        self.update_outcome(self.ended.isChecked())
        self.revalidate()

    def problems(self) -> list[str]:
        return super().problems() + self.money_problems([(_("Monthly wage"), self.wage)])

    def submit(self) -> Any:
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            return record_training(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                person_id=self.person_id,
                programme=self.programme.text(),
                trade=self.trade.text(),
                start_date=self.start_date.value(),
                **self.outcome_values(),
            )


class TrainingOutcomeDialog(LabourForm, _OutcomeFields):
    """Fill in (or correct) how a training ended."""

    def __init__(self, ctx: AppContext, training_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Training outcome"), parent)
        self.training_id = training_id
        with ctx.db.read() as s:
            record = get_live(s, TrainingRecord, training_id, field="training_id")
            person = get_live(s, Person, record.person_id, field="person_id")
        self.set_header(
            f"{person_line(person, ctx.today())}\n"
            + _("{programme}, {trade}, from {date}").format(
                programme=record.programme, trade=record.trade, date=record.start_date.isoformat()
            )
        )
        self.build_outcome(self, record.start_date)
        self.loading(True)
        self.fill_outcome(record)
        self.loading(False)
        self.employed.currentIndexChanged.connect(lambda _i: self.update_enabled())
        self.update_enabled()
        self.finish_building()
        self.end_date.setFocus()

    def update_enabled(self) -> None:
        self.update_outcome(True)
        self.revalidate()

    def problems(self) -> list[str]:
        return super().problems() + self.money_problems([(_("Monthly wage"), self.wage)])

    def submit(self) -> Any:
        values = self.outcome_values()
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            return update_training_outcome(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                training_id=self.training_id,
                end_date=values["end_date"],
                certificate=values["certificate"],
                employed_after=values["employed_after"],
                monthly_wage_fen=values["monthly_wage_fen"],
            )


# -- employers and vacancies ---------------------------------------------------------------


class EmployerDialog(LabourForm):
    """An employer, by its unified social credit code (checked as it is typed)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Add an employer"), parent)
        self.name = line(max_length=120)
        self.add_field("name", _("Employer name"), self.name, required=True)
        self.uscc = line(max_length=18)
        self.uscc.setPlaceholderText(_("18-character unified social credit code"))
        self.add_field("uscc", _("Credit code"), self.uscc, required=True)
        self.contact = line(max_length=60)
        self.add_field("contact", _("Contact person"), self.contact)
        self.phone = line(max_length=30)
        self.add_field("phone", _("Phone"), self.phone)
        self.address = line(max_length=200)
        self.add_field("address", _("Address"), self.address)
        self.finish_building()
        self.name.setFocus()

    def uscc_problem(self) -> str | None:
        text = self.uscc.text().strip()
        if not text:
            return None
        if len(text) < 18:
            return _("{n} of 18 characters").format(n=len(text))
        try:
            check_uscc(text, field="uscc")
        except ValidationError as exc:
            err = exc.errors[0]
            if err.rule == "checksum":
                return rule_text("checksum")
            return labour_error_text(err, None)
        return None

    def problems(self) -> list[str]:
        out = super().problems()
        problem = self.uscc_problem()
        if problem:
            out.append(f"{_('Credit code')}: {problem}")
        return out

    def submit(self) -> Any:
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            return add_employer(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                name=self.name.text(),
                uscc=self.uscc.text(),
                contact=self.contact.text(),
                phone=self.phone.text(),
                address=self.address.text(),
            )


class VacancyDialog(LabourForm):
    """A vacancy of a registered employer."""

    def __init__(
        self, ctx: AppContext, employer_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, _("Add a vacancy"), parent)
        with ctx.db.read() as s:
            employers = employer_rows(session=s, on=ctx.today())
        self.employer = QComboBox()
        for row in employers:
            self.employer.addItem(row.employer.name, row.employer.id)
        self.employer.setCurrentIndex(-1)
        if employer_id is not None:
            select_data(self.employer, employer_id)
        self.add_field("employer_id", _("Employer"), self.employer, required=True)
        self.post = line(max_length=100)
        self.add_field("post", _("Post"), self.post, required=True)
        self.count = QSpinBox()
        self.count.setRange(1, 9999)
        self.add_field("count", _("Number of posts"), self.count, required=True)
        self.wage_min = MoneyField()
        self.wage_min.setPlaceholderText(_("yuan a month"))
        self.add_field("wage_min_fen", _("Wage from"), self.wage_min, required=True)
        self.wage_max = MoneyField()
        self.wage_max.setPlaceholderText(_("yuan a month"))
        self.add_field("wage_max_fen", _("Wage up to"), self.wage_max, required=True)
        self.place = line(max_length=120)
        self.add_field("place", _("Place of work"), self.place)
        self.valid_until = DateField(ctx.today() + timedelta(days=VACANCY_DAYS))
        self.add_field("valid_until", _("Open until"), self.valid_until, required=True)
        self.requirements = QPlainTextEdit()
        self.requirements.setTabChangesFocus(True)
        self.requirements.setFixedHeight(70)
        self.add_field("requirements", _("Requirements"), self.requirements)
        self.finish_building()
        (self.post if employer_id is not None else self.employer).setFocus()

    def problems(self) -> list[str]:
        return super().problems() + self.money_problems(
            [(_("Wage from"), self.wage_min), (_("Wage up to"), self.wage_max)]
        )

    def submit(self) -> Any:
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            return add_vacancy(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                employer_id=self.employer.currentData(),
                post=self.post.text(),
                count=self.count.value(),
                wage_min_fen=self.wage_min.fen() or 0,
                wage_max_fen=self.wage_max.fen() or 0,
                valid_until=self.valid_until.value(),
                place=self.place.text(),
                requirements=self.requirements.toPlainText(),
            )


# -- referrals -----------------------------------------------------------------------------

VACANCY_COLUMNS = [
    Column(N_("Post"), lambda r: r.vacancy.post),
    Column(N_("Employer"), lambda r: r.employer_name),
    Column(
        N_("Wage (yuan a month)"),
        lambda r: wage_range(r.vacancy.wage_min_fen, r.vacancy.wage_max_fen),
        align_right=True,
    ),
    Column(N_("Place"), lambda r: r.vacancy.place),
    Column(N_("Posts left"), lambda r: f"{r.posts_left}/{r.vacancy.count}", align_right=True),
    Column(N_("Open until"), lambda r: r.vacancy.valid_until.isoformat()),
]


class ReferralDialog(LabourForm):
    """Refer a person to an open vacancy, chosen among the best matches (listed first)."""

    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Refer to a vacancy"), parent)
        self.person_id = person_id
        with ctx.db.read() as s:
            person = get_live(s, Person, person_id, field="person_id")
            latest = latest_labour(session=s, person_id=person_id)
            matches = match_vacancies(session=s, person_id=person_id, on=ctx.today())
            rows = describe_vacancies(session=s, vacancies=matches)
        header = [person_line(person, ctx.today())]
        if latest is not None and latest.training_trade:
            header.append(_("Wants to learn: {trade}").format(trade=latest.training_trade))
        if latest is not None and latest.industry:
            header.append(_("Works in: {industry}").format(industry=latest.industry))
        self.set_header("\n".join(header))
        self.model = RowsModel(VACANCY_COLUMNS, self)
        self.model.set_rows(rows)
        self.table = make_table(self.model)
        self.table.setObjectName("field_vacancy_id")
        self.table.setTabKeyNavigation(False)
        self.table.setMinimumHeight(220)
        fit_table(self.table, 1)
        self.setMinimumWidth(980)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.form.addRow(_("Vacancy *"), self.table)
        self.fields["vacancy_id"] = (_("Vacancy"), self.table, True)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.revalidate())
        self.note = line(max_length=2000)
        self.add_field("note", _("Note"), self.note)
        if rows:
            self.table.selectRow(0)
        self.finish_building()
        self.table.setFocus()

    def selected(self) -> VacancyRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_at(indexes[0]) if indexes else None

    def select_vacancy(self, vacancy_id: str) -> None:
        for i, row in enumerate(self.model.rows):
            if row.vacancy.id == vacancy_id:
                self.table.selectRow(i)

    def problems(self) -> list[str]:
        out = super().problems()
        if not self.model.rows:
            out.append(_("There is no open vacancy."))
        elif self.selected() is None:
            out.append(f"{_('Vacancy')}: {_('is required')}")
        return out

    def submit(self) -> Any:
        chosen = self.selected()
        assert chosen is not None  # Save is disabled without a choice
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            return refer_to_vacancy(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                person_id=self.person_id,
                vacancy_id=chosen.vacancy.id,
                note=self.note.text(),
            )


class ReferralOutcomeDialog(LabourForm):
    """How a referral ended (a supervisor may change an outcome already recorded)."""

    OUTCOMES = tuple(o.value for o in ReferralOutcome if o is not ReferralOutcome.PENDING)

    def __init__(self, ctx: AppContext, referral_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Referral outcome"), parent)
        self.referral_id = referral_id
        with ctx.db.read() as s:
            row = referral_row(session=s, referral_id=referral_id)
            if row is None:
                raise ValidationError.single("referral_id", "not_found", referral_id)
            person = get_live(s, Person, row.referral.person_id, field="person_id")
        referral = row.referral
        self.set_header(
            f"{person_line(person, ctx.today())}\n"
            + _("{post} at {employer}, referred on {date}: {outcome}").format(
                post=row.post,
                employer=row.employer_name,
                date=referral.referred_on.isoformat(),
                outcome=outcome_text(referral.outcome),
            )
        )
        self.outcome = code_combo(self.OUTCOMES)
        self.add_field("outcome", _("Outcome"), self.outcome, required=True)
        self.outcome_on = DateField(ctx.today())
        self.add_field("outcome_on", _("Date"), self.outcome_on, required=True)
        self.wage = MoneyField()
        self.wage.setPlaceholderText(_("yuan a month"))
        self.add_field("monthly_wage_fen", _("Monthly wage"), self.wage)
        self.note = line(referral.note, max_length=2000)
        self.add_field("note", _("Note"), self.note)
        self.loading(True)
        if referral.outcome != ReferralOutcome.PENDING.value:
            select_data(self.outcome, referral.outcome)
            if referral.outcome_on is not None:
                self.outcome_on.set_value(referral.outcome_on)
            self.wage.set_fen(referral.monthly_wage_fen)
        self.loading(False)
        self.outcome.currentIndexChanged.connect(lambda _i: self.update_enabled())
        self.update_enabled()
        self.finish_building()
        self.outcome.setFocus()

    def hired(self) -> bool:
        return bool(self.outcome.currentData() == ReferralOutcome.HIRED.value)

    def update_enabled(self) -> None:
        self.wage.setEnabled(self.hired())
        self.revalidate()

    def problems(self) -> list[str]:
        out = super().problems()
        if self.hired() and not self.wage.text().strip():
            out.append(f"{_('Monthly wage')}: {_('is required')}")
        return out + self.money_problems([(_("Monthly wage"), self.wage)])

    def submit(self) -> Any:
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            return record_referral_outcome(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                referral_id=self.referral_id,
                outcome=ReferralOutcome(self.outcome.currentData()),
                outcome_on=self.outcome_on.value(),
                monthly_wage_fen=self.wage.fen() if self.hired() else None,
                note=self.note.text(),
            )


# -- person actions ------------------------------------------------------------------------


def run_form(dialog: FormDialog) -> bool:
    """Show a form modally; True if it saved. The form is deleted when it closes."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return bool(dialog.exec())


def _survey(ctx: AppContext, parent: QWidget | None, person_id: str) -> bool:
    return run_form(LabourSurveyDialog(ctx, person_id, parent))


def _training_need(ctx: AppContext, parent: QWidget | None, person_id: str) -> bool:
    return run_form(TrainingNeedDialog(ctx, person_id, parent))


def _training(ctx: AppContext, parent: QWidget | None, person_id: str) -> bool:
    return run_form(TrainingDialog(ctx, person_id, parent))


def _refer(ctx: AppContext, parent: QWidget | None, person_id: str) -> bool:
    return run_form(ReferralDialog(ctx, person_id, parent))


register(Action("survey", N_("Labour survey"), _survey))
register(Action("training_need", N_("Training need"), _training_need))
register(Action("training", N_("Training"), _training))
register(Action("refer", N_("Refer to a vacancy"), _refer))
