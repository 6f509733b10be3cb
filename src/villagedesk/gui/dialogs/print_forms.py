"""Print… on a person: choose a document (or one printed before, to reprint it as 补打), then
preview it and print or save it (``gui.printing``).

Importing this module registers the "print" person action and plugs the contribution
receipt into the contribution form (``pension_forms.set_receipt_printer``), so the receipt's
preview opens after a contribution is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from villagedesk.documents.api import PrintedRecord, printed_history
from villagedesk.documents.registry import KINDS, DocumentKind, DocumentRequest
from villagedesk.domain.idnumber import mask_id
from villagedesk.gui.actions import Action, register
from villagedesk.gui.context import AppContext
from villagedesk.gui.dialogs.pension_forms import set_receipt_printer
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.printing import kind_text, open_preview, open_reprint
from villagedesk.gui.qt import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from villagedesk.gui.widgets.table import Column, RowsModel, make_table
from villagedesk.services.context import get_live
from villagedesk.store.models import Contribution, Person

FIRST_YEAR = 1990  # the spin box's lowest year; one below it means "the latest paid"
RECEIPT = "contribution-receipt"


def person_kinds() -> list[DocumentKind]:
    """The kinds printed for one person, in the registry's order."""
    return [k for k in KINDS.values() if k.per_person]


@dataclass(frozen=True)
class Choice:
    """What the clerk chose: a new document, or a reprint of ``reprint`` (补打)."""

    request: DocumentRequest
    reprint: PrintedRecord | None = None


