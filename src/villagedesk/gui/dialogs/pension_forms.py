"""Pension forms on one person: enrol, contribute, award, pay, certify, record a death, and a
supervisor's correction of a money record.

Every figure shown comes from a service (``services.pension``, ``services.certification``,
``services.deaths``, ``services.pension_lists``); the forms hold no rule of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from villagedesk.domain.categories import AwardStatus, CertificationMethod
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.idnumber import age_on, mask_id
from villagedesk.domain.money import format_yuan
from villagedesk.domain.pension import ContributionSplit
from villagedesk.domain.policy import PolicyMissing
from villagedesk.gui.actions import Action, register
from villagedesk.gui.context import AppContext
from villagedesk.gui.dialogs.person_forms import confirm
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.labels import code_text, rule_text
from villagedesk.gui.qt import (
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
)
from villagedesk.gui.widgets.fields import DateField
from villagedesk.gui.widgets.forms import FormDialog
from villagedesk.gui.widgets.table import Column, RowsModel, make_table
from villagedesk.services.certification import CertifyResult, certification_status, certify
from villagedesk.services.context import get_live
from villagedesk.services.deaths import (
    DeathOutcome,
    mark_deceased,
    record_recovery,
    stop_payment_after_death,
)
from villagedesk.services.entitlement import Entitlement, entitlement
from villagedesk.services.facts import status_facts
from villagedesk.services.pension import (
    ContributionResult,
    award_of,
    award_pension,
    enrol,
    paid_months,
    preview_contribution,
    record_contribution,
    record_payment,
    reverse_contribution,
    reverse_payment,
)
from villagedesk.services.pension_lists import (
    AwardPreview,
    LedgerEntry,
    award_preview,
    correctable_entries,
    enrolled_grade,
    grades_for_contribution,
    grades_in_force,
)
from villagedesk.store.models import BenefitAward, Person

# --------------------------------------------------------------------------- labels


def category_text(code: str | None) -> str:
    """The insured category of an enrolment, translated."""  # 参保人员类别
    if not code:
        return ""
    texts = {
        "ordinary": _("ordinary resident"),
        "disabled_1": _("disabled, grade 1"),
        "disabled_2": _("disabled, grade 2"),
        "disabled_3": _("disabled, grade 3"),
        "tekun_1": _("extreme poverty support, class 1"),
        "tekun_2": _("extreme poverty support, class 2"),
        "tekun_3": _("extreme poverty support, class 3"),
        "poor_1": _("registered poor, class 1"),
        "poor_2": _("registered poor, class 2"),
        "poor_3": _("registered poor, class 3"),
        "dibao_1": _("minimum living allowance, class 1"),
        "dibao_2": _("minimum living allowance, class 2"),
        "dibao_3": _("minimum living allowance, class 3"),
        "family_planning": _("family-planning special support"),
        "other": _("other"),
    }
    return texts.get(code, code_text(code))


def level_text(code: str | None) -> str:
    """Who shares a government-paid premium with the region."""
    if code == "county":
        return _("county")
    if code == "city":
        return _("prefecture city")
    return ""


def yuan(fen: int) -> str:
    return _("{amount} yuan").format(amount=format_yuan(fen, grouping=True))


def month_text(month: date) -> str:
    return f"{month:%Y-%m}"


def errors_text(exc: ValidationError) -> str:
    return "; ".join(rule_text(e.rule) or e.message for e in exc.errors)


# --------------------------------------------------------------------------- widgets


class MonthField(QDateEdit):
    """A month: shows yyyy-MM, ``value()`` is the first day of that month."""

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM")
        self.setCalendarPopup(False)
        self.setMinimumDate(QDate(2009, 1, 1))
        if value is not None:
            self.set_value(value)

    def value(self) -> date:
        d = self.date()
        return date(d.year(), d.month(), 1)

    def set_value(self, value: date) -> None:
        self.setDate(QDate(value.year, value.month, 1))

    def set_latest(self, value: date) -> None:
        self.setMaximumDate(QDate(value.year, value.month, 1))


def _info_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class PersonForm(FormDialog):
    """A form about one person: the person's name, masked ID number and age on top."""

    def __init__(
        self, ctx: AppContext, person_id: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, title, parent)
        self.person_id = person_id
        with ctx.db.read() as s:
            self.person = get_live(s, Person, person_id, field="person_id")
        p = self.person
        header = QLabel(
            f"<b>{p.name}</b> &nbsp; {mask_id(p.id_number)} &nbsp; "
            + _("{age} years").format(age=age_on(p.birth_date, ctx.today()))
        )
        header.setObjectName("personHeader")
        self.header = header
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(0, header)
        self.setMinimumWidth(560)

    def finish(self) -> None:
        """Call at the end of a subclass's ``__init__``: nothing typed yet, reasons shown."""
        self.dirty = False
        self.revalidate()

    def tell(self, text: str) -> None:
        """Tell the clerk what was done (after saving), over the page that opened the form."""
        QMessageBox.information(self.parentWidget() or self, self.windowTitle(), text)


