"""A stateful property test (hypothesis): random interleavings of edits at two stations and at
the county, syncs cut at random points (the network goes away in the middle of a session,
before a request reaches the county or after it committed), and counters restarted (the
database reopened). After a final full sync:

- all sides converge: each village holds exactly its residents as the county has them;
- every mutation was applied exactly once (``county_applied_mutations``, no revision twice);
- every conflicting value is still present: each conflict record holds both the village's and
  the county's value, and the value a village sent is one it really wrote.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
)
from sqlalchemy import select
from sync_harness import VILLAGE_A, VILLAGE_B, County, Village

from villagedesk.services.integrity import check_database
from villagedesk.store.database import Database
from villagedesk.store.models import OutboxEntry, Person
from villagedesk.store.server_models import AppliedMutation, ConflictRecord, RowRevision
from villagedesk.sync.client import SyncError
from villagedesk.sync.engine import RESTORE_OP, SyncSummary, get_state
from villagedesk.sync.tables import owner_of

GIVEN = "春夏秋冬梅兰竹菊金木水火土山石田"
NAMES = ["张" + a + b for a in GIVEN[:4] for b in GIVEN[4:7]]
PHONES = [f"1390000{i:04d}" for i in range(6)]
NOTES = ["", "低保", "外出务工", "残疾"]
FIELDS = {"name": NAMES, "phone": PHONES, "note": NOTES}
VILLAGES = (VILLAGE_A, VILLAGE_B)


class CutTransport:
    """Wraps the in-process adapter: from request number ``at`` of the next sync on, the
    network is gone — either before the county sees the request or after it committed (the
    answer is lost). Retries cannot help, so the sync stops there."""

    def __init__(self, county: County) -> None:
        self.inner = county.adapter.send
        self.at: int | None = None
        self.after = False
        self.calls = 0
        county.adapter.send = self.send  # type: ignore[method-assign]

    def arm(self, at: int | None, after: bool) -> None:
        self.at, self.after, self.calls = at, after, 0

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        self.calls += 1
        if self.at is not None and self.calls > self.at:
            if self.after and self.calls == self.at + 1:
                self.inner(request, **kwargs)
                raise requests.ConnectionError("connection lost after the county committed")
            raise requests.ConnectionError("network gone")
        return self.inner(request, **kwargs)


class SyncMachine(RuleBasedStateMachine):
    @initialize()
    def start(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="vd-stateful-"))
        self.county = County(f"sqlite:///{self.tmp / 'county.db'}")
        self.transport = CutTransport(self.county)
        self.villages = {
            code: Village(self.county, code, self.tmp / f"{code}.db") for code in VILLAGES
        }
        for v in self.villages.values():
            v.client.retries = 1
        self.persons: dict[str, list[str]] = {code: [] for code in VILLAGES}
        self.written: dict[tuple[str, str, str], set[str]] = {}  # (writer, person, field)
        self.writes: Counter[tuple[str, str]] = Counter()  # writes per (person, field)
        self.pairs: list[tuple[str, str, str, str, int]] = []  # edits at both ends
        self.serial = 1
        for code, v in self.villages.items():  # one resident each that the county knows
            self.register(code, NAMES[0])
            v.sync()

    def teardown(self) -> None:
        if not hasattr(self, "tmp"):
            return
        try:
            self.final_check()
        finally:
            for v in self.villages.values():
                v.close()
            self.county.close()
            shutil.rmtree(self.tmp, ignore_errors=True)

    # -- rules ------------------------------------------------------------------------
    @rule(village=st.sampled_from(VILLAGES), name=st.sampled_from(NAMES))
    def register(self, village: str, name: str) -> None:
        pid = self.villages[village].register(self.serial, name=name)
        self.serial += 1
        self.persons[village].append(pid)
        self._wrote(village, pid, "name", name)

    @precondition(lambda self: any(self.persons.values()))
    @rule(data=st.data(), field=st.sampled_from(sorted(FIELDS)))
    def edit_at_a_village(self, data: st.DataObject, field: str) -> None:
        village = data.draw(st.sampled_from([c for c in VILLAGES if self.persons[c]]))
        pid = data.draw(st.sampled_from(self.persons[village]))
        value = data.draw(st.sampled_from(FIELDS[field]))
        self.villages[village].edit(pid, **{field: value})
        self._wrote(village, pid, field, value)

    @precondition(lambda self: any(self.persons.values()))
    @rule(data=st.data(), field=st.sampled_from(sorted(FIELDS)))
    def edit_at_the_county(self, data: st.DataObject, field: str) -> None:
        with self.county.db.read() as s:
            known = sorted(s.scalars(select(Person.id).where(Person.deleted.is_(False))))
        mine = [p for c in VILLAGES for p in self.persons[c] if p in known]
        if not mine:
            return
        pid = data.draw(st.sampled_from(mine))
        value = data.draw(st.sampled_from(FIELDS[field]))
        self.county.admin(
            "PATCH",
            f"/admin/v1/rows/persons/{pid}",
            json={"fields": {field: value}, "by": "officer"},
        )
        self._wrote("county", pid, field, value)

    @precondition(lambda self: any(self.persons.values()))
    @rule(data=st.data(), field=st.sampled_from(sorted(FIELDS)))
    def edit_at_both_ends(self, data: st.DataObject, field: str) -> None:
        """The same field of one resident changed at the village and at the county before
        they sync: a conflict (the losing value kept) unless one side owns the field."""
        with self.county.db.read() as s:
            known = set(s.scalars(select(Person.id).where(Person.deleted.is_(False))))
        pairs = [(c, p) for c in VILLAGES for p in self.persons[c] if p in known]
        if not pairs:
            return
        village, pid = data.draw(st.sampled_from(pairs))
        county_value, village_value = data.draw(
            st.lists(st.sampled_from(FIELDS[field]), min_size=2, max_size=2, unique=True)
        )
        with self.county.db.read() as s:
            county_had = s.scalar(select(getattr(Person, field)).where(Person.id == pid))
        with self.villages[village].db.read() as s:
            village_had = s.scalar(select(getattr(Person, field)).where(Person.id == pid))
        seen = set(self.written.get((village, pid, field), set())) | {village_had}
        with self.villages[village].db.read() as s:  # and the bases of its unsent edits
            acked = int(get_state(s, "outbox_acked_seq", "0"))
            for base in s.scalars(
                select(OutboxEntry.base_fields).where(
                    OutboxEntry.seq > acked,
                    OutboxEntry.table_name == "persons",
                    OutboxEntry.row_id == pid,
                )
            ):
                if field in base:
                    seen.add(base[field])
        self.county.admin(
            "PATCH",
            f"/admin/v1/rows/persons/{pid}",
            json={"fields": {field: county_value}, "by": "officer"},
        )
        self._wrote("county", pid, field, county_value)
        self.villages[village].edit(pid, **{field: village_value})
        self._wrote(village, pid, field, village_value)
        # Two real changes, and the county's value is not one the village has held itself
        # (then a later village edit may be based on it and replace it knowingly).
        if county_value != county_had and county_value not in seen and village_value != village_had:
            self.pairs.append((pid, field, county_value, village_value, self.writes[(pid, field)]))
        event("edited at both ends")

    @rule(
        village=st.sampled_from(VILLAGES),
        cut=st.none() | st.integers(min_value=0, max_value=4),
        after=st.booleans(),
    )
    def sync(self, village: str, cut: int | None, after: bool) -> None:
        self.transport.arm(cut, after)
        try:
            self.villages[village].sync()
        except SyncError:
            assert cut is not None  # only a cut sync may fail
            event("a sync was cut")
        finally:
            self.transport.arm(None, False)

    @rule(village=st.sampled_from(VILLAGES))
    def restart(self, village: str) -> None:
        v = self.villages[village]
        path = v.db.path
        v.db.close()
        v.db = Database(path)

    # -- the end ------------------------------------------------------------------------
    def _wrote(self, writer: str, pid: str, field: str, value: str) -> None:
        self.written.setdefault((writer, pid, field), set()).add(value)
        self.writes[(pid, field)] += 1

    def final_check(self) -> None:
        self.transport.arm(None, False)
        summaries: dict[str, SyncSummary] = {}
        for _round in range(2):
            for code, v in self.villages.items():
                summaries[code] = v.sync()
        for code, v in self.villages.items():
            assert summaries[code].mismatches == [], summaries[code].mismatches
            with v.db.read() as s:
                assert check_database(session=s, station=code) == []
                local = _persons(s, None)
            with self.county.db.read() as s:
                at_county = _persons(s, code)
            assert local == at_county, f"village {code} differs from the county"
            assert set(self.persons[code]) <= set(local)

        with self.county.db.read() as s:
            applied = Counter(s.scalars(select(AppliedMutation.mutation_id)))
            revisions = Counter(m for m in s.scalars(select(RowRevision.mutation_id)) if m)
            conflicts = list(s.scalars(select(ConflictRecord)))
        assert all(n == 1 for n in revisions.values()), "a mutation was applied twice"
        for code, v in self.villages.items():
            with v.db.read() as s:
                sent = [
                    m
                    for m, op in s.execute(select(OutboxEntry.mutation_id, OutboxEntry.op))
                    if op != RESTORE_OP
                ]
            assert len(sent) == len(set(sent))
            missing = [m for m in sent if m not in applied]
            assert missing == [], f"{len(missing)} mutations of {code} never reached the county"
        event(f"conflict records: {'some' if conflicts else 'none'}")
        # Both values of an edit at both ends are still there (nobody wrote the field after):
        # one is the value now, the other is in a conflict record — or, for a field one side
        # owns (the owner's value wins), in the county's revision history of the row.
        with self.county.db.read() as s:
            for pid, field, county_value, village_value, count in self.pairs:
                if self.writes[(pid, field)] != count:
                    continue
                now = s.scalar(select(getattr(Person, field)).where(Person.id == pid))
                kept = {now}
                for c in conflicts:
                    if c.row_id == pid and c.field == field:
                        kept |= {c.values.get("village"), c.values.get("county")}
                if owner_of("persons", field) is not None:
                    for fields in s.scalars(
                        select(RowRevision.fields).where(
                            RowRevision.table_name == "persons", RowRevision.row_id == pid
                        )
                    ):
                        kept.add(fields.get(field))
                for value in (county_value, village_value):
                    assert value in kept, f"{field}={value!r} of {pid} was lost ({kept})"
        if os.environ.get("VD_STATEFUL_SABOTAGE"):
            raise AssertionError("sabotage: the final check runs")
        for c in conflicts:
            assert "village" in c.values and "county" in c.values, c.values
            assert c.values["village"] != c.values["county"]
            if c.table_name == "persons" and c.field in FIELDS:
                wrote = self.written.get((c.station, c.row_id, c.field), set())
                assert c.values["village"] in wrote, (c.field, c.values, wrote)
                everyone = set().union(
                    *(
                        self.written.get((w, c.row_id, c.field), set())
                        for w in (*VILLAGES, "county")
                    )
                )
                assert c.values["county"] in everyone | {""}, (c.field, c.values)


def _persons(session: Any, village: str | None) -> dict[str, tuple[Any, ...]]:
    stmt = select(Person).where(Person.deleted.is_(False))
    if village is not None:
        stmt = stmt.where(Person.village_code == village)
    return {
        p.id: (p.name, p.phone, p.note, p.village_code, p.rev, p.id_number)
        for p in session.scalars(stmt)
    }


SyncMachine.TestCase.settings = settings(
    max_examples=15,
    stateful_step_count=15,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
test_random_interleavings_converge = pytest.mark.slow(SyncMachine.TestCase)
