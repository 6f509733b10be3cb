"""Draw the villagedesk icon: ``resources/icons/villagedesk.svg``, PNG sizes and a Windows .ico.

The SVG is written from the shapes below; Qt's SVG renderer draws each PNG size from it and
Pillow packs the sizes into the .ico. The outputs are committed; run this again only when the
drawing changes:

    .venv/bin/python installers/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

BLUE = "#1565c0"  # the navigation colour of the counter window
AMBER = "#ffb300"

# A village service hall: a roof, a wall with two lit windows and an open door, on blue.
SVG = f"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>villagedesk 村级就业社保服务</title>
  <rect x="8" y="8" width="240" height="240" rx="44" ry="44" fill="{BLUE}"/>
  <polygon points="128,40 28,122 58,122 128,66 198,122 228,122" fill="#ffffff"/>
  <rect x="62" y="116" width="132" height="96" fill="#ffffff"/>
  <rect x="78" y="134" width="28" height="26" rx="3" ry="3" fill="{AMBER}"/>
  <rect x="150" y="134" width="28" height="26" rx="3" ry="3" fill="{AMBER}"/>
  <rect x="111" y="150" width="34" height="62" rx="4" ry="4" fill="{BLUE}"/>
  <rect x="40" y="210" width="176" height="10" rx="5" ry="5" fill="#ffffff"/>
</svg>
"""


def png_name(size: int) -> str:
    return "villagedesk.png" if size == 256 else f"villagedesk-{size}.png"


def main() -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    svg_path = OUT / "villagedesk.svg"
    svg_path.write_text(SVG, encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(SVG.encode("utf-8")))
    if not renderer.isValid():
        raise SystemExit("the SVG does not parse")
    written = [svg_path]
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = OUT / png_name(size)
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"cannot write {path}")
        written.append(path)
    largest = Image.open(OUT / png_name(256)).convert("RGBA")
    extra = [Image.open(OUT / png_name(s)).convert("RGBA") for s in ICO_SIZES if s != 256]
    ico = OUT / "villagedesk.ico"
    largest.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=extra)
    written.append(ico)
    return written


if __name__ == "__main__":
    for p in main():
        print(p.relative_to(ROOT))
