"""Keep the Chinese translation in step with the code.

``python -m villagedesk.gui.i18n_tool update``  extract every ``_("...")`` / ``N_("...")``
    string of the GUI into ``resources/translations/villagedesk_zh_CN.ts`` (keeping existing
    translations, marking new strings unfinished, dropping strings no longer used);
``python -m villagedesk.gui.i18n_tool compile`` build the ``.qm`` Qt loads at start-up;
``python -m villagedesk.gui.i18n_tool missing`` list strings without a finished translation.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from villagedesk.paths import resource_path

GUI_DIR = Path(__file__).resolve().parent
CONTEXT = "villagedesk"
LANGUAGE = "zh_CN"
MARKERS = {"_", "N_"}


@dataclass
class Message:
    source: str
    translation: str = ""
    finished: bool = False
    locations: list[tuple[str, int]] | None = None


def ts_path() -> Path:
    return resource_path("translations", f"villagedesk_{LANGUAGE}.ts")


def extract(root: Path = GUI_DIR) -> dict[str, list[tuple[str, int]]]:
    """Every marked string literal in the GUI sources, with where it appears."""
    found: dict[str, list[tuple[str, int]]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in MARKERS
                and len(node.args) == 1
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                rel = str(path.relative_to(root.parent.parent.parent))
                found.setdefault(node.args[0].value, []).append((rel, node.lineno))
    return found


def read_ts(path: Path) -> dict[str, Message]:
    if not path.exists():
        return {}
    messages: dict[str, Message] = {}
    for msg in ET.parse(path).getroot().iter("message"):
        source = msg.findtext("source") or ""
        tr = msg.find("translation")
        text = (tr.text or "") if tr is not None else ""
        finished = tr is not None and tr.get("type") not in ("unfinished", "vanished", "obsolete")
        messages[source] = Message(source, text, finished and bool(text))
    return messages


def write_ts(path: Path, messages: list[Message]) -> None:
    ts = ET.Element("TS", version="2.1", language=LANGUAGE)
    ctx = ET.SubElement(ts, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    for m in messages:
        msg = ET.SubElement(ctx, "message")
        for filename, line in m.locations or []:
            ET.SubElement(msg, "location", filename=filename, line=str(line))
        ET.SubElement(msg, "source").text = m.source
        tr = ET.SubElement(msg, "translation")
        tr.text = m.translation
        if not m.finished:
            tr.set("type", "unfinished")
    ET.indent(ts)
    body = ET.tostring(ts, encoding="unicode")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def update() -> list[Message]:
    path = ts_path()
    old = read_ts(path)
    messages = []
    for source, locations in sorted(extract().items()):
        prev = old.get(source)
        messages.append(
            Message(
                source,
                prev.translation if prev else "",
                prev.finished if prev else False,
                locations,
            )
        )
    write_ts(path, messages)
    return messages


def lrelease_command() -> list[str]:
    exe = Path(sys.executable).with_name("pyside6-lrelease")
    return [str(exe)] if exe.exists() else ["pyside6-lrelease"]


def compile_qm(ts: Path | None = None, qm: Path | None = None) -> Path:
    ts = ts or ts_path()
    qm = qm or ts.with_suffix(".qm")
    subprocess.run([*lrelease_command(), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


def missing() -> list[str]:
    have = read_ts(ts_path())
    return [s for s in extract() if not (s in have and have[s].finished)]


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "update"
    if command == "update":
        messages = update()
        todo = sum(1 for m in messages if not m.finished)
        print(f"{len(messages)} strings, {todo} without a finished translation")
    elif command == "compile":
        print(compile_qm())
    elif command == "missing":
        for source in missing():
            print(source)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
