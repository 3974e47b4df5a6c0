"""Reading the My Number software card through pcscd + vpcd, as the desk reads a real card.

Every test also checks, on the card's own log of the APDUs it received, that no command selected, read
or verified the individual number or 照合番号A — in the happy path and in every failure path.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kyc_desk.cards.apps.mynumber import (
    LastTryNotConfirmed,
    MyNumberReadOptions,
    NotMyNumberCard,
    Secret,
    SecretFormatInvalid,
    SecretRequest,
    read_mynumber,
)
from kyc_desk.cards.apps.mynumber import layouts as L
from kyc_desk.cards.errors import CardRemoved, PinBlocked, PinIncorrect
from kyc_desk.cards.reading import CardReading
from kyc_desk.verify import TrustStore, Verdict, verify_mynumber
from kyc_desk_testkit.softcard.mynumber import MyNumberCardOptions, MyNumberSoftCard, build_mynumber_card
from tests.mynumber.conftest import AT, answer_all
from tests.plugins.pcsc import VpcdSlot

pytestmark = pytest.mark.pcsc


def assert_number_never_touched(card: MyNumberSoftCard) -> None:
    """No APDU the card received could reveal the individual number."""
    assert card.forbidden_touches == []
    forbidden_selects = {
        ("text", (0x0001).to_bytes(2, "big")),
        ("text", (0x0014).to_bytes(2, "big")),
        ("surface", (0x0005).to_bytes(2, "big")),
        ("surface", (0x0013).to_bytes(2, "big")),
    }
    for df, _cla, ins, p1, p2, data in card.received:
        assert (df, data) not in forbidden_selects or ins != 0xA4
        if ins in (0x20, 0xB0, 0x24) and df in ("text", "surface"):
            sfi = p2 & 0x1F if ins != 0xB0 else (p1 & 0x1F if p1 & 0x80 else 0)
            assert sfi not in ({0x01, 0x14} if df == "text" else {0x05, 0x13}), (df, ins, p1, p2)


def read(slot: VpcdSlot, prompt: object) -> CardReading:
    """One read over a fresh exclusive connection, closed afterwards whatever happens."""
    card = slot.open_card()
    try:
        return read_mynumber(card, prompt)  # type: ignore[arg-type]
    finally:
        card.close()


def insert(slot: VpcdSlot, persona: str = "taro", **options: object) -> MyNumberSoftCard:
    card = build_mynumber_card(persona, MyNumberCardOptions(**options))
    slot.insert(card)
    return card


def test_full_read_shows_tries_first_and_verifies(vpcd_slot: VpcdSlot, anchors: TrustStore) -> None:
    soft = insert(vpcd_slot)
    shown: list[tuple[str, int]] = []
    reading = read(vpcd_slot, answer_all(soft, shown))

    assert shown == [("code_b", 10), ("sign_pin", 5)]  # 照合番号B typed once opens the card face and 基本4情報
    assert soft.verify_attempts == 3  # code_b to two APs, the password once; nothing else was sent
    assert reading.pin_tries == {"code_b": 10, "sign_pin": 5}
    assert reading.holder.name == "山田\u3000太郎"
    assert reading.holder.birth_date == dt.date(1961, 8, 4) and reading.holder.sex == "male"
    assert reading.card.expiry == soft.expiry and reading.card.number is None
    assert reading.photo is not None and reading.photo.format == "jp2"
    image = reading.photo.decode()
    assert image.size == (120, 160) and image.mode == "L"  # greyscale JPEG 2000 of the real photo
    assert set(reading.images) == {"name", "address"}
    assert [p.key for p in reading.proofs] == ["surface.card_key", "jpki.sign"]
    assert all(len(p.challenge) == 32 for p in reading.proofs)
    assert "123456789018" not in repr(reading)  # the individual number is nowhere in the reading
    assert not any(b"123456789018" in raw for raw in reading.signed_files.values())
    report = verify_mynumber(reading, anchors=anchors, at=AT)
    assert {c.verdict for c in report if c.name != "jpki.revocation"} <= {Verdict.VALID, Verdict.CONSISTENT}
    assert_number_never_touched(soft)


def test_wrong_code_b_costs_one_try_and_returns_nothing(vpcd_slot: VpcdSlot) -> None:
    soft = insert(vpcd_slot)
    wrong = Secret("55021720352285")
    with pytest.raises(PinIncorrect) as caught:
        read(vpcd_slot, lambda request: wrong)
    assert caught.value.retries_left == 9
    assert soft.key("surface_code_b").tries_left == 9 and soft.verify_attempts == 1  # never retried
    assert "5502" not in caught.value.message
    shown: list[tuple[str, int]] = []
    read(vpcd_slot, answer_all(soft, shown))
    assert shown[0] == ("code_b", 9)  # the next read shows the lower count before asking
    assert soft.key("surface_code_b").tries_left == 10  # a right entry resets the counter
    assert_number_never_touched(soft)


def test_text_pin_counts_down_then_asks_before_the_last_try_then_blocks(vpcd_slot: VpcdSlot) -> None:
    soft = insert(vpcd_slot)

    def wrong_pin(confirm: bool) -> object:
        def prompt(request: SecretRequest) -> Secret | None:
            return Secret("9999", confirm_last_try=confirm) if request.name == "text_pin" else None

        return prompt

    with pytest.raises(PinIncorrect) as first:
        read(vpcd_slot, wrong_pin(False))
    assert first.value.retries_left == 2
    with pytest.raises(PinIncorrect) as second:
        read(vpcd_slot, wrong_pin(False))
    assert second.value.retries_left == 1
    sent = soft.verify_attempts
    with pytest.raises(LastTryNotConfirmed):
        read(vpcd_slot, wrong_pin(False))
    assert soft.verify_attempts == sent  # one try left and no confirmation: nothing sent
    with pytest.raises(PinBlocked):
        read(vpcd_slot, wrong_pin(True))
    assert soft.key("text_pin").tries_left == 0
    asked: list[str] = []

    def record(request: SecretRequest) -> None:
        asked.append(request.name)

    with pytest.raises(PinBlocked):
        read(vpcd_slot, record)
    assert "text_pin" not in asked and soft.verify_attempts == sent + 1  # blocked: not even asked
    assert_number_never_touched(soft)


def test_blocked_signature_password_is_reported_without_asking(vpcd_slot: VpcdSlot) -> None:
    soft = insert(vpcd_slot, tries={"sign_pin": 0})
    asked: list[str] = []

    def prompt(request: SecretRequest) -> Secret:
        asked.append(request.name)
        return Secret(soft.secrets[request.name])

    with pytest.raises(PinBlocked) as caught:
        read(vpcd_slot, prompt)
    assert "sign_pin" not in asked
    assert caught.value.ja  # a Japanese message for the user
    assert_number_never_touched(soft)


def test_a_badly_formed_secret_is_refused_before_sending(vpcd_slot: VpcdSlot) -> None:
    soft = insert(vpcd_slot)
    with pytest.raises(SecretFormatInvalid):
        read(vpcd_slot, lambda request: Secret("123"))
    assert soft.verify_attempts == 0
    with pytest.raises(SecretFormatInvalid):  # a password without a digit
        read(vpcd_slot, lambda r: Secret("abcdefg") if r.name == "sign_pin" else None)
    assert soft.verify_attempts == 0


@pytest.mark.parametrize(("options", "verdict"), [({"tamper": frozenset({"surface_face"})}, Verdict.INVALID),
                                                  ({"rogue_issuers": True}, Verdict.UNTRUSTED)])  # fmt: skip
def test_altered_and_unknown_issuer_cards_through_the_reader(
    vpcd_slot: VpcdSlot, anchors: TrustStore, options: dict[str, object], verdict: Verdict
) -> None:
    soft = insert(vpcd_slot, **options)
    reading = read(vpcd_slot, answer_all(soft))
    report = verify_mynumber(reading, anchors=anchors, at=AT)
    assert report.get("surface.signature").verdict is verdict  # type: ignore[union-attr]
    assert_number_never_touched(soft)


@pytest.mark.parametrize("after", [3, 12, 30])
def test_card_pulled_out_mid_read_gives_an_error_and_no_reading(vpcd_slot: VpcdSlot, after: int) -> None:
    soft = insert(vpcd_slot)
    card = vpcd_slot.open_card()
    vpcd_slot.bridge.remove_after(after)
    with pytest.raises(CardRemoved) as caught:
        read_mynumber(card, answer_all(soft))
    assert caught.value.ja
    assert_number_never_touched(soft)


def test_another_card_is_not_a_my_number_card(vpcd_slot: VpcdSlot) -> None:
    from kyc_desk_testkit.softcard.registry import build_card

    vpcd_slot.insert(build_card("minimal-residence"))
    with pytest.raises(NotMyNumberCard):
        read(vpcd_slot, lambda request: None)


def test_the_desk_has_no_path_to_the_number() -> None:
    from kyc_desk.cards.apps.mynumber.unlock import guard_file

    for aid, fid in L.FORBIDDEN_FILES:
        with pytest.raises(AssertionError):
            guard_file(aid, fid)


def test_the_card_notices_a_touch_of_the_number(vpcd_slot: VpcdSlot) -> None:
    """The control for every check above: the card's detector does fire when the number is asked for."""
    from kyc_desk.cards import apdu

    soft = insert(vpcd_slot)
    card = vpcd_slot.open_card()
    try:
        card.select_df(L.TEXT_AID)
        card.call(apdu.select_fid(0x0001))  # what the desk never does
        card.call(apdu.read_binary(0, 17, sfi=0x01))
        card.call(apdu.verify_query(sfi=0x14))  # 照合番号A's counter
    finally:
        card.close()
    assert len(soft.forbidden_touches) == 3
    with pytest.raises(AssertionError):
        assert_number_never_touched(soft)


