"""``villagedesk --self-test``: the smoke test of every build (source, frozen, installed).

Runs offscreen in a temporary folder and never touches the station's own database. Each
check prints one line (``ok`` or ``FAIL``, what it found, how long it took); the exit status
is 0 only when every check passed. The checks exercise what a broken bundle loses first:
the shipped resources, the Alembic migrations, SQLite with SQLCipher encryption, argon2,
pypinyin's data, reportlab with the bundled font, the signed QR code, Qt's offscreen platform
plugin, the font in Qt, the Chinese translation and the login window.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from villagedesk import __version__
from villagedesk.paths import resource_path

DEMO_TODAY = date(2026, 11, 27)
DEMO_NOW = datetime(2026, 11, 27, 10, 0)
VILLAGE = "450422116201"
SAMPLE = "村级就业社保服务"  # Chinese that every face and the translation must cover
PASSWORD = "selftest-1234"

RESOURCES = (
    ("fonts", "wqy-microhei.ttc"),
    ("translations", "villagedesk_zh_CN.qm"),
    ("divisions", "guangxi.csv"),
    ("icons", "villagedesk.png"),
)


@dataclass
class _State:
    folder: Path
    db: Any = None
    app: Any = None
    notes: dict[str, Any] = field(default_factory=dict)


def _build_kind() -> str:
    if getattr(sys, "frozen", False):
        return "frozen"
    return "source"


# -- the checks -------------------------------------------------------------------------
def check_resources(state: _State) -> str:
    missing = [str(resource_path(*p)) for p in RESOURCES if not resource_path(*p).is_file()]
    if missing:
        raise FileNotFoundError("missing: " + ", ".join(missing))
    from villagedesk.store.migrate import MIGRATIONS

    scripts = sorted(p.name for p in (MIGRATIONS / "versions").glob("*.py"))
    if not (MIGRATIONS / "env.py").is_file() or not scripts:
        raise FileNotFoundError(f"no migration scripts in {MIGRATIONS}")
    return f"{len(RESOURCES)} files and {len(scripts)} migrations under {resource_path()}"


def check_database(state: _State) -> str:
    from villagedesk.services.station import init_station
    from villagedesk.store.migrate import current_revision, head_revision

    db = init_station(
        path=state.folder / "station.db", village_code=VILLAGE, name="自检服务站", now=DEMO_NOW
    )
    state.db = db
    head = head_revision()
    current = current_revision(db.engine)
    if current != head:
        raise RuntimeError(f"new database at revision {current}, expected {head}")
    with db.engine.connect() as conn:
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    return f"new station at schema {head}, journal {mode}"


def check_encryption(state: _State) -> str:
    """SQLCipher is bundled: the station file is encrypted, reopens with its key, a backup is
    made and verified, and the raw bytes hold no Chinese text of the station."""
    from villagedesk.services.backups import make_backup
    from villagedesk.store import crypto
    from villagedesk.store.database import Database

    db = state.db
    path = db.path
    backup = make_backup(db=db, label="manual")
    with db.write(actor="selftest"):
        pass
    for target in (path, backup.path):
        raw = target.read_bytes()
        if raw.startswith(crypto.SQLITE_MAGIC) or "自检服务站".encode() in raw:
            raise RuntimeError(f"{target.name} is not encrypted")
    again = Database(path)
    code = again.station_code
    again.close()
    version = crypto.sqlcipher3.connect(":memory:").execute("PRAGMA cipher_version").fetchone()
    return f"SQLCipher {version[0]}, station {code} reopened, backup verified ({backup.faults})"


def check_upgrade(state: _State) -> str:
    """Migrate step by step from the first revision, with the backup made before it; the old
    database is plain SQLite (as before encryption) and comes out encrypted."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from villagedesk.store.database import Database, make_sqlite_engine
    from villagedesk.store.migrate import alembic_config, head_revision

    base = ScriptDirectory.from_config(alembic_config()).get_base()
    if base is None:
        raise RuntimeError("the migrations have no base revision")
    path = state.folder / "old.db"
    engine = make_sqlite_engine(path)
    with engine.begin() as conn:
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, base)
    engine.dispose()
    db = Database(path)
    backup = db.last_backup
    db.close()
    if base != head_revision() and (backup is None or not backup.is_file()):
        raise RuntimeError("no backup was made before migrating")
    from villagedesk.store.crypto import file_is_plain_sqlite

    if file_is_plain_sqlite(path) or (backup is not None and file_is_plain_sqlite(backup)):
        raise RuntimeError("the plain database (or its backup) was not encrypted")
    return (
        f"{base} -> {head_revision()}, encrypted, backup {backup.name if backup else 'not needed'}"
    )