class PrintFormsDialog(QDialog):
    """Two tabs — a new document, or one printed before — and the options the kind needs."""

    NEW, HISTORY = 0, 1

    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printForms")
        self.ctx = ctx
        self.person_id = person_id
        self.choice: Choice | None = None
        with ctx.db.read() as s:
            person = get_live(s, Person, person_id, field="person_id")
            name, number = person.name, person.id_number
        self.setWindowTitle(_("Print for {name}").format(name=name))
        self.setModal(True)
        header = QLabel(f"<b>{name}</b> &nbsp; {mask_id(number)}")
        header.setObjectName("personHeader")

        self.kinds = QListWidget()
        self.kinds.setObjectName("kindList")
        for kind in person_kinds():
            short = kind_text(kind.code)
            # the printed title when it says it all ("岗位推荐函"), else "short · title"
            shown = kind.title if short in kind.title else f"{short}  ·  {kind.title}"
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, kind.code)
            self.kinds.addItem(item)
        self.kinds.setCurrentRow(0)
        self.kinds.currentRowChanged.connect(lambda _r: self.update_options())
        self.kinds.itemActivated.connect(lambda _i: self.preview())

        self.history_rows = printed_history(db=ctx.db, person_id=person_id)
        self.history_model = RowsModel(
            [
                Column(N_("Printed"), lambda r: r.printed_at.strftime("%Y-%m-%d %H:%M")),
                Column(N_("Document"), lambda r: kind_text(r.kind)),
                Column(N_("Serial"), lambda r: r.serial),
                Column(N_("Clerk"), lambda r: r.clerk),
                Column(N_("Reprint"), lambda r: "补打" if r.reprint_of else ""),
            ]
        )
        self.history_model.set_rows(self.history_rows)
        self.history = make_table(self.history_model)
        self.history.setObjectName("historyTable")
        if self.history_rows:
            self.history.selectRow(0)
        self.history.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self.update_options()
        )
        self.history.activated.connect(lambda _i: self.preview())
        history_page = QWidget()
        hl = QVBoxLayout(history_page)
        hl.setContentsMargins(0, 0, 0, 0)
        if not self.history_rows:
            hl.addWidget(QLabel(_("Nothing was printed for this person yet.")))
        hl.addWidget(self.history)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("printTabs")
        self.tabs.addTab(self.kinds, _("&New document"))
        self.tabs.addTab(history_page, _("Printed &before (reprint 补打)"))
        self.tabs.currentChanged.connect(lambda _i: self.update_options())

        # -- options a kind reads (only those of the chosen kind are shown) -----------------
        today = ctx.today()
        self.year = QSpinBox()
        self.year.setObjectName("receiptYear")
        self.year.setRange(FIRST_YEAR - 1, max(today.year, FIRST_YEAR))
        self.year.setSpecialValueText(_("the latest paid"))
        self.year.setValue(FIRST_YEAR - 1)
        self.years = QDoubleSpinBox()
        self.years.setObjectName("contributionYears")
        self.years.setRange(0, 60)
        self.years.setDecimals(1)
        self.years.setSingleStep(0.5)
        self.unused = QSpinBox()
        self.unused.setObjectName("unusedMonths")
        self.unused.setRange(0, 24)
        self.options_box = QGroupBox(_("Options"))
        self.options = QFormLayout(self.options_box)
        self.options.addRow(_("Contribution &year"), self.year)
        self.options.addRow(_("Unemployment-insurance contribution &years"), self.years)
        self.options.addRow(_("&Unused months of an earlier claim"), self.unused)
        self.option_rows: dict[str, QWidget] = {
            "year": self.year,
            "contribution_years": self.years,
            "unused_months": self.unused,
        }

        self.reason = QLabel()
        self.reason.setObjectName("formReason")
        self.reason.setWordWrap(True)
        self.preview_button = QPushButton(_("Pre&view…"))
        self.preview_button.setObjectName("previewButton")
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.preview)
        close = QPushButton(_("&Close"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.options_box)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.resize(720, 520)
        self.update_options()
        self.kinds.setFocus()

    # -- what is chosen ----------------------------------------------------------------------
    def selected_record(self) -> PrintedRecord | None:
        index = self.history.currentIndex()
        if not index.isValid():
            return None
        record: PrintedRecord = self.history_model.row_at(index)
        return record

    def selected_kind(self) -> DocumentKind | None:
        if self.tabs.currentIndex() == self.HISTORY:
            record = self.selected_record()
            return KINDS.get(record.kind) if record is not None else None
        item = self.kinds.currentItem()
        return KINDS.get(str(item.data(Qt.ItemDataRole.UserRole))) if item else None

    def update_options(self) -> None:
        kind = self.selected_kind()
        reprint = self.tabs.currentIndex() == self.HISTORY
        wanted = () if kind is None else (kind.reprint_needs if reprint else kind.options)
        for name, widget in self.option_rows.items():
            self.options.setRowVisible(widget, name in wanted)
        self.options_box.setVisible(any(name in wanted for name in self.option_rows))
        if reprint and kind is not None and kind.code == RECEIPT:
            record = self.selected_record()
            if record is not None and self.year.value() < FIRST_YEAR:
                self.year.setValue(record.printed_at.year)
        self.year.setMinimum(FIRST_YEAR if reprint else FIRST_YEAR - 1)
        problem = ""
        if reprint and kind is None:
            problem = _("Choose a document printed before.")
        self.reason.setText(problem)
        self.preview_button.setEnabled(kind is not None)

    def request_for(self, kind: DocumentKind) -> DocumentRequest:
        year = self.year.value()
        return DocumentRequest(
            kind=kind.code,
            person_id=self.person_id,
            year=year if year >= FIRST_YEAR else None,
            contribution_years=(
                Decimal(str(round(self.years.value(), 1)))
                if "contribution_years" in kind.options
                else None
            ),
            unused_months=self.unused.value() if "unused_months" in kind.options else 0,
        )

    def preview(self) -> None:
        kind = self.selected_kind()
        if kind is None:
            return
        request = self.request_for(kind)
        reprint = self.selected_record() if self.tabs.currentIndex() == self.HISTORY else None
        self.choice = Choice(request=request, reprint=reprint)
        self.accept()

    def original_of(self, record: PrintedRecord) -> PrintedRecord:
        """The first print of a reprinted document (a reprint is rebuilt as of its date)."""
        if record.reprint_of:
            for row in self.history_rows:
                if row.document_id == record.reprint_of:
                    return row
        return record


def open_choice(ctx: AppContext, parent: QWidget | None, dialog: PrintFormsDialog) -> None:
    choice = dialog.choice
    if choice is None:
        return
    if choice.reprint is None:
        open_preview(ctx, parent, choice.request)
        return
    original = dialog.original_of(choice.reprint)
    open_reprint(
        ctx, parent, choice.reprint, choice.request, original_on=original.printed_at.date()
    )


def _print(ctx: AppContext, parent: QWidget | None, person_id: str) -> bool:
    dialog = PrintFormsDialog(ctx, person_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if dialog.exec():
        open_choice(ctx, parent, dialog)
    return False  # nothing is saved until the preview prints (it tells ``data_changed``)


def print_receipt(ctx: AppContext, parent: QWidget | None, contribution_id: str) -> None:
    """The contribution form's hook: the receipt of that contribution's year, previewed."""
    with ctx.db.read() as s:
        contribution = get_live(s, Contribution, contribution_id, field="contribution_id")
        person_id, year = contribution.person_id, contribution.year
    open_preview(ctx, parent, DocumentRequest(kind=RECEIPT, person_id=person_id, year=year))


register(Action("print", N_("Print…"), _print))
set_receipt_printer(print_receipt)
