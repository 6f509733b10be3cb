"""劳动力: the labour force (16 to 64) with each person's latest survey; survey from here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from villagedesk.domain.categories import EmploymentStatus
from villagedesk.domain.idnumber import mask_id
from villagedesk.domain.money import format_yuan
from villagedesk.gui.context import AppContext
from villagedesk.gui.dialogs.labour_forms import (
    LabourSurveyDialog,
    ReferralDialog,
    fit_table,
)
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.labels import code_text
from villagedesk.gui.pages.base import Page
from villagedesk.gui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QTableView,
    QTimer,
    QWidget,
)
from villagedesk.gui.widgets.table import Column, RowsModel, make_table
from villagedesk.services.labour_lists import NOT_SURVEYED, LabourRow, labour_force

# -- helpers the labour, training and vacancy pages share ----------------------------------


def make_button(text: str, name: str, slot: Callable[[], Any]) -> QPushButton:
    """A push button; ``text`` is translated and may hold an accelerator (``&Survey``)."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def selected_row(view: QTableView, model: RowsModel) -> Any:
    """The row object selected in ``view`` (single selection), or None."""
    selection = view.selectionModel()
    rows = selection.selectedRows() if selection is not None else []
    return model.row_at(rows[0]) if rows else None


def select_where(view: QTableView, model: RowsModel, match: Callable[[Any], bool]) -> bool:
    """Select the first row for which ``match`` is true (to keep a selection over a reload)."""
    for i, row in enumerate(model.rows):
        if match(row):
            view.selectRow(i)
            return True
    return False


