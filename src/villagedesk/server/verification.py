"""Checking a printed document at the county: is this paper what a counter really printed?

Anyone holding a certificate can scan its QR code; the address leads to ``/verify/<token>``.
The token is signed by the printing station's Ed25519 key (``documents.signing``). The county
knows each station's public key (sent at enrolment and on every sync, kept on
``county_stations.document_public_key``) and the synced ``printed_documents`` log, so it can
tell four things apart: genuine and on record, genuine but not yet synced, forged or altered,
and a token naming a station or key the county does not know.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from villagedesk.documents import signing
from villagedesk.documents.registry import KINDS
from villagedesk.store.models import PrintedDocument
from villagedesk.store.server_models import CountyStation

# Outcomes, as stable codes; ``VERDICTS`` holds the words a reader sees.
GENUINE = "genuine"  # signature good and the county holds the same print record
GENUINE_NOT_SYNCED = "genuine_not_synced"  # signature good, print record not here yet
ALTERED = "altered"  # signature good but the county's record of that document differs
FORGED = "forged"  # the signature does not match the station's key
MALFORMED = "malformed"  # not a villagedesk token at all
UNKNOWN_STATION = "unknown_station"  # names a village with no enrolled counter
NO_KEY = "no_key"  # the station has not sent its public key yet
UNSUPPORTED = "unsupported"  # a newer token format than this server reads

VERDICTS: dict[str, str] = {
    GENUINE: "真实有效：该凭证由村服务站打印，县级系统有相同的打印记录。",
    GENUINE_NOT_SYNCED: "签名有效：该凭证由村服务站打印，打印记录尚未同步到县级系统。",
    ALTERED: "无效：签名正确，但县级系统记录的该凭证内容不同，请核实。",
    FORGED: "无效：签名不符，凭证可能被伪造或篡改。",
    MALFORMED: "无法识别：这不是本系统打印的凭证二维码。",
    UNKNOWN_STATION: "无法核验：县级系统中没有该服务站。",
    NO_KEY: "暂无法核验：该服务站尚未同步其签名公钥，请在其同步后再试。",
    UNSUPPORTED: "无法核验：凭证格式版本较新，请升级县级服务器。",
}

# The signed facts, with the labels printed on the paper.
FACT_LABELS: dict[str, str] = {
    "n": "姓名",
    "id": "公民身份号码（部分隐藏）",
    "year": "缴费年度",
    "personal": "个人缴费（元）",
    "subsidy": "政府补贴（元）",
    "gov": "政府代缴（元）",
    "total": "记入个人账户（元）",
    "surveyed": "登记日期",
    "on": "日期",
    "rows": "条数",
}

MAX_TOKEN_CHARS = 4000  # a QR code holds at most ~3 kB; longer is not ours


@dataclass(frozen=True)
class VerificationResult:
    outcome: str
    valid: bool  # the signature checks out against the station's key
    station_code: str = ""
    station_name: str = ""
    serial: str = ""
    kind: str = ""
    kind_title: str = ""
    printed_on: str = ""
    reprint_of: str = ""
    facts: dict[str, Any] = field(default_factory=dict)
    on_record: bool = False

    @property
    def verdict(self) -> str:
        return VERDICTS[self.outcome]

    def labelled_facts(self) -> list[tuple[str, str]]:
        return [(FACT_LABELS.get(k, k), str(v)) for k, v in self.facts.items()]

    def as_json(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "valid": self.valid,
            "verdict": self.verdict,
            "station_code": self.station_code,
            "station_name": self.station_name,
            "serial": self.serial,
            "kind": self.kind,
            "kind_title": self.kind_title,
            "printed_on": self.printed_on,
            "reprint_of": self.reprint_of,
            "facts": self.facts,
            "on_record": self.on_record,
        }


def _titles() -> dict[str, str]:
    titles: dict[str, str] = {}
    for kind in KINDS.values():
        titles.setdefault(kind.logged_as, kind.title)
        titles.setdefault(kind.code, kind.title)
    return titles


def _claimed_fields(token: str) -> dict[str, Any] | None:
    """The payload's fields before any check — only to find which station's key to use."""
    try:
        payload, _signature = signing.decode_token(token)
        fields = json.loads(payload.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return fields if isinstance(fields, dict) else None


def verify_printed(session: Session, token: str) -> VerificationResult:
    """Check ``token`` (or a whole verify URL) against the county's keys and print records."""
    if len(token) > MAX_TOKEN_CHARS:
        return VerificationResult(outcome=MALFORMED, valid=False)
    claimed = _claimed_fields(token)
    if claimed is None:
        return VerificationResult(outcome=MALFORMED, valid=False)
    code = str(claimed.get("st", ""))
    station = session.scalar(select(CountyStation).where(CountyStation.village_code == code))
    if station is None:
        return VerificationResult(outcome=UNKNOWN_STATION, valid=False, station_code=code)
    common: dict[str, Any] = {"station_code": code, "station_name": station.name}
    if not station.document_public_key:
        return VerificationResult(outcome=NO_KEY, valid=False, **common)
    checked = signing.verify_token(token, station.document_public_key)
    if not checked.valid:
        outcome = {
            signing.MALFORMED: MALFORMED,
            signing.UNSUPPORTED: UNSUPPORTED,
        }.get(checked.reason, FORGED)
        return VerificationResult(outcome=outcome, valid=False, **common)
    fields = checked.fields
    kind = str(fields.get("k", ""))
    facts = fields.get("f")
    details: dict[str, Any] = {
        **common,
        "serial": checked.serial,
        "kind": kind,
        "kind_title": _titles().get(kind, kind),
        "printed_on": str(fields.get("d", "")),
        "reprint_of": str(fields.get("r", "")),
        "facts": dict(facts) if isinstance(facts, dict) else {},
    }
    record = session.get(PrintedDocument, checked.document_id)
    if record is None:
        return VerificationResult(outcome=GENUINE_NOT_SYNCED, valid=True, **details)
    if record.payload_hash != checked.payload_hash or record.serial != checked.serial:
        return VerificationResult(outcome=ALTERED, valid=True, **details)
    return VerificationResult(outcome=GENUINE, valid=True, on_record=True, **details)
