# 生存认证
"""The survival-certification queue at the counter.

Scan (or type) an ID number and press Enter: the person is shown. Press Enter again to
certify with the chosen method (at the counter unless changed); the field is cleared for the
next person. A different number typed or scanned instead shows that person — a scan never
certifies someone the clerk has not seen. Below: today's certifications, and the pensioners
due or overdue, with "Suspend overdue".
"""

from __future__ import annotations

from villagedesk.domain import certification as cert_rules
from villagedesk.domain.categories import AwardStatus, CertificationMethod
from villagedesk.domain.division import default_division_table
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.idnumber import age_on, check_id_number, mask_id
from villagedesk.gui.context import AppContext
from villagedesk.gui.dialogs.pension_forms import (
    certify_person,
    errors_text,
    method_items,
    month_text,
    resumption_text,
    yuan,
)
from villagedesk.gui.dialogs.person_forms import confirm
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.labels import code_text, rule_text
from villagedesk.gui.pages.base import Page
from villagedesk.gui.printing import print_certification_slips
from villagedesk.gui.qt import (
    QComboBox,
    QEvent,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QKeyEvent,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMessageBox,
    QObject,
    QPushButton,
    QShortcut,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)
from villagedesk.gui.tasks import TaskHandle
from villagedesk.gui.widgets.table import Column, RowsModel, make_table
from villagedesk.services.certification import suspend_overdue
from villagedesk.services.context import PermissionDenied
from villagedesk.services.pension_lists import (
    CertCandidate,
    DueRow,
    certification_candidate,
    certification_due,
    certified_on_day,
)

SIZE_FROM_ROWS = 200  # rows measured to size the columns


def _deadline_text(row: DueRow) -> str:
    if row.overdue_since is not None:
        return _("since {date}").format(date=row.overdue_since.isoformat())
    return row.due_by.isoformat()


