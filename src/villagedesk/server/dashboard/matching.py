"""Data matching (数据比对): lists from other departments compared with the county's records.

An officer uploads a ``.csv`` or ``.xlsx`` list; ``preview`` matches each line by ID number
and proposes the changes (kept on a ``MatchBatch``, nothing synced yet); ``publish`` writes
them through the change log (``county_edit`` for existing rows, ``move_person`` for moves,
``county_insert`` for new statuses), so each village receives them on its next sync. The
fields written are the ones the county owns (``sync.tables.OWNERSHIP``): a death, a move, the
end or level of a status, the year lifted out of poverty.

Each published change also makes a ``MatchNotice`` (synced table ``match_notices``, hanging
from the person, so only the person's village receives it). The counter's clerk confirms it
or disputes it with a reason (``services.matching``); the answer comes back with the
station's next push and ``confirmations`` / ``disputes`` count it per batch and village.

Lists (first row = headers; the usual Chinese headers are recognised):

* ``public_security`` 公安: 身份证号, 姓名, 死亡日期 and/or 迁入村代码 (12-digit village code)
* ``civil_affairs`` 民政: 身份证号, 姓名, 类别 (低保 / 特困), 开始日期, 结束日期 (optional)
* ``poverty_office`` 扶贫办: 身份证号, 姓名, 脱贫年度 (empty = still registered poor)
* ``disabled_federation`` 残联: 身份证号, 姓名, 残疾等级 (1-4)
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from villagedesk.domain.categories import StatusKind
from villagedesk.domain.division import parse_village_code
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.idnumber import normalize_id
from villagedesk.server.dashboard.publish import county_insert
from villagedesk.store.clock import HybridClock
from villagedesk.store.dashboard_models import MatchBatch
from villagedesk.store.models import MatchNotice, Person, PersonStatus
from villagedesk.store.models.matching import (
    NOTICE_CONFIRMED,
    NOTICE_DISPUTED,
    NOTICE_PENDING,
)
from villagedesk.sync import county

SOURCES: dict[str, str] = {
    "public_security": "公安（死亡、户籍迁移）",
    "civil_affairs": "民政（低保、特困）",
    "poverty_office": "扶贫办（建档立卡、脱贫年度）",
    "disabled_federation": "残联（残疾等级）",
}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
SOURCE_TAG = {
    "public_security": "公安比对",
    "civil_affairs": "民政比对",
    "poverty_office": "扶贫办比对",
    "disabled_federation": "残联比对",
}

_HEADERS: dict[str, tuple[str, ...]] = {
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "证件号码", "id_number"),
    "name": ("姓名", "name"),
    "death_date": ("死亡日期", "death_date"),
    "village_code": ("迁入村代码", "迁入地代码", "village_code"),
    "kind": ("类别", "救助类别", "kind"),
    "start_date": ("开始日期", "start_date"),
    "end_date": ("结束日期", "end_date"),
    "lifted_out_year": ("脱贫年度", "lifted_out_year"),
    "level": ("残疾等级", "等级", "level"),
}
_KINDS = {"低保": StatusKind.DIBAO.value, "特困": StatusKind.TEKUN.value}
_KINDS.update({k.value: k.value for k in (StatusKind.DIBAO, StatusKind.TEKUN)})


class ListError(ValueError):
    """The uploaded list cannot be read (the reason is shown to the officer)."""


def read_table(data: bytes, filename: str) -> list[dict[str, str]]:
    """Rows of a .csv (UTF-8 or GB18030) or .xlsx as {field: text}, by recognised header."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ListError(f"文件超过 {MAX_UPLOAD_BYTES // (1024 * 1024)} MB 上限")
    name = filename.lower()
    raw: list[list[str]]
    if name.endswith(".xlsx"):
        raw = _read_xlsx(data)
    elif name.endswith(".csv"):
        raw = _read_csv(data)
    else:
        raise ListError("只接受 .xlsx 或 .csv 文件")
    if not raw:
        raise ListError("文件是空的")
    header = [h.strip() for h in raw[0]]
    columns: dict[int, str] = {}
    for i, h in enumerate(header):
        for field, names in _HEADERS.items():
            if h in names:
                columns[i] = field
    if "id_number" not in columns.values():
        raise ListError("找不到“身份证号”列（第一行应为表头）")
    if len(raw) - 1 > MAX_ROWS:
        raise ListError(f"超过 {MAX_ROWS} 行上限")
    rows = []
    for line in raw[1:]:
        if not any(c.strip() for c in line):
            continue
        rows.append({columns[i]: line[i].strip() for i in columns if i < len(line)})
    return rows


def _read_csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            raise ListError("CSV 文件含有非法字符")
        try:
            return [row for row in csv.reader(io.StringIO(text))]
        except csv.Error as exc:
            raise ListError(f"CSV 格式错误：{exc}") from exc
    raise ListError("CSV 文件编码无法识别（应为 UTF-8 或 GBK）")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ListError("无法读取 .xlsx 文件（文件损坏或不是 Excel 工作簿）") from exc
    try:
        sheet = book.worksheets[0]
        out: list[list[str]] = []
        for row in sheet.iter_rows(values_only=True):
            out.append([_cell(v) for v in row])
            if len(out) > MAX_ROWS + 1:
                raise ListError(f"超过 {MAX_ROWS} 行上限")
        return out
    finally:
        book.close()


@dataclass(frozen=True)
class Proposed:
    village: str
    person_id: str
    id_number: str
    name: str
    action: str  # death | move | status_new | status_end | lifted_out | level
    table: str
    row_id: str
    fields: dict[str, Any]
    description: str

    def as_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


def _date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.replace("/", "-"))
    except ValueError as exc:
        raise ListError(f"{what}“{text}”不是日期（应为 YYYY-MM-DD）") from exc


