"""Input fields that check as you type and explain what is wrong."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from villagedesk.domain.division import default_division_table
from villagedesk.domain.idnumber import IdCheck, age_on, check_id_number
from villagedesk.domain.money import format_yuan, yuan_to_fen
from villagedesk.gui.i18n import _
from villagedesk.gui.labels import rule_text, sex_text
from villagedesk.gui.qt import QDate, QDateEdit, QLabel, QLineEdit, QVBoxLayout, QWidget, Signal


class IdNumberField(QWidget):
    """An ID number: shows birth date, sex and age as soon as the number is whole and valid.

    A scanner or ID-card reader that types the digits and Enter works like a person typing.
    """

    changed = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.edit = QLineEdit()
        self.edit.setMaxLength(20)
        self.edit.setPlaceholderText(_("18-digit ID number"))
        self.info = QLabel()
        self.info.setObjectName("fieldInfo")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.info)
        self.edit.textChanged.connect(self._on_text)
        self.result: IdCheck | None = None

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def _on_text(self, _text: str) -> None:
        text = self.text()
        self.result = None
        if not text:
            self.info.setText("")
        else:
            table = default_division_table()
            result = check_id_number(text, today=self._today(), known_county=table.vouches_for)
            self.result = result
            if result.valid and result.birth_date and result.sex:
                age = age_on(result.birth_date, self._today())
                parts = [
                    result.birth_date.isoformat(),
                    sex_text(result.sex.value),
                    _("{age} years").format(age=age),
                ]
                county = table.name(text[:6])
                if county:
                    parts.append(county)
                for warning in result.warnings:
                    parts.append("⚠ " + (rule_text(warning.rule) or warning.message))
                self.info.setText(" · ".join(parts))
            elif len(text) < 15:
                self.info.setText(_("{n} of 18 characters").format(n=len(text)))
            else:
                first = result.errors[0]
                text = (
                    _("must have 15 or 18 characters")
                    if first.rule == "length"
                    else rule_text(first.rule) or first.message
                )
                self.info.setText("✗ " + text)
        self.changed.emit()

    def problem(self) -> str | None:
        """Why the number cannot be saved, or None."""
        if not self.text():
            return rule_text("required")
        if self.result is None or not self.result.valid:
            if self.result and self.result.errors and self.result.errors[0].rule != "length":
                return rule_text(self.result.errors[0].rule) or self.result.errors[0].message
            return _("must have 15 or 18 characters")
        return None


class DateField(QDateEdit):
    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(QDate(1880, 1, 1))
        if value is not None:
            self.set_value(value)

    def value(self) -> date:
        d = self.date()
        return date(d.year(), d.month(), d.day())

    def set_value(self, value: date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))


class MoneyField(QLineEdit):
    """Yuan with up to two decimals; ``fen()`` is None while the text is not an amount."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("0.00")

    def fen(self) -> int | None:
        text = self.text().strip()
        if not text:
            return None
        try:
            value = yuan_to_fen(text)
        except ValueError:
            return None
        return value if value >= 0 else None

    def set_fen(self, fen: int | None) -> None:
        self.setText("" if fen is None else format_yuan(fen))

    def problem(self) -> str | None:
        if self.text().strip() and self.fen() is None:
            return _("not an amount in yuan (e.g. 1528.80)")
        return None
