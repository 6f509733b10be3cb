"""What every window needs: the database, who is logged in, today's date, background tasks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from villagedesk.gui.qt import QObject, Signal
from villagedesk.gui.tasks import Tasks
from villagedesk.services.context import Actor
from villagedesk.store.database import Database


class Events(QObject):
    """Application-wide notifications, so pages refresh after a change made elsewhere."""

    data_changed = Signal()  # something was written: counts and lists may be stale
    person_opened = Signal(str)  # open this person's page
    language_changed = Signal(str)
    logged_out = Signal()


@dataclass
class AppContext:
    db: Database
    tasks: Tasks
    today: Callable[[], date] = date.today
    actor: Actor | None = None
    events: Events = field(default_factory=Events)

    @property
    def user(self) -> Actor:
        if self.actor is None:
            raise RuntimeError("nobody is logged in")
        return self.actor
