"""The layers of DESIGN.md, checked on the source: arrows only point down."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "villagedesk"

FORBIDDEN = {
    "domain": (
        "villagedesk.store",
        "villagedesk.services",
        "villagedesk.gui",
        "villagedesk.server",
        "villagedesk.sync",
        "villagedesk.documents",
        "sqlalchemy",
        "PySide6",
        "requests",
        "fastapi",
    ),
    "store": (
        "villagedesk.services",
        "villagedesk.gui",
        "villagedesk.server",
        "villagedesk.sync",
        "villagedesk.documents",
        "PySide6",
        "requests",
        "fastapi",
    ),
    "services": (
        "villagedesk.gui",
        "villagedesk.server",
        "villagedesk.sync",
        "villagedesk.documents",
        "PySide6",
        "requests",
        "fastapi",
    ),
    "documents": ("villagedesk.gui", "villagedesk.server", "villagedesk.sync", "PySide6"),
    "sync": ("villagedesk.gui", "villagedesk.server", "villagedesk.documents", "PySide6"),
    "server": ("villagedesk.gui", "PySide6"),
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_nothing_above_it(layer: str):
    bad = []
    for path in sorted((SRC / layer).rglob("*.py")):
        for name in imports_of(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer]):
                bad.append(f"{path.relative_to(SRC)} imports {name}")
    assert bad == []


def test_domain_uses_the_standard_library_only():
    allowed_prefixes = ("villagedesk.domain", "villagedesk.paths")
    bad = []
    for path in sorted((SRC / "domain").rglob("*.py")):
        for name in imports_of(path):
            top = name.split(".")[0]
            if name.startswith(allowed_prefixes) or top in sys.stdlib_module_names:
                continue
            bad.append(f"{path.name} imports {name}")
    assert bad == []


def test_only_gui_qt_imports_pyside6_inside_the_gui():
    bad = []
    for path in sorted((SRC / "gui").rglob("*.py")):
        if path.name == "qt.py":
            continue
        if any(n.startswith("PySide6") for n in imports_of(path)):
            bad.append(str(path.relative_to(SRC)))
    assert bad == []
