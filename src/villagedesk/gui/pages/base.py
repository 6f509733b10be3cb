"""What every page of the main window has: a title, a heading and ``refresh()``."""

from __future__ import annotations

from villagedesk.gui.context import AppContext
from villagedesk.gui.qt import QLabel, QVBoxLayout, QWidget


class Page(QWidget):
    """Subclasses build their widgets in ``__init__`` and reload data in ``refresh``."""

    title = "page"  # English source, marked with N_() in subclasses

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.layout_ = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.layout_.addWidget(self.heading)

    def refresh(self) -> None:
        """Reload what the page shows (called when shown and after data changes)."""

    def retranslate(self) -> None:
        from villagedesk.gui.i18n import _

        self.heading.setText(_(self.title))
