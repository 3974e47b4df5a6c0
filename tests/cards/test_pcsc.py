"""The card stack through the real pcscd + vpcd + software cards (PcscTransport unchanged)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from kyc_desk.cards import Card
from kyc_desk.cards.errors import (
    Cancelled,
    CardAbsent,
    CardRemoved,
    CardReset,
    NoReader,
    PinBlocked,
    PinIncorrect,
    ReaderBusy,
    SecurityStatusNotSatisfied,
)
from kyc_desk.cards.transport.pcsc import PcscTransport, reader_states
from kyc_desk_testkit.softcard.builders.diagnostic import (
    DIAG_AID,
    LARGE_EF,
    LARGE_SIZE,
    PROTECTED_EF,
    SLOW_AID,
    SMALL_EF,
    build_diagnostic,
    pattern,
)

pytestmark = pytest.mark.pcsc


def test_reads_exact_bytes_short_and_extended(vpcd_slot):
    soft = vpcd_slot.insert(build_diagnostic())
    card = vpcd_slot.open_card()
    assert card.transport.supports_extended
    card.select_df(DIAG_AID)
    card.select_ef(LARGE_EF)
    assert card.read_binary_all() == pattern(LARGE_SIZE, 1)
    assert sum(1 for c in soft.commands if c[1] == 0xB0) == 1
    card.use_extended = False
    assert card.read_binary_all() == pattern(LARGE_SIZE, 1)
    assert card.read_binary_all(size=2048, sfi=0x01) == pattern(2048)
    assert card.transport.atr == soft.atr
    assert soft.verify_attempts == 0 and soft.verify_queries == 0


def test_extended_refused_by_the_card_path_falls_back_to_short_reads(vpcd_slot):
    vpcd_slot.insert(build_diagnostic(extended_length=False))
    card = vpcd_slot.open_card()
    card.select_df(DIAG_AID)
    card.select_ef(SMALL_EF)
    assert card.read_binary_all() == pattern(2048)
    assert card.use_extended is False


def test_verify_flows_count_every_verify_that_reaches_the_card(vpcd_slot):
    soft = vpcd_slot.insert(build_diagnostic())
    card = vpcd_slot.open_card()
    card.select_df(DIAG_AID)
    # Showing tries left spends nothing and sends no PIN.
    assert card.tries_left(sfi=0x11) == 3
    assert (soft.verify_attempts, soft.verify_queries) == (0, 1)
    # A wrong PIN: exactly one VERIFY, never retried.
    with pytest.raises(PinIncorrect) as info:
        card.verify("0000", sfi=0x11)
    assert info.value.retries_left == 2
    assert (soft.verify_attempts, soft.verify_queries) == (1, 1)
    # The right PIN opens the protected EF.
    card.verify("1234", sfi=0x11)
    card.select_ef(PROTECTED_EF)
    assert card.read_binary_all() == pattern(100, 2)
    assert (soft.verify_attempts, soft.verify_queries) == (2, 1)


def test_lockout_through_pcscd(vpcd_slot):
    soft = vpcd_slot.insert(build_diagnostic())
    card = vpcd_slot.open_card()
    card.select_df(DIAG_AID)
    for expected in (2, 1):
        with pytest.raises(PinIncorrect) as info:
            card.verify("9999", sfi=0x11)
        assert info.value.retries_left == expected
    with pytest.raises(PinBlocked) as blocked:
        card.verify("9999", sfi=0x11)
    assert blocked.value.sw.value == 0x63C0
    with pytest.raises(PinBlocked) as after:
        card.verify("1234", sfi=0x11)
    assert after.value.sw.value == 0x6984
    assert card.tries_left(sfi=0x11) == 0
    assert soft.verify_attempts == 4 and soft.key("diag.pin").tries_left == 0


def test_card_removed_mid_read_raises_and_returns_nothing(vpcd_slot):
    soft = vpcd_slot.insert(build_diagnostic())
    card = vpcd_slot.open_card()
    card.use_extended = False
    card.select_df(DIAG_AID)
    card.select_ef(LARGE_EF)
    vpcd_slot.bridge.remove_after(5)
    result = None
    with pytest.raises(CardRemoved):
        result = card.read_binary_all()
    assert result is None
    assert sum(1 for c in soft.commands if c[1] == 0xB0) == 5
    with pytest.raises(CardRemoved):
        card.select_ef(SMALL_EF)


def test_killed_card_process_mid_read_is_card_removed(vpcd_slot):
    vpcd_slot.serve_process("diagnostic")
    card = vpcd_slot.open_card()
    card.use_extended = False
    card.select_df(SLOW_AID)
    card.select_ef(LARGE_EF)
    outcome: dict[str, object] = {}

    def read() -> None:
        try:
            outcome["data"] = card.read_binary_all()
        except Exception as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=read)
    worker.start()
    time.sleep(0.5)  # about 20 of the 118 slow reads
    vpcd_slot.kill_process()
    worker.join(timeout=10)
    assert "data" not in outcome
    assert isinstance(outcome.get("error"), CardRemoved)


def test_cancel_from_another_thread_mid_read(vpcd_slot):
    vpcd_slot.insert(build_diagnostic())
    card = vpcd_slot.open_card()
    card.use_extended = False
    card.select_df(SLOW_AID)
    card.select_ef(LARGE_EF)
    timer = threading.Timer(0.2, card.cancel)
    timer.start()
    with pytest.raises(Cancelled):
        card.read_binary_all()
    timer.join()


def test_exclusive_connection_keeps_others_out(vpcd_slot):
    vpcd_slot.insert(build_diagnostic())
    with PcscTransport(vpcd_slot.reader):
        with pytest.raises(ReaderBusy):
            PcscTransport(vpcd_slot.reader)
        state = next(s for s in reader_states() if s.name == vpcd_slot.reader)
        assert state.card_present and state.in_use
    with PcscTransport(vpcd_slot.reader) as again:
        Card(again).select_df(DIAG_AID)


def test_missing_reader_and_missing_card(vpcd_slot):
    with pytest.raises(NoReader):
        PcscTransport("No Such Reader 99")
    with pytest.raises(CardAbsent):
        PcscTransport(vpcd_slot.reader)


def test_pcscd_down_is_reported_with_the_fix(tmp_path):
    env = dict(os.environ, PCSCLITE_CSOCK_NAME=str(tmp_path / "no-pcscd.comm"))
    code = (
        "from kyc_desk.cards.errors import PcscUnavailable\n"
        "from kyc_desk.cards.transport.pcsc import list_readers\n"
        "try:\n    list_readers()\nexcept PcscUnavailable as e:\n    print(e.ja); print(e.message)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30).stdout
    assert "pcscd" in out and "起動" in out and "start" in out


def test_reset_by_another_program_is_card_reset_not_silent(vpcd_slot):
    soft = vpcd_slot.insert(build_diagnostic())
    ours = Card(vpcd_slot.connect(exclusive=False))
    ours.select_df(DIAG_AID)
    ours.verify("1234", sfi=0x11)
    other = vpcd_slot.connect(exclusive=False)
    other.reconnect(reset=True)  # another program resets the card: our PIN state is gone
    assert not soft.is_verified("diag.pin")
    with pytest.raises(CardReset):
        ours.select_ef(PROTECTED_EF)
    # After the reset is reported, the connection works again, and the desk starts over.
    ours.select_df(DIAG_AID)
    ours.select_ef(PROTECTED_EF)
    with pytest.raises(SecurityStatusNotSatisfied):
        ours.read_binary_all()
    assert soft.verify_attempts == 1