def _persons(session: Session, ids: list[str]) -> dict[str, Person]:
    found: dict[str, Person] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for p in session.scalars(
            select(Person).where(Person.id_number.in_(chunk), Person.deleted.is_(False))
        ):
            found[p.id_number] = p
    return found


def _statuses(session: Session, person_ids: list[str], kind: str) -> dict[str, PersonStatus]:
    """The current (not ended) status of ``kind`` per person."""
    found: dict[str, PersonStatus] = {}
    for start in range(0, len(person_ids), 500):
        chunk = person_ids[start : start + 500]
        for s in session.scalars(
            select(PersonStatus)
            .where(
                PersonStatus.person_id.in_(chunk),
                PersonStatus.kind == kind,
                PersonStatus.deleted.is_(False),
                PersonStatus.end_date.is_(None),
            )
            .order_by(PersonStatus.start_date)
        ):
            found[s.person_id] = s
    return found


def preview(
    *, session: Session, source: str, rows: list[dict[str, str]], today: date
) -> tuple[list[Proposed], list[dict[str, Any]]]:
    """The changes a list proposes, and the lines that match nobody or cannot be used."""
    if source not in SOURCES:
        raise ListError("未知的数据来源")
    unmatched: list[dict[str, Any]] = []
    valid: list[tuple[int, str, dict[str, str]]] = []
    for line, row in enumerate(rows, start=2):
        try:
            number = normalize_id(row.get("id_number", ""), today=today)
        except ValidationError:
            unmatched.append(
                {
                    "line": line,
                    "id_number": row.get("id_number", "")[:20],
                    "name": row.get("name", "")[:30],
                    "reason": "身份证号无效",
                }
            )
            continue
        valid.append((line, number, row))
    persons = _persons(session, [n for _l, n, _r in valid])
    proposed: list[Proposed] = []
    tag = SOURCE_TAG[source]
    ids = [p.id for p in persons.values()]
    current: dict[str, dict[str, PersonStatus]] = {}
    if source == "civil_affairs":
        for kind in (StatusKind.DIBAO.value, StatusKind.TEKUN.value):
            current[kind] = _statuses(session, ids, kind)
    elif source == "poverty_office":
        current["poor"] = _statuses(session, ids, StatusKind.REGISTERED_POOR.value)
    elif source == "disabled_federation":
        current["disability"] = _statuses(session, ids, StatusKind.DISABILITY.value)
    for line, number, row in valid:
        person = persons.get(number)
        if person is None:
            unmatched.append(
                {
                    "line": line,
                    "id_number": number,
                    "name": row.get("name", "")[:30],
                    "reason": "县级库中无此人",
                }
            )
            continue

        def add(
            action: str,
            table: str,
            row_id: str,
            fields: dict[str, Any],
            text: str,
            p: Person = person,
        ) -> None:
            proposed.append(
                Proposed(
                    p.village_code, p.id, p.id_number, p.name, action, table, row_id, fields, text
                )
            )

        try:
            if source == "public_security":
                if row.get("death_date"):
                    died = _date(row["death_date"], "死亡日期")
                    if died > today or died < person.birth_date:
                        raise ListError(f"死亡日期 {died} 不合理")
                    if person.death_date != died:
                        add(
                            "death",
                            "persons",
                            person.id,
                            {"death_date": died.isoformat(), "death_source": tag},
                            f"死亡：{died.isoformat()}",
                        )
                if row.get("village_code"):
                    code = parse_village_code(row["village_code"], field="village_code").code
                    if code != person.village_code:
                        add(
                            "move",
                            "persons",
                            person.id,
                            {"village_code": code},
                            f"户籍迁移：{person.village_code} → {code}",
                        )
            elif source == "civil_affairs":
                found_kind = _KINDS.get(row.get("kind", ""))
                if found_kind is None:
                    raise ListError(f"类别“{row.get('kind', '')}”应为 低保 或 特困")
                kind = found_kind
                have = current[kind].get(person.id)
                label = "低保" if kind == StatusKind.DIBAO.value else "特困"
                if row.get("end_date"):
                    ended = _date(row["end_date"], "结束日期")
                    if have is not None:
                        add(
                            "status_end",
                            "person_statuses",
                            have.id,
                            {"end_date": ended.isoformat()},
                            f"{label}终止：{ended.isoformat()}",
                        )
                elif have is None:
                    start = _date(row["start_date"], "开始日期") if row.get("start_date") else today
                    add(
                        "status_new",
                        "person_statuses",
                        str(uuid.uuid4()),
                        {
                            "person_id": person.id,
                            "kind": kind,
                            "start_date": start.isoformat(),
                            "source": tag,
                        },
                        f"新增{label}：自 {start.isoformat()}",
                    )
            elif source == "poverty_office":
                have = current["poor"].get(person.id)
                year_text = row.get("lifted_out_year", "")
                year = int(year_text) if year_text.isdigit() else None
                if year_text and (year is None or not 2013 <= year <= today.year):
                    raise ListError(f"脱贫年度“{year_text}”不合理")
                if have is None:
                    start = _date(row["start_date"], "开始日期") if row.get("start_date") else today
                    fields: dict[str, Any] = {
                        "person_id": person.id,
                        "kind": StatusKind.REGISTERED_POOR.value,
                        "start_date": start.isoformat(),
                        "source": tag,
                    }
                    if year is not None:
                        fields["lifted_out_year"] = year
                    add(
                        "status_new",
                        "person_statuses",
                        str(uuid.uuid4()),
                        fields,
                        "新增建档立卡" + (f"（{year} 年脱贫）" if year else ""),
                    )
                elif year is not None and have.lifted_out_year != year:
                    add(
                        "lifted_out",
                        "person_statuses",
                        have.id,
                        {"lifted_out_year": year},
                        f"脱贫年度：{have.lifted_out_year or '—'} → {year}",
                    )
            else:  # disabled_federation
                level_text = row.get("level", "")
                if level_text not in ("1", "2", "3", "4"):
                    raise ListError(f"残疾等级“{level_text}”应为 1-4")
                level = int(level_text)
                have = current["disability"].get(person.id)
                if have is None:
                    add(
                        "status_new",
                        "person_statuses",
                        str(uuid.uuid4()),
                        {
                            "person_id": person.id,
                            "kind": StatusKind.DISABILITY.value,
                            "level": level,
                            "start_date": today.isoformat(),
                            "source": tag,
                        },
                        f"新增残疾登记：{level} 级",
                    )
                elif have.level != level:
                    add(
                        "level",
                        "person_statuses",
                        have.id,
                        {"level": level},
                        f"残疾等级：{have.level or '—'} → {level}",
                    )
        except (ListError, ValidationError) as exc:
            reason = (
                str(exc) if isinstance(exc, ListError) else "; ".join(e.message for e in exc.errors)
            )
            unmatched.append(
                {
                    "line": line,
                    "id_number": number,
                    "name": row.get("name", "")[:30],
                    "reason": reason[:200],
                }
            )
    return proposed, unmatched


