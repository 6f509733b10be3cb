"""同步: the county server's address, what waits to be sent, and the last result."""

from __future__ import annotations

from sqlalchemy import func, select

from villagedesk.domain.errors import ValidationError
from villagedesk.gui.context import AppContext
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.labels import error_text
from villagedesk.gui.pages.base import Page
from villagedesk.gui.qt import QFormLayout, QLabel, QLineEdit, QPushButton, QWidget
from villagedesk.services.station import set_server, station
from villagedesk.store.models import OutboxEntry, SyncState


class SyncPage(Page):
    title = N_("Sync")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        form = QFormLayout()
        self.server = QLineEdit()
        self.server.setObjectName("syncServer")
        self.token = QLineEdit()
        self.token.setObjectName("syncToken")
        self.save = QPushButton()
        self.save.setObjectName("saveServer")
        self.save.clicked.connect(self.save_server)
        self.pending = QLabel()
        self.pending.setObjectName("syncPending")
        self.last = QLabel()
        self.last.setObjectName("syncLast")
        self.message = QLabel()
        self.message.setObjectName("syncMessage")
        self.message.setWordWrap(True)
        self.server_label, self.token_label = QLabel(), QLabel()
        self.pending_label, self.last_label = QLabel(), QLabel()
        form.addRow(self.server_label, self.server)
        form.addRow(self.token_label, self.token)
        form.addRow("", self.save)
        form.addRow(self.pending_label, self.pending)
        form.addRow(self.last_label, self.last)
        self.layout_.addLayout(form)
        self.layout_.addWidget(self.message)
        self.layout_.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.server_label.setText(_("County server"))
        self.token_label.setText(_("Enrolment token"))
        self.save.setText(_("Save"))
        self.pending_label.setText(_("Changes waiting to be sent"))
        self.last_label.setText(_("Last sync"))

    def refresh(self) -> None:
        with self.ctx.db.read() as s:
            st = station(session=s)
            acked = s.scalar(select(SyncState.value).where(SyncState.key == "outbox_acked_seq"))
            pending = s.scalar(
                select(func.count()).select_from(OutboxEntry)
                .where(OutboxEntry.seq > int(acked or 0))
            )
            last = s.scalar(select(SyncState.value).where(SyncState.key == "last_sync_at"))
        self.server.setText(st.server_url)
        self.token.setText(st.enrolment_token)
        self.pending.setText(str(pending or 0))
        self.last.setText(last or _("never"))

    def save_server(self) -> None:
        try:
            with self.ctx.db.write(actor=self.ctx.user.username) as s:
                set_server(session=s, server_url=self.server.text(),
                           enrolment_token=self.token.text())
        except ValidationError as exc:
            self.message.setText("\n".join(error_text(e, _("County server")) for e in exc.errors))
            return
        self.message.setText(_("Saved."))
        self.ctx.events.data_changed.emit()
