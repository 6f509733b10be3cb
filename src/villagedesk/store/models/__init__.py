"""All mapped classes; importing this module registers every table on ``Base.metadata``."""

from villagedesk.store.dashboard_models import (
    DashboardLoginAttempt,
    DashboardOfficer,
    DashboardSession,
    MatchBatch,
    StationReport,
    VacancyTarget,
)
from villagedesk.store.models.labour import (
    Employer,
    LabourRegistration,
    Referral,
    TrainingNeed,
    TrainingRecord,
    Vacancy,
)
from villagedesk.store.models.matching import MatchNotice
from villagedesk.store.models.pension import (
    BenefitAward,
    BenefitPayment,
    Certification,
    Contribution,
    Enrolment,
    PaidPremium,
)
from villagedesk.store.models.people import Household, Person, PersonStatus
from villagedesk.store.models.system import (
    AuditEntry,
    Clerk,
    OutboxEntry,
    PolicyRowRecord,
    PrintedDocument,
    Station,
    SyncState,
)
from villagedesk.store.security_models import CountyAuditEntry, UsbPackageRecord
from villagedesk.store.server_models import (
    AppliedMutation,
    ChangeLogEntry,
    ConflictRecord,
    CountyStation,
    DuplicateCase,
    HeldMutation,
    RowRevision,
)

__all__ = [
    "AppliedMutation",
    "AuditEntry",
    "BenefitAward",
    "BenefitPayment",
    "Certification",
    "ChangeLogEntry",
    "Clerk",
    "ConflictRecord",
    "Contribution",
    "CountyAuditEntry",
    "CountyStation",
    "DashboardLoginAttempt",
    "DashboardOfficer",
    "DashboardSession",
    "DuplicateCase",
    "Employer",
    "Enrolment",
    "HeldMutation",
    "Household",
    "LabourRegistration",
    "MatchBatch",
    "MatchNotice",
    "OutboxEntry",
    "PaidPremium",
    "Person",
    "PersonStatus",
    "PolicyRowRecord",
    "PrintedDocument",
    "Referral",
    "RowRevision",
    "Station",
    "StationReport",
    "SyncState",
    "TrainingNeed",
    "TrainingRecord",
    "UsbPackageRecord",
    "Vacancy",
    "VacancyTarget",
]
