"""The actions a clerk can take on a person, by the codes the work-lists use.

Pages and work-lists open forms through ``run_action`` so each form is written once.
Form modules register themselves here when imported (see ``gui.dialogs``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from villagedesk.gui.context import AppContext
from villagedesk.gui.qt import QWidget

ActionFn = Callable[[AppContext, QWidget | None, str], bool]


@dataclass(frozen=True)
class Action:
    code: str
    label: str  # English source, marked with N_(); shown through _()
    run: ActionFn
    supervisor_only: bool = False


_REGISTRY: dict[str, Action] = {}


def register(action: Action) -> None:
    _REGISTRY[action.code] = action


def action(code: str) -> Action | None:
    _load_forms()
    return _REGISTRY.get(code)


def all_actions() -> list[Action]:
    _load_forms()
    return list(_REGISTRY.values())


def run_action(ctx: AppContext, parent: QWidget | None, code: str, person_id: str) -> bool:
    """Open the form for ``code`` on a person; True if something was saved."""
    found = action(code)
    if found is None:
        return False
    return found.run(ctx, parent, person_id)


_loaded = False


def _load_forms() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    import importlib

    for module in (
        "person_forms",
        "labour_forms",
        "pension_forms",
        "print_forms",
        "matching_forms",
    ):
        try:
            importlib.import_module(f"villagedesk.gui.dialogs.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"villagedesk.gui.dialogs.{module}":
                raise
