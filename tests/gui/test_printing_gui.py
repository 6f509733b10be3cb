"""Preview, print and save documents from the GUI, as a clerk would.

No real printer in tests: "printing" goes to a QPrinter in PDF format and the file's pages
are counted with pdfinfo; saved PDFs are read back with pdftotext; what was logged is read
from printed_documents.
"""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from helpers import make_id
from villagedesk.documents.api import preview_document, print_document
from villagedesk.documents.registry import DocumentRequest
from villagedesk.domain.categories import StatusKind
from villagedesk.gui.actions import action
from villagedesk.gui.dialogs import pension_forms
from villagedesk.gui.dialogs.print_forms import PrintFormsDialog, open_choice, print_receipt
from villagedesk.gui.printing import (
    PRINT_DPI,
    PdfFile,
    PrintPreviewDialog,
    open_preview,
    print_certification_slips,
    print_worklist,
)
from villagedesk.gui.qt import QPrinter, QProgressDialog, QPushButton, Qt, QWidget
from villagedesk.services.certification import certify
from villagedesk.services.pension import award_pension, enrol, record_contribution
from villagedesk.services.persons import add_status, register_person
from villagedesk.store.models import Contribution, PrintedDocument


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True)
    assert out.returncode == 0, out.stderr
    return "".join(out.stdout.decode("utf-8").split())


def pdf_info(path: Path) -> tuple[int, str]:
    """(pages, the first page's paper as pdfinfo names it, e.g. "A4")."""
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()
    pages = int(re.search(r"^Pages:\s+(\d+)", out, re.M)[1])
    size = re.search(r"^Page size:\s+(.*)$", out, re.M)[1]
    return pages, size


def logged(db, **where) -> list[PrintedDocument]:
    with db.read() as s:
        q = select(PrintedDocument).order_by(PrintedDocument.serial)
        for name, value in where.items():
            q = q.where(getattr(PrintedDocument, name) == value)
        return list(s.scalars(q))


def enrolled_person(ctx, name: str = "韦大明", seq: int = 1) -> str:
    with ctx.db.write() as s:
        pid = register_person(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            id_number=make_id(date(1980, 6, 1), seq),
            name=name,
        ).id
        enrol(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            person_id=pid,
            enrolled_on=date(2020, 1, 1),
            grade_fen=20000,
        )
        record_contribution(session=s, actor=ctx.user, today=ctx.today(), person_id=pid, year=2025)
    return pid


def certified_pensioner(ctx, birth: date, seq: int, name: str) -> str:
    """A registered-poor person over 60 on the special pension, certified today."""
    with ctx.db.write() as s:
        pid = register_person(
            session=s, actor=ctx.user, today=ctx.today(), id_number=make_id(birth, seq), name=name
        ).id
        add_status(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            person_id=pid,
            kind=StatusKind.REGISTERED_POOR,
            start_date=date(2015, 1, 1),
        )
        award_pension(
            session=s, actor=ctx.user, today=ctx.today(), person_id=pid, on=date(2025, 1, 1)
        )
        certify(session=s, actor=ctx.user, today=ctx.today(), person_id=pid)
    return pid


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    """The page the dialogs open over."""
    w = QWidget()
    qtbot.addWidget(w)
    w.resize(1200, 900)
    w.show()
    return w


def opened(qtbot: QtBot, start, shown: list[PrintPreviewDialog] | None = None):
    """Run ``start(on_shown)`` and return the preview dialog it opened, its page shown."""
    shown = [] if shown is None else shown
    start(shown.append)
    qtbot.waitUntil(lambda: len(shown) == 1)
    dialog = shown[0]
    qtbot.addWidget(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: not dialog.page_image.pixmap().isNull())
    return dialog