def save_batch(
    *,
    session: Session,
    source: str,
    filename: str,
    proposed: list[Proposed],
    unmatched: list[dict[str, Any]],
    by: str,
    now: datetime,
) -> MatchBatch:
    batch = MatchBatch(
        source=source,
        filename=filename[:200],
        uploaded_by=by,
        created_at=now,
        status="preview",
        changes=[p.as_json() for p in proposed],
        unmatched=unmatched,
    )
    session.add(batch)
    session.flush()
    return batch


def publish(
    *, session: Session, batch: MatchBatch, by: str, clock: HybridClock, now: datetime
) -> int:
    """Write a previewed batch through the change log; returns the changes written."""
    if batch.status != "preview":
        raise ListError("该批次已发布或已作废")
    written = 0
    for change in batch.changes:
        action = change["action"]
        if action == "move":
            county.move_person(
                session=session,
                person_id=change["person_id"],
                village_code=change["fields"]["village_code"],
                by=by,
                clock=clock,
            )
        elif action == "status_new":
            county_insert(
                session=session,
                table=change["table"],
                row_id=change["row_id"],
                fields=change["fields"],
                by=by,
                clock=clock,
            )
        else:
            county.county_edit(
                session=session,
                table=change["table"],
                row_id=change["row_id"],
                fields=change["fields"],
                by=by,
                clock=clock,
            )
        # after the change: a moved person's notice goes to the village they now belong to
        county_insert(
            session=session,
            table="match_notices",
            row_id=str(uuid.uuid4()),
            fields={
                "person_id": change["person_id"],
                "batch_id": batch.id,
                "source": batch.source,
                "action": action,
                "description": str(change["description"])[:200],
                "target_table": change["table"],
                "target_id": change["row_id"],
                "change": dict(change["fields"]),
                "published_at": now.isoformat(),
                "published_by": by[:40],
                "status": NOTICE_PENDING,
                "reason": "",
                "confirmed_by": "",
                "confirmed_at": None,
            },
            by=by,
            clock=clock,
        )
        written += 1
    batch.status = "published"
    batch.published_by = by
    batch.published_at = now
    return written


