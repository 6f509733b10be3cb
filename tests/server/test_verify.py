"""``/verify/<token>``: a printed document checked at the county after its station synced."""

from __future__ import annotations

import base64
import json

import pytest
from sqlalchemy import select, update
from sync_harness import CLERK, NOW, County, Village

from villagedesk.documents.api import print_document, public_key
from villagedesk.documents.registry import DocumentRequest
from villagedesk.documents.signing import canonical_payload, decode_token, encode_token
from villagedesk.store.server_models import CountyStation


def _print(village: Village) -> str:
    pid = village.register(1, name="韦秀英")
    result = print_document(
        db=village.db,
        request=DocumentRequest(kind="entitlement-statement", person_id=pid),
        clerk=CLERK,
        now=NOW,
    )
    qr = result.documents[0].token
    # the QR code leads to the county's verify page
    assert qr.startswith("http://county.test/verify/VD1.")
    return qr.rsplit("/verify/", 1)[1]


def _give_key(county: County, village: Village) -> None:
    """What the station's sync does (it sends its key); here set directly so that this test
    checks the verification alone."""
    key = public_key(db=village.db)
    assert key
    with county.db.write() as s:
        s.execute(
            update(CountyStation)
            .where(CountyStation.village_code == village.code)
            .values(document_public_key=key)
        )


def _verify(county: County, token: str) -> dict[str, object]:
    r = county.http.get(f"/verify/{token}", params={"format": "json"})
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_a_genuine_synced_document_is_confirmed_with_its_facts(
    county: County, village_a: Village
) -> None:
    token = _print(village_a)
    # before the station's next sync the county knows neither its key nor the print
    assert _verify(county, token)["outcome"] == "no_key"
    village_a.sync()  # sends the key (a request header) and the print record
    after = _verify(county, token)
    assert after["outcome"] == "genuine" and after["on_record"] is True
    assert after["facts"]["n"] == "韦秀英"  # type: ignore[index]
    assert "*" in str(after["facts"]["id"])  # type: ignore[index]  # masked, never whole
    page = county.http.get(f"/verify/{token}")
    assert page.status_code == 200
    assert "真实有效" in page.text and "韦秀英" in page.text and "个人权益记录单" in page.text


def test_a_print_not_yet_synced_is_genuine_but_not_on_record(
    county: County, village_a: Village
) -> None:
    token = _print(village_a)
    _give_key(county, village_a)
    answer = _verify(county, token)
    assert answer["outcome"] == "genuine_not_synced" and answer["valid"] is True
    assert "尚未同步" in county.http.get(f"/verify/{token}").text


def test_an_altered_payload_is_reported_as_forged(county: County, village_a: Village) -> None:
    token = _print(village_a)
    _give_key(county, village_a)
    village_a.sync()
    payload, signature = decode_token(token)

    fields = json.loads(payload)
    fields["f"]["n"] = "李四"  # somebody changes the name on a copy of the paper
    forged = encode_token(payload=canonical_payload(fields), signature=signature)
    answer = _verify(county, forged)
    assert answer["outcome"] == "forged" and answer["valid"] is False
    assert "伪造" in county.http.get(f"/verify/{forged}").text


def test_a_station_without_a_key_and_garbage_get_a_plain_answer(
    county: County, village_a: Village
) -> None:
    token = _print(village_a)
    assert _verify(county, token)["outcome"] == "no_key"
    assert _verify(county, "hello")["outcome"] == "malformed"
    fake = encode_token(
        payload=canonical_payload({"v": 1, "st": "450000000000"}), signature=b"\0" * 64
    )
    assert _verify(county, fake)["outcome"] == "unknown_station"
    too_long = county.http.get("/verify", params={"token": "x" * 5000})
    assert too_long.status_code == 422
    assert county.http.get("/verify", params={"format": "json"}).status_code == 422
    assert "粘贴二维码内容" in county.http.get("/verify").text


@pytest.mark.parametrize("key", ["", "not-base64!!", base64.b64encode(b"short").decode()])
def test_a_broken_key_at_the_county_never_gives_a_500(
    county: County, village_a: Village, key: str
) -> None:
    token = _print(village_a)
    with county.db.write() as s:
        s.execute(
            update(CountyStation)
            .where(CountyStation.village_code == village_a.code)
            .values(document_public_key=key)
        )
        assert s.scalar(select(CountyStation.village_code)) is not None
    answer = _verify(county, token)
    assert answer["valid"] is False
