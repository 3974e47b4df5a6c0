"""The vpcd bridge: puts a software card on a virtual reader of pcscd (vsmartcard's vpcd driver).

vpcd listens on TCP (35963 for reader "Virtual PCD 00 00"); a card "is inserted" while a client is
connected to it. Every message is a 2-byte big-endian length and a payload (platform.md): a 1-byte payload
is a control — ``00`` power off, ``01`` power on, ``02`` reset, ``04`` get ATR (answered with the ATR) —
anything longer is a command APDU, answered with the response APDU.

::

    bridge = VpcdBridge(port=35963)
    bridge.insert(card)            # connects; pcscd sees the card at its next poll (~0.4 s)
    ...
    bridge.remove()                # disconnects: the card is gone for pcscd
    bridge.remove_after(5)         # or: vanish when the 6th APDU arrives (tests of removal mid-read)

The bridge serves from a daemon thread and connects to 127.0.0.1 only (vpcd binds every interface).
To run a card in its own process (so a test can kill it, or for the demo) see
:mod:`kyc_desk_testkit.softcard.serve`.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from typing import Final

from kyc_desk.cards.errors import TransportError
from kyc_desk_testkit.softcard.engine import SoftCard

log = logging.getLogger(__name__)

DEFAULT_PORT: Final = 35963
HOST: Final = "127.0.0.1"
_POWER_OFF, _POWER_ON, _RESET, _GET_ATR = 0x00, 0x01, 0x02, 0x04


class VpcdUnavailable(TransportError):
    """vpcd does not accept the software card (pcscd not running, or the port is taken)."""

    default_ja = "仮想カードリーダー (vpcd) に接続できません。pcscd が起動しているか確認してください。"


def reader_name_for_port(port: int) -> str:
    """The pcscd reader name vpcd gives the slot on ``port`` (35963 → "Virtual PCD 00 00", …).

    vpcd's readers come in pairs per pcscd reader entry: the n-th entry (n = 0 for 35963/35964, then
    1, 2, …) is named "Virtual PCD 00 0x" for the first and "Virtual PCD n 00 0x" for the others.
    """
    offset = port - DEFAULT_PORT
    if offset < 0:
        raise ValueError(f"port {port} is below vpcd's first port {DEFAULT_PORT}")
    entry, slot = divmod(offset, 2)
    return f"Virtual PCD 00 {slot:02d}" if entry == 0 else f"Virtual PCD {entry} 00 {slot:02d}"


_QUICKACK: Final = getattr(socket, "TCP_QUICKACK", None)


def _recv_exact(sock: socket.socket, size: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < size:
        chunk = sock.recv(size - len(buf))
        if not chunk:
            return None
        buf += chunk
        if _QUICKACK is not None:
            # vpcd writes the length and the payload separately; acknowledging at once keeps its Nagle
            # algorithm from waiting for our delayed ACK (~40 ms per APDU otherwise). Linux clears the
            # flag after each receive, hence setting it every time.
            sock.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)
    return bytes(buf)


class VpcdBridge:
    """One vpcd slot. ``insert(card)`` connects and serves it; ``remove()`` disconnects."""

    def __init__(self, port: int = DEFAULT_PORT, *, host: str = HOST) -> None:
        self.port = port
        self.host = host
        self.card: SoftCard | None = None
        self.apdus_served = 0
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._remove_after: int | None = None
        self._lock = threading.Lock()

    @property
    def inserted(self) -> bool:
        """True while connected to vpcd."""
        return self._thread is not None and self._thread.is_alive()

    def insert(self, card: SoftCard, *, timeout: float = 5.0) -> None:
        """Connect ``card`` to vpcd (removing any card already there)."""
        self.remove()
        try:
            sock = socket.create_connection((self.host, self.port), timeout=timeout)
        except OSError as exc:
            raise VpcdUnavailable(f"vpcd does not accept connections on {self.host}:{self.port}") from exc
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        card.reset()
        with self._lock:
            self.card, self._sock, self._remove_after = card, sock, None
            self.apdus_served = 0
        self._thread = threading.Thread(target=self._serve, args=(sock, card), name=f"vpcd-{self.port}", daemon=True)
        self._thread.start()

    def remove(self) -> None:
        """Disconnect the card (idempotent); returns when the serving thread has ended."""
        with self._lock:
            sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self._thread = None

    def remove_after(self, apdus: int) -> None:
        """Serve ``apdus`` more command APDUs, then disconnect instead of answering the next one."""
        with self._lock:
            self._remove_after = self.apdus_served + apdus

    close = remove

    def _serve(self, sock: socket.socket, card: SoftCard) -> None:
        try:
            while True:
                header = _recv_exact(sock, 2)
                if header is None:
                    break
                payload = _recv_exact(sock, int.from_bytes(header, "big"))
                if payload is None:
                    break
                if len(payload) == 1:
                    answer = self._control(card, payload[0])
                    if answer is None:
                        continue
                else:
                    with self._lock:
                        if self._remove_after is not None and self.apdus_served >= self._remove_after:
                            break
                        self.apdus_served += 1
                    answer = card.transmit(payload)
                sock.sendall(len(answer).to_bytes(2, "big") + answer)
        except OSError:
            pass  # remove() closed the socket, or vpcd went away
        finally:
            with self._lock:
                if self._sock is sock:
                    self._sock = None
            with contextlib.suppress(OSError):
                sock.close()
            card.power_off()

    @staticmethod
    def _control(card: SoftCard, code: int) -> bytes | None:
        if code == _GET_ATR:
            return card.atr
        if code == _POWER_OFF:
            card.power_off()
        elif code in (_POWER_ON, _RESET):
            card.reset()
        return None