def by_village(changes: list[dict[str, Any]]) -> list[tuple[str, int, dict[str, int]]]:
    """(village, changes, per action) for the preview's summary."""
    acc: dict[str, dict[str, int]] = {}
    for c in changes:
        per = acc.setdefault(c["village"], {})
        per[c["action"]] = per.get(c["action"], 0) + 1
    return [(v, sum(acc[v].values()), acc[v]) for v in sorted(acc)]


ACTIONS: dict[str, str] = {
    "death": "死亡",
    "move": "户籍迁移",
    "status_new": "新增身份",
    "status_end": "身份终止",
    "lifted_out": "脱贫年度",
    "level": "残疾等级",
}


NOTICE_STATUS_TEXT: dict[str, str] = {
    NOTICE_PENDING: "待确认",
    NOTICE_CONFIRMED: "已确认",
    NOTICE_DISPUTED: "有异议",
}


@dataclass
class VillageAnswers:
    """How one village answered the notices of a batch (after its stations synced)."""

    village: str
    confirmed: int = 0
    disputed: int = 0
    pending: int = 0

    @property
    def total(self) -> int:
        return self.confirmed + self.disputed + self.pending


def confirmations(*, session: Session, batch_ids: list[str]) -> dict[str, list[VillageAnswers]]:
    """Per batch, per village (where the person is now): confirmed / disputed / waiting."""
    found: dict[str, dict[str, VillageAnswers]] = {}
    for start in range(0, len(batch_ids), 500):
        chunk = batch_ids[start : start + 500]
        query = (
            select(MatchNotice.batch_id, Person.village_code, MatchNotice.status, func.count())
            .join(Person, Person.id == MatchNotice.person_id)
            .where(MatchNotice.batch_id.in_(chunk), MatchNotice.deleted.is_(False))
            .group_by(MatchNotice.batch_id, Person.village_code, MatchNotice.status)
        )
        for batch_id, village, status, count in session.execute(query):
            row = found.setdefault(batch_id, {}).setdefault(village, VillageAnswers(village))
            if status == NOTICE_CONFIRMED:
                row.confirmed += count
            elif status == NOTICE_DISPUTED:
                row.disputed += count
            else:
                row.pending += count
    return {b: [per[v] for v in sorted(per)] for b, per in found.items()}


def answers_total(rows: list[VillageAnswers]) -> VillageAnswers:
    total = VillageAnswers("")
    for r in rows:
        total.confirmed += r.confirmed
        total.disputed += r.disputed
        total.pending += r.pending
    return total


@dataclass(frozen=True)
class Dispute:
    village: str
    name: str
    id_number: str
    description: str
    reason: str
    confirmed_by: str
    confirmed_at: datetime | None


def disputes(*, session: Session, batch_id: str, limit: int = 1000) -> list[Dispute]:
    """The notices of a batch a village disputed, with the clerk's reason."""
    query = (
        select(
            Person.village_code,
            Person.name,
            Person.id_number,
            MatchNotice.description,
            MatchNotice.reason,
            MatchNotice.confirmed_by,
            MatchNotice.confirmed_at,
        )
        .join(Person, Person.id == MatchNotice.person_id)
        .where(
            MatchNotice.batch_id == batch_id,
            MatchNotice.status == NOTICE_DISPUTED,
            MatchNotice.deleted.is_(False),
        )
        .order_by(Person.village_code, MatchNotice.confirmed_at)
        .limit(limit)
    )
    return [Dispute(*row) for row in session.execute(query)]
