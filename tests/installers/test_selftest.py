"""``villagedesk --self-test``: one line per check, exit 0 only when every check passed."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from villagedesk import selftest


@pytest.mark.slow
def test_the_self_test_passes_from_the_source_tree(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("VILLAGEDESK_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "villagedesk.cli", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("villagedesk ") and "(source," in lines[0]
    names = [name for name, _ in selftest.CHECKS]
    for name in names:
        assert any(line.startswith(f"ok   {name} ") for line in lines), (name, done.stdout)
    assert lines[-1].startswith(f"self-test passed: {len(names)} checks")
    # It never touches the clerk's own data folder.
    assert not (tmp_path / ".local" / "share" / "villagedesk").exists()


def test_a_failing_check_fails_the_run_and_skips_what_needs_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(state: object) -> str:
        raise FileNotFoundError("wqy-microhei.ttc is missing")

    def fine(state: object) -> str:
        return "fine"

    monkeypatch.setattr(
        selftest, "CHECKS", (("resources", broken), ("database", fine), ("qt", broken))
    )
    monkeypatch.setattr(selftest, "NEEDS", {"qt-font": "qt", "database": "resources"})
    out = io.StringIO()
    assert selftest.run_self_test(out) == 1
    text = out.getvalue()
    assert "FAIL resources" in text and "wqy-microhei.ttc is missing" in text
    assert "FAIL database      skipped: resources failed" in text
    assert "self-test FAILED: resources, database, qt" in text
