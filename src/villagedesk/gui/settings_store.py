"""This counter's display preferences, kept in an .ini beside the station database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from villagedesk.gui.i18n import DEFAULT_LANGUAGE, LANGUAGES
from villagedesk.gui.qt import QSettings

FONT_SCALES = (1.0, 1.15, 1.3, 1.5)


@dataclass
class Preferences:
    language: str = DEFAULT_LANGUAGE
    font_scale: float = 1.0
    idle_minutes: int = 10


def _settings(db_path: Path) -> QSettings:
    return QSettings(str(db_path.with_suffix(".ini")), QSettings.Format.IniFormat)


def load_preferences(db_path: Path) -> Preferences:
    s = _settings(db_path)
    prefs = Preferences()
    language = str(s.value("language", prefs.language))
    prefs.language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    try:
        scale = float(s.value("font_scale", prefs.font_scale))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        scale = 1.0
    prefs.font_scale = scale if scale in FONT_SCALES else 1.0
    try:
        prefs.idle_minutes = max(0, min(120, int(s.value("idle_minutes", 10))))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        prefs.idle_minutes = 10
    return prefs


def save_preferences(db_path: Path, prefs: Preferences) -> None:
    s = _settings(db_path)
    s.setValue("language", prefs.language)
    s.setValue("font_scale", prefs.font_scale)
    s.setValue("idle_minutes", prefs.idle_minutes)
    s.sync()
