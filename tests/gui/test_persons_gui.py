"""The persons page and person forms, driven like a clerk at the keyboard."""

from __future__ import annotations

from datetime import date

from gui_support import type_text
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from helpers import make_id
from villagedesk.gui.dialogs.person_forms import HouseholdDialog, RegisterPersonDialog
from villagedesk.gui.main_window import MainWindow
from villagedesk.gui.qt import Qt
from villagedesk.services.persons import register_person
from villagedesk.store.models import Household, Person


def _count(db, model):
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_an_invalid_id_is_refused_with_its_reason_and_save_stays_disabled(ctx, qtbot: QtBot):
    dialog = RegisterPersonDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.id_field.edit, "360426199101010072")
    type_text(qtbot, dialog.name, "张三")
    assert not dialog.save_button.isEnabled()
    assert "check character" in dialog.id_field.info.text()
    assert "check character" in dialog.reason.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert _count(ctx.db, Person) == 0


def test_typing_a_valid_id_fills_birth_sex_age_and_enter_saves(ctx, qtbot: QtBot):
    dialog = RegisterPersonDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.id_field.edit, "450102199003070024")
    assert "1990-03-07" in dialog.id_field.info.text()
    assert "female" in dialog.id_field.info.text() and "36 years" in dialog.id_field.info.text()
    assert not dialog.save_button.isEnabled()  # the name is still missing
    type_text(qtbot, dialog.name, "韦小红")
    assert dialog.save_button.isEnabled()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    with ctx.db.read() as s:
        assert s.scalar(select(Person.name)) == "韦小红"


def test_an_id_already_registered_offers_to_open_that_person(ctx, qtbot: QtBot, today):
    number = make_id(date(1970, 1, 1), 3)
    with ctx.db.write() as s:
        existing = register_person(
            session=s, actor=ctx.user, today=today, id_number=number, name="黄一"
        )
    opened = []
    ctx.events.person_opened.connect(opened.append)
    dialog = RegisterPersonDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.id_field.edit, number)
    assert dialog.existing_button.isVisibleTo(dialog)
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.existing_button, Qt.MouseButton.LeftButton)
    assert opened == [existing.id]


def test_closing_with_unsaved_typing_asks_first(ctx, qtbot: QtBot, auto_answer):
    from villagedesk.gui.qt import QMessageBox

    dialog = RegisterPersonDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.name, "未保存")
    auto_answer(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # the clerk chose to keep typing
    auto_answer(QMessageBox.StandardButton.Discard)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_register_a_whole_household_in_one_flow(ctx, qtbot: QtBot):
    dialog = HouseholdDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.address, "第5组8号")
    dialog.set_member(0, make_id(date(1968, 4, 4), 1), "覃大", "户主")
    dialog.set_member(1, make_id(date(1970, 5, 5), 2, male=False), "莫二", "配偶")
    dialog.set_member(2, make_id(date(1999, 6, 6), 3), "覃三", "子")
    assert dialog.save_button.isEnabled(), dialog.reason.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert _count(ctx.db, Household) == 1
    assert _count(ctx.db, Person) == 3


def test_household_with_a_bad_member_id_names_the_member_and_writes_nothing(ctx, qtbot):
    dialog = HouseholdDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.address, "第5组9号")
    dialog.set_member(0, make_id(date(1968, 4, 4), 1), "覃大", "户主")
    dialog.set_member(1, "450422197005050025", "莫二", "配偶")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Member 2" in dialog.reason.text()
    assert _count(ctx.db, Person) == 0


def test_search_as_you_type_and_a_scanned_id_opens_the_person(ctx, qtbot: QtBot, today):
    with ctx.db.write() as s:
        for i, name in enumerate(["张三", "张三丰", "李四"]):
            register_person(
                session=s,
                actor=ctx.user,
                today=today,
                id_number=make_id(date(1960 + i, 1, 1), i + 1),
                name=name,
            )
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    qtbot.keyClicks(window.search, "zs")
    page = window.pages["persons"]
    assert window.stack.currentWidget() is page
    assert [h.name for h in page.model.rows] == ["张三", "张三丰"]
    window.search.clear()
    qtbot.keyClicks(window.search, make_id(date(1962, 1, 1), 3))
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert "李四" in page.view.text.toPlainText()
