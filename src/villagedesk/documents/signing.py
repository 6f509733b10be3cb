"""Signing what the counter prints, and checking a signature (for the county's ``/verify``).

Every document carries a QR code with a *token*::

    VD1.<base64url(canonical payload)>.<base64url(Ed25519 signature over those payload bytes)>

optionally behind the county server's address (``https://…/verify/<token>``). The payload is
canonical JSON — keys sorted, no spaces, UTF-8 — holding the document id, kind, serial,
station, date, the signing key's id and the few facts a reader checks against the paper.

The station's key pair is made on first use and kept in the local ``sync_state`` table (the
private key never leaves the counter; the public key must reach the county, see
``station_public_key``). ``verify_document`` is a pure function: the server's route passes
the token's parts and the station's public key and shows the result.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy.orm import Session

from villagedesk.store.audit import append_audit
from villagedesk.store.models import SyncState

TOKEN_PREFIX = "VD1"
PAYLOAD_VERSION = 1
PRIVATE_KEY_STATE = "documents.ed25519.private"  # base64 of the 32-byte raw private key
PUBLIC_KEY_STATE = "documents.ed25519.public"  # base64 of the 32-byte raw public key
VERIFY_PATH = "/verify/"

# Reasons a check fails, as stable codes (the server maps them to words).
OK = "ok"
MALFORMED = "malformed"  # not a token, bad base64, not JSON, not an object
BAD_KEY = "bad_key"  # the public key given is not an Ed25519 key
BAD_SIGNATURE = "bad_signature"  # altered payload, or signed by another key
WRONG_KEY_ID = "wrong_key_id"  # signed, but the payload names another key of the station
UNSUPPORTED = "unsupported_version"


# --------------------------------------------------------------------------- encoding


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _b64decode(text: str) -> bytes:
    padded = text + "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii"))


def canonical_payload(fields: Mapping[str, Any]) -> bytes:
    """The exact bytes that are signed: sorted keys, no spaces, UTF-8 (Chinese kept as is)."""
    return json.dumps(
        dict(fields), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode("utf-8")


def payload_sha256(payload: bytes) -> str:
    """Hex SHA-256 of the payload bytes; kept in ``printed_documents.payload_hash``."""
    return hashlib.sha256(payload).hexdigest()


def key_id(public_key: bytes) -> str:
    """A short, stable name of a public key (first 8 hex digits of its SHA-256)."""
    return hashlib.sha256(public_key).hexdigest()[:8]


def encode_token(*, payload: bytes, signature: bytes) -> str:
    return f"{TOKEN_PREFIX}.{_b64encode(payload)}.{_b64encode(signature)}"


def qr_text(*, token: str, server_url: str = "") -> str:
    """What the QR code holds: the token, behind the county's verify address when known."""
    base = server_url.strip().rstrip("/")
    return f"{base}{VERIFY_PATH}{token}" if base else token


def decode_token(text: str) -> tuple[bytes, bytes]:
    """``(payload, signature)`` from a token or a verify URL. Raises ``ValueError``."""
    token = text.strip()
    if VERIFY_PATH in token:
        token = token.rsplit(VERIFY_PATH, 1)[1]
    token = token.split("?", 1)[0].split("#", 1)[0]
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        raise ValueError("not a villagedesk document token")
    try:
        return _b64decode(parts[1]), _b64decode(parts[2])
    except (binascii.Error, ValueError, UnicodeEncodeError) as exc:
        raise ValueError("the token is not valid base64") from exc


