"""Full reads of the driver's licence and the residence card through pcscd + vpcd: time and APDUs."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable

from benchmarks.bench_mynumber import Counting
from benchmarks.harness import Measurement, median

TITLE = "Driver's licence and residence card reads"
NOTES = """
One **full read** of each software card (personas *taro* for the licence, *alex* for the residence card)
through **pcscd and the vpcd virtual reader on this machine**, with `PcscTransport` unchanged:

- driver's licence: common data, PIN setting, tries of PIN1 and PIN2 (empty VERIFY), VERIFY of both,
  DF1 EF01/EF03/EF04/EF05/EF07, 本籍 EF02/EF06 and the photo (DF2 EF01, 2005 bytes), once with short
  APDUs (Le ≤ 256, what every reader supports) and once with extended length;
- residence card: card type and common data, GET CHALLENGE, MUTUAL AUTHENTICATE, the card number by
  secure messaging, the front image and photo by SM READ BINARY, DF2's four files and DF3's check code
  and certificate — once with extended length (one answer is 7013 bytes) and once with **chunked SM
  reads** (short APDUs of 224 plaintext bytes, what a reader without extended length gets);
- second-generation residence card (type 05): the same with AES, DF1's four SM files (card number,
  printed entries, name image + face 5508 bytes, address image), DF2's three files and DF3's signature,
  extended and chunked; its ECDSA P-384 signature check is timed like the first generation's RSA one.

APDUs and bytes are counted on the transport (commands and responses, status words included). Time is
the median of repeated reads; card detection (`kyc-desk card read` probes the AIDs first) is not
included, nor is verification (measured separately, in-process). The software card answers in
microseconds, so the figures are PC/SC and the TCP hop to vpcd: they say nothing about a real
contactless reader, where each APDU costs milliseconds (multiply the APDU counts by a real reader's
per-APDU latency for an estimate; cards.md §E.3 has no measured timings).
"""

REPEAT = int(os.environ.get("KYC_DESK_BENCH_LICENCE_REPEAT", "7"))
PINS = {"pin1": "1234", "pin2": "5678"}


def _median_read(read: Callable[[], tuple[Counting, float]]) -> tuple[Counting, float]:
    read()  # warm-up
    runs = [read() for _ in range(REPEAT)]
    return runs[0][0], median([elapsed for _counting, elapsed in runs])


def run() -> list[Measurement]:
    from kyc_desk.cards.apps.driver_licence import read_driver_licence
    from kyc_desk.cards.apps.mynumber.unlock import Secret, SecretRequest
    from kyc_desk.cards.apps.residence import read_residence_card
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.reading import CardReading
    from kyc_desk.cards.transport.pcsc import PcscTransport, wait_for_card
    from kyc_desk.verify.residence import check_residence_card
    from kyc_desk_testkit.softcard.driver_licence import build_driver_licence
    from kyc_desk_testkit.softcard.engine import SoftCard
    from kyc_desk_testkit.softcard.persona import demo_personas
    from kyc_desk_testkit.softcard.residence import build_residence_card, residence_issuer_certificate
    from kyc_desk_testkit.softcard.residence2 import build_residence2_card, residence2_issuer_certificate
    from kyc_desk_testkit.softcard.vpcd import VpcdBridge, reader_name_for_port

    port = int(os.environ.get("KYC_DESK_VPCD_PORT", "35963"))
    reader = os.environ.get("KYC_DESK_VPCD_READER") or reader_name_for_port(port)
    personas = demo_personas()
    out: list[Measurement] = []

    def prompt(request: SecretRequest) -> Secret:
        return Secret(PINS[request.name])

    def timed(
        soft: SoftCard, extended: bool, read: Callable[[Card], CardReading]
    ) -> Callable[[], tuple[Counting, float]]:
        def once() -> tuple[Counting, float]:
            with PcscTransport(reader) as pcsc:
                counting = Counting(pcsc)
                card = Card(counting, use_extended=extended)  # type: ignore[arg-type]
                start = time.perf_counter()
                read(card)
                return counting, time.perf_counter() - start

        return once

    bridge = VpcdBridge(port)
    try:
        licence, _ = build_driver_licence(personas["taro"])
        bridge.insert(licence)
        if not wait_for_card(reader, present=True, timeout=5):
            raise RuntimeError(f"the software card did not appear on {reader!r}")
        for extended, label in ((False, "short APDUs"), (True, "extended length")):
            counting, elapsed = _median_read(timed(licence, extended, lambda card: read_driver_licence(card, prompt)))
            out += [
                Measurement(
                    f"Driver's licence: full read, {label}", round(elapsed * 1000, 1), "ms", note=f"median of {REPEAT}"
                ),
                Measurement(f"Driver's licence: APDUs, {label}", counting.apdus, "APDUs"),
                Measurement(
                    f"Driver's licence: bytes on the wire, {label}", counting.sent + counting.received, "bytes"
                ),
            ]
        bridge.remove()
        wait_for_card(reader, present=False, timeout=5)

        readings = {}
        for generation, build in ((1, build_residence_card), (2, build_residence2_card)):
            residence, _ = build(personas["alex"])
            bridge.insert(residence)
            if not wait_for_card(reader, present=True, timeout=5):
                raise RuntimeError(f"the software card did not appear on {reader!r}")
            name = "Residence card" if generation == 1 else "Residence card (2nd generation)"
            for extended, label in ((True, "extended length"), (False, "chunked SM reads")):
                counting, elapsed = _median_read(
                    timed(residence, extended, lambda card: read_residence_card(card, "AB12345678CD"))
                )
                out += [
                    Measurement(
                        f"{name}: full read, {label}", round(elapsed * 1000, 1), "ms", note=f"median of {REPEAT}"
                    ),
                    Measurement(f"{name}: APDUs, {label}", counting.apdus, "APDUs"),
                    Measurement(f"{name}: bytes on the wire, {label}", counting.sent + counting.received, "bytes"),
                ]
            with PcscTransport(reader) as pcsc:
                readings[generation] = read_residence_card(Card(pcsc), "AB12345678CD")
            bridge.remove()
            wait_for_card(reader, present=False, timeout=5)
    finally:
        bridge.remove()

    at = dt.datetime.now(dt.UTC)
    for generation, anchors, what in (
        (1, [residence_issuer_certificate()], "Residence card: check-code verification (chain + RSA)"),
        (
            2,
            [residence2_issuer_certificate()],
            "Residence card (2nd generation): signature verification (chain + ECDSA P-384)",
        ),
    ):
        times = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            check_residence_card(readings[generation], anchors=anchors, at=at)
            times.append(time.perf_counter() - start)
        out.append(Measurement(what, round(median(times) * 1000, 2), "ms", note=f"median of {REPEAT}, in-process"))
    return out
