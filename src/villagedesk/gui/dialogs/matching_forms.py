"""The county's data-matching results at the counter: see them, confirm or dispute them.

``NoticesPanel`` is the table with its buttons; the 数据比对 page shows it for every person,
the ``confirm_match`` action (the home screen's work-list) for one person in a dialog. The
rules live in ``services.matching``; the panel only calls it and shows what it answers.
"""

from __future__ import annotations

from datetime import datetime

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.idnumber import mask_id
from villagedesk.gui.actions import Action, register
from villagedesk.gui.context import AppContext
from villagedesk.gui.dialogs.labour_forms import fit_table
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.labels import error_text
from villagedesk.gui.qt import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from villagedesk.gui.widgets.table import Column, RowsModel, make_table
from villagedesk.services import matching
from villagedesk.services.matching import NoticeView

SOURCE_TEXT = {
    "public_security": N_("Public security"),
    "civil_affairs": N_("Civil affairs"),
    "poverty_office": N_("Poverty alleviation office"),
    "disabled_federation": N_("Disabled persons' federation"),
}
STATUS_TEXT = {
    matching.NOTICE_PENDING: N_("Waiting"),
    matching.NOTICE_CONFIRMED: N_("Confirmed"),
    matching.NOTICE_DISPUTED: N_("Disputed"),
}
# (status the list shows, its label): None shows every notice
FILTERS: list[tuple[str | None, str]] = [
    (matching.NOTICE_PENDING, N_("Waiting for an answer")),
    (matching.NOTICE_DISPUTED, N_("Disputed")),
    (matching.NOTICE_CONFIRMED, N_("Confirmed")),
    (None, N_("All")),
]
FIELD_LABELS = {
    "reason": N_("Reason for the dispute"),
    "notice_id": N_("Result"),
    "notice_ids": N_("Result"),
}


def _code(text: dict[str, str], code: str) -> str:
    found = text.get(code)
    return _(found) if found is not None else code


COLUMNS = [
    Column(N_("Name"), lambda n: n.name),
    Column(N_("ID number"), lambda n: mask_id(n.id_number)),
    Column(N_("Source"), lambda n: _code(SOURCE_TEXT, n.source)),
    Column(N_("Change made by the county"), lambda n: n.description),
    Column(N_("Published"), lambda n: f"{n.published_at:%Y-%m-%d}"),
    Column(N_("Answer"), lambda n: _code(STATUS_TEXT, n.status)),
    Column(N_("Reason"), lambda n: n.reason),
]


