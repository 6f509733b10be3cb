"""岗位: employers and their vacancies, referrals of residents and their outcomes."""

from __future__ import annotations

from itertools import pairwise

from villagedesk.domain.categories import ReferralOutcome
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.idnumber import mask_id
from villagedesk.gui.context import AppContext
from villagedesk.gui.dialogs.labour_forms import (
    EmployerDialog,
    ReferralOutcomeDialog,
    VacancyDialog,
    fit_table,
    labour_error_text,
    outcome_text,
    wage_range,
)
from villagedesk.gui.dialogs.person_forms import confirm
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.pages.base import Page
from villagedesk.gui.pages.labour import (
    code_label,
    forget_labels,
    make_button,
    money_text,
    open_form,
    select_where,
    selected_row,
)
from villagedesk.gui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from villagedesk.gui.widgets.table import Column, RowsModel, make_table
from villagedesk.services.labour import close_vacancy
from villagedesk.services.labour_lists import (
    EmployerRow,
    ReferralRow,
    VacancyRow,
    employer_rows,
    referral_rows,
    vacancy_rows,
)

EMPLOYER_COLUMNS = [
    Column(N_("Employer"), lambda r: r.employer.name),
    Column(N_("Credit code"), lambda r: r.employer.uscc),
    Column(N_("Contact"), lambda r: " ".join(filter(None, [r.employer.contact, r.employer.phone]))),
    Column(N_("Open vacancies"), lambda r: r.open_vacancies, align_right=True),
]

VACANCY_COLUMNS = [
    Column(N_("Post"), lambda r: r.vacancy.post),
    Column(N_("Employer"), lambda r: r.employer_name),
    Column(N_("Hired"), lambda r: f"{r.hired}/{r.vacancy.count}", align_right=True),
    Column(
        N_("Wage"),
        lambda r: wage_range(r.vacancy.wage_min_fen, r.vacancy.wage_max_fen),
        align_right=True,
    ),
    Column(N_("Place"), lambda r: r.vacancy.place),
    Column(N_("Open until"), lambda r: r.vacancy.valid_until.isoformat()),
]

REFERRAL_COLUMNS = [
    Column(N_("Referred"), lambda r: r.referral.referred_on.isoformat()),
    Column(N_("Name"), lambda r: r.name),
    Column(N_("ID number"), lambda r: mask_id(r.id_number)),
    Column(N_("Post"), lambda r: r.post),
    Column(N_("Employer"), lambda r: r.employer_name),
    Column(N_("Outcome"), lambda r: code_label(r.referral.outcome, outcome_text)),
    Column(
        N_("Outcome date"),
        lambda r: r.referral.outcome_on.isoformat() if r.referral.outcome_on else "",
    ),
    Column(N_("Wage"), lambda r: money_text(r.referral.monthly_wage_fen), align_right=True),
]


