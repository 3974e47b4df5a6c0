"""The ISO 7816-4 layer over a transport: select, read, verify, sign — with typed errors.

Usage (a card application's wrapper holds one ``Card``)::

    from kyc_desk.cards import Card, PcscTransport

    with PcscTransport.connect() as transport:        # exclusive while we read
        card = Card(transport)
        card.select_df(JPKI_AID)                       # NotThisCard if the card has no such AP
        card.select_ef(0x000A)
        cert = card.read_binary_all()                  # until a short read / 6B00, or size=…
        left = card.tries_left(sfi=0x18)               # empty VERIFY: spends no try
        card.verify(user_typed_pin, sfi=0x18)          # PinIncorrect(retries_left) / PinBlocked

Rules this class keeps:

- :meth:`verify` sends only the secret its caller passes, refuses an empty one, and never retries.
  :meth:`tries_left` uses the empty VERIFY (no data) only.
- :meth:`call` follows 61xx with GET RESPONSE and re-sends once with the Le a 6Cxx asks for.
- :meth:`cancel` (thread-safe) makes the next APDU raise :class:`Cancelled`; it is checked between APDUs,
  so a read stops at a chunk boundary and returns nothing.
- A multi-APDU read returns all of the file or raises: a card removed mid-read gives ``CardRemoved``
  from the transport, never a partial result.
"""

from __future__ import annotations

import logging
import threading
from typing import Final

from kyc_desk.cards import apdu as cmds
from kyc_desk.cards.apdu import MAX_BINARY_OFFSET, SHORT_MAX_LE, CommandApdu, Ins, ResponseApdu, status_word
from kyc_desk.cards.errors import (
    ApduEncodingError,
    Cancelled,
    CardError,
    ExtendedLengthUnsupported,
    MalformedData,
    NotThisCard,
    SecretRequired,
    StatusError,
    error_for,
)
from kyc_desk.cards.tlv.ber import read_length, read_tag
from kyc_desk.cards.transport.base import Transport

log = logging.getLogger(__name__)

#: Largest chunk one extended READ BINARY asks for. Big enough for every EF of the three cards (the
#: largest is the residence card's 7004-byte image); pcsc-lite's buffer holds 64 KiB + header.
EXTENDED_CHUNK: Final = 0xFFFF
_MAX_GET_RESPONSE: Final = 64
#: 4 header + 1 Lc + 255 data + 1 Le: anything longer is an extended APDU.
_LONGEST_SHORT_APDU: Final = 261  # 61xx chains longer than this are a broken card, not data
#: What :meth:`Card.tries_left` returns for a key without a retry counter (answer 6300): "no limit".
NO_LIMIT: Final = -1