class CertificationPage(Page):
    title = N_("Certification")

    DUE_FILTERS = (
        ("all", N_("Due and overdue")),
        ("overdue", N_("Overdue")),
        ("due", N_("Due soon")),
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.current: CertCandidate | None = None
        self.current_text = ""
        self.due_rows: list[DueRow] = []
        self._generation = 0

        # -- scan row ----------------------------------------------------------------------
        self.scan_label = QLabel()
        self.scan = QLineEdit()
        self.scan.setObjectName("scanField")
        self.scan.setMaxLength(20)
        self.scan.setMinimumHeight(44)
        self.scan.setStyleSheet("font-size: 18pt; padding: 2px 8px;")
        self.scan.returnPressed.connect(self.enter_pressed)
        self.scan_label.setBuddy(self.scan)
        self.method_label = QLabel()
        self.method = QComboBox()
        self.method.setObjectName("certMethod")
        self.method.setMinimumHeight(44)
        method_items(self.method)
        self.method.installEventFilter(self)
        self.method_label.setBuddy(self.method)
        self.certify_button = QPushButton()
        self.certify_button.setObjectName("certifyButton")
        self.certify_button.setMinimumHeight(44)
        self.certify_button.setAutoDefault(True)
        self.certify_button.clicked.connect(self.certify_current)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_label)
        scan_row.addWidget(self.scan, 3)
        scan_row.addWidget(self.method_label)
        scan_row.addWidget(self.method, 1)
        scan_row.addWidget(self.certify_button)
        self.layout_.addLayout(scan_row)

        # -- the person card ---------------------------------------------------------------
        self.card = QFrame()
        self.card.setObjectName("certCard")
        self.card.setFrameShape(QFrame.Shape.StyledPanel)
        self.card.setMinimumHeight(120)
        self.name = QLabel()
        self.name.setObjectName("certName")
        self.name.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.details = QLabel()
        self.details.setObjectName("certDetails")
        self.details.setStyleSheet("font-size: 13pt;")
        self.state = QLabel()
        self.state.setObjectName("certState")
        self.state.setStyleSheet("font-size: 13pt;")
        self.state.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("certMessage")
        self.message.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.message.setWordWrap(True)
        card = QGridLayout(self.card)
        card.addWidget(self.name, 0, 0)
        card.addWidget(self.details, 0, 1)
        card.addWidget(self.state, 1, 0, 1, 2)
        card.addWidget(self.message, 2, 0, 1, 2)
        card.setColumnStretch(1, 1)
        self.layout_.addWidget(self.card)

        # -- today's list and the due list -------------------------------------------------
        self.today_model = RowsModel(
            [
                Column(N_("Name"), lambda r: r.name),
                Column(N_("ID number"), lambda r: mask_id(r.id_number)),
                Column(N_("Method"), lambda r: code_text(r.method)),
                Column(N_("Clerk"), lambda r: r.clerk),
            ]
        )
        self.today_table = make_table(self.today_model)
        self.today_table.setObjectName("certifiedToday")
        self.today_table.horizontalHeader().setResizeContentsPrecision(SIZE_FROM_ROWS)
        self.today_table.activated.connect(
            lambda index: self.ctx.events.person_opened.emit(
                self.today_model.row_at(index).person_id
            )
        )
        self.today_box = QGroupBox()
        tl = QVBoxLayout(self.today_box)
        tl.addWidget(self.today_table)
        self.print_slips_button = QPushButton()
        self.print_slips_button.setObjectName("printSlips")
        self.print_slips_button.clicked.connect(
            lambda: print_certification_slips(self.ctx, self, self.ctx.today())
        )
        tl.addWidget(self.print_slips_button)

        self.due_filter = QComboBox()
        self.due_filter.setObjectName("dueFilter")
        for code, label in self.DUE_FILTERS:
            self.due_filter.addItem(_(label), code)
        self.due_filter.currentIndexChanged.connect(lambda _i: self._show_due())
        self.due_model = RowsModel(
            [
                Column(N_("Name"), lambda r: r.name),
                Column(N_("ID number"), lambda r: mask_id(r.id_number)),
                Column(N_("Status"), lambda r: code_text(r.status)),
                Column(N_("Due by / overdue"), _deadline_text),
                Column(N_("Pension"), lambda r: code_text(r.award_status)),
            ]
        )
        self.due_table = make_table(self.due_model)
        self.due_table.setObjectName("dueTable")
        self.due_table.horizontalHeader().setResizeContentsPrecision(SIZE_FROM_ROWS)
        # Enter or double-click on a due pensioner brings them to the card (home visits).
        self.due_table.activated.connect(
            lambda index: self.look_up(self.due_model.row_at(index).id_number)
        )
        self.suspend_button = QPushButton()
        self.suspend_button.setObjectName("suspendOverdue")
        self.suspend_button.clicked.connect(self.suspend_overdue)
        self.due_count = QLabel()
        self.due_box = QGroupBox()
        dl = QVBoxLayout(self.due_box)
        top = QHBoxLayout()
        top.addWidget(self.due_filter)
        top.addWidget(self.due_count)
        top.addStretch(1)
        top.addWidget(self.suspend_button)
        dl.addLayout(top)
        dl.addWidget(self.due_table)

        lists = QSplitter(Qt.Orientation.Horizontal)
        lists.addWidget(self.today_box)
        lists.addWidget(self.due_box)
        lists.setSizes([480, 620])
        self.layout_.addWidget(lists, 1)

        QShortcut(
            QKeySequence("Escape"),
            self,
            self.clear,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.retranslate()
        self.clear()

    def retranslate(self) -> None:
        super().retranslate()
        self.scan_label.setText(_("&ID number"))
        self.scan.setPlaceholderText(_("Scan or type the ID number, then Enter"))
        self.method_label.setText(_("&Method"))
        self.certify_button.setText(_("Certify (Enter)"))
        self.suspend_button.setText(_("Suspend overdue…"))
        self.print_slips_button.setText(_("Print today's slips…"))
        self._update_titles()

    def _update_titles(self) -> None:
        self.today_box.setTitle(_("Certified today ({n})").format(n=self.today_model.rowCount()))
        self.print_slips_button.setEnabled(self.today_model.rowCount() > 0)
        self.due_count.setText(_("{n} shown").format(n=self.due_model.rowCount()))
        overdue = sum(1 for r in self.due_rows if r.status == cert_rules.OVERDUE)
        due = len(self.due_rows) - overdue
        self.due_box.setTitle(
            _("To certify: {due} due soon, {overdue} overdue").format(due=due, overdue=overdue)
        )

    # -- data --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Today's list now; the due list (every pensioner's window) in the background."""
        self.reload_today()
        self._generation += 1
        generation = self._generation
        db, on = self.ctx.db, self.ctx.today()

        def load(_handle: TaskHandle) -> tuple[int, list[DueRow]]:
            with db.read() as s:
                return generation, certification_due(session=s, on=on)

        self.ctx.tasks.start(load, on_done=self._due_loaded, on_error=self._due_failed)

    def _due_loaded(self, result: tuple[int, list[DueRow]]) -> None:
        generation, rows = result
        if generation == self._generation:
            self.due_rows = rows
            self._show_due()

    def _due_failed(self, exc: Exception) -> None:
        self.due_box.setTitle(_("The list could not be loaded: {error}").format(error=exc))

    def reload_today(self) -> None:
        with self.ctx.db.read() as s:
            self.today_model.set_rows(certified_on_day(session=s, day=self.ctx.today()))
        self._update_titles()

    def _show_due(self) -> None:
        mode = self.due_filter.currentData()
        rows = [r for r in self.due_rows if mode in (None, "all") or r.status == mode]
        self.due_model.set_rows(rows)
        self._update_titles()

    # -- the queue ---------------------------------------------------------------------------
    def clear(self) -> None:
        """Ready for the next person: empty card, method back to the counter, focus on scan."""
        self.current = None
        self.current_text = ""
        self.name.setText(_("Next person"))
        self.details.setText("")
        self.state.setText(_("Scan the ID card or type the ID number and press Enter."))
        self.certify_button.setEnabled(False)
        self.method.setCurrentIndex(self.method.findData(CertificationMethod.COUNTER.value))
        self.scan.clear()
        self.scan.setFocus()

    def _normalized(self, text: str) -> str:
        check = check_id_number(text, today=self.ctx.today())
        return check.normalized if check.valid and check.normalized else text.strip().upper()

    def enter_pressed(self) -> None:
        """Enter in the scan field: show a new number's person, or certify the one shown."""
        text = self._normalized(self.scan.text())
        if self.current is not None and text == self.current_text and self.can_certify():
            self.certify_current()
        else:
            self.look_up(text)

    def look_up(self, text: str) -> CertCandidate | None:
        text = self._normalized(text)
        self.scan.setText(text)
        self.current, self.current_text = None, text
        self.certify_button.setEnabled(False)
        if not text:
            self.clear()
            return None
        check = check_id_number(
            text, today=self.ctx.today(), known_county=default_division_table().vouches_for
        )
        with self.ctx.db.read() as s:
            found = certification_candidate(session=s, id_number=text, on=self.ctx.today())
        if found is None:
            self.name.setText(_("Not found"))
            self.details.setText(text)
            if not check.valid and check.errors:
                reason = rule_text(check.errors[0].rule) or check.errors[0].message
                self.state.setText(_("The ID number {reason}.").format(reason=reason))
            else:
                self.state.setText(_("Nobody with this ID number is registered at this station."))
            self.message.setText("")
            self.scan.selectAll()
            return None
        self.current = found
        self._show_card(found)
        self.certify_button.setEnabled(self.can_certify())
        self.scan.setFocus()
        self.scan.selectAll()
        return found

    def can_certify(self) -> bool:
        c = self.current
        return c is not None and c.deceased_on is None and c.state is not None

    def _show_card(self, c: CertCandidate) -> None:
        today = self.ctx.today()
        self.name.setText(c.name)
        parts = [mask_id(c.id_number), _("{age} years").format(age=age_on(c.birth_date, today))]
        if c.award_status is not None and c.monthly_fen is not None:
            parts.append(
                _("pension {status}, {amount} a month").format(
                    status=code_text(c.award_status), amount=yuan(c.monthly_fen)
                )
            )
        self.details.setText(" · ".join(parts))
        if c.deceased_on is not None:
            self.state.setText(_("Recorded as deceased on {date}.").format(date=c.deceased_on))
            self.message.setText(_("Cannot be certified."))
            return
        if c.state is None:
            self.state.setText(_("Does not receive the pension: no certification is needed."))
            self.message.setText("")
            return
        st = c.state
        window = f"{st.current_window[0].isoformat()} – {st.current_window[1].isoformat()}"
        if st.overdue_since is not None:
            deadline = _("since {date}").format(date=st.overdue_since.isoformat())
        else:
            deadline = _("due by {date}").format(date=st.due_by.isoformat())
        lines = [
            _("Certification: {status} · window {window} · {deadline}").format(
                status=code_text(st.status), window=window, deadline=deadline
            )
        ]
        if c.last_certified is not None:
            lines.append(_("Last certified {date}").format(date=c.last_certified.isoformat()))
        self.state.setText("\n".join(lines))
        if c.award_status == AwardStatus.SUSPENDED.value:
            since = month_text(c.suspended_from) if c.suspended_from else "?"
            self.message.setText(
                _(
                    "The pension is suspended since {month}: certifying resumes it and back-pays "
                    "the months missed. Press Enter to certify."
                ).format(month=since)
            )
        elif st.certified_for_window:
            self.message.setText(
                _("Already certified for this window. Press Enter to certify again.")
            )
        else:
            self.message.setText(_("Check the person and press Enter to certify."))

    def certify_current(self) -> bool:
        c = self.current
        if c is None or not self.can_certify():
            return False
        method = str(self.method.currentData())
        try:
            result = certify_person(self.ctx, c.person_id, method)
        except ValidationError as exc:
            self.message.setText(errors_text(exc))
            self.scan.setFocus()
            self.scan.selectAll()
            return False
        done = _("{name} certified ({method}).").format(name=c.name, method=code_text(method))
        resumed = resumption_text(result)
        self.clear()
        self.name.setText(_("Next person"))
        self.message.setText(done + (" " + resumed if resumed else ""))
        self.reload_today()
        self.due_rows = [r for r in self.due_rows if r.person_id != c.person_id]
        self._show_due()
        self.ctx.events.data_changed.emit()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on the method list certifies and brings the focus back to the scan field."""
        if (
            watched is self.method
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if not self.certify_current():
                self.scan.setFocus()
            return True
        return super().eventFilter(watched, event)

    # -- suspend overdue ---------------------------------------------------------------------
    def suspend_overdue(self) -> None:
        overdue = [
            r
            for r in self.due_rows
            if r.status == cert_rules.OVERDUE and r.award_status == AwardStatus.ACTIVE.value
        ]
        title = _("Suspend overdue")
        if not overdue:
            QMessageBox.information(self, title, _("No pension is overdue and still being paid."))
            return
        question = _(
            "Suspend the pension of {n} pensioner(s) not certified in time? Payment resumes, "
            "with the months missed, when they are certified."
        ).format(n=len(overdue))
        if not confirm(self, title, question):
            return
        try:
            with self.ctx.db.write(actor=self.ctx.user.username) as s:
                suspended = suspend_overdue(session=s, actor=self.ctx.user, today=self.ctx.today())
                count = len(suspended)
        except PermissionDenied:
            QMessageBox.warning(self, title, _("Only a supervisor may do this."))
            return
        QMessageBox.information(self, title, _("{n} pension(s) suspended.").format(n=count))
        self.ctx.events.data_changed.emit()
        self.refresh()
        self.scan.setFocus()