@pytest.fixture
def shown_by_forms(monkeypatch) -> list[PrintPreviewDialog]:
    """The preview dialogs the person's print forms open (as the action runs them)."""
    import villagedesk.gui.dialogs.print_forms as pf

    shown: list[PrintPreviewDialog] = []
    for name in ("open_preview", "open_reprint"):
        real = getattr(pf, name)

        def spy(*args, _real=real, **kwargs):
            return _real(*args, **{**kwargs, "on_shown": shown.append})

        monkeypatch.setattr(pf, name, spy)
    return shown


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


# --------------------------------------------------------------------------- preview


def test_preview_of_an_enrolment_certificate_shows_its_pages_and_logs_nothing(
    ctx, qtbot: QtBot, window, now, tmp_path, shown_by_forms
):
    pid = enrolled_person(ctx)
    request = DocumentRequest(kind="enrolment-certificate", person_id=pid)
    expected = tmp_path / "expected.pdf"
    expected.write_bytes(preview_document(db=ctx.db, request=request, clerk=ctx.user, now=now))
    pages, paper = pdf_info(expected)

    chooser = PrintFormsDialog(ctx, pid, window)
    qtbot.addWidget(chooser)
    chooser.show()
    assert chooser.windowTitle() == "Print for 韦大明"
    codes = [
        chooser.kinds.item(i).data(Qt.ItemDataRole.UserRole) for i in range(chooser.kinds.count())
    ]
    assert codes[0] == "enrolment-certificate"
    assert "certification-slips" not in codes and "home-visit-list" not in codes  # no person
    chooser.activateWindow()
    qtbot.waitUntil(chooser.kinds.hasFocus)  # the kinds list has the keyboard
    qtbot.keyClick(chooser.kinds, Qt.Key.Key_Return)  # the first kind, Enter previews
    assert chooser.result() == chooser.DialogCode.Accepted

    dialog = opened(qtbot, lambda shown: open_choice(ctx, window, chooser), shown_by_forms)
    assert dialog.pages == pages and dialog.thumbs.count() == pages
    assert "A4" in paper and dialog.document.sizes[0].width_pt == pytest.approx(595.28, abs=0.5)
    assert dialog.page_info.text() == f"Page 1 of {pages}"
    shown = dialog.page_image.pixmap()
    assert shown.height() / shown.width() == pytest.approx(841.89 / 595.28, rel=0.02)
    assert not dialog.thumbs.item(0).icon().isNull()
    assert "Preview (样张)" in dialog.status.text()
    assert logged(ctx.db) == []  # a preview is not a print
    dialog.grab().save("/tmp/preview.png")

    # Zoom: 100 % shows the page at its paper size on a 96-dpi screen.
    dialog.zoom.setCurrentIndex(dialog.zoom.findData("1"))
    qtbot.waitUntil(lambda: abs(dialog.page_image.pixmap().width() - 794) <= 2)
    qtbot.keyClick(dialog, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.zoom.currentData() == "1.25"
    qtbot.waitUntil(lambda: dialog.scroll.horizontalScrollBar().maximum() > 0)
    dialog.grab().save("/tmp/preview-zoomed.png")


# --------------------------------------------------------------------------- save and print


def test_save_as_pdf_issues_logs_and_writes_the_document_once(
    ctx, qtbot: QtBot, window, tmp_path, monkeypatch
):
    pid = enrolled_person(ctx, "覃秀兰")
    request = DocumentRequest(kind="enrolment-certificate", person_id=pid)
    dialog = opened(qtbot, lambda shown: open_preview(ctx, window, request, on_shown=shown))
    changed: list[bool] = []
    ctx.events.data_changed.connect(lambda: changed.append(True))
    out = tmp_path / "saved" / "certificate.pdf"
    monkeypatch.setattr(dialog, "ask_save_path", lambda: out)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert out.exists()
    text = pdf_text(out)
    assert "覃秀兰" in text and "城乡居民基本养老保险参保登记证明" in text
    assert "样张" not in text  # the issued document, not the preview
    rows = logged(ctx.db, person_id=pid)
    assert [(r.kind, r.reprint_of) for r in rows] == [("enrolment-certificate", None)]
    assert rows[0].serial in text
    assert f"Numbered and logged: 1 document(s), {rows[0].serial}." in dialog.status.text()
    assert "Saved to" in dialog.status.text() and changed

    # Saving again writes the same document: one print, one log row.
    again = tmp_path / "again.pdf"
    monkeypatch.setattr(dialog, "ask_save_path", lambda: again)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert again.read_bytes() == out.read_bytes()
    assert len(logged(ctx.db)) == 1


def test_printing_sends_every_page_to_the_printer_on_the_documents_paper(
    ctx, qtbot: QtBot, window, tmp_path, monkeypatch
):
    pid = enrolled_person(ctx)
    request = DocumentRequest(kind="entitlement-statement", person_id=pid)
    dialog = opened(qtbot, lambda shown: open_preview(ctx, window, request, on_shown=shown))
    out = tmp_path / "printed.pdf"

    def ask_printer():
        printer = pdf_printer(out)
        dialog.prepare_printer(printer)  # what the real dialog starts from
        return printer

    monkeypatch.setattr(dialog, "ask_printer", ask_printer)
    assert dialog.print_button.isDefault()
    qtbot.keyClick(dialog.thumbs, Qt.Key.Key_Return)  # Enter = Print…

    pages, paper = pdf_info(out)
    assert pages == dialog.pages >= 1
    assert "A4" in paper
    assert [r.kind for r in logged(ctx.db)] == ["entitlement-statement"]
    assert f"{pages} page(s) sent to {out}" in dialog.status.text()


def test_cancel_in_the_printer_dialog_logs_nothing(ctx, qtbot: QtBot, window, monkeypatch):
    pid = enrolled_person(ctx)
    request = DocumentRequest(kind="enrolment-certificate", person_id=pid)
    dialog = opened(qtbot, lambda shown: open_preview(ctx, window, request, on_shown=shown))
    monkeypatch.setattr(dialog, "ask_printer", lambda: None)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert logged(ctx.db) == []
    assert dialog.printed is None


# --------------------------------------------------------------------------- reprint


def test_a_document_printed_before_is_reprinted_marked_buda(
    ctx, qtbot: QtBot, window, tmp_path, monkeypatch, now, shown_by_forms
):
    pid = enrolled_person(ctx, "黄秋菊")
    first = print_document(
        db=ctx.db,
        request=DocumentRequest(kind="contribution-receipt", person_id=pid, year=2025),
        clerk=ctx.user,
        now=now,
    )
    chooser = PrintFormsDialog(ctx, pid, window)
    qtbot.addWidget(chooser)
    chooser.show()
    assert chooser.history_model.rowCount() == 1
    chooser.tabs.setCurrentIndex(chooser.HISTORY)
    # A receipt's reprint needs its year again (the log does not keep it): asked, prefilled.
    assert chooser.year.isVisibleTo(chooser) and chooser.year.value() == 2026
    chooser.year.setValue(2025)
    assert not chooser.years.isVisibleTo(chooser)
    qtbot.keyClick(chooser.history, Qt.Key.Key_Return)
    assert chooser.choice is not None and chooser.choice.reprint is not None

    dialog = opened(qtbot, lambda shown: open_choice(ctx, window, chooser), shown_by_forms)
    assert f"Reprint (补打) of {first.documents[0].serial}" in dialog.status.text()
    out = tmp_path / "reprint.pdf"
    monkeypatch.setattr(dialog, "ask_save_path", lambda: out)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    text = pdf_text(out)
    assert "补打" in text and "黄秋菊" in text and "2025年度" in text
    assert first.documents[0].serial in text  # points at the original
    rows = logged(ctx.db, person_id=pid)
    assert len(rows) == 2
    again = next(r for r in rows if r.reprint_of is not None)
    assert again.reprint_of == first.documents[0].document_id
    assert "Marked 补打 (reprint)." in dialog.status.text()


# --------------------------------------------------------------------------- batches


def test_todays_certification_slips_print_as_one_batch_of_three(
    ctx, qtbot: QtBot, window, tmp_path, monkeypatch
):
    names = ["甲老人", "乙老人", "丙老人"]
    for i, name in enumerate(names):
        certified_pensioner(ctx, date(1955 + i, 7, 1), i + 1, name)
    dialog = opened(
        qtbot, lambda shown: print_certification_slips(ctx, window, ctx.today(), on_shown=shown)
    )
    assert dialog.parent() is window
    assert dialog.pages == 3 and dialog.thumbs.count() == 3
    qtbot.keyClick(dialog.thumbs, Qt.Key.Key_Down)
    assert dialog.page_info.text() == "Page 2 of 3"

    out = tmp_path / "slips.pdf"

    def ask_printer():
        printer = pdf_printer(out)
        dialog.prepare_printer(printer)  # the printer dialog opens on the slips' A5 paper
        return printer

    monkeypatch.setattr(dialog, "ask_printer", ask_printer)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    pages, paper = pdf_info(out)
    assert pages == 3 and "A5" in paper
    rows = logged(ctx.db, kind="certification-slip")
    assert len(rows) == 3 and len({r.person_id for r in rows}) == 3
    assert "Numbered and logged: 3 document(s)" in dialog.status.text()

    saved = tmp_path / "slips-saved.pdf"
    monkeypatch.setattr(dialog, "ask_save_path", lambda: saved)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    text = pdf_text(saved)
    assert all(name in text for name in names)
    assert len(logged(ctx.db)) == 3  # printed and saved: still one batch


def test_a_day_without_certifications_is_explained(ctx, qtbot: QtBot, window, auto_answer):
    shown: list[PrintPreviewDialog] = []
    print_certification_slips(ctx, window, ctx.today(), on_shown=shown.append)
    assert shown == []
    assert "no survival certification is recorded" in auto_answer.asked[-1]


def test_the_home_visit_list_is_previewed_from_the_work_lists(ctx, qtbot: QtBot, window):
    for i, name in enumerate(["甲老人", "乙老人"]):
        certified_pensioner(ctx, date(1955 + i, 7, 1), i + 1, name)
    with ctx.db.write() as s:  # a poor person not enrolled: a visit to make
        pid = register_person(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            id_number=make_id(date(1990, 1, 1), 9),
            name="蒙小燕",
        ).id
        add_status(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            person_id=pid,
            kind=StatusKind.REGISTERED_POOR,
            start_date=date(2015, 1, 1),
        )
    dialog = opened(
        qtbot,
        lambda shown: print_worklist(
            ctx, window, ctx.today(), ["poor_not_enrolled"], on_shown=shown
        ),
    )
    assert dialog.pages >= 1 and dialog.document.sizes[0].landscape
    assert logged(ctx.db) == []


# --------------------------------------------------------------------------- hooks


def test_the_print_action_and_the_receipt_hook_are_wired(ctx, qtbot: QtBot, window, shown_by_forms):
    act = action("print")
    assert act is not None and act.label == "Print…"
    assert pension_forms._receipt_printer is print_receipt
    pid = enrolled_person(ctx, "陆文")
    with ctx.db.read() as s:
        contribution = s.scalar(select(Contribution).where(Contribution.person_id == pid))
    print_receipt(ctx, window, contribution.id)
    assert len(shown_by_forms) == 1
    qtbot.addWidget(shown_by_forms[0])
    assert "Contribution receipt" in shown_by_forms[0].windowTitle()
    assert logged(ctx.db) == []


def test_cancel_while_printing_stops_the_print_job(ctx, qtbot: QtBot, window, monkeypatch):
    for i, name in enumerate(["甲老人", "乙老人", "丙老人"]):
        certified_pensioner(ctx, date(1955 + i, 7, 1), i + 1, name)
    dialog = opened(
        qtbot, lambda shown: print_certification_slips(ctx, window, ctx.today(), on_shown=shown)
    )
    printed_pages: list[int] = []
    real_render = PdfFile.render

    def render(self, first, last, dpi, **kwargs):
        if dpi == PRINT_DPI:  # a page for the printer: the clerk presses Cancel meanwhile
            printed_pages.append(first)
            progress = dialog.findChildren(QProgressDialog, "printProgress")[-1]
            progress.findChild(QPushButton).click()
        return real_render(self, first, last, dpi, **kwargs)

    monkeypatch.setattr(PdfFile, "render", render)
    monkeypatch.setattr(dialog, "ask_printer", lambda: pdf_printer(Path("/dev/null")))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert printed_pages == [0]  # stopped before the second page
    assert "Printing cancelled." in dialog.status.text()
    assert len(logged(ctx.db)) == 3  # numbered and logged before printing started


def test_the_queue_and_the_home_page_have_print_buttons(ctx, qtbot: QtBot):
    from villagedesk.gui.pages.certification import CertificationPage
    from villagedesk.gui.pages.home import HomePage

    page = CertificationPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert not page.print_slips_button.isEnabled()  # nobody certified yet
    certified_pensioner(ctx, date(1955, 7, 1), 1, "甲老人")
    page.refresh()
    assert page.print_slips_button.text() == "Print today's slips…"
    qtbot.mouseClick(page.print_slips_button, Qt.MouseButton.LeftButton)
    (slips,) = page.findChildren(PrintPreviewDialog)
    qtbot.addWidget(slips)
    assert slips.pages == 1 and "slips" in slips.windowTitle()

    with ctx.db.write() as s:  # a registered-poor person not enrolled: a home visit to make
        pid = register_person(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            id_number=make_id(date(1990, 1, 1), 9),
            name="蒙小燕",
        ).id
        add_status(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            person_id=pid,
            kind=StatusKind.REGISTERED_POOR,
            start_date=date(2015, 1, 1),
        )
    home = HomePage(ctx)
    qtbot.addWidget(home)
    home.show()
    home.refresh()
    codes = [wl.code for wl in home.lists]
    home.list_view.setCurrentRow(codes.index("poor_not_enrolled"))
    qtbot.mouseClick(home.print_button, Qt.MouseButton.LeftButton)
    (visits,) = home.findChildren(PrintPreviewDialog)
    qtbot.addWidget(visits)
    assert visits.pages >= 1 and visits.document.sizes[0].landscape


def test_with_a_real_worker_pool_the_window_stays_free_and_the_pages_print(
    ctx, qtbot: QtBot, window, tmp_path, monkeypatch
):
    """Preview, issuing and printing off the GUI thread (QImage and QPrinter in workers)."""
    from villagedesk.gui.tasks import Tasks

    ctx.tasks = Tasks()
    pid = enrolled_person(ctx)
    request = DocumentRequest(kind="entitlement-statement", person_id=pid)
    dialog = opened(qtbot, lambda shown: open_preview(ctx, window, request, on_shown=shown))
    out = tmp_path / "threaded.pdf"

    def ask_printer():
        printer = pdf_printer(out)
        dialog.prepare_printer(printer)
        return printer

    monkeypatch.setattr(dialog, "ask_printer", ask_printer)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "sent to" in dialog.status.text(), timeout=30_000)
    assert pdf_info(out)[0] == dialog.pages
    assert len(logged(ctx.db)) == 1
    assert ctx.tasks.wait()


def test_the_kinds_read_once_each_in_chinese(ctx, qtbot: QtBot, window):
    from villagedesk.gui.i18n import install_language

    pid = enrolled_person(ctx)
    install_language("zh_CN")
    try:
        chooser = PrintFormsDialog(ctx, pid, window)
        qtbot.addWidget(chooser)
        texts = [chooser.kinds.item(i).text() for i in range(chooser.kinds.count())]
    finally:
        install_language("en")
    assert "岗位推荐函" in texts and "城乡居民基本养老保险缴费凭证" in texts
    assert all("·" not in t for t in texts), texts  # no "岗位推荐函 · 岗位推荐函"
