"""A full face-to-face My Number read through pcscd + vpcd: APDUs and bytes against the minimum, and time."""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass, field

from benchmarks.harness import Measurement, median

TITLE = "My Number card read"
NOTES = """
One **full face-to-face read** of the My Number software card (persona *taro*) with `read_mynumber`:
the JPKI certificates (user authentication, its CA, signature CA, and — with the signature password —
the signature certificate), the card face through 照合番号B (photo, name and address images), the
基本4情報 and their integrity record through 照合番号B again, both card-verifiable certificates, the
**presence proof** (the card face AP's card key signs a fresh 32-byte challenge, `80 2A 00 00`), and the
signature challenge (`80 2A 00 80` over a fresh 32-byte challenge). The expiry comes from the card face, so
the 共通AP is not read. Card detection (`kyc-desk card read` probes the AIDs first) is not included.
The presence proof's cost is counted by reading once more without it: exactly one APDU, and no VERIFY.

APDUs and bytes are counted on the transport (every command and response, status words included).
The **minimum** is what the data sizes and the desk's rules allow: one SELECT per application (3), per
file one SELECT and ⌈size ÷ largest Le⌉ READ BINARY, per secret the tries query and the VERIFY (2,
VERIFY by short EF id), 2 for the challenge and 1 for the presence proof. Every TLV file is read up to
the length its outer object declares, never to the end of the physical file. The gap is what the desk's
plain, auditable sequence costs: a separate SELECT of the key EF before the tries query, a 4-byte header
read before each X.509 certificate (its size is in the header), the JPKI application selected twice (free
certificates first, the password last), and a final short READ where a file ends exactly on a chunk
boundary.

Time is the median of repeated reads through **pcscd and the vpcd virtual reader on this machine**
(the software card answers in microseconds; PC/SC and the TCP hop to vpcd dominate). It says nothing
about a real contactless reader and chip, where each APDU costs milliseconds at 106–848 kbit/s and RSA
signing takes 0.3–1 s (cards.md §E.3, unmeasured there): multiply the APDU counts by a real reader's
per-APDU latency for an estimate. Short-APDU mode (Le ≤ 256) is what every reader supports; extended
length needs a reader that carries it (through vpcd it is not faster: the bytes are the same and the
APDUs are already cheap). The software card's certificates are smaller than real ones (about 1.0–1.2 kB
against 1.6–1.7 kB seen on real cards, cards.md §A.2.4), and its photo is a 4 kB JPEG 2000.
"""

REPEAT = int(os.environ.get("KYC_DESK_BENCH_MYNUMBER_REPEAT", "7"))


@dataclass
class Counting:
    """Counts APDUs and bytes in both directions around another transport (benchmark only)."""

    inner: object
    apdus: int = 0
    sent: int = 0
    received: int = 0
    log: list[tuple[int, int]] = field(default_factory=list)

    @property
    def supports_extended(self) -> bool:
        return bool(self.inner.supports_extended)  # type: ignore[attr-defined]

    def transmit(self, apdu: bytes) -> bytes:
        response: bytes = self.inner.transmit(apdu)  # type: ignore[attr-defined]
        self.apdus += 1
        self.sent += len(apdu)
        self.received += len(response)
        return response

    def close(self) -> None:
        self.inner.close()  # type: ignore[attr-defined]


def _minimum(files: dict[str, bytes], max_le: int) -> tuple[int, int]:
    """(APDUs, bytes of file data) the sizes and rules allow for the files read."""
    apdus = 3 + sum(1 + math.ceil(len(data) / max_le) for data in files.values()) + 3 * 2 + 2 + 1
    return apdus, sum(len(data) for data in files.values())


def run() -> list[Measurement]:
    from kyc_desk.cards.apps.mynumber import MyNumberReadOptions, Secret, read_mynumber
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.transport.pcsc import PcscTransport, wait_for_card
    from kyc_desk_testkit.softcard.mynumber import build_mynumber_card
    from kyc_desk_testkit.softcard.vpcd import VpcdBridge, reader_name_for_port

    port = int(os.environ.get("KYC_DESK_VPCD_PORT", "35963"))
    reader = os.environ.get("KYC_DESK_VPCD_READER") or reader_name_for_port(port)
    soft = build_mynumber_card("taro")
    bridge = VpcdBridge(port)
    bridge.insert(soft)
    out: list[Measurement] = []
    try:
        if not wait_for_card(reader, present=True, timeout=5):
            raise RuntimeError(f"the software card did not appear on {reader!r}")

        def prompt(request: object) -> Secret:
            return Secret(soft.secrets[request.name])  # type: ignore[attr-defined]

        def one_read(extended: bool, presence: bool = True) -> tuple[Counting, float, dict[str, bytes]]:
            with PcscTransport(reader) as pcsc:
                counting = Counting(pcsc)
                card = Card(counting, use_extended=extended)  # type: ignore[arg-type]
                start = time.perf_counter()
                reading = read_mynumber(card, prompt, options=MyNumberReadOptions(presence=presence))
                elapsed = time.perf_counter() - start
            return counting, elapsed, dict(reading.signed_files)

        for extended, label, max_le in ((False, "short APDUs", 256), (True, "extended length", 65535)):
            one_read(extended)  # warm-up
            runs = [one_read(extended) for _ in range(REPEAT)]
            counting, _elapsed, files = runs[0]
            min_apdus, payload = _minimum(files, max_le)
            counts = {}
            for presence in (True, False):  # one more read each way, the card's own log counting VERIFY
                soft.received.clear()
                traced, _t, _f = one_read(extended, presence=presence)
                counts[presence] = (traced.apdus, sum(1 for c in soft.received if c[2] == 0x20))
            extra = counts[True][0] - counts[False][0]
            same_verifies = counts[True][1] == counts[False][1]
            wire = counting.sent + counting.received
            out += [
                Measurement(f"APDUs, {label}", counting.apdus, "APDUs", note=f"minimum {min_apdus}"),
                Measurement(f"Minimum APDUs, {label}", min_apdus, "APDUs"),
                Measurement(
                    f"Presence proof: APDUs it adds, {label}",
                    extra,
                    "APDUs",
                    target="1, no VERIFY",
                    met=extra == 1 and same_verifies,
                    note=f"{counts[True][0]} with, {counts[False][0]} without; VERIFY (tries queries included) "
                    f"{counts[True][1]} both ways"
                    if same_verifies else f"VERIFY {counts[True][1]} with, {counts[False][1]} without",
                ),
                Measurement(
                    f"Bytes on the wire, {label}",
                    wire,
                    "bytes",
                    note=f"{counting.sent} sent, {counting.received} received; file data {payload} bytes",
                ),
                Measurement(f"Overhead over file data, {label}", round(wire / payload - 1, 3) * 100, "%"),
                Measurement(
                    f"Full read through pcscd+vpcd, {label}",
                    round(median([r[1] for r in runs]) * 1000, 1),
                    "ms",
                    note=f"median of {REPEAT}",
                ),
            ]
        out.append(Measurement("File data of a full read", payload, "bytes", note=", ".join(
            f"{name} {len(data)}" for name, data in sorted(files.items()))))  # fmt: skip
        start = time.perf_counter()
        build_mynumber_card("jiro")
        out.append(Measurement("Build a software card for a new persona (portrait encoding included)", round(
            (time.perf_counter() - start) * 1000, 1), "ms"))  # fmt: skip
    finally:
        bridge.remove()
    return out
