"""Offline for weeks: the station's outbox travels to the county on a USB stick and the
county's answer comes back the same way. Gaps, replays and tampering are refused; importing a
package twice changes nothing."""

from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sync_harness import ADMIN, NOW, VILLAGE_A, County, Village

from villagedesk.server import cli as server_cli
from villagedesk.services.integrity import check_database
from villagedesk.store.models import Person
from villagedesk.store.security_models import UsbPackageRecord
from villagedesk.store.server_models import AppliedMutation
from villagedesk.sync import county as county_service
from villagedesk.sync.engine import get_state, set_state
from villagedesk.sync.usb import (
    ImportReport,
    UsbRefused,
    county_import,
    export_package,
    import_answer,
    read_package,
)
from villagedesk.sync.usb_commands import EXIT_OK, EXIT_REFUSED


def _at_county(county: County, data: bytes) -> tuple[ImportReport, bytes]:
    report, answer, _name = county_import(
        db=county.db, data=data, clock=county.app.state.clock, now=NOW
    )
    return report, answer


def _export(v: Village, tmp: Path, **kwargs) -> bytes:  # type: ignore[no-untyped-def]
    result = export_package(db=v.db, to=tmp, **kwargs)
    return result.path.read_bytes()


def _acked(v: Village) -> int:
    with v.db.read() as s:
        return int(get_state(s, "outbox_acked_seq", "0"))


def _county_persons(county: County) -> int:
    with county.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Person)) or 0)


def test_a_package_goes_to_the_county_and_its_answer_comes_back(
    county: County, village_a: Village, tmp_path: Path
) -> None:
    ids = [village_a.register(i, name="张三") for i in range(1, 4)]
    before = _county_persons(county)
    data = _export(village_a, tmp_path)
    package = read_package(data)
    assert package.kind == "outbox" and package.sequence == 1
    assert len(package.body["mutations"]) >= 3

    report, answer = _at_county(county, data)
    assert report.status == "imported" and report.applied >= 3
    assert _county_persons(county) == before + 3
    # the county corrected a phone meanwhile: it travels back in the answer
    county.admin(
        "PATCH",
        f"/admin/v1/rows/persons/{ids[0]}",
        json={"fields": {"phone": "13800000000"}, "by": "officer"},
    )
    report, answer = _at_county(county, data)
    assert report.status == "already_imported" and report.applied == 0
    assert _county_persons(county) == before + 3

    back = import_answer(db=village_a.db, data=answer)
    assert back.status == "imported"
    assert back.acked_to_seq == package.body["to_seq"] == _acked(village_a)
    with village_a.db.read() as s:
        assert s.get(Person, ids[0]).phone == "13800000000"  # type: ignore[union-attr]
        assert check_database(session=s, station=VILLAGE_A) == []
    again = import_answer(db=village_a.db, data=answer)
    assert again.status == "already_imported"
    # nothing is left to push online, and both sides agree
    summary = village_a.sync()
    assert summary.pushed == 0 and summary.mismatches == []
    with county.db.read() as s:
        station_ids = s.scalars(
            select(AppliedMutation.mutation_id).where(AppliedMutation.station == VILLAGE_A)
        ).all()
    assert len(station_ids) == len(set(station_ids))


def test_a_gap_in_the_sequence_is_refused_until_the_missing_package_comes(
    county: County, village_a: Village, tmp_path: Path
) -> None:
    village_a.register(1)
    first = _export(village_a, tmp_path / "one")
    village_a.register(2)
    second = _export(village_a, tmp_path / "two")
    with pytest.raises(UsbRefused, match="skips package 1") as exc:
        _at_county(county, second)
    assert exc.value.code == "gap"
    with county.db.read() as s:
        assert s.scalar(select(func.count()).select_from(UsbPackageRecord)) == 0
    assert _at_county(county, first)[0].status == "imported"
    report, answer = _at_county(county, second)
    assert report.status == "imported"
    # the second package held the first one's changes too (not acknowledged when exported)
    assert report.duplicate >= 1
    import_answer(db=village_a.db, data=answer)
    assert village_a.sync().pushed == 0


