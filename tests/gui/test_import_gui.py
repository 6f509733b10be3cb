"""Importing a county list from the persons page: preview, refuse bad files, apply."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from helpers import make_id
from villagedesk.gui.dialogs.import_roster import ImportRosterDialog
from villagedesk.services.persons import register_person
from villagedesk.store.models import PersonStatus


def _village(ctx, today):
    people = []
    with ctx.db.write() as s:
        for i, name in enumerate(["莫一", "莫二"]):
            p = register_person(
                session=s,
                actor=ctx.user,
                today=today,
                id_number=make_id(date(1950 + i, 3, 3), i + 1),
                name=name,
            )
            people.append((p.id_number, name))
    return people


def _csv(path: Path, rows: list[tuple[str, str, str, str, str]]) -> Path:
    lines = ["身份证号,姓名,类别,等级,日期"] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def _statuses(ctx) -> int:
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(PersonStatus))


def test_preview_then_apply_a_good_list(ctx, qtbot, today, tmp_path):
    (a, name_a), (b, name_b) = _village(ctx, today)
    path = _csv(
        tmp_path / "dibao.csv",
        [(a, name_a, "低保", "2", "2026-03-01"), (b, name_b, "特困", "1", "2026-04-01")],
    )
    dialog = ImportRosterDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert "2 change(s) to apply" in dialog.summary.text()
    assert [c.name for c in dialog.changes.rows] == [name_a, name_b]
    assert dialog.apply_button.isEnabled()
    assert _statuses(ctx) == 0  # a preview writes nothing
    dialog.apply()
    assert "Applied 2 change(s)" in dialog.summary.text()
    assert _statuses(ctx) == 2


def test_a_list_with_a_bad_row_is_shown_and_cannot_be_applied(ctx, qtbot, today, tmp_path):
    (a, name_a), _b = _village(ctx, today)
    path = _csv(
        tmp_path / "bad.csv",
        [
            (a, name_a, "低保", "2", "2026-03-01"),
            ("450422195003030039", "某人", "低保", "1", "2026-03-01"),
        ],
    )
    dialog = ImportRosterDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert "1 row(s) have errors" in dialog.summary.text()
    assert [e.row for e in dialog.errors.rows] == [3]
    assert not dialog.apply_button.isEnabled()
    assert _statuses(ctx) == 0


def test_a_clerk_cannot_apply(clerk_ctx, qtbot, today, tmp_path, auto_answer):
    (a, name_a), _b = _village(clerk_ctx, today)
    path = _csv(tmp_path / "one.csv", [(a, name_a, "低保", "2", "2026-03-01")])
    dialog = ImportRosterDialog(clerk_ctx)
    qtbot.addWidget(dialog)
    dialog.load(path)
    dialog.apply()
    assert any("supervisor" in text for text in auto_answer.asked)
    assert _statuses(clerk_ctx) == 0


def _shown(model) -> list[list[str]]:
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_a_chinese_clerk_reads_changes_and_errors_in_chinese(ctx, qtbot, today, tmp_path):
    from villagedesk.gui.i18n import install_language

    install_language("zh_CN")
    (a, name_a), (b, name_b) = _village(ctx, today)
    good = _csv(
        tmp_path / "good.csv",
        [(a, name_a, "低保", "2", "2026-03-01"), (b, name_b, "残疾", "3", "2026-04-02")],
    )
    dialog = ImportRosterDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load(good)
    rows = _shown(dialog.changes)
    assert rows[0][1:] == [name_a, "自2026-03-01起为低保（2类）"]
    assert rows[1][1:] == [name_b, "自2026-04-02起为残疾（3级）"]

    bad = _csv(
        tmp_path / "bad.csv",
        [
            (a, "莫三", "低保", "2", "2026-03-01"),
            (b, name_b, "低保", "9", "2026-13-01"),
            (b, name_b, "五保", "", "2026-03-01"),
        ],
    )
    dialog.load(bad)
    problems = {(r[0], r[1]): r[2] for r in _shown(dialog.errors)}
    assert problems[("2", "姓名")] == f"与登记姓名“{name_a}”不符"
    assert problems[("3", "日期")] == "不是有效日期"
    assert problems[("4", "类型")] == "“五保”不是名单可用的类别"
    shown = " ".join(" ".join(map(str, r)) for r in _shown(dialog.errors))
    assert not any(word in shown for word in ("does not", "must", "is not", "row "))
    assert not dialog.apply_button.isEnabled()
