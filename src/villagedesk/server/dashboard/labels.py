"""Chinese names of the codes the dashboard shows (the counter's report uses the same)."""

from __future__ import annotations

from collections.abc import Mapping

from villagedesk.services.reports import _CHANNEL_ZH, _EMPLOYMENT_ZH, _OUTCOME_ZH, _PLACE_ZH

EMPLOYMENT: Mapping[str, str] = {str(k): v for k, v in _EMPLOYMENT_ZH.items()}
CHANNEL: Mapping[str, str] = {str(k): v for k, v in _CHANNEL_ZH.items()}
PLACE: Mapping[str, str] = {str(k): v for k, v in _PLACE_ZH.items()}
OUTCOME: Mapping[str, str] = {str(k): v for k, v in _OUTCOME_ZH.items()}
FIELDS: Mapping[str, str] = {
    "name": "姓名",
    "sex": "性别",
    "birth_date": "出生日期",
    "phone": "电话",
    "address": "住址",
    "note": "备注",
    "relation": "与户主关系",
    "household_id": "所在家庭",
    "student": "在校学生",
    "guangxi_hukou": "广西户籍",
    "employee_scheme": "参加职工养老",
    "other_state_pension": "领取其他养老金",
    "death_date": "死亡日期",
    "status": "状态",
    "level": "等级",
    "end_date": "结束日期",
    "grade_fen": "缴费档次(分)",
    "insured_category": "参保类别",
}
TABLES: Mapping[str, str] = {
    "persons": "人员",
    "households": "家庭",
    "person_statuses": "身份",
    "labour_registrations": "劳动力登记",
    "enrolments": "参保登记",
    "benefit_awards": "待遇核定",
    "training_records": "培训记录",
    "referrals": "岗位推荐",
    "vacancies": "岗位",
    "employers": "用工单位",
}
POLICY_TABLES: Mapping[str, str] = {
    "contribution_grade": "缴费档次与补贴",
    "paid_premium": "政府代缴",
    "cost_split": "代缴分担比例",
    "basic_pension": "基础养老金",
    "interest_rate": "个人账户记账利率",
    "minimum_wage": "最低工资标准",
    "wage_class": "最低工资类别",
    "unemployment": "失业保险金",
    "certification": "待遇资格认证",
    "special_pension": "特殊基本养老",
    "scheme": "制度参数",
}
STATION_STATUS: Mapping[str, str] = {"pending": "待启用", "active": "正常", "revoked": "已吊销"}


def label(names: Mapping[str, str], key: str | None) -> str:
    if not key:
        return "未填写"
    return names.get(key, key)


def show(value: object) -> str:
    """A synced value as a reader sees it."""
    if value is None or value == "":
        return "（空）"
    if value is True:
        return "是"
    if value is False:
        return "否"
    return str(value)
