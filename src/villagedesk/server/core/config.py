"""Server settings, from arguments or the environment (``VILLAGEDESK_SERVER_*``)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from villagedesk.sync.protocol import DEFAULT_MAX_BODY

ENV_DB = "VILLAGEDESK_SERVER_DB"
ENV_ADMIN_TOKEN = "VILLAGEDESK_SERVER_ADMIN_TOKEN"


def default_db_url() -> str:
    folder = Path(user_data_dir("villagedesk-server", appauthor=False))
    return f"sqlite:///{folder / 'county.db'}"


@dataclass(frozen=True)
class Settings:
    db_url: str
    admin_token: str = ""  # empty: the county admin API is switched off
    max_body_bytes: int = DEFAULT_MAX_BODY
    snapshot_after: int = 50_000  # a station further behind than this gets a snapshot

    @classmethod
    def from_env(cls, db_url: str | None = None) -> Settings:
        return cls(
            db_url=db_url or os.environ.get(ENV_DB) or default_db_url(),
            admin_token=os.environ.get(ENV_ADMIN_TOKEN, ""),
            max_body_bytes=int(os.environ.get("VILLAGEDESK_SERVER_MAX_BODY", DEFAULT_MAX_BODY)),
            snapshot_after=int(os.environ.get("VILLAGEDESK_SERVER_SNAPSHOT_AFTER", 50_000)),
        )
