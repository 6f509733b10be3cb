"""Chinese wording of the stable codes, dates and amounts as printed on the forms.

The codes (``domain.categories``) never change; these are the words a resident reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from villagedesk.domain.categories import (
    AwardKind,
    AwardStatus,
    CertificationMethod,
    CostLevel,
    EmploymentStatus,
    EnrolmentStatus,
    EntryKind,
    InsuredCategory,
    JobChannel,
    PopulationCategory,
    ReferralOutcome,
    Sex,
    WorkPlace,
)
from villagedesk.domain.money import Fen, format_yuan

SEX = {Sex.MALE: "男", Sex.FEMALE: "女"}

ENROLMENT_STATUS = {
    EnrolmentStatus.NOT_ENROLLED: "未参保",
    EnrolmentStatus.NORMAL: "正常参保",
    EnrolmentStatus.SUSPENDED: "暂停缴费",
    EnrolmentStatus.TERMINATED: "终止参保",
}

INSURED_CATEGORY = {
    InsuredCategory.ORDINARY: "普通参保人员",
    InsuredCategory.DISABLED_1: "一级重度残疾人",
    InsuredCategory.DISABLED_2: "二级重度残疾人",
    InsuredCategory.DISABLED_3: "三级残疾人",
    InsuredCategory.TEKUN_1: "特困人员（一类）",
    InsuredCategory.TEKUN_2: "特困人员（二类）",
    InsuredCategory.TEKUN_3: "特困人员（三类）",
    InsuredCategory.POOR_1: "建档立卡贫困人口",
    InsuredCategory.POOR_2: "建档立卡贫困人口（二类）",
    InsuredCategory.POOR_3: "建档立卡贫困人口（三类）",
    InsuredCategory.DIBAO_1: "低保对象（一类）",
    InsuredCategory.DIBAO_2: "低保对象（二类）",
    InsuredCategory.DIBAO_3: "低保对象（三类）",
    InsuredCategory.FAMILY_PLANNING: "计划生育特扶人员",
    InsuredCategory.OTHER: "其他",
}

POPULATION_CATEGORY = {
    PopulationCategory.UNDER_16: "未满16周岁",
    PopulationCategory.WORKING_AGE: "劳动年龄人口",
    PopulationCategory.ELDERLY: "老年人口",
    PopulationCategory.UNABLE_TO_WORK: "丧失劳动能力",
    PopulationCategory.DECEASED: "已死亡",
    PopulationCategory.MISSING: "失踪",
}

EMPLOYMENT_STATUS = {
    EmploymentStatus.FARMING: "务农",
    EmploymentStatus.WORKING_AWAY: "外出务工",
    EmploymentStatus.LOCAL_EMPLOYMENT: "就地就近就业",
    EmploymentStatus.SELF_EMPLOYED: "自主创业",
    EmploymentStatus.FLEXIBLE: "灵活就业",
    EmploymentStatus.RETURNED_NOT_WORKING: "返乡未就业",
    EmploymentStatus.NOT_TRANSFERRED: "未转移就业",
}

JOB_CHANNEL = {
    JobChannel.GOVERNMENT: "政府组织",
    JobChannel.OWN: "自主就业",
    JobChannel.EMPLOYER: "用人单位招聘",
    JobChannel.WORKSHOP: "扶贫车间",
    JobChannel.PUBLIC_WELFARE: "公益性岗位",
    JobChannel.GUANGDONG: "粤桂劳务协作",
    JobChannel.OTHER: "其他",
}

WORK_PLACE = {
    WorkPlace.IN_COUNTY: "县内",
    WorkPlace.IN_REGION: "区内县外",
    WorkPlace.OUTSIDE_REGION: "区外",
}

CERTIFICATION_METHOD = {
    CertificationMethod.COUNTER: "窗口认证",
    CertificationMethod.HOME_VISIT: "上门认证",
    CertificationMethod.SELF_SERVICE: "自助认证（人脸识别）",
    CertificationMethod.DATA_MATCHING: "数据比对认证",
}

REFERRAL_OUTCOME = {
    ReferralOutcome.PENDING: "待反馈",
    ReferralOutcome.HIRED: "已录用",
    ReferralOutcome.REJECTED: "未录用",
    ReferralOutcome.DECLINED: "本人放弃",
    ReferralOutcome.NO_SHOW: "未报到",
}

AWARD_KIND = {
    AwardKind.NORMAL: "按月领取基本养老金",
    AwardKind.TRANSITIONAL: "按月领取基本养老金（过渡人员）",
    AwardKind.SPECIAL: "特殊基础养老金",
}

AWARD_STATUS = {
    AwardStatus.ACTIVE: "正常发放",
    AwardStatus.SUSPENDED: "暂停发放",
    AwardStatus.STOPPED: "终止发放",
}

ENTRY_KIND = {
    EntryKind.NORMAL: "正常缴费",
    EntryKind.BACKPAY: "补缴",
    EntryKind.REVERSAL: "冲正",
    EntryKind.RECOVERY: "追回",
}

COST_LEVEL = {CostLevel.CITY: "设区市", CostLevel.COUNTY: "县（市、区）"}

CERT_STATUS = {
    "certified": "本年度已认证",
    "pending": "待认证",
    "due": "认证即将到期",
    "overdue": "逾期未认证",
}


def label(table: Mapping[Any, str], code: str | None, default: str = "—") -> str:
    """The Chinese word for a stored code; an unknown code is shown as it is, never dropped.

    The tables are keyed by ``StrEnum`` members, which hash and compare as their codes."""
    if code is None or code == "":
        return default
    return table.get(code, code)


def cn_date(day: date | datetime | None, *, empty: str = "—") -> str:
    """``2026-11-27`` -> ``2026年11月27日``."""
    if day is None:
        return empty
    return f"{day.year}年{day.month}月{day.day}日"


def short_date(day: date | None, *, empty: str = "—") -> str:
    """For narrow table columns: ``2026-11-27``."""
    return empty if day is None else day.isoformat()


def cn_month(day: date | None, *, empty: str = "—") -> str:
    if day is None:
        return empty
    return f"{day.year}年{day.month}月"


def yuan(fen: Fen | None, *, empty: str = "—") -> str:
    """``152880`` -> ``1,528.80 元``."""
    if fen is None:
        return empty
    return f"{format_yuan(fen, grouping=True)} 元"


def plain_yuan(fen: Fen) -> str:
    """For table cells and signed facts: ``1528.80`` (what ``format_yuan`` gives)."""
    return format_yuan(fen)


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_BIG_UNITS = ("", "万", "亿", "万亿")


def _four_digits(n: int) -> str:
    """A group of up to four digits in capitals, with inner zeros read once."""
    out = ""
    zero = False
    for pos in range(3, -1, -1):
        digit = n // 10**pos % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[digit] + _SMALL_UNITS[pos]
    return out


def yuan_in_words(fen: Fen) -> str:
    """The amount in capitals as on a receipt: ``23050`` -> ``人民币贰佰叁拾元伍角整``."""
    if fen < 0:
        return "负" + yuan_in_words(-fen)
    whole, cents = divmod(fen, 100)
    jiao, fen_part = divmod(cents, 10)
    groups: list[int] = []
    rest = whole
    while rest:
        groups.append(rest % 10_000)
        rest //= 10_000
    text = ""
    need_zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            need_zero = bool(text)
            continue
        if text and (need_zero or group < 1000):
            text += "零"
        text += _four_digits(group) + _BIG_UNITS[index]
        need_zero = False
    if text:
        text += "元"
    if jiao == 0 and fen_part == 0:
        return "人民币" + (text or "零元") + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif text:
        text += "零"
    if fen_part:
        text += _DIGITS[fen_part] + "分"
    else:
        text += "整"
    return "人民币" + text
