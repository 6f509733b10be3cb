"""The ``villagedesk`` command: the GUI by default, sub-commands for headless work.

Exit codes: 0 done, 1 the check found faults, 2 bad input or usage (nothing written).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, TextIO

from villagedesk import __version__
from villagedesk.config import default_db_path
from villagedesk.domain.categories import Role
from villagedesk.domain.errors import ValidationError
from villagedesk.sync.commands import add_sync_parsers

EXIT_OK, EXIT_FAULTS, EXIT_INPUT = 0, 1, 2
CLI_ACTOR_NAME = "cli"


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON-able: {type(value).__name__}")


def emit_json(data: Any, out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=False, default=_json_default) + "\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def _cli_actor() -> Any:
    from villagedesk.services.context import Actor

    return Actor(username=CLI_ACTOR_NAME, role=Role.SUPERVISOR, display_name="command line")


def _open(args: argparse.Namespace) -> Any:
    from villagedesk.store.database import Database

    path = Path(args.db)
    if not path.exists():
        raise ValidationError.single("db", "missing", f"{path} does not exist; run init first")
    db = Database(path)
    if db.last_backup is not None:
        print(f"database migrated; backup kept at {db.last_backup}", file=sys.stderr)
    return db


# -- commands -------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    from villagedesk.services.station import describe_village, init_station

    db = init_station(
        path=Path(args.db), village_code=args.village, name=args.name, now=datetime.now()
    )
    if args.supervisor:
        from villagedesk.services.clerks import create_clerk

        password = args.password or _ask_password()
        with db.write(actor=CLI_ACTOR_NAME) as s:
            create_clerk(
                session=s,
                actor=None,
                username=args.supervisor,
                display_name=args.supervisor,
                role=Role.SUPERVISOR,
                password=password,
                now=datetime.now(),
            )
    from villagedesk.domain.division import parse_village_code

    print(
        f"station {args.village} {args.name}: {describe_village(parse_village_code(args.village))}"
    )
    print(f"database: {db.path}")
    db.close()
    return EXIT_OK


def _ask_password() -> str:
    import getpass

    return getpass.getpass("supervisor password: ")


def cmd_demo(args: argparse.Namespace) -> int:
    from villagedesk.services.demo import make_demo

    db = _open(args)
    today = args.today or date.today()

    def progress(done: int, total: int) -> None:
        print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    summary = make_demo(db=db, persons=args.persons, seed=args.seed, today=today, progress=progress)
    print(file=sys.stderr)
    if args.json:
        emit_json(summary, sys.stdout)
    else:
        for key, value in asdict(summary).items():
            print(f"{key}: {value}")
    return EXIT_OK


def _idcheck_lines(numbers: Sequence[str], stdin: TextIO) -> list[str]:
    if numbers:
        return list(numbers)
    return [line.strip() for line in stdin if line.strip()]


def cmd_idcheck(args: argparse.Namespace) -> int:
    from villagedesk.domain.division import default_division_table
    from villagedesk.domain.idnumber import check_id_number

    table = default_division_table()
    today = args.today or date.today()
    all_valid = True
    for number in _idcheck_lines(args.numbers, sys.stdin):
        result = check_id_number(number, today=today, known_county=table.vouches_for)
        all_valid &= result.valid
        if args.json:
            emit_json(result.to_json(), sys.stdout)
            continue
        if result.valid:
            sex = "male" if result.sex and result.sex.value == "male" else "female"
            extra = "; ".join(w.message for w in result.warnings)
            print(
                f"{number}\tvalid\t{result.normalized}\t{result.birth_date}\t{sex}"
                + (f"\twarning: {extra}" if extra else "")
            )
        else:
            reasons = "; ".join(f"{e.rule}: {e.message}" for e in result.errors)
            print(f"{number}\tINVALID\t{reasons}")
    return EXIT_OK if all_valid else EXIT_FAULTS


def cmd_person_find(args: argparse.Namespace) -> int:
    from villagedesk.domain.idnumber import mask_id
    from villagedesk.services.search import find_persons

    db = _open(args)
    with db.read() as s:
        hits = find_persons(session=s, query=args.query, limit=args.limit)
    for hit in hits:
        if args.json:
            emit_json(hit, sys.stdout)
        else:
            number = hit.id_number if args.full_id else mask_id(hit.id_number)
            dead = "\tdeceased" if hit.deceased else ""
            print(f"{hit.name}\t{number}\t{hit.birth_date}\t{hit.id}{dead}")
    return EXIT_OK


def cmd_person_show(args: argparse.Namespace) -> int:
    from villagedesk.domain.money import format_yuan
    from villagedesk.services.entitlement import entitlement
    from villagedesk.services.search import find_by_id_number

    db = _open(args)
    on = args.on or date.today()
    with db.read() as s:
        person = find_by_id_number(session=s, id_number=args.person)
        person_id = person.id if person else args.person
        ent = entitlement(session=s, person_id=person_id, on=on)
    if args.json:
        emit_json(ent, sys.stdout)
        return EXIT_OK
    print(f"{ent.name}  {ent.id_number}  born {ent.birth_date}  age {ent.age}")
    print(f"enrolment: {ent.enrolment_status}  contribution years: {ent.contribution_years}")
    for y in ent.years:
        print(
            f"  {y.year}: personal {format_yuan(y.personal_fen)}  subsidy "
            f"{format_yuan(y.subsidy_fen)}  paid premium {format_yuan(y.paid_premium_fen)}"
        )
    print(f"account balance: {format_yuan(ent.balance_fen)}")
    if ent.award:
        print(
            f"pension: {ent.award.status} {format_yuan(ent.award.monthly_fen)}/month "
            f"from {ent.award.first_month:%Y-%m}"
        )
    elif ent.expected:
        print(
            f"expected pension: {format_yuan(ent.expected.total_fen)}/month "
            f"(eligible: {ent.eligibility.eligible}, {ent.eligibility.reason})"
        )
    if ent.certification:
        print(f"certification: {ent.certification.status}")
    return EXIT_OK


def cmd_worklist(args: argparse.Namespace) -> int:
    from villagedesk.domain.idnumber import mask_id
    from villagedesk.services.worklists import worklists

    db = _open(args)
    on = args.on or date.today()
    with db.read() as s:
        lists = worklists(session=s, on=on)
    if args.json:
        emit_json(lists, sys.stdout)
        return EXIT_OK
    for wl in lists:
        print(f"{wl.code}\t{wl.count}\t{wl.title_en}")
        for item in wl.items[: args.limit]:
            print(f"    {item.name}\t{mask_id(item.id_number)}\t{item.detail}")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from villagedesk.services.reports import export_csv, export_xlsx, report_tables, station_report

    db = _open(args)
    on = args.on or date.today()
    with db.read() as s:
        report = station_report(session=s, on=on)
    if args.xlsx:
        export_xlsx(report, Path(args.xlsx))
        print(f"written {args.xlsx}", file=sys.stderr)
    if args.csv:
        for path in export_csv(report, Path(args.csv)):
            print(f"written {path}", file=sys.stderr)
    if args.json:
        emit_json(report, sys.stdout)
        return EXIT_OK
    for table in report_tables(report):
        print(f"== {table.title_en}")
        print("\t".join(table.headers))
        for row in table.rows:
            print("\t".join(str(c) for c in row))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from villagedesk.services.roster import apply_roster, preview_roster

    db = _open(args)
    today = args.today or date.today()
    with db.read() as s:
        preview = preview_roster(session=s, path=Path(args.file), today=today)
    if args.json:
        emit_json(preview, sys.stdout)
    else:
        for change in preview.changes:
            print(f"row {change.row}\t{change.name}\t{change.description}")
        for err in preview.errors:
            print(f"row {err.row}\t{err.field}\t{err.rule}\t{err.message}", file=sys.stderr)
        print(
            f"{len(preview.changes)} change(s), {len(preview.unchanged)} unchanged, "
            f"{len(preview.errors)} error(s)"
        )
    if preview.errors:
        print("nothing applied: fix the rows above", file=sys.stderr)
        return EXIT_INPUT
    if not args.apply:
        print("preview only; run again with --apply to apply", file=sys.stderr)
        return EXIT_OK
    with db.write(actor=CLI_ACTOR_NAME) as s:
        result = apply_roster(
            session=s,
            actor=_cli_actor(),
            path=Path(args.file),
            today=today,
            preview_digest=preview.digest,
        )
    print(f"applied: {result}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from villagedesk.services.integrity import check_database

    db = _open(args)
    with db.read() as s:
        faults = check_database(session=s, station=db.station_code)
    if args.json:
        emit_json({"ok": not faults, "faults": faults}, sys.stdout)
    else:
        for f in faults:
            print(f"{f.check}\t{f.where}\t{f.problem}")
        print("ok" if not faults else f"{len(faults)} fault(s)")
    return EXIT_OK if not faults else EXIT_FAULTS


def cmd_backup(args: argparse.Namespace) -> int:
    """Make a verified backup (default), list them, restore one, or resume sync after one."""
    from villagedesk.services import backups

    db = _open(args)
    try:
        if args.restore:
            result = backups.restore_backup(
                db=db, actor=_cli_actor(), backup=Path(args.restore), now=datetime.now()
            )
            print(f"restored from {result.restored_from.name}; {result.outbox_kept} unsent")
            print(f"changes kept; the database as it was: {result.safety_backup}")
            print("sync is paused until a supervisor confirms: villagedesk backup --resume-sync")
            return EXIT_OK
        if args.resume_sync:
            with db.write(actor=CLI_ACTOR_NAME) as s:
                resumed = backups.confirm_sync_after_restore(session=s, actor=_cli_actor())
            print("sync resumed" if resumed else "sync was not paused")
            return EXIT_OK
        if not args.list:
            made = backups.make_backup(db=db, label="manual")
            print(f"backup {made.path} ({made.size // 1024} KB, checked: {made.faults} faults)")
        listed = backups.list_backups(db=db)
        if args.json:
            emit_json([{**asdict(b), "kind": b.kind} for b in listed], sys.stdout)
        elif args.list:
            for b in listed:
                print(f"{b.made_at:%Y-%m-%d %H:%M}\t{b.kind}\t{b.size // 1024} KB\t{b.path}")
        return EXIT_OK
    except backups.BackupFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAULTS
    finally:
        db.close()


def cmd_clerk_add(args: argparse.Namespace) -> int:
    from villagedesk.services.clerks import create_clerk

    db = _open(args)
    password = args.password or _ask_password()
    with db.write(actor=CLI_ACTOR_NAME) as s:
        create_clerk(
            session=s,
            actor=_cli_actor(),
            username=args.username,
            display_name=args.display_name or args.username,
            role=Role(args.role),
            password=password,
            now=datetime.now(),
        )
    print(f"clerk {args.username} added")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from villagedesk.gui.app import run_gui  # type: ignore[import-not-found]
    except ImportError:
        print(
            "the desktop window is not available in this build; "
            "see `villagedesk --help` for the commands",
            file=sys.stderr,
        )
        return EXIT_INPUT
    result: int = run_gui(db_path=Path(args.db))
    return result


# -- parser ---------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="station database file (default: the per-user data folder)",
    )
    js = argparse.ArgumentParser(add_help=False)
    js.add_argument("--json", action="store_true", help="print JSON, one object per line")

    parser = argparse.ArgumentParser(
        prog="villagedesk",
        parents=[common],
        description="Village employment & social-security counter.",
    )
    parser.add_argument("--version", action="version", version=f"villagedesk {__version__}")
    parser.add_argument("--self-test", action="store_true", help="check this installation")
    sub = parser.add_subparsers(dest="command")

    def add(
        name: str,
        func: Callable[[argparse.Namespace], int],
        help_text: str,
        parents: Sequence[argparse.ArgumentParser] = (),
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common, *parents], help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    p = add("init", cmd_init, "create a station database")
    p.add_argument("--village", required=True, help="12-digit village code")
    p.add_argument("--name", required=True, help="station name")
    p.add_argument("--supervisor", help="also create this first supervisor account")
    p.add_argument("--password", help="its password (asked for when omitted)")

    p = add("demo", cmd_demo, "fill the station with a realistic demo village", [js])
    p.add_argument("--persons", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--today", type=_date, help="pretend today is this date")

    p = add("idcheck", cmd_idcheck, "check resident ID numbers (arguments or stdin)", [js])
    p.add_argument("numbers", nargs="*")
    p.add_argument("--today", type=_date)

    person = sub.add_parser("person", help="find and show persons")
    psub = person.add_subparsers(dest="person_command", required=True)
    p = psub.add_parser("find", parents=[common, js], help="search by name, initials or ID")
    p.set_defaults(func=cmd_person_find)
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--full-id", action="store_true", help="show whole ID numbers")
    p = psub.add_parser("show", parents=[common, js], help="entitlement statement (权益查询)")
    p.set_defaults(func=cmd_person_show)
    p.add_argument("person", help="ID number or record id")
    p.add_argument("--on", type=_date)

    p = add("worklist", cmd_worklist, "today's work-lists", [js])
    p.add_argument("--on", type=_date)
    p.add_argument("--limit", type=int, default=10, help="items shown per list")

    p = add("report", cmd_report, "the station's report", [js])
    p.add_argument("--on", type=_date)
    p.add_argument("--xlsx", help="also write an Excel file")
    p.add_argument("--csv", help="also write CSV files into this folder")

    p = add("import", cmd_import, "import a county data-matching list (.xlsx/.csv)", [js])
    p.add_argument("file")
    p.add_argument("--apply", action="store_true", help="apply (default: preview only)")
    p.add_argument("--today", type=_date)

    add("check", cmd_check, "check foreign keys, ledgers, audit chain and outbox", [js])

    p = add("backup", cmd_backup, "make a verified, encrypted backup (or list, restore)", [js])
    p.add_argument("--list", action="store_true", help="only list the backups")
    p.add_argument("--restore", metavar="FILE", help="put this backup in place of the database")
    p.add_argument(
        "--resume-sync", action="store_true", help="a supervisor confirms sync after a restore"
    )

    from villagedesk.documents.commands import add_print_parser

    add_print_parser(sub, common)

    clerk = sub.add_parser("clerk", help="clerk accounts")
    csub = clerk.add_subparsers(dest="clerk_command", required=True)
    p = csub.add_parser("add", parents=[common], help="add a clerk account")
    p.set_defaults(func=cmd_clerk_add)
    p.add_argument("username")
    p.add_argument("--display-name")
    p.add_argument("--role", choices=[r.value for r in Role], default=Role.CLERK.value)
    p.add_argument("--password")
    add_sync_parsers(sub, common, js)
    from villagedesk.sync.usb_commands import add_usb_parsers

    add_usb_parsers(sub, common, js)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from villagedesk.selftest import run_self_test

        return run_self_test()
    if not hasattr(args, "db"):
        args.db = str(default_db_path())
    func: Callable[[argparse.Namespace], int] = getattr(args, "func", cmd_gui)
    try:
        return func(args)
    except ValidationError as exc:
        for err in exc.errors:
            print(f"error: {err.field}: {err.message} [{err.rule}]", file=sys.stderr)
        return EXIT_INPUT
    except PermissionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except Exception as exc:
        from villagedesk.store.crypto import KeyUnavailable, WrongKey
        from villagedesk.store.migrate import DatabaseTooNew

        if isinstance(exc, DatabaseTooNew | KeyUnavailable | WrongKey):
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_INPUT
        raise


if __name__ == "__main__":
    sys.exit(main())
