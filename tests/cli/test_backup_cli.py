"""``villagedesk backup`` and the sync pause after a restore, from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from villagedesk.cli import main
from villagedesk.sync.engine import EXIT_REFUSED


def _init(tmp_path: Path) -> str:
    db = str(tmp_path / "s.db")
    args = ["init", "--db", db, "--village", "450422116201", "--name", "大黎村"]
    assert main([*args, "--supervisor", "li", "--password", "secret-123"]) == 0
    return db


def test_backup_restore_pauses_sync_until_resumed(tmp_path: Path, capsys):
    db = _init(tmp_path)
    assert main(["backup", "--db", db]) == 0
    capsys.readouterr()
    assert main(["backup", "--db", db, "--list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 1 and listed[0]["kind"] == "manual" and listed[0]["faults"] == 0

    assert main(["backup", "--db", db, "--restore", listed[0]["path"]]) == 0
    capsys.readouterr()
    # the nightly headless sync refuses, clearly, until a supervisor confirms
    assert main(["sync", "--db", db, "--json"]) == EXIT_REFUSED
    out = capsys.readouterr()
    answer = json.loads(out.out)
    assert answer["status"] == "paused" and "restored" in answer["message"]
    assert "supervisor must confirm" in out.err

    assert main(["backup", "--db", db, "--resume-sync"]) == 0
    assert "sync resumed" in capsys.readouterr().out
    assert main(["sync", "--db", db, "--json"]) == EXIT_REFUSED  # now: simply not enrolled
    assert json.loads(capsys.readouterr().out)["status"] == "not_enrolled"
    # the nightly run made the automatic backup that was due
    assert main(["backup", "--db", db, "--list", "--json"]) == 0
    kinds = sorted(b["kind"] for b in json.loads(capsys.readouterr().out))
    assert kinds == ["auto", "manual", "pre-restore"]
    assert main(["check", "--db", db]) == 0


def test_a_database_without_its_key_is_a_clear_error(tmp_path: Path, capsys, monkeypatch):
    db = _init(tmp_path)
    monkeypatch.setenv("VILLAGEDESK_KEY_FILE", str(tmp_path / "no" / "such.key"))
    assert main(["check", "--db", db]) == 2
    assert "key" in capsys.readouterr().err
