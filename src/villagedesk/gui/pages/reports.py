"""报表: the station's targets and tables, with charts, exported to .xlsx in the background."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from villagedesk.domain.money import format_yuan
from villagedesk.gui.context import AppContext
from villagedesk.gui.i18n import N_, _, current_language, one_language
from villagedesk.gui.pages.base import Page
from villagedesk.gui.qt import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from villagedesk.gui.tasks import TaskHandle
from villagedesk.gui.widgets.chart import BarChart
from villagedesk.services.reports import Report, export_xlsx, report_tables, station_report


def _rate_text(numerator: int, denominator: int, rate: Any) -> str:
    if rate is None:
        return _("no one to count")
    return f"{rate}%  ({numerator}/{denominator})"


class ReportsPage(Page):
    title = N_("Reports")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.report: Report | None = None
        self.targets = BarChart()
        self.targets.setObjectName("targetsChart")
        self.premiums = BarChart()
        self.premiums.setObjectName("premiumChart")
        self.rates = QLabel()
        self.rates.setObjectName("rates")
        self.rates.setWordWrap(True)
        self.targets_box = QGroupBox()
        tb = QVBoxLayout(self.targets_box)
        tb.addWidget(self.rates)
        tb.addWidget(self.targets)
        self.premiums_box = QGroupBox()
        pb = QVBoxLayout(self.premiums_box)
        pb.addWidget(self.premiums)
        charts = QHBoxLayout()
        charts.addWidget(self.targets_box, 1)
        charts.addWidget(self.premiums_box, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTables")
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refreshReport")
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportReport")
        self.export_button.clicked.connect(self._ask_export)
        self.status = QLabel()
        self.status.setObjectName("reportStatus")
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.status, 1)
        self.layout_.addLayout(buttons)
        self.layout_.addLayout(charts)
        self.layout_.addWidget(self.tabs, 1)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.refresh_button.setText(_("Refresh"))
        self.export_button.setText(_("Export to Excel…"))
        self.targets_box.setTitle(_("Targets for registered-poor persons (target 100%)"))
        self.premiums_box.setTitle(_("Government-paid premiums by year (yuan)"))
        if self.report is not None:
            self.show_report(self.report)

    def refresh(self) -> None:
        """Build the report in the background; the window stays responsive."""
        on = self.ctx.today()
        self.status.setText(_("Building the report…"))
        self.refresh_button.setEnabled(False)

        def job(_handle: TaskHandle) -> Report:
            with self.ctx.db.read() as s:
                return station_report(session=s, on=on)

        self.ctx.tasks.start(job, on_done=self._built, on_error=self._failed)

    def _built(self, report: Report) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(_("Report of {date}").format(date=report.on.isoformat()))
        self.show_report(report)

    def _failed(self, exc: Exception) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(_("The report could not be built: {error}").format(error=exc))

    def show_report(self, report: Report) -> None:
        self.report = report
        p, q = report.participation, report.payment
        self.rates.setText(
            _("Participation rate: {p}").format(p=_rate_text(p.numerator, p.denominator, p.rate))
            + "\n"
            + _("Payment rate: {p}").format(p=_rate_text(q.numerator, q.denominator, q.rate))
        )
        self.targets.set_bars(
            [
                (_("Participation"), float(p.rate or 0), f"{p.rate or 0}%"),
                (_("Payment"), float(q.rate or 0), f"{q.rate or 0}%"),
            ],
            maximum=100.0,
            target=100.0,
        )
        years = report.paid_premiums[-6:]
        self.premiums.set_bars(
            [(str(y.year), y.amount_fen / 100, format_yuan(y.amount_fen)) for y in years]
        )
        self.tabs.clear()
        for table in report_tables(report):
            widget = QTableWidget(len(table.rows), len(table.headers))
            widget.setHorizontalHeaderLabels([one_language(h) for h in table.headers])
            widget.verticalHeader().setVisible(False)
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row):
                    widget.setItem(r, c, QTableWidgetItem(one_language(str(cell))))
            widget.resizeColumnsToContents()
            english = current_language() == "en"
            self.tabs.addTab(widget, table.title_en if english else table.title_zh)

    def _ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export to Excel"),
            f"report-{self.ctx.today().isoformat()}.xlsx",
            "Excel (*.xlsx)",
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the report to ``path`` in the background, with progress and cancel."""
        on = self.ctx.today()
        progress = QProgressDialog(_("Exporting…"), _("Cancel"), 0, 2, self)
        progress.setMinimumDuration(300)

        def job(handle: TaskHandle) -> Path:
            handle.report(0, 2, "")
            with self.ctx.db.read() as s:
                report = station_report(session=s, on=on)
            handle.report(1, 2, "")
            export_xlsx(report, path)
            return path

        def done(result: Path) -> None:
            progress.close()
            self.status.setText(_("Saved {path}").format(path=result))

        def failed(exc: Exception) -> None:
            progress.close()
            QMessageBox.warning(
                self, _("Export to Excel"), _("Could not save the file: {error}").format(error=exc)
            )

        handle = self.ctx.tasks.start(
            job,
            on_done=done,
            on_error=failed,
            on_progress=lambda d, t, _x: progress.setValue(d),
        )
        progress.canceled.connect(handle.cancel)
