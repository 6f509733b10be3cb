"""The form dialog every data-entry window is built on.

Required fields are marked; Save stays disabled while something is wrong and the reason is
shown under the form; Enter saves, Esc cancels; closing with unsaved changes asks first.
The dialog calls one service function on Save and shows its ValidationError, field by field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from villagedesk.domain.errors import ValidationError
from villagedesk.gui.context import AppContext
from villagedesk.gui.i18n import _
from villagedesk.gui.labels import error_text
from villagedesk.gui.qt import (
    QCheckBox,
    QCloseEvent,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
)
from villagedesk.gui.widgets.fields import IdNumberField
from villagedesk.services.context import PermissionDenied


def connect_changed(widget: QWidget, slot: Callable[[], None]) -> None:
    """Call ``slot`` whenever the widget's value changes, whatever kind of input it is."""
    if isinstance(widget, IdNumberField):
        widget.changed.connect(slot)
    elif isinstance(widget, QLineEdit):
        widget.textChanged.connect(lambda _t: slot())
    elif isinstance(widget, QPlainTextEdit):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(lambda _i: slot())
    elif isinstance(widget, QCheckBox):
        widget.toggled.connect(lambda _b: slot())
    elif isinstance(widget, QDateEdit):
        widget.dateChanged.connect(lambda _d: slot())
    elif isinstance(widget, QSpinBox):
        widget.valueChanged.connect(lambda _v: slot())


class FormDialog(QDialog):
    """Subclasses add fields with ``add_field``, and implement ``problems`` and ``submit``."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setModal(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.reason = QLabel()
        self.reason.setObjectName("formReason")
        self.reason.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.fields: dict[str, tuple[str, QWidget, bool]] = {}
        self.dirty = False
        self.result_value: Any = None
        self._loading = False

    # -- building --------------------------------------------------------------------------
    def add_field(
        self, name: str, label: str, widget: QWidget, *, required: bool = False
    ) -> QWidget:
        text = f"{label} *" if required else label
        self.form.addRow(text, widget)
        self.fields[name] = (label, widget, required)
        widget.setObjectName(f"field_{name}")
        connect_changed(widget, self._changed)
        return widget

    def loading(self, on: bool) -> None:
        """While filling fields in code, changes do not count as the clerk's edits."""
        self._loading = on
        if not on:
            self.revalidate()

    def _changed(self) -> None:
        if not self._loading:
            self.dirty = True
        self.revalidate()

    # -- to override -----------------------------------------------------------------------
    def problems(self) -> list[str]:
        """What prevents saving, as sentences for the clerk (checked as they type)."""
        out = []
        for label, widget, required in self.fields.values():
            if required and _is_empty(widget):
                out.append(f"{label}: {_('is required')}")
        return out

    def submit(self) -> Any:
        """Call the service; return what the caller wants back. Raise ValidationError."""
        raise NotImplementedError

    # -- behaviour -------------------------------------------------------------------------
    def revalidate(self) -> None:
        problems = self.problems()
        self.save_button.setEnabled(not problems)
        self.reason.setText("\n".join(problems))

    def try_save(self) -> None:
        self.revalidate()
        if not self.save_button.isEnabled():
            return
        try:
            self.result_value = self.submit()
        except ValidationError as exc:
            self.show_errors(exc)
            return
        except PermissionDenied:
            QMessageBox.warning(self, self.windowTitle(), _("Only a supervisor may do this."))
            return
        self.dirty = False
        self.ctx.events.data_changed.emit()
        self.accept()

    def show_errors(self, exc: ValidationError) -> None:
        lines = []
        for err in exc.errors:
            label = self.fields.get(err.field.split(".")[0], (None,))[0]
            lines.append(error_text(err, label))
        self.reason.setText("\n".join(lines))
        self.save_button.setEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(
            self.focusWidget(), QPlainTextEdit
        ):
            self.try_save()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self.dirty:
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                _("Discard what you have typed?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        self.dirty = False
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.dirty:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)


def _is_empty(widget: QWidget) -> bool:
    if isinstance(widget, IdNumberField):
        return not widget.text()
    if isinstance(widget, QLineEdit):
        return not widget.text().strip()
    if isinstance(widget, QPlainTextEdit):
        return not widget.toPlainText().strip()
    if isinstance(widget, QComboBox):
        return widget.currentData() is None
    return False