def _trace(card: MyNumberSoftCard) -> list[tuple[str, int, int, int, int]]:
    return [(df, cla, ins, p1, p2) for df, cla, ins, p1, p2, _data in card.received]


def test_presence_proof_adds_one_command_and_no_verify(vpcd_slot: VpcdSlot, anchors: TrustStore) -> None:
    """The APDU trace of a full read with the proof is the trace without it plus one 80 2A 00 00, sent in
    the card face AP; the number of VERIFY commands (and everything else) is unchanged."""
    soft = insert(vpcd_slot)
    card = vpcd_slot.open_card()
    try:
        read_mynumber(card, answer_all(soft), options=MyNumberReadOptions(presence=False))
    finally:
        card.close()
    before = _trace(soft)
    soft.received.clear()
    reading = read(vpcd_slot, answer_all(soft))
    after = _trace(soft)
    extra = [command[1:] for command in after]  # the DF a command starts in depends on the read before
    for command in before:
        extra.remove(command[1:])
    assert extra == [(0x80, 0x2A, 0x00, 0x00)]
    assert [c[0] for c in after if c[1:3] == (0x80, 0x2A)] == ["surface", "jpki"]  # proof, then JPKI challenge
    assert len(after) == len(before) + 1
    assert sum(c[2] == 0x20 for c in after) == sum(c[2] == 0x20 for c in before)
    report = verify_mynumber(reading, anchors=anchors, at=AT)
    assert report.get("surface.presence").verdict is Verdict.VALID  # type: ignore[union-attr]
    assert_number_never_touched(soft)


