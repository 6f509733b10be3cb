"""设置: clerk accounts (supervisor), policy tables in force (read-only at the village),
font size, language, idle lock, backups."""

from __future__ import annotations

from datetime import datetime

from villagedesk.domain.categories import Role
from villagedesk.domain.errors import ValidationError
from villagedesk.gui.context import AppContext
from villagedesk.gui.fonts import apply_font
from villagedesk.gui.i18n import LANGUAGES, N_, _, install_language
from villagedesk.gui.labels import code_text, error_text
from villagedesk.gui.pages.base import Page
from villagedesk.gui.policy_labels import confidence_text, key_text, table_text, value_text
from villagedesk.gui.qt import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from villagedesk.gui.settings_store import FONT_SCALES, load_preferences, save_preferences
from villagedesk.gui.widgets.table import Column, RowsModel, make_table
from villagedesk.services.backups import BackupFailed, list_backups, make_backup, restore_backup
from villagedesk.services.clerks import create_clerk, list_clerks, set_active, set_password
from villagedesk.services.context import PermissionDenied
from villagedesk.services.policy import policy_rows


class SettingsPage(Page):
    title = N_("Settings")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.tabs = QTabWidget()
        self.layout_.addWidget(self.tabs, 1)
        self._build_display()
        self._build_clerks()
        self._build_policy()
        self._build_backups()
        self.retranslate()

    # -- display ---------------------------------------------------------------------------
    def _build_display(self) -> None:
        page = QWidget()
        form = QFormLayout(page)
        prefs = load_preferences(self.ctx.db.path)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(list(LANGUAGES).index(prefs.language))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.font_scale = QComboBox()
        self.font_scale.setObjectName("fontScale")
        for scale in FONT_SCALES:
            self.font_scale.addItem(f"{int(scale * 100)}%", scale)
        self.font_scale.setCurrentIndex(FONT_SCALES.index(prefs.font_scale))
        self.font_scale.currentIndexChanged.connect(self._font_changed)
        self.idle = QSpinBox()
        self.idle.setObjectName("idleMinutes")
        self.idle.setRange(0, 120)
        self.idle.setValue(prefs.idle_minutes)
        self.idle.valueChanged.connect(self._idle_changed)
        self.language_label, self.font_label, self.idle_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.language_label, self.language)
        form.addRow(self.font_label, self.font_scale)
        form.addRow(self.idle_label, self.idle)
        self.tabs.addTab(page, "")

    def _save_prefs(self) -> None:
        prefs = load_preferences(self.ctx.db.path)
        prefs.language = str(self.language.currentData())
        prefs.font_scale = float(self.font_scale.currentData())
        prefs.idle_minutes = self.idle.value()
        save_preferences(self.ctx.db.path, prefs)

    def _language_changed(self) -> None:
        code = str(self.language.currentData())
        install_language(code)
        self._save_prefs()
        self.ctx.events.language_changed.emit(code)

    def _font_changed(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_font(app, scale=float(self.font_scale.currentData()))
        self._save_prefs()

    def _idle_changed(self) -> None:
        self._save_prefs()
        window = self.window()
        setter = getattr(window, "set_idle_minutes", None)
        if setter is not None:
            setter(self.idle.value())

    # -- clerks ----------------------------------------------------------------------------
    def _build_clerks(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.clerks_model = RowsModel(
            [
                Column(N_("Username"), lambda c: c.username),
                Column(N_("Name"), lambda c: c.display_name),
                Column(N_("Role"), lambda c: code_text(c.role)),
                Column(N_("Active"), lambda c: _("yes") if c.active else _("no")),
            ]
        )
        self.clerks_view = make_table(self.clerks_model)
        self.clerks_view.setObjectName("clerks")
        layout.addWidget(self.clerks_view, 1)
        self.add_box = QGroupBox()
        form = QFormLayout(self.add_box)
        self.new_username = QLineEdit()
        self.new_username.setObjectName("newUsername")
        self.new_name = QLineEdit()
        self.new_name.setObjectName("newName")
        self.new_password = QLineEdit()
        self.new_password.setObjectName("newPassword")
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_role = QComboBox()
        self.new_role.setObjectName("newRole")
        for role in Role:
            self.new_role.addItem(code_text(role.value), role.value)
        self.add_clerk_button = QPushButton()
        self.add_clerk_button.setObjectName("addClerk")
        self.add_clerk_button.clicked.connect(self.add_clerk)
        self.clerk_message = QLabel()
        self.clerk_message.setObjectName("clerkMessage")
        self.clerk_message.setWordWrap(True)
        self.username_label, self.name_label = QLabel(), QLabel()
        self.password_label, self.role_label = QLabel(), QLabel()
        form.addRow(self.username_label, self.new_username)
        form.addRow(self.name_label, self.new_name)
        form.addRow(self.password_label, self.new_password)
        form.addRow(self.role_label, self.new_role)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_clerk_button)
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("resetPassword")
        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button = QPushButton()
        self.toggle_button.setObjectName("toggleActive")
        self.toggle_button.clicked.connect(self.toggle_active)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.toggle_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        form.addRow(self.clerk_message)
        layout.addWidget(self.add_box)
        self.tabs.addTab(page, "")

    def _selected_clerk(self) -> str | None:
        index = self.clerks_view.currentIndex()
        row = self.clerks_model.row_at(index)
        return row.username if row is not None else None

    def add_clerk(self) -> None:
        try:
            with self.ctx.db.write(actor=self.ctx.user.username) as s:
                create_clerk(
                    session=s,
                    actor=self.ctx.user,
                    username=self.new_username.text().strip(),
                    display_name=self.new_name.text().strip(),
                    role=Role(self.new_role.currentData()),
                    password=self.new_password.text(),
                    now=datetime.now(),
                )
        except ValidationError as exc:
            self.clerk_message.setText("\n".join(error_text(e, e.field) for e in exc.errors))
            return
        except PermissionDenied:
            self.clerk_message.setText(_("Only a supervisor may do this."))
            return
        self.clerk_message.setText(_("Account {name} added.").format(name=self.new_username.text()))
        for w in (self.new_username, self.new_name, self.new_password):
            w.clear()
        self.refresh()

    def reset_password(self) -> None:
        username = self._selected_clerk()
        if username is None:
            return
        password = self.new_password.text()
        try:
            with self.ctx.db.write(actor=self.ctx.user.username) as s:
                set_password(session=s, actor=self.ctx.user, username=username, password=password)
        except ValidationError as exc:
            self.clerk_message.setText("\n".join(error_text(e, e.field) for e in exc.errors))
            return
        except PermissionDenied:
            self.clerk_message.setText(_("Only a supervisor may do this."))
            return
        self.new_password.clear()
        self.clerk_message.setText(_("Password of {name} changed.").format(name=username))

    def toggle_active(self) -> None:
        username = self._selected_clerk()
        row = self.clerks_model.row_at(self.clerks_view.currentIndex())
        if username is None or row is None:
            return
        if (
            row.active
            and QMessageBox.question(
                self, _("Settings"), _("Disable the account {name}?").format(name=username)
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        try:
            with self.ctx.db.write(actor=self.ctx.user.username) as s:
                set_active(session=s, actor=self.ctx.user, username=username, active=not row.active)
        except ValidationError as exc:
            self.clerk_message.setText("\n".join(error_text(e, e.field) for e in exc.errors))
            return
        except PermissionDenied:
            self.clerk_message.setText(_("Only a supervisor may do this."))
            return
        self.refresh()

    # -- policy ----------------------------------------------------------------------------
    def _build_policy(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.policy_note = QLabel()
        self.policy_note.setWordWrap(True)
        self.policy_model = RowsModel(
            [
                Column(N_("Table"), lambda r: table_text(r.table)),
                Column(N_("Key"), lambda r: key_text(r.table, r.key)),
                Column(N_("County"), lambda r: r.scope or _("all")),
                Column(N_("From"), lambda r: r.effective_from.isoformat()),
                Column(N_("Value"), lambda r: value_text(r.value)),
                Column(N_("Confidence"), lambda r: confidence_text(r.confidence.value)),
            ]
        )
        self.policy_view = make_table(self.policy_model)
        self.policy_view.setObjectName("policyRows")
        layout.addWidget(self.policy_note)
        layout.addWidget(self.policy_view, 1)
        self.tabs.addTab(page, "")

    # -- backups ---------------------------------------------------------------------------
    def _build_backups(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.backup_model = RowsModel(
            [
                Column(N_("Made"), lambda b: b.made_at.strftime("%Y-%m-%d %H:%M")),
                Column(N_("Kind"), lambda b: _backup_kind(b.kind)),
                Column(N_("File"), lambda b: b.path.name),
                Column(N_("Size (KB)"), lambda b: b.size // 1024, align_right=True),
            ]
        )
        self.backup_view = make_table(self.backup_model)
        self.backup_view.setObjectName("backups")
        self.backup_note = QLabel()
        self.backup_note.setWordWrap(True)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton()
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        self.backup_message = QLabel()
        self.backup_message.setObjectName("backupMessage")
        self.backup_message.setWordWrap(True)
        layout.addWidget(self.backup_note)
        layout.addLayout(buttons)
        layout.addWidget(self.backup_message)
        layout.addWidget(self.backup_view, 1)
        self.tabs.addTab(page, "")

    def backup_now(self) -> None:
        try:
            made = make_backup(db=self.ctx.db)
        except BackupFailed as exc:
            QMessageBox.warning(self, _("Backups"), _("The backup failed: {why}").format(why=exc))
            return
        QMessageBox.information(
            self, _("Backups"), _("Backup saved and checked: {path}").format(path=made.path)
        )
        self.refresh()

    def restore_selected(self) -> None:
        """Put the selected backup in place of the database (a supervisor only)."""
        backup = self.backup_model.row_at(self.backup_view.currentIndex())
        if backup is None:
            self.backup_message.setText(_("Select a backup first."))
            return
        if not self.ctx.user.is_supervisor:
            self.backup_message.setText(_("Only a supervisor may do this."))
            return
        question = _(
            "Restore the backup of {made}? Work saved since then is replaced by the backup; "
            "changes not yet sent to the county are kept and sent. Sync pauses until a "
            "supervisor confirms on the Sync page."
        ).format(made=backup.made_at.strftime("%Y-%m-%d %H:%M"))
        if QMessageBox.question(self, _("Backups"), question) != QMessageBox.StandardButton.Yes:
            return
        try:
            result = restore_backup(
                db=self.ctx.db, actor=self.ctx.user, backup=backup.path, now=datetime.now()
            )
        except PermissionDenied:
            self.backup_message.setText(_("Only a supervisor may do this."))
            return
        except BackupFailed as exc:
            QMessageBox.warning(self, _("Backups"), _("Not restored: {why}").format(why=exc))
            return
        self.backup_message.setText(
            _(
                "Restored. {kept} changes not yet sent are kept. The database as it was is "
                "saved as {safety}. Sync is paused until a supervisor confirms."
            ).format(kept=result.outbox_kept, safety=result.safety_backup.name)
        )
        self.ctx.events.data_changed.emit()
        self.refresh()

    # -- common ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        super().retranslate()
        for index, text in enumerate(
            (_("Display"), _("Clerk accounts"), _("Policy tables"), _("Backups"))
        ):
            self.tabs.setTabText(index, text)
        self.language_label.setText(_("Language"))
        self.font_label.setText(_("Font size"))
        self.idle_label.setText(_("Lock after idle minutes (0 = never)"))
        self.add_box.setTitle(_("Add an account (supervisor only)"))
        self.username_label.setText(_("Username"))
        self.name_label.setText(_("Full name"))
        self.password_label.setText(_("Password"))
        self.role_label.setText(_("Role"))
        self.add_clerk_button.setText(_("Add account"))
        self.reset_button.setText(_("Set password of selected"))
        self.toggle_button.setText(_("Disable / enable selected"))
        self.policy_note.setText(
            _(
                "The policy tables in force, published by the county. Rows marked 'default' are "
                "placeholders the county must confirm. They cannot be changed at the village."
            )
        )
        self.backup_button.setText(_("Back up now"))
        self.restore_button.setText(_("Restore selected (supervisor)"))
        self.backup_note.setText(
            _(
                "Backups are encrypted like the database and checked after they are made: at "
                "start, every few hours, before an upgrade and before a restore."
            )
        )
        is_supervisor = self.ctx.actor is not None and self.ctx.actor.is_supervisor
        self.add_box.setEnabled(is_supervisor)
        self.restore_button.setEnabled(is_supervisor)

    def refresh(self) -> None:
        with self.ctx.db.read() as s:
            self.clerks_model.set_rows(list_clerks(session=s))
            rows = sorted(
                policy_rows(session=s), key=lambda r: (r.table, r.key, r.scope, r.effective_from)
            )
        self.policy_model.set_rows(rows)
        self.backup_model.set_rows(list_backups(db=self.ctx.db))


def _backup_kind(kind: str) -> str:
    return {
        "auto": _("automatic"),
        "manual": _("by hand"),
        "pre-restore": _("before a restore"),
        "migration": _("before an upgrade"),
    }.get(kind, kind)
