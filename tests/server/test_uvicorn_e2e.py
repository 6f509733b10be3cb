"""End to end over real HTTP: `villagedesk-server` under uvicorn on 127.0.0.1 (2 workers), and
the `villagedesk enrol` / `sync` commands of two counters."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from sync_harness import CLERK, TODAY, VILLAGE_A, VILLAGE_B

from helpers import make_id
from villagedesk.services.persons import register_person
from villagedesk.store.database import Database

PY = sys.executable


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PY, "-m", *args], capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.slow
def test_two_counters_sync_through_a_real_server(county_url: str, tmp_path: Path) -> None:
    srv = ["villagedesk.server.cli", "--db", county_url]
    assert _run(*srv, "init").returncode == 0
    tokens = {}
    for village in (VILLAGE_A, VILLAGE_B):
        out = _run(*srv, "station", "add", "--village", village, "--json")
        assert out.returncode == 0, out.stderr
        tokens[village] = json.loads(out.stdout)["token"]
    listed = _run(*srv, "station", "list", "--json").stdout.splitlines()
    assert [json.loads(line)["status"] for line in listed] == ["pending", "pending"]

    port = _free_port()
    server = subprocess.Popen(
        [
            PY,
            "-m",
            *srv,
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        # A file, not a pipe: an unread pipe fills up and blocks the server mid-test.
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "server.log").open("wb"),
        env={**os.environ},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        # Two workers import the whole server: on a loaded 2-core machine that takes a while.
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if requests.get(url + "/healthz", timeout=2).ok:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            pytest.fail((tmp_path / "server.log").read_text(errors="replace"))
        dbs = {v: tmp_path / f"{v}.db" for v in tokens}
        for village, token in tokens.items():
            out = _run(
                "villagedesk.cli",
                "enrol",
                "--db",
                str(dbs[village]),
                "--server",
                url,
                "--token",
                token,
                "--json",
            )
            assert out.returncode == 0, out.stderr
        for village, seq in ((VILLAGE_A, 1), (VILLAGE_B, 2)):
            db = Database(dbs[village])
            with db.write(actor="wang") as s:
                for i in range(20):
                    register_person(
                        session=s,
                        actor=CLERK,
                        today=TODAY,
                        name="张三",
                        id_number=make_id(TODAY.replace(year=1960), seq * 100 + i),
                    )
            db.close()
        for village in tokens:
            out = _run("villagedesk.cli", "sync", "--db", str(dbs[village]), "--json")
            assert out.returncode == 0, out.stderr
            summary = json.loads(out.stdout)
            assert summary["pushed"] == 20 and summary["mismatches"] == []
            assert summary["bytes"] > 0 and summary["seconds"] >= 0
        out = _run("villagedesk.cli", "sync", "--db", str(dbs[VILLAGE_A]), "--json")
        assert json.loads(out.stdout)["pushed"] == 0
        assert _run(*srv, "station", "revoke", "--village", VILLAGE_B).returncode == 0
        out = _run("villagedesk.cli", "sync", "--db", str(dbs[VILLAGE_B]), "--json")
        assert out.returncode == 4 and json.loads(out.stdout)["status"] == "refused"
    finally:
        server.terminate()
        server.wait(timeout=20)
    out = _run("villagedesk.cli", "sync", "--db", str(dbs[VILLAGE_A]), "--json")
    assert out.returncode == 3 and json.loads(out.stdout)["status"] == "offline"
