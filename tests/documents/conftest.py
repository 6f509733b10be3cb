"""Fixtures for the document tests: a demo village, and the poppler/zbar tools to read PDFs.

The demo village (200 persons) is built once per test session (per xdist worker) and each
test module works on its own copy, since printing writes to ``printed_documents``.
The PDF tools are required: when one is missing the tests fail (never skip), naming the
Debian package to install.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from doc_support import DEMO_NOW, DEMO_PERSONS, DEMO_TODAY, Pdf

from villagedesk.store.database import Database


@pytest.fixture
def save_pdf(tmp_path: Path) -> Callable[[bytes, str], Pdf]:
    def save(data: bytes, name: str = "doc") -> Pdf:
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        return Pdf(path)

    return save


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 200-person demo village, built once."""
    from villagedesk.services.demo import make_demo
    from villagedesk.services.station import init_station

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = init_station(
        path=path, village_code="450422116201", name="大黎村就业社保服务站", now=DEMO_NOW
    )
    make_demo(db=db, persons=DEMO_PERSONS, seed=1, today=DEMO_TODAY)
    db.close()
    from villagedesk.store.database import open_station_connection

    con = open_station_connection(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


@pytest.fixture(scope="module")
def demo(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """This module's own copy of the demo village."""
    path = tmp_path_factory.mktemp("demo-copy") / "station.db"
    shutil.copy(demo_template, path)
    db = Database(path)
    yield db
    db.close()
