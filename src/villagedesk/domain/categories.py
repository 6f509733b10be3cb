"""The closed vocabularies of the counter. Values are stable codes stored in the database.

Human labels live with the faces (Qt translations); the codes never change once released.
"""

from __future__ import annotations

from enum import StrEnum


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class Role(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"


class EnrolmentStatus(StrEnum):
    NOT_ENROLLED = "not_enrolled"
    NORMAL = "normal"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"


class StatusKind(StrEnum):
    """Kinds of dated person status kept as history (never overwritten)."""

    REGISTERED_POOR = "registered_poor"  # 建档立卡 (with lifted-out year)
    DIBAO = "dibao"  # 低保
    TEKUN = "tekun"  # 特困
    DISABILITY = "disability"  # grade 1-4
    RELOCATION = "relocation"  # 易地扶贫搬迁 household
    FAMILY_PLANNING = "family_planning"  # 计划生育特扶


class InsuredCategory(StrEnum):
    """Insured category for subsidy and paid-premium rules (参保人员类别)."""

    ORDINARY = "ordinary"
    DISABLED_1 = "disabled_1"
    DISABLED_2 = "disabled_2"
    DISABLED_3 = "disabled_3"
    TEKUN_1 = "tekun_1"
    TEKUN_2 = "tekun_2"
    TEKUN_3 = "tekun_3"
    POOR_1 = "poor_1"
    POOR_2 = "poor_2"
    POOR_3 = "poor_3"
    DIBAO_1 = "dibao_1"
    DIBAO_2 = "dibao_2"
    DIBAO_3 = "dibao_3"
    FAMILY_PLANNING = "family_planning"
    OTHER = "other"


class PopulationCategory(StrEnum):
    UNDER_16 = "under_16"
    WORKING_AGE = "working_age"
    ELDERLY = "elderly"
    UNABLE_TO_WORK = "unable_to_work"
    DECEASED = "deceased"
    MISSING = "missing"


class EmploymentStatus(StrEnum):
    FARMING = "farming"
    WORKING_AWAY = "working_away"
    LOCAL_EMPLOYMENT = "local_employment"
    SELF_EMPLOYED = "self_employed"
    FLEXIBLE = "flexible"
    RETURNED_NOT_WORKING = "returned_not_working"
    NOT_TRANSFERRED = "not_transferred"


class JobChannel(StrEnum):
    GOVERNMENT = "government"
    OWN = "own"
    EMPLOYER = "employer"
    WORKSHOP = "workshop"  # 扶贫车间
    PUBLIC_WELFARE = "public_welfare"  # 公益性岗位
    GUANGDONG = "guangdong"  # 粤桂协作
    OTHER = "other"


class WorkPlace(StrEnum):
    IN_COUNTY = "in_county"
    IN_REGION = "in_region"  # in Guangxi, outside the county
    OUTSIDE_REGION = "outside_region"


class CertificationMethod(StrEnum):
    COUNTER = "counter"
    HOME_VISIT = "home_visit"
    SELF_SERVICE = "self_service"
    DATA_MATCHING = "data_matching"


class ReferralOutcome(StrEnum):
    PENDING = "pending"
    HIRED = "hired"
    REJECTED = "rejected"
    DECLINED = "declined"
    NO_SHOW = "no_show"


class AwardKind(StrEnum):
    NORMAL = "normal"  # 60, 15 years paid
    TRANSITIONAL = "transitional"  # already 60 at scheme start, or short of 15 years to 60
    SPECIAL = "special"  # special basic pension for 60+ registered-poor / 低保 / 特困


class AwardStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    STOPPED = "stopped"


class EntryKind(StrEnum):
    """Kinds of ledger entries (contributions, payments)."""

    NORMAL = "normal"
    BACKPAY = "backpay"
    REVERSAL = "reversal"
    RECOVERY = "recovery"


class CostLevel(StrEnum):
    """Who shares the cost of a government-paid premium with the region."""

    CITY = "city"  # region : prefecture city = 6 : 4
    COUNTY = "county"  # region : county = 8 : 2


class Confidence(StrEnum):
    """How sure we are of a shipped policy figure (DOMAIN.md)."""

    SEED = "seed"
    NATIONAL = "national"
    CONFIRMED = "confirmed"
    DEFAULT = "default"
    LOCAL = "local"  # entered by the county
