"""The parts: the QR encoder, amounts in words, the ``print`` command, the layer rule."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import qrcode
from doc_support import DEMO_TODAY, Pdf, require_tool
from qrcode.constants import ERROR_CORRECT_M
from sqlalchemy import func, select

from villagedesk.documents.commands import add_print_parser
from villagedesk.documents.labels import yuan_in_words
from villagedesk.documents.qr import MASK, qr_matrix
from villagedesk.documents.registry import KINDS
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.idnumber import mask_id
from villagedesk.store.database import Database
from villagedesk.store.models import Certification, Person, PrintedDocument

SavePdf = Callable[[bytes, str], Pdf]


@pytest.mark.parametrize("length", [6, 17, 40, 120, 290, 350, 440, 520, 900, 1400])
def test_qr_matrix_is_module_for_module_what_the_qrcode_package_makes(length: int) -> None:
    text = ("VD1.eyJ黄秀英-_" * 300)[:length]
    mine = qr_matrix(text)
    version = (len(mine) - 17) // 4
    reference = qrcode.QRCode(
        version=version, error_correction=ERROR_CORRECT_M, border=0, mask_pattern=MASK
    )
    reference.add_data(text.encode("utf-8"), optimize=0)
    reference.make(fit=False)
    assert [[int(bool(m)) for m in row] for row in reference.modules] == [list(row) for row in mine]
    smallest = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=MASK)
    smallest.add_data(text.encode("utf-8"), optimize=0)
    smallest.make(fit=True)
    assert smallest.version == version  # the smallest code that holds the text


@pytest.mark.parametrize(
    ("fen", "words"),
    [
        (0, "人民币零元整"),
        (10000, "人民币壹佰元整"),
        (23050, "人民币贰佰叁拾元伍角整"),
        (100005, "人民币壹仟元零伍分"),
        (10000000, "人民币壹拾万元整"),
        (10050000, "人民币壹拾万零伍佰元整"),
        (166320, "人民币壹仟陆佰陆拾叁元贰角整"),
        (50, "人民币伍角整"),
    ],
)
def test_amounts_in_capitals_read_as_on_a_receipt(fen: int, words: str) -> None:
    assert yuan_in_words(fen) == words


def run_print(db: Database, *argv: str) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=str(db.path))
    parser = argparse.ArgumentParser(prog="villagedesk")
    sub = parser.add_subparsers(dest="command")
    add_print_parser(sub, common)
    args = parser.parse_args(["print", *argv])
    result: int = args.func(args)
    return result


def test_print_list_names_every_kind(demo: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_print(demo, "--list") == 0
    out = capsys.readouterr().out
    for code in KINDS:
        assert code in out


def test_print_command_writes_a_certificate_for_an_id_number(
    demo: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with demo.read() as s:
        person = s.scalars(
            select(Person).join(Certification, Certification.person_id == Person.id)
        ).first()
        assert person is not None
    out = tmp_path / "slip.pdf"
    code = run_print(demo, "certification-slip", "--person", person.id_number, "--out", str(out))
    assert code == 0
    assert "1 document(s)" in capsys.readouterr().out
    text = "".join(Pdf(out).text().split())
    assert person.name in text and mask_id(person.id_number) in text


def test_print_command_batches_a_days_slips_into_one_file(
    demo: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with demo.read() as s:
        day, count = s.execute(
            select(Certification.certified_on, func.count())
            .group_by(Certification.certified_on)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
    out = tmp_path / "all.pdf"
    assert run_print(demo, "certification-slips", "--on", day.isoformat(), "--out", str(out)) == 0
    assert f"{count} document(s), {count} page(s)" in capsys.readouterr().out
    assert len(Pdf(out).pages()) == count


def test_print_command_reprints_by_serial(
    demo: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with demo.read() as s:
        pid = s.scalar(select(Certification.person_id).limit(1))
    first = tmp_path / "first.pdf"
    run_print(demo, "certification-slip", "--person", str(pid), "--out", str(first))
    capsys.readouterr()
    with demo.read() as s:
        serial = s.scalar(
            select(PrintedDocument.serial)
            .where(PrintedDocument.person_id == pid)
            .order_by(PrintedDocument.serial.desc())
        )
    again = tmp_path / "again.pdf"
    assert run_print(demo, "certification-slip", "--reprint", str(serial), "--out", str(again)) == 0
    assert "补打" in capsys.readouterr().out
    assert "补打" in Pdf(again).text()


def test_print_command_refuses_bad_input_before_writing(demo: Database, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    for argv, field in (
        (["enrolment-certificate", "--out", str(out)], "person"),
        (["enrolment-certificate", "--person", "x"], "out"),
        (["no-such-kind", "--out", str(out)], "kind"),
        ([], "kind"),
        (["unemployment-estimate", "--person", "x", "--out", str(out)], "contribution_years"),
        (["labour-card", "--person", "nobody", "--out", str(out)], "person_id"),
    ):
        with pytest.raises(ValidationError) as err:
            run_print(demo, *argv)
        assert err.value.errors[0].field == field, argv
    assert not out.exists()


def test_the_documents_layer_never_imports_qt_the_gui_or_the_server() -> None:
    code = (
        "import sys\n"
        "import villagedesk.documents.api, villagedesk.documents.commands\n"
        "import villagedesk.documents.registry, villagedesk.documents.signing\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6',"
        " 'villagedesk.gui', 'villagedesk.server', 'villagedesk.cli', 'fastapi'))]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_pdf_tools_are_there() -> None:
    """CI must have poppler-utils and zbar-tools: the document tests read PDFs with them."""
    for tool in ("pdftotext", "pdffonts", "pdftoppm", "zbarimg"):
        require_tool(tool)
    assert DEMO_TODAY.year == 2026
