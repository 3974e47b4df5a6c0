"""Shared pytest fixtures for tests that put software cards on a virtual reader (pcscd + vpcd).

Owned by the card stack. Mark such tests ``@pytest.mark.pcsc``. Fixtures:

``vpcd_slot`` (function scope) — one vpcd slot and its pcscd reader::

    @pytest.mark.pcsc
    def test_reads(vpcd_slot):
        soft = vpcd_slot.insert(build_my_card())      # returns when pcscd sees the card present
        card = vpcd_slot.open_card()                  # kyc_desk.cards.Card over PcscTransport (exclusive)
        ...
        assert soft.verify_attempts == 0              # count the VERIFYs that reached the card
        vpcd_slot.remove()                            # returns when pcscd sees it gone

  Also: ``vpcd_slot.reader`` (reader name), ``.port``, ``.bridge`` (the :class:`VpcdBridge`, e.g.
  ``bridge.remove_after(n)`` to pull the card after n more APDUs), ``.connect()`` (a raw
  :class:`PcscTransport`), ``.serve_process(kind, persona)`` (the card in its own process, see
  ``kyc_desk_testkit.softcard.serve``; ``.kill_process()`` pulls it hard). Everything is removed, closed and
  stopped at teardown.

``pcsc_slot`` (session scope) — the (port, reader) pair; fails the test (never skips) when pcscd is not
reachable or the reader is missing.

Configuration (environment):

- ``KYC_DESK_VPCD_PORT``: vpcd TCP port, default 35963; the reader name follows the mapping of
  :func:`kyc_desk_testkit.softcard.vpcd.reader_name_for_port` (35963 → "Virtual PCD 00 00", 35965 →
  "Virtual PCD 1 00 00", …). ``KYC_DESK_VPCD_READER`` overrides the name.
- ``KYC_DESK_PRIVATE_PCSCD=1``: start a private pcscd for this test session (in its own mount namespace,
  its socket under a temporary folder, exported as ``PCSCLITE_CSOCK_NAME`` to the tests and to their
  subprocesses) with one vpcd reader on port ``KYC_DESK_VPCD_PORT + 1000``. Needs root (``unshare -m``).
  Use it when several vpcd readers in one pcscd do not work: vpcd keeps its sockets in per-library static
  slots, so with more than one vpcd entry in reader.conf every reader polls the last entry's ports.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.transport.pcsc import PcscTransport
    from kyc_desk_testkit.softcard.engine import SoftCard
    from kyc_desk_testkit.softcard.vpcd import VpcdBridge

DEFAULT_PORT = 35963
PRIVATE_PORT_OFFSET = 1000
VPCD_DRIVER = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"
#: pcscd polls vpcd about every 0.4 s; a card shows up or vanishes within one or two polls.
PRESENCE_TIMEOUT = 5.0

_private_daemon: subprocess.Popen[bytes] | None = None
_private_dir: Path | None = None


def _configured_port() -> int:
    return int(os.environ.get("KYC_DESK_VPCD_PORT", str(DEFAULT_PORT)))


def _start_private_pcscd(port: int) -> None:
    """Start our own pcscd with one vpcd entry on ``port`` (see the module docstring)."""
    global _private_daemon, _private_dir
    _private_dir = Path(tempfile.mkdtemp(prefix="kyc-pcscd-"))
    (_private_dir / "run").mkdir()
    (_private_dir / "conf").mkdir()
    (_private_dir / "conf" / "vpcd").write_text(
        f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:{port:#X}\nLIBPATH {VPCD_DRIVER}\nCHANNELID {port:#X}\n'
    )
    script = f"mount --bind {_private_dir}/run /run/pcscd && exec pcscd --foreground -c {_private_dir}/conf"
    log = (_private_dir / "pcscd.log").open("wb")
    _private_daemon = subprocess.Popen(["unshare", "-m", "sh", "-c", script], stdout=log, stderr=log)
    socket_path = _private_dir / "run" / "pcscd.comm"
    for _ in range(100):
        if socket_path.exists():
            break
        if _private_daemon.poll() is not None:
            raise RuntimeError(f"private pcscd did not start; see {_private_dir}/pcscd.log")
        time.sleep(0.05)
    os.environ["PCSCLITE_CSOCK_NAME"] = str(socket_path)
    os.environ["KYC_DESK_VPCD_PORT"] = str(port)
    os.environ.setdefault("KYC_DESK_VPCD_READER", "Virtual PCD 00 00")


def pytest_configure(config: pytest.Config) -> None:
    """Start the private pcscd before any test talks to PC/SC (the socket name is read once)."""
    if os.environ.get("KYC_DESK_PRIVATE_PCSCD") == "1" and _private_daemon is None:
        _start_private_pcscd(_configured_port() + PRIVATE_PORT_OFFSET)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Stop the private pcscd we started (only that one, by its process id)."""
    global _private_daemon
    if _private_daemon is not None:
        _private_daemon.terminate()
        try:
            _private_daemon.wait(timeout=5)
        except subprocess.TimeoutExpired:
            _private_daemon.kill()
        _private_daemon = None
        if _private_dir is not None:
            shutil.rmtree(_private_dir, ignore_errors=True)


