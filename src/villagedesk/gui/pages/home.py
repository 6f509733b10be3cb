"""今日工作: the day's work-lists with counts; each item opens the right form, filled in."""

from __future__ import annotations

from villagedesk.domain.idnumber import mask_id
from villagedesk.gui.actions import action, run_action
from villagedesk.gui.context import AppContext
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.pages.base import Page
from villagedesk.gui.qt import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)
from villagedesk.gui.tasks import TaskHandle
from villagedesk.gui.widgets.table import Column, RowsModel, make_table
from villagedesk.services.worklists import WorkItem, WorkList, worklists

LIST_TITLES = {
    "match_to_confirm": N_("County data-matching results to confirm"),
    "poor_not_enrolled": N_("Registered poor, not enrolled"),
    "turning_60": N_("Turning 60 within 3 months"),
    "eligible_not_receiving": N_("Eligible for the pension, not receiving it"),
    "certification_due": N_("Survival certification due within 30 days"),
    "certification_overdue": N_("Survival certification overdue"),
    "contribution_unpaid": N_("This year's contribution not paid"),
    "paid_premium_due": N_("Government-paid premium due this year"),
    "labour_not_updated": N_("Labour record not updated this year"),
    "death_not_stopped": N_("Deaths reported, payment not stopped"),
}


def list_title(wl: WorkList) -> str:
    return _(LIST_TITLES.get(wl.code, wl.title_en))


class HomePage(Page):
    title = N_("Today's work")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.lists: list[WorkList] = []
        self.list_view = QListWidget()
        self.list_view.setObjectName("worklists")
        self.list_view.currentRowChanged.connect(self._show_list)
        self.model = RowsModel(
            [
                Column(N_("Name"), lambda i: i.name),
                Column(N_("ID number"), lambda i: mask_id(i.id_number)),
                Column(N_("Due"), lambda i: i.due.isoformat() if i.due else ""),
            ]
        )
        self.items = make_table(self.model)
        self.items.setObjectName("workItems")
        self.items.activated.connect(lambda idx: self.do_item(self.model.row_at(idx)))
        self.do_button = QPushButton()
        self.do_button.setObjectName("doItem")
        self.do_button.clicked.connect(self._do_selected)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openItemPerson")
        self.open_button.clicked.connect(self._open_selected)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printWorklist")
        self.print_button.clicked.connect(self.print_list)
        self.summary = QLabel()
        self.summary.setObjectName("worklistSummary")
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.items, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.do_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        rl.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list_view)
        splitter.addWidget(right)
        splitter.setSizes([420, 760])
        self.layout_.addWidget(self.summary)
        self.layout_.addWidget(splitter, 1)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.open_button.setText(_("Open person"))
        self.print_button.setText(_("Print home-visit list…"))
        self._fill_lists()

    def refresh(self) -> None:
        """Compute the work-lists in the background; the window stays responsive."""
        on = self.ctx.today()
        self.summary.setText(_("Preparing today's work-lists…"))

        def job(_handle: TaskHandle) -> list[WorkList]:
            with self.ctx.db.read() as s:
                return worklists(session=s, on=on)

        self.ctx.tasks.start(job, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, lists: list[WorkList]) -> None:
        self.lists = lists
        self._fill_lists()

    def _failed(self, exc: Exception) -> None:
        self.summary.setText(_("The work-lists could not be prepared: {error}").format(error=exc))

    def _fill_lists(self) -> None:
        row = self.list_view.currentRow()
        if row < 0:  # first time: open the first list that has work in it
            row = next((i for i, wl in enumerate(self.lists) if wl.count), 0)
        self.list_view.blockSignals(True)
        self.list_view.clear()
        for wl in self.lists:
            item = QListWidgetItem(f"{list_title(wl)}  ({wl.count})")
            self.list_view.addItem(item)
        self.list_view.blockSignals(False)
        total = sum(wl.count for wl in self.lists)
        self.summary.setText(
            _("{date}: {n} items to do").format(date=self.ctx.today().isoformat(), n=total)
        )
        if self.lists:
            self.list_view.setCurrentRow(min(row, len(self.lists) - 1))
            self._show_list(self.list_view.currentRow())

    def _show_list(self, row: int) -> None:
        if not 0 <= row < len(self.lists):
            self.model.set_rows([])
            return
        wl = self.lists[row]
        self.model.set_rows(wl.items)
        first = wl.items[0] if wl.items else None
        act = action(first.action) if first else None
        self.do_button.setText(_(act.label) if act else _("Do"))
        self.do_button.setEnabled(act is not None)

    def selected_item(self) -> WorkItem | None:
        index = self.items.currentIndex()
        if index.isValid():
            item: WorkItem = self.model.row_at(index)
            return item
        return self.model.rows[0] if self.model.rows else None

    def do_item(self, item: WorkItem | None) -> None:
        """Open the form that handles the item, already on that person."""
        if item is None:
            return
        if action(item.action) is None:
            self.ctx.events.person_opened.emit(item.person_id)
            return
        if run_action(self.ctx, self, item.action, item.person_id):
            self.refresh()

    def _do_selected(self) -> None:
        self.do_item(self.selected_item())

    def _open_selected(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.ctx.events.person_opened.emit(item.person_id)

    def print_list(self) -> None:
        """The home-visit list of the work-list shown (of all visit lists if none is)."""
        from villagedesk.documents.home_visits import MATTERS
        from villagedesk.gui.printing import print_worklist

        row = self.list_view.currentRow()
        shown = self.lists[row].code if 0 <= row < len(self.lists) else ""
        codes = [shown] if shown in MATTERS else []  # office work (data matching): every visit
        print_worklist(self.ctx, self, self.ctx.today(), codes)