def test_a_clone_reads_as_a_suspected_copy_through_the_reader(vpcd_slot: VpcdSlot, anchors: TrustStore) -> None:
    soft = insert(vpcd_slot, clone=True)
    reading = read(vpcd_slot, answer_all(soft))
    report = verify_mynumber(reading, anchors=anchors, at=AT)
    verdicts = {c.name: c.verdict for c in report}
    assert verdicts["surface.presence"] is Verdict.SUSPECTED_COPY
    # every file is genuine: the signatures over them are fine, only the chip gives it away
    assert verdicts["surface.signature"] is Verdict.VALID and verdicts["text.signature"] is Verdict.VALID
    assert_number_never_touched(soft)


def test_real_card_layout_variants_read_with_the_right_data(vpcd_slot: VpcdSlot, anchors: TrustStore) -> None:
    """An extra object in both FF20, both EF 0002 allocated past 0x7FFF with non-FF filler after the
    declared length, and a sex code the desk does not know: the data and every signature still check."""
    soft = insert(vpcd_slot, layout=frozenset({"extra_object", "large_file", "unknown_sex"}))
    reading = read(vpcd_slot, answer_all(soft))
    assert reading.holder.name == "山田\u3000太郎" and reading.holder.birth_date == dt.date(1961, 8, 4)
    assert reading.holder.sex == "unknown" and reading.extra["sex_code"] == "3"
    face = reading.signed_files["surface.face"]
    assert face.endswith(b"\xdf\x2b" + bytes((len("追加項目".encode()),)) + "追加項目".encode())  # stopped there
    report = verify_mynumber(reading, anchors=anchors, at=AT)
    verdicts = {c.name: c.verdict for c in report}
    for name in ("surface.signature", "surface.presence", "text.signature", "jpki.challenge"):
        assert verdicts[name] is Verdict.VALID, name
    assert verdicts["cross.sex"] is Verdict.NOT_VERIFIABLE  # an unknown code is shown, never compared
