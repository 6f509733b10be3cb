"""The Sync page: sync with the county now (progress, cancel), what happened (last result, history),
what waits for a person (conflicts, duplicate-person cases, changes the county did not apply,
persons moved away), enrolment, and automatic sync.

The work is the sync engine's (``villagedesk.sync.engine``); this page only runs it in the
background and says in plain words what happened. Everything it shows is kept in
``sync_state``, so the headless ``villagedesk sync`` and the page tell the same story.
"""

from __future__ import annotations

import contextlib
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import func, select

from villagedesk.domain.idnumber import mask_id
from villagedesk.gui.context import AppContext
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.pages.base import Page
from villagedesk.gui.qt import (
    QApplication,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QObject,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimer,
    QWidget,
)
from villagedesk.gui.tasks import Cancelled, TaskHandle
from villagedesk.services.backups import confirm_sync_after_restore, sync_pause
from villagedesk.services.context import PermissionDenied
from villagedesk.services.station import station
from villagedesk.store.database import Database
from villagedesk.store.models import OutboxEntry, Person
from villagedesk.sync.client import Offline, Refused, ServerFailed, SyncClient
from villagedesk.sync.engine import (
    NotEnrolled,
    SyncBusy,
    SyncSummary,
    enrol_database,
    get_json,
    get_state,
    local_write,
    record_history,
    set_state,
    sync_once,
)
from villagedesk.sync.update_notice import (
    UpdateNotice,
    fetch_update,
    refresh_update_offer,
    stored_update,
)
from villagedesk.sync.updates import install_command

ClientFactory = Callable[..., SyncClient]


def launch_installer(package: Path) -> None:
    """Start the verified package's installer on its own and close the program, which the
    installer replaces (the database stays where it is)."""
    subprocess.Popen(install_command(package), start_new_session=True)
    QTimer.singleShot(500, QApplication.quit)


DEFAULT_EVERY_MINUTES = 30
DEFAULT_NIGHT_HOUR = 21
TICK_MS = 60_000  # the automatic-sync clock looks at the time once a minute
RETRY_MINUTES = (1, 2, 5, 10, 20)  # back-off after a failed automatic sync

# Stable codes of what ended a sync (kept in the history) → what the clerk reads.
_FIELDS = {
    "name": N_("Name"),
    "phone": N_("Phone"),
    "address": N_("Address"),
    "id_number": N_("ID number"),
    "relation": N_("Relation to head"),
    "note": N_("Note"),
}
_TABLES = {
    "persons": N_("Person"),
    "households": N_("Household"),
    "person_statuses": N_("Status"),
    "labour_registrations": N_("Labour record"),
    "enrolments": N_("Pension enrolment"),
    "contributions": N_("Contribution"),
}
_CASE_STATUS = {
    "open": N_("Waiting for the county"),
    "merged": N_("Same person: merged by the county"),
    "refused": N_("Refused: correct the ID number"),
    "corrected": N_("Corrected and accepted"),
}
_HISTORY_STATUS = {
    "ok": N_("Done"),
    "offline": N_("Offline"),
    "refused": N_("Refused by the county"),
    "too_old": N_("Program too old"),
    "not_enrolled": N_("Not enrolled"),
    "cancelled": N_("Cancelled"),
    "failed": N_("Failed"),
}