def test_a_replayed_package_is_refused_and_the_same_one_is_already_imported(
    county: County, village_a: Village, tmp_path: Path
) -> None:
    village_a.register(1)
    first = _export(village_a, tmp_path / "a")
    assert _at_county(county, first)[0].status == "imported"
    village_a.register(2)
    # the station re-issues number 1 with other content: a replay of a used number
    reissued = _export(village_a, tmp_path / "b", sequence=1)
    with pytest.raises(UsbRefused, match="already imported with other content") as exc:
        _at_county(county, reissued)
    assert exc.value.code == "replay"
    second = _export(village_a, tmp_path / "c")
    assert read_package(second).sequence == 2
    assert _at_county(county, second)[0].status == "imported"
    # an older package after a newer one: refused or already imported, never applied again
    assert _at_county(county, first)[0].status == "already_imported"
    with pytest.raises(UsbRefused):
        _at_county(county, reissued)


def test_an_older_answer_is_refused_at_the_station(
    county: County, village_a: Village, tmp_path: Path
) -> None:
    village_a.register(1)
    first = _export(village_a, tmp_path / "a")
    answer1 = _at_county(county, first)[1]
    village_a.register(2)
    second = _export(village_a, tmp_path / "b")
    answer2 = _at_county(county, second)[1]
    assert import_answer(db=village_a.db, data=answer2).status == "imported"
    with pytest.raises(UsbRefused, match="older than answer 2") as exc:
        import_answer(db=village_a.db, data=answer1)
    assert exc.value.code == "replay"
    assert import_answer(db=village_a.db, data=answer2).status == "already_imported"


def _tamper(data: bytes, change) -> bytes:  # type: ignore[no-untyped-def]
    doc = json.loads(gzip.decompress(data))
    change(doc)
    return gzip.compress(json.dumps(doc).encode())