def _box(content: QWidget, buttons: QHBoxLayout) -> QWidget:
    """A table with a row of buttons under it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.addWidget(content, 1)
    layout.addLayout(buttons)
    return box


def _buttons(*widgets: QWidget) -> QHBoxLayout:
    layout = QHBoxLayout()
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return layout


class VacanciesPage(Page):
    title = N_("Vacancies")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.form: QDialog | None = None
        # Vacancies and employers share the upper half, one tab each, at full width.
        self.vacancy_model = RowsModel(VACANCY_COLUMNS, self)
        self.vacancies = make_table(self.vacancy_model)
        self.vacancies.setObjectName("vacancyTable")
        fit_table(self.vacancies, 1)  # the employer
        self.show_closed = QCheckBox()
        self.show_closed.setObjectName("showClosed")
        self.close_button = make_button("", "closeVacancy", self.close_selected)
        self.add_vacancy_button = make_button("", "addVacancy", self.add_vacancy)
        self.vacancy_tab = _box(
            self.vacancies,
            _buttons(self.add_vacancy_button, self.close_button, self.show_closed),
        )
        self.employer_model = RowsModel(EMPLOYER_COLUMNS, self)
        self.employers = make_table(self.employer_model)
        self.employers.setObjectName("employerTable")
        fit_table(self.employers, 0)
        self.add_employer_button = make_button("", "addEmployer", self.add_employer)
        self.employer_vacancy_button = make_button("", "addEmployerVacancy", self.add_vacancy)
        self.employer_tab = _box(
            self.employers, _buttons(self.add_employer_button, self.employer_vacancy_button)
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("vacancyTabs")
        self.tabs.addTab(self.vacancy_tab, "")
        self.tabs.addTab(self.employer_tab, "")
        # Referrals below.
        self.outcome_label = QLabel()
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcomeFilter")
        self.outcome_label.setBuddy(self.outcome)
        self.referral_model = RowsModel(REFERRAL_COLUMNS, self)
        self.referrals = make_table(self.referral_model)
        self.referrals.setObjectName("referralTable")
        fit_table(self.referrals, 4)  # the employer
        self.referrals.activated.connect(lambda _i: self.record_outcome())
        self.outcome_button = make_button("", "referralOutcome", self.record_outcome)
        self.open_button = make_button("", "openPersonButton", self.open_person)
        self.referral_box = QGroupBox()
        referral_layout = QVBoxLayout(self.referral_box)
        referral_layout.addLayout(_buttons(self.outcome_label, self.outcome))
        referral_layout.addWidget(self.referrals, 1)
        referral_layout.addLayout(_buttons(self.outcome_button, self.open_button))

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.referral_box)
        splitter.setSizes([320, 300])
        self.layout_.addWidget(splitter, 1)

        for view in (self.employers, self.vacancies, self.referrals):
            view.setTabKeyNavigation(False)
            view.selectionModel().selectionChanged.connect(lambda *_a: self.update_buttons())
        self.show_closed.toggled.connect(lambda _b: self.refresh())
        self.outcome.currentIndexChanged.connect(lambda _i: self.refresh())
        order = [
            self.vacancies,
            self.add_vacancy_button,
            self.close_button,
            self.show_closed,
            self.employers,
            self.add_employer_button,
            self.employer_vacancy_button,
            self.outcome,
            self.referrals,
            self.outcome_button,
            self.open_button,
        ]
        for first, second in pairwise(order):
            self.setTabOrder(first, second)
        self.retranslate()
        self.update_buttons()

    def retranslate(self) -> None:
        super().retranslate()
        forget_labels()
        self.tabs.setTabText(0, _("Open &vacancies"))
        self.tabs.setTabText(1, _("E&mployers"))
        self.referral_box.setTitle(_("Referrals"))
        self.add_employer_button.setText(_("Add &employer"))
        self.add_vacancy_button.setText(_("&Add vacancy"))
        self.employer_vacancy_button.setText(_("Add vacancy &here"))
        self.close_button.setText(_("&Close vacancy"))
        self.show_closed.setText(_("Show c&losed"))
        self.outcome_button.setText(_("Record &outcome"))
        self.open_button.setText(_("Open &person"))
        self.outcome_label.setText(_("O&utcome:"))
        current = self.outcome.currentData()
        self.outcome.blockSignals(True)
        self.outcome.clear()
        self.outcome.addItem(_("All"), None)
        for outcome in ReferralOutcome:
            self.outcome.addItem(outcome_text(outcome.value), outcome.value)
        self.outcome.setCurrentIndex(max(self.outcome.findData(current), 0))
        self.outcome.blockSignals(False)

    # -- data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        employer = self.selected_employer()
        vacancy = self.selected_vacancy()
        referral = self.selected_referral()
        today = self.ctx.today()
        with self.ctx.db.read() as s:
            employers = employer_rows(session=s, on=today)
            vacancies = vacancy_rows(
                session=s, on=today, include_closed=self.show_closed.isChecked()
            )
            referrals = referral_rows(session=s, outcome=self.outcome.currentData())
        self.employer_model.set_rows(employers)
        self.vacancy_model.set_rows(vacancies)
        self.referral_model.set_rows(referrals)
        if employer is not None:
            select_where(
                self.employers, self.employer_model, lambda r: r.employer.id == employer.employer.id
            )
        if vacancy is not None:
            select_where(
                self.vacancies, self.vacancy_model, lambda r: r.vacancy.id == vacancy.vacancy.id
            )
        if referral is not None:
            select_where(
                self.referrals,
                self.referral_model,
                lambda r: r.referral.id == referral.referral.id,
            )
        self.update_buttons()

    def selected_employer(self) -> EmployerRow | None:
        row: EmployerRow | None = selected_row(self.employers, self.employer_model)
        return row

    def selected_vacancy(self) -> VacancyRow | None:
        row: VacancyRow | None = selected_row(self.vacancies, self.vacancy_model)
        return row

    def selected_referral(self) -> ReferralRow | None:
        row: ReferralRow | None = selected_row(self.referrals, self.referral_model)
        return row

    def update_buttons(self) -> None:
        vacancy = self.selected_vacancy()
        self.close_button.setEnabled(
            vacancy is not None and vacancy.vacancy.valid_until >= self.ctx.today()
        )
        self.add_vacancy_button.setEnabled(self.employer_model.rowCount() > 0)
        self.employer_vacancy_button.setEnabled(self.selected_employer() is not None)
        referral = self.selected_referral()
        self.outcome_button.setEnabled(referral is not None)
        self.open_button.setEnabled(referral is not None)

    # -- actions ---------------------------------------------------------------------------
    def add_employer(self) -> QDialog:
        return open_form(self, EmployerDialog(self.ctx, self))

    def add_vacancy(self) -> QDialog:
        """A vacancy of the employer chosen on the employers tab, or of the chosen vacancy's."""
        employer_id: str | None = None
        employer = self.selected_employer()
        vacancy = self.selected_vacancy()
        if self.tabs.currentWidget() is self.employer_tab and employer is not None:
            employer_id = employer.employer.id
        elif vacancy is not None:
            employer_id = vacancy.vacancy.employer_id
        return open_form(self, VacancyDialog(self.ctx, employer_id, self))

    def close_selected(self) -> bool:
        """Close the selected vacancy after the clerk confirms; True if it was closed."""
        row = self.selected_vacancy()
        if row is None:
            return False
        question = _(
            "Close the vacancy “{post}” of {employer}? It takes no more referrals from today."
        ).format(post=row.vacancy.post, employer=row.employer_name)
        if not confirm(self, _("Close vacancy"), question):
            return False
        try:
            with self.ctx.db.write(actor=self.ctx.user.username) as s:
                close_vacancy(
                    session=s,
                    actor=self.ctx.user,
                    today=self.ctx.today(),
                    vacancy_id=row.vacancy.id,
                )
        except ValidationError as exc:
            text = "\n".join(labour_error_text(e, None) for e in exc.errors)
            QMessageBox.warning(self, _("Close vacancy"), text)
            return False
        self.ctx.events.data_changed.emit()
        return True

    def record_outcome(self) -> QDialog | None:
        row = self.selected_referral()
        if row is None:
            return None
        return open_form(self, ReferralOutcomeDialog(self.ctx, row.referral.id, self))

    def open_person(self) -> None:
        row = self.selected_referral()
        if row is not None:
            self.ctx.events.person_opened.emit(row.referral.person_id)
