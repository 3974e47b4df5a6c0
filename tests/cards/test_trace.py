"""The APDU trace hook masks PINs, codes and all response data."""

from __future__ import annotations

from kyc_desk.cards import Card, HandlerTransport, TracingTransport
from kyc_desk.cards.apdu import CommandApdu
from kyc_desk.cards.transport.trace import TraceEntry, mask_command, mask_response
from kyc_desk_testkit.softcard.builders.diagnostic import DIAG_AID, SMALL_EF, build_diagnostic, pattern


def test_trace_shows_selects_and_hides_pins_and_file_contents():
    soft = build_diagnostic()
    entries: list[TraceEntry] = []
    card = Card(TracingTransport(HandlerTransport(soft.process), entries.append))
    card.select_df(DIAG_AID)
    card.select_ef(SMALL_EF)
    data = card.read_binary_all()
    card.verify("1234", sfi=0x11)
    card.call(CommandApdu(0x00, 0x82, 0, 0, b"AA12345678BB", 256))
    text = "\n".join(str(e) for e in entries)
    assert "F0 4B 59 43 44 49 41 47 00 01" in text  # the AID is shown
    assert "Lc=4 ‹4 bytes›" in text  # the PIN is not
    assert "31 32 33 34" not in text and "31323334" not in text
    assert "AA12345678BB" not in text and "41 41 31 32" not in text
    assert data[:8].hex(" ").upper() not in text
    assert f"‹{len(data)} bytes›" in text
    assert entries[-2].sw is not None and entries[-2].sw.is_success
    assert all(e.elapsed >= 0 for e in entries)


def test_mask_helpers_on_odd_input():
    assert mask_command(b"\x00") == "‹malformed command, 1 bytes›"
    assert mask_response(b"") == ("‹malformed response, 0 bytes›", None)
    assert mask_command(bytes.fromhex("00B0000010")) == "00 B0 00 00 Le=16"
    assert pattern(4).hex() not in mask_response(pattern(4) + b"\x90\x00")[0]
