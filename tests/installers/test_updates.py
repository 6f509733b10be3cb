"""Updates: the county server publishes a signed counter package; the counter takes it only
when it is newer, signed by a release key it trusts, and byte for byte what was signed."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import uvicorn

from villagedesk.store.server_db import ServerDatabase
from villagedesk.sync.updates import (
    UpdateRejected,
    check_for_update,
    download_update,
    install_command,
    load_private_key,
    main,
    new_release_key,
    parse_version,
    publish,
    verify_manifest,
    verify_package,
)

PLATFORM = "linux-amd64"


@pytest.fixture
def release_key() -> tuple[bytes, str]:
    return new_release_key()


@pytest.fixture
def updates(tmp_path: Path, release_key: tuple[bytes, str]) -> Path:
    """A county's updates folder with villagedesk 0.2.0 for Linux, signed by the release key."""
    package = tmp_path / "villagedesk_0.2.0_amd64.deb"
    package.write_bytes(b"!<arch>\n" + bytes(range(256)) * 400)
    folder = tmp_path / "updates"
    publish(
        package=package,
        version="0.2.0",
        platform=PLATFORM,
        key=load_private_key(release_key[0]),
        out=folder,
        min_client_version="0.1.0",
        notes="修正生存认证名单",
    )
    return folder


def test_versions_sort_like_releases() -> None:
    assert parse_version("0.10.0") > parse_version("0.9.9")
    assert parse_version("1.0.0rc1") < parse_version("1.0.0") < parse_version("1.0.1a1")
    with pytest.raises(UpdateRejected):
        parse_version("1.0")


def test_a_signed_manifest_verifies_and_any_change_is_rejected(
    updates: Path, release_key: tuple[bytes, str]
) -> None:
    public = release_key[1]
    signed = json.loads((updates / PLATFORM / "manifest.json").read_text(encoding="utf-8"))
    manifest = verify_manifest(signed, [public])
    assert (manifest.version, manifest.platform) == ("0.2.0", PLATFORM)
    verify_package(updates / PLATFORM / manifest.filename, manifest)

    forged = json.loads(json.dumps(signed))
    forged["manifest"]["version"] = "9.9.9"
    with pytest.raises(UpdateRejected, match="signature does not match"):
        verify_manifest(forged, [public])
    with pytest.raises(UpdateRejected, match="does not trust"):
        verify_manifest(signed, [new_release_key()[1]])
    with pytest.raises(UpdateRejected, match="does not trust"):
        verify_manifest(signed, [])  # a build without release keys accepts nothing

    package = updates / PLATFORM / manifest.filename
    data = bytearray(package.read_bytes())
    data[100] ^= 0xFF
    package.write_bytes(bytes(data))
    with pytest.raises(UpdateRejected, match="not the package"):
        verify_package(package, manifest)


def test_the_release_command_signs_and_verifies(tmp_path: Path, capsys) -> None:
    key = tmp_path / "release.pem"
    assert main(["keygen", "--out", str(key)]) == 0
    public = capsys.readouterr().out.split("public key:")[1].split()[0]
    package = tmp_path / "villagedesk-0.3.0-setup.exe"
    package.write_bytes(b"MZ" + b"\0" * 5000)
    out = tmp_path / "updates"
    args = ["sign", "--key", str(key), "--package", str(package), "--version", "0.3.0"]
    assert main([*args, "--platform", "windows-x64", "--out", str(out)]) == 0
    folder = str(out / "windows-x64")
    assert main(["verify", folder, "--public-key", public]) == 0
    assert main(["verify", folder, "--public-key", new_release_key()[1]]) == 1
    assert install_command(out / "windows-x64" / package.name, platform="windows-x64")[1] == "/S"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def county_server(tmp_path: Path, updates: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The real county app (all routes) under uvicorn, serving ``updates``."""
    from villagedesk.server.app import create_app

    url = f"sqlite:///{tmp_path / 'county.db'}"
    ServerDatabase(url).migrate()
    monkeypatch.setenv("VILLAGEDESK_SERVER_UPDATES", str(updates))
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the county server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_a_counter_learns_of_the_update_downloads_and_verifies_it(
    county_server: str, updates: Path, release_key: tuple[bytes, str], tmp_path: Path
) -> None:
    public = release_key[1]
    with requests.Session() as http:
        offer = check_for_update(
            http=http,
            server_url=county_server,
            current_version="0.1.0",
            platform=PLATFORM,
            trusted_keys=[public],
        )
        assert offer is not None
        assert offer.manifest.version == "0.2.0" and not offer.required
        assert offer.manifest.notes == "修正生存认证名单"
        got = download_update(http=http, offer=offer, folder=tmp_path / "downloads")
        published = updates / PLATFORM / offer.manifest.filename
        assert got.read_bytes() == published.read_bytes()
        assert install_command(got, platform=PLATFORM)[-1] == str(got)

        # Up to date, or nothing published for the platform: no offer.
        assert (
            check_for_update(
                http=http,
                server_url=county_server,
                current_version="0.2.0",
                platform=PLATFORM,
                trusted_keys=[public],
            )
            is None
        )
        assert (
            check_for_update(
                http=http,
                server_url=county_server,
                current_version="0.1.0",
                platform="windows-x64",
                trusted_keys=[public],
            )
            is None
        )
        # A counter built with another release key refuses the offer.
        with pytest.raises(UpdateRejected, match="does not trust"):
            check_for_update(
                http=http,
                server_url=county_server,
                current_version="0.1.0",
                platform=PLATFORM,
                trusted_keys=[new_release_key()[1]],
            )

        # A package swapped on the county server (same size) is caught and not kept.
        data = bytearray(published.read_bytes())
        data[-1] ^= 0x01
        published.write_bytes(bytes(data))
        with pytest.raises(UpdateRejected, match="not the package"):
            download_update(http=http, offer=offer, folder=tmp_path / "again")
        assert list((tmp_path / "again").iterdir()) == []
