"""Start-up and the whole-window flows: first-run setup, login and lock-out, idle lock,
language switch, reports exported, work-list item opens its form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from gui_support import type_text
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from helpers import make_id
from villagedesk.domain.categories import Role, StatusKind
from villagedesk.gui.dialogs.login import LoginDialog
from villagedesk.gui.dialogs.setup import SetupWizard
from villagedesk.gui.i18n import install_language
from villagedesk.gui.main_window import MainWindow
from villagedesk.gui.qt import Qt, QWizard
from villagedesk.services.clerks import create_clerk
from villagedesk.services.persons import add_status, register_person
from villagedesk.store.models import Clerk, Station


def test_first_run_setup_creates_the_station_and_its_supervisor(app, tmp_path: Path, qtbot):
    path = tmp_path / "new" / "station.db"
    wizard = SetupWizard(path)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.station_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.keyClicks(page.code, "4504221162")
    assert "10 of 12" in page.place.text()
    assert not page.isComplete()
    qtbot.keyClicks(page.code, "01")
    assert "梧州市" in page.place.text() and "藤县" in page.place.text()
    type_text(qtbot, page.name, "大黎村服务站")
    assert page.isComplete()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.server_page.url, "ftp://nope")
    assert not wizard.server_page.isComplete()
    wizard.server_page.url.clear()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    sup = wizard.supervisor_page
    qtbot.keyClicks(sup.username, "li")
    type_text(qtbot, sup.display, "李主管")
    qtbot.keyClicks(sup.password, "short")
    assert "at least 8" in sup.hint.text() and not sup.isComplete()
    sup.password.clear()
    qtbot.keyClicks(sup.password, "counter-2026")
    qtbot.keyClicks(sup.repeat, "counter-2026")
    assert sup.isComplete()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.db is not None
    with wizard.db.read() as s:
        assert s.scalar(select(Station.name)) == "大黎村服务站"
        clerk = s.scalar(select(Clerk))
        assert (clerk.username, clerk.role) == ("li", "supervisor")


def _with_clerk(db, now, password="clerk-pass-1"):
    with db.write() as s:
        create_clerk(
            session=s,
            actor=None,
            username="li",
            display_name="李主管",
            role=Role.SUPERVISOR,
            password=password,
            now=now,
        )


def test_login_and_lock_out_after_five_wrong_passwords(ctx, qtbot: QtBot, now):
    _with_clerk(ctx.db, now)
    ctx.actor = None
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "li")
    for _ in range(4):
        qtbot.keyClicks(dialog.password, "wrong-one")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        assert "Wrong username or password" in dialog.message.text()
        assert dialog.password.text() == ""  # cleared for the next try
    qtbot.keyClicks(dialog.password, "wrong-one")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert "Locked until" in dialog.message.text()
    qtbot.keyClicks(dialog.password, "clerk-pass-1")  # right, but the account is locked
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor is None and "Locked until" in dialog.message.text()


def test_login_with_the_right_password_opens(ctx, qtbot: QtBot, now):
    _with_clerk(ctx.db, now)
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "li")
    qtbot.keyClicks(dialog.password, "clerk-pass-1")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.username == "li"


def test_idle_lock_hides_the_data_until_the_password_is_given(ctx, qtbot, now, monkeypatch):
    _with_clerk(ctx.db, now)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    seen = {}

    def fake_exec(dialog):
        seen["hidden"] = not window.centralWidget().isVisible()
        seen["user"] = dialog.username.text()
        seen["readonly"] = dialog.username.isReadOnly()
        return 1

    monkeypatch.setattr(LoginDialog, "exec", fake_exec)
    window.set_idle_minutes(1)
    window.idle_timer.timeout.emit()
    assert seen == {"hidden": True, "user": "li", "readonly": True}
    assert window.centralWidget().isVisible()


def test_switching_language_changes_the_whole_window(ctx, qtbot: QtBot):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.nav.item(0).text() == "Today's work"
    settings = window.show_page("settings")
    settings.language.setCurrentIndex(settings.language.findData("en"))
    settings.language.setCurrentIndex(settings.language.findData("zh_CN"))
    assert window.nav.item(0).text() == "今日工作"
    assert window.nav.item(1).text() == "人员"
    settings.language.setCurrentIndex(settings.language.findData("en"))
    assert window.nav.item(0).text() == "Today's work"


def test_report_page_shows_rates_and_exports_xlsx(ctx, qtbot: QtBot, today, tmp_path: Path):
    with ctx.db.write() as s:
        p = register_person(
            session=s,
            actor=ctx.user,
            today=today,
            id_number=make_id(date(1980, 1, 1), 1),
            name="黄贫",
        )
        add_status(
            session=s,
            actor=ctx.user,
            today=today,
            person_id=p.id,
            kind=StatusKind.REGISTERED_POOR,
            start_date=date(2016, 1, 1),
        )
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    page = window.show_page("reports")
    # one registered-poor adult, not enrolled: participation 0 of 1
    assert "0.00% (0/1)".replace(" ", "  ") in page.rates.text()
    # the tables speak the GUI's language only (the spreadsheet keeps both)
    first = page.tabs.widget(0)
    assert first.horizontalHeaderItem(0).text() == "item"
    assert first.item(0, 0).text() == "report date"
    assert page.tabs.tabText(0) == "Report"
    install_language("zh_CN")
    try:
        page.refresh()
        first = page.tabs.widget(0)
        assert first.horizontalHeaderItem(0).text() == "项目"
        assert first.item(0, 0).text() == "报表日期"
        assert page.tabs.tabText(0) == "报表信息"
    finally:
        install_language("en")
    out = tmp_path / "report.xlsx"
    page.export_to(out)
    assert out.exists() and "Saved" in page.status.text()
    book = openpyxl.load_workbook(out)
    assert len(book.sheetnames) >= 3


def test_a_worklist_item_opens_its_form_on_that_person(ctx, qtbot: QtBot, today, monkeypatch):
    with ctx.db.write() as s:
        p = register_person(
            session=s,
            actor=ctx.user,
            today=today,
            id_number=make_id(date(1985, 1, 1), 1),
            name="韦待参",
        )
        add_status(
            session=s,
            actor=ctx.user,
            today=today,
            person_id=p.id,
            kind=StatusKind.REGISTERED_POOR,
            start_date=date(2016, 1, 1),
        )
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    home = window.pages["home"]
    home.refresh()
    codes = [wl.code for wl in home.lists]
    home.list_view.setCurrentRow(codes.index("poor_not_enrolled"))
    assert [i.name for i in home.model.rows] == ["韦待参"]
    opened = []
    import villagedesk.gui.pages.home as home_module

    monkeypatch.setattr(
        home_module,
        "run_action",
        lambda ctx_, parent, code, pid: opened.append((code, pid)) or False,
    )
    monkeypatch.setattr(home_module, "action", lambda code: object())
    home.do_item(home.model.rows[0])
    assert opened == [("enrol", p.id)]


def test_window_fits_a_1366x768_laptop(ctx, qtbot: QtBot):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768


def test_the_policy_tab_reads_in_words_and_yuan(ctx, qtbot: QtBot):
    install_language("zh_CN")
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        page = window.show_page("settings")
        page.refresh()
        model = page.policy_model
        texts = [
            [model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]
    finally:
        install_language("en")
    grade_100 = next(t for t in texts if t[0] == "缴费档次" and t[1] == "100 元")
    assert grade_100[4] == "档次 100.00 元；政府补贴 30.00 元"
    assert any(t[0] == "最低工资标准" and "1,680.00 元" in t[4] for t in texts)
    assert all("_fen" not in t[4] and "=" not in t[4] for t in texts)  # no raw codes
    assert {t[5] for t in texts} <= {"国家规定", "县级已确认", "默认值，待确认", "来自政策文件"}
