"""Station credentials at the county: rotation (revocation is ``county.revoke_station``).

A station's bearer secret is checked on every request (``county.authenticate`` reads the
station row each time), so a revoked or rotated secret is refused from the very next request,
even in the middle of a sync session.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from villagedesk.domain.errors import ValidationError
from villagedesk.store.server_models import CountyStation


def rotate_station(
    *, session: Session, village_code: str, now: datetime, immediate: bool = False
) -> str:
    """Issue a new one-time enrolment token for an enrolled station; returns it.

    The station re-enrols with it (``villagedesk enrol`` on its existing database) and gets a
    new secret; the old secret stops working then. With ``immediate`` the old secret stops
    working now (the station is pending until it re-enrols). A revoked station is not rotated:
    it is provisioned again with ``station add``.
    """
    from villagedesk.sync import county

    station = session.scalar(
        select(CountyStation).where(CountyStation.village_code == village_code)
    )
    if station is None:
        raise ValidationError.single("village", "not_found", f"no station for {village_code}")
    if station.status == "revoked":
        raise ValidationError.single(
            "village",
            "revoked",
            f"station {village_code} is revoked: provision it again with `station add`",
        )
    token = county.add_station(session=session, village_code=village_code, name="", now=now)
    if immediate:
        station.secret_hash = ""
        station.status = "pending"
    return token
