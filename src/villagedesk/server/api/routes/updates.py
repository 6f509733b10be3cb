"""``/updates/v1``: the newest counter package of each platform, as the release manager signed
it (``python -m villagedesk.sync.updates sign --out $VILLAGEDESK_SERVER_UPDATES``).

The server only serves the files: the counter checks the signature against the release keys
it was built with, and the package's digest against the signed manifest. No credentials are
needed (nothing here is secret, and a counter too old to sync must still be able to update).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

from villagedesk.sync.updates import PLATFORMS, published

ENV_UPDATES = "VILLAGEDESK_SERVER_UPDATES"  # the folder with one sub-folder per platform

router = APIRouter(prefix="/updates/v1", tags=["updates"])


def _published(platform: str) -> tuple[dict[str, Any], Path]:
    folder = os.environ.get(ENV_UPDATES, "")
    found = published(Path(folder), platform) if folder and platform in PLATFORMS else None
    if found is None:
        raise HTTPException(
            status_code=404,
            detail={"code": "no_update", "reason": f"no update published for {platform}"},
        )
    return found


@router.get("/{platform}/manifest")
def manifest(platform: str) -> dict[str, Any]:
    """The signed manifest: ``{"manifest": {...}, "key_id": ..., "signature": ...}``."""
    signed, _package = _published(platform)
    return signed


@router.get("/{platform}/package", response_class=FileResponse)
def package(platform: str) -> FileResponse:
    """The package file the manifest names (verify it before running it)."""
    signed, path = _published(platform)
    return FileResponse(
        path,
        media_type="application/octet-stream",
        filename=path.name,
        headers={"X-Villagedesk-Sha256": str(signed["manifest"]["sha256"])},
    )
