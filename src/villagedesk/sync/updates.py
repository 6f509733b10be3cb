"""Client updates: the county server publishes the newest counter package, signed; the counter
learns of it, downloads it and checks the signature and the digest before running it.

Trust does not rest on the county server: a release manager signs each package's manifest
offline with the release key (Ed25519), and the counter accepts a manifest only when it is
signed by one of the public keys it was built with (resources/release-keys.txt). The county server
only stores and serves what was signed (``/updates/v1``), so a broken-into county server can
withhold an update but never make a counter run something else.

A published update is a folder per platform::

    <updates folder>/<platform>/manifest.json   {"manifest": {...}, "key_id", "signature"}
    <updates folder>/<platform>/<package file>  villagedesk_0.2.0_amd64.deb, ...-setup.exe

made by ``python -m villagedesk.sync.updates sign`` (see ``--help``), which also makes keys
(``keygen``) and checks a folder (``verify``).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import platform as _platform
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from villagedesk import __version__

MANIFEST_FILE = "manifest.json"
MANIFEST_VERSION = 1
PLATFORMS = ("linux-amd64", "linux-arm64", "windows-x64")
# The release public keys this build trusts live in resources/release-keys.txt (one base64
# raw Ed25519 key per line), so that a build is tied to the keys it was made with. With no key
# in that file no update is ever accepted.
RELEASE_KEYS_FILE = ("release-keys.txt",)
CHUNK = 1 << 20

_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:(a|b|rc)(\d+))?$")
_STAGES = {"a": 0, "b": 1, "rc": 2, None: 3}
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+~-]{0,200}$")


def trusted_release_keys(path: Path | None = None) -> tuple[str, ...]:
    """The release public keys in ``resources/release-keys.txt`` ('#' starts a comment)."""
    if path is None:
        from villagedesk.paths import resource_path

        path = resource_path(*RELEASE_KEYS_FILE)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ()
    keys: list[str] = []
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        try:
            raw = base64.b64decode(word, validate=True)
            Ed25519PublicKey.from_public_bytes(raw)
        except (ValueError, TypeError):
            continue  # a garbled line trusts nothing rather than failing every update check
        keys.append(word)
    return tuple(keys)


class UpdateRejected(ValueError):
    """A manifest or a package that must not be installed (bad signature, digest, name...)."""


def parse_version(text: str) -> tuple[int, int, int, int, int]:
    """``1.2.3``, ``1.2.3rc1`` -> a sortable tuple (a pre-release sorts before its release)."""
    match = _VERSION.match(text.strip())
    if match is None:
        raise UpdateRejected(f"not a release version: {text!r}")
    major, minor, patch, stage, number = match.groups()
    return (int(major), int(minor), int(patch), _STAGES[stage], int(number or 0))


def current_platform() -> str:
    machine = _platform.machine().lower()
    arch = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}.get(
        machine, machine
    )
    if sys.platform == "win32":
        return "windows-x64" if arch == "amd64" else f"windows-{arch}"
    return f"{sys.platform}-{arch}"


@dataclass(frozen=True)
class UpdateManifest:
    """What a release manager signs: which package, for which platform, and its digest."""

    version: str
    platform: str
    filename: str
    sha256: str
    size: int
    min_client_version: str = "0.0.0"  # counters older than this must update (sync refuses)
    published_at: str = ""
    notes: str = ""
    manifest_version: int = MANIFEST_VERSION

    def canonical(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":")).encode("utf-8")

    def check(self) -> None:
        parse_version(self.version)
        parse_version(self.min_client_version)
        if self.platform not in PLATFORMS:
            raise UpdateRejected(f"unknown platform {self.platform!r}")
        if not _SAFE_NAME.match(self.filename) or self.filename == MANIFEST_FILE:
            raise UpdateRejected(f"unsafe package file name {self.filename!r}")
        if not re.fullmatch(r"[0-9a-f]{64}", self.sha256) or self.size <= 0:
            raise UpdateRejected("the manifest's digest or size is malformed")


@dataclass(frozen=True)
class UpdateOffer:
    manifest: UpdateManifest
    key_id: str
    url: str  # where the package is downloaded from
    required: bool  # this counter is older than the manifest's minimum client version
    signed: dict[str, Any] = field(default_factory=dict)  # as served: manifest, key id, signature


# -- keys and signatures ------------------------------------------------------------------
def key_id(public_b64: str) -> str:
    return hashlib.sha256(base64.b64decode(public_b64)).hexdigest()[:16]


def public_b64(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(
        encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw
    )
    return base64.b64encode(raw).decode("ascii")


def new_release_key() -> tuple[bytes, str]:
    """A new release key: (PEM of the private key, base64 public key)."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )
    return pem, public_b64(key)


