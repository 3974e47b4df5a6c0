"""Card over in-memory transports: exact APDU sequences, 61xx/6Cxx, reads, keys, cancellation."""

from __future__ import annotations

import threading

import pytest

from kyc_desk.cards import Card, HandlerTransport, ScriptedTransport
from kyc_desk.cards.apdu import CommandApdu, ResponseApdu
from kyc_desk.cards.errors import (
    Cancelled,
    ExtendedLengthUnsupported,
    FileNotFound,
    NotThisCard,
    PinBlocked,
    PinIncorrect,
    SecretRequired,
    StatusError,
)
from kyc_desk_testkit.softcard.builders.diagnostic import (
    DIAG_AID,
    LARGE_EF,
    LARGE_SIZE,
    SMALL_EF,
    build_diagnostic,
    pattern,
)

OK = bytes.fromhex("9000")


def h(text: str) -> bytes:
    return bytes.fromhex(text.replace(" ", ""))


def test_select_and_read_send_exactly_the_expected_apdus():
    t = ScriptedTransport([OK, OK, h("3082061F 9000")])
    card = Card(t, use_extended=False)
    card.select_df(h("D392F000260100000001"))
    card.select_ef(0x000A)
    assert card.read_binary(0, 4) == h("3082061F")
    assert t.sent == [h("00A4040C0AD392F000260100000001"), h("00A4020C02000A"), h("00B0000004")]


def test_get_response_chain_is_followed():
    t = ScriptedTransport([h("AABB 6104"), h("CCDDEEFF 6102"), h("0102 9000")])
    response = Card(t).call(CommandApdu(0, 0xCA, 0x5F, 0x51, le=256))
    assert response.data == h("AABBCCDDEEFF0102") and response.sw.is_success
    assert t.sent[1:] == [h("00C0000004"), h("00C0000002")]


def test_wrong_le_is_resent_once_with_the_le_the_card_asks_for():
    t = ScriptedTransport([h("6C11"), bytes(17) + OK])
    assert Card(t).call_ok(CommandApdu(0, 0xB0, 0, 0, le=256)) == bytes(17)
    assert t.sent == [h("00B0000000"), h("00B0000011")]


def test_select_of_a_missing_application_is_not_this_card_and_missing_ef_is_file_not_found():
    card = Card(ScriptedTransport([h("6A82"), h("6A82")]))
    with pytest.raises(NotThisCard):
        card.select_df(h("A0000002310100000000000000000000"))
    with pytest.raises(FileNotFound):
        card.select_ef(0x0001)


def _diag_card(**kwargs) -> tuple[Card, object]:
    soft = build_diagnostic()
    card = Card(HandlerTransport(soft.process, **kwargs))
    card.select_df(DIAG_AID)
    return card, soft


@pytest.mark.parametrize("extended", [True, False])
def test_read_binary_all_until_end(extended):
    card, soft = _diag_card(supports_extended=extended)
    card.select_ef(LARGE_EF)
    assert card.read_binary_all() == pattern(LARGE_SIZE, 1)
    reads = [c for c in soft.commands if c[1] == 0xB0]
    assert len(reads) == (1 if extended else 118)  # short: 117 full chunks and a short one


def test_read_binary_all_exact_size_and_by_short_ef_id():
    card, soft = _diag_card(supports_extended=False)
    assert card.read_binary_all(size=2048, sfi=0x01) == pattern(2048)
    reads = [c for c in soft.commands if c[1] == 0xB0]
    assert reads[0] == (0x00, 0xB0, 0x81, 0x00) and reads[1] == (0x00, 0xB0, 0x01, 0x00)
    assert len(reads) == 8


def test_file_shorter_than_the_size_asked_for_raises_not_partial():
    card, _ = _diag_card()
    card.select_ef(SMALL_EF)
    with pytest.raises(StatusError):
        card.read_binary_all(size=4096)


def test_a_short_file_answering_6282_with_its_data_on_the_first_read_is_read():
    """Some cards answer the first READ BINARY of a file shorter than Le with its data and 6282."""
    card = Card(ScriptedTransport([h("0102030405 6282")]))
    assert card.read_binary_all() == h("0102030405")


def test_6282_without_data_on_the_first_read_still_raises():
    card = Card(ScriptedTransport([h("6282")]))
    with pytest.raises(StatusError):
        card.read_binary_all()


def test_extended_needs_a_capable_transport():
    card, _ = _diag_card(supports_extended=False)
    card.select_ef(SMALL_EF)
    with pytest.raises(ExtendedLengthUnsupported):
        card.read_binary(0, 1000)
    with pytest.raises(ExtendedLengthUnsupported):
        card.call(CommandApdu(0, 0xD6, 0, 0, bytes(300)))