def check_demo_and_login(state: _State) -> str:
    from villagedesk.domain.categories import Role
    from villagedesk.services.clerks import authenticate, create_clerk
    from villagedesk.services.demo import make_demo

    summary = make_demo(db=state.db, persons=20, seed=1, today=DEMO_TODAY)
    with state.db.write(actor="selftest") as s:
        create_clerk(
            session=s,
            actor=None,
            username="selftest",
            display_name="自检",
            role=Role.SUPERVISOR,
            password=PASSWORD,
            now=DEMO_NOW,
        )
    with state.db.write(actor="selftest") as s:
        outcome = authenticate(session=s, username="selftest", password=PASSWORD, now=DEMO_NOW)
    if outcome.actor is None:
        raise RuntimeError(f"argon2 login failed: {outcome}")
    state.notes["actor"] = outcome.actor
    return f"{summary.persons} demo persons, argon2 login ok"


def check_search(state: _State) -> str:
    from pypinyin import lazy_pinyin

    from villagedesk.services.search import find_persons

    if lazy_pinyin("大黎村") != ["da", "li", "cun"]:
        raise RuntimeError(f"pypinyin data: {lazy_pinyin('大黎村')}")
    with state.db.read() as s:
        anyone = find_persons(session=s, query="4504", limit=1)
        if not anyone:
            raise RuntimeError("no demo person found by ID prefix")
        initials = "".join(w[0] for w in lazy_pinyin(anyone[0].name))
        hits = find_persons(session=s, query=initials, limit=50)
    if anyone[0].id not in {h.id for h in hits}:
        raise RuntimeError(f"{anyone[0].name} not found by its initials {initials}")
    return f"found {anyone[0].name} by the initials {initials}"


def check_reportlab_font(state: _State) -> str:
    from reportlab.pdfbase import pdfmetrics

    from villagedesk.documents.fonts import FONT, FONT_MONO, font_path, register_fonts

    register_fonts()
    for name in (FONT, FONT_MONO):
        face = pdfmetrics.getFont(name).face
        missing = [ch for ch in SAMPLE if ord(ch) not in face.charToGlyph]
        if missing:
            raise RuntimeError(f"{name} lacks {''.join(missing)}")
    width = pdfmetrics.stringWidth(SAMPLE, FONT, 12)
    return f"{FONT} and {FONT_MONO} from {font_path().name}, sample {width:.0f} pt wide"


def check_document(state: _State) -> str:
    from villagedesk.documents.api import print_document
    from villagedesk.documents.registry import DocumentRequest

    result = print_document(
        db=state.db,
        request=DocumentRequest(kind="report-tables", on=DEMO_TODAY),
        clerk=state.notes["actor"],
        now=DEMO_NOW,
    )
    if not result.pdf.startswith(b"%PDF") or result.pages < 1:
        raise RuntimeError("not a PDF")
    if b"WenQuanYiMicroHei" not in result.pdf:
        raise RuntimeError("the bundled font is not embedded")
    if not result.documents or not result.documents[0].signature:
        raise RuntimeError("the document was not signed")
    out = result.write(state.folder / "report-tables.pdf")
    return f"report-tables: {result.pages} page(s), {out.stat().st_size:,} bytes, signed"


def check_qt(state: _State) -> str:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from villagedesk.gui.app import make_application
    from villagedesk.gui.qt import QGuiApplication, QImage

    state.app = make_application([sys.argv[0] if sys.argv else "villagedesk"])
    platform = QGuiApplication.platformName()
    icon = QImage(str(resource_path("icons", "villagedesk.png")))
    if icon.isNull():
        raise RuntimeError("cannot read the icon (Qt image plugins)")
    return f"Qt platform {platform}, icon {icon.width()}x{icon.height()}"