def load_private_key(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise UpdateRejected("the release key must be an Ed25519 key")
    return key


def sign_manifest(manifest: UpdateManifest, key: Ed25519PrivateKey) -> dict[str, Any]:
    manifest.check()
    return {
        "manifest": asdict(manifest),
        "key_id": key_id(public_b64(key)),
        "signature": base64.b64encode(key.sign(manifest.canonical())).decode("ascii"),
    }


def verify_manifest(signed: dict[str, Any], trusted_keys: Iterable[str]) -> UpdateManifest:
    """The manifest, if a trusted key signed exactly it; else UpdateRejected."""
    try:
        fields = dict(signed["manifest"])
        manifest = UpdateManifest(**fields)
        signature = base64.b64decode(str(signed["signature"]), validate=True)
    except (KeyError, TypeError, ValueError) as exc:
        raise UpdateRejected(f"malformed update manifest: {exc}") from exc
    keys = {key_id(k): k for k in trusted_keys}
    public = keys.get(str(signed.get("key_id", "")))
    if public is None:
        raise UpdateRejected("the update is signed by a key this program does not trust")
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public)).verify(
            signature, manifest.canonical()
        )
    except InvalidSignature as exc:
        raise UpdateRejected("the update's signature does not match its manifest") from exc
    manifest.check()
    return manifest


