"""培训: trainings taken and training needs, filtered by trade; add a training from here."""

from __future__ import annotations

from villagedesk.domain.idnumber import mask_id
from villagedesk.gui.context import AppContext
from villagedesk.gui.dialogs.labour_forms import (
    TrainingDialog,
    TrainingNeedDialog,
    TrainingOutcomeDialog,
    fit_table,
    line,
    set_completions,
)
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.pages.base import Page
from villagedesk.gui.pages.labour import make_button, money_text, open_form, selected_row
from villagedesk.gui.qt import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from villagedesk.gui.widgets.table import Column, RowsModel, make_table
from villagedesk.services.labour_lists import (
    NeedRow,
    TrainingRow,
    suggestions,
    training_need_rows,
    training_rows,
)


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("yes") if value else _("no")


TRAINING_COLUMNS = [
    Column(N_("Name"), lambda r: r.name),
    Column(N_("ID number"), lambda r: mask_id(r.id_number)),
    Column(N_("Programme"), lambda r: r.record.programme),
    Column(N_("Trade"), lambda r: r.record.trade),
    Column(N_("From"), lambda r: r.record.start_date.isoformat()),
    Column(N_("To"), lambda r: r.record.end_date.isoformat() if r.record.end_date else ""),
    Column(N_("Certificate"), lambda r: r.record.certificate),
    Column(N_("Employed"), lambda r: _yes_no(r.record.employed_after)),
    Column(N_("Wage"), lambda r: money_text(r.record.monthly_wage_fen), align_right=True),
]

NEED_COLUMNS = [
    Column(N_("Name"), lambda r: r.name),
    Column(N_("ID number"), lambda r: mask_id(r.id_number)),
    Column(N_("Trade wanted"), lambda r: r.need.trade),
    Column(N_("Surveyed"), lambda r: r.need.surveyed_on.isoformat()),
    Column(N_("Note"), lambda r: r.need.note),
]


