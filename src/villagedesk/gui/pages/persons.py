"""人员: search as you type on the left, the person's page on the right."""

from __future__ import annotations

from villagedesk.domain.idnumber import mask_id
from villagedesk.gui.context import AppContext
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.pages.base import Page
from villagedesk.gui.pages.person_view import PersonView
from villagedesk.gui.qt import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)
from villagedesk.gui.widgets.table import Column, RowsModel, make_table
from villagedesk.services.search import PersonHit, find_by_id_number, find_persons

RESULT_LIMIT = 50


class PersonsPage(Page):
    title = N_("Persons")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.query = QLineEdit()
        self.query.setObjectName("personQuery")
        self.query.setClearButtonEnabled(True)
        self.query.textEdited.connect(self.search_for)
        self.query.returnPressed.connect(lambda: self.open_first(self.query.text()))
        self.model = RowsModel(
            [
                Column(N_("Name"), lambda h: h.name + (" †" if h.deceased else "")),
                Column(N_("ID number"), lambda h: mask_id(h.id_number)),
                Column(N_("Born"), lambda h: h.birth_date.isoformat()),
            ]
        )
        self.results = make_table(self.model)
        self.results.setObjectName("personResults")
        self.results.activated.connect(lambda idx: self.open_person(self.model.row_at(idx).id))
        self.results.clicked.connect(lambda idx: self.open_person(self.model.row_at(idx).id))
        self.count = QLabel()
        self.count.setObjectName("resultCount")
        self.register_button = QPushButton()
        self.register_button.setObjectName("registerPerson")
        self.register_button.clicked.connect(self._register)
        self.household_button = QPushButton()
        self.household_button.setObjectName("registerHousehold")
        self.household_button.clicked.connect(self._household)
        self.import_button = QPushButton()
        self.import_button.setObjectName("importRoster")
        self.import_button.clicked.connect(self._import)
        buttons = QHBoxLayout()
        for b in (self.register_button, self.household_button, self.import_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(buttons)
        ll.addWidget(self.query)
        ll.addWidget(self.count)
        ll.addWidget(self.results, 1)
        self.view = PersonView(ctx)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.view)
        splitter.setSizes([420, 900])
        self.layout_.addWidget(splitter, 1)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.query.setPlaceholderText(_("Name, pinyin initials (zs) or ID number"))
        self.register_button.setText(_("Register person…"))
        self.household_button.setText(_("Register household…"))
        self.import_button.setText(_("Import county list…"))
        if hasattr(self, "view"):
            self.view.retranslate()

    def search_for(self, text: str) -> list[PersonHit]:
        if self.query.text() != text:
            self.query.setText(text)
        with self.ctx.db.read() as s:
            hits = find_persons(session=s, query=text, limit=RESULT_LIMIT)
        self.model.set_rows(hits)
        self.count.setText(_("{n} found").format(n=len(hits)) if text.strip() else "")
        return hits

    def open_first(self, text: str) -> None:
        """Enter: a whole ID number (typed or scanned) opens that person; else the first hit."""
        with self.ctx.db.read() as s:
            exact = find_by_id_number(session=s, id_number=text)
        if exact is not None:
            self.open_person(exact.id)
            return
        hits = self.search_for(text)
        if hits:
            self.open_person(hits[0].id)

    def _register(self) -> None:
        from villagedesk.gui.dialogs.person_forms import RegisterPersonDialog

        dialog = RegisterPersonDialog(self.ctx, self)
        if dialog.exec() and dialog.result_value is not None:
            self.open_person(dialog.result_value.id)

    def _household(self) -> None:
        from villagedesk.gui.dialogs.person_forms import HouseholdDialog

        dialog = HouseholdDialog(self.ctx, self)
        if dialog.exec() and dialog.result_value is not None:
            _household, members = dialog.result_value
            if members:
                self.open_person(members[0].id)

    def _import(self) -> None:
        from villagedesk.gui.dialogs.import_roster import ImportRosterDialog

        ImportRosterDialog(self.ctx, self).exec()

    def open_person(self, person_id: str) -> None:
        self.view.show_person(person_id)

    def refresh(self) -> None:
        if self.query.text().strip():
            self.search_for(self.query.text())
        self.view.reload()
