"""Data-matching notices at a counter as a pull writes them (no outbox entry: they are the
county's rows), for service and GUI tests that need some without a county."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import insert

from helpers import make_id
from villagedesk.domain.categories import Role
from villagedesk.services.context import Actor
from villagedesk.services.persons import register_person
from villagedesk.store.database import Database
from villagedesk.store.models import MatchNotice

PUBLISHED = datetime(2026, 11, 20, 15, 0)
REGISTRAR = Actor(username="li", role=Role.SUPERVISOR, display_name="李主管")


def add_person(db: Database, seq: int, name: str) -> str:
    with db.write(actor="li") as s:
        return register_person(
            session=s,
            actor=REGISTRAR,
            today=date(2026, 11, 27),
            id_number=make_id(date(1958, 3, 2), seq),
            name=name,
        ).id


def pulled_notice(
    db: Database,
    person_id: str,
    *,
    description: str = "死亡：2026-11-01",
    source: str = "public_security",
    action: str = "death",
    batch_id: str = "batch-1",
) -> str:
    notice_id = str(uuid.uuid4())
    with db.write() as s:
        s.execute(
            insert(MatchNotice.__table__),  # type: ignore[arg-type]
            [
                {
                    "id": notice_id,
                    "rev": 1,
                    "created_hlc": "0001796000000000-00000-county",
                    "updated_hlc": "0001796000000000-00000-county",
                    "origin": "county",
                    "deleted": False,
                    "person_id": person_id,
                    "batch_id": batch_id,
                    "source": source,
                    "action": action,
                    "description": description,
                    "target_table": "persons",
                    "target_id": person_id,
                    "change": {"death_date": "2026-11-01"},
                    "published_at": PUBLISHED,
                    "published_by": "wei",
                    "status": "pending",
                    "reason": "",
                    "confirmed_by": "",
                    "confirmed_at": None,
                }
            ],
        )
    return notice_id
