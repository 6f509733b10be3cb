"""Backups on the settings page: a supervisor restores one; the sync page then shows the pause
until a supervisor confirms; a clerk can do neither."""

from __future__ import annotations

from typing import Any

from villagedesk.gui.pages.settings import SettingsPage
from villagedesk.gui.pages.sync import SyncPage
from villagedesk.gui.qt import Qt
from villagedesk.services.backups import list_backups, make_backup, sync_pause


def _select_first(page: SettingsPage) -> None:
    page.backup_view.setCurrentIndex(page.backup_model.index(0, 0))


def test_a_supervisor_restores_a_backup_and_sync_waits_for_confirmation(
    ctx: Any, qtbot: Any, auto_answer: Any
):
    settings = SettingsPage(ctx)
    qtbot.addWidget(settings)
    qtbot.mouseClick(settings.backup_button, Qt.MouseButton.LeftButton)
    assert "checked" in auto_answer.asked[-1]
    settings.refresh()
    assert settings.backup_model.rowCount() == 1
    _select_first(settings)
    qtbot.mouseClick(settings.restore_button, Qt.MouseButton.LeftButton)
    assert "Restore the backup" in auto_answer.asked[-1]
    assert "Sync is paused" in settings.backup_message.text()
    kinds = sorted(b.kind for b in list_backups(db=ctx.db))
    assert kinds == ["manual", "pre-restore"]

    sync = SyncPage(ctx)
    qtbot.addWidget(sync)
    sync.refresh()
    assert not sync.pause_box.isHidden()
    assert "restored from a backup" in sync.pause_text.text()
    assert sync.sync_now() is False
    assert "paused" in sync.message.text()
    assert sync.resume_button.isEnabled()
    qtbot.mouseClick(sync.resume_button, Qt.MouseButton.LeftButton)
    assert sync.pause_box.isHidden()
    with ctx.db.read() as s:
        assert sync_pause(session=s) is None


def test_a_clerk_cannot_restore(clerk_ctx: Any, qtbot: Any):
    make_backup(db=clerk_ctx.db)
    settings = SettingsPage(clerk_ctx)
    qtbot.addWidget(settings)
    settings.refresh()
    assert not settings.restore_button.isEnabled()
    _select_first(settings)
    settings.restore_selected()  # even when reached another way
    assert settings.backup_message.text() == "Only a supervisor may do this."
    with clerk_ctx.db.read() as s:
        assert sync_pause(session=s) is None


def test_the_person_list_shows_masked_id_numbers(ctx: Any, qtbot: Any, today: Any):
    from datetime import date

    from helpers import make_id
    from villagedesk.domain.idnumber import mask_id
    from villagedesk.gui.pages.persons import PersonsPage
    from villagedesk.services.persons import register_person

    number = make_id(date(1970, 1, 1), 3)
    with ctx.db.write() as s:
        register_person(session=s, actor=ctx.user, today=today, id_number=number, name="黄一")
    page = PersonsPage(ctx)
    qtbot.addWidget(page)
    page.search_for("黄")
    assert page.model.rowCount() == 1
    shown = [str(page.model.data(page.model.index(0, c))) for c in range(page.model.columnCount())]
    assert mask_id(number) in shown and "*" in mask_id(number)
    assert number not in " ".join(shown)
