"""Reading software driver's licences in memory: contents, the PIN rules, errors and EF07."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest

from kyc_desk.app.texts import check_text
from kyc_desk.cards.apps.driver_licence import (
    LastTryNotConfirmed,
    LicencePinBlocked,
    LicencePinIncorrect,
    NotDriverLicence,
    PinFormatInvalid,
    PinRequired,
    parse_changes,
    read_common_data,
    read_driver_licence,
)
from kyc_desk.cards.apps.driver_licence.reader import FILE_ITEMS
from kyc_desk.cards.apps.driver_licence.text import encode_jis_x0208
from kyc_desk.cards.apps.mynumber.unlock import Secret, SecretRequest
from kyc_desk.cards.card import Card
from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.tlv import encode_simple, parse_simple
from kyc_desk.cards.transport.memory import HandlerTransport
from kyc_desk.verify._primitives import verify_rsa_pkcs1v15_sha256
from kyc_desk.verify.driver_licence import check_driver_licence
from kyc_desk.verify.report import Verdict
from kyc_desk_testkit.softcard.driver_licence import (
    SYNTHETIC_SIGNATURE_TAG,
    LicenceChangeSpec,
    build_driver_licence,
    licence_test_key,
)
from kyc_desk_testkit.softcard.engine import SoftCard
from kyc_desk_testkit.softcard.persona import Persona, demo_personas

AT = dt.datetime(2026, 11, 21, tzinfo=dt.UTC)
PINS = {"pin1": "1234", "pin2": "5678"}


@pytest.fixture(scope="module")
def taro() -> Persona:
    return demo_personas()["taro"]


class Prompt:
    """Answers from a table and records what it was asked (name, tries shown) — like a user at the desk."""

    def __init__(self, answers: Mapping[str, str | None], *, confirm: bool = False) -> None:
        self.answers, self.confirm = answers, confirm
        self.asked: list[tuple[str, int]] = []

    def __call__(self, request: SecretRequest) -> Secret | None:
        self.asked.append((request.name, request.tries_left))
        value = self.answers.get(request.name)
        return None if value is None else Secret(value, confirm_last_try=self.confirm)


def _card(softcard: SoftCard) -> Card:
    return Card(HandlerTransport(softcard.process))


def test_full_read(taro: Persona) -> None:
    softcard, built = build_driver_licence(taro)
    prompt = Prompt(PINS)
    reading = read_driver_licence(_card(softcard), prompt)
    assert prompt.asked == [("pin1", 3), ("pin2", 3)]  # tries shown before each secret was asked
    assert reading.card_type == "driver_licence"
    assert reading.holder.name == "山田\u3000太郎"
    assert reading.holder.name_kana == "ヤマダ\u3000タロウ"
    assert reading.holder.address == "東京都千代田区霞が関一丁目１番１号"
    assert reading.holder.birth_date == taro.birth_date
    assert reading.card.number == built.licence_number
    assert (reading.card.issued, reading.card.expiry) == (built.issued, built.expiry)
    assert reading.extra["colour"] == "優良"
    assert reading.extra["conditions"] == "眼鏡等"
    assert reading.extra["commission"] == "東京都公安委員会"
    assert reading.extra["categories"] == "二・小・原 1990-04-01、普通 1990-04-01"  # 中型 "0000000" = not held
    assert "domicile" not in reading.extra and "driver_licence.df1.ef02" not in reading.signed_files  # not asked
    assert reading.extra["recorded_changes"] == "なし"
    assert reading.pin_tries == {"pin1": 3, "pin2": 3}
    assert reading.photo is not None and reading.photo.decode().mode == "L"  # monochrome
    assert len(reading.photo.data) <= 2000
    assert softcard.verify_attempts == 2


def test_domicile_is_read_only_when_the_scrivener_asks(taro: Persona) -> None:
    """本籍 is not a 本人特定事項: EF02 and EF06 are selected only with include_domicile."""
    softcard, _ = build_driver_licence(taro)
    transport = HandlerTransport(softcard.process)
    read_driver_licence(Card(transport), Prompt(PINS))
    selects = [apdu for apdu in transport.sent if apdu[1] == 0xA4]
    assert bytes.fromhex("00A4020C020002") not in selects and bytes.fromhex("00A4020C020006") not in selects
    asked = read_driver_licence(_card(build_driver_licence(taro)[0]), Prompt(PINS), include_domicile=True)
    assert asked.extra["domicile"] == "東京都千代田区" and "driver_licence.df1.ef02" in asked.signed_files


def test_card_without_pins_gets_the_default_pin_only(taro: Persona) -> None:
    softcard, _ = build_driver_licence(taro, pins_set=False)
    prompt = Prompt(PINS)  # the user would type PINs, but the card has none: they must not be sent
    reading = read_driver_licence(_card(softcard), prompt, include_domicile=True)
    assert prompt.asked == []
    assert reading.photo is not None and reading.extra["domicile"]
    assert softcard.key("pin1").secret == b"****" and softcard.verify_attempts == 2


def test_pin2_skipped_reads_items_only(taro: Persona) -> None:
    softcard, _ = build_driver_licence(taro)
    reading = read_driver_licence(_card(softcard), Prompt({"pin1": "1234"}))
    assert reading.photo is None and "domicile" not in reading.extra
    assert reading.pin_tries == {"pin1": 3, "pin2": 3}
    assert softcard.verify_attempts == 1


def test_wrong_pin_is_reported_with_tries_and_never_retried(taro: Persona) -> None:
    softcard, _ = build_driver_licence(taro)
    with pytest.raises(LicencePinIncorrect) as caught:
        read_driver_licence(_card(softcard), Prompt({"pin1": "9999", "pin2": "5678"}))
    assert caught.value.retries_left == 2 and caught.value.pin == "pin1"
    assert "9999" not in caught.value.message and "9999" not in caught.value.ja
    assert "暗証番号1" in caught.value.ja and "2" in caught.value.ja
    assert softcard.verify_attempts == 1
    assert softcard.key("pin1").tries_left == 2


def test_blocked_pin_sends_nothing(taro: Persona) -> None:
    softcard, _ = build_driver_licence(taro, tries_left=(0, 3))
    prompt = Prompt(PINS)
    with pytest.raises(LicencePinBlocked) as caught:
        read_driver_licence(_card(softcard), prompt)
    assert "警察" in caught.value.ja
    assert prompt.asked == [] and softcard.verify_attempts == 0


def test_last_try_needs_explicit_confirmation(taro: Persona) -> None:
    softcard, _ = build_driver_licence(taro, tries_left=(1, 3))
    with pytest.raises(LastTryNotConfirmed):
        read_driver_licence(_card(softcard), Prompt(PINS))
    assert softcard.verify_attempts == 0
    reading = read_driver_licence(_card(softcard), Prompt(PINS, confirm=True))
    assert reading.pin_tries["pin1"] == 1  # as read before asking
    assert softcard.key("pin1").tries_left == 3  # the right PIN restored the counter


@pytest.mark.parametrize("typed", ["123", "12345", "12a4", "１２３４x"])
def test_malformed_pin_is_refused_before_sending(taro: Persona, typed: str) -> None:
    softcard, _ = build_driver_licence(taro)
    with pytest.raises(PinFormatInvalid):
        read_driver_licence(_card(softcard), Prompt({"pin1": typed}))
    assert softcard.verify_attempts == 0


def test_pin1_is_required_when_set(taro: Persona) -> None:
    softcard, _ = build_driver_licence(taro)
    with pytest.raises(PinRequired):
        read_driver_licence(_card(softcard), Prompt({}))
    assert softcard.verify_attempts == 0


def test_gaiji_placeholder_is_visible(taro: Persona) -> None:
    softcard, _ = build_driver_licence(taro, gaiji_in_name=True)
    reading = read_driver_licence(_card(softcard), Prompt(PINS))
    assert reading.holder.name == "山〈外字1〉\u3000太郎"
    assert reading.extra["gaiji_in"] == "name"


def test_a_recorded_move_is_the_current_address_with_the_original_as_history(taro: Persona) -> None:
    softcard, _ = build_driver_licence(taro, changed_address="東京都港区芝公園四丁目2番8号")
    reading = read_driver_licence(_card(softcard), Prompt(PINS))
    assert reading.holder.address == "東京都港区芝公園四丁目２番８号"  # what item checks compare with
    assert reading.extra["original_address"] == "東京都千代田区霞が関一丁目１番１号"
    assert reading.extra["changed_address"] == "東京都港区芝公園四丁目２番８号"
    assert reading.extra["change_history"] == "2025-04-01 新住所 東京都港区芝公園四丁目２番８号（東京都公安）"
    assert reading.holder.name == "山田\u3000太郎" and "original_name" not in reading.extra
    report = check_driver_licence(reading, at=AT)
    check = report.get("driver_licence.recorded_changes")
    assert check is not None and check.verdict is Verdict.NOT_VERIFIABLE and "address" in check_text(check)


def test_the_latest_of_several_changes_is_current_whatever_the_card_order(taro: Persona) -> None:
    osaka = "大阪府大阪市北区中之島一丁目3番20号"
    later = LicenceChangeSpec(0x71, osaka, day=dt.date(2026, 2, 1), commission="大阪府公安")
    earlier = LicenceChangeSpec(0x70, "東京都港区芝公園四丁目2番8号", day=dt.date(2025, 4, 1))
    renamed = LicenceChangeSpec(0x60, "鈴木 太郎", day=dt.date(2025, 6, 1))
    softcard, _ = build_driver_licence(taro, changes=(later, renamed, earlier))
    reading = read_driver_licence(_card(softcard), Prompt(PINS))
    assert reading.holder.address == "大阪府大阪市北区中之島一丁目３番２０号"
    assert reading.holder.name == "鈴木\u3000太郎" and reading.extra["original_name"] == "山田\u3000太郎"
    assert reading.extra["change_history"].count("\n") == 2  # all three kept, in card order


def test_an_undecodable_change_is_shown_and_never_taken_as_current(taro: Persona) -> None:
    broken = LicenceChangeSpec(0x72, raw=b"\x02\x00\x01")  # too short for edition + date + commission
    softcard, _ = build_driver_licence(taro, changed_address="東京都港区芝公園四丁目2番8号", changes=(broken,))
    reading = read_driver_licence(_card(softcard), Prompt(PINS))
    assert reading.extra["undecoded_changes"] == "address"
    assert "解読できない記録" in reading.extra["change_history"]
    assert "changed_address" not in reading.extra  # the current address cannot be known from the chip
    assert reading.holder.address == "東京都千代田区霞が関一丁目１番１号"


def test_an_era_year_past_the_era_end_is_read_as_printed(taro: Persona) -> None:
    """Licences issued before May 2019 print their expiry as 「平成36年」 (= 2024) and the chip agrees."""
    from kyc_desk.cards.apps.driver_licence.text import decode_era_date

    assert decode_era_date(b"4360704") == dt.date(2024, 7, 4)
    with pytest.raises(ValueError):
        decode_era_date(b"4990704")  # far past the end is still refused


def test_ef07_is_not_verifiable_by_default(taro: Persona) -> None:
    softcard, _ = build_driver_licence(taro)
    reading = read_driver_licence(_card(softcard), Prompt(PINS))
    check = check_driver_licence(reading, at=AT).checks[0]
    assert check.verdict is Verdict.NOT_VERIFIABLE
    assert check.reason == "licence.signature_layout_unknown" and check.params["size"] == 578
    text = check_text(check, "en")
    assert text.startswith("not verifiable: issuer key unknown")
    assert "578 bytes" in text and "60/256" in text  # what can be said is said
    assert "578バイト" in check_text(check, "ja")


def test_common_data_needs_no_pin(taro: Persona) -> None:
    softcard, built = build_driver_licence(taro)
    common = read_common_data(_card(softcard))
    assert (common["issued"], common["expiry"], common["spec_version"]) == (built.issued, built.expiry, "008")
    assert softcard.verify_attempts == 0 and softcard.verify_queries == 0


class SyntheticScheme:
    """A scheme for the software card's invented EF07 — shows a real layout can be plugged in."""

    name = "synthetic-test"

    def recognises(self, ef07: bytes) -> bool:
        return any(o.tag == SYNTHETIC_SIGNATURE_TAG for o in parse_simple(ef07.rstrip(b"\xff")))

    def verify(self, files: Mapping[str, bytes], *, at: dt.datetime) -> str:
        objects = parse_simple(files["driver_licence.df1.ef07"].rstrip(b"\xff"))
        signature = next(o.value for o in objects if o.tag == SYNTHETIC_SIGNATURE_TAG)
        key = licence_test_key()
        verify_rsa_pkcs1v15_sha256(key.n, key.e, signature, files[FILE_ITEMS])
        return "signature over DF1/EF01 verified"


