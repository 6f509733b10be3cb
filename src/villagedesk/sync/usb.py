"""Sync by USB stick, for a station offline for weeks.

``villagedesk usb export --to DIR`` writes the station's un-acknowledged outbox (and audit
entries) as one signed, sequence-numbered package file. At the county,
``villagedesk-server usb import FILE`` (or ``POST /admin/v1/usb/import``) applies it exactly
like a push and writes the county's answer package (the acknowledgements, the station's pull
pages, its conflicts), which the station takes in with ``villagedesk usb import FILE``.

File: gzip of one JSON object ``{format, version, kind, village_code, key_id, sequence,
created_at, digest, signature, body}``. ``digest`` is SHA-256 of the canonical JSON of
``body``; ``signature`` is HMAC-SHA256 over the canonical JSON of every other header field,
keyed with a key derived from the station's sync secret (see ``package_key``, and
docs/security.md "USB packages"). ``key_id`` names that key without revealing it.

Sequence numbers count per station and per key. The county takes outbox package N only after
N-1 (a gap is refused, naming the package it is waiting for), refuses an older number with
other content (a replay), and answers "already imported" to the same package again, writing
the answer once more without changing anything. An answer is cumulative (it acknowledges
everything up to its package's last outbox entry), so the station takes any answer newer than
the last one it took, and refuses an older one.
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import json
import os
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from villagedesk.store.audit import canonical_json
from villagedesk.store.clock import HybridClock
from villagedesk.store.database import Database
from villagedesk.store.models import OutboxEntry
from villagedesk.store.security_models import UsbPackageRecord
from villagedesk.store.server_db import ServerDatabase, lock_change_log
from villagedesk.store.server_models import CountyStation
from villagedesk.sync.audit_sync import (
    ACKED_KEY as AUDIT_ACKED_KEY,
)
from villagedesk.sync.audit_sync import (
    AuditWireEntry,
    acked_audit,
    pending_audit,
    receive_audit,
)
from villagedesk.sync.protocol import (
    LATER_PAGE_KEYS,
    PROTOCOL_VERSION,
    ConflictInfo,
    Mutation,
    MutationResult,
    PullPage,
)

FORMAT = "villagedesk-usb"
VERSION = 1
SUFFIX = ".vdpkg"
MAX_FILE_BYTES = 256 * 1024 * 1024  # a package file as read from the stick
MAX_JSON_BYTES = 1024 * 1024 * 1024  # after gunzip: a zip bomb is refused, not unpacked
PUSH_CHUNK = 500
PULL_LIMIT = 1000
MAX_AUDIT = 1_000_000
STATE_KEY = "usb_state"  # station: {"key_id", "exported", "answered"}
HEX64 = r"^[0-9a-f]{64}$"


class UsbRefused(Exception):
    """A package that is not taken (nothing was written): ``code`` and a clear ``reason``."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OutboxBody(_Model):
    from_seq: int = Field(ge=0)  # outbox entries after this one ...
    to_seq: int = Field(ge=0)  # ... up to and including this one
    pull_cursor: str = Field(default="", max_length=200)
    protocol: int = PROTOCOL_VERSION
    schema_revision: str = Field(default="", max_length=40)
    mutations: list[Mutation]
    audit: list[AuditWireEntry] = Field(default_factory=list, max_length=MAX_AUDIT)


class AnswerBody(_Model):
    acked_to_seq: int = Field(ge=0)
    results: list[MutationResult]
    audit_acked_seq: int = Field(default=0, ge=0)
    audit_faults: int = 0
    pull_from: str = Field(default="", max_length=200)
    pages: list[PullPage]
    conflicts: list[ConflictInfo] = Field(default_factory=list)
    already_imported: bool = False


