"""schemathesis against the server's OpenAPI document: whatever request it generates from the
typed models, the county answers it (2xx/4xx) and never fails with a 5xx.

Every request carries valid version headers and credentials (a station's secret for
``/sync/v1``, the admin token for ``/admin/v1``) so the generated bodies reach the handlers
instead of being turned away at the door. The number of examples is bounded (and derandomised)
so the whole run takes seconds. Both data that fits the document (positive) and data that does
not (negative) are sent.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation.modes import GenerationMode
from sync_harness import ADMIN, NOW, VILLAGE_A, County

from villagedesk.store.migrate import head_revision
from villagedesk.store.server_models import CountyStation
from villagedesk.sync.county import hash_secret
from villagedesk.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, SCHEMA_HEADER

SECRET = "vds_schemathesis-station-secret"
EXAMPLES = 20  # per operation and mode


@pytest.mark.slow
def test_no_generated_request_gets_a_server_error(county: County) -> None:
    with county.db.write() as s:
        s.add(
            CountyStation(
                village_code=VILLAGE_A,
                name="站",
                status="active",
                secret_hash=hash_secret(SECRET),
                created_at=NOW,
                enrolled_at=NOW,
            )
        )
    versions = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), SCHEMA_HEADER: head_revision()}
    station = {**versions, "Authorization": f"Bearer {SECRET}"}
    admin = {**versions, "Authorization": f"Bearer {ADMIN}"}
    schema = schemathesis.openapi.from_asgi("/openapi.json", county.app)
    failures: list[str] = []
    operations = 0
    paths: set[str] = set()
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        paths.add(operation.path)
        headers = admin if operation.path.startswith("/admin/") else station
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _fuzz(operation, mode, headers)
            except AssertionError as exc:
                failures.append(str(exc).splitlines()[0])
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE  # nothing to get wrong (no parameters)
    assert operations >= 10  # the document lists the sync and admin routes
    # the security routes (issue 8) are part of the run: USB import, audit, credentials
    assert {
        "/admin/v1/usb/import",
        "/sync/v1/audit",
        "/admin/v1/audit/{village_code}",
        "/admin/v1/stations/{village_code}/rotate",
        "/admin/v1/stations/{village_code}/revoke",
    } <= paths
    assert failures == []


def _fuzz(operation: Any, mode: GenerationMode, headers: dict[str, str]) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(mode))
    def fuzz(case: Any) -> None:
        response = case.call(headers=headers)
        assert response.status_code < 500, (
            f"{case.method} {case.formatted_path} body={case.body!r} "
            f"query={case.query!r} -> {response.status_code} {response.text[:300]}"
        )

    fuzz()