def check_qt_font(state: _State) -> str:
    from villagedesk.gui.fonts import register_font
    from villagedesk.gui.qt import QFont, QFontDatabase

    family = register_font()
    systems = QFontDatabase.writingSystems(family)
    if QFontDatabase.WritingSystem.SimplifiedChinese not in systems:
        raise RuntimeError(f"{family} does not cover Simplified Chinese in Qt")
    font = QFont(family)
    if not font.exactMatch():
        raise RuntimeError(f"Qt substitutes another font for {family}")
    return f"{family}, {len(systems)} writing systems incl. Simplified Chinese"


def check_translations(state: _State) -> str:
    from villagedesk.gui.i18n import _, install_language, qm_path

    if not install_language("zh_CN"):
        raise RuntimeError(f"cannot load {qm_path('zh_CN')}")
    text = _("Log in")
    if text == "Log in":
        raise RuntimeError("the Chinese translation did not apply")
    return f"zh_CN loaded: 'Log in' -> {text}"


def check_login_window(state: _State) -> str:
    from villagedesk.gui.context import AppContext
    from villagedesk.gui.dialogs.login import LoginDialog
    from villagedesk.gui.tasks import Tasks

    ctx = AppContext(db=state.db, tasks=Tasks(), today=lambda: DEMO_TODAY)
    dialog = LoginDialog(ctx)
    dialog.show()
    state.app.processEvents()
    shown = dialog.isVisible()
    title = dialog.windowTitle()
    dialog.close()
    dialog.deleteLater()
    state.app.processEvents()
    if not shown:
        raise RuntimeError("the login window did not show")
    return f"shown offscreen: {title}"


CHECKS: tuple[tuple[str, Callable[[_State], str]], ...] = (
    ("resources", check_resources),
    ("database", check_database),
    ("encryption", check_encryption),
    ("upgrade", check_upgrade),
    ("demo+login", check_demo_and_login),
    ("search", check_search),
    ("pdf-font", check_reportlab_font),
    ("document", check_document),
    ("qt", check_qt),
    ("qt-font", check_qt_font),
    ("translation", check_translations),
    ("login-window", check_login_window),
)
# A check that needs an earlier one is skipped (and counts as failed) when that one failed.
NEEDS = {
    "encryption": "database",
    "demo+login": "database",
    "search": "demo+login",
    "document": "demo+login",
    "qt-font": "qt",
    "translation": "qt",
    "login-window": "translation",
}


def run_self_test(out: TextIO | None = None) -> int:
    """Run every check, print one line each; 0 when all passed, 1 otherwise."""
    stream = out or sys.stdout
    start = time.perf_counter()

    def say(text: str) -> None:
        stream.write(text + "\n")
        stream.flush()

    say(
        f"villagedesk {__version__} self-test ({_build_kind()}, Python "
        f"{sys.version_info.major}.{sys.version_info.minor}, {sys.platform})"
    )
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="villagedesk-selftest-") as tmp:
        state = _State(folder=Path(tmp))
        # a throw-away key in the temporary folder: never the station's own key file
        saved_key = os.environ.get("VILLAGEDESK_KEY_FILE")
        os.environ["VILLAGEDESK_KEY_FILE"] = str(Path(tmp) / "selftest.key")
        try:
            for name, check in CHECKS:
                t0 = time.perf_counter()
                if NEEDS.get(name) in failed:
                    failed.append(name)
                    say(f"FAIL {name:<13} skipped: {NEEDS[name]} failed")
                    continue
                try:
                    detail = check(state)
                except Exception as exc:
                    failed.append(name)
                    say(f"FAIL {name:<13} {type(exc).__name__}: {exc}")
                    if os.environ.get("VILLAGEDESK_SELFTEST_TRACE"):
                        traceback.print_exc(file=stream)
                    continue
                say(f"ok   {name:<13} {detail} ({time.perf_counter() - t0:.2f} s)")
        finally:
            if state.db is not None:
                state.db.close()
            if saved_key is None:
                os.environ.pop("VILLAGEDESK_KEY_FILE", None)
            else:
                os.environ["VILLAGEDESK_KEY_FILE"] = saved_key
    total = time.perf_counter() - start
    if failed:
        say(f"self-test FAILED: {', '.join(failed)} ({total:.1f} s)")
        return 1
    say(f"self-test passed: {len(CHECKS)} checks ({total:.1f} s)")
    return 0
