"""Start-up benchmark (issue 6): the frozen build beside the source tree, in the same run.

    .venv/bin/python bench/bench_startup.py [RUNS] [--frozen FOLDER]

Three measurements, each from process start, for ``python -m villagedesk.cli`` (the source
tree in the venv) and for the PyInstaller build (``installers/build.py frozen``: reused from
``build/`` when the sources did not change, else built first, which takes minutes):

* ``--version``: start, parse, print, exit;
* ``--self-test`` first line: the program is up and printing (the rest of the self-test is
  the checks' own work, reported beside for information);
* login window: the real start of the counter (``villagedesk --db station.db``) offscreen on a
  2,000-person demo station, until its first window is shown. The offscreen Qt platform
  reports each shown top-level window on stderr ("does not support propagateSizeHints"): the
  first such line is the login window; the process is then killed.

The runs alternate source and frozen after one warm-up each (so both read warm files);
medians and the best run are printed.
"""

from __future__ import annotations

import argparse
import os
import selectors
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo_station, median

ROOT = Path(__file__).resolve().parent.parent
SHOWN_MARK = b"propagateSizeHints"
TIMEOUT_S = 120.0


def frozen_folder(given: Path | None) -> Path:
    if given is not None:
        return given
    done = subprocess.run(
        [sys.executable, str(ROOT / "installers" / "build.py"), "frozen"],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return Path(done.stdout.strip().splitlines()[-1])


def env_for(home: Path) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home)}
    env.pop("VILLAGEDESK_DB", None)
    return env


def time_to_exit(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def time_to_output(
    cmd: list[str], env: dict[str, str], *, stream: str, mark: bytes | None
) -> tuple[float, float | None]:
    """Seconds until the first line on ``stream`` (containing ``mark`` when given); then
    either kill the process (``mark`` given) or wait for it and return its whole time too."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    watched = proc.stdout if stream == "stdout" else proc.stderr
    assert watched is not None
    sel = selectors.DefaultSelector()
    sel.register(watched, selectors.EVENT_READ)
    first: float | None = None
    buffer = b""
    try:
        while first is None:
            if time.perf_counter() - start > TIMEOUT_S:
                raise TimeoutError(f"nothing seen from {' '.join(cmd)}")
            if not sel.select(timeout=0.5):
                if proc.poll() is not None:
                    raise RuntimeError(f"{' '.join(cmd)} exited ({proc.returncode}) early")
                continue
            chunk = os.read(watched.fileno(), 65536)
            if not chunk:
                raise RuntimeError(f"{' '.join(cmd)} closed {stream} early")
            buffer += chunk
            if b"\n" in buffer and (mark is None or mark in buffer):
                first = time.perf_counter() - start
        if mark is not None:
            proc.kill()
            proc.communicate()
            return first, None
        proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode})")
        return first, time.perf_counter() - start
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=5)
    parser.add_argument("--frozen", type=Path, help="a PyInstaller folder (default: build it)")
    args = parser.parse_args()

    folder = frozen_folder(args.frozen)
    station = demo_station(2_000)
    home = station.parent
    env = env_for(home)
    programs: dict[str, list[str]] = {
        "source": [sys.executable, "-m", "villagedesk.cli"],
        "frozen": [str(folder / "villagedesk")],
    }
    measures: dict[str, Callable[[list[str]], tuple[float, float | None]]] = {
        "--version": lambda p: (time_to_exit([*p, "--version"], env), None),
        "--self-test first line": lambda p: time_to_output(
            [*p, "--self-test"], env, stream="stdout", mark=None
        ),
        "login window shown": lambda p: time_to_output(
            [*p, "--db", str(station)], env, stream="stderr", mark=SHOWN_MARK
        ),
    }
    results: dict[tuple[str, str], list[float]] = {}
    totals: dict[str, list[float]] = {}
    print(f"villagedesk start-up, {args.runs} runs each after a warm-up; frozen: {folder}")
    for name, measure in measures.items():
        for prog in programs.values():
            measure(prog)  # warm-up: files in the page cache, __pycache__ written
        for _ in range(args.runs):
            for label, prog in programs.items():
                first, whole = measure(prog)
                results.setdefault((name, label), []).append(first)
                if whole is not None:
                    totals.setdefault(label, []).append(whole)

    print(f"{'':24}{'source':>20}{'frozen':>20}   (median, best)")
    for name in measures:
        cells = []
        for label in programs:
            samples = results[(name, label)]
            cells.append(f"{median(samples):7.2f} s {min(samples):6.2f} s")
        print(f"{name:24}{cells[0]:>20}{cells[1]:>20}")
    if totals:
        cells = [f"{median(totals[k]):7.2f} s {min(totals[k]):6.2f} s" for k in programs]
        print(f"{'(whole --self-test)':24}{cells[0]:>20}{cells[1]:>20}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