def _grade_items(combo: QComboBox, grades: list[Any], keep: int | None) -> None:
    current = keep if keep is not None else combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for g in grades:
        combo.addItem(
            _("{grade} yuan a year (subsidy {subsidy})").format(
                grade=format_yuan(g.grade_fen), subsidy=format_yuan(g.subsidy_fen)
            ),
            g.grade_fen,
        )
    index = combo.findData(current) if current is not None else -1
    combo.setCurrentIndex(index if index >= 0 else (0 if grades else -1))
    combo.blockSignals(False)


# --------------------------------------------------------------------------- enrol


# 参保登记
class EnrolDialog(PersonForm):
    """Enrolment: the enrolment date and the yearly grade; the insured category is shown."""

    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, person_id, _("Enrol in the resident pension"), parent)
        self.loading(True)
        self.enrolled_on = DateField(ctx.today())
        self.enrolled_on.setMaximumDate(QDate(ctx.today().year, ctx.today().month, ctx.today().day))
        self.add_field("enrolled_on", _("Enrolment date"), self.enrolled_on, required=True)
        self.grade = QComboBox()
        self.add_field("grade_fen", _("Contribution grade"), self.grade, required=True)
        self.category = _info_label("category")
        self.form.addRow(_("Insured category"), self.category)
        self.enrolled_on.dateChanged.connect(lambda _d: self._reload())
        self._reload()
        self.loading(False)
        self.finish()

    def _reload(self) -> None:
        on = self.enrolled_on.value()
        with self.ctx.db.read() as s:
            grades = grades_in_force(session=s, person_id=self.person_id, on=on)
            facts = status_facts(session=s, person_id=self.person_id, on=on)
        _grade_items(self.grade, grades, None)
        self.category.setText(category_text(facts.insured_category().value))

    def problems(self) -> list[str]:
        out = super().problems()
        if self.grade.count() == 0:
            out.append(_("No contribution grades are in force on this date."))
        return out

    def submit(self) -> Any:
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            return enrol(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                person_id=self.person_id,
                enrolled_on=self.enrolled_on.value(),
                grade_fen=int(self.grade.currentData()),
            )


# --------------------------------------------------------------------------- contribute

ReceiptPrinter = Callable[[AppContext, QWidget | None, str], None]
_receipt_printer: ReceiptPrinter | None = None


def set_receipt_printer(printer: ReceiptPrinter | None) -> None:
    """The documents layer plugs in here: ``printer(ctx, parent, contribution_id)``."""
    global _receipt_printer
    _receipt_printer = printer


