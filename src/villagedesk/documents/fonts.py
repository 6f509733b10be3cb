"""The CJK font of every document: WenQuanYi Micro Hei, shipped in ``resources/fonts``.

reportlab embeds a subset of a TrueType font (only the glyphs used), so a PDF renders the
same on a machine with no Chinese font at all. The collection's face 0 is the proportional
face, face 1 the monospaced one (used for serial numbers and ID numbers).
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from villagedesk.paths import resource_path

FONT_FILE = "wqy-microhei.ttc"
FONT = "WQYMicroHei"  # proportional face: all text
FONT_MONO = "WQYMicroHeiMono"  # monospaced face: serials, ID numbers
FONT_NAMES = (FONT, FONT_MONO)

_lock = threading.Lock()
_registered = False


class FontMissing(FileNotFoundError):
    """The shipped font file is not where the package expects it (a broken install)."""


def font_path() -> Path:
    return resource_path("fonts", FONT_FILE)


def register_fonts() -> str:
    """Register the shipped faces with reportlab once (thread-safe); returns the text face."""
    global _registered
    if _registered:
        return FONT
    with _lock:
        if _registered:
            return FONT
        path = font_path()
        if not path.is_file():
            raise FontMissing(f"the document font is missing: {path}")
        pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
        pdfmetrics.registerFont(TTFont(FONT_MONO, str(path), subfontIndex=1))
        _registered = True
    return FONT
