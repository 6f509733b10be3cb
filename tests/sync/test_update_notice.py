"""A counter learns of a newer signed version during sync, tells the clerk, and installs it only
after checking the signature and the digest again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from live import ThreadedServer, point_station, prepare_county

from villagedesk.cli import main
from villagedesk.server.api import deps
from villagedesk.store.database import Database
from villagedesk.sync import update_notice
from villagedesk.sync.engine import get_state, local_write, set_state
from villagedesk.sync.updates import current_platform, load_private_key, new_release_key, publish

VILLAGE = "450422116201"
SECRET = "s" * 43


def publish_version(folder: Path, key_pem: bytes, version: str, minimum: str = "0.1.0") -> Path:
    package = folder.parent / f"villagedesk_{version}_amd64.deb"
    package.write_bytes(b"!<arch>\n" + bytes(range(256)) * 64)
    publish(
        package=package,
        version=version,
        platform=current_platform(),
        key=load_private_key(key_pem),
        out=folder,
        min_client_version=minimum,
        notes="生存认证名单可按屯筛选",
    )
    return folder


@pytest.fixture
def station(tmp_path: Path) -> str:
    db = tmp_path / "station" / "villagedesk.db"
    assert main(["init", "--db", str(db), "--village", VILLAGE, "--name", "大黎村"]) == 0
    return str(db)


@pytest.fixture
def release(monkeypatch: pytest.MonkeyPatch) -> bytes:
    """This build trusts one release key (as resources/release-keys.txt would say)."""
    pem, public = new_release_key()
    monkeypatch.setattr(update_notice, "trusted_release_keys", lambda: (public,))
    return pem


def _sync_json(station: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict, str]:
    code = main(["sync", "--db", station, "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out.strip().splitlines()[-1]), err


def test_sync_tells_of_a_new_version_and_update_installs_it_verified(
    tmp_path: Path,
    station: str,
    release: bytes,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    updates = publish_version(tmp_path / "updates", release, "9.0.0")
    monkeypatch.setenv("VILLAGEDESK_SERVER_UPDATES", str(updates))
    url = f"sqlite:///{tmp_path / 'county.db'}"
    prepare_county(url, {VILLAGE: SECRET})
    with ThreadedServer(url) as server:
        point_station(Path(station), server_url=server.url, secret=SECRET)
        code, summary, err = _sync_json(station, capsys)
        assert code == 0 and summary["status"] == "ok"
        assert "update available: villagedesk 9.0.0" in err

        assert main(["update", "--db", station, "--json"]) == 0
        shown = json.loads(capsys.readouterr().out)
        assert shown["update"]["version"] == "9.0.0"
        assert shown["update"]["required"] is False
        assert shown["update"]["notes"] == "生存认证名单可按屯筛选"

        assert main(["update", "--db", station, "--install", "--dry-run", "--json"]) == 0
        verified = json.loads(capsys.readouterr().out)
        package = Path(verified["package"])
        assert verified["status"] == "verified" and package.is_file()
        assert package.parent == Path(station).parent / "updates"
        assert verified["run"][-1] == str(package)

        # the county withdraws it (or this version was installed): the notice goes away
        (updates / current_platform() / "manifest.json").unlink()
        code, _summary, err = _sync_json(station, capsys)
        assert code == 0 and "update available" not in err
        assert main(["update", "--db", station]) == 0
        assert "no update waiting" in capsys.readouterr().out


def test_a_version_too_old_to_sync_still_learns_it_must_update(
    tmp_path: Path,
    station: str,
    release: bytes,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    updates = publish_version(tmp_path / "updates", release, "9.0.0", minimum="9.0.0")
    monkeypatch.setenv("VILLAGEDESK_SERVER_UPDATES", str(updates))
    url = f"sqlite:///{tmp_path / 'county.db'}"
    prepare_county(url, {VILLAGE: SECRET})
    # the county refuses this client's protocol (426), as after a required upgrade
    monkeypatch.setattr(deps, "MIN_PROTOCOL_VERSION", deps.PROTOCOL_VERSION + 1)
    monkeypatch.setattr(deps, "PROTOCOL_VERSION", deps.PROTOCOL_VERSION + 1)
    with ThreadedServer(url) as server:
        point_station(Path(station), server_url=server.url, secret=SECRET)
        code, summary, err = _sync_json(station, capsys)
        assert code == 4 and summary["status"] == "refused"
        assert "required update available: villagedesk 9.0.0" in err


def test_an_untrusted_or_altered_manifest_is_never_offered(
    tmp_path: Path,
    station: str,
    release: bytes,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stranger, _public = new_release_key()  # signed, but by a key this build does not trust
    updates = publish_version(tmp_path / "updates", stranger, "9.0.0")
    monkeypatch.setenv("VILLAGEDESK_SERVER_UPDATES", str(updates))
    url = f"sqlite:///{tmp_path / 'county.db'}"
    prepare_county(url, {VILLAGE: SECRET})
    with ThreadedServer(url) as server:
        point_station(Path(station), server_url=server.url, secret=SECRET)
        code, _summary, err = _sync_json(station, capsys)
        assert code == 0 and "update available" not in err
    db = Database(Path(station))
    try:
        checked = update_notice.last_check(db=db)
        assert checked is not None and checked["outcome"].startswith("rejected")
        assert update_notice.stored_update(db=db) is None

        # a genuine offer remembered in the database, then edited there: not shown any more
        good = publish_version(tmp_path / "good", release, "9.1.0")
        signed = json.loads((good / current_platform() / "manifest.json").read_text("utf-8"))
        with local_write(db) as s:
            set_state(
                s,
                update_notice.OFFER_STATE,
                json.dumps({"signed": signed, "url": "http://x/p", "current": "0.1.0"}),
            )
        notice = update_notice.stored_update(db=db)
        assert notice is not None and notice.version == "9.1.0"
        signed["manifest"]["version"] = "9.9.9"
        with local_write(db) as s:
            set_state(
                s,
                update_notice.OFFER_STATE,
                json.dumps({"signed": signed, "url": "http://x/p", "current": "0.1.0"}),
            )
            assert "9.9.9" in get_state(s, update_notice.OFFER_STATE)
        assert update_notice.stored_update(db=db) is None
    finally:
        db.close()
