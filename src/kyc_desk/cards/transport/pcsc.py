"""PC/SC through pyscard: the ONLY module of the desk that imports pyscard (``smartcard``).

Everything pyscard hands back is converted here, at one boundary: ``list[int]`` becomes ``bytes``, and
PC/SC result codes become :mod:`kyc_desk.cards.errors` exceptions:

=================================================  =====================================================
PC/SC                                              desk error
=================================================  =====================================================
SCARD_E_NO_SERVICE, SCARD_E_SERVICE_STOPPED        :class:`PcscUnavailable` (with the fix in ja/en)
SCARD_E_NO_READERS_AVAILABLE, SCARD_E_UNKNOWN_…    :class:`NoReader`
SCARD_E_NO_SMARTCARD, SCARD_W_UNPOWERED_CARD       :class:`CardAbsent` (connecting)
SCARD_W_REMOVED_CARD, SCARD_E_READER_UNAVAILABLE,  :class:`CardRemoved` (during an exchange; a failed
 or any failure after which the card is gone        exchange is followed by a look at the reader)
SCARD_W_RESET_CARD                                 :class:`CardReset` (after reconnecting)
SCARD_E_SHARING_VIOLATION                          :class:`ReaderBusy`
anything else                                      :class:`ReaderError`
=================================================  =====================================================

The low-level ``smartcard.scard`` API is used directly (no pyscard object layer), so our overhead over
raw pyscard is a few Python calls per APDU (see ``benchmarks/bench_cards.py``).

:class:`PcscTransport` holds the card exclusively (``SCARD_SHARE_EXCLUSIVE``) while it is open; use it as
a context manager. :class:`StatusWatcher` waits for reader/card changes with ``SCardGetStatusChange`` for
:mod:`kyc_desk.cards.monitor`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Final

from smartcard import scard

from kyc_desk.cards.errors import (
    CardAbsent,
    CardRemoved,
    CardReset,
    NoReader,
    PcscUnavailable,
    ReaderBusy,
    ReaderError,
    TransportError,
)

log = logging.getLogger(__name__)

PNP_NOTIFICATION: Final = "\\\\?PnP?\\Notification"
#: How long a failed exchange waits for the reader to report the card gone before calling it a reader
#: error (vpcd and many readers report removal only at their next presence poll, ~0.4 s).
_REMOVAL_GRACE: Final = 1.2
_MAX_RESPONSE: Final = 65536 + 2


def _code(hresult: int) -> int:
    return hresult & 0xFFFFFFFF


_NO_SERVICE: Final = {_code(scard.SCARD_E_NO_SERVICE), _code(scard.SCARD_E_SERVICE_STOPPED)}
_NO_READER: Final = {
    _code(scard.SCARD_E_NO_READERS_AVAILABLE),
    _code(scard.SCARD_E_UNKNOWN_READER),
}
_GONE: Final = {
    _code(scard.SCARD_W_REMOVED_CARD),
    _code(scard.SCARD_E_NO_SMARTCARD),
    _code(scard.SCARD_E_READER_UNAVAILABLE),
    _code(scard.SCARD_W_UNPOWERED_CARD),
}


def _error(hresult: int, what: str, *, connecting: bool = False) -> TransportError:
    """The desk error for a failing PC/SC call (no personal data: only the call and the code)."""
    code = _code(hresult)
    detail = f"{what} failed (PC/SC {code:#010x})"
    if code in _NO_SERVICE:
        return PcscUnavailable()
    if code in _NO_READER:
        return NoReader(f"no card reader: {detail}")
    if code in _GONE:
        return CardAbsent(f"no card on the reader: {detail}") if connecting else CardRemoved(f"card removed: {detail}")
    if code == _code(scard.SCARD_W_RESET_CARD):
        return CardReset(f"the card was reset by another program: {detail}")
    if code == _code(scard.SCARD_E_SHARING_VIOLATION):
        return ReaderBusy(f"the card is in use by another program: {detail}")
    return ReaderError(detail)


def _check(hresult: int, what: str, *, connecting: bool = False) -> None:
    if hresult != scard.SCARD_S_SUCCESS:
        raise _error(hresult, what, connecting=connecting)


class _Context:
    """One PC/SC context (released on close)."""

    def __init__(self) -> None:
        try:
            hresult, self.handle = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        except scard.error as exc:  # pyscard raises instead of returning on some failures
            raise PcscUnavailable() from exc
        _check(hresult, "SCardEstablishContext")

    def readers(self) -> list[str]:
        hresult, readers = scard.SCardListReaders(self.handle, [])
        if _code(hresult) in _NO_READER:
            return []
        _check(hresult, "SCardListReaders")
        return list(readers)

    def close(self) -> None:
        if self.handle is not None:
            scard.SCardReleaseContext(self.handle)
            self.handle = None


@dataclass(frozen=True)
class ReaderState:
    """What PC/SC says about one reader."""

    name: str
    card_present: bool
    #: ATR of the card on the reader (empty when none). Not personal data, but not an identifier either.
    atr: bytes = b""
    #: Another program has the card open (shared or exclusive).
    in_use: bool = False
    #: A card is there but does not answer (mute).
    mute: bool = False


def _state_of(name: str, event_state: int, atr: list[int]) -> ReaderState:
    present = bool(event_state & scard.SCARD_STATE_PRESENT) and not event_state & scard.SCARD_STATE_MUTE
    return ReaderState(
        name,
        present,
        bytes(atr) if present else b"",
        bool(event_state & (scard.SCARD_STATE_INUSE | scard.SCARD_STATE_EXCLUSIVE)),
        bool(event_state & scard.SCARD_STATE_MUTE),
    )


def list_readers() -> list[str]:
    """Names of the connected readers (empty list when none; PcscUnavailable without pcscd)."""
    ctx = _Context()
    try:
        return ctx.readers()
    finally:
        ctx.close()


def reader_states(readers: list[str] | None = None) -> list[ReaderState]:
    """The current state of ``readers`` (default: all), without waiting."""
    ctx = _Context()
    try:
        names = ctx.readers() if readers is None else readers
        if not names:
            return []
        hresult, states = scard.SCardGetStatusChange(ctx.handle, 0, [(n, scard.SCARD_STATE_UNAWARE) for n in names])
        if _code(hresult) == _code(scard.SCARD_E_TIMEOUT):
            hresult = scard.SCARD_S_SUCCESS
        _check(hresult, "SCardGetStatusChange")
        return [_state_of(name, state, atr) for name, state, atr in states]
    finally:
        ctx.close()


def wait_for_card(reader: str, *, present: bool, timeout: float) -> bool:
    """Block until the card on ``reader`` is present (or absent); False on timeout."""
    deadline = time.monotonic() + timeout
    ctx = _Context()
    try:
        known = scard.SCARD_STATE_UNAWARE
        while True:
            left = deadline - time.monotonic()
            hresult, states = scard.SCardGetStatusChange(ctx.handle, max(0, int(left * 1000)), [(reader, known)])
            code = _code(hresult)
            if code == _code(scard.SCARD_E_TIMEOUT):
                return False
            _check(hresult, "SCardGetStatusChange")
            _, event_state, atr = states[0]
            if event_state & scard.SCARD_STATE_UNKNOWN:
                raise NoReader(f"no reader named {reader!r}")
            if _state_of(reader, event_state, atr).card_present == present:
                return True
            if left <= 0:
                return False
            known = event_state & ~scard.SCARD_STATE_CHANGED
    finally:
        ctx.close()


class PcscTransport:
    """An open connection to the card on one reader (exclusive by default). A context manager."""

    def __init__(self, reader: str, *, exclusive: bool = True, extended: bool | None = None) -> None:
        """Connect to the card on ``reader``.

        ``extended``: whether extended-length APDUs reach the card; ``None`` asks the driver
        (SCARD_ATTR_MAXINPUT) and assumes yes when it does not say — the card layer falls back to short
        reads if an extended one is refused.
        """
        self.reader = reader
        self._ctx = _Context()
        self._card: Any = None
        try:
            share = scard.SCARD_SHARE_EXCLUSIVE if exclusive else scard.SCARD_SHARE_SHARED
            self._share = share
            if reader not in self._ctx.readers():
                raise NoReader(f"no reader named {reader!r}")
            hresult, self._card, self._protocol = scard.SCardConnect(
                self._ctx.handle, reader, share, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
            )
            _check(hresult, "SCardConnect", connecting=True)
            self.supports_extended = self._probe_extended() if extended is None else extended
        except BaseException:
            self._ctx.close()
            raise

    @classmethod
    def connect(cls, reader: str | None = None, *, exclusive: bool = True) -> PcscTransport:
        """Connect to ``reader``, or to the first reader that has a card (NoReader / CardAbsent)."""
        if reader is not None:
            return cls(reader, exclusive=exclusive)
        states = reader_states()
        if not states:
            raise NoReader("no card reader is connected")
        for state in states:
            if state.card_present:
                return cls(state.name, exclusive=exclusive)
        raise CardAbsent("no card on any reader")

    def _probe_extended(self) -> bool:
        try:
            hresult, value = scard.SCardGetAttrib(self._card, scard.SCARD_ATTR_MAXINPUT)
        except scard.error:
            return True
        if hresult != scard.SCARD_S_SUCCESS or not value:
            return True
        return int.from_bytes(bytes(value[:4]), "little") > 261

    @property
    def atr(self) -> bytes:
        """The card's ATR as the reader reports it."""
        hresult, _reader, _state, _protocol, atr = scard.SCardStatus(self._card)
        self._raise_for(hresult, "SCardStatus")
        return bytes(atr)

    def transmit(self, apdu: bytes) -> bytes:
        """One exchange; CardRemoved / CardReset / ReaderError on failure (never partial data)."""
        if self._card is None:
            raise ReaderError("the connection to the card is closed")
        try:
            hresult, response = scard.SCardTransmit(self._card, self._protocol, list(apdu))
        except scard.error as exc:
            raise ReaderError("SCardTransmit failed") from exc
        if hresult != scard.SCARD_S_SUCCESS:
            self._raise_for(hresult, "SCardTransmit")
        if len(response) < 2:
            # vpcd (and some drivers) report a card that vanished mid-exchange as an empty answer
            if not self._card_still_there():
                raise CardRemoved("card removed: SCardTransmit returned no status word")
            raise ReaderError(f"the reader returned {len(response)} bytes without a status word")
        return bytes(response)

    def _raise_for(self, hresult: int, what: str) -> None:
        if hresult == scard.SCARD_S_SUCCESS:
            return
        error = _error(hresult, what)
        if isinstance(error, CardReset):
            self.reconnect(reset=False)
        elif isinstance(error, ReaderError) and not self._card_still_there():
            error = CardRemoved(f"card removed: {what} failed (PC/SC {_code(hresult):#010x})")
        raise error

    def _card_still_there(self) -> bool:
        try:
            return not wait_for_card(self.reader, present=False, timeout=_REMOVAL_GRACE)
        except TransportError:
            return False

    def reconnect(self, *, reset: bool = True) -> None:
        """Reconnect to the card (warm reset when ``reset``): selections and verified PINs are lost."""
        disposition = scard.SCARD_RESET_CARD if reset else scard.SCARD_LEAVE_CARD
        hresult, self._protocol = scard.SCardReconnect(
            self._card, self._share, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1, disposition
        )
        _check(hresult, "SCardReconnect")

    def close(self) -> None:
        """Release the card and the context (idempotent)."""
        if self._card is not None:
            scard.SCardDisconnect(self._card, scard.SCARD_LEAVE_CARD)
            self._card = None
        self._ctx.close()

    def __enter__(self) -> PcscTransport:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class StatusWatcher:
    """Blocks in ``SCardGetStatusChange`` until a reader or card changes; :meth:`cancel` from any thread."""

    def __init__(self) -> None:
        self._ctx = _Context()
        self._known: dict[str, int] = {}
        self._pnp = scard.SCARD_STATE_UNAWARE

    def snapshot(self) -> list[ReaderState]:
        """The current state of every reader; remembers it as the baseline for :meth:`wait`."""
        names = self._ctx.readers()
        if not names:
            self._known = {}
            return []
        hresult, states = scard.SCardGetStatusChange(
            self._ctx.handle, 0, [(n, scard.SCARD_STATE_UNAWARE) for n in names]
        )
        if _code(hresult) == _code(scard.SCARD_E_TIMEOUT):
            return [ReaderState(n, False) for n in names]
        _check(hresult, "SCardGetStatusChange")
        self._known = {name: state & ~scard.SCARD_STATE_CHANGED for name, state, _ in states}
        return [_state_of(name, state, atr) for name, state, atr in states]

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` s for a change; True if something changed (call :meth:`snapshot`)."""
        request = [(n, s) for n, s in self._known.items()] + [(PNP_NOTIFICATION, self._pnp)]
        hresult, states = scard.SCardGetStatusChange(self._ctx.handle, max(0, int(timeout * 1000)), request)
        code = _code(hresult)
        if code in (_code(scard.SCARD_E_TIMEOUT), _code(scard.SCARD_E_CANCELLED)):
            return False
        if code in _NO_READER:
            return bool(self._known)
        _check(hresult, "SCardGetStatusChange")
        changed = False
        for name, state, _atr in states:
            if name == PNP_NOTIFICATION:
                if state & scard.SCARD_STATE_CHANGED:
                    changed = True
                self._pnp = state & ~scard.SCARD_STATE_CHANGED
            elif state & scard.SCARD_STATE_CHANGED:
                changed = True
        return changed

    def cancel(self) -> None:
        """Make a blocked :meth:`wait` return now (thread-safe, PC/SC SCardCancel)."""
        if self._ctx.handle is not None:
            scard.SCardCancel(self._ctx.handle)

    def close(self) -> None:
        """Release the context."""
        self._ctx.close()
