"""Helpers the GUI tests import (by a name no other test folder uses)."""

from __future__ import annotations


def type_text(qtbot, widget, text: str) -> None:
    """Type like a clerk: ASCII key by key; Chinese arrives whole, as an input method commits
    it (QTest cannot synthesise key events for characters outside Latin-1)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.setFocus()
        widget.insert(text)
