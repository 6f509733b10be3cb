"""Forms about the person: register one person, a whole household, edit, add a status."""

from __future__ import annotations

from typing import Any

from villagedesk.domain.categories import StatusKind
from villagedesk.gui.actions import Action, register
from villagedesk.gui.context import AppContext
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.labels import code_text
from villagedesk.gui.qt import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from villagedesk.gui.widgets.fields import DateField, IdNumberField
from villagedesk.gui.widgets.forms import FormDialog
from villagedesk.services.context import get_live
from villagedesk.services.persons import (
    HEAD,
    MemberInput,
    add_status,
    edit_person,
    register_household,
    register_person,
)
from villagedesk.services.search import find_by_id_number
from villagedesk.store.models import Person

RELATIONS = [HEAD, "配偶", "子", "女", "父亲", "母亲", "孙子", "孙女", "儿媳", "女婿", "其他"]


class RegisterPersonDialog(FormDialog):
    """One person. An ID number already registered here offers to open that person."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Register a person"), parent)
        self.id_field = IdNumberField(ctx.today)
        self.add_field("id_number", _("ID number"), self.id_field, required=True)
        self.name = self.add_field("name", _("Name"), QLineEdit(), required=True)
        self.phone = self.add_field("phone", _("Phone"), QLineEdit())
        self.address = self.add_field("address", _("Address"), QLineEdit())
        self.hukou = self.add_field(
            "guangxi_hukou", _("Guangxi household registration"), QCheckBox()
        )
        self.hukou.setChecked(True)  # type: ignore[attr-defined]
        self.open_existing: str | None = None
        self.existing_button = QPushButton(_("Open the registered person"))
        self.existing_button.setObjectName("openExisting")
        self.existing_button.setVisible(False)
        self.existing_button.clicked.connect(self._open_existing)
        self.layout().insertWidget(1, self.existing_button)
        self.id_field.changed.connect(self._check_existing)
        self.dirty = False
        self.revalidate()

    def _check_existing(self) -> None:
        result = self.id_field.result
        self.open_existing = None
        if result is not None and result.valid and result.normalized:
            with self.ctx.db.read() as s:
                found = find_by_id_number(session=s, id_number=result.normalized)
            if found is not None:
                self.open_existing = found.id
        self.existing_button.setVisible(self.open_existing is not None)
        self.revalidate()

    def _open_existing(self) -> None:
        if self.open_existing:
            person_id = self.open_existing
            self.dirty = False
            self.reject()
            self.ctx.events.person_opened.emit(person_id)

    def problems(self) -> list[str]:
        out = []
        problem = self.id_field.problem()
        if problem:
            out.append(f"{_('ID number')}: {problem}")
        elif self.open_existing:
            out.append(f"{_('ID number')}: {_('is already registered')}")
        out += [p for p in super().problems() if not p.startswith(_("ID number"))]
        return out

    def submit(self) -> Person:
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            return register_person(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                id_number=self.id_field.text(),
                name=self.name.text(),  # type: ignore[attr-defined]
                phone=self.phone.text(),  # type: ignore[attr-defined]
                address=self.address.text(),  # type: ignore[attr-defined]
                guangxi_hukou=self.hukou.isChecked(),  # type: ignore[attr-defined]
            )


class HouseholdDialog(FormDialog):
    """A whole household in one flow: address, then one row per member."""

    COLUMNS = (N_("ID number"), N_("Name"), N_("Relation"), N_("Phone"))

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Register a household"), parent)
        self.address = self.add_field("address", _("Address"), QLineEdit(), required=True)
        self.phone = self.add_field("phone", _("Phone"), QLineEdit())
        self.members = QTableWidget(1, len(self.COLUMNS))
        self.members.setObjectName("members")
        self.members.setHorizontalHeaderLabels([_(c) for c in self.COLUMNS])
        self.members.setMinimumWidth(640)
        self.members.itemChanged.connect(lambda _i: self._changed())
        self.form.addRow(_("Members"), self.members)
        add = QPushButton(_("Add member"))
        add.setObjectName("addMember")
        add.clicked.connect(self.add_member_row)
        self.form.addRow("", add)
        self._set_relation(0, HEAD)
        self.dirty = False
        self.revalidate()

    def _set_relation(self, row: int, relation: str) -> None:
        combo = QComboBox()
        combo.addItems(RELATIONS)
        combo.setCurrentText(relation)
        combo.currentIndexChanged.connect(lambda _i: self._changed())
        self.members.setCellWidget(row, 2, combo)

    def add_member_row(self) -> int:
        row = self.members.rowCount()
        self.members.insertRow(row)
        self._set_relation(row, "子")
        return row

    def set_member(
        self, row: int, id_number: str, name: str, relation: str, phone: str = ""
    ) -> None:
        while self.members.rowCount() <= row:
            self.add_member_row()
        self.members.setItem(row, 0, QTableWidgetItem(id_number))
        self.members.setItem(row, 1, QTableWidgetItem(name))
        combo = self.members.cellWidget(row, 2)
        if isinstance(combo, QComboBox):
            combo.setCurrentText(relation)
        self.members.setItem(row, 3, QTableWidgetItem(phone))

    def _cell(self, row: int, col: int) -> str:
        item = self.members.item(row, col)
        return item.text().strip() if item is not None else ""

    def member_inputs(self) -> list[MemberInput]:
        out = []
        for row in range(self.members.rowCount()):
            number, name = self._cell(row, 0), self._cell(row, 1)
            if not number and not name:
                continue
            combo = self.members.cellWidget(row, 2)
            relation = combo.currentText() if isinstance(combo, QComboBox) else ""
            out.append(MemberInput(number, name, relation, self._cell(row, 3)))
        return out

    def problems(self) -> list[str]:
        out = super().problems()
        members = self.member_inputs()
        if not members:
            out.append(_("Add at least one member."))
        elif sum(1 for m in members if m.relation == HEAD) != 1:
            out.append(
                _("Exactly one member must be the head of household ({head}).").format(head=HEAD)
            )
        return out

    def submit(self) -> Any:
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            return register_household(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                address=self.address.text(),  # type: ignore[attr-defined]
                phone=self.phone.text(),  # type: ignore[attr-defined]
                members=self.member_inputs(),
            )

    def show_errors(self, exc: Any) -> None:
        lines = []
        for err in exc.errors:
            field = err.field
            if field.startswith("members["):
                row = int(field[len("members[") : field.index("]")]) + 1
                what = field.split(".", 1)[1] if "." in field else ""
                label = {"id_number": _("ID number"), "name": _("Name")}.get(what, what)
                from villagedesk.gui.labels import rule_text

                lines.append(
                    _("Member {row}").format(row=row)
                    + f" {label}: "
                    + (rule_text(err.rule) or err.message)
                )
            else:
                from villagedesk.gui.labels import error_text

                lines.append(error_text(err, self.fields.get(field, (field,))[0]))
        self.reason.setText("\n".join(lines))


class EditPersonDialog(FormDialog):
    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Edit person"), parent)
        self.person_id = person_id
        with ctx.db.read() as s:
            p = get_live(s, Person, person_id, field="person_id")
        self.loading(True)
        self.name = self.add_field("name", _("Name"), QLineEdit(p.name), required=True)
        self.phone = self.add_field("phone", _("Phone"), QLineEdit(p.phone))
        self.address = self.add_field("address", _("Address"), QLineEdit(p.address))
        self.relation = self.add_field("relation", _("Relation"), QLineEdit(p.relation))
        self.original = {
            "name": p.name,
            "phone": p.phone,
            "address": p.address,
            "relation": p.relation,
        }
        self.loading(False)

    def changes(self) -> dict[str, str]:
        now = {k: getattr(self, k).text().strip() for k in self.original}
        return {k: v for k, v in now.items() if v != self.original[k]}

    def submit(self) -> Person | None:
        changes = self.changes()
        if not changes:
            return None
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            return edit_person(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                person_id=self.person_id,
                changes=changes,
            )


class StatusDialog(FormDialog):
    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Add a status"), parent)
        self.person_id = person_id
        self.kind = QComboBox()
        for kind in StatusKind:
            self.kind.addItem(code_text(kind.value), kind.value)
        self.add_field("kind", _("Status"), self.kind, required=True)
        self.level = QSpinBox()
        self.level.setRange(0, 4)
        self.level.setSpecialValueText(_("none"))
        self.add_field("level", _("Level / grade"), self.level)
        self.start = self.add_field("start_date", _("From"), DateField(ctx.today()))
        self.dirty = False
        self.revalidate()

    def submit(self) -> Any:
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            return add_status(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                person_id=self.person_id,
                kind=StatusKind(self.kind.currentData()),
                level=self.level.value() or None,
                start_date=self.start.value(),  # type: ignore[attr-defined]
            )


def _edit(ctx: AppContext, parent: QWidget | None, person_id: str) -> bool:
    return bool(EditPersonDialog(ctx, person_id, parent).exec())


def _status(ctx: AppContext, parent: QWidget | None, person_id: str) -> bool:
    return bool(StatusDialog(ctx, person_id, parent).exec())


register(Action("edit", N_("Edit"), _edit))
register(Action("status", N_("Add status"), _status))


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask before anything that cannot be undone by the clerk."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