class Package(_Model):
    format: Literal["villagedesk-usb"]
    version: Literal[1]
    kind: Literal["outbox", "answer"]
    village_code: str = Field(pattern=r"^[0-9]{12}$")
    key_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    sequence: int = Field(ge=1, le=2**31 - 1)
    created_at: str = Field(max_length=40)
    digest: str = Field(pattern=HEX64)
    signature: str = Field(pattern=HEX64)
    body: dict[str, Any]

    def header(self) -> dict[str, Any]:
        return self.model_dump(exclude={"signature", "body"})


# -- keys, signing, parsing ----------------------------------------------------------------
def secret_hash(secret: str) -> str:
    """What the county stores of a station secret (``CountyStation.secret_hash``)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def package_key(stored_hash: str) -> bytes:
    """The HMAC key of a station's packages, derived from the SHA-256 of its secret (all the
    county keeps), with a label of its own so the key is used for nothing else."""
    return hmac.new(stored_hash.encode(), b"villagedesk usb package key v1", "sha256").digest()


def key_id(stored_hash: str) -> str:
    return hmac.new(stored_hash.encode(), b"villagedesk usb key id v1", "sha256").hexdigest()[:16]


def _sign(header: dict[str, Any], stored_hash: str) -> str:
    message = canonical_json(header).encode()
    return hmac.new(package_key(stored_hash), message, "sha256").hexdigest()


def build_package(
    *,
    kind: Literal["outbox", "answer"],
    village_code: str,
    sequence: int,
    body: BaseModel,
    stored_hash: str,
    now: datetime | None = None,
) -> bytes:
    """The file's bytes: gzip of the signed JSON."""
    data = body.model_dump(mode="json")
    for page in data.get("pages", []) if kind == "answer" else []:
        for key in LATER_PAGE_KEYS:  # as the pull route: a 0.2.0 station refuses unknown keys
            if page.get(key) is None:
                page.pop(key, None)
    header: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "kind": kind,
        "village_code": village_code,
        "key_id": key_id(stored_hash),
        "sequence": sequence,
        "created_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "digest": hashlib.sha256(canonical_json(data).encode()).hexdigest(),
    }
    package = {**header, "signature": _sign(header, stored_hash), "body": data}
    text = json.dumps(package, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode(), compresslevel=6, mtime=0)


def _gunzip(data: bytes) -> bytes:
    out = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        raw = out.decompress(data, MAX_JSON_BYTES + 1)
    except zlib.error as exc:
        raise UsbRefused("unreadable", f"not a villagedesk USB package (bad gzip: {exc})") from exc
    if len(raw) > MAX_JSON_BYTES or out.unconsumed_tail:
        raise UsbRefused("too_large", "the package unpacks to more than 1 GiB")
    if not out.eof:
        raise UsbRefused("truncated", "the package file is cut short (copy it again)")
    return raw


def read_package(data: bytes) -> Package:
    """Parse a package file (gzip or plain JSON). Checks its shape and digest; the signature
    needs the key, see ``verify``. Raises UsbRefused with a clear reason, never anything else."""
    if len(data) > MAX_FILE_BYTES:
        raise UsbRefused("too_large", "the package file is larger than 256 MiB")
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data)
    try:
        parsed = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise UsbRefused("unreadable", "not a villagedesk USB package (not JSON)") from exc
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT:
        raise UsbRefused("unreadable", "not a villagedesk USB package")
    if parsed.get("version") != VERSION:
        raise UsbRefused(
            "version",
            f"package format version {parsed.get('version')!r}; this villagedesk reads {VERSION}",
        )
    try:
        package = Package.model_validate(parsed)
    except ValidationError as exc:
        raise UsbRefused("malformed", f"the package header is malformed: {_first(exc)}") from exc
    try:
        digest = hashlib.sha256(canonical_json(package.body).encode()).hexdigest()
    except (ValueError, TypeError, RecursionError) as exc:
        raise UsbRefused("malformed", "the package body is unreadable") from exc
    if not hmac.compare_digest(digest, package.digest):
        raise UsbRefused("tampered", "the package content does not match its digest (altered)")
    return package