# --------------------------------------------------------------------------- verification


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of a check. ``fields`` is the signed payload, only when ``valid``."""

    valid: bool
    reason: str
    fields: dict[str, Any] = field(default_factory=dict)
    payload_hash: str = ""  # compare with printed_documents.payload_hash of fields["i"]

    @property
    def document_id(self) -> str:
        return str(self.fields.get("i", ""))

    @property
    def serial(self) -> str:
        return str(self.fields.get("s", ""))


def _as_bytes(value: bytes | str, *, b64: bool) -> bytes:
    if isinstance(value, bytes):
        return value
    return _b64decode(value) if b64 else value.encode("utf-8")


def verify_document(
    payload: bytes | str, signature: bytes | str, public_key: bytes | str
) -> VerifyResult:
    """Check a document's signature. Pure: no database, no clock, no network.

    ``payload`` is the signed bytes (or their UTF-8 text); ``signature`` the 64 signature
    bytes (or base64url text); ``public_key`` the station's 32 raw public-key bytes (or their
    base64 text, as ``station_public_key`` gives). An altered payload, another station's key
    or a garbled token gives ``valid=False`` with a reason code, never an exception.
    """
    try:
        payload_bytes = _as_bytes(payload, b64=False)
        signature_bytes = _as_bytes(signature, b64=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return VerifyResult(valid=False, reason=MALFORMED)
    try:
        key_bytes = _as_bytes(public_key, b64=True)
        key = Ed25519PublicKey.from_public_bytes(key_bytes)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return VerifyResult(valid=False, reason=BAD_KEY)
    digest = payload_sha256(payload_bytes)
    try:
        key.verify(signature_bytes, payload_bytes)
    except InvalidSignature:
        return VerifyResult(valid=False, reason=BAD_SIGNATURE, payload_hash=digest)
    try:
        fields = json.loads(payload_bytes.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return VerifyResult(valid=False, reason=MALFORMED, payload_hash=digest)
    if not isinstance(fields, dict):
        return VerifyResult(valid=False, reason=MALFORMED, payload_hash=digest)
    if fields.get("v") != PAYLOAD_VERSION:
        return VerifyResult(valid=False, reason=UNSUPPORTED, payload_hash=digest)
    if fields.get("kid") not in (None, key_id(key_bytes)):
        return VerifyResult(valid=False, reason=WRONG_KEY_ID, payload_hash=digest)
    return VerifyResult(valid=True, reason=OK, fields=fields, payload_hash=digest)


def verify_token(text: str, public_key: bytes | str) -> VerifyResult:
    """``verify_document`` on what a QR code holds (a token or a verify URL)."""
    try:
        payload, signature = decode_token(text)
    except ValueError:
        return VerifyResult(valid=False, reason=MALFORMED)
    return verify_document(payload, signature, public_key)


# --------------------------------------------------------------------------- the station key


@dataclass(frozen=True)
class StationKey:
    private: Ed25519PrivateKey
    public_raw: bytes

    @property
    def public_b64(self) -> str:
        return base64.b64encode(self.public_raw).decode("ascii")

    @property
    def key_id(self) -> str:
        return key_id(self.public_raw)

    def sign(self, payload: bytes) -> bytes:
        return self.private.sign(payload)


def _raw_public(private: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def load_station_key(*, session: Session) -> StationKey | None:
    row = session.get(SyncState, PRIVATE_KEY_STATE)
    if row is None:
        return None
    private = Ed25519PrivateKey.from_private_bytes(base64.b64decode(row.value))
    return StationKey(private=private, public_raw=_raw_public(private))


def station_key(*, session: Session, actor: str = "system") -> StationKey:
    """The station's signing key, made and stored on first use (needs a write session)."""
    found = load_station_key(session=session)
    if found is not None:
        return found
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    key = StationKey(private=private, public_raw=_raw_public(private))
    session.add(SyncState(key=PRIVATE_KEY_STATE, value=base64.b64encode(raw).decode("ascii")))
    session.add(SyncState(key=PUBLIC_KEY_STATE, value=key.public_b64))
    session.flush()
    append_audit(
        session,
        actor=actor,
        action="documents.signing_key.create",
        target_table="sync_state",
        target_id=PUBLIC_KEY_STATE,
        details={"public_key": key.public_b64, "key_id": key.key_id},
    )
    return key


def station_public_key(*, session: Session) -> str | None:
    """Base64 of the station's public key (for the county), or None before the first print."""
    row = session.get(SyncState, PUBLIC_KEY_STATE)
    return row.value if row is not None else None