def test_tries_left_uses_only_the_empty_verify():
    card, soft = _diag_card()
    assert card.tries_left(sfi=0x11) == 3
    assert soft.verify_queries == 1 and soft.verify_attempts == 0


def test_verify_sends_exactly_what_it_is_given_and_never_retries():
    card, soft = _diag_card()
    with pytest.raises(PinIncorrect) as info:
        card.verify("0000", sfi=0x11)
    assert info.value.retries_left == 2
    assert soft.verify_attempts == 1
    card.verify("1234", sfi=0x11)
    assert soft.verify_attempts == 2
    assert card.tries_left(sfi=0x11) == 3


def test_verify_refuses_an_empty_or_non_ascii_secret_without_sending():
    card, soft = _diag_card()
    for secret in ("", b"", "１２３４"):
        with pytest.raises(SecretRequired):
            card.verify(secret, sfi=0x11)
    assert soft.verify_attempts == 0 and soft.verify_queries == 0


def test_blocking_sequence():
    card, _soft = _diag_card()
    for left in (2, 1):
        with pytest.raises(PinIncorrect):
            card.verify("9999", sfi=0x11)
        assert card.tries_left(sfi=0x11) == left
    with pytest.raises(PinBlocked) as info:
        card.verify("9999", sfi=0x11)
    assert info.value.sw.value == 0x63C0
    with pytest.raises(PinBlocked) as info:
        card.verify("1234", sfi=0x11)  # even the right PIN: blocked is blocked
    assert info.value.sw.value == 0x6984
    assert card.tries_left(sfi=0x11) == 0


def test_cancel_stops_between_apdus_and_returns_nothing():
    soft = build_diagnostic()
    calls = 0
    holder: dict[str, Card] = {}

    def handler(cmd: CommandApdu) -> ResponseApdu:
        nonlocal calls
        calls += 1
        if calls == 5:
            threading.Thread(target=holder["card"].cancel).start()
            threading.Event().wait(0.05)
        return soft.process(cmd)

    card = Card(HandlerTransport(handler, supports_extended=False))
    holder["card"] = card
    card.select_df(DIAG_AID)
    card.select_ef(LARGE_EF)
    with pytest.raises(Cancelled):
        card.read_binary_all()
    assert calls == 5
    card.clear_cancel()
    assert len(card.read_binary_all(size=256)) == 256


def test_signing_and_challenge_pass_through():
    t = ScriptedTransport([bytes(range(8)) + OK, bytes(256) + OK, h("6982")])
    card = Card(t)
    assert card.get_challenge(8) == bytes(range(8))
    assert card.compute_digital_signature(b"\x30\x31") == bytes(256)
    assert t.sent[1] == h("802A0080023031 00")
    with pytest.raises(StatusError):
        card.internal_authenticate(b"\x01")


def test_tries_left_reports_no_limit_for_6300():
    """A key without a retry counter answers 6300 to the empty VERIFY: "no limit", not an error."""
    from kyc_desk.cards.card import NO_LIMIT

    t = ScriptedTransport([h("6300")])
    assert Card(t).tries_left(sfi=0x11) == NO_LIMIT
    assert t.sent == [h("00200091")]


def test_read_until_declared_stops_at_the_outer_length_and_never_reads_the_filler():
    """Short reads: the header's declared length decides how far to read; the physical file (allocated
    past the 15-bit offsets, filler not FF) is never reached."""
    body = b"\xdf\x22\x03abc" * 100  # 600 bytes
    obj = b"\xff\x20\x82" + len(body).to_bytes(2, "big") + body  # 605 bytes
    physical = obj + b"\x5a" * (0x8100 - len(obj))
    answers = [physical[0:256] + OK, physical[256:512] + OK, physical[512:605] + OK]
    t = ScriptedTransport(answers)
    card = Card(t, use_extended=False)
    assert card.read_binary_all(until_declared=True) == obj
    assert t.sent == [h("00B0000000"), h("00B0010000"), h("00B002005D")]


def test_read_until_declared_cuts_an_extended_read_and_refuses_a_short_file():
    obj = b"\x30\x05hello"
    t = ScriptedTransport([obj + b"\x00\x01\x02" + OK])
    assert Card(t, use_extended=True).read_binary_all(until_declared=True) == obj
    cut = ScriptedTransport([obj[:5] + OK, h("6B00")])
    with pytest.raises(StatusError):
        Card(cut, use_extended=False).read_binary_all(until_declared=True)
