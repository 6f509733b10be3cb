"""Simplified Chinese is complete: every visible string has a finished translation with the
same placeholders, and the compiled .qm that the program loads says the same as the .ts."""

from __future__ import annotations

import re

from villagedesk.gui.i18n_tool import extract, read_ts, ts_path

PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def test_every_string_of_the_gui_has_a_finished_chinese_translation():
    have = read_ts(ts_path())
    missing = [s for s in extract() if s not in have or not have[s].finished]
    assert missing == []


def test_translations_keep_the_placeholders_of_their_source():
    bad = [
        (m.source, m.translation)
        for m in read_ts(ts_path()).values()
        if m.finished
        and sorted(PLACEHOLDER.findall(m.source)) != sorted(PLACEHOLDER.findall(m.translation))
    ]
    assert bad == []


def test_the_compiled_qm_matches_the_ts(app):
    from villagedesk.gui.i18n import CONTEXT, install_language
    from villagedesk.gui.qt import QCoreApplication

    assert install_language("zh_CN")
    messages = [m for m in read_ts(ts_path()).values() if m.finished]
    stale = [
        m.source for m in messages if QCoreApplication.translate(CONTEXT, m.source) != m.translation
    ]
    install_language("en")
    assert stale == []
    assert len(messages) > 300