def split_lines(split: ContributionSplit) -> list[tuple[str, str]]:
    """The parts of a contribution as (label, amount) rows, as the clerk reads them."""
    rows = [
        (_("Paid by the person"), yuan(split.personal_fen)),
        (_("Government subsidy"), yuan(split.subsidy_fen)),
        (_("Paid by the government (premium)"), yuan(split.paid_premium_fen)),
    ]
    if split.paid_premium_fen:
        rows.append(
            (
                _("  of which region / {level}").format(
                    level=level_text(split.local_level.value if split.local_level else None)
                ),
                f"{format_yuan(split.region_fen)} / {format_yuan(split.local_fen)}",
            )
        )
    rows.append((_("Credited to the account"), yuan(split.total_credited_fen)))
    return rows


# 缴费
class ContributionDialog(PersonForm):
    """Contribution: a year and a grade; who pays what is shown before saving and after."""

    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, person_id, _("Record a contribution"), parent)
        today = ctx.today()
        self.loading(True)
        self.year = QSpinBox()
        self.year.setRange(self.person.birth_date.year + 16, max(today.year, 1990))
        self.year.setValue(today.year)
        self.add_field("year", _("Year"), self.year, required=True)
        self.grade = QComboBox()
        self.add_field("grade_fen", _("Contribution grade"), self.grade, required=True)
        self.preview = QFormLayout()
        self.preview_rows: list[tuple[QLabel, QLabel]] = []
        for i in range(5):
            name, value = QLabel(), _info_label(f"split_{i}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.preview.addRow(name, value)
            self.preview_rows.append((name, value))
        self.form.addRow(self.preview)
        with ctx.db.read() as s:
            self.enrolled_grade = enrolled_grade(session=s, person_id=person_id)
        self.split: ContributionSplit | None = None
        self.year.valueChanged.connect(lambda _v: self._reload_grades())
        self.grade.currentIndexChanged.connect(lambda _i: self._update_preview())
        self._reload_grades(keep=self.enrolled_grade)
        self.loading(False)
        self.finish()

    def _reload_grades(self, keep: int | None = None) -> None:
        with self.ctx.db.read() as s:
            grades = grades_for_contribution(
                session=s,
                person_id=self.person_id,
                year=self.year.value(),
                paid_on=self.ctx.today(),
            )
        _grade_items(self.grade, grades, keep)
        self._update_preview()

    def _update_preview(self) -> None:
        self.split = None
        grade = self.grade.currentData()
        if grade is not None:
            try:
                with self.ctx.db.read() as s:
                    self.split = preview_contribution(
                        session=s,
                        person_id=self.person_id,
                        year=self.year.value(),
                        grade_fen=int(grade),
                        paid_on=self.ctx.today(),
                    )
            except (ValidationError, PolicyMissing):
                self.split = None
        rows = split_lines(self.split) if self.split is not None else []
        for i, (name, value) in enumerate(self.preview_rows):
            text, amount = rows[i] if i < len(rows) else ("", "")
            name.setText(text)
            value.setText(amount)
        self.revalidate()

    def problems(self) -> list[str]:
        out = super().problems()
        if self.grade.count() == 0:
            out.append(_("No contribution grades are in force for this year."))
        return out

    def submit(self) -> ContributionResult:
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            return record_contribution(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                person_id=self.person_id,
                year=self.year.value(),
                grade_fen=int(self.grade.currentData()),
                paid_on=self.ctx.today(),
            )

    def try_save(self) -> None:
        super().try_save()
        result = self.result_value
        if self.result() != QDialog.DialogCode.Accepted or not isinstance(
            result, ContributionResult
        ):
            return
        lines = [_("Contribution for {year} saved.").format(year=result.contribution.year)]
        lines += [f"{name.strip()}: {amount}" for name, amount in split_lines(result.split)]
        lines.append("")
        lines.append(_("Print the receipt?"))
        answer = QMessageBox.question(
            self.parentWidget() or self,
            self.windowTitle(),
            "\n".join(lines),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.print_receipt(result.contribution.id)

    def print_receipt(self, contribution_id: str) -> None:
        if _receipt_printer is None:
            self.tell(_("Printing receipts is not available in this build yet."))
            return
        _receipt_printer(self.ctx, self.parentWidget(), contribution_id)


# --------------------------------------------------------------------------- award


def eligibility_text(preview: AwardPreview) -> str:
    elig = preview.eligibility
    if elig.eligible and elig.kind is not None:
        return _("Eligible: {kind}").format(kind=_pension_kind(elig.kind.value))
    reason = rule_text(elig.reason) or elig.reason
    text = _("Not eligible: {reason}").format(reason=reason)
    if elig.reason == "too_few_years":
        text += " — " + _("{short} year(s) short of the {required} required").format(
            short=elig.years_short, required=elig.required_years
        )
        if elig.may_back_pay_years:
            text += "; " + _("may back-pay {n} year(s)").format(n=elig.may_back_pay_years)
    return text


def _pension_kind(kind: str) -> str:
    texts = {
        "normal": _("normal pension (15 years paid)"),
        "transitional": _("transitional pension"),
        "special": _("special basic pension"),
    }
    return texts.get(kind, code_text(kind))


# 待遇核定
class AwardDialog(PersonForm):
    """Award: eligibility, kind and monthly amount = basic + balance ÷ 139, then confirm."""

    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, person_id, _("Award the pension"), parent)
        today = ctx.today()
        self.loading(True)
        self.on = DateField(today)
        self.on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.add_field("on", _("Application date"), self.on, required=True)
        self.eligibility = _info_label("eligibility")
        self.years = _info_label("years")
        self.basic = _info_label("basic")
        self.bonus = _info_label("bonus")
        self.account = _info_label("accountPart")
        self.monthly = _info_label("monthly")
        self.monthly.setStyleSheet("font-size: 130%; font-weight: bold;")
        self.form.addRow(_("Eligibility"), self.eligibility)
        self.form.addRow(_("Contribution years"), self.years)
        self.form.addRow(_("Basic pension"), self.basic)
        self.form.addRow(_("Long-contribution bonus"), self.bonus)
        self.form.addRow(_("Account part"), self.account)
        self.form.addRow(_("Monthly pension"), self.monthly)
        self.save_button.setText(_("Award"))
        self.preview: AwardPreview | None = None
        self.on.dateChanged.connect(lambda _d: self._reload())
        self._reload()
        self.loading(False)
        self.finish()

    def _reload(self) -> None:
        self.preview = None
        try:
            with self.ctx.db.read() as s:
                self.preview = award_preview(
                    session=s, person_id=self.person_id, on=self.on.value()
                )
        except (ValidationError, PolicyMissing):
            pass
        p = self.preview
        if p is None:
            for label in (
                self.eligibility,
                self.years,
                self.basic,
                self.bonus,
                self.account,
                self.monthly,
            ):
                label.setText("—")
            return
        self.eligibility.setText(eligibility_text(p))
        self.years.setText(str(p.contribution_years))
        if p.amount is None:
            for label in (self.basic, self.bonus, self.account, self.monthly):
                label.setText("—")
            return
        self.basic.setText(yuan(p.amount.basic_fen))
        self.bonus.setText(yuan(p.amount.bonus_fen))
        self.account.setText(
            _("balance {balance} ÷ {divisor} = {part}").format(
                balance=format_yuan(p.balance_fen, grouping=True),
                divisor=p.divisor,
                part=yuan(p.amount.account_fen),
            )
        )
        self.monthly.setText(yuan(p.amount.total_fen))

    def problems(self) -> list[str]:
        out = super().problems()
        p = self.preview
        if self.person.death_date is not None:
            out.append(rule_text("deceased") or "")
        elif p is None:
            out.append(_("The pension policy for this date is missing."))
        elif p.already_awarded:
            out.append(rule_text("already_awarded") or "")
        elif not p.eligibility.eligible:
            out.append(eligibility_text(p))
        return out

    def submit(self) -> BenefitAward:
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            return award_pension(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                person_id=self.person_id,
                on=self.on.value(),
            )

    def try_save(self) -> None:
        super().try_save()
        award = self.result_value
        if self.result() == QDialog.DialogCode.Accepted and isinstance(award, BenefitAward):
            self.tell(
                _("Pension awarded: {amount} a month, paid from {month}.").format(
                    amount=yuan(award.monthly_fen), month=month_text(award.first_month)
                )
            )


# --------------------------------------------------------------------------- pay


class PaymentDialog(PersonForm):
    """One month's pension paid to this person."""

    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, person_id, _("Pay the pension for a month"), parent)
        today = ctx.today()
        self.loading(True)
        with ctx.db.read() as s:
            self.award = award_of(session=s, person_id=person_id)
            self.paid = paid_months(session=s, person_id=person_id)
        self.month = MonthField(today)
        self.month.set_latest(today)
        self.add_field("month", _("Month"), self.month, required=True)
        self.about = _info_label("awardInfo")
        self.form.addRow(_("Pension"), self.about)
        self.state = _info_label("monthState")
        self.form.addRow("", self.state)
        if self.award is not None:
            self.about.setText(
                _("{amount} a month, {status}, from {month}").format(
                    amount=yuan(self.award.monthly_fen),
                    status=code_text(self.award.status),
                    month=month_text(self.award.first_month),
                )
            )
            paid = sorted(m for m, a in self.paid.items() if a > 0)
            if paid:
                self.state.setText(_("Last month paid: {month}").format(month=month_text(paid[-1])))
        else:
            self.about.setText(rule_text("no_award") or "")
        self.save_button.setText(_("Pay"))
        self.loading(False)
        self.finish()

    def problems(self) -> list[str]:
        out = super().problems()
        if self.award is None:
            out.append(rule_text("no_award") or "")
        elif self.award.status != AwardStatus.ACTIVE.value:
            out.append(rule_text("award_status") or "")
        elif self.paid.get(self.month.value(), 0) > 0:
            out.append(_("{month} is already paid.").format(month=month_text(self.month.value())))
        return out

    def submit(self) -> Any:
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            return record_payment(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                person_id=self.person_id,
                month=self.month.value(),
            )


