"""数据比对: every result of the county's data matching for this station's residents, with
the clerk's answer (confirm, or dispute with a reason)."""

from __future__ import annotations

from villagedesk.gui.context import AppContext
from villagedesk.gui.dialogs.matching_forms import NoticesPanel
from villagedesk.gui.i18n import N_
from villagedesk.gui.pages.base import Page
from villagedesk.gui.qt import QWidget


class MatchingPage(Page):
    title = N_("County data matching")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.panel = NoticesPanel(ctx, parent=self)
        self.layout_.addWidget(self.panel, 1)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.panel.retranslate()

    def refresh(self) -> None:
        self.panel.refresh()