def _label(labels: dict[str, str], code: Any) -> str:
    """The translated label of a stable code; an unknown code as it is."""
    text = str(code or "")
    return _(labels[text]) if text in labels else text


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def explain(exc: BaseException) -> tuple[str, str]:
    """(history status code, plain words for the clerk) for what ended a sync."""
    if isinstance(exc, Cancelled):
        return "cancelled", _(
            "Sync cancelled. What was already sent is kept; the rest goes next time."
        )
    if isinstance(exc, Offline):
        return "offline", _(
            "The county server cannot be reached. Check the network cable or Wi-Fi. "
            "Nothing is lost: the changes wait here and are sent at the next sync."
        )
    if isinstance(exc, NotEnrolled):
        return "not_enrolled", _(
            "This counter is not enrolled with the county yet. Enter the server address "
            "and the token from the county below, then press Enrol."
        )
    if isinstance(exc, SyncBusy):
        return "busy", _("Another sync is already running. Try again in a minute.")
    if isinstance(exc, Refused):
        if exc.status == 426 or exc.code == "upgrade_required":
            version = str(exc.detail.get("min_client_version") or "")
            return "too_old", _(
                "This program is too old for the county server. Install villagedesk "
                "{version} or newer, then sync again."
            ).format(version=version or "?")
        if exc.code in ("station_revoked",):
            return "refused", _(
                "The county has switched this counter off. Ask the county for a new "
                "enrolment token."
            )
        if exc.status == 401:
            return "refused", _(
                "The county does not recognise this counter (or the token was already "
                "used). Ask the county for a new enrolment token."
            )
        return "refused", _(
            "The county refused the sync; nothing was changed there. Its reason: {reason}"
        ).format(reason=exc.reason or exc.code)
    if isinstance(exc, ServerFailed):
        return "failed", _("The county server had a problem. Nothing was lost; try again later.")
    if isinstance(exc, ValueError):
        return "failed", _("The sync could not start: {error}").format(error=exc)
    return "failed", _("The sync failed: {error}").format(error=exc)


def default_client(db: Database, **kwargs: Any) -> SyncClient:
    """The county client for this station (its address, secret and CA bundle)."""
    with db.read() as s:
        st = station(session=s)
        secret = get_state(s, "station_secret")
        ca = get_state(s, "ca_bundle")
    url = kwargs.pop("server_url", "") or st.server_url
    if not url:
        raise NotEnrolled("no county server")
    return SyncClient(url, secret=secret, verify=ca or True, **kwargs)


