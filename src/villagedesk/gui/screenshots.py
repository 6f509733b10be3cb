"""``make screenshots``: every page of the counter, offscreen at 1366x768, in Chinese.

python -m villagedesk.gui.screenshots [--out docs/screenshots] [--persons 300] [--lang zh_CN]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2026, 11, 27)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--persons", type=int, default=300)
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args(argv)

    from sqlalchemy import select

    from villagedesk.domain.categories import Role
    from villagedesk.gui.app import make_application, prepare
    from villagedesk.gui.context import AppContext
    from villagedesk.gui.i18n import install_language
    from villagedesk.gui.main_window import PAGES, MainWindow
    from villagedesk.gui.qt import QApplication, QWidget
    from villagedesk.gui.tasks import ImmediateTasks
    from villagedesk.services.context import Actor
    from villagedesk.services.demo import make_demo
    from villagedesk.services.station import init_station
    from villagedesk.store.models import BenefitAward

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix="vd-shots-")) / "station.db"
    db = init_station(
        path=path, village_code="450422116201", name="大黎村就业社保服务站", now=datetime.now()
    )
    make_demo(db=db, persons=args.persons, seed=1, today=TODAY)
    app = make_application([])
    prepare(app, path)
    install_language(args.lang)
    ctx = AppContext(
        db=db,
        tasks=ImmediateTasks(),
        today=lambda: TODAY,
        actor=Actor("admin", Role.SUPERVISOR, "李主管"),
    )
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()

    def shot(widget: QWidget, name: str) -> None:
        for _ in range(3):
            QApplication.processEvents()
        target = out / f"{name}.png"
        widget.grab().save(str(target))
        print(target)

    for key, *_rest in PAGES:
        window.show_page(key)
        shot(window, f"page-{key}")
    with db.read() as s:
        pensioner = s.scalar(select(BenefitAward.person_id).limit(1))
    if pensioner:
        window.open_person(pensioner)
        shot(window, "person-pensioner")
    from villagedesk.gui.dialogs.person_forms import HouseholdDialog, RegisterPersonDialog

    dialog = RegisterPersonDialog(ctx, window)
    dialog.id_field.setText("450102199003070024")
    dialog.show()
    shot(dialog, "form-register-person")
    dialog.dirty = False
    dialog.close()
    household = HouseholdDialog(ctx, window)
    household.show()
    shot(household, "form-household")
    household.dirty = False
    household.close()
    window.close()
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