# --------------------------------------------------------------------------- certify


def method_items(combo: QComboBox) -> None:
    """The certification methods, the counter first (the default)."""
    for method in CertificationMethod:
        combo.addItem(code_text(method.value), method.value)
    combo.setCurrentIndex(combo.findData(CertificationMethod.COUNTER.value))


def resumption_text(result: CertifyResult) -> str | None:
    """What resuming a suspended pension did, or None when it was not suspended."""
    if not result.resumed:
        return None
    if not result.back_paid:
        return _("The suspended pension is paid again from this month.")
    months = sorted(p.month for p in result.back_paid)
    span = month_text(months[0])
    if len(months) > 1:
        span += " – " + month_text(months[-1])
    return _(
        "The suspended pension is paid again; {n} month(s) back-paid ({span}): {amount}."
    ).format(n=len(months), span=span, amount=yuan(result.back_paid_fen))


def certify_person(ctx: AppContext, person_id: str, method: str) -> CertifyResult:
    """Certify at today's date with ``method`` (used by the form and the queue page)."""
    with ctx.db.write(actor=ctx.user.username) as s:
        return certify(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            person_id=person_id,
            method=CertificationMethod(method),
        )


# 生存认证
class CertifyDialog(PersonForm):
    """Survival certification of one person: the method (at the counter by default); a
    suspended pension resumes and the months it missed are back-paid."""

    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, person_id, _("Survival certification"), parent)
        self.loading(True)
        self.method = QComboBox()
        method_items(self.method)
        self.add_field("method", _("Method"), self.method, required=True)
        self.note = self.add_field("note", _("Note"), QLineEdit())
        self.state = _info_label("certState")
        self.form.addRow(_("Status"), self.state)
        self.resume = _info_label("resumeNote")
        self.form.addRow("", self.resume)
        with ctx.db.read() as s:
            self.award = award_of(session=s, person_id=person_id)
            state = certification_status(session=s, person_id=person_id, on=ctx.today())
        self.has_state = state is not None
        if state is not None:
            window = f"{state.current_window[0]} – {state.current_window[1]}"
            self.state.setText(
                _("{status}; window {window}; due by {due}").format(
                    status=code_text(state.status), window=window, due=state.due_by.isoformat()
                )
            )
        if self.award is not None and self.award.status == AwardStatus.SUSPENDED.value:
            since = self.award.suspended_from
            self.resume.setText(
                _(
                    "The pension is suspended since {month}: certifying resumes it and back-pays "
                    "the months missed."
                ).format(month=month_text(since) if since else "?")
            )
        self.save_button.setText(_("Certify"))
        self.outcome: str | None = None
        self.loading(False)
        self.finish()

    def problems(self) -> list[str]:
        out = super().problems()
        if self.person.death_date is not None:
            out.append(rule_text("deceased") or "")
        elif not self.has_state:
            out.append(rule_text("no_award") or "")
        return out

    def submit(self) -> CertifyResult:
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            return certify(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                person_id=self.person_id,
                method=CertificationMethod(self.method.currentData()),
                note=self.note.text().strip(),  # type: ignore[attr-defined]
            )

    def try_save(self) -> None:
        super().try_save()
        result = self.result_value
        if self.result() == QDialog.DialogCode.Accepted and isinstance(result, CertifyResult):
            self.outcome = resumption_text(result)
            if self.outcome:
                self.tell(self.outcome)