class AutoSync(QObject):
    """Syncs while the app is open: every N minutes while the network answers, once a night
    at the configured hour, and as soon as the network comes back after being offline; after
    a failure it retries with growing pauses. Never two syncs at once (the page refuses a
    second start; the engine's lock keeps out the headless command)."""

    def __init__(self, page: SyncPage, *, now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(page)
        self.page = page
        self.now = now
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.next_due: datetime | None = None
        self.failures = 0
        self.offline = False
        self.night_done: str = ""

    def start(self) -> None:
        self.next_due = self.now() + timedelta(minutes=1)  # soon after the app opens
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def settings(self) -> tuple[int, int]:
        with self.page.ctx.db.read() as s:
            every = get_state(s, "auto_sync_minutes", str(DEFAULT_EVERY_MINUTES))
            night = get_state(s, "auto_sync_night_hour", str(DEFAULT_NIGHT_HOUR))
        try:
            return int(every), int(night)
        except ValueError:
            return DEFAULT_EVERY_MINUTES, DEFAULT_NIGHT_HOUR

    def tick(self) -> None:
        """Look at the clock: is a sync due?"""
        if self.page.running or not self.page.enrolled():
            return
        now = self.now()
        every, night = self.settings()
        today = now.date().isoformat()
        if night >= 0 and now.hour == night and self.night_done != today:
            self.night_done = today
            self.page.sync_now(automatic=True)
            return
        if self.offline:
            self.page.probe()  # syncs if the network has come back
            return
        if every > 0 and self.next_due is not None and now >= self.next_due:
            self.page.sync_now(automatic=True)

    def finished(self, status: str) -> None:
        """After each sync (automatic or not): plan the next one."""
        every, _night = self.settings()
        now = self.now()
        if status == "ok":
            self.failures = 0
            self.offline = False
            self.next_due = now + timedelta(minutes=every or DEFAULT_EVERY_MINUTES)
            return
        if status in ("cancelled", "busy"):
            self.next_due = now + timedelta(minutes=RETRY_MINUTES[0])
            return
        self.offline = status == "offline"
        pause = RETRY_MINUTES[min(self.failures, len(RETRY_MINUTES) - 1)]
        self.failures += 1
        self.next_due = now + timedelta(minutes=min(pause, every or pause))

    def network_back(self) -> None:
        if self.offline:
            self.offline = False
            self.page.sync_now(automatic=True)


class SyncPage(Page):
    title = N_("Sync")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.client_factory: ClientFactory = default_client
        self.running = False
        self.automatic = False
        self.handle: TaskHandle | None = None
        self.auto = AutoSync(self)
        self.launch_installer: Callable[[Path], None] = launch_installer
        self.notice: UpdateNotice | None = None

        # -- a newer version offered by the county -----------------------------------------
        self.update_box = QGroupBox()
        self.update_box.setObjectName("updateBox")
        update_row = QHBoxLayout(self.update_box)
        self.update_text = QLabel()
        self.update_text.setObjectName("updateText")
        self.update_text.setWordWrap(True)
        self.update_button = QPushButton()
        self.update_button.setObjectName("updateInstall")
        self.update_button.clicked.connect(self.install_update)
        update_row.addWidget(self.update_text, 1)
        update_row.addWidget(self.update_button)
        self.update_box.setVisible(False)
        self.layout_.addWidget(self.update_box)

        # -- paused after a restore, until a supervisor confirms (services.backups) --------
        self.pause_box = QGroupBox()
        self.pause_box.setObjectName("pauseBox")
        pause_row = QHBoxLayout(self.pause_box)
        self.pause_text = QLabel()
        self.pause_text.setObjectName("pauseText")
        self.pause_text.setWordWrap(True)
        self.resume_button = QPushButton()
        self.resume_button.setObjectName("resumeSync")
        self.resume_button.clicked.connect(self.resume_after_restore)
        pause_row.addWidget(self.pause_text, 1)
        pause_row.addWidget(self.resume_button)
        self.pause_box.setVisible(False)
        self.layout_.addWidget(self.pause_box)

        # -- where we stand ----------------------------------------------------------------
        form = QFormLayout()
        self.server = QLabel()
        self.server.setObjectName("syncServer")
        self.pending = QLabel()
        self.pending.setObjectName("syncPending")
        self.last = QLabel()
        self.last.setObjectName("syncLast")
        self.result = QLabel()
        self.result.setObjectName("syncLastResult")
        self.result.setWordWrap(True)
        self.server_label, self.pending_label = QLabel(), QLabel()
        self.last_label, self.result_label = QLabel(), QLabel()
        form.addRow(self.server_label, self.server)
        form.addRow(self.pending_label, self.pending)
        form.addRow(self.last_label, self.last)
        form.addRow(self.result_label, self.result)
        self.layout_.addLayout(form)

        # -- sync now ----------------------------------------------------------------------
        row = QHBoxLayout()
        self.sync_button = QPushButton()
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(lambda: self.sync_now())
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("syncCancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setVisible(False)
        row.addWidget(self.sync_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 1)
        self.layout_.addLayout(row)
        self.progress_text = QLabel()
        self.progress_text.setObjectName("syncProgressText")
        self.layout_.addWidget(self.progress_text)
        self.message = QLabel()
        self.message.setObjectName("syncMessage")
        self.message.setWordWrap(True)
        self.layout_.addWidget(self.message)

        # -- enrolment ---------------------------------------------------------------------
        self.enrol_box = QGroupBox()
        enrol_form = QFormLayout(self.enrol_box)
        self.enrol_server = QLineEdit()
        self.enrol_server.setObjectName("enrolServer")
        self.enrol_server.setPlaceholderText("https://")
        self.enrol_token = QLineEdit()
        self.enrol_token.setObjectName("enrolToken")
        self.enrol_button = QPushButton()
        self.enrol_button.setObjectName("enrolButton")
        self.enrol_button.clicked.connect(self.enrol)
        self.enrol_server_label, self.enrol_token_label = QLabel(), QLabel()
        enrol_form.addRow(self.enrol_server_label, self.enrol_server)
        enrol_form.addRow(self.enrol_token_label, self.enrol_token)
        enrol_form.addRow("", self.enrol_button)
        self.enrol_note = QLabel()
        self.enrol_note.setObjectName("enrolNote")
        self.enrol_note.setWordWrap(True)
        enrol_form.addRow("", self.enrol_note)
        self.layout_.addWidget(self.enrol_box)

        # -- automatic sync ----------------------------------------------------------------
        self.auto_box = QGroupBox()
        auto_form = QFormLayout(self.auto_box)
        self.every = QSpinBox()
        self.every.setObjectName("autoMinutes")
        self.every.setRange(0, 24 * 60)
        self.every.setSingleStep(10)
        self.night = QSpinBox()
        self.night.setObjectName("nightHour")
        self.night.setRange(-1, 23)
        self.every_label, self.night_label = QLabel(), QLabel()
        auto_form.addRow(self.every_label, self.every)
        auto_form.addRow(self.night_label, self.night)
        self.every.valueChanged.connect(lambda v: self._save_setting("auto_sync_minutes", v))
        self.night.valueChanged.connect(lambda v: self._save_setting("auto_sync_night_hour", v))
        self.layout_.addWidget(self.auto_box)

        # -- lists -------------------------------------------------------------------------
        self.tabs = QTabWidget()
        self.tabs.setObjectName("syncTabs")
        self.conflicts = self._table("syncConflicts", 6)
        self.duplicates = self._table("syncDuplicates", 5)
        self.refusals = self._table("syncRefusals", 3)
        self.moved = self._table("syncMovedAway", 3)
        self.history = self._table("syncHistory", 7)
        for table in (self.conflicts, self.duplicates, self.refusals, self.moved, self.history):
            self.tabs.addTab(table, "")
        self.layout_.addWidget(self.tabs, 1)
        self.retranslate()

    @staticmethod
    def _table(name: str, columns: int) -> QTableWidget:
        table = QTableWidget(0, columns)
        table.setObjectName(name)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        return table

    def retranslate(self) -> None:
        super().retranslate()
        self.server_label.setText(_("County server"))
        self.pending_label.setText(_("Changes waiting to be sent"))
        self.last_label.setText(_("Last sync"))
        self.result_label.setText(_("Last result"))
        self.sync_button.setText(_("Sync now"))
        self.cancel_button.setText(_("Cancel"))
        self.enrol_box.setTitle(_("Enrol with the county"))
        self.enrol_server_label.setText(_("Server address"))
        self.enrol_token_label.setText(_("Enrolment token"))
        self.enrol_button.setText(_("Enrol"))
        self.enrol_note.setText(_("Only a supervisor may enrol this counter with the county."))
        self.auto_box.setTitle(_("Automatic sync"))
        self.every_label.setText(_("Every (minutes, 0 = off)"))
        self.night_label.setText(_("Every night at (hour, -1 = off)"))
        self.update_box.setTitle(_("New version"))
        self.update_button.setText(_("Download and install…"))
        self.pause_box.setTitle(_("Sync paused after a restore"))
        self.resume_button.setText(_("Confirm and resume sync"))
        self.every.setSuffix(_(" min"))
        self.night.setSpecialValueText(_("off"))
        headers = {
            self.conflicts: [
                _("Record"),
                _("Field"),
                _("Before"),
                _("Here (village)"),
                _("County"),
                _("Status"),
            ],
            self.duplicates: [
                _("ID number"),
                _("Registered here as"),
                _("Decision"),
                _("Reason"),
                _("Village"),
            ],
            self.refusals: [_("Record"), _("Who"), _("Why the county did not apply it")],
            self.moved: [_("Name"), _("ID number"), _("Moved away")],
            self.history: [
                _("When"),
                _("Result"),
                _("Sent"),
                _("Received"),
                _("Conflicts"),
                _("Data (KB)"),
                _("Seconds"),
            ],
        }
        for table, labels in headers.items():
            table.setHorizontalHeaderLabels(labels)
        titles = (
            _("Conflicts"),
            _("Duplicate persons"),
            _("Not applied"),
            _("Moved away"),
            _("History"),
        )
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        if not self.running:
            self.refresh()

    # -- what the page shows -------------------------------------------------------------
    def enrolled(self) -> bool:
        with self.ctx.db.read() as s:
            return bool(station(session=s).server_url and get_state(s, "station_secret"))

    def show_pause(self) -> bool:
        """Show (or hide) the paused-after-restore notice; True while sync is paused."""
        with self.ctx.db.read() as s:
            pause = sync_pause(session=s)
        self.pause_box.setVisible(pause is not None)
        if pause is not None:
            self.pause_text.setText(
                _(
                    "The database was restored from a backup ({backup}) on {at} by {who}. "
                    "Sync stays paused until a supervisor has checked the data and confirms."
                ).format(backup=pause.backup, at=pause.at.replace("T", " "), who=pause.by)
            )
            self.resume_button.setEnabled(
                self.ctx.actor is not None and self.ctx.actor.is_supervisor
            )
        return pause is not None

    def resume_after_restore(self) -> None:
        try:
            with self.ctx.db.write(actor=self.ctx.user.username) as s:
                confirm_sync_after_restore(session=s, actor=self.ctx.user)
        except PermissionDenied:
            self.message.setText(_("Only a supervisor may do this."))
            return
        self.show_pause()

    def refresh(self) -> None:
        self.show_pause()
        with self.ctx.db.read() as s:
            st = station(session=s)
            secret = get_state(s, "station_secret")
            acked = int(get_state(s, "outbox_acked_seq", "0") or 0)
            pending = s.scalar(
                select(func.count()).select_from(OutboxEntry).where(OutboxEntry.seq > acked)
            )
            last = get_state(s, "last_sync_at")
            history = get_json(s, "sync_history")
            conflicts = get_json(s, "sync_conflicts")
            local = get_json(s, "sync_local_conflicts")
            cases = get_json(s, "sync_duplicates")
            refusals = get_json(s, "sync_refusals")
            moved = get_json(s, "sync_moved_away")
            every = get_state(s, "auto_sync_minutes", str(DEFAULT_EVERY_MINUTES))
            night = get_state(s, "auto_sync_night_hour", str(DEFAULT_NIGHT_HOUR))
            wanted = {str(c.get("row_id", "")) for c in conflicts if isinstance(c, dict)}
            wanted |= {str(c.get("new_person_id", "")) for c in cases if isinstance(c, dict)}
            wanted |= {str(c.get("row_id", "")) for c in refusals if isinstance(c, dict)}
            names = {
                pid: name
                for pid, name in s.execute(
                    select(Person.id, Person.name).where(Person.id.in_(sorted(wanted)))
                )
            }
        enrolled = bool(st.server_url and secret)
        self.server.setText(st.server_url if enrolled else _("not connected to the county yet"))
        self.pending.setText(str(pending or 0))
        self.last.setText(_when(last) if last else _("never"))
        newest = history[0] if isinstance(history, list) and history else None
        self.result.setText(self._result_text(newest) if isinstance(newest, dict) else "")
        self.enrol_box.setVisible(not enrolled)
        # Enrolment binds this counter to a county and pulls its whole village: a supervisor's
        # decision, like changing the server address.
        may_enrol = self.ctx.user.is_supervisor
        for widget in (self.enrol_server, self.enrol_token, self.enrol_button):
            widget.setEnabled(may_enrol)
        self.enrol_note.setVisible(not may_enrol)
        if not self.enrol_server.text():
            self.enrol_server.setText(st.server_url)
        if not self.enrol_token.text():
            self.enrol_token.setText(st.enrolment_token)
        self.sync_button.setEnabled(enrolled and not self.running)
        for box, _key, text, default in (
            (self.every, "auto_sync_minutes", every, DEFAULT_EVERY_MINUTES),
            (self.night, "auto_sync_night_hour", night, DEFAULT_NIGHT_HOUR),
        ):
            box.blockSignals(True)
            box.setValue(int(text) if text.lstrip("-").isdigit() else default)
            box.blockSignals(False)
        self._show_update()
        self._fill_conflicts(conflicts, local, names)
        self._fill_duplicates(cases, names)
        self._fill(
            self.refusals,
            [
                [
                    _label(_TABLES, r.get("table")),
                    names.get(r.get("row_id", ""), r.get("row_id", "")),
                    r.get("reason", ""),
                ]
                for r in refusals
                if isinstance(r, dict)
            ],
        )
        self._fill(
            self.moved,
            [
                [
                    m.get("name", ""),
                    mask_id(str(m.get("id_number", ""))),
                    _hlc_date(m.get("hlc", "")),
                ]
                for m in moved
                if isinstance(m, dict)
            ],
        )
        self._fill(
            self.history,
            [
                [
                    _when(str(h.get("at", ""))),
                    _label(_HISTORY_STATUS, h.get("status")),
                    str(h.get("pushed", "")),
                    str(h.get("pulled", "")),
                    str(h.get("conflicts", "")),
                    f"{int(h.get('bytes', 0)) / 1024:.1f}" if "bytes" in h else "",
                    str(h.get("seconds", "")),
                ]
                for h in history
                if isinstance(h, dict)
            ],
        )

    def _result_text(self, entry: dict[str, Any]) -> str:
        if entry.get("status") != "ok":
            status = entry.get("status", "")
            return _("{status}: {message}").format(
                status=_label(_HISTORY_STATUS, status), message=entry.get("message", "")
            )
        text = _(
            "Sent {pushed} changes, received {pulled}; {conflicts} conflicts to look at."
        ).format(
            pushed=entry.get("pushed", 0),
            pulled=entry.get("pulled", 0),
            conflicts=int(entry.get("conflicts", 0)) + int(entry.get("local_conflicts", 0)),
        )
        if entry.get("held"):
            text += " " + _(
                "{n} registrations wait for the county (same ID number in another village)."
            ).format(n=entry["held"])
        if entry.get("refused"):
            text += " " + _("{n} changes were not applied (see Not applied).").format(
                n=entry["refused"]
            )
        if entry.get("removed"):
            text += " " + _("{n} records moved to another village.").format(n=entry["removed"])
        if entry.get("mismatches"):
            text += " " + _(
                "The counts here and at the county differ: {tables}. Sync again; if it "
                "stays, tell the county."
            ).format(tables="; ".join(entry["mismatches"]))
        return text

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[Any]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(str(cell)))
        table.resizeColumnsToContents()

    def _fill_conflicts(self, conflicts: Any, local: Any, names: dict[str, str]) -> None:
        rows: list[list[Any]] = []
        for c in conflicts if isinstance(conflicts, list) else []:
            if not isinstance(c, dict):
                continue
            table = str(c.get("table", ""))
            who = names.get(str(c.get("row_id", "")), "")
            field = str(c.get("field", ""))
            status = _("resolved: {value}").format(value=_value(c.get("resolved")))
            rows.append(
                [
                    f"{_label(_TABLES, table)} {who}".strip(),
                    _label(_FIELDS, field),
                    _value(c.get("base")),
                    _value(c.get("village")),
                    _value(c.get("county")),
                    _("open") if c.get("status") == "open" else status,
                ]
            )
        for c in local if isinstance(local, list) else []:
            if not isinstance(c, dict):
                continue
            rows.append(
                [
                    _("Person {name} (from the county)").format(name=c.get("county_name", "")),
                    _("ID number"),
                    c.get("id_number", ""),
                    _("held by {name} here").format(name=c.get("local_name", "")),
                    c.get("county_name", ""),
                    _("waits for the county's decision"),
                ]
            )
        self._fill(self.conflicts, rows)

    def _fill_duplicates(self, cases: Any, names: dict[str, str]) -> None:
        rows: list[list[Any]] = []
        for c in cases if isinstance(cases, list) else []:
            if not isinstance(c, dict):
                continue
            status = str(c.get("status", ""))
            rows.append(
                [
                    mask_id(str(c.get("id_number", ""))),
                    names.get(str(c.get("new_person_id", "")), ""),
                    _label(_CASE_STATUS, status),
                    c.get("reason", ""),
                    c.get("target_village", ""),
                ]
            )
        self._fill(self.duplicates, rows)

    # -- running a sync ------------------------------------------------------------------
    def _client(self, handle: TaskHandle | None = None, **kwargs: Any) -> SyncClient:
        def sleep(seconds: float) -> None:  # a retry pause the clerk can cancel
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                if handle is not None and handle.cancelled:
                    raise Cancelled()
                time.sleep(min(0.1, max(0.0, end - time.monotonic())))

        return self.client_factory(self.ctx.db, retries=2, backoff=0.5, sleep=sleep, **kwargs)

    def _start(self) -> None:
        self.running = True
        self.sync_button.setEnabled(False)
        self.enrol_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.progress_text.setText(_("Connecting to the county…"))
        self.message.setText("")

    def sync_now(self, *, automatic: bool = False) -> bool:
        """Start a sync in the background; False if one is running already."""
        if self.running:
            return False
        if self.show_pause():
            self.message.setText(
                _("Sync is paused after a restore: a supervisor must confirm first.")
            )
            return False
        self.automatic = automatic
        self._start()
        db = self.ctx.db

        def job(handle: TaskHandle) -> SyncSummary:
            self.handle = handle  # Cancel reaches it even before start() returns
            client = self._client(handle)
            try:
                summary = sync_once(db=db, client=client, progress=self._reporter(handle, client))
            except Refused:
                self._ask_for_update(client)  # a program too old to sync must learn of one
                raise
            else:
                self._ask_for_update(client)
                return summary
            finally:
                client.close()

        self._run(job)
        return True

    def enrol(self) -> None:
        """Exchange the county's one-time token for this counter's credentials and sync."""
        if self.running:
            return
        if not self.ctx.user.is_supervisor:
            self.message.setText(self.enrol_note.text())
            return
        server = self.enrol_server.text().strip()
        token = self.enrol_token.text().strip()
        if not server.startswith(("https://", "http://")) or not token:
            self.message.setText(
                _("Enter the server address (starting with https://) and the token.")
            )
            return
        self.automatic = False
        self._start()
        db = self.ctx.db

        def job(handle: TaskHandle) -> SyncSummary:
            self.handle = handle
            client = self._client(handle, server_url=server)
            try:
                summary = enrol_database(
                    db=db,
                    server_url=server,
                    token=token,
                    client=client,
                    actor=self.ctx.user,
                    progress=self._reporter(handle, client),
                )
                self._ask_for_update(client)
                return summary
            finally:
                client.close()

        self._run(job)

    # -- updates -------------------------------------------------------------------------
    def _ask_for_update(self, client: SyncClient) -> None:
        """In the worker, after the county answered: is a newer signed version published?"""
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        with contextlib.suppress(Exception):  # an update check never spoils a sync
            refresh_update_offer(
                db=self.ctx.db,
                http=client.http,
                server_url=client.base_url,
                checked_at=stamp,
                verify=client.verify,
            )

    def _show_update(self) -> None:
        try:
            self.notice = stored_update(db=self.ctx.db)
        except Exception:  # a damaged note must not hide the page
            self.notice = None
        notice = self.notice
        self.update_box.setVisible(notice is not None)
        if notice is None:
            return
        if notice.required:
            text = _(
                "Version {version} is available. This version is too old for the county: "
                "install the new one to keep syncing."
            )
        else:
            text = _("Version {version} is available from the county.")
        text = text.format(version=notice.version)
        if notice.notes:
            text += "\n" + _("What is new: {notes}").format(notes=notice.notes)
        self.update_text.setText(text)
        self.update_button.setEnabled(not self.running)

    def install_update(self) -> None:
        """Download the offered version, verify its signature and digest, start its installer
        (after the clerk agrees: the program closes while it installs)."""
        notice = self.notice
        if notice is None or self.running:
            return
        answer = QMessageBox.question(
            self,
            _("New version"),
            _(
                "Install version {version} now? The package is checked against the province's "
                "release key first. The program closes while it installs; your data stays."
            ).format(version=notice.version),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.update_button.setEnabled(False)
        self.message.setText(_("Downloading the new version…"))
        db = self.ctx.db

        def job(_handle: TaskHandle) -> Path:
            client = self._client()
            try:
                return fetch_update(db=db, http=client.http, verify=client.verify)
            finally:
                client.close()

        self.ctx.tasks.start(job, on_done=self._update_ready, on_error=self._update_failed)

    def _update_ready(self, package: Path) -> None:
        self.message.setText(_("The new version was verified; its installer is starting."))
        self.launch_installer(package)

    def _update_failed(self, exc: Exception) -> None:
        self.update_button.setEnabled(True)
        if isinstance(exc, requests.RequestException | Offline):
            reason = _("The county server cannot be reached. Try again later.")
        else:
            reason = _("The package did not pass the check and was not installed: {reason}")
            reason = reason.format(reason=str(exc))
        self.message.setText(reason)

    def _run(self, job: Callable[[TaskHandle], SyncSummary]) -> None:
        handle = self.ctx.tasks.start(
            job,
            on_done=self._done,
            on_error=self._failed,
            on_progress=lambda d, t, x: self._moved(d, t, x),
        )
        self.handle = handle if self.running else None

    @staticmethod
    def _reporter(handle: TaskHandle, client: SyncClient) -> Callable[[str, int, int], None]:
        def report(stage: str, done: int, total: int) -> None:
            wire = client.bytes_sent + client.bytes_received
            handle.report(done, total, f"{stage}:{wire}")  # raises Cancelled

        return report

    def _moved(self, done: int, total: int, text: str) -> None:
        stage, _sep, wire = text.partition(":")
        kb = (int(wire) if wire.isdigit() else 0) / 1024
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:
            self.progress.setRange(0, 0)
        if stage == "push":
            line = _("Sending changes: {done} of {total} records, {kb} KB")
        else:
            line = _("Receiving changes: {done} records, {kb} KB")
        self.progress_text.setText(line.format(done=done, total=total, kb=f"{kb:.1f}"))

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_text.setText(_("Cancelling…"))

    def _finish(self) -> None:
        self.running = False
        self.handle = None
        self.cancel_button.setEnabled(False)
        self.enrol_button.setEnabled(True)
        self.progress.setVisible(False)
        self.progress_text.setText("")

    def _done(self, summary: SyncSummary) -> None:
        self._finish()
        self.message.setText(_("Sync finished."))
        self.auto.finished("ok")
        self.refresh()
        self.ctx.events.data_changed.emit()

    def _failed(self, exc: Exception) -> None:
        self._finish()
        status, text = explain(exc)
        self.message.setText(text)
        if status != "busy":
            stamp = datetime.now(UTC).isoformat(timespec="seconds")
            with contextlib.suppress(Exception):  # the message above is what matters
                record_history(self.ctx.db, {"at": stamp, "status": status, "message": text})
        self.auto.finished(status)
        self.refresh()
        self.ctx.events.data_changed.emit()

    # -- automatic sync ------------------------------------------------------------------
    def start_auto_sync(self) -> None:
        """Called by the main window once it is up."""
        self.auto.start()

    def probe(self) -> None:
        """Ask the county if it answers (cheap, no retries); a sync follows if it does."""
        if self.running:
            return

        def job(_handle: TaskHandle) -> bool:
            client = self.client_factory(self.ctx.db, retries=0, timeout=(3.0, 5.0))
            try:
                client.health()
            finally:
                client.close()
            return True

        self.ctx.tasks.start(
            job, on_done=lambda _ok: self.auto.network_back(), on_error=lambda _exc: None
        )

    def _save_setting(self, key: str, value: int) -> None:
        with local_write(self.ctx.db) as s:
            set_state(s, key, str(value))


def _when(text: str) -> str:
    """A stored timestamp as the clerk's local time (stamps with a zone are converted)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text[:16].replace("T", " ")
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def _hlc_date(stamp: str) -> str:
    """The day of a hybrid-clock stamp (milliseconds since 1970, then counter and node)."""
    try:
        return datetime.fromtimestamp(int(stamp.split("-", 1)[0]) / 1000).strftime("%Y-%m-%d")
    except (ValueError, OSError):
        return ""
