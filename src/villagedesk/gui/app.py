"""Start-up of the counter: fonts, language, first-run wizard or login, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from villagedesk.gui.context import AppContext
from villagedesk.gui.fonts import apply_font
from villagedesk.gui.i18n import _, install_language
from villagedesk.gui.qt import QApplication, QDialog, QMessageBox
from villagedesk.gui.settings_store import load_preferences
from villagedesk.gui.tasks import Tasks
from villagedesk.store.database import Database

STYLE = """
QLabel#pageHeading { font-size: 150%; font-weight: bold; padding: 4px 0; }
QLabel#heading { font-size: 130%; font-weight: bold; }
QLabel#formReason, QLabel#loginMessage { color: #b00020; }
QLabel#fieldInfo { color: #555; }
QListWidget#navigation { font-size: 115%; }
QListWidget#navigation::item { padding-left: 6px; }
QListWidget#navigation::item:selected { background: #1565c0; color: white; }
QPushButton { padding: 4px 10px; }
"""


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("villagedesk")
    app.setOrganizationName("villagedesk")
    app.setStyleSheet(STYLE)
    return app


def prepare(app: QApplication, db_path: Path) -> None:
    prefs = load_preferences(db_path)
    apply_font(app, scale=prefs.font_scale)
    install_language(prefs.language)


def open_or_set_up(db_path: Path) -> Database | None:
    """The station database, after the setup wizard on first run (None if cancelled)."""
    from villagedesk.gui.dialogs.setup import SetupWizard

    if db_path.exists():
        from villagedesk.store.crypto import KeyUnavailable, WrongKey

        try:
            db = Database(db_path)
        except (KeyUnavailable, WrongKey) as exc:
            QMessageBox.critical(
                None,
                "villagedesk",
                _(
                    "The station database is encrypted and its key is not available to this "
                    "user on this computer, so it cannot be opened.\n\n{detail}"
                ).format(detail=exc),
            )
            return None
        if db.has_station():
            return db
        db.close()
    wizard = SetupWizard(db_path)
    if wizard.exec() != QDialog.DialogCode.Accepted:
        return None
    return wizard.db


def run_gui(*, db_path: Path) -> int:
    from villagedesk.gui.dialogs.login import LoginDialog
    from villagedesk.gui.main_window import MainWindow

    app = make_application()
    prepare(app, db_path)
    db = open_or_set_up(db_path)
    if db is None:
        return 0
    ctx = AppContext(db=db, tasks=Tasks())
    login = LoginDialog(ctx)
    if login.exec() != QDialog.DialogCode.Accepted:
        return 0
    ctx.actor = login.actor
    window = MainWindow(ctx)
    window.set_idle_minutes(load_preferences(db_path).idle_minutes)
    app.installEventFilter(window)
    window.show()
    return int(app.exec())
