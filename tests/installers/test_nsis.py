"""The Windows installer script compiles with makensis (around a placeholder payload), in
Chinese, with the shortcuts, the nightly task and an uninstaller that keeps the data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "installers" / "windows" / "villagedesk.nsi"
IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def test_the_nsis_script_compiles_around_a_placeholder_payload() -> None:
    if shutil.which("makensis") is None:
        if IN_CI:
            pytest.fail("makensis is missing: install the Debian package nsis", pytrace=False)
        pytest.skip("makensis is missing (Debian package nsis)")
    done = subprocess.run(
        [sys.executable, str(ROOT / "installers" / "build.py"), "nsis", "--force"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    setup = Path(done.stdout.strip().splitlines()[-1])
    head = setup.read_bytes()[:2]
    assert head == b"MZ" and setup.stat().st_size > 50_000


def test_the_nsis_script_has_what_the_counter_needs() -> None:
    text = SCRIPT.read_text(encoding="utf-8-sig")
    assert SCRIPT.read_bytes().startswith(b"\xef\xbb\xbf")  # makensis on Windows reads UTF-8
    assert "Unicode true" in text
    # Chinese first: the default language of the installer and the uninstaller.
    assert text.index('MUI_LANGUAGE "SimpChinese"') < text.index('MUI_LANGUAGE "English"')
    assert "$SMPROGRAMS\\${APP_ZH}" in text and "村级就业社保服务" in text
    assert "schtasks /Create" in text and "schtasks /Delete" in text
    assert "villagedesk-cli.exe</Command><Arguments>sync</Arguments>" in text
    assert "WriteUninstaller" in text
    # The data is deleted only from an optional (unticked) uninstaller section, after a question.
    data_section = text[text.index('Section /o "un.$(SecData)"') :]
    assert 'RMDir /r "$LOCALAPPDATA\\${APP}"' in data_section
    assert "MB_DEFBUTTON2" in data_section and "/SD IDNO" in data_section
    program_section = text[
        text.index('Section "un.$(SecProgram)"') : text.index(
            "SectionEnd", text.index('Section "un.$(SecProgram)"')
        )
    ]
    assert "LOCALAPPDATA" not in program_section
