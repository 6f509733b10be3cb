"""GUI fixtures: a logged-in context on a fresh station, tasks run inline, fixed today."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from villagedesk.gui.app import make_application, prepare
from villagedesk.gui.context import AppContext
from villagedesk.gui.tasks import ImmediateTasks


@pytest.fixture
def app(qapp, db_path):
    """The QApplication with the bundled font, in the language the test asks for (English
    by default, so assertions read naturally; a test switches to zh_CN where it matters)."""
    make_application()
    prepare(qapp, db_path)
    from villagedesk.gui.i18n import install_language

    install_language("en")
    yield qapp
    install_language("en")


@pytest.fixture
def ctx(app, db, supervisor, today):
    return AppContext(db=db, tasks=ImmediateTasks(), today=lambda: today, actor=supervisor)


@pytest.fixture
def clerk_ctx(app, db, clerk, today):
    return AppContext(db=db, tasks=ImmediateTasks(), today=lambda: today, actor=clerk)


@pytest.fixture(autouse=True)
def auto_answer(monkeypatch):
    """Answer every QMessageBox instead of blocking the test: Yes/Discard unless a test sets
    another button. ``auto_answer.asked`` lists the texts the clerk would have seen."""
    from villagedesk.gui.qt import QMessageBox

    answers: list[object] = []
    asked: list[str] = []

    def set_answer(button):
        answers.clear()
        answers.append(button)

    def fake(_parent=None, _title="", text="", buttons=None, *_args, **_kwargs):
        asked.append(str(text))
        if answers:
            return answers[0]
        if buttons is not None and buttons & QMessageBox.StandardButton.Discard:
            return QMessageBox.StandardButton.Discard
        return QMessageBox.StandardButton.Yes

    set_answer.asked = asked

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(fake))
    return set_answer
