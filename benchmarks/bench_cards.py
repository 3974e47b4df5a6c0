"""Card stack: APDU round trips through pcscd + vpcd, reading a 2 kB EF, and our overhead over raw pyscard."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable

from benchmarks.harness import Measurement, median

TITLE = "Card stack (pcscd + vpcd + software card)"
NOTES = """
Measured with the diagnostic software card (`kyc_desk_testkit.softcard.builders.diagnostic`) served in its
own process (`python -m kyc_desk_testkit.softcard.serve --card diagnostic`, as a real card is outside the
desk's process and its interpreter lock), on the reader given by `KYC_DESK_VPCD_PORT` /
`KYC_DESK_VPCD_READER` (run with a private pcscd on a development machine whose pcscd has several vpcd
entries; see docs/cards.md). "Raw pyscard" sends the very same APDU bytes with
`smartcard.scard.SCardTransmit` on the same connection; "ours" goes through `Card.call` /
`Card.read_binary_all` and `PcscTransport` (APDU objects, status-word handling, error mapping). The two
alternate call by call (thousands of pairs) and each figure is the median of the single-call times, so
load from other processes on the machine hits both alike.

What this cannot show: a real card over the air is far slower (Type B at 106 kbit/s, a few tens of ms per
APDU, cards.md §E.3), so real reads are dominated by the card, not by this layer; the software card
answers in microseconds. The overhead percentage is therefore an upper bound of what users could notice.
"""

PAIRS_APDU = 5000
PAIRS_READ = 1500


def _paired(raw: Callable[[], object], ours: Callable[[], object], pairs: int) -> tuple[list[float], list[float]]:
    """Time ``raw`` and ``ours`` alternately, one call each per pair, so noise hits both alike."""
    raw_times: list[float] = []
    our_times: list[float] = []
    clock = time.perf_counter
    for i in range(pairs):
        first, second = (raw, ours) if i % 2 else (ours, raw)
        t0 = clock()
        first()
        t1 = clock()
        second()
        t2 = clock()
        (raw_times if first is raw else our_times).append(t1 - t0)
        (our_times if first is raw else raw_times).append(t2 - t1)
    return raw_times, our_times


def _cpu_overhead() -> tuple[float, float]:
    """Median seconds of Card.call_ok over an instant transport, and of the transport call alone."""
    from kyc_desk.cards import Card
    from kyc_desk.cards.apdu import select_fid

    class Instant:
        supports_extended = True

        def transmit(self, apdu: bytes) -> bytes:
            return b"\x90\x00"

        def close(self) -> None:
            pass

    transport = Instant()
    card = Card(transport)
    command = select_fid(1)
    encoded = command.to_bytes()
    raw, ours = _paired(lambda: transport.transmit(encoded), lambda: card.call_ok(command), 20000)
    return median(ours), median(raw)


def run() -> list[Measurement]:
    """Insert the diagnostic card, measure, remove it."""
    from smartcard import scard

    from kyc_desk.cards import Card
    from kyc_desk.cards.apdu import read_binary, select_fid
    from kyc_desk.cards.transport.pcsc import PcscTransport, wait_for_card
    from kyc_desk_testkit.softcard.builders.diagnostic import DIAG_AID, SMALL_EF, pattern
    from kyc_desk_testkit.softcard.vpcd import reader_name_for_port

    port = int(os.environ.get("KYC_DESK_VPCD_PORT", "35963"))
    reader = os.environ.get("KYC_DESK_VPCD_READER") or reader_name_for_port(port)
    server = subprocess.Popen(
        [sys.executable, "-m", "kyc_desk_testkit.softcard.serve", "--port", str(port), "--card", "diagnostic"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None and server.stdout.readline().startswith("ready")
        if not wait_for_card(reader, present=True, timeout=5):
            raise RuntimeError(f"the software card did not appear on {reader!r}")
        with PcscTransport(reader) as transport:
            card = Card(transport)
            card.select_df(DIAG_AID)
            handle, protocol = transport._card, transport._protocol  # the same connection, raw
            select = select_fid(SMALL_EF)
            select_raw = list(select.to_bytes())

            def raw_select() -> None:
                hresult, response = scard.SCardTransmit(handle, protocol, select_raw)
                assert hresult == 0 and response[-2:] == [0x90, 0x00]

            def our_select() -> None:
                card.call_ok(select)

            short_reads = [list(read_binary(off, 256).to_bytes()) for off in range(0, 2048, 256)]
            short_reads.append(list(read_binary(2048, 256).to_bytes()))  # the 6B00 that ends the file
            extended_read = list(read_binary(0, 0xFFFF).to_bytes())
            expected = pattern(2048)

            def raw_read_short() -> None:
                out = bytearray()
                scard.SCardTransmit(handle, protocol, select_raw)
                for command in short_reads:
                    _, response = scard.SCardTransmit(handle, protocol, command)
                    out += bytes(response[:-2])
                assert out == expected

            def our_read_short() -> None:
                card.select_ef(SMALL_EF)
                assert card.read_binary_all() == expected

            def raw_read_extended() -> None:
                scard.SCardTransmit(handle, protocol, select_raw)
                _, response = scard.SCardTransmit(handle, protocol, extended_read)
                assert bytes(response[:-2]) == expected

            def our_read_extended() -> None:
                card.select_ef(SMALL_EF)
                assert card.read_binary_all() == expected

            our_select()
            raw_select()
            apdu_raw, apdu_ours = _paired(raw_select, our_select, PAIRS_APDU)
            card.use_extended = False
            short_raw, short_ours = _paired(raw_read_short, our_read_short, PAIRS_READ)
            card.use_extended = True
            ext_raw, ext_ours = _paired(raw_read_extended, our_read_extended, PAIRS_READ)
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()

    cpu_ours, cpu_transport = _cpu_overhead()

    def overhead(ours: list[float], raw: list[float]) -> float:
        return (median(ours) / median(raw) - 1) * 100

    o_apdu, o_short, o_ext = overhead(apdu_ours, apdu_raw), overhead(short_ours, short_raw), overhead(ext_ours, ext_raw)
    return [
        Measurement("APDU round trips (Card.call, SELECT EF)", 1 / median(apdu_ours), "APDU/s"),
        Measurement("APDU round trips (raw pyscard)", 1 / median(apdu_raw), "APDU/s"),
        Measurement("overhead per APDU over raw pyscard", o_apdu, "%", "< 10 %", o_apdu < 10),
        Measurement(
            "CPU time Card.call adds per APDU (no I/O)", (cpu_ours - cpu_transport) * 1e6, "µs",
            note="Card.call_ok(SELECT EF) over an instant in-memory transport, minus the transport call alone",
        ),
        Measurement(
            "read 2 kB EF, short APDUs (select + 9 reads)", median(short_ours) * 1000, "ms",
            note=f"raw pyscard {median(short_raw) * 1000:.3g} ms",
        ),
        Measurement("overhead, 2 kB short reads", o_short, "%", "< 10 %", o_short < 10),
        Measurement(
            "read 2 kB EF, one extended APDU (select + 1 read)", median(ext_ours) * 1000, "ms",
            note=f"raw pyscard {median(ext_raw) * 1000:.3g} ms",
        ),
        Measurement("overhead, 2 kB extended read", o_ext, "%", "< 10 %", o_ext < 10),
    ]
