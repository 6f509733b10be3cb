"""Where the station database lives by default (per-OS data folder, overridable)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP = "villagedesk"


def default_db_path() -> Path:
    env = os.environ.get("VILLAGEDESK_DB")
    if env:
        return Path(env)
    return Path(user_data_dir(APP, appauthor=False)) / "station.db"
