"""The command line, run as a user would (a real subprocess for the console script)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from helpers import make_id
from villagedesk.cli import main


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "villagedesk.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_idcheck_json_worked_examples():
    out = run(
        "idcheck", "--json", "--today", "2026-11-27", "360426199101010071", "360426199101010072"
    )
    good, bad = (json.loads(line) for line in out.stdout.splitlines())
    assert good["valid"] and good["sex"] == "male" and good["birth_date"] == "1991-01-01"
    assert good["normalized"] == "360426199101010071"
    assert not bad["valid"] and [e["rule"] for e in bad["errors"]] == ["checksum"]
    assert out.returncode == 1  # one of them is invalid


def test_idcheck_reads_numbers_from_stdin_and_converts_15_digits():
    out = run("idcheck", "--json", stdin="450102900307002\n\n450102199003070024\n")
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["normalized"] for r in rows] == ["450102199003070024"] * 2
    assert out.returncode == 0


def test_init_refuses_a_bad_village_code_and_writes_nothing(tmp_path: Path, capsys):
    code = main(["init", "--db", str(tmp_path / "x.db"), "--village", "4504221162", "--name", "x"])
    assert code == 2
    assert "village_code" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()


def test_init_find_show_check(tmp_path: Path, capsys, today):
    db = str(tmp_path / "s.db")
    assert (
        main(
            [
                "init",
                "--db",
                db,
                "--village",
                "450422116201",
                "--name",
                "大黎村",
                "--supervisor",
                "li",
                "--password",
                "secret-123",
            ]
        )
        == 0
    )
    assert "藤县" in capsys.readouterr().out
    from villagedesk.domain.categories import Role
    from villagedesk.services.context import Actor
    from villagedesk.services.persons import register_person
    from villagedesk.store.database import Database

    number = make_id(date(1956, 4, 4), 5)
    database = Database(db)
    with database.write() as s:
        register_person(
            session=s,
            actor=Actor("li", Role.SUPERVISOR),
            today=today,
            id_number=number,
            name="黄大爷",
        )
    database.close()

    assert main(["person", "find", "hdy", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "黄大爷" in out and number not in out and number[:4] in out  # masked
    assert main(["person", "show", number, "--db", db, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["name"] == "黄大爷" and shown["enrolment_status"] == "not_enrolled"
    assert main(["check", "--db", db]) == 0
    assert capsys.readouterr().out.strip().endswith("ok")


def test_check_fails_on_a_tampered_audit_log(tmp_path: Path, capsys):
    db = str(tmp_path / "s.db")
    main(
        [
            "init",
            "--db",
            db,
            "--village",
            "450422116201",
            "--name",
            "大黎村",
            "--supervisor",
            "li",
            "--password",
            "secret-123",
        ]
    )
    from villagedesk.store.database import open_station_connection

    con = open_station_connection(db)
    con.execute("UPDATE audit_log SET action='nothing.happened' WHERE seq=1")
    con.commit()
    con.close()
    capsys.readouterr()
    assert main(["check", "--db", db, "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert not result["ok"] and result["faults"][0]["check"] == "audit"


def test_missing_database_is_a_clear_error(tmp_path: Path, capsys):
    assert main(["worklist", "--db", str(tmp_path / "none.db")]) == 2
    assert "run init first" in capsys.readouterr().err


@pytest.mark.slow
def test_console_script_help_lists_the_commands():
    out = run("--help")
    for command in ("init", "demo", "idcheck", "person", "worklist", "report", "import", "check"):
        assert command in out.stdout