class Card:
    """A card on a transport. Not thread-safe: one worker thread talks to it (style.md §2.7)."""

    def __init__(self, transport: Transport, *, use_extended: bool | None = None) -> None:
        """``use_extended``: ``None`` = use extended reads when the transport supports them."""
        self.transport = transport
        self.use_extended = transport.supports_extended if use_extended is None else use_extended
        self._cancelled = threading.Event()

    # --- cancellation --------------------------------------------------------------------------------

    def cancel(self) -> None:
        """Ask the running operation to stop before its next APDU (callable from any thread)."""
        self._cancelled.set()

    def clear_cancel(self) -> None:
        """Allow APDUs again after a cancellation."""
        self._cancelled.clear()

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called (until :meth:`clear_cancel`)."""
        return self._cancelled.is_set()

    # --- exchanges -------------------------------------------------------------------------------------

    def _exchange(self, command: CommandApdu) -> bytes:
        if self._cancelled.is_set():
            raise Cancelled("the card operation was cancelled")
        encoded = command.to_bytes()
        if len(encoded) > _LONGEST_SHORT_APDU and not self.transport.supports_extended and command.needs_extended:
            raise ExtendedLengthUnsupported("this command needs an extended-length APDU the reader cannot carry")
        raw = self.transport.transmit(encoded)
        if len(raw) < 2:
            raise MalformedData(f"response APDU of {len(raw)} bytes has no status word")
        return raw

    def _call_raw(self, command: CommandApdu) -> tuple[bytes, int]:
        """(data, SW) after 6Cxx and 61xx handling, without building response objects (the hot path)."""
        raw = self._exchange(command)
        sw1 = raw[-2]
        if sw1 == 0x6C:
            raw = self._exchange(command.with_le(raw[-1] or 256))
            sw1 = raw[-2]
        if sw1 != 0x61:  # the common case: one exchange
            return raw[:-2], (sw1 << 8) | raw[-1]
        data = bytearray(raw[:-2])
        rounds = 0
        while sw1 == 0x61:
            rounds += 1
            if rounds > _MAX_GET_RESPONSE:
                raise CardError("the card kept announcing more data (61xx) without end")
            raw = self._exchange(cmds.get_response(raw[-1] or 256))
            sw1 = raw[-2]
            data += raw[:-2]
        return bytes(data), (sw1 << 8) | raw[-1]

    def call(self, command: CommandApdu) -> ResponseApdu:
        """Send ``command``; follow 61xx (GET RESPONSE) and 6Cxx (re-send with the right Le)."""
        data, sw = self._call_raw(command)
        return ResponseApdu(data, status_word(sw >> 8, sw & 0xFF))

    def call_ok(self, command: CommandApdu) -> bytes:
        """Send ``command``; return its data on 9000, raise :func:`error_for` of the SW otherwise."""
        data, sw = self._call_raw(command)
        if sw != 0x9000:
            raise error_for(status_word(sw >> 8, sw & 0xFF))
        return data

    # --- selection -------------------------------------------------------------------------------------

    def select_df(self, aid: bytes) -> None:
        """SELECT an application by AID; :class:`NotThisCard` when the card has none."""
        response = self.call(cmds.select_aid(aid))
        if not response.sw.is_success:
            raise error_for(response.sw, selecting_application=True)

    def probe_df(self, aid: bytes) -> bool:
        """SELECT an application; True if the card has it, False if "not this card" (other SWs raise)."""
        try:
            self.select_df(aid)
        except NotThisCard:
            return False
        return True

    def select_ef(self, fid: int) -> None:
        """SELECT an EF of the current DF by file id; FileNotFound if absent."""
        self.call_ok(cmds.select_fid(fid))

    def select_mf(self) -> None:
        """SELECT the MF (``00 A4 00 00 02 3F 00``; driver's licence and residence card)."""
        self.call_ok(cmds.select_mf())

    # --- reading ---------------------------------------------------------------------------------------

    @property
    def chunk_size(self) -> int:
        """Bytes one READ BINARY asks for: 256 in short form, up to 65535 with extended length."""
        return EXTENDED_CHUNK if self.use_extended else SHORT_MAX_LE

    def read_binary(self, offset: int, length: int, *, sfi: int | None = None) -> bytes:
        """One READ BINARY of up to ``length`` bytes (fewer at the end of the file)."""
        if length > SHORT_MAX_LE and not self.use_extended:
            raise ExtendedLengthUnsupported(f"reading {length} bytes at once needs extended length")
        return self.call_ok(cmds.read_binary(offset, length, sfi=sfi))

    def read_binary_all(
        self, size: int | None = None, *, sfi: int | None = None, until_declared: bool = False
    ) -> bytes:
        """The whole current EF (or EF ``sfi``): ``size`` bytes, or until a short read / 6B00.

        ``until_declared``: the EF holds one BER-TLV object; stop at the length its header declares, so
        whatever the card keeps after it (filler of any value, a file allocated larger than READ BINARY
        offsets reach) is never read or parsed — as a card's own reader does (cards.md §A.3.2). With
        ``sfi`` the first READ names the EF by its short id (making it current) and the rest use
        offsets, as ISO 7816-4 allows. All or nothing: any error or cancellation raises.
        """
        if size is not None and size < 0:
            raise ApduEncodingError("negative size")
        out = bytearray()
        first = True
        while size is None or len(out) < size:
            want = self.chunk_size if size is None else min(self.chunk_size, size - len(out))
            offset = len(out)
            if offset > MAX_BINARY_OFFSET:
                raise CardError(f"the file is longer than READ BINARY offsets reach ({MAX_BINARY_OFFSET + 1} bytes)")
            command = cmds.read_binary(offset, want, sfi=sfi if first else None)
            data, sw = self._call_raw(command)
            if sw == 0x6700 and offset == 0 and command.needs_extended:
                # The reader path refused extended length (cards.md §E.2): go on with short reads.
                log.warning("extended READ BINARY refused (SW=6700); falling back to short reads")
                self.use_extended = False
                continue
            first = False
            if sw != 0x9000:
                if sw == 0x6282 and size is None and (data or offset > 0):
                    out += data
                    break  # 6282 "end of file before Le bytes": a short file answers it with its data at once
                if sw == 0x6B00 and offset > 0 and size is None:
                    break  # end of file reached exactly at a chunk boundary
                raise error_for(status_word(sw >> 8, sw & 0xFF))
            out += data
            if until_declared and size is None and (declared := declared_size(out)) is not None:
                size = declared
                if len(out) >= size:
                    del out[size:]
                    break
                continue
            if len(data) < want:
                if size is not None:
                    raise StatusError(
                        status_word(sw >> 8, sw & 0xFF), f"the file ended after {len(out)} of {size} bytes",
                        ja="カードのデータが途中で終わっています。もう一度読み取ってください。",
                    )
                break
        return bytes(out) if size is None else bytes(out[:size])

    def read_record(self, record: int, *, sfi: int | None = None) -> bytes:
        """READ RECORD ``record`` of the current EF (or EF ``sfi``)."""
        return self.call_ok(cmds.read_record(record, sfi=sfi))

    # --- keys ------------------------------------------------------------------------------------------

    def verify(self, secret: bytes | str, *, sfi: int | None = None) -> None:
        """VERIFY with the secret the user typed (ASCII if ``str``); returns on 9000.

        Raises PinIncorrect(retries_left) / PinBlocked / SecretRequired. Never retried.
        """
        if isinstance(secret, str):
            try:
                secret = secret.encode("ascii")
            except UnicodeEncodeError as exc:
                raise SecretRequired("the secret must be ASCII", ja="暗証番号は半角で入力してください。") from exc
        if not secret:
            raise SecretRequired("no secret was given; VERIFY is only sent with what the user typed")
        self.call_ok(cmds.verify(secret, sfi=sfi))

    def tries_left(self, *, sfi: int | None = None) -> int | None:
        """Tries left on a key, read with the empty VERIFY (no try spent).

        Returns x of 63Cx (0 = blocked; 6984/6983 also give 0), :data:`NO_LIMIT` for 6300 (a key without
        a retry counter, such as the residence card number: nothing to count down), or ``None`` when the
        card answered 9000 (some cards do when the key is already verified in this session: no count).
        """
        response = self.call(cmds.verify_query(sfi=sfi))
        sw = response.sw
        if sw.is_success:
            return None
        if sw.value == 0x6300:
            return NO_LIMIT
        if (n := sw.retries_left) is not None:
            return n
        if sw.value in (0x6983, 0x6984):
            return 0
        raise error_for(sw)

    # --- pass-through operations ------------------------------------------------------------------------

    def get_challenge(self, length: int = 8) -> bytes:
        """GET CHALLENGE: ``length`` random bytes from the card."""
        data = self.call_ok(cmds.get_challenge(length))
        if len(data) != length:
            raise CardError(f"GET CHALLENGE returned {len(data)} bytes, expected {length}")
        return data

    def internal_authenticate(self, data: bytes, *, p1: int = 0x00, p2: int = 0x00, le: int = 256) -> bytes:
        """INTERNAL AUTHENTICATE: the card's answer to ``data`` (checking it is the caller's job)."""
        return self.call_ok(CommandApdu(0x00, Ins.INTERNAL_AUTHENTICATE, p1, p2, data, le))

    def compute_digital_signature(
        self, data: bytes, *, cla: int = 0x80, p1: int = 0x00, p2: int = 0x80, le: int = 256
    ) -> bytes:
        """COMPUTE DIGITAL SIGNATURE (``80 2A 00 80 Lc data 00`` on the My Number card)."""
        return self.call_ok(CommandApdu(cla, Ins.COMPUTE_DIGITAL_SIGNATURE, p1, p2, data, le))

    def close(self) -> None:
        """Close the transport."""
        self.transport.close()


def declared_size(head: bytes | bytearray) -> int | None:
    """Total size (header + value) of the BER-TLV object starting ``head``; ``None`` until ``head`` holds
    the whole header. A header that cannot be a TLV raises :class:`MalformedData`."""
    try:
        _tag, pos = read_tag(bytes(head), 0)
        length, pos = read_length(bytes(head), pos)
    except MalformedData:
        if len(head) < 8:  # tag (up to 4 bytes) and length (up to 5) may simply not be here yet
            return None
        raise
    return pos + length