def test_a_plugged_in_scheme_verifies_without_touching_the_reader(taro: Persona) -> None:
    softcard, _ = build_driver_licence(taro)
    reading = read_driver_licence(_card(softcard), Prompt(PINS))
    assert check_driver_licence(reading, at=AT, schemes=[SyntheticScheme()]).checks[0].verdict is Verdict.VALID
    items = bytearray(reading.signed_files[FILE_ITEMS])
    items[10] ^= 0x01
    tampered = type(reading)(**{**reading.__dict__, "signed_files": {**reading.signed_files, FILE_ITEMS: bytes(items)}})
    assert check_driver_licence(tampered, at=AT, schemes=[SyntheticScheme()]).checks[0].verdict is Verdict.INVALID


def test_other_card_is_refused() -> None:
    with pytest.raises(NotDriverLicence):
        read_driver_licence(_card(SoftCard()), Prompt(PINS))


def test_unknown_pin_setting_stops_before_any_pin(taro: Persona) -> None:
    softcard, _ = build_driver_licence(taro, pins_set=False)
    softcard.mf.by_fid(0x000A).data = encode_simple(0x10, b"\x02")  # type: ignore[union-attr]
    with pytest.raises(MalformedData):
        read_driver_licence(_card(softcard), Prompt(PINS))
    assert softcard.verify_attempts == 0


