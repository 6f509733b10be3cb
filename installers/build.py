"""Build the counter's distributables, reusing what was already built from the same sources.

    .venv/bin/python installers/build.py frozen     # PyInstaller one-folder build; prints it
    .venv/bin/python installers/build.py deb        # ... and the .deb around it; prints it
    .venv/bin/python installers/build.py nsis       # compile the NSIS script (placeholder)
    .venv/bin/python installers/build.py all --out dist   # all three, copied into dist/

Every build is cached under ``build/`` by a hash of what goes into it, so a second run (or the
slow test after ``make dist``) takes seconds:

* ``build/frozen/<hash>/villagedesk/`` — hash of ``src/``, ``resources/``,
  ``installers/pyinstaller/``, ``pyproject.toml`` and the installed distributions of the venv;
  kept only after the frozen ``villagedesk --self-test`` passed (its output is saved beside);
* ``build/deb/<hash>/villagedesk_<version>_<arch>.deb`` — the frozen hash plus
  ``installers/linux/``;
* ``build/nsis/<hash>/villagedesk-<version>-setup.exe`` — the NSIS script around a
  placeholder payload (the real Windows installer is built on Windows, see the README there).

Only the newest entry of each cache is kept. A lock file serialises concurrent builds.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
import time
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
INSTALLERS = ROOT / "installers"
SPEC = INSTALLERS / "pyinstaller" / "villagedesk.spec"
SKIP_PARTS = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


def log(text: str) -> None:
    print(f"[build] {text}", file=sys.stderr, flush=True)


def version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def _files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_file():
            yield path
        elif path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and not SKIP_PARTS.intersection(f.parts) and f.suffix != ".pyc":
                    yield f


def tree_hash(paths: Iterable[Path], *extra: str) -> str:
    digest = hashlib.sha256()
    for f in _files(paths):
        digest.update(f.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(f.read_bytes()).digest())
    for text in extra:
        digest.update(text.encode() + b"\0")
    return digest.hexdigest()[:16]


def installed_distributions() -> str:
    """The venv's distributions and versions (a new PySide6 means a new build)."""
    site = Path(sysconfig.get_paths()["purelib"])
    return ",".join(sorted(p.name for p in site.glob("*.dist-info")))


def frozen_hash() -> str:
    return tree_hash(
        [ROOT / "src", ROOT / "resources", INSTALLERS / "pyinstaller", ROOT / "pyproject.toml"],
        installed_distributions(),
        sys.version,
        sys.platform,
    )


@contextlib.contextmanager
def locked(name: str) -> Iterator[None]:
    BUILD.mkdir(exist_ok=True)
    with open(BUILD / f".{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _prune(cache: Path, keep: str, *, newest: int = 2) -> None:
    """Delete all but ``keep`` and the newest others (a parallel run may still use one)."""
    others = sorted(
        (d for d in cache.iterdir() if d.is_dir() and d.name != keep),
        key=lambda d: d.stat().st_mtime,
        reverse=True,
    )
    for old in others[newest - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


def _run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    log(" ".join(str(c) for c in cmd))
    return subprocess.run(cmd, check=True, text=True, **kw)  # type: ignore[call-overload]


def self_test(folder: Path) -> str:
    exe = folder / ("villagedesk-cli.exe" if sys.platform == "win32" else "villagedesk")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [str(exe), "--self-test"], capture_output=True, text=True, env=env, timeout=300
    )
    sys.stderr.write(done.stdout)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"the frozen self-test failed (exit {done.returncode})")
    return done.stdout


