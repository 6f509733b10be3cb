"""Import a county data-matching list: preview every change and every bad row, then apply
all of it or nothing (supervisor only), in the background with progress and cancel."""

from __future__ import annotations

from pathlib import Path

from villagedesk.domain.errors import ValidationError
from villagedesk.gui.context import AppContext
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.qt import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from villagedesk.gui.roster_labels import (
    change_text,
    column_text,
    file_error_text,
    row_error_text,
)
from villagedesk.gui.tasks import Cancelled, TaskHandle
from villagedesk.gui.widgets.table import Column, RowsModel, make_table
from villagedesk.services.context import PermissionDenied, require_supervisor
from villagedesk.services.roster import (
    RosterCancelled,
    RosterPreview,
    RosterResult,
    apply_roster,
    preview_roster,
)


class ImportRosterDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path: Path | None = None
        self.preview: RosterPreview | None = None
        self.result_value: RosterResult | None = None
        self.setWindowTitle(_("Import a county list"))
        self.resize(980, 600)
        self.file_label = QLabel(_("No file chosen."))
        self.file_label.setObjectName("importFile")
        choose = QPushButton(_("Choose file…"))
        choose.setObjectName("chooseFile")
        choose.clicked.connect(self._choose)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.changes = RowsModel(
            [
                Column(N_("Row"), lambda c: c.row, align_right=True),
                Column(N_("Name"), lambda c: c.name),
                Column(N_("Change"), change_text),
            ]
        )
        self.errors = RowsModel(
            [
                Column(N_("Row"), lambda e: e.row, align_right=True),
                Column(N_("Column"), lambda e: column_text(e.field)),
                Column(N_("Problem"), row_error_text),
            ]
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(make_table(self.changes), _("Changes"))
        self.tabs.addTab(make_table(self.errors), _("Rows with errors"))
        self.apply_button = QPushButton(_("Apply all changes"))
        self.apply_button.setObjectName("applyImport")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(choose)
        top.addWidget(self.file_label, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.apply_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

    def _choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import a county list"), "", _("Lists") + " (*.xlsx *.csv)"
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Read and check the file in the background; nothing is written."""
        self.path = path
        self.file_label.setText(str(path))
        self.summary.setText(_("Reading the file…"))
        self.apply_button.setEnabled(False)
        today = self.ctx.today()

        def job(_handle: TaskHandle) -> RosterPreview:
            with self.ctx.db.read() as s:
                return preview_roster(session=s, path=path, today=today)

        self.ctx.tasks.start(job, on_done=self._previewed, on_error=self._failed)

    def _previewed(self, preview: RosterPreview) -> None:
        self.preview = preview
        self.changes.set_rows(preview.changes)
        self.errors.set_rows(preview.errors)
        if preview.errors:
            self.tabs.setCurrentIndex(1)
            self.summary.setText(
                _(
                    "{bad} row(s) have errors: fix the file and choose it again. "
                    "Nothing will be applied while any row is wrong."
                ).format(bad=len(preview.errors))
            )
        else:
            self.summary.setText(
                _("{n} change(s) to apply, {same} row(s) already up to date.").format(
                    n=len(preview.changes), same=len(preview.unchanged)
                )
            )
        self.apply_button.setEnabled(not preview.errors and bool(preview.changes))

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            text = _("; ").join(file_error_text(e) for e in exc.errors)
        else:
            text = str(exc)
        self.summary.setText(_("The file cannot be imported: {error}").format(error=text))
        self.apply_button.setEnabled(False)

    def apply(self) -> None:
        if self.path is None or self.preview is None:
            return
        try:
            require_supervisor(self.ctx.user, action="importing a county list")
        except PermissionDenied:
            QMessageBox.warning(self, self.windowTitle(), _("Only a supervisor may do this."))
            return
        if (
            QMessageBox.question(
                self,
                self.windowTitle(),
                _("Apply {n} change(s) from this list?").format(n=len(self.preview.changes)),
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        path, digest, today = self.path, self.preview.digest, self.ctx.today()
        total = len(self.preview.changes)
        progress = QProgressDialog(_("Applying…"), _("Cancel"), 0, max(total, 1), self)
        progress.setMinimumDuration(300)

        def job(handle: TaskHandle) -> RosterResult:
            def step(done: int, all_: int) -> bool:
                try:
                    handle.report(done, all_, "")
                except Cancelled:
                    return False
                return True

            with self.ctx.db.write(actor=self.ctx.user.username) as s:
                return apply_roster(
                    session=s,
                    actor=self.ctx.user,
                    path=path,
                    today=today,
                    preview_digest=digest,
                    progress=step,
                )

        def done(result: RosterResult) -> None:
            progress.close()
            self.result_value = result
            self.summary.setText(_("Applied {n} change(s).").format(n=len(result.applied)))
            self.apply_button.setEnabled(False)
            self.ctx.events.data_changed.emit()

        def failed(exc: Exception) -> None:
            progress.close()
            if isinstance(exc, RosterCancelled):
                self.summary.setText(_("Cancelled: nothing was applied."))
            else:
                self._failed(exc)

        handle = self.ctx.tasks.start(
            job,
            on_done=done,
            on_error=failed,
            on_progress=lambda d, _t, _x: progress.setValue(d),
        )
        progress.canceled.connect(handle.cancel)
