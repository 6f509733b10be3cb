"""``villagedesk-server``: init, migrate, serve, and station provisioning.

Exit codes: 0 done, 2 bad input (nothing written).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from villagedesk.domain.errors import ValidationError
from villagedesk.server.core.config import ENV_DB, default_db_url
from villagedesk.server.dashboard import commands as dashboard_commands
from villagedesk.store.server_db import ServerDatabase
from villagedesk.sync import county

EXIT_OK, EXIT_INPUT = 0, 2
EXIT_FAULTS, EXIT_REFUSED = 3, 4


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _db(args: argparse.Namespace) -> ServerDatabase:
    return ServerDatabase(args.db)


def cmd_init(args: argparse.Namespace) -> int:
    db = _db(args)
    db.migrate()
    with db.write() as session:
        added = county.seed_county(session=session)
    print(f"county database ready at {args.db} ({added} policy rows added)")
    return EXIT_OK


def cmd_migrate(args: argparse.Namespace) -> int:
    backup = _db(args).migrate()
    print(f"migrated{f' (backup {backup})' if backup else ''}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    os.environ[ENV_DB] = args.db
    options: dict[str, Any] = {
        "factory": True,
        "host": args.host,
        "port": args.port,
        "workers": args.workers,
        "log_level": args.log_level,
    }
    if args.workers <= 1:
        uvicorn.run("villagedesk.server.app:app_from_env", **options)
        return EXIT_OK
    from uvicorn.supervisors import Multiprocess

    from villagedesk.server.core.tcp import TcpConfig

    config = TcpConfig("villagedesk.server.app:app_from_env", **options)
    sockets = [config.bind_socket()]
    try:
        supervisor = Multiprocess(config, sockets=sockets)
    except TypeError:  # uvicorn < 0.30 wants the worker's target
        supervisor = Multiprocess(
            config,
            target=uvicorn.Server(config).run,  # type: ignore[call-arg,unused-ignore]
            sockets=sockets,
        )
    supervisor.run()
    return EXIT_OK


def cmd_station_add(args: argparse.Namespace) -> int:
    with _db(args).write() as session:
        token = county.add_station(
            session=session, village_code=args.village, name=args.name or "", now=_now()
        )
    if args.json:
        print(json.dumps({"village_code": args.village, "token": token}))
    else:
        print(f"enrolment token for {args.village} (shown once): {token}")
    return EXIT_OK


def cmd_station_list(args: argparse.Namespace) -> int:
    with _db(args).read() as session:
        stations = county.list_stations(session=session)
        rows = [
            {
                "village_code": s.village_code,
                "name": s.name,
                "status": s.status,
                "enrolled_at": s.enrolled_at.isoformat() if s.enrolled_at else None,
                "last_seen_at": s.last_seen_at.isoformat() if s.last_seen_at else None,
            }
            for s in stations
        ]
    for row in rows:
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            print(f"{row['village_code']}  {row['status']:<8} {row['name']}")
    return EXIT_OK


def cmd_station_revoke(args: argparse.Namespace) -> int:
    with _db(args).write() as session:
        county.revoke_station(session=session, village_code=args.village)
    print(f"station {args.village} revoked")
    return EXIT_OK


def cmd_station_rotate(args: argparse.Namespace) -> int:
    from villagedesk.sync.stations import rotate_station

    with _db(args).write() as session:
        token = rotate_station(
            session=session, village_code=args.village, now=_now(), immediate=args.now
        )
    if args.json:
        print(json.dumps({"village_code": args.village, "token": token, "immediate": args.now}))
    else:
        when = "now" if args.now else "when the station re-enrols with this token"
        print(f"new enrolment token for {args.village} (shown once): {token}")
        print(f"the station's current secret stops working {when}")
    return EXIT_OK


def cmd_usb_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from villagedesk.server.core.config import Settings
    from villagedesk.store.clock import HybridClock
    from villagedesk.sync.usb import UsbRefused, county_import_file

    path = Path(args.file)
    if not path.is_file():
        print(f"error: no such file: {path}", file=sys.stderr)
        return EXIT_INPUT
    db = _db(args)
    clock = HybridClock(county.COUNTY_NODE)
    try:
        from sqlalchemy import func, select

        from villagedesk.store.server_models import ChangeLogEntry

        with db.read() as session:
            clock.observe(session.scalar(select(func.max(ChangeLogEntry.hlc))) or "")
        report = county_import_file(
            db=db,
            path=path,
            out_dir=Path(args.out) if args.out else None,
            clock=clock,
            now=_now(),
            snapshot_after=Settings.from_env(args.db).snapshot_after,
        )
    except UsbRefused as exc:
        if args.json:
            print(json.dumps({"status": "refused", "code": exc.code, "reason": exc.reason}))
        print(f"refused: {exc.reason}", file=sys.stderr)
        return EXIT_REFUSED
    finally:
        db.close()
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        if report.status == "already_imported":
            print(f"package {report.sequence} of {report.village_code}: already imported")
        else:
            print(
                f"package {report.sequence} of {report.village_code} imported: "
                f"{report.applied} applied, {report.duplicate} already known, "
                f"{report.conflicts} with conflicts, {report.held} held, {report.refused} "
                f"refused, {report.audit} audit entries ({report.audit_faults} faulty)"
            )
        print(f"answer for the station: {report.answer_path}")
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from villagedesk.sync.audit_sync import verify_station_audit

    with _db(args).read() as session:
        codes = (
            [args.village]
            if args.village
            else [s.village_code for s in county.list_stations(session=session)]
        )
        results = [verify_station_audit(session=session, village=code) for code in codes]
    bad = 0
    for result in results:
        bad += len(result.faults)
        if args.json:
            print(result.model_dump_json())
            continue
        state = "ok" if not result.faults else f"{len(result.faults)} fault(s)"
        print(f"{result.village_code}  {result.entries} entries  {state}")
        for fault in result.faults:
            print(f"  entry {fault.seq}: {fault.problem}")
    return EXIT_OK if not bad else EXIT_FAULTS


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="database URL: sqlite:///path or postgresql+psycopg://... "
        f"(default ${ENV_DB} or a SQLite file in the data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="villagedesk-server", parents=[common], description="villagedesk county server"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("init", parents=[common], help="create (migrate and seed) the database")
    p.set_defaults(func=cmd_init)
    p = sub.add_parser("migrate", parents=[common], help="bring the schema to this version")
    p.set_defaults(func=cmd_migrate)
    p = sub.add_parser("serve", parents=[common], help="serve the API with uvicorn")
    p.set_defaults(func=cmd_serve)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8400)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--log-level", default="info")
    station = sub.add_parser("station", help="village stations")
    ssub = station.add_subparsers(dest="station_command", required=True)
    p = ssub.add_parser("add", parents=[common], help="provision a station: one-time token")
    p.set_defaults(func=cmd_station_add)
    p.add_argument("--village", required=True, help="12-digit village code")
    p.add_argument("--name", help="station name")
    p.add_argument("--json", action="store_true")
    p = ssub.add_parser("list", parents=[common], help="list the stations")
    p.set_defaults(func=cmd_station_list)
    p.add_argument("--json", action="store_true")
    p = ssub.add_parser("revoke", parents=[common], help="revoke a station's credentials")
    p.set_defaults(func=cmd_station_revoke)
    p.add_argument("--village", required=True)
    p = ssub.add_parser(
        "rotate", parents=[common], help="new enrolment token; the old secret ends at re-enrol"
    )
    p.set_defaults(func=cmd_station_rotate)
    p.add_argument("--village", required=True)
    p.add_argument("--now", action="store_true", help="end the current secret at once")
    p.add_argument("--json", action="store_true")
    usb = sub.add_parser("usb", help="USB packages from offline stations")
    usub = usb.add_subparsers(dest="usb_command", required=True)
    p = usub.add_parser(
        "import", parents=[common], help="apply a station's package; write its answer package"
    )
    p.set_defaults(func=cmd_usb_import)
    p.add_argument("file")
    p.add_argument("--out", help="folder for the answer (default: next to the package)")
    p.add_argument("--json", action="store_true")
    audit = sub.add_parser("audit", help="stations' audit logs")
    asub = audit.add_subparsers(dest="audit_command", required=True)
    p = asub.add_parser("verify", parents=[common], help="verify the audit chains (exit 3: fault)")
    p.set_defaults(func=cmd_audit_verify)
    p.add_argument("--village", help="one station (default: all)")
    p.add_argument("--json", action="store_true")
    dashboard_commands.add_parser(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not hasattr(args, "db"):
        args.db = os.environ.get(ENV_DB) or default_db_url()
    try:
        result: int = args.func(args)
        return result
    except ValidationError as exc:
        for err in exc.errors:
            print(f"error: {err.field}: {err.message}", file=sys.stderr)
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
