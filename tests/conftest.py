"""Shared fixtures: a fresh station database, the actors, and a fixed 'today'."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The station database key of the tests (never the developer's own ~/.config key); subprocesses
# started by tests inherit it, so they open the same encrypted files.
if "VILLAGEDESK_KEY_FILE" not in os.environ:
    import tempfile

    os.environ["VILLAGEDESK_KEY_FILE"] = str(
        Path(tempfile.mkdtemp(prefix="villagedesk-key-")) / "database.key"
    )

from villagedesk.domain.categories import Role
from villagedesk.services.context import Actor
from villagedesk.store.database import Database

VILLAGE = "450422116201"  # 藤县 大黎镇 大黎村委会
TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 9, 30)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def supervisor() -> Actor:
    return Actor(username="li", role=Role.SUPERVISOR, display_name="李主管")


@pytest.fixture
def clerk() -> Actor:
    return Actor(username="wang", role=Role.CLERK, display_name="王办事员")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "station.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    from villagedesk.services.station import init_station

    database = init_station(path=db_path, village_code=VILLAGE, name="大黎村服务站", now=NOW)
    yield database
    database.close()
