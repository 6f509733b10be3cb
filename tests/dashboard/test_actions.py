"""The dashboard's actions reach the villages: conflicts and duplicate cases decided, vacancies
and employers published, policy rows added, data-matching lists previewed and published — and
bad input is refused with a reason, nothing written."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from dash_harness import (
    OFFICER_PASSWORD,
    OFFICER_USER,
    USCC,
    Dash,
    csrf_of,
)
from openpyxl import Workbook
from sqlalchemy import func, select
from sync_harness import VILLAGE_A, Village

from helpers import make_uscc
from villagedesk.server.dashboard.publish import register_employer
from villagedesk.store.dashboard_models import MatchBatch, VacancyTarget
from villagedesk.store.models import Employer, Person, PersonStatus, PolicyRowRecord, Vacancy
from villagedesk.store.server_models import ChangeLogEntry, ConflictRecord, RowRevision
from villagedesk.sync.county import SyncRefused


def _conflict(dash: Dash, village: Village) -> tuple[str, str]:
    pid = village.register(1, name="张三")
    village.sync()
    dash.county.admin(
        "PATCH", f"/admin/v1/rows/persons/{pid}", json={"fields": {"name": "张叁"}, "by": "o"}
    )
    village.edit(pid, name="张山")
    assert village.sync().new_conflicts == 1
    with dash.county.db.read() as s:
        conflict_id = s.scalars(select(ConflictRecord.id)).one()
    return pid, conflict_id


def _person(village: Village, pid: str) -> Person:
    with village.db.read() as s:
        person = s.get(Person, pid)
        assert person is not None
        return person


def test_a_conflict_shows_both_values_and_its_resolution_reaches_the_village(
    dash: Dash, village_a: Village
) -> None:
    pid, conflict_id = _conflict(dash, village_a)
    http = dash.client(OFFICER_USER, OFFICER_PASSWORD)  # officers may resolve
    page = http.get("/dashboard/conflicts").text
    assert "张山" in page and "张叁" in page and "张三" in page  # village, county, base
    token = csrf_of(page)
    path = f"/dashboard/conflicts/{conflict_id}/resolve"
    assert http.post(path, data={"choice": "village"}).status_code == 403  # no token
    assert http.post(path, data={"choice": "both", "csrf_token": token}).status_code == 422
    answer = http.post(path, data={"choice": "village", "csrf_token": token})
    assert answer.status_code == 200 and "冲突已处理" in answer.text
    again = http.post(path, data={"choice": "county", "csrf_token": token})
    assert again.status_code == 409  # already resolved: nothing changes
    summary = village_a.sync()
    assert summary.conflicts == 0 and summary.mismatches == []
    assert _person(village_a, pid).name == "张山"


def test_a_duplicate_case_shows_both_registrations_and_needs_a_reason_to_refuse(
    dash: Dash, village_a: Village, village_b: Village
) -> None:
    village_a.register(7, name="陈七")
    village_a.sync()
    village_b.register(7, name="陈柒")
    assert village_b.sync().held == 1
    http = dash.client()
    page = http.get("/dashboard/conflicts").text
    assert "陈七" in page and "陈柒" in page
    case_id = re.search(r"/dashboard/duplicates/([0-9a-f-]+)/decide", page).group(1)
    token = csrf_of(page)
    path = f"/dashboard/duplicates/{case_id}/decide"
    refused = http.post(path, data={"decision": "refuse", "reason": " ", "csrf_token": token})
    assert refused.status_code == 422 and "原因" in refused.text
    done = http.post(
        path, data={"decision": "refuse", "reason": "身份证号录错", "csrf_token": token}
    )
    assert done.status_code == 200 and "重复人员已处理" in done.text
    village_b.sync()
    assert "身份证号录错" in http.get("/dashboard/conflicts").text


def _add_employer(http, token: str) -> str:
    answer = http.post(
        "/dashboard/employers",
        data={"name": "藤县扶贫车间", "uscc": USCC, "contact": "王", "csrf_token": token},
    )
    assert answer.status_code == 200 and "用工单位已登记" in answer.text
    return re.search(r'<option value="([0-9a-f-]+)">藤县扶贫车间', answer.text).group(1)


def test_a_vacancy_published_to_one_village_reaches_only_that_village(
    dash: Dash, village_a: Village, village_b: Village
) -> None:
    http = dash.client(OFFICER_USER, OFFICER_PASSWORD)
    token = csrf_of(http.get("/dashboard/vacancies").text)
    employer_id = _add_employer(http, token)
    form = {
        "csrf_token": token,
        "employer_id": employer_id,
        "post": "缝纫工",
        "count": "5",
        "wage_min": "2800",
        "wage_max": "3500.50",
        "valid_until": "2027-01-31",
        "place": "藤县工业园",
        "scope": "chosen",
        "villages": [VILLAGE_A],
    }
    answer = http.post("/dashboard/vacancies", data=form)
    assert answer.status_code == 200 and "岗位已发布" in answer.text
    assert "缝纫工" in answer.text and "2,800.00 – 3,500.50" in answer.text
    for village in (village_a, village_b):
        summary = village.sync()
        assert summary.mismatches == []
        with village.db.read() as s:
            assert s.scalars(select(Employer.name)).one() == "藤县扶贫车间"
    with village_a.db.read() as s:
        vacancy = s.scalars(select(Vacancy)).one()
        assert (vacancy.post, vacancy.count, vacancy.wage_max_fen) == ("缝纫工", 5, 350050)
        assert vacancy.valid_until == date(2027, 1, 31) and vacancy.requirements == ""
    with village_b.db.read() as s:
        assert s.scalars(select(Vacancy)).all() == []
    with dash.county.db.read() as s:
        assert s.scalars(select(VacancyTarget.village_code)).all() == [VILLAGE_A]


def test_bad_vacancies_and_employers_are_refused_with_nothing_written(dash: Dash) -> None:
    http = dash.client()
    token = csrf_of(http.get("/dashboard/vacancies").text)
    bad_code = http.post(
        "/dashboard/employers", data={"name": "某公司", "uscc": "123", "csrf_token": token}
    )
    assert bad_code.status_code == 422 and "统一社会信用代码" in bad_code.text
    employer_id = _add_employer(http, token)
    assert (
        http.post(
            "/dashboard/employers", data={"name": "重复", "uscc": USCC, "csrf_token": token}
        ).status_code
        == 409
    )
    good = {
        "csrf_token": token,
        "employer_id": employer_id,
        "post": "普工",
        "count": "2",
        "wage_min": "2000",
        "wage_max": "3000",
        "valid_until": "2027-01-31",
    }
    for change, reason in (
        ({"count": "0"}, "招聘人数"),
        ({"count": "many"}, "整数"),
        ({"wage_min": "abc"}, "金额"),
        ({"wage_max": "1000"}, "不能低于"),
        ({"valid_until": "2020-01-01"}, "有效期"),
        ({"valid_until": "tomorrow"}, "日期"),
        ({"post": ""}, "岗位名称"),
        ({"employer_id": "no-such-employer"}, "用工单位"),
        ({"scope": "chosen"}, "至少选择"),
        ({"scope": "chosen", "villages": ["999999999999"]}, "未登记"),
        ({"post": "长" * 101}, "岗位名称"),
        ({"csrf_token": "forged"}, "CSRF"),
    ):
        answer = http.post("/dashboard/vacancies", data={**good, **change})
        assert 400 <= answer.status_code < 500 and reason in answer.text, (change, answer.text)
    with dash.county.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Vacancy)) == 0
        assert s.scalar(select(func.count()).select_from(VacancyTarget)) == 0


def _wrong_check_char(code: str) -> str:
    """``code`` with another check character: right length and alphabet, bad checksum."""
    return code[:17] + ("1" if code[17] != "1" else "2")


def _nothing_written(dash: Dash) -> None:
    with dash.county.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Employer)) == 0
        assert s.scalar(select(func.count()).select_from(ChangeLogEntry)) == 0
        assert s.scalar(select(func.count()).select_from(RowRevision)) == 0


def test_the_employer_service_refuses_an_empty_name_or_a_bad_code_with_nothing_written(
    dash: Dash,
) -> None:
    good = make_uscc(42)
    for fields, words in (
        ({"name": "  ", "uscc": good}, ("单位名称", "必填")),
        ({"name": "某厂", "uscc": ""}, ("统一社会信用代码", "必填")),
        ({"name": "某厂", "uscc": _wrong_check_char(good)}, ("统一社会信用代码", "校验位")),
        ({"name": "某厂", "uscc": good[:17]}, ("统一社会信用代码", "18 位")),
        ({"name": "某厂", "uscc": good[:16] + "O" + good[17]}, ("统一社会信用代码", "字母")),
    ):
        with pytest.raises(SyncRefused) as refused, dash.county.db.write() as s:
            register_employer(
                session=s, fields=fields, by="officer", clock=dash.county.app.state.clock
            )
        assert refused.value.status == 422
        assert all(word in refused.value.reason for word in words), (fields, refused.value)
    _nothing_written(dash)
    # a code typed in lower case with spaces around it is the same code
    with dash.county.db.write() as s:
        register_employer(
            session=s,
            fields={"name": " 某厂 ", "uscc": f" {good.lower()} "},
            by="officer",
            clock=dash.county.app.state.clock,
        )
    with dash.county.db.read() as s:
        assert s.execute(select(Employer.name, Employer.uscc)).one() == ("某厂", good)


def test_the_employer_form_shows_which_field_is_wrong_and_why(dash: Dash) -> None:
    http = dash.client(OFFICER_USER, OFFICER_PASSWORD)
    token = csrf_of(http.get("/dashboard/vacancies").text)
    no_name = http.post(
        "/dashboard/employers", data={"name": " ", "uscc": USCC, "csrf_token": token}
    )
    assert no_name.status_code == 422 and "单位名称：必填" in no_name.text
    bad_code = http.post(
        "/dashboard/employers",
        data={"name": "某厂", "uscc": _wrong_check_char(USCC), "csrf_token": token},
    )
    assert bad_code.status_code == 422
    assert "统一社会信用代码：校验位不正确" in bad_code.text
    _nothing_written(dash)


def test_policy_rows_are_added_by_admins_and_reach_the_village(
    dash: Dash, village_a: Village
) -> None:
    village_a.sync()
    value = '{"amount_fen": 13300}'
    form = {
        "table": "basic_pension",
        "key": "",
        "scope": "450422",
        "effective_from": "2027-01-01",
        "value": value,
        "note": "县政府文件",
    }
    officer = dash.client(OFFICER_USER, OFFICER_PASSWORD)
    page = officer.get("/dashboard/policy")
    assert "basic_pension" in page.text and "新增参数行需要系统管理员权限" in page.text
    refused = officer.post("/dashboard/policy", data={**form, "csrf_token": csrf_of(page.text)})
    assert refused.status_code == 403
    admin = dash.client()
    token = csrf_of(admin.get("/dashboard/policy").text)
    for bad in (
        {"value": "not json"},
        {"value": "[1]"},
        {"table": "nope"},
        {"scope": "45"},
        {"effective_from": "soon"},
        {"value": '{"amount_fen": -5}'},
    ):
        answer = admin.post("/dashboard/policy", data={**form, **bad, "csrf_token": token})
        assert answer.status_code == 422, (bad, answer.text)
    answer = admin.post("/dashboard/policy", data={**form, "csrf_token": token})
    assert answer.status_code == 200 and "政策参数已添加" in answer.text, answer.text
    assert village_a.sync().mismatches == []
    with village_a.db.read() as s:
        row = s.scalars(
            select(PolicyRowRecord).where(PolicyRowRecord.effective_from == date(2027, 1, 1))
        ).one()
        assert row.value == {"amount_fen": 13300} and row.scope == "450422"
        assert row.confidence == "local"


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_matching_list_is_previewed_per_village_then_published_to_it(
    dash: Dash, village_a: Village
) -> None:
    pid = village_a.register(3, name="黄三")
    village_a.sync()
    with dash.county.db.read() as s:
        number = s.get(Person, pid).id_number
    officer = dash.client(OFFICER_USER, OFFICER_PASSWORD)
    token = csrf_of(officer.get("/dashboard/matching").text)
    csv_text = (
        "身份证号,姓名,死亡日期\n"
        f"{number},黄三,2026-10-02\n"
        "360426199101010072,假号,2026-10-01\n"
        "450102199003070024,查无此人,2026-10-01\n"
    )
    answer = officer.post(
        "/dashboard/matching/upload",
        data={"source": "public_security", "csrf_token": token},
        files={"file": ("公安死亡名单.csv", csv_text.encode("utf-8-sig"), "text/csv")},
    )
    assert answer.status_code == 200, answer.text
    page = answer.text
    assert "死亡：2026-10-02" in page and VILLAGE_A in page
    assert "身份证号无效" in page and "县级库中无此人" in page
    batch_path = str(answer.url.path)
    # nothing reaches the village before it is published, and only an admin publishes
    assert officer.post(batch_path + "/publish", data={"csrf_token": token}).status_code == 403
    village_a.sync()
    assert _person(village_a, pid).death_date is None
    admin = dash.client()
    admin_token = csrf_of(admin.get(batch_path).text)
    done = admin.post(batch_path + "/publish", data={"csrf_token": admin_token})
    assert done.status_code == 200 and "已发布" in done.text
    assert admin.post(batch_path + "/publish", data={"csrf_token": admin_token}).status_code == 409
    assert village_a.sync().mismatches == []
    person = _person(village_a, pid)
    assert person.death_date == date(2026, 10, 2) and person.death_source == "公安比对"


def test_civil_affairs_and_disability_lists_add_statuses_from_xlsx(
    dash: Dash, village_a: Village
) -> None:
    pid = village_a.register(4, name="蒙四")
    village_a.sync()
    with dash.county.db.read() as s:
        number = s.get(Person, pid).id_number
    admin = dash.client()
    token = csrf_of(admin.get("/dashboard/matching").text)
    for source, rows in (
        (
            "civil_affairs",
            [["身份证号", "姓名", "类别", "开始日期"], [number, "蒙四", "低保", "2026-07-01"]],
        ),
        ("disabled_federation", [["身份证号", "姓名", "残疾等级"], [number, "蒙四", 2]]),
    ):
        answer = admin.post(
            "/dashboard/matching/upload",
            data={"source": source, "csrf_token": token},
            files={"file": ("list.xlsx", _xlsx(rows), "application/octet-stream")},
        )
        assert answer.status_code == 200, answer.text
        done = admin.post(str(answer.url.path) + "/publish", data={"csrf_token": token})
        assert done.status_code == 200
    assert village_a.sync().mismatches == []
    with village_a.db.read() as s:
        kinds = {
            (st.kind, st.level, st.source)
            for st in s.scalars(select(PersonStatus).where(PersonStatus.person_id == pid))
        }
    assert ("dibao", None, "民政比对") in kinds and ("disability", 2, "残联比对") in kinds


def test_unreadable_or_oversized_lists_are_refused(dash: Dash) -> None:
    admin = dash.client()
    token = csrf_of(admin.get("/dashboard/matching").text)

    def upload(name: str, data: bytes, source: str = "public_security") -> object:
        return admin.post(
            "/dashboard/matching/upload",
            data={"source": source, "csrf_token": token},
            files={"file": (name, data, "application/octet-stream")},
        )

    assert upload("list.txt", b"id\n").status_code == 422
    assert upload("list.xlsx", b"not a zip").status_code == 422
    assert upload("list.csv", b"").status_code == 422
    assert upload("list.csv", "姓名\n张三\n".encode()).status_code == 422  # no ID column
    assert upload("list.csv", b"\xff\xfe\x00bad").status_code == 422
    assert upload("list.csv", b"a,b\n", source="nowhere").status_code == 422
    big = "身份证号\n".encode() + b"1" * (5 * 1024 * 1024 + 10)
    assert upload("list.csv", big).status_code == 413
    with dash.county.db.read() as s:
        assert s.scalar(select(func.count()).select_from(MatchBatch)) == 0


def test_the_verify_page_checks_a_token(dash: Dash) -> None:
    http = dash.client()
    empty = http.get("/dashboard/verify")
    assert empty.status_code == 200 and "核验码" in empty.text
    answer = http.get("/dashboard/verify", params={"token": "not-a-real-token"})
    assert answer.status_code == 200 and "无法识别" in answer.text
    assert http.get("/dashboard/verify", params={"token": "x" * 5000}).status_code == 422


def test_officers_are_managed_from_the_command_line(county, capsys) -> None:
    from villagedesk.server.cli import main

    url = county.url
    assert (
        main(
            [
                "officer",
                "add",
                "--db",
                url,
                "--username",
                "wu",
                "--role",
                "admin",
                "--password",
                "long-enough-pw",
            ]
        )
        == 0
    )
    assert main(["officer", "add", "--db", url, "--username", "wu", "--password", "x"]) == 2
    assert (
        main(["officer", "add", "--db", url, "--username", "w u", "--password", "long-enough-pw"])
        == 2
    )
    assert main(["officer", "list", "--db", url, "--json"]) == 0
    out = capsys.readouterr().out
    assert '"username": "wu"' in out and '"role": "admin"' in out
    assert main(["officer", "disable", "--db", url, "--username", "wu"]) == 0
    assert main(["officer", "disable", "--db", url, "--username", "nobody"]) == 2
    main(["officer", "list", "--db", url])
    assert "disabled" in capsys.readouterr().out


def test_a_household_move_from_public_security_moves_the_person_between_villages(
    dash: Dash, village_a: Village, village_b: Village
) -> None:
    pid = village_a.register(5, name="梁五")
    village_a.sync()
    village_b.sync()
    with dash.county.db.read() as s:
        number = s.get(Person, pid).id_number
    admin = dash.client()
    token = csrf_of(admin.get("/dashboard/matching").text)
    csv_text = f"身份证号,姓名,迁入村代码\n{number},梁五,{village_b.code}\n{number},梁五,12\n"
    answer = admin.post(
        "/dashboard/matching/upload",
        data={"source": "public_security", "csrf_token": token},
        files={"file": ("moves.csv", csv_text.encode(), "text/csv")},
    )
    assert answer.status_code == 200 and f"户籍迁移：{VILLAGE_A} → {village_b.code}" in answer.text
    assert "village_code" in answer.text or "12" in answer.text  # the bad code is listed
    done = admin.post(str(answer.url.path) + "/publish", data={"csrf_token": token})
    assert done.status_code == 200
    assert village_a.sync().mismatches == [] and village_b.sync().mismatches == []
    with village_a.db.read() as s:
        assert s.get(Person, pid) is None
    assert _person(village_b, pid).village_code == village_b.code


def test_a_pensioners_death_from_matching_lands_on_the_villages_work_list(
    dash: Dash, village_a: Village
) -> None:
    """The village confirms a death found by data matching where it confirms every death:
    the "death, payment not stopped" work-list, whose action stops the payment."""
    from villagedesk.server.dashboard.publish import county_insert
    from villagedesk.services.worklists import DEATH_NOT_STOPPED, worklists

    pid = village_a.register(6, name="韦六")  # born 1960: a pensioner
    village_a.sync()
    with dash.county.db.write() as s:
        county_insert(
            session=s,
            table="benefit_awards",
            row_id="a0000000-0000-4000-8000-000000000006",
            fields={
                "person_id": pid,
                "kind": "normal",
                "awarded_on": "2020-06-01",
                "first_month": "2020-06-01",
                "basic_fen": 11800,
                "account_fen": 2000,
                "monthly_fen": 13800,
                "balance_at_award_fen": 278000,
                "status": "active",
            },
            by="test",
            clock=dash.county.app.state.clock,
        )
        number = s.get(Person, pid).id_number
    village_a.sync()
    admin = dash.client()
    token = csrf_of(admin.get("/dashboard/matching").text)
    answer = admin.post(
        "/dashboard/matching/upload",
        data={"source": "public_security", "csrf_token": token},
        files={"file": ("d.csv", f"身份证号,死亡日期\n{number},2026-09-15\n".encode(), "text/csv")},
    )
    admin.post(str(answer.url.path) + "/publish", data={"csrf_token": token})
    assert village_a.sync().mismatches == []
    with village_a.db.read() as s:
        lists = {w.code: w for w in worklists(session=s, on=date(2026, 11, 27))}
    [item] = lists[DEATH_NOT_STOPPED].items
    assert item.person_id == pid and "award still active" in item.detail
