# 养老保险
"""Pension page: who is enrolled and whether this year is paid; who receives the pension, how much,
and whether this month is paid; "Pay month" pays every active pensioner in the background."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from villagedesk.domain.categories import AwardStatus, EnrolmentStatus
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.idnumber import age_on, mask_id
from villagedesk.domain.money import format_yuan
from villagedesk.gui.actions import run_action
from villagedesk.gui.context import AppContext
from villagedesk.gui.dialogs.pension_forms import MonthField, month_text, yuan
from villagedesk.gui.dialogs.person_forms import confirm
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.labels import code_text
from villagedesk.gui.pages.base import Page
from villagedesk.gui.qt import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QModelIndex,
    QProgressDialog,
    QPushButton,
    Qt,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from villagedesk.gui.tasks import Cancelled, TaskHandle
from villagedesk.gui.widgets.table import Column, RowsModel, make_table
from villagedesk.services.pension import record_payment
from villagedesk.services.pension_lists import (
    ContributorRow,
    PensionerRow,
    PensionLists,
    payable_pensioners,
    pension_lists,
)

SIZE_FROM_ROWS = 200  # rows measured to size the columns
PAY_BATCH = 50  # payments per write transaction: progress moves, a cancel loses nothing


@dataclass
class PayRun:
    """What a "Pay month" run did so far (updated by the job after each committed batch)."""

    month: date
    total: int
    paid: int = 0
    paid_fen: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (person id, reason)


def _yes(flag: bool) -> str:
    return _("paid") if flag else _("not paid")


def _year_text(row: ContributorRow) -> str:
    if row.paid_this_year:
        return _("paid")
    return _("not paid") if row.owes_this_year else _("not due")


def _matches(text: str, name: str, id_number: str) -> bool:
    text = text.strip().upper()
    return not text or text in name.upper() or id_number.startswith(text)


class PensionPage(Page):
    title = N_("Pension")

    CONTRIBUTOR_FILTERS = (
        ("all", N_("All enrolled")),
        ("unpaid", N_("This year not paid")),
        ("paid", N_("This year paid")),
        ("not_normal", N_("Suspended or terminated")),
    )
    PENSIONER_FILTERS = (
        ("receiving", N_("Being paid or suspended")),
        ("unpaid", N_("Month not paid")),
        ("suspended", N_("Suspended")),
        ("stopped", N_("Stopped")),
        ("all", N_("All awards")),
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.lists: PensionLists | None = None
        self.run: PayRun | None = None
        self.handle: TaskHandle | None = None
        self.progress: QProgressDialog | None = None
        self._generation = 0

        self.filter_text = QLineEdit()
        self.filter_text.setObjectName("pensionFilter")
        self.filter_text.setClearButtonEnabled(True)
        self.filter_text.textChanged.connect(lambda _t: self.apply_filters())
        self.summary = QLabel()
        self.summary.setObjectName("pensionSummary")
        top = QHBoxLayout()
        top.addWidget(self.filter_text, 2)
        top.addWidget(self.summary, 3)
        self.layout_.addLayout(top)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("pensionTabs")
        self.layout_.addWidget(self.tabs, 1)

        # -- contributors ------------------------------------------------------------------
        self.contributor_filter = QComboBox()
        self.contributor_filter.setObjectName("contributorFilter")
        for code, label in self.CONTRIBUTOR_FILTERS:
            self.contributor_filter.addItem(_(label), code)
        self.contributor_filter.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.contributors_model = RowsModel(
            [
                Column(N_("Name"), lambda r: r.name + (" †" if r.deceased else "")),
                Column(N_("ID number"), lambda r: mask_id(r.id_number)),
                Column(N_("Age"), lambda r: age_on(r.birth_date, self.ctx.today())),
                Column(N_("Enrolment"), lambda r: code_text(r.enrolment_status)),
                Column(N_("Grade (yuan)"), lambda r: format_yuan(r.grade_fen), align_right=True),
                Column(N_("This year"), _year_text),
            ]
        )
        self.contributors = self._table(self.contributors_model, "contributorsTable")
        self.contribute_button = QPushButton(_("Record contribution…"))
        self.contribute_button.setObjectName("contributeButton")
        self.contribute_button.clicked.connect(
            lambda: self._act(self.contributors, self.contributors_model, "contribute")
        )
        self.contributor_count = QLabel()
        self.tabs.addTab(
            self._tab(
                [self.contributor_filter, self.contributor_count],
                self.contributors,
                [self.contribute_button, self._open_button(self.contributors, "contributors")],
            ),
            "",
        )

        # -- pensioners --------------------------------------------------------------------
        self.pensioner_filter = QComboBox()
        self.pensioner_filter.setObjectName("pensionerFilter")
        for code, label in self.PENSIONER_FILTERS:
            self.pensioner_filter.addItem(_(label), code)
        self.pensioner_filter.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.pensioners_model = RowsModel(
            [
                Column(N_("Name"), lambda r: r.name + (" †" if r.deceased else "")),
                Column(N_("ID number"), lambda r: mask_id(r.id_number)),
                Column(N_("Age"), lambda r: age_on(r.birth_date, self.ctx.today())),
                Column(N_("Kind"), lambda r: code_text(r.kind)),
                Column(N_("Status"), lambda r: code_text(r.status)),
                Column(
                    N_("Monthly (yuan)"), lambda r: format_yuan(r.monthly_fen), align_right=True
                ),
                Column(N_("From"), lambda r: month_text(r.first_month)),
                Column(N_("Certification"), lambda r: code_text(r.certification)),
                Column(N_("Month paid"), lambda r: _yes(r.paid_for_month)),
            ]
        )
        self.pensioners = self._table(self.pensioners_model, "pensionersTable")
        self.pay_one_button = QPushButton(_("Pay one month…"))
        self.pay_one_button.setObjectName("payOneButton")
        self.pay_one_button.clicked.connect(
            lambda: self._act(self.pensioners, self.pensioners_model, "pay")
        )
        self.certify_button = QPushButton(_("Certify…"))
        self.certify_button.setObjectName("certifyOneButton")
        self.certify_button.clicked.connect(
            lambda: self._act(self.pensioners, self.pensioners_model, "certify")
        )
        self.month = MonthField(ctx.today())
        self.month.setObjectName("payMonth")
        self.month.set_latest(ctx.today())
        self.month.dateChanged.connect(lambda _d: self.refresh())
        self.month_label = QLabel()
        self.month_label.setBuddy(self.month)
        self.pay_button = QPushButton(_("Pay month for all…"))
        self.pay_button.setObjectName("payMonthButton")
        self.pay_button.clicked.connect(self.pay_month)
        self.pensioner_count = QLabel()
        self.tabs.addTab(
            self._tab(
                [self.pensioner_filter, self.pensioner_count, self.month_label, self.month],
                self.pensioners,
                [
                    self.pay_button,
                    self.pay_one_button,
                    self.certify_button,
                    self._open_button(self.pensioners, "pensioners"),
                ],
            ),
            "",
        )
        self.retranslate()

    # -- building ----------------------------------------------------------------------------
    def _table(self, model: RowsModel, name: str) -> QTableView:
        view = make_table(model)
        view.setObjectName(name)
        # Size the columns from the first rows only: thousands of rows stay quick to show.
        view.horizontalHeader().setResizeContentsPrecision(SIZE_FROM_ROWS)
        # Double-click or Enter on a row opens the person's page.
        view.activated.connect(lambda index: self._open(model, index))
        return view

    def _tab(
        self, top: Sequence[QWidget], table: QTableView, buttons: Sequence[QWidget]
    ) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        for w in top:
            row.addWidget(w)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(table, 1)
        below = QHBoxLayout()
        for w in buttons:
            below.addWidget(w)
        below.addStretch(1)
        layout.addLayout(below)
        return tab

    def _open_button(self, table: QTableView, name: str) -> QPushButton:
        button = QPushButton(_("Open person"))
        button.setObjectName(f"open_{name}")
        model = table.model()
        button.clicked.connect(lambda: self._open(model, table.currentIndex()))
        return button

    def retranslate(self) -> None:
        super().retranslate()
        self.filter_text.setPlaceholderText(_("Filter by name or ID number"))
        self.tabs.setTabText(0, _("Contributors"))
        self.tabs.setTabText(1, _("Pensioners"))
        self.month_label.setText(_("&Month"))
        self._update_counts()

    # -- data --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the lists in the background; the newest request wins."""
        self._generation += 1
        generation = self._generation
        db, on, month = self.ctx.db, self.ctx.today(), self.month.value()

        def load(_handle: TaskHandle) -> tuple[int, PensionLists]:
            with db.read() as s:
                return generation, pension_lists(session=s, on=on, month=month)

        if self.lists is None:
            self.summary.setText(_("Loading…"))
        self.ctx.tasks.start(load, on_done=self._loaded, on_error=self._load_failed)

    def _loaded(self, result: tuple[int, PensionLists]) -> None:
        generation, lists = result
        if generation != self._generation:
            return  # a newer refresh is on its way
        self.lists = lists
        self.apply_filters()

    def _load_failed(self, exc: Exception) -> None:
        self.summary.setText(_("The lists could not be loaded: {error}").format(error=exc))

    def contributor_rows(self) -> list[ContributorRow]:
        if self.lists is None:
            return []
        mode = self.contributor_filter.currentData()
        text = self.filter_text.text()
        normal = EnrolmentStatus.NORMAL.value
        keep: dict[str, Callable[[ContributorRow], bool]] = {
            "all": lambda r: True,
            "unpaid": lambda r: r.owes_this_year and not r.paid_this_year,
            "paid": lambda r: r.paid_this_year,
            "not_normal": lambda r: r.enrolment_status != normal,
        }
        test = keep.get(mode, keep["all"])
        return [
            r for r in self.lists.contributors if test(r) and _matches(text, r.name, r.id_number)
        ]

    def pensioner_rows(self) -> list[PensionerRow]:
        if self.lists is None:
            return []
        mode = self.pensioner_filter.currentData()
        text = self.filter_text.text()
        active, suspended = AwardStatus.ACTIVE.value, AwardStatus.SUSPENDED.value
        keep: dict[str, Callable[[PensionerRow], bool]] = {
            "receiving": lambda r: r.status in (active, suspended),
            "unpaid": lambda r: r.status == active and not r.paid_for_month,
            "suspended": lambda r: r.status == suspended,
            "stopped": lambda r: r.status == AwardStatus.STOPPED.value,
            "all": lambda r: True,
        }
        test = keep.get(mode, keep["all"])
        return [r for r in self.lists.pensioners if test(r) and _matches(text, r.name, r.id_number)]

    def apply_filters(self) -> None:
        self.contributors_model.set_rows(self.contributor_rows())
        self.pensioners_model.set_rows(self.pensioner_rows())
        self._update_counts()

    def _update_counts(self) -> None:
        self.contributor_count.setText(_("{n} shown").format(n=self.contributors_model.rowCount()))
        self.pensioner_count.setText(_("{n} shown").format(n=self.pensioners_model.rowCount()))
        if self.lists is None:
            self.summary.setText("")
            return
        lists = self.lists
        year = lists.on.year
        normal = [
            r for r in lists.contributors if r.enrolment_status == EnrolmentStatus.NORMAL.value
        ]
        paid = sum(1 for r in normal if r.paid_this_year)
        active = [r for r in lists.pensioners if r.status == AwardStatus.ACTIVE.value]
        suspended = sum(1 for r in lists.pensioners if r.status == AwardStatus.SUSPENDED.value)
        month_paid = sum(1 for r in active if r.paid_for_month)
        self.summary.setText(
            _(
                "{enrolled} enrolled, {paid} paid for {year} · {active} being paid, "
                "{suspended} suspended · {month}: {month_paid} of {active} paid"
            ).format(
                enrolled=len(normal),
                paid=paid,
                year=year,
                active=len(active),
                suspended=suspended,
                month=month_text(lists.month),
                month_paid=month_paid,
            )
        )
        self.tabs.setTabText(0, _("Contributors ({n})").format(n=len(lists.contributors)))
        self.tabs.setTabText(1, _("Pensioners ({n})").format(n=len(lists.pensioners)))

    # -- actions -----------------------------------------------------------------------------
    def _open(self, model: Any, index: QModelIndex) -> None:
        row = model.row_at(index) if index is not None else None
        if row is not None:
            self.ctx.events.person_opened.emit(row.person_id)

    def _act(self, table: QTableView, model: RowsModel, code: str) -> None:
        row = model.row_at(table.currentIndex())
        if row is None:
            QMessageBox.information(self, _(self.title), _("Choose a person in the list first."))
            return
        if run_action(self.ctx, self, code, row.person_id):
            self.refresh()

    # -- pay month ---------------------------------------------------------------------------
    def pay_month(self) -> None:
        """Pay the chosen month to every active pensioner not yet paid for it."""
        if self.run is not None:
            return  # a run is going on
        month = self.month.value()
        with self.ctx.db.read() as s:
            payable = payable_pensioners(session=s, month=month)
        title = _("Pay month")
        if not payable:
            QMessageBox.information(
                self,
                title,
                _("Nobody to pay for {month}: every active pensioner is paid.").format(
                    month=month_text(month)
                ),
            )
            return
        total_fen = sum(p.monthly_fen for p in payable)
        question = _("Pay {month} to {n} pensioners, {amount} in total?").format(
            month=month_text(month), n=len(payable), amount=yuan(total_fen)
        )
        if not confirm(self, title, question):
            return
        ids = [p.person_id for p in payable]
        self.run = PayRun(month=month, total=len(ids))
        self.progress = QProgressDialog(
            _("Paying {month}…").format(month=month_text(month)), _("Cancel"), 0, len(ids), self
        )
        self.progress.setObjectName("payProgress")
        self.progress.setWindowTitle(title)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setValue(0)
        self.pay_button.setEnabled(False)
        job = _pay_job(self.ctx, month, ids, self.run)
        handle = self.ctx.tasks.start(
            job, on_done=self._pay_done, on_error=self._pay_failed, on_progress=self._pay_progress
        )
        if self.run is not None and self.progress is not None:  # still running in the pool
            self.handle = handle
            self.progress.canceled.connect(self._cancel_pay)

    def _cancel_pay(self) -> None:
        if self.handle is not None:
            self.handle.cancel()

    def _pay_progress(self, done: int, total: int, _text: str) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            self.progress.setLabelText(
                _("Paying {month}: {done} of {total}").format(
                    month=month_text(self.run.month) if self.run else "", done=done, total=total
                )
            )

    def _finish_run(self) -> PayRun | None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.handle = None
        self.pay_button.setEnabled(True)
        run, self.run = self.run, None
        self.ctx.events.data_changed.emit()
        self.refresh()
        return run

    def _pay_done(self, _result: object) -> None:
        run = self._finish_run()
        if run is None:
            return
        text = _("{month}: {n} pensioners paid, {amount} in total.").format(
            month=month_text(run.month), n=run.paid, amount=yuan(run.paid_fen)
        )
        if run.skipped:
            text += "\n" + _("Not paid: {n} (see each person's page).").format(n=len(run.skipped))
        QMessageBox.information(self, _("Pay month"), text)

    def _pay_failed(self, exc: Exception) -> None:
        run = self._finish_run()
        paid = run.paid if run else 0
        amount = yuan(run.paid_fen if run else 0)
        if isinstance(exc, Cancelled):
            text = _("Stopped. {n} pensioners were paid before you cancelled ({amount}).").format(
                n=paid, amount=amount
            )
            QMessageBox.information(self, _("Pay month"), text)
            return
        text = _("Paying stopped with an error after {n} payments: {error}").format(
            n=paid, error=str(exc)
        )
        QMessageBox.critical(self, _("Pay month"), text)


def _pay_job(
    ctx: AppContext, month: date, ids: list[str], run: PayRun
) -> Callable[[TaskHandle], PayRun]:
    """The background job: payments in batches, one write transaction each."""
    db, actor, today = ctx.db, ctx.user, ctx.today()

    def job(handle: TaskHandle) -> PayRun:
        for start in range(0, len(ids), PAY_BATCH):
            handle.report(start, len(ids), "")
            paid, paid_fen = 0, 0
            skipped: list[tuple[str, str]] = []
            with db.write(actor=actor.username) as s:
                for pid in ids[start : start + PAY_BATCH]:
                    try:
                        payment = record_payment(
                            session=s, actor=actor, today=today, person_id=pid, month=month
                        )
                    except ValidationError as exc:
                        skipped.append((pid, "; ".join(e.rule for e in exc.errors)))
                    else:
                        paid += 1
                        paid_fen += payment.amount_fen
            run.paid += paid
            run.paid_fen += paid_fen
            run.skipped += skipped
        handle.report(len(ids), len(ids), "")
        return run

    return job
