"""Register the bundled CJK font at start-up so Chinese never shows as boxes."""

from __future__ import annotations

from villagedesk.gui.qt import QApplication, QFont, QFontDatabase
from villagedesk.paths import resource_path

FONT_FILE = "wqy-microhei.ttc"
BASE_POINT_SIZE = 11  # large, readable type at a 1366x768 counter laptop
_family: str | None = None


def register_font() -> str:
    """Load the shipped font into Qt; returns its family name."""
    global _family
    if _family is None:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", FONT_FILE)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            raise RuntimeError(f"cannot load the bundled font {FONT_FILE}")
        _family = families[0]
    return _family


def apply_font(app: QApplication, *, scale: float = 1.0) -> QFont:
    """Make the bundled font the application font, at the chosen size (larger for older eyes)."""
    font = QFont(register_font())
    font.setPointSizeF(BASE_POINT_SIZE * scale)
    app.setFont(font)
    return font
