"""The counter's ``usb export`` and ``usb import`` sub-commands (added by cli.py).

Exit codes: 0 done (also "already imported"), 2 bad input, 4 refused (tampered, replayed,
gapped, another station's, not enrolled), 7 a sync is running.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_INPUT, EXIT_REFUSED, EXIT_BUSY = 0, 2, 4, 7


def _refused(args: argparse.Namespace, code: str, reason: str, exit_code: int) -> int:
    if args.json:
        print(json.dumps({"status": "refused", "code": code, "reason": reason}, ensure_ascii=False))
    print(f"refused: {reason}", file=sys.stderr)
    return exit_code


def cmd_usb_export(args: argparse.Namespace) -> int:
    from villagedesk.store.database import Database
    from villagedesk.sync.engine import SyncBusy, sync_lock
    from villagedesk.sync.usb import UsbRefused, export_package

    db = Database(Path(args.db))
    try:
        with sync_lock(db.path):
            result = export_package(db=db, to=Path(args.to), sequence=args.sequence)
    except UsbRefused as exc:
        return _refused(args, exc.code, exc.reason, EXIT_REFUSED)
    except SyncBusy as exc:
        return _refused(args, "busy", str(exc), EXIT_BUSY)
    finally:
        db.close()
    info: dict[str, Any] = {
        "status": "exported",
        "path": str(result.path),
        "sequence": result.sequence,
        "mutations": result.mutations,
        "audit": result.audit,
        "from_seq": result.from_seq,
        "to_seq": result.to_seq,
    }
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
    else:
        print(
            f"package {result.sequence} written to {result.path}: {result.mutations} changes, "
            f"{result.audit} audit entries (outbox {result.from_seq + 1}..{result.to_seq})"
        )
    return EXIT_OK


def cmd_usb_import(args: argparse.Namespace) -> int:
    from villagedesk.store.database import Database
    from villagedesk.sync.engine import SyncBusy, sync_lock
    from villagedesk.sync.usb import UsbRefused, import_answer

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"error: cannot read {path}: {exc}", file=sys.stderr)
        return EXIT_INPUT
    db = Database(Path(args.db))
    try:
        with sync_lock(db.path):
            report = import_answer(db=db, data=data)
    except UsbRefused as exc:
        return _refused(args, exc.code, exc.reason, EXIT_REFUSED)
    except SyncBusy as exc:
        return _refused(args, "busy", str(exc), EXIT_BUSY)
    finally:
        db.close()
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    elif report.status == "already_imported":
        print(f"answer {report.sequence}: already imported, nothing changed")
    else:
        print(
            f"answer {report.sequence} imported: acknowledged up to {report.acked_to_seq}, "
            f"{report.applied} applied, {report.conflicts} with conflicts, {report.held} held, "
            f"{report.refused} refused, {report.pulled} pulled"
        )
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    return EXIT_OK


def add_usb_parsers(
    subparsers: Any, common_parent: argparse.ArgumentParser, json_parent: argparse.ArgumentParser
) -> None:
    """Add ``usb export`` and ``usb import`` to the ``villagedesk`` command."""
    usb = subparsers.add_parser("usb", help="sync by USB stick (offline for weeks)")
    usub = usb.add_subparsers(dest="usb_command", required=True)
    p = usub.add_parser(
        "export",
        parents=[common_parent, json_parent],
        help="write the changes the county has not acknowledged as a signed package",
    )
    p.set_defaults(func=cmd_usb_export)
    p.add_argument("--to", required=True, help="folder to write the package into (the stick)")
    p.add_argument(
        "--sequence", type=int, help="re-issue this package number (one lost on the way)"
    )
    p = usub.add_parser(
        "import",
        parents=[common_parent, json_parent],
        help="take in the county's answer package",
    )
    p.set_defaults(func=cmd_usb_import)
    p.add_argument("file", help="the answer package (.vdpkg)")