def open_form(page: QWidget, dialog: QDialog) -> QDialog:
    """Open a form (made with ``page`` as parent) window-modal without blocking; the main
    window refreshes the page when it saves (``events.data_changed``). The form is kept as
    ``page.form`` until it closes."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    page.form = dialog  # type: ignore[attr-defined]
    dialog.finished.connect(lambda _r: setattr(page, "form", None))
    dialog.open()
    return dialog


_LABELS: dict[tuple[Callable[[str], str], str], str] = {}


def code_label(code: str | None, describe: Callable[[str], str] = code_text) -> str:
    """``describe(code)``, remembered: thousands of rows ask for the same few labels. Pages
    forget them in ``retranslate`` (the language may have changed)."""
    if not code:
        return ""
    text = _LABELS.get((describe, code))
    if text is None:
        text = _LABELS[(describe, code)] = describe(code)
    return text


def forget_labels() -> None:
    _LABELS.clear()


def place_text(place: str | None, province: str) -> str:
    """The place of work; for work outside Guangxi the province says it all."""
    return province if province else code_label(place)


def money_text(fen: int | None) -> str:
    return "" if fen is None else format_yuan(fen)


# -- the page ------------------------------------------------------------------------------


def _survey(row: LabourRow, attribute: str) -> Any:
    return getattr(row.survey, attribute) if row.survey is not None else None


COLUMNS = [
    Column(N_("Name"), lambda r: r.name),
    Column(N_("ID number"), lambda r: mask_id(r.id_number)),
    Column(N_("Age"), lambda r: r.age, align_right=True),
    Column(N_("Employment"), lambda r: code_label(_survey(r, "employment_status"))),
    Column(N_("Found through"), lambda r: code_label(_survey(r, "job_channel"))),
    Column(
        N_("Place of work"),
        lambda r: place_text(_survey(r, "work_place"), _survey(r, "work_province") or ""),
    ),
    Column(N_("Employer"), lambda r: _survey(r, "employer_name")),
    Column(
        N_("Monthly income"),
        lambda r: money_text(_survey(r, "monthly_income_fen")),
        align_right=True,
    ),
    Column(N_("Surveyed"), lambda r: r.surveyed_on.isoformat() if r.surveyed_on else ""),
]


EMPLOYER_COLUMN = 6


class LabourPage(Page):
    title = N_("Labour")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.form: QDialog | None = None
        self.status_label = QLabel()
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status_label.setBuddy(self.status)
        self.not_this_year = QCheckBox()
        self.not_this_year.setObjectName("notSurveyedThisYear")
        self.query = QLineEdit()
        self.query.setObjectName("labourQuery")
        self.query.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setObjectName("labourCount")
        filters = QHBoxLayout()
        filters.addWidget(self.status_label)
        filters.addWidget(self.status)
        filters.addWidget(self.not_this_year)
        filters.addWidget(self.query, 1)
        filters.addWidget(self.count)
        self.layout_.addLayout(filters)

        self.model = RowsModel(COLUMNS, self)
        self.table = make_table(self.model)
        self.table.setObjectName("labourTable")
        fit_table(self.table, EMPLOYER_COLUMN)
        self.table.setTabKeyNavigation(False)
        # Double-click or Enter on a row (Qt's "activated") opens the person.
        self.table.activated.connect(lambda index: self.open_person(self.model.row_at(index)))
        self.layout_.addWidget(self.table, 1)

        self.survey_button = make_button("", "surveyButton", self.survey_selected)
        self.refer_button = make_button("", "referButton", self.refer_selected)
        self.open_button = make_button("", "openPersonButton", self.open_selected)
        buttons = QHBoxLayout()
        for button in (self.survey_button, self.refer_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)

        # Typing in the search box waits for a pause, so 20,000 persons never slow the keys.
        self.query_timer = QTimer(self)
        self.query_timer.setSingleShot(True)
        self.query_timer.setInterval(250)
        self.query_timer.timeout.connect(self.refresh)
        self.query.textEdited.connect(lambda _t: self.query_timer.start())
        self.query.returnPressed.connect(self.refresh)
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.not_this_year.toggled.connect(lambda _b: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.update_buttons())
        self.setTabOrder(self.status, self.not_this_year)
        self.setTabOrder(self.not_this_year, self.query)
        self.setTabOrder(self.query, self.table)
        self.setTabOrder(self.table, self.survey_button)
        self.retranslate()
        self.update_buttons()

    def retranslate(self) -> None:
        super().retranslate()
        forget_labels()
        self.status_label.setText(_("&Employment:"))
        current = self.status.currentData()
        self.status.blockSignals(True)
        self.status.clear()
        self.status.addItem(_("All"), None)
        for status in EmploymentStatus:
            self.status.addItem(code_text(status.value), status.value)
        self.status.addItem(_("Never surveyed"), NOT_SURVEYED)
        index = self.status.findData(current)
        self.status.setCurrentIndex(max(index, 0))
        self.status.blockSignals(False)
        self.not_this_year.setText(_("&Not surveyed this year"))
        self.query.setPlaceholderText(_("Name, pinyin initials or ID number"))
        self.survey_button.setText(_("&Survey"))
        self.refer_button.setText(_("&Refer to a vacancy"))
        self.open_button.setText(_("Open &person"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    # -- data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.query_timer.stop()
        chosen = self.selected()
        with self.ctx.db.read() as s:
            rows = labour_force(
                session=s,
                on=self.ctx.today(),
                employment_status=self.status.currentData(),
                not_surveyed_this_year=self.not_this_year.isChecked(),
                query=self.query.text(),
            )
        self.model.set_rows(rows)
        self.count.setText(_("{n} persons").format(n=len(rows)))
        if chosen is not None:
            select_where(self.table, self.model, lambda r: r.person_id == chosen.person_id)
        self.update_buttons()

    def selected(self) -> LabourRow | None:
        row: LabourRow | None = selected_row(self.table, self.model)
        return row

    def update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.survey_button, self.refer_button, self.open_button):
            button.setEnabled(chosen)

    # -- actions ---------------------------------------------------------------------------
    def open_person(self, row: LabourRow | None) -> None:
        if row is not None:
            self.ctx.events.person_opened.emit(row.person_id)

    def open_selected(self) -> None:
        self.open_person(self.selected())

    def survey_selected(self) -> QDialog | None:
        row = self.selected()
        if row is None:
            return None
        return open_form(self, LabourSurveyDialog(self.ctx, row.person_id, self))

    def refer_selected(self) -> QDialog | None:
        row = self.selected()
        if row is None:
            return None
        return open_form(self, ReferralDialog(self.ctx, row.person_id, self))
