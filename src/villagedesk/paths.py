"""Where the shipped resources (division tables, policy defaults, templates) live.

Three layouts are supported, tried in this order:

1. a frozen (PyInstaller) build: ``<sys._MEIPASS>/villagedesk/resources/...``;
2. an installed wheel: ``villagedesk/resources/...`` inside the package;
3. a source checkout: ``resources/...`` at the repository root.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """Return the path of a shipped resource; the file itself need not exist."""
    if getattr(sys, "frozen", False):
        bundle = getattr(sys, "_MEIPASS", None)
        if bundle is not None:
            return Path(bundle, "villagedesk", "resources", *parts)
    in_package = _PACKAGE_DIR / "resources"
    if in_package.is_dir():
        return in_package.joinpath(*parts)
    # src/villagedesk -> src -> repository root
    return _PACKAGE_DIR.parent.parent.joinpath("resources", *parts)
