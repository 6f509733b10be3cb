"""Hypothesis over the parsers of outside input at the counter: ID numbers (typed, scanned,
read from lists) and county roster files. Garbage gives a clear ValidationError (or an
"invalid" answer), never another exception."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.idnumber import check_char, check_id_number, mask_id, normalize_id
from villagedesk.services.roster import preview_roster
from villagedesk.services.station import init_station
from villagedesk.store.database import Database

TODAY = date(2026, 11, 27)
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

id_like = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789Xx \t-０１２３４５６７８９Ｘ", min_size=0, max_size=22),
    st.from_regex(r"\A[1-8][0-9]{5}(19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9Xx]\Z"),
    st.from_regex(r"\A[0-9]{15}\Z"),
)


@FUZZ
@given(id_like)
@example("")
@example("450422195403152024\x00")
@example("４５０４２２１９５４０３１５２０２Ｘ")
@example("11010119000229001X")  # 1900 was no leap year
def test_an_id_number_check_never_crashes(text: str):
    result = check_id_number(text, today=TODAY, known_county=lambda code: code.startswith("45"))
    if result.valid:
        assert result.normalized is not None and len(result.normalized) == 18
        assert check_char(result.normalized[:17]) == result.normalized[17]
        assert result.birth_date is not None and result.birth_date <= TODAY
        assert not result.errors
        assert normalize_id(text, today=TODAY) == result.normalized
    else:
        assert result.errors and all(e.field == "id_number" for e in result.errors)
        with pytest.raises(ValidationError):
            normalize_id(text, today=TODAY)
    masked = mask_id(text)
    assert len(masked) == len(text.strip())


@pytest.fixture(scope="module")
def station(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("fuzz") / "station.db"
    db = init_station(
        path=path, village_code="450422116201", name="模糊测试村", now=datetime(2026, 11, 27)
    )
    yield db
    db.close()


def _preview(db: Database, folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.write_bytes(data)
    try:
        with db.read() as s:
            preview = preview_roster(session=s, path=path, today=TODAY)
    except ValidationError as exc:
        assert exc.errors and all(e.field and e.message for e in exc.errors)
        return
    assert preview.rows >= 0
    for error in preview.errors:
        assert error.row >= 1 and error.message


HEADERS = ["id_number", "name", "kind", "level", "date", "year", "note"]
CN_HEADERS = ["身份证号", "姓名", "类别", "等级", "日期", "年份", "备注"]
cell = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["dibao", "disability", "death", "lifted_out", "低保", "2026-03-01", "2026/6/1", "二级"]
    ),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    id_like,
)


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".csv", ".xlsx", ".txt", ".pdf"]))
@example(data=b"", suffix=".csv")
@example(data=b"\xff\xfe\x00\x00", suffix=".csv")
@example(data=b"PK\x03\x04" + b"\x00" * 40, suffix=".xlsx")
def test_random_bytes_as_a_roster_file(station: Database, tmp_path: Path, data: bytes, suffix):
    _preview(station, tmp_path, "list" + suffix, data)


@FUZZ
@given(
    header=st.one_of(st.just(HEADERS), st.just(CN_HEADERS), st.lists(st.text(max_size=10))),
    rows=st.lists(st.lists(cell, max_size=9), max_size=25),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
    delimiter=st.sampled_from([",", "\t", ";"]),
)
def test_garbage_rows_in_a_csv_roster(
    station: Database, tmp_path: Path, header, rows, encoding, delimiter
):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    try:
        data = buffer.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = buffer.getvalue().encode("utf-8")
    _preview(station, tmp_path, "list.csv", data)


@FUZZ
@given(
    members=st.dictionaries(
        st.sampled_from(
            [
                "[Content_Types].xml",
                "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels",
                "_rels/.rels",
                "xl/worksheets/sheet1.xml",
                "xl/sharedStrings.xml",
                "xl/styles.xml",
            ]
        ),
        st.one_of(
            st.binary(max_size=300),
            st.sampled_from([b"<?xml version='1.0'?><x/>", b"<worksheet/>", b"<<<", b""]),
        ),
        max_size=7,
    )
)
def test_xlsx_like_zip_archives(station: Database, tmp_path: Path, members: dict[str, bytes]):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    _preview(station, tmp_path, "list.xlsx", buffer.getvalue())


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rows=st.lists(
        st.lists(
            st.one_of(
                cell,
                st.none(),
                st.floats(allow_nan=True, allow_infinity=False),
                st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 1, 1)),
                st.booleans(),
            ),
            max_size=8,
        ),
        max_size=15,
    ),
    header=st.sampled_from([HEADERS, CN_HEADERS, []]),
)
def test_real_workbooks_with_odd_cells(station: Database, tmp_path: Path, rows, header):
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    workbook = Workbook()
    sheet = workbook.active
    try:
        if header:
            sheet.append(header)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
    except (IllegalCharacterError, ValueError):  # a value openpyxl itself cannot store
        return
    _preview(station, tmp_path, "list.xlsx", buffer.getvalue())