def ensure_pyinstaller() -> None:
    """Install the ``dist`` extra (PyInstaller) into this venv when it is missing."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        with open(ROOT / "pyproject.toml", "rb") as handle:
            extra = tomllib.load(handle)["project"]["optional-dependencies"]["dist"]
        _run([sys.executable, "-m", "pip", "install", "-q", *extra])


def build_frozen(*, force: bool = False) -> Path:
    ensure_pyinstaller()
    key = frozen_hash()
    cache = BUILD / "frozen"
    entry = cache / key
    folder = entry / "villagedesk"
    with locked("frozen"):
        if not force and (entry / "SELFTEST-OK").is_file() and folder.is_dir():
            log(f"frozen build {key} reused")
            return folder
        shutil.rmtree(entry, ignore_errors=True)
        entry.mkdir(parents=True)
        t0 = time.monotonic()
        _run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--log-level",
                "WARN",
                "--workpath",
                str(entry / "work"),
                "--distpath",
                str(entry),
                str(SPEC),
            ],
            cwd=ROOT,
        )
        shutil.rmtree(entry / "work", ignore_errors=True)
        log(f"PyInstaller took {time.monotonic() - t0:.0f} s")
        output = self_test(folder)
        (entry / "SELFTEST-OK").write_text(output, encoding="utf-8")
        _prune(cache, key)
    return folder


def build_deb(*, force: bool = False, folder: Path | None = None) -> Path:
    """The .deb around ``folder`` (default: the frozen build of the current sources)."""
    if folder is None:
        folder = build_frozen(force=force)
    key = tree_hash([INSTALLERS / "linux"], folder.parent.name)
    cache = BUILD / "deb"
    entry = cache / key
    with locked("deb"):
        found = sorted(entry.glob("villagedesk_*.deb")) if entry.is_dir() else []
        if found and not force:
            log(f"package {found[0].name} ({key}) reused")
            return found[0]
        shutil.rmtree(entry, ignore_errors=True)
        entry.mkdir(parents=True)
        done = _run(
            [
                "bash",
                str(INSTALLERS / "linux" / "build_deb.sh"),
                str(folder),
                str(entry),
                version(),
            ],
            stdout=subprocess.PIPE,
        )
        deb = Path(done.stdout.strip().splitlines()[-1])
        _prune(cache, key)
    return deb


def build_nsis(*, force: bool = False) -> Path:
    script = INSTALLERS / "windows" / "villagedesk.nsi"
    key = tree_hash([INSTALLERS / "windows", ROOT / "resources" / "icons"], version())
    cache = BUILD / "nsis"
    entry = cache / key
    setup = entry / f"villagedesk-{version()}-setup.exe"
    with locked("nsis"):
        if setup.is_file() and not force:
            log(f"NSIS installer {key} reused")
            return setup
        makensis = shutil.which("makensis")
        if makensis is None:
            raise SystemExit("makensis is missing: apt-get install nsis")
        shutil.rmtree(entry, ignore_errors=True)
        payload = entry / "payload"
        make_placeholder_payload(payload)
        _run(
            [
                makensis,
                "-V2",
                "-INPUTCHARSET",
                "UTF8",
                f"-DVERSION={version()}",
                f"-DPAYLOAD={payload}",
                f"-DOUTFILE={setup}",
                str(script),
            ],
            cwd=script.parent,
        )
        _prune(cache, key)
    return setup


def make_placeholder_payload(folder: Path) -> None:
    """What the NSIS script packs on Windows (PyInstaller's folder), faked for a compile test."""
    internal = folder / "_internal"
    internal.mkdir(parents=True)
    for name in ("villagedesk.exe", "villagedesk-cli.exe"):
        (folder / name).write_bytes(b"MZ placeholder: build the real one on Windows\r\n")
    (internal / "PLACEHOLDER.txt").write_text(
        "Placeholder payload used to prove the NSIS script compiles; see installers/windows.\n",
        encoding="utf-8",
    )


def copy_tree(src: Path, dst: Path) -> None:
    """Copy with hard links where the file system allows (the frozen folder is ~250 MB)."""
    shutil.rmtree(dst, ignore_errors=True)

    def link_or_copy(s: str, d: str) -> object:
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)
        return d

    shutil.copytree(src, dst, symlinks=True, copy_function=link_or_copy)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["frozen", "deb", "nsis", "all", "hash"])
    parser.add_argument("--out", type=Path, help="with `all`: copy the results here")
    parser.add_argument("--force", action="store_true", help="rebuild even when cached")
    args = parser.parse_args(argv)
    if args.what == "hash":
        print(frozen_hash())
    elif args.what == "frozen":
        print(build_frozen(force=args.force))
    elif args.what == "deb":
        print(build_deb(force=args.force))
    elif args.what == "nsis":
        print(build_nsis(force=args.force))
    else:
        out: Path = args.out or ROOT / "dist"
        out.mkdir(parents=True, exist_ok=True)
        folder = build_frozen(force=args.force)
        deb = build_deb(folder=folder)
        setup = build_nsis(force=args.force)
        arch = subprocess.run(
            ["dpkg", "--print-architecture"], capture_output=True, text=True, check=False
        ).stdout.strip()
        frozen_out = out / f"villagedesk-{version()}-linux-{arch or 'unknown'}"
        copy_tree(folder, frozen_out)
        shutil.copy2(deb, out / deb.name)
        nsis_out = out / setup.name.replace("-setup.exe", "-setup-PLACEHOLDER.exe")
        shutil.copy2(setup, nsis_out)
        (out / "SELFTEST.txt").write_text(
            (folder.parent / "SELFTEST-OK").read_text(encoding="utf-8"), encoding="utf-8"
        )
        for item in (frozen_out, out / deb.name, nsis_out, out / "SELFTEST.txt"):
            print(item.relative_to(ROOT) if item.is_relative_to(ROOT) else item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