# --------------------------------------------------------------------------- deceased


def death_text(outcome: DeathOutcome) -> str:
    st = outcome.settlement
    lines = [
        _("{name} is recorded as deceased on {date}.").format(
            name=outcome.person.name,
            date=outcome.person.death_date.isoformat() if outcome.person.death_date else "",
        ),
        _("Payment stops from {month}.").format(month=month_text(st.stop_from)),
    ]
    if st.overpaid_months:
        lines.append(
            _("Paid after death, to recover: {n} month(s) ({months}), {amount}.").format(
                n=len(st.overpaid_months),
                months=", ".join(month_text(m) for m in st.overpaid_months),
                amount=yuan(st.overpaid_fen),
            )
        )
    else:
        lines.append(_("Nothing was paid after death."))
    lines.append(
        _("Inheritable account balance: {amount}.").format(amount=yuan(st.inheritable_fen))
    )
    if st.overpaid_fen:
        lines.append(_("Net to the heirs: {amount}.").format(amount=yuan(st.net_to_heirs_fen)))
    return "\n".join(lines)


class DeceasedDialog(PersonForm):
    """Record a death: asks first (payment stops), then shows what follows for the family."""

    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, person_id, _("Record a death"), parent)
        today = ctx.today()
        self.loading(True)
        self.death_date = DateField(today)
        self.death_date.setMaximumDate(QDate(today.year, today.month, today.day))
        self.add_field("death_date", _("Date of death"), self.death_date, required=True)
        self.about = _info_label("pensionInfo")
        self.form.addRow(_("Pension"), self.about)
        with ctx.db.read() as s:
            self.ent: Entitlement = entitlement(session=s, person_id=person_id, on=today)
        self.about.setText(self._about())
        self.save_button.setText(_("Record death"))
        self.outcome: DeathOutcome | None = None
        self.loading(False)
        self.finish()

    def _about(self) -> str:
        ent = self.ent
        parts = [_("Account balance: {amount}").format(amount=yuan(ent.balance_fen))]
        if ent.award is not None:
            parts.insert(
                0,
                _("{amount} a month, {status}").format(
                    amount=yuan(ent.award.monthly_fen), status=code_text(ent.award.status)
                ),
            )
            if ent.last_paid_month is not None:
                parts.append(_("last paid {month}").format(month=month_text(ent.last_paid_month)))
        return " · ".join(parts)

    def problems(self) -> list[str]:
        out = super().problems()
        if self.person.death_date is not None:
            out.append(rule_text("already_deceased") or "")
        return out

    def try_save(self) -> None:
        self.revalidate()
        if not self.save_button.isEnabled():
            return
        question = _(
            "Record {name} as deceased on {date}? Pension payment stops and the enrolment ends."
        ).format(name=self.person.name, date=self.death_date.value().isoformat())
        if not confirm(self, self.windowTitle(), question):
            return
        super().try_save()
        if self.result() == QDialog.DialogCode.Accepted and self.outcome is not None:
            self.tell(death_text(self.outcome))

    def submit(self) -> DeathOutcome:
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            self.outcome = mark_deceased(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                person_id=self.person_id,
                death_date=self.death_date.value(),
            )
            return self.outcome


