"""Importing the county's data-matching lists: preview, all-or-nothing apply, re-import."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from villagedesk.domain.categories import AwardStatus, StatusKind
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.idnumber import check_char
from villagedesk.services.context import Actor
from villagedesk.services.pension import award_of, award_pension
from villagedesk.services.persons import add_status, register_person
from villagedesk.services.roster import (
    RosterCancelled,
    RosterKind,
    apply_roster,
    preview_roster,
)
from villagedesk.store.database import Database
from villagedesk.store.models import AuditEntry, OutboxEntry, Person, PersonStatus

COUNTY = "450422"
HEADER = ["id_number", "name", "kind", "level", "date", "year", "note"]


def id_number(birth: date, seq: str) -> str:
    first17 = f"{COUNTY}{birth:%Y%m%d}{seq}"
    return first17 + check_char(first17)


def bad_checksum(number: str) -> str:
    last = "0" if number[-1] != "0" else "1"
    return number[:17] + last


@dataclass(frozen=True)
class Villager:
    id: str
    id_number: str
    name: str


@dataclass(frozen=True)
class Village:
    hong: Villager  # 低保 class 1 since 2025-01-01
    shan: Villager  # 76 years old, registered poor, receives the special pension
    hua: Villager  # registered poor since 2016, not yet lifted out
    ming: Villager  # no status


def _register(s: Session, clerk: Actor, today: date, birth: date, seq: str, name: str) -> Villager:
    number = id_number(birth, seq)
    person = register_person(
        session=s,
        actor=clerk,
        today=today,
        id_number=number,
        name=name,
    )
    return Villager(person.id, number, name)


@pytest.fixture
def village(db: Database, clerk: Actor, today: date) -> Village:
    with db.write(actor=clerk.username) as s:
        hong = _register(s, clerk, today, date(1990, 5, 1), "122", "韦小红")
        shan = _register(s, clerk, today, date(1950, 3, 2), "111", "黄大山")
        hua = _register(s, clerk, today, date(1985, 7, 7), "222", "蒙春花")
        ming = _register(s, clerk, today, date(1970, 1, 1), "333", "陆明")
        add_status(
            session=s,
            actor=clerk,
            today=today,
            person_id=hong.id,
            kind=StatusKind.DIBAO,
            start_date=date(2025, 1, 1),
            level=1,
        )
        for person in (shan, hua):
            add_status(
                session=s,
                actor=clerk,
                today=today,
                person_id=person.id,
                kind=StatusKind.REGISTERED_POOR,
                start_date=date(2016, 1, 1),
            )
        award_pension(session=s, actor=clerk, today=today, person_id=shan.id, on=date(2026, 1, 10))
    return Village(hong, shan, hua, ming)


def write_csv(
    path: Path, rows: list[list[object]], *, header: list[str] = HEADER, encoding: str = "utf-8"
) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def good_rows(v: Village) -> list[list[object]]:
    return [
        [v.hong.id_number, v.hong.name, "dibao", 2, "2026-03-01", "", "class raised"],
        [v.hua.id_number, v.hua.name, "lifted_out", "", "", 2020, ""],
        [v.ming.id_number, v.ming.name, "disability", 2, "2026/06/01", "", ""],
        [v.shan.id_number, v.shan.name, "death", "", "2026-10-05", "", "公安"],
    ]


def counts(db: Database) -> tuple[int, int, int]:
    with db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(PersonStatus)) or 0,
            s.scalar(select(func.count()).select_from(OutboxEntry)) or 0,
            s.scalar(select(func.count()).select_from(Person).where(Person.death_date.is_not(None)))
            or 0,
        )


def test_preview_lists_changes_by_spreadsheet_row(
    db: Database, village: Village, tmp_path: Path, today: date
) -> None:
    header = [*HEADER, "户籍地"]
    rows = [[*r, "大黎村"] for r in good_rows(village)]
    path = write_csv(tmp_path / "list.csv", rows, header=header)
    before = counts(db)
    with db.read() as s:
        preview = preview_roster(session=s, path=path, today=today)
    assert preview.errors == []
    assert preview.unknown_columns == ["户籍地"]
    assert preview.digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [(c.row, c.kind, c.person_id) for c in preview.changes] == [
        (2, RosterKind.DIBAO, village.hong.id),
        (3, RosterKind.LIFTED_OUT, village.hua.id),
        (4, RosterKind.DISABILITY, village.ming.id),
        (5, RosterKind.DEATH, village.shan.id),
    ]
    dibao = preview.changes[0].description
    assert "starts 低保 class 2 from 2026-03-01" in dibao
    assert "ends 低保 class 1 (from 2025-01-01) on 2026-02-28" in dibao
    assert preview.changes[1].description == "lifted out of poverty in 2020"
    assert "pension stops" in preview.changes[3].description
    assert preview.counts["rows"] == 4
    assert preview.counts["changes"] == 4
    assert counts(db) == before


def test_one_bad_row_refuses_the_whole_file(
    db: Database, village: Village, tmp_path: Path, today: date, clerk: Actor, supervisor
) -> None:
    rows = good_rows(village)
    rows[2][0] = bad_checksum(str(rows[2][0]))  # spreadsheet row 4
    path = write_csv(tmp_path / "list.csv", rows)
    with db.read() as s:
        preview = preview_roster(session=s, path=path, today=today)
    assert [(e.row, e.field, e.rule) for e in preview.errors] == [(4, "id_number", "checksum")]
    assert len(preview.changes) == 3  # the good rows are still shown
    before = counts(db)
    with pytest.raises(ValidationError) as caught, db.write(actor=clerk.username) as s:
        apply_roster(session=s, actor=supervisor, path=path, today=today)
    assert caught.value.fields() == {"row 4.id_number"}
    assert caught.value.rules() == {"checksum"}
    assert counts(db) == before
    with db.read() as s:
        hong = s.scalars(select(PersonStatus).where(PersonStatus.person_id == village.hong.id))
        assert [(st.level, st.end_date) for st in hong] == [(1, None)]


def test_apply_keeps_history_and_stops_the_pension(
    db: Database, village: Village, tmp_path: Path, today: date, clerk: Actor, supervisor
) -> None:
    path = write_csv(tmp_path / "county-2026-11.csv", good_rows(village))
    with db.read() as s:
        digest = preview_roster(session=s, path=path, today=today).digest
    with db.write(actor=clerk.username) as s:
        result = apply_roster(
            session=s, actor=supervisor, path=path, today=today, preview_digest=digest
        )
    assert [c.row for c in result.applied] == [2, 3, 4, 5]
    assert result.counts["changes"] == 4
    with db.read() as s:
        dibao = list(
            s.scalars(
                select(PersonStatus)
                .where(PersonStatus.person_id == village.hong.id)
                .order_by(PersonStatus.start_date)
            )
        )
        assert [(d.level, d.start_date, d.end_date, d.source) for d in dibao] == [
            (1, date(2025, 1, 1), date(2026, 2, 28), "clerk"),
            (2, date(2026, 3, 1), None, "roster"),
        ]
        assert dibao[1].note == "class raised"
        poor = s.scalars(select(PersonStatus).where(PersonStatus.person_id == village.hua.id))
        assert [p.lifted_out_year for p in poor] == [2020]
        grade = s.scalars(select(PersonStatus).where(PersonStatus.person_id == village.ming.id))
        assert [(g.kind, g.level) for g in grade] == [("disability", 2)]
        shan = s.get(Person, village.shan.id)
        assert shan is not None
        assert shan.death_date == date(2026, 10, 5)
        assert shan.death_source == "roster"
        award = award_of(session=s, person_id=village.shan.id)
        assert award is not None and award.status == AwardStatus.STOPPED.value
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "roster.import")).one()
        assert entry.details["file"] == "county-2026-11.csv"
        assert entry.details["sha256"] == digest
        assert entry.details["counts"]["changes"] == 4


def test_importing_twice_changes_nothing(
    db: Database, village: Village, tmp_path: Path, today: date, clerk: Actor, supervisor
) -> None:
    path = write_csv(tmp_path / "list.csv", good_rows(village))
    with db.write(actor=clerk.username) as s:
        apply_roster(session=s, actor=supervisor, path=path, today=today)
    before = counts(db)
    with db.read() as s:
        again = preview_roster(session=s, path=path, today=today)
    assert again.errors == []
    assert again.changes == []
    assert [c.row for c in again.unchanged] == [2, 3, 4, 5]
    assert all(c.unchanged for c in again.unchanged)
    assert again.unchanged[0].description == "already 低保 class 2 since 2026-03-01"
    with db.write(actor=clerk.username) as s:
        result = apply_roster(session=s, actor=supervisor, path=path, today=today)
    assert result.applied == []
    assert result.counts["unchanged"] == 4
    assert counts(db) == before


def test_gb18030_csv_with_chinese_headers(
    db: Database, village: Village, tmp_path: Path, today: date, clerk: Actor, supervisor
) -> None:
    header = [" 身份证号 ", "姓名", "类别", "等级", "日期", "年份", "备注"]
    rows: list[list[object]] = [
        [village.hong.id_number, village.hong.name, "退出低保", "", "2026/10/31", "", ""],
        [village.ming.id_number, village.ming.name, "特困", "1", "2026-02-01", "", ""],
        [village.hua.id_number, village.hua.name, "脱贫", "", "", "2021", ""],
    ]
    path = write_csv(tmp_path / "名单.csv", rows, header=header, encoding="gb18030")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    with db.read() as s:
        preview = preview_roster(session=s, path=path, today=today)
    assert preview.errors == []
    assert [(c.row, c.kind, c.status_kind) for c in preview.changes] == [
        (2, RosterKind.END, StatusKind.DIBAO),
        (3, RosterKind.TEKUN, StatusKind.TEKUN),
        (4, RosterKind.LIFTED_OUT, None),
    ]
    assert preview.changes[0].description == "ends 低保 class 1 (from 2025-01-01) on 2026-10-31"
    with db.write(actor=clerk.username) as s:
        apply_roster(session=s, actor=supervisor, path=path, today=today)
    with db.read() as s:
        ended = s.scalars(select(PersonStatus).where(PersonStatus.person_id == village.hong.id))
        assert [st.end_date for st in ended] == [date(2026, 10, 31)]


def test_utf8_bom_csv_and_bare_end(
    db: Database, village: Village, tmp_path: Path, today: date
) -> None:
    rows: list[list[object]] = [[village.hong.id_number, "韦 小红", "退出", "", "2026-10-31"]]
    path = write_csv(
        tmp_path / "bom.csv",
        rows,
        header=["ID_Number", "Name", "Kind", "Level", "Date"],
        encoding="utf-8-sig",
    )
    with db.read() as s:
        preview = preview_roster(session=s, path=path, today=today)
    assert preview.errors == []
    assert [(c.kind, c.status_kind) for c in preview.changes] == [
        (RosterKind.END, StatusKind.DIBAO)
    ]


def test_xlsx_with_a_real_date_cell(
    db: Database, village: Village, tmp_path: Path, today: date, clerk: Actor, supervisor
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["身份证号", "姓名", "类别", "等级", "日期", "年份"])
    sheet.append([village.ming.id_number, village.ming.name, "残疾", 3, datetime(2026, 4, 2)])
    sheet.append([village.shan.id_number, village.shan.name, "死亡", None, date(2026, 9, 30)])
    sheet.append([None, None, None, None, None])  # a blank row is skipped
    sheet.append([village.hong.id_number, village.hong.name, "低保", 1, "2025-01-01"])
    sheet["E2"].number_format = "yyyy-mm-dd"
    path = tmp_path / "list.xlsx"
    book.save(path)
    with db.read() as s:
        preview = preview_roster(session=s, path=path, today=today)
    assert preview.errors == []
    assert preview.rows == 3
    assert [(c.row, c.kind) for c in preview.changes] == [
        (2, RosterKind.DISABILITY),
        (3, RosterKind.DEATH),
    ]
    assert preview.changes[0].description == "starts 残疾 grade 3 from 2026-04-02"
    assert [(c.row, c.description) for c in preview.unchanged] == [
        (5, "already 低保 class 1 since 2025-01-01")
    ]
    with db.write(actor=clerk.username) as s:
        apply_roster(session=s, actor=supervisor, path=path, today=today)
    with db.read() as s:
        shan = s.get(Person, village.shan.id)
        assert shan is not None and shan.death_date == date(2026, 9, 30)


def test_row_errors_name_the_row_and_the_rule(
    db: Database, village: Village, tmp_path: Path, today: date
) -> None:
    stranger = id_number(date(1980, 1, 1), "555")
    v = village
    rows: list[list[object]] = [
        [stranger, "陌生人", "dibao", 1, "2026-01-01"],  # 2
        [v.hong.id_number, "韦大红", "dibao", 2, "2026-03-01"],  # 3
        [v.ming.id_number, v.ming.name, "补贴", "", "2026-03-01"],  # 4
        [v.ming.id_number, v.ming.name, "tekun", "", ""],  # 5
        [v.ming.id_number, v.ming.name, "disability", 5, "2026-03-01"],  # 6
        [v.hua.id_number, v.hua.name, "dibao", 1, "2026-03-01"],  # 7
        [v.hua.id_number, v.hua.name, "低保", 2, "2026-04-01"],  # 8
        [v.shan.id_number, v.shan.name, "death", "", "2026-12-01"],  # 9
        [v.ming.id_number, v.ming.name, "lifted_out", "", "", 2020],  # 10
        [v.hong.id_number, v.hong.name, "dibao", 2, "2024-06-01"],  # 11
    ]
    path = write_csv(tmp_path / "errors.csv", rows)
    with db.read() as s:
        preview = preview_roster(session=s, path=path, today=today)
    assert [(e.row, e.field, e.rule) for e in preview.errors] == [
        (2, "id_number", "not_here"),
        (3, "name", "name_mismatch"),
        (4, "kind", "unknown_kind"),
        (5, "date", "required"),
        (6, "level", "range"),
        (8, "kind", "duplicate"),
        (9, "date", "future"),
        (10, "kind", "not_poor"),
        (11, "date", "overlap"),
    ]
    assert "name does not match" in preview.errors[1].message
    assert [c.row for c in preview.changes] == [7]


def test_missing_required_column_is_a_file_error(
    db: Database, village: Village, tmp_path: Path, today: date
) -> None:
    path = write_csv(
        tmp_path / "x.csv", [[village.hong.id_number, "dibao"]], header=["身份证号", "类别"]
    )
    with pytest.raises(ValidationError) as caught, db.read() as s:
        preview_roster(session=s, path=path, today=today)
    assert caught.value.fields() == {"name"}
    assert caught.value.rules() == {"missing_column"}


def test_file_changed_since_preview(
    db: Database, village: Village, tmp_path: Path, today: date, clerk: Actor, supervisor
) -> None:
    path = write_csv(tmp_path / "list.csv", good_rows(village))
    with db.read() as s:
        digest = preview_roster(session=s, path=path, today=today).digest
    write_csv(path, good_rows(village)[:2])
    before = counts(db)
    with pytest.raises(ValidationError) as caught, db.write(actor=clerk.username) as s:
        apply_roster(session=s, actor=supervisor, path=path, today=today, preview_digest=digest)
    assert caught.value.rules() == {"changed"}
    assert counts(db) == before


def test_cancel_via_progress_writes_nothing(
    db: Database, village: Village, tmp_path: Path, today: date, clerk: Actor, supervisor
) -> None:
    path = write_csv(tmp_path / "list.csv", good_rows(village))
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 2

    before = counts(db)
    # Even when the caller catches the cancel and commits, nothing of the import stays.
    with db.write(actor=clerk.username) as s, pytest.raises(RosterCancelled) as caught:
        apply_roster(session=s, actor=supervisor, path=path, today=today, progress=progress)
    assert (caught.value.done, caught.value.total) == (2, 4)
    assert seen == [(0, 4), (1, 4), (2, 4)]
    assert counts(db) == before
    with db.read() as s:
        imports = s.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "roster.import")
        )
        assert imports == 0


def test_title_row_and_in_file_order(
    db: Database, village: Village, tmp_path: Path, today: date, clerk: Actor, supervisor
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["2026年扶贫办比对名单"])
    sheet.append(["序号", "身份证号", "姓名", "类别", "日期", "年份"])
    # The lifted-out row comes first, yet it applies to the status the next row starts.
    sheet.append([1, village.ming.id_number, village.ming.name, "脱贫", None, 2021])
    sheet.append([2, village.ming.id_number, village.ming.name, "建档立卡", "2019-01-01"])
    path = tmp_path / "poverty.xlsx"
    book.save(path)
    with db.read() as s:
        preview = preview_roster(session=s, path=path, today=today)
    assert preview.errors == []
    assert preview.header_row == 2
    assert preview.unknown_columns == ["序号"]
    assert [(c.row, c.kind) for c in preview.changes] == [
        (3, RosterKind.LIFTED_OUT),
        (4, RosterKind.REGISTERED_POOR),
    ]
    with db.write(actor=clerk.username) as s:
        apply_roster(
            session=s, actor=supervisor, path=path, today=today, preview_digest=preview.digest
        )
    with db.read() as s:
        poor = s.scalars(select(PersonStatus).where(PersonStatus.person_id == village.ming.id))
        assert [(p.start_date, p.lifted_out_year) for p in poor] == [(date(2019, 1, 1), 2021)]