def test_parse_changes_keeps_unknown_tags_and_undecodable_values() -> None:
    date = encode_jis_x0208("７０７０４０１")
    value = b"\x02" + date + encode_jis_x0208("新住所") + encode_jis_x0208("東京都公安")
    raw = encode_simple(0x50, b"\x01") + encode_simple(0x70, value)
    raw += encode_simple(0x17, b"??") + encode_simple(0x7A, b"??")
    changes = parse_changes(raw + b"\xff" * 20)
    assert changes.flagged and changes.unknown_tags == (0x17,)
    address = changes.latest("address")
    assert address is not None and not address.decoded  # era code 7 does not exist: not guessed
    condition = changes.of_kind("condition")
    assert len(condition) == 1 and not condition[0].decoded
    good = b"\x02" + encode_jis_x0208("５０７０４０１") + encode_jis_x0208("新住所") + encode_jis_x0208("東京都公安")
    parsed = parse_changes(encode_simple(0x50, b"\x01") + encode_simple(0x70, good)).latest("address")
    assert parsed is not None and parsed.decoded and parsed.date == dt.date(2025, 4, 1)
    assert parsed.text is not None and parsed.text.text == "新住所"


def test_signature_file_refused_is_shown_not_fatal(taro: Persona) -> None:
    """EF07's access condition is UNCONFIRMED: a 69 82 refusal is shown, the rest is still read."""
    from kyc_desk_testkit.softcard.engine import Access, TransparentEF

    softcard, _ = build_driver_licence(taro)
    ef07 = softcard.df("DF1").by_fid(0x0007)
    assert isinstance(ef07, TransparentEF)
    ef07.read = Access.all_of("pin1", "pin2")
    reading = read_driver_licence(_card(softcard), Prompt({"pin1": "1234"}))
    assert reading.extra["unread_files"] == "DF1/EF07"
    assert "driver_licence.df1.ef07" not in reading.signed_files
    check = check_driver_licence(reading, at=AT).checks[0]
    assert check.verdict is Verdict.NOT_PRESENT and "refused" in check_text(check, "en")