def test_a_tampered_package_is_refused(county: County, village_a: Village, tmp_path: Path) -> None:
    pid = village_a.register(1, name="张三")
    data = _export(village_a, tmp_path)

    def rename(doc: dict) -> None:  # type: ignore[type-arg]
        for m in doc["body"]["mutations"]:
            if m["row_id"] == pid and "name" in m["fields"]:
                m["fields"]["name"] = "李四"

    with pytest.raises(UsbRefused, match="does not match its digest") as exc:
        _at_county(county, _tamper(data, rename))
    assert exc.value.code == "tampered"

    def reseal(doc: dict) -> None:  # type: ignore[type-arg]
        rename(doc)
        import hashlib

        from villagedesk.store.audit import canonical_json

        doc["digest"] = hashlib.sha256(canonical_json(doc["body"]).encode()).hexdigest()

    with pytest.raises(UsbRefused, match="signature") as exc:
        _at_county(county, _tamper(data, reseal))
    assert exc.value.code == "bad_signature"

    def renumber(doc: dict) -> None:  # type: ignore[type-arg]
        doc["sequence"] = 7

    with pytest.raises(UsbRefused, match="signature"):
        _at_county(county, _tamper(data, renumber))
    with pytest.raises(UsbRefused, match=r"cut short|bad gzip"):
        _at_county(county, data[: len(data) // 2])
    assert _county_persons(county) == 0
    # the genuine package still goes through
    assert _at_county(county, data)[0].status == "imported"


def test_a_revoked_station_s_package_is_refused(
    county: County, village_a: Village, tmp_path: Path
) -> None:
    village_a.register(1)
    data = _export(village_a, tmp_path)
    with county.db.write() as s:
        county_service.revoke_station(session=s, village_code=VILLAGE_A)
    with pytest.raises(UsbRefused, match="revoked") as exc:
        _at_county(county, data)
    assert exc.value.code == "station_revoked"


def test_the_commands_and_the_admin_route(
    county: County, village_a: Village, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from villagedesk.cli import main as station_main

    village_a.register(1)
    db_path = str(village_a.db.path)
    village_a.db.close()
    stick = tmp_path / "stick"
    assert station_main(["usb", "export", "--db", db_path, "--to", str(stick), "--json"]) == EXIT_OK
    exported = json.loads(capsys.readouterr().out)
    package = Path(exported["path"])
    assert package.exists() and exported["sequence"] == 1

    argv = ["--db", county.url, "usb", "import", str(package), "--json"]
    assert server_cli.main(argv) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    assert report["status"] == "imported" and report["applied"] >= 1
    assert server_cli.main(argv) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["status"] == "already_imported"
    answer = report["answer_path"]
    assert station_main(["usb", "import", "--db", db_path, answer, "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["status"] == "imported"
    # a county answer fed back to the county, and an outbox package to the station: refused
    assert server_cli.main(["--db", county.url, "usb", "import", answer]) == EXIT_REFUSED
    assert "import it at the station" in capsys.readouterr().err
    assert station_main(["usb", "import", "--db", db_path, str(package)]) == EXIT_REFUSED
    assert "import it at the county" in capsys.readouterr().err

    # the admin API takes the file's bytes and gives the answer back base64
    assert station_main(["usb", "export", "--db", db_path, "--to", str(stick), "--json"]) == EXIT_OK
    second = Path(json.loads(capsys.readouterr().out)["path"])
    r = county.http.post(
        "/admin/v1/usb/import",
        content=second.read_bytes(),
        headers={"Authorization": f"Bearer {ADMIN}", "Content-Type": "application/octet-stream"},
    )
    assert r.status_code == 200, r.text
    assert read_package(base64.b64decode(r.json()["answer"])).kind == "answer"
    r = county.http.post(
        "/admin/v1/usb/import",
        content=package.read_bytes()[:-10],
        headers={"Authorization": f"Bearer {ADMIN}"},
    )
    assert r.status_code == 422 and r.json()["detail"]["code"] in ("truncated", "unreadable")


# seconds after the command took the sync lock (it reads, verifies and applies after that)
DELAYS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.7)


@pytest.mark.slow
def test_a_station_killed_while_importing_an_answer_loses_nothing(
    county: County, village_a: Village, tmp_path: Path
) -> None:
    """SIGKILL at several moments of `villagedesk usb import` (a snapshot of 400 residents):
    the database opens, `check` passes, and importing again finishes the job exactly once."""
    import signal
    import subprocess
    import sys
    import time

    from villagedesk.store.database import Database
    from villagedesk.sync.engine import local_write, set_state

    with village_a.db.write(actor="wang") as s:
        from sync_harness import CLERK, TODAY

        from helpers import make_id
        from villagedesk.services.persons import register_person

        for i in range(1, 401):
            register_person(
                session=s,
                actor=CLERK,
                today=TODAY,
                id_number=make_id(TODAY.replace(1970), i),
                name="张三",
            )
    with local_write(village_a.db) as s:
        set_state(s, "pull_cursor", "")  # the answer brings a whole snapshot back
    data = _export(village_a, tmp_path / "stick")
    answer = tmp_path / "answer.vdpkg"
    answer.write_bytes(_at_county(county, data)[1])
    path = village_a.db.path
    village_a.db.close()
    pristine = tmp_path / "pristine.db"
    import shutil

    shutil.copy(path, pristine)
    argv = [
        sys.executable,
        "-m",
        "villagedesk.cli",
        "usb",
        "import",
        "--db",
        str(path),
        str(answer),
    ]
    outcomes = []
    for delay in DELAYS:
        shutil.copy(pristine, path)
        for extra in ("-wal", "-shm"):
            Path(str(path) + extra).unlink(missing_ok=True)
        lock = Path(str(path) + ".sync.lock")
        lock.unlink(missing_ok=True)
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not lock.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        db = Database(path)
        with db.read() as s:
            assert check_database(session=s, station=VILLAGE_A) == []
            persons = s.scalar(select(func.count()).select_from(Person))
        assert persons == 400
        report = import_answer(db=db, data=answer.read_bytes())
        assert report.status in ("imported", "already_imported")
        outcomes.append(report.status)
        with db.read() as s:
            assert check_database(session=s, station=VILLAGE_A) == []
            assert get_state(s, "outbox_acked_seq") == str(read_package(data).body["to_seq"])
            assert get_state(s, "pull_cursor").startswith("c:")
        db.close()
    # (on a quiet machine the early kills land before the commit and the late ones after it)
    assert len(outcomes) == len(DELAYS)
    village_a.db = Database(path)


def test_an_answer_s_pages_carry_only_the_keys_a_0_2_station_reads(
    county: County, village_a: Village, tmp_path: Path
) -> None:
    """A station still on 0.2.0 refuses page keys it does not know: an answer leaves out
    the ones added since (column-wise blocks, counts) when a page has none."""
    village_a.register(1, name="张三")
    with village_a.db.write() as s:  # the answer brings a whole snapshot back
        set_state(s, "pull_cursor", "")
    _report, answer = _at_county(county, _export(village_a, tmp_path))
    pages = read_package(answer).body["pages"]
    assert sum(len(page["changes"]) for page in pages) > 1  # the snapshot
    known_in_0_2 = {"changes", "cursor", "has_more", "snapshot", "server_seq"}
    assert all(set(page) <= known_in_0_2 for page in pages), [set(p) - known_in_0_2 for p in pages]
    assert import_answer(db=village_a.db, data=answer).status == "imported"
