"""The counter's main window: navigation on the left, the page on the right, status below."""

from __future__ import annotations

import importlib
from datetime import datetime

from sqlalchemy import func, select

from villagedesk.gui.context import AppContext
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.pages.base import Page
from villagedesk.gui.qt import (
    QEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QObject,
    QShortcut,
    QSize,
    QStackedWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from villagedesk.services.station import station
from villagedesk.store.models import OutboxEntry, SyncState

# (page key, module, class, title). Titles are English sources; the navigation shows _().
PAGES: list[tuple[str, str, str, str]] = [
    ("home", "home", "HomePage", N_("Today's work")),
    ("persons", "persons", "PersonsPage", N_("Persons")),
    ("labour", "labour", "LabourPage", N_("Labour")),
    ("training", "training", "TrainingPage", N_("Training")),
    ("vacancies", "vacancies", "VacanciesPage", N_("Vacancies")),
    ("pension", "pension", "PensionPage", N_("Pension")),
    ("certification", "certification", "CertificationPage", N_("Certification")),
    ("reports", "reports", "ReportsPage", N_("Reports")),
    ("matching", "matching", "MatchingPage", N_("County data matching")),
    ("sync", "sync", "SyncPage", N_("Sync")),
    ("settings", "settings", "SettingsPage", N_("Settings")),
]

IDLE_LOCK_MINUTES = 10
BACKUP_CHECK_MS = 20 * 60 * 1000  # look every 20 minutes whether an automatic backup is due


class _Placeholder(Page):
    def __init__(self, ctx: AppContext, title: str) -> None:
        super().__init__(ctx)
        self.title = title
        self.layout_.addWidget(QLabel(_("This page is not available in this build.")))
        self.layout_.addStretch(1)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.resize(1366, 768)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(150)
        self.stack = QStackedWidget()
        # Pages are built the first time they are needed, so logging in costs only the
        # home page.
        self.pages = _LazyPages(self)
        for key, _module, _cls_name, title in PAGES:
            self.stack.addWidget(QWidget())
            item = QListWidgetItem(_(title))
            item.setData(256, key)
            item.setSizeHint(QSize(140, 40))
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._show_row)

        self.search = QLineEdit()
        self.search.setObjectName("globalSearch")
        self.search.setPlaceholderText(_("Search: name, pinyin initials or ID number"))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(self._search_typed)
        self.search.returnPressed.connect(self._search_enter)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.search)
        rl.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(right, 1)
        self.setCentralWidget(central)

        self.status_clerk = QLabel()
        self.status_station = QLabel()
        self.status_online = QLabel()
        self.status_sync = QLabel()
        self.status_pending = QLabel()
        self.status_conflicts = QLabel()
        for w in (
            self.status_clerk,
            self.status_station,
            self.status_online,
            self.status_sync,
            self.status_pending,
            self.status_conflicts,
        ):
            w.setObjectName("status")
            self.statusBar().addPermanentWidget(w)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.focus_search)
        QShortcut(QKeySequence("F3"), self, activated=self.focus_search)

        ctx.events.data_changed.connect(self.refresh_status)
        ctx.events.data_changed.connect(self._refresh_current)
        ctx.events.person_opened.connect(self.open_person)
        ctx.events.language_changed.connect(lambda _code: self.retranslate())
        self.retranslate()
        self.nav.setCurrentRow(0)
        self.refresh_status()

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.lock)
        self.idle_minutes = IDLE_LOCK_MINUTES
        self._restart_idle()
        # Automatic sync (timer, night hour, network back) starts once the window is up:
        # the sync page and its HTTP client are not needed to show the first screen.
        QTimer.singleShot(1500, self._start_auto_sync)
        # Automatic, verified backups: one at start, then whenever a few hours of work passed.
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self.backup_if_due)
        self.backup_timer.start()
        QTimer.singleShot(4000, lambda: self.backup_if_due(at_start=True))

    def backup_if_due(self, *, at_start: bool = False) -> None:
        """Make the automatic backup in the background (a failure shows in the status bar)."""
        from villagedesk.services.backups import auto_backup

        db = self.ctx.db

        def job(_handle: object) -> object:
            return auto_backup(db=db, now=datetime.now(), at_start=at_start)

        def failed(exc: Exception) -> None:
            self.statusBar().showMessage(_("Automatic backup failed: {why}").format(why=exc))

        self.ctx.tasks.start(job, on_done=lambda _made: None, on_error=failed)

    def _start_auto_sync(self) -> None:
        auto_sync = getattr(self.pages["sync"], "start_auto_sync", None)
        if auto_sync is not None:
            auto_sync()

    # -- pages -----------------------------------------------------------------------------
    def _make_page(self, module: str, cls_name: str, title: str) -> Page:
        try:
            mod = importlib.import_module(f"villagedesk.gui.pages.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"villagedesk.gui.pages.{module}":
                raise
            return _Placeholder(self.ctx, title)
        page: Page = getattr(mod, cls_name)(self.ctx)
        return page

    def build_page(self, key: str) -> Page:
        row = [k for k, *_rest in PAGES].index(key)
        _key, module, cls_name, title = PAGES[row]
        page = self._make_page(module, cls_name, title)
        placeholder = self.stack.widget(row)
        self.stack.insertWidget(row, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        return page

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        page = self.pages[PAGES[row][0]]
        self.stack.setCurrentIndex(row)
        page.refresh()

    def show_page(self, key: str) -> Page:
        row = [k for k, *_rest in PAGES].index(key)
        self.nav.setCurrentRow(row)
        return self.pages[key]

    def _refresh_current(self) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, Page):
            page.refresh()

    def retranslate(self) -> None:
        with self.ctx.db.read() as s:
            st = station(session=s)
            self.setWindowTitle(f"villagedesk — {st.name} ({st.code})")
        for row, (_key, _m, _c, title) in enumerate(PAGES):
            item = self.nav.item(row)
            if item is not None:
                item.setText(_(title))
        for page in self.pages.values():
            page.retranslate()
        self.search.setPlaceholderText(_("Search: name, pinyin initials or ID number"))
        self.refresh_status()

    # -- search ----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _persons_page(self) -> Page:
        return self.pages["persons"]

    def _search_typed(self, text: str) -> None:
        page = self._persons_page()
        if self.stack.currentWidget() is not page:
            self.show_page("persons")
        search = getattr(page, "search_for", None)
        if search is not None:
            search(text)

    def _search_enter(self) -> None:
        page = self._persons_page()
        enter = getattr(page, "open_first", None)
        if enter is not None:
            self.show_page("persons")
            enter(self.search.text())

    def open_person(self, person_id: str) -> None:
        page = self.show_page("persons")
        opener = getattr(page, "open_person", None)
        if opener is not None:
            opener(person_id)

    # -- status bar ------------------------------------------------------------------------
    def refresh_status(self) -> None:
        actor = self.ctx.actor
        self.status_clerk.setText(
            _("Clerk: {name}").format(name=actor.display_name or actor.username) if actor else ""
        )
        with self.ctx.db.read() as s:
            st = station(session=s)
            pending = (
                s.scalar(
                    select(func.count()).select_from(OutboxEntry).where(OutboxEntry.seq > _acked(s))
                )
                or 0
            )
            last = s.scalar(select(SyncState.value).where(SyncState.key == "last_sync_at"))
            conflicts = s.scalar(select(SyncState.value).where(SyncState.key == "open_conflicts"))
        self.status_station.setText(f"{st.name} {st.code}")
        self.status_online.setText(_("Online") if st.server_url and last else _("Offline"))
        self.status_sync.setText(
            _("Last sync: {when}").format(when=last[:16].replace("T", " "))
            if last
            else _("Never synced")
        )
        self.status_pending.setText(_("Waiting to sync: {n}").format(n=pending))
        self.status_conflicts.setText(_("Conflicts: {n}").format(n=conflicts or 0))

    # -- idle lock -------------------------------------------------------------------------
    def _restart_idle(self) -> None:
        if self.idle_minutes > 0:
            self.idle_timer.start(self.idle_minutes * 60_000)

    def set_idle_minutes(self, minutes: int) -> None:
        self.idle_minutes = minutes
        self.idle_timer.stop()
        self._restart_idle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self._restart_idle()
        return False

    def lock(self) -> None:
        """Hide the data and ask the same clerk's password; Log out ends the session."""
        from villagedesk.gui.dialogs.login import LoginDialog

        if self.ctx.actor is None:
            return
        self.centralWidget().setVisible(False)
        dialog = LoginDialog(self.ctx, lock_for=self.ctx.actor, parent=self)
        if dialog.exec():
            self.centralWidget().setVisible(True)
            self._restart_idle()
        else:
            self.ctx.actor = None
            self.ctx.events.logged_out.emit()
            self.close()

    def stamp(self) -> str:
        return datetime.now().isoformat(timespec="seconds")


class _LazyPages(dict[str, Page]):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window

    def __missing__(self, key: str) -> Page:
        page = self.window.build_page(key)
        self[key] = page
        return page


def _acked(session: object) -> int:
    """The last outbox position the county acknowledged (0 before the first sync)."""
    value = session.scalar(  # type: ignore[attr-defined]
        select(SyncState.value).where(SyncState.key == "outbox_acked_seq")
    )
    return int(value) if value else 0
