"""The four items of the signature certificate: OIDs of cards.md §A.6, era-coded birth date, 代替文字."""

from __future__ import annotations

import datetime as dt

import pytest

from kyc_desk.cards.apps.mynumber import parse_four_items
from kyc_desk.cards.errors import MalformedData
from kyc_desk.verify import Verdict
from kyc_desk.verify.jpki import parse_jpki_certificate
from kyc_desk.verify.mynumber import _compare_text
from kyc_desk_testkit.softcard.pki import FourItems, issue_jpki_certificate, softcard_issuers
from kyc_desk_testkit.softcard.test_keys import softcard_key

FROM = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
UNTIL = dt.datetime(2029, 1, 1, tzinfo=dt.UTC)


def certificate(items: FourItems | None) -> bytes:
    issuers = softcard_issuers()
    return issue_jpki_certificate(
        "sign", ca_key=issuers.sign_ca_key, subject=softcard_key("card_jpki_sign"), serial=7,
        identifier="997794E9AGCIEG13221003A", not_before=FROM, not_after=UNTIL, four_items=items,
    )  # fmt: skip


def test_items_parse_with_era_coded_birth_date_and_certificate_sex_codes() -> None:
    items = parse_four_items(
        certificate(FourItems("髙橋\u3000〓子", "00010", "3", "319800217", "東京都千代田区", "0000000"))
    )
    assert items is not None
    assert items.name == "髙橋\u3000〓子" and items.name_substitutes == "00010"
    assert items.birth_date == dt.date(1980, 2, 17)
    assert items.sex == "unknown"  # 3 in the certificate, not the card's 9


def test_unknown_birth_date_and_a_wrong_era_code() -> None:
    unknown = parse_four_items(certificate(FourItems("A", "0", "1", "000000000", "B", "0")))
    assert unknown is not None and unknown.birth_date is None
    with pytest.raises(MalformedData):
        parse_four_items(certificate(FourItems("A", "0", "1", "419800217", "B", "0")))  # 1980 is not 平成


def test_the_authentication_certificate_has_no_items() -> None:
    assert parse_four_items(certificate(None)) is None
    parsed = parse_jpki_certificate(certificate(None))
    assert parsed.key_usage == {"digital_signature", "non_repudiation"}
    assert parsed.policies == ("1.2.392.200149.8.5.1.0.20",)


def test_substitute_characters_are_left_out_of_the_comparison() -> None:
    same = _compare_text("cross.name", "髙橋\u3000花子", "髙橋\u3000〓子", "00010")
    assert same.verdict is Verdict.CONSISTENT
    different = _compare_text("cross.name", "高田\u3000花子", "髙橋\u3000〓子", "00010")
    assert different.verdict is Verdict.MISMATCH
    unaligned = _compare_text("cross.name", "髙橋花子", "髙橋\u3000〓子", "00010")
    assert unaligned.verdict is Verdict.NOT_VERIFIABLE
