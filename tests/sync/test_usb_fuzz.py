"""Hypothesis over the parsers of outside input added for issue 8: USB package files (random
bytes, damaged files, valid files with any header or body value replaced) and audit uploads.
Every one ends in a clear refusal (``UsbRefused`` / a 4xx), never a crash or a 500, and a
refused package writes nothing."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sync_harness import ADMIN, NOW, County, Village

from villagedesk.store.security_models import UsbPackageRecord
from villagedesk.store.server_models import AppliedMutation
from villagedesk.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, SCHEMA_HEADER
from villagedesk.sync.usb import UsbRefused, county_import, export_package, import_answer

FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=12,
)
HEADER_FIELDS = [
    "format",
    "version",
    "kind",
    "village_code",
    "key_id",
    "sequence",
    "created_at",
    "digest",
    "signature",
    "body",
]


def _written(county: County) -> tuple[int, int]:
    with county.db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(AppliedMutation)) or 0,
            s.scalar(select(func.count()).select_from(UsbPackageRecord)) or 0,
        )


def _same_content(data: bytes, package: bytes) -> bool:
    try:
        return gzip.decompress(data) == gzip.decompress(package)
    except Exception:
        return False


def _import(county: County, data: bytes) -> None:
    county_import(db=county.db, data=data, clock=county.app.state.clock, now=NOW)


@pytest.fixture
def package(village_a: Village, tmp_path: Path) -> bytes:
    for i in range(1, 3):
        village_a.register(i)
    return export_package(db=village_a.db, to=tmp_path).path.read_bytes()


def test_random_bytes_and_damaged_files_are_refused(county: County, package: bytes) -> None:
    before = _written(county)

    @FUZZ
    @given(
        blob=st.binary(max_size=300)
        | st.builds(lambda b: b"\x1f\x8b" + b, st.binary(max_size=300))
        | st.builds(lambda t: t.encode(), st.text(max_size=200)),
        cut=st.integers(min_value=0, max_value=len(package)),
        flip=st.tuples(st.integers(min_value=0, max_value=len(package) - 1), st.integers(1, 255)),
    )
    def fuzz(blob: bytes, cut: int, flip: tuple[int, int]) -> None:
        damaged = bytearray(package)
        damaged[flip[0]] ^= flip[1]
        for data in (blob, package[:cut], bytes(damaged)):
            if _same_content(data, package):
                continue  # e.g. a flip in the gzip header's time stamp: the same package
            with pytest.raises(UsbRefused):
                _import(county, data)

    fuzz()
    assert _written(county) == before


def test_any_value_in_any_field_is_refused(county: County, package: bytes) -> None:
    doc = json.loads(gzip.decompress(package))
    before = _written(county)

    @FUZZ
    @given(
        field=st.sampled_from(HEADER_FIELDS),
        value=JSON,
        body_key=st.sampled_from(["from_seq", "to_seq", "pull_cursor", "mutations", "audit", "x"]),
        body_value=JSON,
        drop=st.booleans(),
    )
    def fuzz(field: str, value: Any, body_key: str, body_value: Any, drop: bool) -> None:
        changed = json.loads(json.dumps(doc))
        if field == "body" or body_key == "x":
            changed["body"][body_key] = body_value
        elif drop:
            changed.pop(field)
        else:
            changed[field] = value
        if changed == doc:
            return
        raw = json.dumps(changed, allow_nan=True).encode()
        for data in (raw, gzip.compress(raw)):
            with pytest.raises(UsbRefused):
                _import(county, data)

    fuzz()
    assert _written(county) == before


def test_a_station_refuses_damaged_answers(
    county: County, village_a: Village, package: bytes
) -> None:
    _report, answer, _name = county_import(
        db=county.db, data=package, clock=county.app.state.clock, now=NOW
    )
    doc = json.loads(gzip.decompress(answer))

    @FUZZ
    @given(field=st.sampled_from(HEADER_FIELDS), value=JSON, blob=st.binary(max_size=200))
    def fuzz(field: str, value: Any, blob: bytes) -> None:
        changed = dict(doc)
        changed[field] = value
        for data in (json.dumps(changed).encode(), blob):
            if changed == doc and data != blob:
                continue
            with pytest.raises(UsbRefused):
                import_answer(db=village_a.db, data=data)

    fuzz()
    assert import_answer(db=village_a.db, data=answer).status == "imported"


def test_audit_uploads_of_any_shape_get_a_4xx_or_are_kept_as_sent(
    county: County, village_a: Village
) -> None:
    from villagedesk.sync.engine import get_state

    with village_a.db.read() as s:
        secret = get_state(s, "station_secret")
    from villagedesk.store.migrate import head_revision

    headers = {
        PROTOCOL_HEADER: str(PROTOCOL_VERSION),
        SCHEMA_HEADER: head_revision(),
        "Authorization": f"Bearer {secret}",
    }
    entry = st.fixed_dictionaries(
        {
            "seq": st.integers(min_value=-5, max_value=2**40),
            "id": st.text(max_size=40),
            "at": st.text(max_size=40),
            "hlc": st.text(max_size=45),
            "station": st.text(max_size=14),
            "actor": st.text(max_size=45),
            "action": st.text(max_size=65),
            "details": JSON,
            "prev_hash": st.sampled_from(["0" * 64, "f" * 64, "xyz"]),
            "hash": st.sampled_from(["0" * 64, "a" * 64, ""]),
        }
    )

    @FUZZ
    @given(body=st.fixed_dictionaries({"entries": st.lists(entry, max_size=4)}) | JSON)
    def fuzz(body: Any) -> None:
        try:
            raw = json.dumps(body)
        except ValueError:
            return
        r = county.http.post("/sync/v1/audit", content=raw, headers=headers)
        assert r.status_code < 500, r.text[:300]

    fuzz()
    r = county.http.get(
        f"/admin/v1/audit/{village_a.code}", headers={"Authorization": f"Bearer {ADMIN}"}
    )
    assert r.status_code == 200


def test_signed_packages_with_any_body_are_refused_or_applied_never_a_crash(
    county: County, village_a: Village, package: bytes
) -> None:
    """Signed with the right key (a buggy or hostile station): the body is still checked."""
    import hashlib

    from villagedesk.store.audit import canonical_json
    from villagedesk.sync.engine import get_state
    from villagedesk.sync.usb import _sign, secret_hash

    with village_a.db.read() as s:
        stored = secret_hash(get_state(s, "station_secret"))
    doc = json.loads(gzip.decompress(package))
    mutation = doc["body"]["mutations"][0]
    taken = [0]  # packages imported so far: the next one is taken only as number taken+1

    @FUZZ
    @given(
        key=st.sampled_from(["from_seq", "to_seq", "pull_cursor", "mutations", "audit"]),
        value=JSON,
        mkey=st.sampled_from(sorted(mutation)),
        mvalue=JSON,
    )
    def fuzz(key: str, value: Any, mkey: str, mvalue: Any) -> None:
        for body in (
            {**doc["body"], key: value},
            {**doc["body"], "mutations": [{**mutation, mkey: mvalue}]},
        ):
            header = {k: v for k, v in doc.items() if k not in ("signature", "body")}
            header["sequence"] = taken[0] + 1
            try:
                header["digest"] = hashlib.sha256(canonical_json(body).encode()).hexdigest()
            except ValueError:
                continue
            signed = {**header, "signature": _sign(header, stored), "body": body}
            try:
                _import(county, json.dumps(signed).encode())
                taken[0] += 1
            except UsbRefused:
                pass  # a clear refusal, nothing written

    fuzz()