def file_digest(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def verify_package(path: Path, manifest: UpdateManifest) -> Path:
    digest, size = file_digest(path)
    if size != manifest.size or digest != manifest.sha256:
        raise UpdateRejected(f"{path.name} is not the package the manifest describes")
    return path


# -- publishing (release manager, county server) -----------------------------------------
def publish(
    *,
    package: Path,
    version: str,
    platform: str,
    key: Ed25519PrivateKey,
    out: Path,
    min_client_version: str = "0.0.0",
    notes: str = "",
    now: datetime | None = None,
) -> Path:
    """Sign ``package`` and put it with its manifest in ``out/<platform>/``."""
    digest, size = file_digest(package)
    manifest = UpdateManifest(
        version=version,
        platform=platform,
        filename=package.name,
        sha256=digest,
        size=size,
        min_client_version=min_client_version,
        published_at=(now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        notes=notes,
    )
    signed = sign_manifest(manifest, key)
    folder = out / platform
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / package.name
    if package.resolve() != target.resolve():
        shutil.copyfile(package, target.with_name(target.name + ".part"))
        target.with_name(target.name + ".part").replace(target)
    for old in folder.iterdir():  # one published package per platform
        if old.is_file() and old.name not in (MANIFEST_FILE, target.name):
            old.unlink()
    tmp = folder / (MANIFEST_FILE + ".part")
    tmp.write_text(json.dumps(signed, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(folder / MANIFEST_FILE)
    return folder / MANIFEST_FILE


def published(folder: Path, platform: str) -> tuple[dict[str, Any], Path] | None:
    """The signed manifest and the package file published for ``platform`` (server side)."""
    if platform not in PLATFORMS:
        return None
    path = folder / platform / MANIFEST_FILE
    if not path.is_file():
        return None
    signed: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    name = str(signed.get("manifest", {}).get("filename", ""))
    if not _SAFE_NAME.match(name) or name == MANIFEST_FILE:
        return None
    package = folder / platform / name
    return (signed, package) if package.is_file() else None


# -- the counter ----------------------------------------------------------------------------
class _Response(Protocol):
    status_code: int

    def json(self) -> Any: ...

    def iter_content(self, chunk_size: int) -> Iterable[bytes]: ...

    def close(self) -> None: ...


class _Http(Protocol):
    def get(self, url: str, **kwargs: Any) -> Any: ...


def check_for_update(
    *,
    http: _Http,
    server_url: str,
    current_version: str = __version__,
    platform: str | None = None,
    trusted_keys: Sequence[str] | None = None,
    timeout: float = 20.0,
) -> UpdateOffer | None:
    """Ask the county for the newest package; an offer only when it is newer and verified."""
    plat = platform or current_platform()
    keys = trusted_release_keys() if trusted_keys is None else trusted_keys
    base = server_url.rstrip("/")
    response = http.get(f"{base}/updates/v1/{plat}/manifest", timeout=timeout)
    if response.status_code == 404:
        return None
    if response.status_code != 200:
        raise UpdateRejected(f"the county server answered {response.status_code}")
    signed = response.json()
    manifest = verify_manifest(signed, keys)
    if manifest.platform != plat:
        raise UpdateRejected(f"the manifest is for {manifest.platform}, not {plat}")
    if parse_version(manifest.version) <= parse_version(current_version):
        return None
    return UpdateOffer(
        manifest=manifest,
        key_id=str(signed["key_id"]),
        url=f"{base}/updates/v1/{plat}/package",
        required=parse_version(current_version) < parse_version(manifest.min_client_version),
        signed=signed,
    )


def download_update(
    *, http: _Http, offer: UpdateOffer, folder: Path, timeout: float = 120.0
) -> Path:
    """Download the offered package into ``folder`` and verify it; returns its path.

    The file is written as ``.part`` and renamed only after its size and SHA-256 match the
    signed manifest; a mismatch deletes it and raises UpdateRejected.
    """
    manifest = offer.manifest
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / manifest.filename
    if target.is_file():
        try:
            return verify_package(target, manifest)
        except UpdateRejected:
            target.unlink()
    part = target.with_name(target.name + ".part")
    # identity: the package is compressed already; do not let a proxy or the server gzip it
    headers = {"Accept-Encoding": "identity"}
    response = http.get(offer.url, timeout=timeout, stream=True, headers=headers)
    try:
        if response.status_code != 200:
            raise UpdateRejected(f"the county server answered {response.status_code}")
        written = 0
        with part.open("wb") as handle:
            for chunk in response.iter_content(chunk_size=CHUNK):
                written += len(chunk)
                if written > manifest.size:
                    raise UpdateRejected("the download is larger than the signed package")
                handle.write(chunk)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    finally:
        response.close()
    try:
        verify_package(part, manifest)
    except UpdateRejected:
        part.unlink(missing_ok=True)
        raise
    part.replace(target)
    return target


def install_command(package: Path, *, platform: str | None = None) -> list[str]:
    """The command that installs a verified package (run it only after ``download_update``)."""
    plat = platform or current_platform()
    if plat.startswith("windows"):
        return [str(package), "/S"]
    if package.suffix == ".deb":
        # pkexec asks for an administrator's password in a window; apt keeps the dependencies.
        return ["pkexec", "apt-get", "install", "-y", str(package)]
    raise UpdateRejected(f"no installer for {package.name} on {plat}")


def updates_folder(data_dir: Path | None = None) -> Path:
    """Where a counter keeps downloaded packages (beside its station database)."""
    if data_dir is not None:
        return data_dir / "updates"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("villagedesk", appauthor=False)) / "updates"


# -- the release manager's command ----------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m villagedesk.sync.updates", description="sign and check update packages"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("keygen", help="make a release key pair")
    p.add_argument("--out", type=Path, required=True, help="private key file to write (PEM)")
    p = sub.add_parser("sign", help="sign a package and publish it into an updates folder")
    p.add_argument("--key", type=Path, required=True, help="the private release key (PEM)")
    p.add_argument("--package", type=Path, required=True)
    p.add_argument("--version", required=True)
    p.add_argument("--platform", required=True, choices=PLATFORMS)
    p.add_argument("--min-client-version", default="0.0.0")
    p.add_argument("--notes", default="")
    p.add_argument("--out", type=Path, required=True, help="the server's updates folder")
    p = sub.add_parser("verify", help="check a published platform folder against a public key")
    p.add_argument("folder", type=Path, help="<updates folder>/<platform>")
    p.add_argument("--public-key", action="append", default=[], help="base64 (repeatable)")
    args = parser.parse_args(argv)

    if args.command == "keygen":
        pem, public = new_release_key()
        fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        print(f"private key: {args.out} (keep it offline)\npublic key:  {public}")
        print(f"key id:      {key_id(public)}")
        return 0
    if args.command == "sign":
        key = load_private_key(args.key.read_bytes())
        path = publish(
            package=args.package,
            version=args.version,
            platform=args.platform,
            key=key,
            out=args.out,
            min_client_version=args.min_client_version,
            notes=args.notes,
        )
        print(f"published {args.package.name} {args.version} for {args.platform}: {path}")
        return 0
    signed = json.loads((args.folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    try:
        manifest = verify_manifest(signed, args.public_key or trusted_release_keys())
        verify_package(args.folder / manifest.filename, manifest)
    except UpdateRejected as exc:
        print(f"REJECTED: {exc}", file=sys.stderr)
        return 1
    print(f"ok: {manifest.filename} {manifest.version} ({manifest.platform})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
