"""The county's data-matching results at the counter, driven through the real widgets: the
home screen's work-list, the 数据比对 page (confirm, dispute with a reason) and the dialog."""

from __future__ import annotations

from gui_support import type_text
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from matching_support import add_person, pulled_notice
from villagedesk.gui.actions import action
from villagedesk.gui.dialogs.matching_forms import MatchNoticesDialog
from villagedesk.gui.i18n import install_language
from villagedesk.gui.main_window import MainWindow
from villagedesk.gui.qt import Qt
from villagedesk.services import matching
from villagedesk.store.models import MatchNotice, OutboxEntry


def _statuses(db) -> dict[str, tuple[str, str]]:
    with db.read() as s:
        return {
            n.description: (n.status, n.reason)
            for n in s.scalars(select(MatchNotice).order_by(MatchNotice.description))
        }


def _answers_waiting(db) -> int:
    with db.read() as s:
        return len(
            list(s.scalars(select(OutboxEntry).where(OutboxEntry.table_name == "match_notices")))
        )


def _seed(db) -> tuple[str, str]:
    huang = add_person(db, 1, "黄一")
    meng = add_person(db, 2, "蒙二")
    pulled_notice(db, huang, description="死亡：2026-11-01")
    pulled_notice(db, meng, description="残疾等级：2 → 1", source="disabled_federation")
    return huang, meng


def _select(panel, description: str) -> None:
    row = [n.description for n in panel.model.rows].index(description)
    panel.table.clearSelection()
    panel.table.selectRow(row)


def test_home_lists_waiting_results_and_the_page_confirms_and_disputes(
    ctx, qtbot: QtBot, monkeypatch
):
    _seed(ctx.db)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    home = window.pages["home"]
    home.refresh()
    first = home.lists[0]
    assert first.code == "match_to_confirm" and first.count == 2
    assert home.list_view.item(0).text() == "County data-matching results to confirm  (2)"
    assert home.list_view.currentRow() == 0  # it opens first: there is work in it
    assert {i.name for i in home.model.rows} == {"黄一", "蒙二"}
    assert home.do_button.text() == "Confirm or dispute…"
    printed: list[list[str]] = []
    monkeypatch.setattr(
        "villagedesk.gui.printing.print_worklist",
        lambda _ctx, _parent, _on, codes: printed.append(list(codes)),
    )
    home.print_list()  # answering the county is office work: the visit list has every visit
    assert printed == [[]]

    page = window.show_page("matching")
    panel = page.panel
    assert page.heading.text() == "County data matching"
    assert [n.name for n in panel.model.rows] == ["蒙二", "黄一"]  # same batch: by name
    assert panel.model.data(panel.model.index(0, 2)) == "Disabled persons' federation"

    # a dispute without a reason: told which field, nothing written
    _select(panel, "死亡：2026-11-01")
    qtbot.mouseClick(panel.dispute_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "Reason for the dispute: is required"
    assert _answers_waiting(ctx.db) == 0

    type_text(qtbot, panel.reason, "本人仍健在，上周来站里认证")
    qtbot.mouseClick(panel.dispute_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "1 result(s) disputed."
    assert [n.name for n in panel.model.rows] == ["蒙二"]  # the waiting list shrinks

    _select(panel, "残疾等级：2 → 1")
    qtbot.mouseClick(panel.confirm_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "1 result(s) confirmed."
    assert panel.model.rows == []
    assert _statuses(ctx.db) == {
        "残疾等级：2 → 1": ("confirmed", ""),
        "死亡：2026-11-01": ("disputed", "本人仍健在，上周来站里认证"),
    }
    assert _answers_waiting(ctx.db) == 2  # both answers go to the county at the next sync

    panel.filter.setCurrentIndex(1)  # Disputed
    assert [(n.name, n.reason) for n in panel.model.rows] == [
        ("黄一", "本人仍健在，上周来站里认证")
    ]
    assert panel.model.data(panel.model.index(0, 5)) == "Disputed"
    home.refresh()
    assert home.lists[0].count == 0


def test_the_work_list_action_opens_one_persons_results(ctx, qtbot: QtBot):
    huang, _meng = _seed(ctx.db)
    pulled_notice(ctx.db, huang, description="新增低保：自 2026-10-01", source="civil_affairs")
    assert action("confirm_match") is not None
    dialog = MatchNoticesDialog(ctx, huang)
    qtbot.addWidget(dialog)
    panel = dialog.panel
    assert {n.description for n in panel.model.rows} == {
        "死亡：2026-11-01",
        "新增低保：自 2026-10-01",
    }
    panel.table.selectAll()
    qtbot.mouseClick(panel.confirm_button, Qt.MouseButton.LeftButton)
    assert panel.answered == 2 and panel.model.rows == []
    with ctx.db.read() as s:
        assert [n.name for n in matching.list_notices(session=s)] == ["蒙二"]  # not touched


def test_the_page_in_chinese_fits_and_shows_the_chinese_text(ctx, qtbot: QtBot):
    _seed(ctx.db)
    install_language("zh_CN")
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        page = window.show_page("matching")
        window.show()
        qtbot.waitExposed(window)
        panel = page.panel
        assert page.heading.text() == "数据比对"
        assert panel.confirm_button.text() == "确认所选"
        assert panel.model.headerData(3, Qt.Orientation.Horizontal) == "县里所做的变更"
        assert panel.model.data(panel.model.index(0, 2)) == "残联"
        assert panel.model.data(panel.model.index(0, 5)) == "待确认"
        for button in (panel.confirm_button, panel.dispute_button, panel.open_button):
            assert button.sizeHint().width() <= button.width()  # nothing cut off
        window.grab().save("/tmp/x.png")
    finally:
        install_language("en")