# --------------------------------------------------------------------------- stop payment


class StopPaymentDialog(PersonForm):
    """For a death recorded while the pension still runs: stop it, and record the money
    paid after the death once it has come back."""

    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, person_id, _("Stop payment after a death"), parent)
        self.loading(True)
        with ctx.db.read() as s:
            self.ent = entitlement(session=s, person_id=person_id, on=ctx.today())
        self.about = _info_label("stopInfo")
        died = self.person.death_date.isoformat() if self.person.death_date else "?"
        parts = [_("Died {date}").format(date=died)]
        if self.ent.award is not None:
            parts.append(code_text(self.ent.award.status))
        self.about.setText(" · ".join(parts))
        self.form.addRow(_("Pension"), self.about)
        self.returned = QLineEdit()
        self.add_field(
            "reason", _("Overpayment returned (how; leave empty if not yet)"), self.returned
        )
        self.save_button.setText(_("Stop payment"))
        self.loading(False)
        self.finish()

    def problems(self) -> list[str]:
        out = super().problems()
        if self.person.death_date is None:
            out.append(_("No death is recorded for this person."))
        return out

    def submit(self) -> DeathOutcome | None:
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            outcome = None
            if self.ent.award is not None and self.ent.award.status != "stopped":
                outcome = stop_payment_after_death(
                    session=s,
                    actor=self.ctx.user,
                    today=self.ctx.today(),
                    person_id=self.person_id,
                )
            if self.returned.text().strip():
                record_recovery(
                    session=s,
                    actor=self.ctx.user,
                    today=self.ctx.today(),
                    person_id=self.person_id,
                    reason=self.returned.text(),
                )
            return outcome