class NoticesPanel(QWidget):
    """Notices (of one person, or all) with Confirm / Dispute; emits nothing itself: callers
    look at ``answered`` and the application's ``data_changed`` event."""

    def __init__(
        self, ctx: AppContext, person_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.answered = 0
        self.hint = QLabel()
        self.hint.setObjectName("noticeHint")
        self.hint.setWordWrap(True)
        self.filter = QComboBox()
        self.filter.setObjectName("noticeFilter")
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.filter_label = QLabel()
        self.model = RowsModel(COLUMNS, self)
        self.table = make_table(self.model)
        self.table.setObjectName("noticeTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(True)
        fit_table(self.table, 3)  # the county's text takes the width left
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirmNotices")
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.reason = QLineEdit()
        self.reason.setObjectName("disputeReason")
        self.reason.setMaxLength(matching.MAX_REASON)
        self.dispute_button = QPushButton()
        self.dispute_button.setObjectName("disputeNotices")
        self.dispute_button.clicked.connect(self.dispute_selected)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openNoticePerson")
        self.open_button.clicked.connect(self._open_person)
        self.message = QLabel()
        self.message.setObjectName("noticeMessage")
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.filter_label)
        top.addWidget(self.filter)
        top.addStretch(1)
        dispute = QHBoxLayout()
        self.reason_label = QLabel()
        dispute.addWidget(self.reason_label)
        dispute.addWidget(self.reason, 1)
        dispute.addWidget(self.dispute_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        if person_id is None:
            buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(dispute)
        layout.addWidget(self.message)
        self.retranslate()

    def retranslate(self) -> None:
        self.hint.setText(
            _(
                "These results come from the county's data matching with the lists of other "
                "departments; the county has already changed the records. Confirm each one, "
                "or dispute it with a reason if you know it is wrong (for example, the person "
                "is alive). Your answers reach the county at the next sync."
            )
        )
        self.filter_label.setText(_("Show:"))
        index = max(self.filter.currentIndex(), 0)
        self.filter.blockSignals(True)
        self.filter.clear()
        for _status, label in FILTERS:
            self.filter.addItem(_(label))
        self.filter.setCurrentIndex(index)
        self.filter.blockSignals(False)
        self.confirm_button.setText(_("Confirm selected"))
        self.reason_label.setText(_("Reason for the dispute:"))
        self.reason.setPlaceholderText(_("Why the county's result is wrong (needed to dispute)"))
        self.dispute_button.setText(_("Dispute selected"))
        self.open_button.setText(_("Open person"))
        self.model.set_rows(self.model.rows)  # column titles and labels in the new language

    def status_shown(self) -> str | None:
        return FILTERS[max(self.filter.currentIndex(), 0)][0]

    def refresh(self) -> None:
        with self.ctx.db.read() as s:
            rows = matching.list_notices(
                session=s, status=self.status_shown(), person_id=self.person_id
            )
        self.model.set_rows(rows)
        self.table.resizeRowsToContents()
        if rows:
            self.table.selectRow(0)

    def selected(self) -> list[NoticeView]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows if r < len(self.model.rows)]

    def _nothing_chosen(self) -> bool:
        if self.selected():
            return False
        self.message.setText(_("Choose one or more results in the list first."))
        return True

    def _show_error(self, exc: ValidationError) -> None:
        self.message.setText(
            "\n".join(
                error_text(e, _(FIELD_LABELS[e.field]) if e.field in FIELD_LABELS else e.field)
                for e in exc.errors
            )
        )

    def confirm_selected(self) -> None:
        if self._nothing_chosen():
            return
        chosen = self.selected()
        try:
            with self.ctx.db.write(actor=self.ctx.user.username) as s:
                changed = matching.confirm_notices(
                    session=s,
                    actor=self.ctx.user,
                    now=datetime.now(),
                    notice_ids=[n.id for n in chosen],
                )
        except ValidationError as exc:
            self._show_error(exc)
            return
        self.answered += changed
        self.message.setText(_("{n} result(s) confirmed.").format(n=len(chosen)))
        self.refresh()
        self.ctx.events.data_changed.emit()

    def dispute_selected(self) -> None:
        if self._nothing_chosen():
            return
        chosen = self.selected()
        try:
            with self.ctx.db.write(actor=self.ctx.user.username) as s:
                for notice in chosen:
                    matching.dispute_notice(
                        session=s,
                        actor=self.ctx.user,
                        now=datetime.now(),
                        notice_id=notice.id,
                        reason=self.reason.text(),
                    )
        except ValidationError as exc:
            self._show_error(exc)
            self.reason.setFocus()
            return
        self.answered += len(chosen)
        self.reason.clear()
        self.message.setText(_("{n} result(s) disputed.").format(n=len(chosen)))
        self.refresh()
        self.ctx.events.data_changed.emit()

    def _open_person(self) -> None:
        chosen = self.selected()
        if chosen:
            self.ctx.events.person_opened.emit(chosen[0].person_id)


class MatchNoticesDialog(QDialog):
    """One person's waiting results (from the home screen's work-list)."""

    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("County data matching"))
        self.resize(1000, 480)
        self.panel = NoticesPanel(ctx, person_id=person_id, parent=self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(close)
        self.panel.refresh()


def _confirm_match(ctx: AppContext, parent: QWidget | None, person_id: str) -> bool:
    dialog = MatchNoticesDialog(ctx, person_id, parent)
    dialog.exec()
    return dialog.panel.answered > 0


register(Action("confirm_match", N_("Confirm or dispute…"), _confirm_match))
