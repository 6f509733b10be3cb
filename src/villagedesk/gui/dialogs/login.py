"""Clerk login, and the idle lock that asks for the same clerk's password again."""

from __future__ import annotations

from datetime import datetime

from villagedesk.gui.context import AppContext
from villagedesk.gui.i18n import _
from villagedesk.gui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from villagedesk.services.clerks import authenticate
from villagedesk.services.context import Actor
from villagedesk.services.station import station


class LoginDialog(QDialog):
    """Username and password. With ``lock_for`` set, only that clerk can unlock."""

    def __init__(
        self, ctx: AppContext, *, lock_for: Actor | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lock_for = lock_for
        self.actor: Actor | None = None
        with ctx.db.read() as s:
            st = station(session=s)
            title = f"{st.name} ({st.code})"
        self.setWindowTitle(_("Locked") if lock_for else _("Log in"))
        heading = QLabel(title)
        heading.setObjectName("heading")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        if lock_for is not None:
            self.username.setText(lock_for.username)
            self.username.setReadOnly(True)
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Username"), self.username)
        form.addRow(_("Password"), self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            _("Unlock") if lock_for else _("Log in")
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            _("Log out") if lock_for else _("Quit")
        )
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.password if lock_for else self.username).setFocus()

    def try_login(self) -> None:
        with self.ctx.db.write(actor=self.username.text().strip() or "?") as s:
            outcome = authenticate(
                session=s,
                username=self.username.text().strip(),
                password=self.password.text(),
                now=datetime.now(),
            )
        if outcome.actor is not None:
            self.actor = outcome.actor
            self.accept()
            return
        self.password.clear()
        self.password.setFocus()
        if outcome.reason == "locked" and outcome.locked_until is not None:
            self.message.setText(
                _("Too many wrong passwords. Locked until {time}.").format(
                    time=outcome.locked_until.strftime("%H:%M")
                )
            )
        elif outcome.reason == "inactive":
            self.message.setText(_("This account is disabled. Ask the supervisor."))
        else:
            self.message.setText(_("Wrong username or password."))