# --------------------------------------------------------------------------- correct


def _ledger_text(ledger: str) -> str:
    return _("Contribution") if ledger == "contribution" else _("Payment")


class CorrectionDialog(PersonForm):
    """A supervisor reverses a contribution or a payment with a reason; the original stays."""

    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, person_id, _("Correct a money record"), parent)
        self.loading(True)
        self.model = RowsModel(
            [
                Column(N_("Record"), lambda e: _ledger_text(e.ledger)),
                Column(N_("Year / month"), lambda e: e.period),
                Column(N_("Booked"), lambda e: e.booked_on.isoformat()),
                Column(N_("Kind"), lambda e: code_text(e.kind)),
                Column(N_("Amount"), lambda e: format_yuan(e.amount_fen), align_right=True),
            ]
        )
        self.entries = make_table(self.model)
        self.entries.setObjectName("entries")
        self.entries.setMinimumHeight(200)
        self.form.addRow(_("Record to reverse"), self.entries)
        self.fields["entry"] = (_("Record to reverse"), self.entries, True)
        self.entries.selectionModel().selectionChanged.connect(lambda *_a: self._changed())
        self.reason_field = QLineEdit()
        self.add_field("reason", _("Reason"), self.reason_field, required=True)
        with ctx.db.read() as s:
            self.model.set_rows(correctable_entries(session=s, person_id=person_id))
        self.save_button.setText(_("Reverse"))
        self.setMinimumWidth(680)
        self.loading(False)
        self.finish()

    def selected(self) -> LedgerEntry | None:
        rows = self.entries.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    def select_entry(self, entry_id: str) -> None:
        for row, entry in enumerate(self.model.rows):
            if entry.entry_id == entry_id:
                self.entries.selectRow(row)
                return

    def problems(self) -> list[str]:
        out = [p for p in super().problems() if not p.startswith(_("Record to reverse"))]
        if not self.model.rows:
            out.append(_("This person has no contribution or payment to correct."))
        elif self.selected() is None:
            out.append(_("Choose the record to reverse."))
        if self.reason_field.text().strip() and len(self.reason_field.text().strip()) < 2:
            out.append(_("Reason: is too short"))
        return out

    def try_save(self) -> None:
        self.revalidate()
        entry = self.selected()
        if not self.save_button.isEnabled() or entry is None:
            return
        question = _(
            "Reverse the {record} for {period} ({amount})? A reversing entry is added; the "
            "original stays in the ledger."
        ).format(
            record=_ledger_text(entry.ledger).lower(),
            period=entry.period,
            amount=yuan(entry.amount_fen),
        )
        if confirm(self, self.windowTitle(), question):
            super().try_save()

    def submit(self) -> Any:
        entry = self.selected()
        assert entry is not None
        reason = self.reason_field.text()
        with self.ctx.db.write(actor=self.ctx.user.username) as s:
            if entry.ledger == "contribution":
                return reverse_contribution(
                    session=s,
                    actor=self.ctx.user,
                    today=self.ctx.today(),
                    contribution_id=entry.entry_id,
                    reason=reason,
                )
            return reverse_payment(
                session=s,
                actor=self.ctx.user,
                today=self.ctx.today(),
                payment_id=entry.entry_id,
                reason=reason,
            )


