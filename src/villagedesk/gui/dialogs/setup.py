"""First run: the setup wizard makes the station database and its first supervisor."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from villagedesk.domain.categories import Role
from villagedesk.domain.division import default_division_table, parse_village_code
from villagedesk.domain.errors import ValidationError
from villagedesk.gui.i18n import _
from villagedesk.gui.labels import error_text, rule_text
from villagedesk.gui.qt import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
    QWizard,
    QWizardPage,
)
from villagedesk.services.clerks import MIN_PASSWORD_LENGTH, USERNAME_PATTERN, create_clerk
from villagedesk.services.context import Actor
from villagedesk.services.station import init_station, set_server
from villagedesk.store.database import Database


def village_description(code: str) -> str | None:
    """Prefecture / county names of a village code, or None while it is not a valid code."""
    try:
        parsed = parse_village_code(code)
    except ValidationError:
        return None
    names = [name for _lvl, _code, name in default_division_table().describe(parsed) if name]
    return " ".join(names) if names else _("(county not in the table)")


class _StationPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("This counter"))
        self.setSubTitle(_("The 12-digit village code and the station's name."))
        self.code = QLineEdit()
        self.code.setObjectName("villageCode")
        self.code.setMaxLength(12)
        self.code.setPlaceholderText("450422116201")
        self.place = QLabel()
        self.place.setObjectName("villagePlace")
        self.name = QLineEdit()
        self.name.setObjectName("stationName")
        form = QFormLayout(self)
        form.addRow(_("Village code") + " *", self.code)
        form.addRow("", self.place)
        form.addRow(_("Station name") + " *", self.name)
        self.code.textChanged.connect(self._code_changed)
        self.name.textChanged.connect(lambda _t: self.completeChanged.emit())

    def _code_changed(self, text: str) -> None:
        if len(text) < 12:
            self.place.setText(_("{n} of 12 digits").format(n=len(text)))
        else:
            desc = village_description(text)
            self.place.setText(desc if desc else "✗ " + (rule_text("structure") or ""))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return village_description(self.code.text()) is not None and bool(self.name.text().strip())


class _ServerPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("County server"))
        self.setSubTitle(_("May be left empty and entered later in Settings."))
        self.url = QLineEdit()
        self.url.setObjectName("serverUrl")
        self.url.setPlaceholderText("https://county.example/")
        self.token = QLineEdit()
        self.token.setObjectName("enrolToken")
        form = QFormLayout(self)
        form.addRow(_("Server address"), self.url)
        form.addRow(_("Enrolment token"), self.token)
        self.url.textChanged.connect(lambda _t: self.completeChanged.emit())

    def isComplete(self) -> bool:
        url = self.url.text().strip()
        return not url or url.startswith(("https://", "http://"))


class _SupervisorPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("First supervisor"))
        self.setSubTitle(_("The supervisor adds the other clerks' accounts."))
        self.username = QLineEdit()
        self.username.setObjectName("supUsername")
        self.display = QLineEdit()
        self.display.setObjectName("supName")
        self.password = QLineEdit()
        self.password.setObjectName("supPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("supRepeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = QLabel()
        self.hint.setObjectName("supHint")
        form = QFormLayout(self)
        form.addRow(_("Username") + " *", self.username)
        form.addRow(_("Full name") + " *", self.display)
        form.addRow(_("Password") + " *", self.password)
        form.addRow(_("Repeat password") + " *", self.repeat)
        form.addRow("", self.hint)
        for w in (self.username, self.display, self.password, self.repeat):
            w.textChanged.connect(lambda _t: self._changed())

    def _changed(self) -> None:
        user = self.username.text().strip()
        if user and not USERNAME_PATTERN.match(user):
            self.hint.setText(_("username: 2-40 letters, digits, '_', '.' or '-'"))
        elif self.password.text() and len(self.password.text()) < MIN_PASSWORD_LENGTH:
            self.hint.setText(_("at least {n} characters").format(n=MIN_PASSWORD_LENGTH))
        elif self.repeat.text() and self.repeat.text() != self.password.text():
            self.hint.setText(_("the two passwords differ"))
        else:
            self.hint.setText("")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return (
            bool(USERNAME_PATTERN.match(self.username.text().strip()))
            and bool(self.display.text().strip())
            and len(self.password.text()) >= MIN_PASSWORD_LENGTH
            and self.password.text() == self.repeat.text()
        )


class SetupWizard(QWizard):
    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.db: Database | None = None
        self.setWindowTitle(_("Set up this counter"))
        self.station_page = _StationPage()
        self.server_page = _ServerPage()
        self.supervisor_page = _SupervisorPage()
        for page in (self.station_page, self.server_page, self.supervisor_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, _("Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        self.error = QLabel()

    def accept(self) -> None:
        try:
            self.db = self.create()
        except ValidationError as exc:
            self.supervisor_page.hint.setText("\n".join(error_text(e, e.field) for e in exc.errors))
            return
        super().accept()

    def create(self) -> Database:
        now = datetime.now()
        db = init_station(
            path=self.db_path,
            village_code=self.station_page.code.text().strip(),
            name=self.station_page.name.text().strip(),
            now=now,
        )
        with db.write(actor=self.supervisor_page.username.text().strip()) as s:
            supervisor = create_clerk(
                session=s,
                actor=None,
                username=self.supervisor_page.username.text().strip(),
                display_name=self.supervisor_page.display.text().strip(),
                role=Role.SUPERVISOR,
                password=self.supervisor_page.password.text(),
                now=now,
            )
            set_server(
                session=s,
                actor=Actor(supervisor.username, Role.SUPERVISOR, supervisor.display_name),
                server_url=self.server_page.url.text(),
                enrolment_token=self.server_page.token.text(),
            )
        return db
