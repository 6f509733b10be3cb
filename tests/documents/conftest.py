"""Fixtures for the document tests: a demo village, and the poppler/zbar tools to read PDFs.

The demo village (200 persons) is built once per test session (per xdist worker) and each
test module works on its own copy, since printing writes to ``printed_documents``.
The PDF tools are required: when one is missing the tests fail (never skip), naming the
Debian package to install.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

from villagedesk.store.database import Database

DEMO_TODAY = date(2026, 11, 27)
DEMO_NOW = datetime(2026, 11, 27, 10, 15)
DEMO_PERSONS = 200
TOOLS = {"pdftotext": "poppler-utils", "pdffonts": "poppler-utils", "pdftoppm": "poppler-utils"}
TOOLS_QR = {"zbarimg": "zbar-tools"}


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        package = {**TOOLS, **TOOLS_QR}.get(name, name)
        pytest.fail(f"{name} is missing: install the Debian package {package}", pytrace=False)
    return path


@dataclass(frozen=True)
class Pdf:
    """A PDF written to disk, with what poppler reads from it."""

    path: Path

    def text(self) -> str:
        out = subprocess.run(
            [require_tool("pdftotext"), "-enc", "UTF-8", str(self.path), "-"],
            capture_output=True,
            check=True,
        )
        return out.stdout.decode("utf-8")

    def layout(self) -> str:
        """The text as laid out: a table row stays on one line."""
        out = subprocess.run(
            [require_tool("pdftotext"), "-layout", "-enc", "UTF-8", str(self.path), "-"],
            capture_output=True,
            check=True,
        )
        return out.stdout.decode("utf-8")

    def row(self, label: str, *, first: bool = False) -> str:
        """The first laid-out line holding ``label`` (starting with it when ``first``), with
        spaces removed; "" when there is none."""
        for line in self.layout().splitlines():
            flat = line.replace(" ", "")
            if flat.startswith(label) if first else label in flat:
                return flat
        return ""

    def pages(self) -> list[str]:
        """Text of each page (pdftotext ends each page with a form feed)."""
        return self.text().split("\f")[:-1]

    def flat(self) -> str:
        """The text with all white space removed: wrapped lines read as one."""
        return "".join(self.text().split())

    def fonts(self) -> list[dict[str, str]]:
        out = subprocess.run(
            [require_tool("pdffonts"), str(self.path)], capture_output=True, check=True
        ).stdout.decode("utf-8")
        lines = out.splitlines()[2:]  # after the header and its ruler
        rows = []
        for line in lines:
            parts = line.split()
            # name type [type2] encoding emb sub uni object ID
            rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4]})
        return rows

    def words(self) -> list[tuple[int, float, float, float, float, float, float, str]]:
        """(page, page width, page height, xMin, yMin, xMax, yMax, word) of every word."""
        out = subprocess.run(
            [require_tool("pdftotext"), "-bbox", "-enc", "UTF-8", str(self.path), "-"],
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8")
        words = []
        page, width, height = 0, 0.0, 0.0
        page_re = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
        number = r'"([\d.-]+)"'
        word_re = re.compile(
            rf"<word xMin={number} yMin={number} xMax={number} yMax={number}>(.*?)</word>"
        )
        for line in out.splitlines():
            m = page_re.search(line)
            if m:
                page += 1
                width, height = float(m.group(1)), float(m.group(2))
                continue
            w = word_re.search(line)
            if w:
                x0, y0, x1, y1 = (float(w.group(i)) for i in range(1, 5))
                words.append((page, width, height, x0, y0, x1, y1, w.group(5)))
        return words

    def qr_texts(self, *, page: int = 1, dpi: int = 300) -> list[str]:
        """What a QR reader finds on a page rendered at ``dpi``."""
        stem = self.path.with_name(f"{self.path.stem}-p{page}-{dpi}")
        pages = ["-f", str(page), "-l", str(page), "-singlefile"]
        subprocess.run(
            [require_tool("pdftoppm"), "-png", "-r", str(dpi), *pages, str(self.path), str(stem)],
            check=True,
        )
        out = subprocess.run(
            [require_tool("zbarimg"), "-q", "--raw", str(stem.with_suffix(".png"))],
            capture_output=True,
        )
        return [line for line in out.stdout.decode("utf-8").splitlines() if line]


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
    import sqlite3

    con = sqlite3.connect(path)
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
