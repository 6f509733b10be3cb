"""GUI benchmarks (issue: the counter). Offscreen, on the cached 20,000-person station.

Prints: process start to login window shown; login to main window shown; keystroke-to-
results latency of search (p95). Each beside a baseline measured in the same run:
a bare Python process start, a bare QWidget shown, and the search service call alone.
Targets: <= 1.5 s, <= 1 s, <= 50 ms.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import TODAY, demo_station, ms, percentile

PROBE_LOGIN = r"""
import sys, time
t0 = float(sys.argv[2])
from pathlib import Path
from villagedesk.gui.app import make_application, prepare
from villagedesk.gui.context import AppContext
from villagedesk.gui.dialogs.login import LoginDialog
from villagedesk.gui.tasks import Tasks
from villagedesk.store.database import Database
app = make_application([])
prepare(app, Path(sys.argv[1]))
db = Database(sys.argv[1])
dialog = LoginDialog(AppContext(db=db, tasks=Tasks()))
dialog.show()
app.processEvents()
print(time.time() - t0)
"""

PROBE_BARE = r"""
import sys, time
t0 = float(sys.argv[2])
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget(); w.show(); app.processEvents()
print(time.time() - t0)
"""


def _probe(code: str, db: Path) -> float:
    out = subprocess.run(
        [sys.executable, "-c", code, str(db), repr(time.time())],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    path = demo_station(20_000)
    print("villagedesk GUI benchmark, 20,000-person station, offscreen")
    starts = [_probe(PROBE_LOGIN, path) for _ in range(3)]
    bares = [_probe(PROBE_BARE, path) for _ in range(3)]
    print(
        f"  process start -> login window shown   {min(starts):6.2f} s   "
        f"(bare PySide6 window {min(bares):.2f} s, {min(starts) / min(bares):.1f}x)  "
        "target <= 1.5 s"
    )

    from villagedesk.domain.categories import Role
    from villagedesk.gui.app import make_application, prepare
    from villagedesk.gui.context import AppContext
    from villagedesk.gui.main_window import MainWindow
    from villagedesk.gui.qt import QApplication, QWidget
    from villagedesk.gui.tasks import Tasks
    from villagedesk.services.context import Actor
    from villagedesk.services.search import find_persons
    from villagedesk.store.database import Database

    app = make_application([])
    prepare(app, path)
    db = Database(path)
    ctx = AppContext(
        db=db, tasks=Tasks(), today=lambda: TODAY, actor=Actor("admin", Role.SUPERVISOR, "admin")
    )
    t = time.perf_counter()
    bare = QWidget()
    bare.show()
    QApplication.processEvents()
    bare_t = time.perf_counter() - t
    t = time.perf_counter()
    window = MainWindow(ctx)
    window.show()
    QApplication.processEvents()
    login_t = time.perf_counter() - t
    home = window.pages["home"]
    while not home.lists and time.perf_counter() - t < 30:
        QApplication.processEvents()
        time.sleep(0.005)
    lists_t = time.perf_counter() - t
    print(
        f"  login -> main window shown              {login_t:6.2f} s   "
        f"(bare window {bare_t * 1000:.0f} ms)  target <= 1 s"
    )
    items = sum(w.count for w in home.lists)
    print(f"  login -> work-lists filled in (worker)  {lists_t:6.2f} s   ({items:,} items)")

    rng = random.Random(5)
    with db.read() as s:
        from sqlalchemy import text

        names = [r[0] for r in s.execute(text("SELECT name FROM persons LIMIT 2000"))]
    page = window.pages["persons"]
    window.show_page("persons")
    typing, service = [], []
    for name in rng.sample(names, 60):
        for i in range(1, min(len(name), 2) + 1):
            prefix = name[:i]
            t = time.perf_counter()
            window.search.setText(prefix)
            window._search_typed(prefix)
            QApplication.processEvents()
            typing.append(time.perf_counter() - t)
            with db.read() as s:
                t = time.perf_counter()
                find_persons(session=s, query=prefix, limit=50)
                service.append(time.perf_counter() - t)
    assert page.model.rows is not None
    print(
        f"  keystroke -> results shown, p95       {ms(percentile(typing, 95))}   "
        f"(search call alone p95 {ms(percentile(service, 95))})  target <= 50 ms"
    )
    window.close()
    db.close()


if __name__ == "__main__":
    main()
