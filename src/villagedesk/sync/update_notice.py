"""Telling the counter about a new version: checked during every sync, remembered locally.

The county publishes signed packages (``sync.updates``). After each sync — and after a sync
the county refused because this version is too old — the counter asks for the newest
manifest, checks its signature against the release keys it was built with, and keeps the
signed manifest in ``sync_state``. The 同步 page and ``villagedesk update`` read it from
there, so the clerk is told even when the network is gone again, and the signature is
checked once more before anything is downloaded or run.

An update check never fails a sync: a county without updates, a network cut or a manifest
that does not verify leaves the sync's own result untouched (the last reason is kept).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import delete

from villagedesk import __version__
from villagedesk.store.database import Database
from villagedesk.store.models import SyncState
from villagedesk.sync.engine import local_write
from villagedesk.sync.updates import (
    UpdateOffer,
    UpdateRejected,
    check_for_update,
    download_update,
    parse_version,
    trusted_release_keys,
    updates_folder,
    verify_manifest,
)

OFFER_STATE = "updates.offer"  # JSON: the signed manifest, its package URL
CHECK_STATE = "updates.last_check"  # JSON: when and with what outcome the county was asked


class VerifyingHttp:
    """``get`` with the configured TLS verification on every request: a Session's own
    ``verify`` loses to REQUESTS_CA_BUNDLE, so a county CA bundle given with ``--ca-bundle``
    must travel with each call (as the sync client does)."""

    def __init__(self, session: requests.Session, verify: bool | str) -> None:
        self.session = session
        self.verify = verify

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("verify", self.verify)
        return self.session.get(url, **kwargs)


@dataclass(frozen=True)
class UpdateNotice:
    """What the clerk is told: a newer version, whether it is required, the release notes."""

    version: str
    required: bool
    notes: str
    filename: str
    size: int
    signed: dict[str, Any]  # the manifest as the release manager signed it
    url: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "required": self.required,
            "notes": self.notes,
            "filename": self.filename,
            "size": self.size,
        }


def _notice(offer: UpdateOffer) -> UpdateNotice:
    m = offer.manifest
    return UpdateNotice(
        version=m.version,
        required=offer.required,
        notes=m.notes,
        filename=m.filename,
        size=m.size,
        signed=offer.signed,
        url=offer.url,
    )


def _put(db: Database, key: str, value: dict[str, Any] | None) -> None:
    with local_write(db) as s:
        s.execute(delete(SyncState).where(SyncState.key == key))
        if value is not None:
            s.add(SyncState(key=key, value=json.dumps(value, ensure_ascii=False)))


def _get(db: Database, key: str) -> dict[str, Any] | None:
    with db.read() as s:
        row = s.get(SyncState, key)
        text = row.value if row is not None else ""
    try:
        found = json.loads(text) if text else None
    except json.JSONDecodeError:
        return None
    return found if isinstance(found, dict) else None


def refresh_update_offer(
    *,
    db: Database,
    http: requests.Session,
    server_url: str,
    checked_at: str,
    verify: bool | str = True,
    current_version: str = __version__,
    trusted_keys: Sequence[str] | None = None,
    platform: str | None = None,
) -> UpdateNotice | None:
    """Ask the county for a newer signed version and remember the answer; never raises for
    what the network or the county does (the outcome is kept in ``updates.last_check``)."""
    keys = trusted_release_keys() if trusted_keys is None else trusted_keys
    outcome = "none"
    notice: UpdateNotice | None = None
    web = VerifyingHttp(http, verify)
    try:
        offer = check_for_update(
            http=web,
            server_url=server_url,
            current_version=current_version,
            platform=platform,
            trusted_keys=keys,
            timeout=15.0,
        )
        if offer is not None:
            notice = _notice(offer)
            outcome = "offered"
    except UpdateRejected as exc:
        outcome = f"rejected: {exc}"
    except (requests.RequestException, ValueError) as exc:
        outcome = f"unreachable: {type(exc).__name__}"
    if outcome == "offered" or outcome == "none":
        _put(
            db,
            OFFER_STATE,
            None
            if notice is None
            else {"signed": notice.signed, "url": notice.url, "current": current_version},
        )
    _put(db, CHECK_STATE, {"at": checked_at, "outcome": outcome})
    return notice


def stored_update(
    *,
    db: Database,
    current_version: str = __version__,
    trusted_keys: Sequence[str] | None = None,
) -> UpdateNotice | None:
    """The remembered offer, re-verified; None when there is none, it is not newer than this
    program (it was installed meanwhile) or its signature no longer checks out."""
    found = _get(db, OFFER_STATE)
    if found is None:
        return None
    keys = trusted_release_keys() if trusted_keys is None else trusted_keys
    try:
        signed = found["signed"]
        manifest = verify_manifest(signed, keys)
        if parse_version(manifest.version) <= parse_version(current_version):
            return None
        required = parse_version(current_version) < parse_version(manifest.min_client_version)
        key = str(signed["key_id"])
        offer = UpdateOffer(
            manifest=manifest, key_id=key, url=str(found["url"]), required=required, signed=signed
        )
    except (UpdateRejected, KeyError, TypeError, ValueError):
        return None
    return _notice(offer)


def last_check(*, db: Database) -> dict[str, Any] | None:
    return _get(db, CHECK_STATE)


def fetch_update(
    *,
    db: Database,
    http: requests.Session,
    verify: bool | str = True,
    folder: Path | None = None,
    trusted_keys: Sequence[str] | None = None,
    current_version: str = __version__,
) -> Path:
    """Download the remembered update and verify it (signature, then size and SHA-256);
    returns the package path. Raises UpdateRejected when there is nothing valid to fetch."""
    notice = stored_update(db=db, trusted_keys=trusted_keys, current_version=current_version)
    if notice is None:
        raise UpdateRejected("no verified update is waiting")
    keys = trusted_release_keys() if trusted_keys is None else trusted_keys
    manifest = verify_manifest(notice.signed, keys)
    offer = UpdateOffer(
        manifest=manifest, key_id=str(notice.signed["key_id"]), url=notice.url, required=False
    )
    target = folder if folder is not None else updates_folder(db.path.parent)
    return download_update(http=VerifyingHttp(http, verify), offer=offer, folder=target)