# --------------------------------------------------------------------------- actions


def _opener(
    form: Callable[[AppContext, str, QWidget | None], QDialog],
) -> Callable[[AppContext, QWidget | None, str], bool]:
    def run(ctx: AppContext, parent: QWidget | None, person_id: str) -> bool:
        return bool(form(ctx, person_id, parent).exec())

    return run


def refuse_clerk(ctx: AppContext, parent: QWidget | None) -> bool:
    """True (after telling the clerk) when the logged-in clerk is not a supervisor."""
    if ctx.user.is_supervisor:
        return False
    QMessageBox.warning(
        parent,
        _("Correct a money record"),
        _("Only a supervisor may correct money records. Please ask your supervisor."),
    )
    return True


def _correct(ctx: AppContext, parent: QWidget | None, person_id: str) -> bool:
    if refuse_clerk(ctx, parent):
        return False
    return bool(CorrectionDialog(ctx, person_id, parent).exec())


register(Action("enrol", N_("Enrol in pension"), _opener(EnrolDialog)))
register(Action("contribute", N_("Record contribution"), _opener(ContributionDialog)))
register(Action("award", N_("Award pension"), _opener(AwardDialog)))
register(Action("pay", N_("Pay a month"), _opener(PaymentDialog)))
register(Action("certify", N_("Certify survival"), _opener(CertifyDialog)))
register(Action("deceased", N_("Record death"), _opener(DeceasedDialog)))
register(Action("correct", N_("Correct money record"), _correct, supervisor_only=True))
register(Action("stop_payment", N_("Stop payment after death"), _opener(StopPaymentDialog)))