class TrainingPage(Page):
    title = N_("Training")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.form: QDialog | None = None
        self.trade_label = QLabel()
        self.trade = line()
        self.trade.setObjectName("tradeFilter")
        self.trade.setClearButtonEnabled(True)
        self.trade_label.setBuddy(self.trade)
        self.count = QLabel()
        self.count.setObjectName("trainingCount")
        filters = QHBoxLayout()
        filters.addWidget(self.trade_label)
        filters.addWidget(self.trade, 1)
        filters.addWidget(self.count)
        self.layout_.addLayout(filters)

        self.training_model = RowsModel(TRAINING_COLUMNS, self)
        self.trainings = make_table(self.training_model)
        self.trainings.setObjectName("trainingTable")
        self.need_model = RowsModel(NEED_COLUMNS, self)
        self.needs = make_table(self.need_model)
        self.needs.setObjectName("needTable")
        fit_table(self.trainings, 2)  # the programme
        self.trainings_box = QGroupBox()
        self.needs_box = QGroupBox()
        for box, view in ((self.trainings_box, self.trainings), (self.needs_box, self.needs)):
            view.setTabKeyNavigation(False)
            view.activated.connect(lambda _i, v=view: self.open_person(v))
            view.selectionModel().selectionChanged.connect(lambda *_a, v=view: self._selected_in(v))
            QVBoxLayout(box).addWidget(view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.trainings_box)
        splitter.addWidget(self.needs_box)
        splitter.setSizes([320, 220])
        self.layout_.addWidget(splitter, 1)

        self.add_button = make_button("", "addTraining", self.add_training)
        self.outcome_button = make_button("", "trainingOutcome", self.record_outcome)
        self.need_button = make_button("", "addNeed", self.add_need)
        self.open_button = make_button("", "openPersonButton", lambda: self.open_person(None))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.outcome_button, self.need_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)

        self.active: QTableView = self.trainings  # the table the clerk chose a person in
        self.trade_timer = QTimer(self)
        self.trade_timer.setSingleShot(True)
        self.trade_timer.setInterval(250)
        self.trade_timer.timeout.connect(self.refresh)
        self.trade.textChanged.connect(lambda _t: self.trade_timer.start())
        self.trade.returnPressed.connect(self.refresh)
        self.setTabOrder(self.trade, self.trainings)
        self.setTabOrder(self.trainings, self.needs)
        self.setTabOrder(self.needs, self.add_button)
        self.retranslate()
        self.update_buttons()

    def retranslate(self) -> None:
        super().retranslate()
        self.trade_label.setText(_("T&rade:"))
        self.trade.setPlaceholderText(_("part of a trade, e.g. the first character"))
        self.trainings_box.setTitle(_("Trainings"))
        self.needs_box.setTitle(_("Training needs"))
        self.add_button.setText(_("Add &training"))
        self.outcome_button.setText(_("Record &outcome"))
        self.need_button.setText(_("Training &need"))
        self.open_button.setText(_("Open &person"))

    # -- data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.trade_timer.stop()
        trade = self.trade.text()
        chosen_training = self.selected_training()
        chosen_need = selected_row(self.needs, self.need_model)
        with self.ctx.db.read() as s:
            trainings = training_rows(session=s, trade=trade)
            needs = training_need_rows(session=s, trade=trade)
            trades = suggestions(session=s).trades
        self.training_model.set_rows(trainings)
        self.need_model.set_rows(needs)
        set_completions(self.trade, trades)
        self.count.setText(
            _("{trainings} trainings, {needs} needs").format(
                trainings=len(trainings), needs=len(needs)
            )
        )
        self._reselect(self.trainings, self.training_model, chosen_training)
        self._reselect(self.needs, self.need_model, chosen_need)
        self.update_buttons()

    @staticmethod
    def _reselect(view: QTableView, model: RowsModel, chosen: TrainingRow | NeedRow | None) -> None:
        if chosen is None:
            return
        key = chosen.record.id if isinstance(chosen, TrainingRow) else chosen.need.id
        for i, row in enumerate(model.rows):
            if (row.record.id if isinstance(row, TrainingRow) else row.need.id) == key:
                view.selectRow(i)
                return

    def selected_training(self) -> TrainingRow | None:
        row: TrainingRow | None = selected_row(self.trainings, self.training_model)
        return row

    def _selected_in(self, view: QTableView) -> None:
        if view.selectionModel().hasSelection():
            self.active = view
        self.update_buttons()

    def selected_person_id(self) -> str | None:
        """The person of the row chosen last, in either table."""
        for view in (self.active, self.trainings, self.needs):
            model = view.model()
            assert isinstance(model, RowsModel)
            row = selected_row(view, model)
            if isinstance(row, TrainingRow):
                return row.record.person_id
            if isinstance(row, NeedRow):
                return row.need.person_id
        return None

    def update_buttons(self) -> None:
        has_person = self.selected_person_id() is not None
        for button in (self.add_button, self.need_button, self.open_button):
            button.setEnabled(has_person)
        self.outcome_button.setEnabled(self.selected_training() is not None)

    # -- actions ---------------------------------------------------------------------------
    def open_person(self, view: QTableView | None) -> None:
        if view is not None:
            self.active = view
        person_id = self.selected_person_id()
        if person_id is not None:
            self.ctx.events.person_opened.emit(person_id)

    def add_training(self) -> QDialog | None:
        person_id = self.selected_person_id()
        if person_id is None:
            return None
        dialog = TrainingDialog(self.ctx, person_id, self)
        need = selected_row(self.needs, self.need_model)
        if self.active is self.needs and isinstance(need, NeedRow):
            dialog.trade.setText(need.need.trade)  # the trade the person asked for
            dialog.dirty = False
        return open_form(self, dialog)

    def add_need(self) -> QDialog | None:
        person_id = self.selected_person_id()
        if person_id is None:
            return None
        return open_form(self, TrainingNeedDialog(self.ctx, person_id, self))

    def record_outcome(self) -> QDialog | None:
        row = self.selected_training()
        if row is None:
            return None
        return open_form(self, TrainingOutcomeDialog(self.ctx, row.record.id, self))
