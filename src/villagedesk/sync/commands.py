"""The counter's ``enrol`` and ``sync`` sub-commands (added to ``villagedesk`` by cli.py)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

from villagedesk.sync.client import Offline, Refused, SyncClient, SyncError
from villagedesk.sync.engine import (
    EXIT_BUSY,
    EXIT_CONFLICTS,
    EXIT_FAILED,
    EXIT_MISMATCH,
    EXIT_OFFLINE,
    EXIT_OK,
    EXIT_REFUSED,
    NotEnrolled,
    SyncBusy,
    SyncSummary,
    client_for,
    enrol_station,
    record_history,
    sync_once,
)
from villagedesk.sync.update_notice import (
    UpdateNotice,
    fetch_update,
    refresh_update_offer,
    stored_update,
)
from villagedesk.sync.updates import UpdateRejected, install_command


def _progress(stage: str, done: int, total: int) -> None:
    print(f"{stage}: {done}" + (f"/{total}" if total else ""), file=sys.stderr)


def _verify(args: argparse.Namespace) -> bool | str:
    ca: str | None = getattr(args, "ca_bundle", None)
    return ca or True


def _finish(summary: SyncSummary, args: argparse.Namespace) -> int:
    code = EXIT_OK
    if summary.mismatches:
        code = EXIT_MISMATCH
    elif summary.conflicts:
        code = EXIT_CONFLICTS
    if args.json:
        print(json.dumps({"status": "ok", "exit": code, **summary.as_dict()}, ensure_ascii=False))
    else:
        print(
            f"pushed {summary.pushed}, pulled {summary.pulled}, conflicts {summary.conflicts}, "
            f"{summary.bytes} bytes, {summary.seconds:.2f} s"
        )
        for line in summary.mismatches:
            print(f"mismatch: {line}", file=sys.stderr)
    return code


def _fail(args: argparse.Namespace, code: int, status: str, message: str) -> int:
    if args.json:
        print(json.dumps({"status": status, "exit": code, "message": message}, ensure_ascii=False))
    print(f"error: {message}", file=sys.stderr)
    return code


def _run(args: argparse.Namespace, work: Any, fail: Any = None) -> int:
    def failed(code: int, status: str, message: str) -> int:
        return int(fail(code, status, message) if fail else _fail(args, code, status, message))

    try:
        summary: SyncSummary = work()
    except SyncBusy as exc:
        return failed(EXIT_BUSY, "busy", str(exc))
    except Offline as exc:
        return failed(EXIT_OFFLINE, "offline", str(exc))
    except Refused as exc:
        return failed(EXIT_REFUSED, "refused", f"the county refused: {exc.reason} ({exc.code})")
    except NotEnrolled as exc:
        return failed(EXIT_REFUSED, "not_enrolled", str(exc))
    except SyncError as exc:
        return failed(EXIT_FAILED, "failed", str(exc))
    return _finish(summary, args)


def _paused_after_restore(db: Any) -> str:
    """The reason sync is paused after a restore ("" when it is not)."""
    from villagedesk.services.backups import pause_message, sync_pause

    with db.read() as s:
        pause = sync_pause(session=s)
    return pause_message(pause) if pause is not None else ""


def _backup_if_due(db: Any) -> None:
    """The nightly run also makes the automatic backup when one is due (never fails the sync)."""
    from villagedesk.services.backups import BackupFailed, auto_backup

    try:
        made = auto_backup(db=db, now=datetime.now())
    except (BackupFailed, OSError, RuntimeError) as exc:
        print(f"warning: automatic backup failed: {exc}", file=sys.stderr)
        return
    if made is not None:
        print(f"backup: {made.path.name}", file=sys.stderr)


def cmd_sync(args: argparse.Namespace) -> int:
    from villagedesk.store.database import Database

    db = Database(Path(args.db))
    paused = _paused_after_restore(db)
    if paused:  # a restored database waits for a supervisor's confirmation (services.backups)
        db.close()
        return _fail(args, EXIT_REFUSED, "paused", paused)
    _backup_if_due(db)
    try:
        client = client_for(db, verify=_verify(args))
    except NotEnrolled as exc:
        db.close()
        return _fail(args, EXIT_REFUSED, "not_enrolled", str(exc))
    failure: dict[str, str] = {}

    def fail(code: int, status: str, message: str) -> int:
        failure.update(status=status, message=message)
        return _fail(args, code, status, message)

    try:
        code = _run(args, lambda: sync_once(db=db, client=client, progress=_progress), fail)
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        if failure and failure["status"] != "busy":
            record_history(db, {"at": stamp, **failure})
        if failure.get("status") in (None, "refused"):  # reached the county: ask for updates
            notice = refresh_update_offer(
                db=db,
                http=client.http,
                server_url=client.base_url,
                checked_at=stamp,
                verify=client.verify,
            )
            if notice is not None:
                _tell_update(notice)
        return code
    finally:
        client.close()
        db.close()


def _tell_update(notice: UpdateNotice) -> None:
    must = "required " if notice.required else ""
    print(
        f"{must}update available: villagedesk {notice.version} ({notice.filename}); "
        "install it with `villagedesk update --install`",
        file=sys.stderr,
    )


def cmd_update(args: argparse.Namespace) -> int:
    """Show the update the county offered at the last sync; with --install, download it,
    verify its signature and digest, and start its installer."""
    import subprocess

    from villagedesk.store.database import Database

    db = Database(Path(args.db))
    try:
        notice = stored_update(db=db)
        if args.json and not args.install:
            print(json.dumps({"update": notice.as_dict() if notice else None}, ensure_ascii=False))
        if notice is None:
            if not args.json:
                print("no update waiting (the county is asked at every sync)")
            return EXIT_OK
        if not args.install:
            if not args.json:
                _tell_update(notice)
                if notice.notes:
                    print(notice.notes)
            return EXIT_OK
        http = requests.Session()
        try:
            package = fetch_update(db=db, http=http, verify=_verify(args))
        except (UpdateRejected, requests.RequestException) as exc:
            return _fail(args, EXIT_FAILED, "update_rejected", f"update not installed: {exc}")
        finally:
            http.close()
        command = install_command(package)
        if args.json:
            print(json.dumps({"status": "verified", "package": str(package), "run": command}))
        else:
            print(f"verified {package.name}; starting: {' '.join(command)}")
        if args.dry_run:
            return EXIT_OK
        subprocess.Popen(command, start_new_session=True)
        return EXIT_OK
    finally:
        db.close()


def cmd_enrol(args: argparse.Namespace) -> int:
    client = SyncClient(args.server, verify=_verify(args), progress=_progress)

    def work() -> SyncSummary:
        db, summary = enrol_station(
            db_path=Path(args.db), server_url=args.server, token=args.token, client=client
        )
        db.close()
        return summary

    try:
        return _run(args, work)
    except ValueError as exc:
        return _fail(args, 2, "bad_input", str(exc))
    finally:
        client.close()


def add_sync_parsers(
    subparsers: Any, common_parent: argparse.ArgumentParser, json_parent: argparse.ArgumentParser
) -> None:
    """Add ``enrol`` and ``sync`` to the ``villagedesk`` command."""
    p = subparsers.add_parser(
        "enrol",
        parents=[common_parent, json_parent],
        help="enrol this station with the county server and pull its data",
    )
    p.set_defaults(func=cmd_enrol)
    p.add_argument("--server", required=True, help="county server URL, https://...")
    p.add_argument("--token", required=True, help="the one-time enrolment token")
    p.add_argument("--ca-bundle", help="CA bundle to verify the server's certificate")
    p = subparsers.add_parser(
        "sync",
        parents=[common_parent, json_parent],
        help="sync with the county now (exit 0 ok, 1 counts differ, 3 offline, 4 refused, "
        "5 conflicts pending, 6 failed, 7 already running)",
    )
    p.set_defaults(func=cmd_sync)
    p.add_argument("--ca-bundle", help="CA bundle to verify the server's certificate")
    p = subparsers.add_parser(
        "update",
        parents=[common_parent, json_parent],
        help="show the update the county offered at the last sync; --install downloads it, "
        "verifies its signature and starts the installer",
    )
    p.set_defaults(func=cmd_update)
    p.add_argument("--install", action="store_true", help="download, verify and install")
    p.add_argument(
        "--dry-run", action="store_true", help="with --install: verify but do not start it"
    )
    p.add_argument("--ca-bundle", help="CA bundle to verify the server's certificate")
