"""The wire protocol ``/sync/v1``: request and response models shared by server and client.

Every request carries ``X-Villagedesk-Protocol`` and ``X-Villagedesk-Schema`` (the Alembic
head of the sender); a station authenticates with ``Authorization: Bearer <secret>``. Bodies
may be zstd- or gzip-compressed (``Content-Encoding``); answers are compressed the same way
when the client accepts it (``Accept-Encoding``, zstd preferred).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from villagedesk import __version__

# Protocol history:
#   1  first release.
#   2  pulls carry ``remove`` changes (this village no longer sees the row: drop the local
#      copy), also at the end of a snapshot; a station's own changes are not sent back to it;
#      bodies may be zstd-compressed; the station's document-signing key travels in
#      DOCUMENT_KEY_HEADER. A protocol-1 counter would keep removed rows (and count them as
#      a mismatch for ever), so the county no longer serves it.
PROTOCOL_VERSION = 2
MIN_PROTOCOL_VERSION = 2  # the oldest client protocol this server still serves
MIN_CLIENT_VERSION = "0.2.0"  # the counter release that speaks MIN_PROTOCOL_VERSION
APP_VERSION = __version__

PROTOCOL_HEADER = "X-Villagedesk-Protocol"
SCHEMA_HEADER = "X-Villagedesk-Schema"
CLIENT_HEADER = "X-Villagedesk-Client"
# ``columns``: the counter reads snapshot pages in the column-wise form (``PullPage.blocks``).
# A county that does not know the header answers whole-row changes, which the counter reads
# too; a counter that does not send it (0.2.0) always gets whole-row changes.
PULL_FORMAT_HEADER = "X-Villagedesk-Pull-Format"
PULL_FORMAT_COLUMNS = "columns"
# base64 of the station's Ed25519 document-signing public key (sent when the station has one)
DOCUMENT_KEY_HEADER = "X-Villagedesk-Document-Key"
# the station's sync_state key holding that public key (documents.signing.PUBLIC_KEY_STATE;
# sync may not import documents, so the key string is repeated here)
DOCUMENT_KEY_STATE = "documents.ed25519.public"

# A counter that sends ``X-Villagedesk-Push-Answer: compact`` with a push gets a compact
# answer: ``results`` lists only the mutations that were not simply applied (conflict, held,
# refused, and a duplicate that carries a reason); every other mutation of the request was
# applied (or had been already). Asked for by a header, not a body field, so the request
# keeps its shape: a county that does not know the header (0.2.0) answers in full, and an
# old counter, which never sends it, always gets the full answer. No protocol bump.
PUSH_ANSWER_HEADER = "X-Villagedesk-Push-Answer"
COMPACT_ANSWER = "compact"

# ``X-Villagedesk-Push-Format: columns``: the push body is a ``PushColumns`` (below), not a
# ``PushRequest``. A county that reads it says so with ``X-Villagedesk-Push-Formats: columns``
# on its push and pull answers; a counter sends it only to a county that said so (and goes
# back to ``PushRequest`` if the county refuses it), so neither side needs a protocol bump.
PUSH_FORMAT_HEADER = "X-Villagedesk-Push-Format"
PUSH_FORMATS_HEADER = "X-Villagedesk-Push-Formats"
PUSH_FORMAT_COLUMNS = "columns"

MAX_BATCH = 1000  # mutations in one push
MAX_PAGE = 5000  # changes in one pull page
DEFAULT_MAX_BODY = 16 * 1024 * 1024  # bytes, after decompression

UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
HLC_PATTERN = r"^[0-9]{16}-[0-9]{5}-[0-9A-Za-z_]{1,12}$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(_Model):
    code: str
    reason: str
    index: int | None = None  # the offending mutation in a push, when there is one
    min_client_version: str | None = None


class ErrorBody(_Model):
    detail: ErrorDetail


class Mutation(_Model):
    """One captured change (a counter outbox row)."""

    mutation_id: str = Field(pattern=UUID_PATTERN)
    table: str = Field(min_length=1, max_length=40)
    row_id: str = Field(min_length=1, max_length=36)
    op: Literal["insert", "update", "delete"]
    base_rev: int = Field(ge=0, le=2**31 - 1)
    new_rev: int = Field(ge=1, le=2**31 - 1)
    fields: dict[str, Any]
    base_fields: dict[str, Any] = Field(default_factory=dict)
    hlc: str = Field(pattern=HLC_PATTERN)
    actor: str = Field(default="", max_length=40)
    # came in a MutationRun, which leaves ``base_fields`` out: a merge cannot be made
    _base_missing: bool = PrivateAttr(default=False)


class PushRequest(_Model):
    mutations: list[Mutation] = Field(max_length=MAX_BATCH)


# the values that lead every row of a MutationRun, before its ``columns``
RUN_ROW_COLUMNS = ("row_id", "base_rev", "ms", "counter")


class MutationRun(_Model):
    """Consecutive mutations of one table, op, actor and field list, column-wise: the field
    names once, each mutation a list ``[row_id, base_rev, ms, counter, *values]``.

    Left out because the county can work them out: the mutation id (derived from stamp,
    table and row: ``store.capture.mutation_id_for``), ``new_rev`` (1 for an insert,
    ``base_rev + 1`` otherwise) and ``base_fields`` (only needed when the county's revision
    is not ``base_rev``: the county then answers 409 ``base_needed`` and the counter sends the
    batch again as a ``PushRequest``). The stamp is ``ms`` (the difference from the previous
    column-wise mutation's in the body, the first from 0), ``counter`` and
    ``PushColumns.node``."""

    table: str = Field(min_length=1, max_length=40)
    op: Literal["insert", "update", "delete"]
    actor: str = Field(default="", max_length=40)
    columns: list[str] = Field(max_length=500)
    rows: list[list[Any]] = Field(min_length=1, max_length=MAX_BATCH)


class MutationList(_Model):
    """Mutations that travel whole (an id made before ids were derived, another shape)."""

    mutations: list[Mutation] = Field(min_length=1, max_length=MAX_BATCH)


class PushColumns(_Model):
    """A push body asked for with ``PUSH_FORMAT_HEADER: columns``: the outbox in order, as
    runs of column-wise mutations and lists of whole ones."""

    node: str = Field(pattern=r"^[0-9A-Za-z_]{1,12}$")
    runs: list[MutationRun | MutationList] = Field(max_length=MAX_BATCH)


MutationStatus = Literal["applied", "duplicate", "conflict", "held", "refused"]


class MutationResult(_Model):
    """``applied``; ``duplicate`` (already applied earlier: a no-op); ``conflict`` (applied,
    but fields changed differently at the county are kept for a person: ``conflict_ids``);
    ``held`` (kept with duplicate-person case ``case_id``); ``refused`` (with ``reason``)."""

    mutation_id: str
    status: MutationStatus
    rev: int | None = None
    conflict_ids: list[str] = Field(default_factory=list)
    case_id: str | None = None
    reason: str | None = None


class PushResult(_Model):
    results: list[MutationResult]
    server_seq: int

    def compact(self) -> PushResult:
        """The answer without the mutations that were simply applied (PUSH_ANSWER_HEADER)."""
        kept = [r for r in self.results if r.status != "applied" and not _quiet_duplicate(r)]
        return PushResult.model_construct(results=kept, server_seq=self.server_seq)


def _quiet_duplicate(result: MutationResult) -> bool:
    """A replay of a mutation applied earlier, with nothing for the counter to note."""
    return result.status == "duplicate" and not result.reason and result.case_id is None


class PullRequest(_Model):
    cursor: str = Field(default="", max_length=200)
    limit: int = Field(default=1000, ge=1, le=MAX_PAGE)
    # protocol 2: the last page (has_more false) also lists this village's conflicts, so a
    # sync needs no separate GET /conflicts
    conflicts: bool = False


class Change(_Model):
    """The whole current row (deletions are tombstones: ``deleted`` true)."""

    seq: int
    table: str
    row_id: str
    op: str
    rev: int
    hlc: str
    created_hlc: str
    origin: str
    deleted: bool
    fields: dict[str, Any]


class EnrolRequest(_Model):
    token: str = Field(min_length=16, max_length=200)


class EnrolResult(_Model):
    village_code: str
    station_name: str
    secret: str
    protocol: int
    schema_revision: str


class ConflictInfo(_Model):
    id: str
    table: str
    row_id: str
    field: str
    base: Any = None
    village: Any = None
    county: Any = None
    resolved: Any = None
    status: str
    station: str


class ConflictList(_Model):
    conflicts: list[ConflictInfo]


# the values that lead every row of a SnapshotBlock, before its ``columns``
BLOCK_SYNC_COLUMNS = ("id", "rev", "hlc", "created_hlc", "origin", "deleted")


class SnapshotBlock(_Model):
    """Snapshot rows of one table, column-wise (asked for with PULL_FORMAT_HEADER): the
    field names once, each row a list ``[id, rev, hlc, created_hlc, origin, deleted,
    *fields in the order of columns]`` (wire values, as in ``Change.fields``); every row is
    an ``insert`` at the page's snapshot seq."""

    table: str
    seq: int
    columns: list[str]
    rows: list[list[Any]]


# PullPage keys added after 0.2.0 (asked for, or only on some pages)
LATER_PAGE_KEYS = ("conflicts", "blocks", "counts")


class PullPage(_Model):
    changes: list[Change]
    cursor: str  # give it back to get the next page
    has_more: bool
    snapshot: bool  # this page is part of a full snapshot of what the station may see
    server_seq: int
    conflicts: list[ConflictInfo] | None = None  # asked for, on the last page
    # column-wise snapshot rows (only when asked for); they come before ``changes`` (the
    # snapshot's closing ``remove`` entries travel there)
    blocks: list[SnapshotBlock] | None = None
    # only asked for (PULL_COUNTS_HEADER), on the last page: count and checksum of the tables
    # named in the header and of every table this page touches (``touched``)
    counts: Counts | None = None

    def touched(self, every: tuple[str, ...]) -> set[str]:
        """The tables a counter's copy may change in when it writes this page: those of its
        changes and blocks, and ``every`` one when it removes a row (a removed person takes
        the rows hanging from it along). The counter notes these for its count comparison;
        the county counts them on the last page, so both sides compare the same tables."""
        if any(c.op == "remove" for c in self.changes):
            return set(every)
        return {c.table for c in self.changes} | {b.table for b in self.blocks or ()}

    def unasked_keys(self) -> set[str] | None:
        """The keys added after 0.2.0 that hold nothing here: left out of the page as sent
        (pull route, USB answers), since a 0.2.0 counter's PullPage refuses unknown keys."""
        return {k for k in LATER_PAGE_KEYS if getattr(self, k) is None} or None


class ResolveRequest(_Model):
    value: Any = None
    by: str = Field(min_length=1, max_length=40)


class TableCount(_Model):
    count: int
    checksum: str


class Counts(_Model):
    tables: dict[str, TableCount]


class DuplicateInfo(_Model):
    """A duplicate-person case. ``status``: ``open`` (held, waiting for the county),
    ``merged`` (same person: kept in ``target_village``), ``refused`` (different people: the
    second registration is refused with ``reason`` until its ID number is corrected),
    ``corrected`` (the corrected registration went through)."""

    id: str
    id_number: str
    existing_person_id: str
    existing_village: str
    new_person_id: str
    new_village: str
    status: str
    held_mutations: int
    reason: str = ""
    decided_by: str = ""
    decided_at: str = ""
    target_village: str = ""
    kept: int = 0  # held records re-applied onto the existing person (merge)
    dropped: int = 0  # held records not taken (merge)


class DuplicateList(_Model):
    cases: list[DuplicateInfo]


class CountyEdit(_Model):
    """A change made at the county (an officer, or data matching) to one row."""

    fields: dict[str, Any]
    by: str = Field(min_length=1, max_length=40)


class MovePerson(_Model):
    village_code: str = Field(pattern=r"^[0-9]{12}$")
    by: str = Field(min_length=1, max_length=40)
    household_id: str | None = Field(default=None, max_length=36)  # a household there


class DuplicateDecision(_Model):
    """The county's decision on a duplicate-person case.

    ``merge``: the same person registered twice. The existing person is kept, moved to
    ``village_code`` (default: where they are); with ``keep_held`` the second station's held
    records are re-applied onto them (differing fields become conflicts), else dropped.
    ``refuse``: different people (a typing error); the second registration is refused back to
    its station with ``reason`` and goes through once the ID number is corrected there.
    """

    decision: Literal["merge", "refuse"]
    by: str = Field(min_length=1, max_length=40)
    village_code: str | None = Field(default=None, pattern=r"^[0-9]{12}$")
    keep_held: bool = True
    reason: str = Field(default="", max_length=500)


class Health(_Model):
    status: str
    protocol: int
    min_protocol: int
    schema_revision: str
    version: str


# A counter that sends ``X-Villagedesk-Pull-Counts`` with its pulls gets, on the last page
# (``has_more`` false), ``PullPage.counts``: the tables named in the header (comma-separated,
# PULL_COUNTS_NONE for none: an empty header may be dropped on the way) plus every table that
# page touches, counted in the same read as the page, so a sync needs no ``GET /counts``. A
# county that does not know the header sends no counts (the counter then asks ``GET
# /counts``); a counter that does not send it (0.2.0) never gets the key (its ``PullPage``
# refuses keys it does not know). No protocol bump.
PULL_COUNTS_HEADER = "X-Villagedesk-Pull-Counts"
PULL_COUNTS_NONE = "-"
PullPage.model_rebuild()  # ``counts`` names Counts, defined after PullPage
