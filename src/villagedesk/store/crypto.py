"""Encryption at rest of the station database: SQLCipher, a random key kept apart from the file.

The key is 32 random bytes, handed to SQLCipher as a raw key (``PRAGMA key = "x'..'"``, so
no key derivation on every connection). It lives in a key file in the per-user config folder
(``database.key``, mode 0600), readable by the same OS user that runs the counter and the
nightly headless ``villagedesk sync``; on Windows its content is also wrapped with DPAPI (user
scope), so the key file copied to another machine or user is useless. ``VILLAGEDESK_KEY_FILE``
points elsewhere (tests, a portable install). See ``docs/security.md`` for the threat model.

A plain database (made by an earlier version) is encrypted in place on first open, safe
against a power cut at any moment: see ``encrypt_plain_database``.
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
import sys
import threading
import time
from pathlib import Path
from typing import Any

import sqlcipher3

KEY_ENV = "VILLAGEDESK_KEY_FILE"
KEY_BYTES = 32
SQLITE_MAGIC = b"SQLite format 3\x00"
_KEY_HEADER = "villagedesk-database-key v1"

# Leftovers of an interrupted plain -> encrypted migration, next to the database.
ENCRYPTING_SUFFIX = ".encrypting"
WIPE_SUFFIX = ".plain-wipe"

DatabaseError = sqlcipher3.DatabaseError


class KeyUnavailable(RuntimeError):
    """The database is encrypted and its key is not on this machine (or for this user)."""


class WrongKey(RuntimeError):
    """The key does not open this database (or the file is not a database at all)."""


# -- the key file ------------------------------------------------------------------------
def key_file_path() -> Path:
    env = os.environ.get(KEY_ENV)
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("villagedesk", appauthor=False)) / "database.key"


_cache: dict[Path, bytes] = {}
_lock = threading.Lock()


def fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on the Windows build only
    import ctypes
    from ctypes import wintypes

    class _Blob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    def _blob(data: bytes) -> _Blob:
        buf = ctypes.create_string_buffer(data, len(data))
        return _Blob(len(data), ctypes.cast(buf, ctypes.POINTER(ctypes.c_char)))

    def _dpapi(data: bytes, *, protect: bool) -> bytes:
        crypt32 = ctypes.windll.crypt32
        kernel32 = ctypes.windll.kernel32
        out = _Blob()
        src = _blob(data)
        fn = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
        ok = fn(ctypes.byref(src), None, None, None, None, 0x01, ctypes.byref(out))
        if not ok:
            raise OSError("DPAPI failed")
        try:
            return ctypes.string_at(out.pbData, out.cbData)
        finally:
            kernel32.LocalFree(out.pbData)

    def _wrap(key: bytes) -> str:
        try:
            return "dpapi " + base64.b64encode(_dpapi(key, protect=True)).decode("ascii")
        except OSError:
            return "plain " + key.hex()

    def _unwrap(kind: str, body: str) -> bytes:
        if kind == "dpapi":
            return _dpapi(base64.b64decode(body), protect=False)
        return bytes.fromhex(body)

else:

    def _wrap(key: bytes) -> str:
        return "plain " + key.hex()

    def _unwrap(kind: str, body: str) -> bytes:
        if kind == "dpapi":
            raise KeyUnavailable("the key file is DPAPI-wrapped: it opens on Windows only")
        return base64.b16decode(body.upper())


def _read_key(path: Path) -> bytes:
    text = path.read_text(encoding="ascii").strip()
    header, _, rest = text.partition("\n")
    kind, _, body = rest.strip().partition(" ")
    if header.strip() != _KEY_HEADER or kind not in ("plain", "dpapi"):
        raise KeyUnavailable(f"{path} is not a villagedesk key file")
    try:
        key = _unwrap(kind, body.strip())
    except (ValueError, OSError) as exc:
        raise KeyUnavailable(f"{path} cannot be read: {exc}") from exc
    if len(key) != KEY_BYTES:
        raise KeyUnavailable(f"{path} holds a key of the wrong length")
    if sys.platform != "win32" and path.stat().st_mode & 0o077:
        path.chmod(0o600)  # someone loosened it: tighten again
    return key


def _write_new_key(path: Path) -> bytes:
    """Make a key file atomically; if another process made one first, use theirs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if sys.platform != "win32":
        with contextlib.suppress(OSError):
            path.parent.chmod(0o700)
    key = secrets.token_bytes(KEY_BYTES)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, f"{_KEY_HEADER}\n{_wrap(key)}\n".encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # atomic and refuses to overwrite: two first starts agree on one key
    except FileExistsError:
        return _read_key(path)
    except OSError:  # a file system without hard links: exclusive create, then fill
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            time.sleep(0.2)  # the other starter is writing it
            return _read_key(path)
        try:
            os.write(fd, tmp.read_bytes())
            os.fsync(fd)
        finally:
            os.close(fd)
    finally:
        tmp.unlink()
    fsync_dir(path.parent)
    return key


def database_key(*, create: bool = True) -> bytes:
    """The station database key of this OS user (made on first use when ``create``)."""
    path = key_file_path()
    with _lock:
        cached = _cache.get(path)
        if cached is not None and path.exists():
            return cached
        if path.exists():
            key = _read_key(path)
        elif create:
            key = _write_new_key(path)
        else:
            raise KeyUnavailable(
                f"the database key {path} is missing: this encrypted database cannot be opened "
                "by this user on this machine (restore the key file, or re-provision the station "
                "from the county)"
            )
        _cache[path] = key
        return key


