"""APDUs as values: :class:`CommandApdu`, :class:`ResponseApdu`, :class:`StatusWord` (ISO/IEC 7816-4).

A command knows its data and how many response bytes it expects (``le``: ``None`` for none, else
1…65536). :meth:`CommandApdu.to_bytes` picks the short encoding when it fits and the extended one
otherwise, and raises :class:`~kyc_desk.cards.errors.ApduEncodingError` rather than producing bad bytes.
:meth:`CommandApdu.parse` is the inverse (the software cards use it), raising
:class:`~kyc_desk.cards.errors.MalformedData` on nonsense.

The constructors at the bottom (:func:`select_aid`, :func:`read_binary`, :func:`verify`…) build the
commands of cards.md §0.1; card applications use them rather than spelling bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from typing import Final

from kyc_desk.cards.errors import ApduEncodingError, MalformedData, describe_sw

SHORT_MAX_LC: Final = 255
SHORT_MAX_LE: Final = 256
EXTENDED_MAX_LC: Final = 65535
EXTENDED_MAX_LE: Final = 65536
#: READ BINARY with an offset in P1-P2 (P1 b8 = 0) reaches 15 bits.
MAX_BINARY_OFFSET: Final = 0x7FFF


class Ins(IntEnum):
    """Instruction bytes the desk and the software cards use."""

    VERIFY = 0x20
    CHANGE_REFERENCE_DATA = 0x24
    COMPUTE_DIGITAL_SIGNATURE = 0x2A  # with CLA 80 on the My Number card (JICSAP)
    MUTUAL_AUTHENTICATE = 0x82
    GET_CHALLENGE = 0x84
    INTERNAL_AUTHENTICATE = 0x88
    SELECT = 0xA4
    SET_SESSION_KEY = 0xAE  # My Number 券面入力補助AP secure messaging (not used by the desk)
    READ_BINARY = 0xB0
    READ_RECORD = 0xB2
    GET_RESPONSE = 0xC0
    GET_DATA = 0xCA


@dataclass(frozen=True, slots=True)
class StatusWord:
    """SW1-SW2 as one 16-bit value, with the questions callers ask about it."""

    value: int

    def __post_init__(self) -> None:
        if not 0 <= self.value <= 0xFFFF:
            raise ApduEncodingError(f"status word out of range: {self.value:#x}")

    @classmethod
    def of(cls, sw1: int, sw2: int) -> StatusWord:
        """Build from the two bytes."""
        return cls((sw1 << 8) | sw2)

    @property
    def sw1(self) -> int:
        """The first byte."""
        return self.value >> 8

    @property
    def sw2(self) -> int:
        """The second byte."""
        return self.value & 0xFF

    @property
    def is_success(self) -> bool:
        """9000 (the only success the desk accepts)."""
        return self.value == 0x9000

    @property
    def more_data(self) -> int | None:
        """61xx: bytes waiting for GET RESPONSE (xx = 00 means 256), else ``None``."""
        return (self.sw2 or 256) if self.sw1 == 0x61 else None

    @property
    def correct_le(self) -> int | None:
        """6Cxx: the Le the card wants the command re-sent with (00 means 256), else ``None``."""
        return (self.sw2 or 256) if self.sw1 == 0x6C else None

    @property
    def retries_left(self) -> int | None:
        """63Cx: tries left on the key (0 = blocked), else ``None``."""
        return self.sw2 & 0x0F if self.sw1 == 0x63 and self.sw2 & 0xF0 == 0xC0 else None

    @property
    def description(self) -> str:
        """A short English description (for messages and traces)."""
        return describe_sw(self.value)

    def to_bytes(self) -> bytes:
        """SW1 SW2."""
        return self.value.to_bytes(2, "big")

    def __str__(self) -> str:
        return f"{self.value:04X}"


SW_OK: Final = StatusWord(0x9000)
_SW_CACHE: dict[int, StatusWord] = {}


def status_word(sw1: int, sw2: int) -> StatusWord:
    """The (shared, immutable) StatusWord for SW1 SW2: the hot path of every exchange avoids re-creating it."""
    value = (sw1 << 8) | sw2
    sw = _SW_CACHE.get(value)
    if sw is None:
        sw = _SW_CACHE[value] = StatusWord(value)
    return sw


@dataclass(frozen=True)
class CommandApdu:
    """One command: header, data, and the number of response bytes expected (``le``).

    ``le`` is the Ne of ISO 7816-4: ``None`` when no response data is expected, else 1…65536 (256 is
    the short ``Le=00``, 65536 the extended ``Le=0000``).
    """

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None

    def __post_init__(self) -> None:
        try:
            header_ok = 0 <= self.cla <= 0xFF and 0 <= self.ins <= 0xFF and 0 <= self.p1 <= 0xFF
            header_ok = header_ok and 0 <= self.p2 <= 0xFF
        except TypeError:
            header_ok = False
        if not header_ok:
            raise ApduEncodingError(f"APDU header bytes must be 0..255, got {(self.cla, self.ins, self.p1, self.p2)!r}")
        if type(self.data) is not bytes:
            try:
                object.__setattr__(self, "data", bytes(self.data))
            except TypeError as exc:
                raise ApduEncodingError("APDU data must be bytes") from exc
        if len(self.data) > EXTENDED_MAX_LC:
            raise ApduEncodingError(f"APDU data too long: {len(self.data)} bytes (max {EXTENDED_MAX_LC})")
        le = self.le
        if le is not None and (type(le) is not int or not 1 <= le <= EXTENDED_MAX_LE):
            raise ApduEncodingError(f"APDU Le must be 1..{EXTENDED_MAX_LE} or None, got {le!r}")

    @property
    def needs_extended(self) -> bool:
        """True when the command cannot be encoded in short form."""
        return len(self.data) > SHORT_MAX_LC or (self.le is not None and self.le > SHORT_MAX_LE)

    @property
    def uses_secure_messaging(self) -> bool:
        """CLA b3-b4 say the command is wrapped in secure messaging (e.g. CLA 08 or 0C)."""
        return self.cla & 0x80 == 0 and self.cla & 0x0C != 0

    def with_le(self, le: int | None) -> CommandApdu:
        """The same command expecting ``le`` response bytes."""
        return CommandApdu(self.cla, self.ins, self.p1, self.p2, self.data, le)

    def to_bytes(self, *, extended: bool | None = None) -> bytes:
        """Encode; short form when it fits unless ``extended`` is forced either way.

        Raises ApduEncodingError when ``extended=False`` but the command needs extended length.
        """
        if extended is None:
            # Cached in the instance dict (not a field: equality and hashing ignore it); commands are
            # immutable, and the same command object is often sent many times.
            cached: bytes | None = self.__dict__.get("_encoded")
            if cached is None:
                cached = self._encode(self.needs_extended)
                object.__setattr__(self, "_encoded", cached)
            return cached
        if not extended and self.needs_extended:
            raise ApduEncodingError("this command needs an extended-length APDU")
        return self._encode(extended)

    def _encode(self, use_ext: bool) -> bytes:
        out = bytearray((self.cla, self.ins, self.p1, self.p2))
        lc = len(self.data)
        if not use_ext:
            if lc:
                out.append(lc)
                out += self.data
            if self.le is not None:
                out.append(self.le & 0xFF)  # 256 → 00
            return bytes(out)
        if lc == 0 and self.le is None:  # case 1 has no extended form
            return bytes(out)
        out.append(0)
        if lc:
            out += lc.to_bytes(2, "big")
            out += self.data
        if self.le is not None:
            out += (self.le & 0xFFFF).to_bytes(2, "big")  # 65536 → 0000
        return bytes(out)

    @classmethod
    def parse(cls, raw: bytes) -> CommandApdu:
        """Decode any of the seven ISO cases; MalformedData if the length bytes do not add up."""
        n = len(raw)
        if n < 4:
            raise MalformedData(f"command APDU shorter than its header ({n} bytes)")
        cla, ins, p1, p2 = raw[0], raw[1], raw[2], raw[3]
        body = raw[4:]
        if not body:  # case 1
            return cls(cla, ins, p1, p2)
        if len(body) == 1:  # case 2S
            return cls(cla, ins, p1, p2, le=body[0] or 256)
        if body[0] != 0:  # short with Lc
            lc = body[0]
            if len(body) == 1 + lc:  # case 3S
                return cls(cla, ins, p1, p2, body[1:])
            if len(body) == 2 + lc:  # case 4S
                return cls(cla, ins, p1, p2, body[1 : 1 + lc], body[-1] or 256)
            raise MalformedData(f"command APDU length {n} does not match Lc {lc}")
        # extended: body[0] == 0
        if len(body) == 3:  # case 2E
            return cls(cla, ins, p1, p2, le=int.from_bytes(body[1:3], "big") or 65536)
        if len(body) < 3:
            raise MalformedData(f"truncated extended length in a {n}-byte command APDU")
        lc = int.from_bytes(body[1:3], "big")
        if lc == 0:
            raise MalformedData("extended Lc of zero")
        if len(body) == 3 + lc:  # case 3E
            return cls(cla, ins, p1, p2, body[3:])
        if len(body) == 5 + lc:  # case 4E
            return cls(cla, ins, p1, p2, body[3 : 3 + lc], int.from_bytes(body[-2:], "big") or 65536)
        raise MalformedData(f"command APDU length {n} does not match extended Lc {lc}")

    def __repr__(self) -> str:
        # Never show data: it may be a PIN. Use kyc_desk.cards.transport.trace for diagnostics.
        return (
            f"CommandApdu({self.cla:02X} {self.ins:02X} {self.p1:02X} {self.p2:02X},"
            f" {len(self.data)} data bytes, le={self.le})"
        )


@dataclass(frozen=True, slots=True)
class ResponseApdu:
    """Response data and status word."""

    data: bytes
    sw: StatusWord

    @classmethod
    def parse(cls, raw: bytes) -> ResponseApdu:
        """Split data and SW1 SW2; MalformedData if fewer than two bytes came back."""
        if len(raw) < 2:
            raise MalformedData(f"response APDU of {len(raw)} bytes has no status word")
        return cls(bytes(raw[:-2]), status_word(raw[-2], raw[-1]))

    @classmethod
    def status(cls, sw: int, data: bytes = b"") -> ResponseApdu:
        """A response with this SW (software cards build their answers with it)."""
        return cls(data, StatusWord(sw))

    def to_bytes(self) -> bytes:
        """Data followed by SW1 SW2."""
        return self.data + self.sw.to_bytes()

    def __repr__(self) -> str:
        return f"ResponseApdu({len(self.data)} data bytes, SW={self.sw})"


# --- the commands of cards.md §0.1 -----------------------------------------------------------------------


def select_aid(aid: bytes) -> CommandApdu:
    """SELECT DF by name, no FCI: ``00 A4 04 0C Lc <AID>``."""
    if not 1 <= len(aid) <= 16:
        raise ApduEncodingError(f"an AID has 1..16 bytes, got {len(aid)}")
    return CommandApdu(0x00, Ins.SELECT, 0x04, 0x0C, aid)


@lru_cache(maxsize=256)
def select_fid(fid: int) -> CommandApdu:
    """SELECT EF by file id, no FCI: ``00 A4 02 0C 02 <FID>`` (cached, as :func:`read_binary`)."""
    if not 0 <= fid <= 0xFFFF:
        raise ApduEncodingError(f"a file id has two bytes, got {fid:#x}")
    return CommandApdu(0x00, Ins.SELECT, 0x02, 0x0C, fid.to_bytes(2, "big"))


def select_mf() -> CommandApdu:
    """SELECT the MF by its file id: ``00 A4 00 00 02 3F 00`` (residence card, driver's licence)."""
    return CommandApdu(0x00, Ins.SELECT, 0x00, 0x00, b"\x3f\x00")


@lru_cache(maxsize=1024)
def read_binary(offset: int, le: int, *, sfi: int | None = None) -> CommandApdu:
    """READ BINARY of the current EF at ``offset`` (15 bits), or of EF ``sfi`` (offset 0…255).

    Cached: a file is read with the same few commands again and again, and commands are immutable.
    """
    if sfi is None:
        if not 0 <= offset <= MAX_BINARY_OFFSET:
            raise ApduEncodingError(f"READ BINARY offset {offset} is beyond {MAX_BINARY_OFFSET:#x}")
        return CommandApdu(0x00, Ins.READ_BINARY, offset >> 8, offset & 0xFF, le=le)
    if not 1 <= sfi <= 30:
        raise ApduEncodingError(f"a short EF id is 1..30, got {sfi}")
    if not 0 <= offset <= 0xFF:
        raise ApduEncodingError(f"READ BINARY by short EF id takes an 8-bit offset, got {offset}")
    return CommandApdu(0x00, Ins.READ_BINARY, 0x80 | sfi, offset, le=le)


def read_record(record: int, *, sfi: int | None = None, le: int = 256) -> CommandApdu:
    """READ RECORD ``record`` (P2 b3..1 = 100) of the current EF or of EF ``sfi``."""
    if not 1 <= record <= 0xFE:
        raise ApduEncodingError(f"record number must be 1..254, got {record}")
    p2 = ((sfi or 0) << 3) | 0x04
    return CommandApdu(0x00, Ins.READ_RECORD, record, p2, le=le)


def key_reference(sfi: int | None) -> int:
    """P2 naming the key: 80 = key of the current EF, 80+SFI = key EF with that short id."""
    if sfi is None:
        return 0x80
    if not 1 <= sfi <= 30:
        raise ApduEncodingError(f"a short EF id is 1..30, got {sfi}")
    return 0x80 | sfi


def verify(secret: bytes, *, sfi: int | None = None) -> CommandApdu:
    """VERIFY with data: ``00 20 00 80|SFI Lc <secret>`` (callers: only with what the user typed)."""
    if not secret:
        raise ApduEncodingError("VERIFY needs data; use verify_query() to read the retry counter")
    return CommandApdu(0x00, Ins.VERIFY, 0x00, key_reference(sfi), secret)


def verify_query(*, sfi: int | None = None) -> CommandApdu:
    """The empty VERIFY (case 1): asks for the retry counter without spending a try."""
    return CommandApdu(0x00, Ins.VERIFY, 0x00, key_reference(sfi))


def get_challenge(length: int = 8) -> CommandApdu:
    """GET CHALLENGE: ``00 84 00 00 Le``."""
    return CommandApdu(0x00, Ins.GET_CHALLENGE, 0x00, 0x00, le=length)


def get_response(length: int) -> CommandApdu:
    """GET RESPONSE for the bytes a 61xx announced."""
    return CommandApdu(0x00, Ins.GET_RESPONSE, 0x00, 0x00, le=length)
