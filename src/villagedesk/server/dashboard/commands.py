"""``villagedesk-server officer add|list|disable``: the dashboard's officer accounts."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import UTC, datetime
from typing import Any

from villagedesk.server.dashboard import auth
from villagedesk.store.server_db import ServerDatabase


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def cmd_officer_add(args: argparse.Namespace) -> int:
    password = args.password
    if password is None:
        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            print("error: password: the two entries differ", file=sys.stderr)
            return 2
    with ServerDatabase(args.db).write() as session:
        officer = auth.add_officer(
            session=session,
            username=args.username,
            password=password,
            role=args.role,
            display_name=args.name or "",
            now=_now(),
        )
        print(f"officer {officer.username} ({officer.role}) ready")
    return 0


def cmd_officer_list(args: argparse.Namespace) -> int:
    with ServerDatabase(args.db).read() as session:
        for o in auth.list_officers(session=session):
            row: dict[str, Any] = {
                "username": o.username,
                "name": o.display_name,
                "role": o.role,
                "active": o.active,
                "last_login_at": o.last_login_at.isoformat() if o.last_login_at else None,
            }
            if args.json:
                print(json.dumps(row, ensure_ascii=False))
            else:
                state = "active" if o.active else "disabled"
                print(f"{o.username:<20} {o.role:<8} {state:<9} {o.display_name}")
    return 0


def cmd_officer_disable(args: argparse.Namespace) -> int:
    with ServerDatabase(args.db).write() as session:
        auth.disable_officer(session=session, username=args.username)
    print(f"officer {args.username} disabled (signed out everywhere)")
    return 0


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    officer = sub.add_parser("officer", help="county officers of the dashboard")
    osub = officer.add_subparsers(dest="officer_command", required=True)
    p = osub.add_parser("add", parents=[common], help="add (or re-enable) an officer")
    p.set_defaults(func=cmd_officer_add)
    p.add_argument("--username", required=True)
    p.add_argument("--role", choices=sorted(auth.ROLES), default="officer")
    p.add_argument("--name", help="display name")
    p.add_argument("--password", help="password (asked for when not given)")
    p = osub.add_parser("list", parents=[common], help="list the officers")
    p.set_defaults(func=cmd_officer_list)
    p.add_argument("--json", action="store_true")
    p = osub.add_parser("disable", parents=[common], help="disable an officer")
    p.set_defaults(func=cmd_officer_disable)
    p.add_argument("--username", required=True)
