"""What the document tests share besides fixtures: the demo dates and ``Pdf``, a printed PDF
read back with poppler (text, layout, fonts, words) and zbar (QR codes).

Kept out of conftest.py so that test modules import it by a name no other folder uses.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

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