@dataclass(frozen=True)
class PcscSlot:
    """A vpcd TCP port and the pcscd reader it feeds."""

    port: int
    reader: str


@pytest.fixture(scope="session")
def pcsc_slot() -> PcscSlot:
    """The configured slot; fails (does not skip) when pcscd or the reader is missing."""
    from kyc_desk.cards.errors import PcscUnavailable
    from kyc_desk.cards.transport.pcsc import list_readers
    from kyc_desk_testkit.softcard.vpcd import reader_name_for_port

    port = _configured_port()
    reader = os.environ.get("KYC_DESK_VPCD_READER") or reader_name_for_port(port)
    try:
        readers = list_readers()
    except PcscUnavailable:
        pytest.fail("pcscd is not running: start it (scripts/test does) — `pcscd --foreground &`", pytrace=False)
    if reader not in readers:
        hint = ""
        if _private_daemon is not None:
            hint = (
                f" The private pcscd could not open vpcd port {port}: is another private pcscd (e.g. left by a"
                f" killed test run) using it? `pgrep -af kyc-pcscd`; log: {_private_dir}/pcscd.log"
            )
        pytest.fail(f"pcscd has no reader {reader!r} for vpcd port {port}; readers: {readers}.{hint}", pytrace=False)
    return PcscSlot(port, reader)


class VpcdSlot:
    """One virtual reader for one test: insert/remove software cards, open connections to them."""

    def __init__(self, slot: PcscSlot) -> None:
        from kyc_desk_testkit.softcard.vpcd import VpcdBridge

        self.port = slot.port
        self.reader = slot.reader
        self.bridge: VpcdBridge = VpcdBridge(slot.port)
        self.card: SoftCard | None = None
        self.process: subprocess.Popen[str] | None = None
        self._transports: list[PcscTransport] = []

    def _wait(self, present: bool) -> None:
        from kyc_desk.cards.transport.pcsc import wait_for_card

        if not wait_for_card(self.reader, present=present, timeout=PRESENCE_TIMEOUT):
            state = "appear on" if present else "leave"
            pytest.fail(
                f"the software card did not {state} reader {self.reader!r} (vpcd port {self.port}) within"
                f" {PRESENCE_TIMEOUT} s. If pcscd has several vpcd entries, vpcd serves only the last one's"
                " ports on every reader: run with KYC_DESK_PRIVATE_PCSCD=1 (see tests/plugins/pcsc.py).",
                pytrace=False,
            )

    def insert(self, card: SoftCard) -> SoftCard:
        """Put ``card`` on the reader; returns it once pcscd sees it."""
        from kyc_desk_testkit.softcard.vpcd import VpcdUnavailable

        self.card = card
        try:
            self.bridge.insert(card)
            refused = False
        except VpcdUnavailable:
            refused = True
        if refused:
            pytest.fail(
                f"vpcd does not accept the software card on port {self.port}. If pcscd has several vpcd entries,"
                " vpcd serves only the last one's ports: run with KYC_DESK_PRIVATE_PCSCD=1 (tests/plugins/pcsc.py).",
                pytrace=False,
            )
        self._wait(present=True)
        return card

    def remove(self) -> None:
        """Take the card off; returns once pcscd sees the reader empty."""
        for transport in self._transports:
            transport.close()
        self._transports.clear()
        was_inserted = self.bridge.inserted or self.process is not None
        self.bridge.remove()
        self.kill_process()
        if was_inserted:
            self._wait(present=False)
        self.card = None

    def connect(self, *, exclusive: bool = True) -> PcscTransport:
        """A PC/SC connection to the card (closed at teardown)."""
        from kyc_desk.cards.transport.pcsc import PcscTransport

        transport = PcscTransport(self.reader, exclusive=exclusive)
        self._transports.append(transport)
        return transport

    def open_card(self) -> Card:
        """A :class:`~kyc_desk.cards.card.Card` over an exclusive PC/SC connection."""
        from kyc_desk.cards.card import Card

        return Card(self.connect())

    def serve_process(self, kind: str, persona: str = "taro") -> subprocess.Popen[str]:
        """Run the card ``kind`` in its own process on this slot; returns once pcscd sees it."""
        self.remove()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kyc_desk_testkit.softcard.serve", "--port", str(self.port), "--card", kind,
             "--persona", persona],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if line != f"ready {self.port}":
            err = self.process.stderr.read() if self.process.stderr else ""
            self.kill_process()
            pytest.fail(f"software card process did not start: {line!r} {err.strip()}", pytrace=False)
        self._wait(present=True)
        return self.process

    def kill_process(self) -> None:
        """Kill the card process (SIGKILL: the card vanishes as if pulled off the reader)."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
            self.process.wait(timeout=5)
            for stream in (self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()
            self.process = None


@pytest.fixture
def vpcd_slot(pcsc_slot: PcscSlot) -> Iterator[VpcdSlot]:
    """A virtual reader slot for this test (see the module docstring); emptied at teardown."""
    slot = VpcdSlot(pcsc_slot)
    try:
        yield slot
    finally:
        slot.remove()


__all__ = ["PcscSlot", "VpcdSlot", "pcsc_slot", "vpcd_slot"]
