"""``make screenshots``: every page of the counter, offscreen at 1366x768, in Chinese.

python -m villagedesk.gui.screenshots [--out docs/screenshots] [--persons 300] [--lang zh_CN]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

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
    _county_notices(db)
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


def _county_notices(db: Any) -> None:
    """Data-matching results as the county's sync would bring them, so the 数据比对 page and
    the home work-list show what a clerk sees after the county published a batch."""
    from sqlalchemy import select

    from villagedesk.store.models import MatchNotice, Person
    from villagedesk.sync.engine import local_write

    samples = [
        ("public_security", "death", "死亡：2026-10-08", "pending", ""),
        ("civil_affairs", "status_new", "新增低保（2类），自2026-09-01起", "pending", ""),
        ("disabled_federation", "status_edit", "残疾等级：3级 → 2级", "pending", ""),
        ("poverty_office", "status_edit", "脱贫年份：2020", "disputed", "本人2021年才脱贫，有证明"),
        ("civil_affairs", "status_new", "新增特困，自2026-08-15起", "confirmed", ""),
    ]
    published = datetime(2026, 11, 20, 9, 30)
    with local_write(db) as s:
        people = list(s.scalars(select(Person.id).where(Person.death_date.is_(None)).limit(5)))
        for person_id, (source, action, text, status, reason) in zip(people, samples, strict=False):
            s.add(
                MatchNotice(
                    person_id=person_id,
                    batch_id="00000000-0000-4000-8000-00000000b001",
                    source=source,
                    action=action,
                    description=text,
                    target_table="persons",
                    target_id=person_id,
                    change={},
                    published_at=published,
                    published_by="县人社局 王科长",
                    status=status,
                    reason=reason,
                    confirmed_by="admin" if status != "pending" else "",
                    confirmed_at=datetime(2026, 11, 25, 10, 0) if status != "pending" else None,
                )
            )


if __name__ == "__main__":
    raise SystemExit(main())