# -- connections -------------------------------------------------------------------------
def key_pragma(key: bytes) -> str:
    return f"\"x'{key.hex()}'\""


def connect(path: Path | str, key: bytes, **kwargs: Any) -> Any:
    """A sqlcipher3 connection to ``path`` unlocked with ``key`` (not yet checked)."""
    con = sqlcipher3.connect(str(path), **kwargs)
    con.execute(f"PRAGMA key = {key_pragma(key)}")
    return con


def open_checked(path: Path | str, key: bytes, **kwargs: Any) -> Any:
    """Like ``connect``, but reads page 1 so a wrong key fails here, clearly."""
    con = connect(path, key, **kwargs)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        con.close()
        raise WrongKey(
            f"{path} cannot be opened with this station's key ({exc}): it was encrypted with "
            "another key, or is damaged"
        ) from exc
    return con


def file_is_plain_sqlite(path: Path) -> bool:
    """True for an unencrypted SQLite database file (by its 16-byte magic header)."""
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except FileNotFoundError:
        return False


# -- wiping ------------------------------------------------------------------------------
def wipe_file(path: Path) -> None:
    """Overwrite a file with random bytes, flush, then remove it.

    Best effort: on SSDs (wear levelling) and copy-on-write file systems the old blocks may
    survive an overwrite; docs/security.md says so and recommends full-disk encryption.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with path.open("r+b") as fh:
        chunk = 1 << 20
        left = size
        while left > 0:
            n = min(chunk, left)
            fh.write(secrets.token_bytes(n))
            left -= n
        fh.flush()
        os.fsync(fh.fileno())
    path.unlink()
    fsync_dir(path.parent)


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]


# -- plain -> encrypted ------------------------------------------------------------------
def finish_interrupted_encryption(path: Path) -> None:
    """Tidy what a power cut during ``encrypt_plain_database`` may have left.

    - ``<db>.encrypting`` (with its -wal/-journal): an unfinished copy; the plain file is still
      the database. Removed; the encryption runs again.
    - ``<db>.plain-wipe``: a hard link to the old plain file, kept so the plain bytes can be
      overwritten after the swap. If the swap happened (``<db>`` is no longer that file), the
      link is wiped now; if not, it is only unlinked (``<db>`` is still the plain database).
    """
    tmp = path.with_name(path.name + ENCRYPTING_SUFFIX)
    for leftover in [tmp, *_sidecars(tmp)]:
        if leftover.exists():
            leftover.unlink()
    link = path.with_name(path.name + WIPE_SUFFIX)
    if link.exists():
        same = path.exists() and os.path.samefile(path, link)
        if same:
            link.unlink()
        else:
            wipe_file(link)


def encrypt_plain_database(path: Path, key: bytes) -> bool:
    """Encrypt the plain database at ``path`` in place. Returns False when it is not plain.

    Steps, each leaving either the old plain or the new encrypted database usable:
    1. checkpoint the plain file's WAL into it and leave WAL mode, so the plain database is one
       file (a crash here is an ordinary SQLite crash: the WAL is replayed next time);
    2. export everything into ``<db>.encrypting`` with the key (sqlcipher_export), copy the
       user_version, fsync; verify: open it with the key, ``PRAGMA integrity_check`` and the
       same row count in every table as the plain file;
    3. hard-link the plain file as ``<db>.plain-wipe``, then ``os.replace`` the encrypted copy
       over ``<db>`` (atomic) and fsync the folder;
    4. overwrite the plain bytes through the link, fsync, unlink.
    A crash before 3 leaves the plain database (the copy is discarded next time); after 3 the
    encrypted one (the link is wiped next time) - ``finish_interrupted_encryption``.
    """
    finish_interrupted_encryption(path)
    if not file_is_plain_sqlite(path):
        return False
    tmp = path.with_name(path.name + ENCRYPTING_SUFFIX)
    plain = sqlcipher3.connect(str(path), isolation_level=None)  # no key: reads plain SQLite
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        plain.execute("PRAGMA journal_mode=DELETE")
        tables = [
            r[0]
            for r in plain.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {t: plain.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        user_version = plain.execute("PRAGMA user_version").fetchone()[0]
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY {key_pragma(key)}", (str(tmp),))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {int(user_version)}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    with tmp.open("rb+") as fh:
        os.fsync(fh.fileno())
    check = open_checked(tmp, key)
    try:
        result = [r[0] for r in check.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise RuntimeError(f"the encrypted copy of {path} failed its check: {result}")
        for table, count in counts.items():
            got = check.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            if got != count:
                raise RuntimeError(f"the encrypted copy of {path} lost rows of {table}")
    finally:
        check.close()
    link = path.with_name(path.name + WIPE_SUFFIX)
    linked = True
    try:
        os.link(path, link)
    except OSError:  # a file system without hard links (FAT): the plain blocks stay unwiped
        linked = False
    os.replace(tmp, path)
    fsync_dir(path.parent)
    if linked:
        wipe_file(link)
    for sidecar in _sidecars(path):
        if sidecar.exists():
            sidecar.unlink()
    return True


def encrypt_plain_copy(path: Path, key: bytes) -> bool:
    """Encrypt a plain backup file in place (same steps as the database itself)."""
    return encrypt_plain_database(path, key)