def verify(package: Package, stored_hash: str) -> None:
    if not stored_hash or package.key_id != key_id(stored_hash):
        raise UsbRefused(
            "wrong_key",
            f"package {package.sequence} of {package.village_code} was signed with other "
            "credentials (rotated or re-enrolled since?): export it again",
        )
    if not hmac.compare_digest(_sign(package.header(), stored_hash), package.signature):
        raise UsbRefused("bad_signature", "the package signature is wrong (altered or forged)")


def _first(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(x) for x in err.get("loc", ()))
    return f"{where}: {err.get('msg', '')}"[:300]


def _body(model: type[OutboxBody] | type[AnswerBody], package: Package) -> Any:
    try:
        return model.model_validate(package.body)
    except ValidationError as exc:
        raise UsbRefused("malformed", f"the package body is malformed: {_first(exc)}") from exc


def _write_file(path: Path, data: bytes) -> Path:
    """Atomically: a stick pulled out half-way leaves no half package under the real name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    return path


def package_name(kind: str, village: str, sequence: int) -> str:
    return f"villagedesk-{village}-{kind}-{sequence:05d}{SUFFIX}"


# -- station -------------------------------------------------------------------------------
@dataclass
class ExportResult:
    path: Path
    sequence: int
    mutations: int
    audit: int
    from_seq: int
    to_seq: int


@dataclass
class ImportReport:
    """What an import did (station or county)."""

    status: str  # imported | already_imported
    village_code: str
    sequence: int
    applied: int = 0
    duplicate: int = 0
    conflicts: int = 0
    held: int = 0
    refused: int = 0
    pulled: int = 0
    skipped: int = 0
    audit: int = 0
    audit_faults: int = 0
    acked_to_seq: int = 0
    answer_path: Path | None = None
    notes: list[str] = field(default_factory=list)

    def count(self, status: str) -> None:
        """Tally one mutation's answer (refusals are counted by the caller: the two sides
        of an import read them differently)."""
        if status == "applied":
            self.applied += 1
        elif status == "duplicate":
            self.duplicate += 1
        elif status == "conflict":
            self.conflicts += 1
        elif status == "held":
            self.held += 1

    def as_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "answer_path"}
        out["answer_path"] = str(self.answer_path) if self.answer_path else None
        return out


def _station_secret(session: Session) -> str:
    from villagedesk.sync.engine import get_state

    secret = get_state(session, "station_secret")
    if not secret:
        raise UsbRefused(
            "not_enrolled",
            "this station has no county credentials: it must be enrolled once (`villagedesk "
            "enrol`) before packages can be signed",
        )
    return secret


def _usb_state(session: Session, kid: str) -> dict[str, Any]:
    from villagedesk.sync.engine import get_json

    state = get_json(session, STATE_KEY)
    if not isinstance(state, dict) or state.get("key_id") != kid:
        return {"key_id": kid, "exported": 0, "answered": 0}
    return state


def export_package(
    *, db: Database, to: Path, sequence: int | None = None, now: datetime | None = None
) -> ExportResult:
    """Write the un-acknowledged outbox and audit entries as the next package into ``to``.

    ``sequence`` re-issues a number already used (a package lost on the way): it must not be
    newer than the next one."""
    from villagedesk.sync.engine import RESTORE_OP, get_state, local_write, set_json
    from villagedesk.sync.engine import _mutation as as_mutation

    with local_write(db) as s:
        stored = secret_hash(_station_secret(s))
        state = _usb_state(s, key_id(stored))
        last = int(state.get("exported", 0))
        number = last + 1 if sequence is None else sequence
        if not 1 <= number <= last + 1:
            raise UsbRefused(
                "bad_sequence",
                f"package numbers so far go up to {last}: choose 1..{last + 1}",
            )
        acked = int(get_state(s, "outbox_acked_seq", "0"))
        entries = list(
            s.scalars(select(OutboxEntry).where(OutboxEntry.seq > acked).order_by(OutboxEntry.seq))
        )
        top = entries[-1].seq if entries else acked
        audit = pending_audit(s, limit=MAX_AUDIT)
        from villagedesk.store.migrate import current_revision

        body = OutboxBody(
            from_seq=acked,
            to_seq=top,
            pull_cursor=get_state(s, "pull_cursor"),
            schema_revision=current_revision(db.engine) or "",
            mutations=[as_mutation(e) for e in entries if e.op != RESTORE_OP],
            audit=audit,
        )
        data = build_package(
            kind="outbox",
            village_code=db.station_code,
            sequence=number,
            body=body,
            stored_hash=stored,
            now=now,
        )
        path = _write_file(to / package_name("outbox", db.station_code, number), data)
        state["exported"] = max(last, number)
        set_json(s, STATE_KEY, state)
    return ExportResult(
        path=path,
        sequence=number,
        mutations=len(body.mutations),
        audit=len(audit),
        from_seq=acked,
        to_seq=top,
    )


def import_answer(*, db: Database, data: bytes) -> ImportReport:
    """Take the county's answer: acknowledge the outbox up to its package, note refusals and
    conflicts, and apply the pulled pages (in one local transaction)."""
    from villagedesk.sync.engine import (
        LIST_KEEP,
        SyncSummary,
        apply_page,
        get_json,
        get_state,
        local_write,
        set_json,
        set_state,
    )

    package = read_package(data)
    if package.kind != "answer":
        raise UsbRefused(
            "wrong_kind", "this is a station's outbox package: import it at the county"
        )
    village = db.station_code
    if package.village_code != village:
        raise UsbRefused(
            "wrong_station",
            f"this answer is for station {package.village_code}; this is {village}",
        )
    top_hlc = ""
    with local_write(db) as s:
        stored = secret_hash(_station_secret(s))
        verify(package, stored)
        body: AnswerBody = _body(AnswerBody, package)
        state = _usb_state(s, key_id(stored))
        answered = int(state.get("answered", 0))
        report = ImportReport(status="imported", village_code=village, sequence=package.sequence)
        if package.sequence > int(state.get("exported", 0)):
            raise UsbRefused(
                "not_exported",
                f"answer {package.sequence}: this station has not exported that package",
            )
        if package.sequence == answered:
            report.status = "already_imported"
            report.notes.append(f"answer {package.sequence} was already imported: nothing done")
            return report
        if package.sequence < answered:
            raise UsbRefused(
                "replay",
                f"answer {package.sequence} is older than answer {answered}, already "
                "imported: refused (it would bring back older data)",
            )
        acked = int(get_state(s, "outbox_acked_seq", "0"))
        new_acked = max(acked, body.acked_to_seq)
        top_seq = s.scalar(select(func.max(OutboxEntry.seq))) or 0
        new_acked = min(new_acked, top_seq)
        set_state(s, "outbox_acked_seq", str(new_acked))
        report.acked_to_seq = new_acked
        if body.audit_acked_seq > acked_audit(s):
            set_state(s, AUDIT_ACKED_KEY, str(body.audit_acked_seq))
        report.audit_faults = body.audit_faults
        refusals = []
        for r in body.results:
            report.count(r.status)
            if r.status == "refused" or (r.status == "duplicate" and r.reason):
                report.refused += 1
                entry = s.scalar(
                    select(OutboxEntry).where(OutboxEntry.mutation_id == r.mutation_id)
                )
                refusals.append(
                    {
                        "mutation_id": r.mutation_id,
                        "table": entry.table_name if entry else "",
                        "row_id": entry.row_id if entry else "",
                        "reason": r.reason or "",
                        "hlc": entry.hlc if entry else "",
                    }
                )
        if refusals:
            known = {x.get("mutation_id") for x in get_json(s, "sync_refusals")}
            fresh = [x for x in refusals if x["mutation_id"] not in known]
            old = get_json(s, "sync_refusals")
            set_json(
                s, "sync_refusals", (fresh + (old if isinstance(old, list) else []))[:LIST_KEEP]
            )
        cursor = get_state(s, "pull_cursor")
        if body.pages and cursor == body.pull_from:
            summary = SyncSummary()
            for page in body.pages:
                applied, skipped, top = apply_page(
                    session=s, page=page, station=village, summary=summary
                )
                report.pulled += applied
                report.skipped += skipped
                top_hlc = max(top_hlc, top)
                cursor = page.cursor
            set_state(s, "pull_cursor", cursor)
        elif body.pages:
            report.notes.append(
                "this station synced with the county since the package was made: the pulled "
                "pages were left out (the next sync brings them)"
            )
        open_ = [c for c in body.conflicts if c.status == "open"]
        set_json(s, "sync_conflicts", [c.model_dump(mode="json") for c in body.conflicts])
        local = get_json(s, "sync_local_conflicts")
        local_n = len(local) if isinstance(local, list) else 0
        set_state(s, "open_conflicts", str(len(open_) + local_n))
        set_state(s, "counts_equal_day", "")  # compare every table at the next online sync
        state["answered"] = package.sequence
        set_json(s, STATE_KEY, state)
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        history = get_json(s, "sync_history")
        done: dict[str, Any] = {
            "at": stamp,
            "status": "ok",
            "message": f"USB answer {package.sequence}",
            "pushed": report.applied + report.conflicts + report.held,
            "pulled": report.pulled,
            "conflicts": len(open_),
        }
        set_json(s, "sync_history", ([done] + (history if isinstance(history, list) else []))[:30])
    if top_hlc:
        db.clock.observe(top_hlc)
    return report


# -- county --------------------------------------------------------------------------------
def _station(session: Session, village: str) -> CountyStation:
    station = session.scalar(select(CountyStation).where(CountyStation.village_code == village))
    if station is None:
        raise UsbRefused("unknown_station", f"the county has no station {village}")
    if station.status == "revoked":
        raise UsbRefused("station_revoked", f"station {village} has been revoked by the county")
    if station.status != "active" or not station.secret_hash:
        raise UsbRefused("not_enrolled", f"station {village} has not enrolled yet")
    return station


def county_import(
    *,
    db: ServerDatabase,
    data: bytes,
    clock: HybridClock,
    now: datetime,
    snapshot_after: int = 50_000,
) -> tuple[ImportReport, bytes, str]:
    """Apply a station's outbox package like a push; returns the report, the answer package
    (bytes) and its file name. Importing the same package again applies nothing and writes
    the answer again."""
    from villagedesk.sync import county

    package = read_package(data)
    if package.kind != "outbox":
        raise UsbRefused("wrong_kind", "this is a county answer: import it at the station")
    village = package.village_code
    report = ImportReport(status="imported", village_code=village, sequence=package.sequence)
    with db.write() as session:
        # two imports of one package at once: the second waits here, then finds it imported
        lock_change_log(session)
        station = _station(session, village)
        verify(package, station.secret_hash)
        body: OutboxBody = _body(OutboxBody, package)
        kid = package.key_id
        known = session.get(UsbPackageRecord, (village, kid, package.sequence))
        last = (
            session.scalar(
                select(func.max(UsbPackageRecord.sequence)).where(
                    UsbPackageRecord.village_code == village, UsbPackageRecord.key_id == kid
                )
            )
            or 0
        )
        if known is not None:
            if known.digest != package.digest:
                raise UsbRefused(
                    "replay",
                    f"package {package.sequence} of station {village} was already imported "
                    "with other content: refused (replayed or forged sequence number)",
                )
            report.status = "already_imported"
            report.notes.append(
                f"package {package.sequence} was already imported: nothing applied, "
                "the answer is written again"
            )
        elif package.sequence <= last:
            raise UsbRefused(
                "replay",
                f"package {package.sequence} of station {village} is older than package "
                f"{last}, already imported: refused",
            )
        elif package.sequence != last + 1:
            raise UsbRefused(
                "gap",
                f"package {package.sequence} of station {village} skips package {last + 1}: "
                f"import package {last + 1} first (or have the station export it again with "
                f"`villagedesk usb export --sequence {last + 1}`)",
            )
        results: list[MutationResult] = []
        if report.status == "imported":
            try:
                for start in range(0, len(body.mutations), PUSH_CHUNK):
                    chunk = body.mutations[start : start + PUSH_CHUNK]
                    result = county.apply_push(
                        session=session, station=station, mutations=chunk, clock=clock, now=now
                    )
                    results.extend(result.results)
            except county.SyncRefused as exc:
                where = "" if exc.index is None else f" (mutation {exc.index})"
                raise UsbRefused(
                    exc.code, f"the county refuses the package{where}: {exc.reason}"
                ) from exc
            audit = receive_audit(session=session, village=village, entries=body.audit, now=now)
            report.audit = audit.received
            report.audit_faults = audit.faults
            session.add(
                UsbPackageRecord(
                    village_code=village,
                    key_id=kid,
                    sequence=package.sequence,
                    digest=package.digest,
                    from_seq=body.from_seq,
                    to_seq=body.to_seq,
                    mutations=len(body.mutations),
                    imported_at=now,
                )
            )
            station.last_seen_at = now
        else:
            # the answers as they stand now: every mutation of the package is known
            results = _known_results(session, body.mutations)
        stored = station.secret_hash
    for r in results:
        report.count(r.status)
        if r.status == "refused":
            report.refused += 1
    pages: list[PullPage] = []
    with db.read() as session:
        station = _station(session, village)
        cursor = body.pull_cursor
        while True:
            try:
                page = county.read_pull(
                    session=session,
                    station=station,
                    cursor=cursor,
                    limit=PULL_LIMIT,
                    snapshot_after=snapshot_after,
                )
            except county.SyncRefused:
                if cursor == body.pull_cursor and cursor:
                    cursor = ""  # an unreadable cursor: send a snapshot instead
                    continue
                raise
            pages.append(page)
            report.pulled += len(page.changes)
            cursor = page.cursor
            if not page.has_more:
                break
        conflicts = county.list_conflicts(session=session, village=village)
    answer = AnswerBody(
        acked_to_seq=body.to_seq,
        results=results,
        audit_acked_seq=max((e.seq for e in body.audit), default=0),
        audit_faults=report.audit_faults,
        pull_from=body.pull_cursor,
        pages=pages,
        conflicts=conflicts,
        already_imported=report.status == "already_imported",
    )
    out = build_package(
        kind="answer",
        village_code=village,
        sequence=package.sequence,
        body=answer,
        stored_hash=stored,
        now=now,
    )
    return report, out, package_name("answer", village, package.sequence)


def _known_results(session: Session, mutations: list[Mutation]) -> list[MutationResult]:
    from villagedesk.store.server_models import AppliedMutation

    ids = [m.mutation_id for m in mutations]
    found: dict[str, AppliedMutation] = {}
    for start in range(0, len(ids), 500):
        for row in session.scalars(
            select(AppliedMutation).where(AppliedMutation.mutation_id.in_(ids[start : start + 500]))
        ):
            found[row.mutation_id] = row
    results = []
    for mid in ids:
        known = found.get(mid)
        reason = None
        if known is not None and isinstance(known.answer, dict):
            reason = known.answer.get("reason")
        results.append(MutationResult(mutation_id=mid, status="duplicate", reason=reason))
    return results


def county_import_file(
    *,
    db: ServerDatabase,
    path: Path,
    out_dir: Path | None,
    clock: HybridClock,
    now: datetime,
    snapshot_after: int = 50_000,
) -> ImportReport:
    """``villagedesk-server usb import FILE``: the answer is written next to the package (or
    into ``out_dir``)."""
    data = path.read_bytes()
    report, answer, name = county_import(
        db=db, data=data, clock=clock, now=now, snapshot_after=snapshot_after
    )
    report.answer_path = _write_file((out_dir or path.parent) / name, answer)
    return report


def write_answer(path: Path, data: bytes) -> Path:
    return _write_file(path, data)
