"""BER-TLV as the My Number card and the driver's licence write it (ISO/IEC 7816-4 §5.2, leniently).

Quirks of real cards this parser accepts on purpose (cards.md §A.3.2, §B.2, §E.5):

- the non-minimal high-tag form ``FF 10`` (tag number 16 written in two bytes) of the 個人番号 EF;
- long-form lengths ``81 xx``, ``82 xx xx``, ``83 xx xx xx`` (and ``84``), also where a short form fits;
- ``FF`` and ``00`` filler between and after objects (an ``FF`` is filler when the next byte is ``FF``,
  ``00`` or the end of the data; otherwise it starts a tag such as ``FF 20``).

Anything else malformed (a length running past the data, the indefinite length ``80``, a tag cut short)
raises :class:`~kyc_desk.cards.errors.MalformedData` — never ``IndexError`` or ``ValueError``.

The second-generation residence card writes tags of one or two bytes and nothing longer (``DF D1``, whose
second byte has b8 set, is a *two*-byte tag there, cards.md §C.7): ``max_tag_bytes=2`` reads a high-tag
first byte and exactly one more.

Tags are plain integers of their bytes: ``FF 20`` → ``0xFF20``, ``DF 21`` → ``0xDF21``, ``5F 40`` →
``0x5F40``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from kyc_desk.cards.errors import MalformedData

_MAX_TAG_BYTES: Final = 4
_MAX_LENGTH_BYTES: Final = 4


@dataclass(frozen=True)
class Tlv:
    """One data object: its tag, its value, and where it sat in the parsed bytes."""

    tag: int
    value: bytes
    #: Offset of the tag's first byte in the parsed buffer, and the object's total size.
    offset: int = 0
    size: int = 0

    @property
    def constructed(self) -> bool:
        """b6 of the first tag byte: the value is itself a sequence of data objects."""
        return bool(_first_tag_byte(self.tag) & 0x20)

    def children(self) -> list[Tlv]:
        """The objects inside a constructed object (filler skipped); parsed on demand, one level."""
        return parse_ber(self.value)

    def encode(self) -> bytes:
        """The object in BER with the shortest length form."""
        return encode_tlv(self.tag, self.value)


def _first_tag_byte(tag: int) -> int:
    return tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")[0]


def read_tag(data: bytes, pos: int, *, max_tag_bytes: int = _MAX_TAG_BYTES) -> tuple[int, int]:
    """The tag starting at ``pos`` and the position after it (at most ``max_tag_bytes`` bytes long)."""
    end = len(data)
    if pos >= end:
        raise MalformedData("data ends where a tag should start")
    first = data[pos]
    tag = first
    pos += 1
    if first & 0x1F == 0x1F and max_tag_bytes == 2:  # one-or-two-byte tags: the second byte is the last
        if pos >= end:
            raise MalformedData("data ends inside a two-byte tag")
        return (tag << 8) | data[pos], pos + 1
    if first & 0x1F == 0x1F:  # high-tag-number form: more bytes while b8 is set
        count = 0
        while True:
            if pos >= end:
                raise MalformedData("data ends inside a multi-byte tag")
            byte = data[pos]
            tag = (tag << 8) | byte
            pos += 1
            count += 1
            if count + 1 > _MAX_TAG_BYTES:
                raise MalformedData("tag longer than four bytes")
            if not byte & 0x80:
                break
    return tag, pos


def read_length(data: bytes, pos: int, *, tag: int | None = None) -> tuple[int, int]:
    """The length starting at ``pos`` (short or 81…84 long form) and the position after it."""
    end = len(data)
    if pos >= end:
        raise MalformedData("data ends where a length should start", tag=tag)
    first = data[pos]
    pos += 1
    if first < 0x80:
        return first, pos
    count = first & 0x7F
    if count == 0:
        raise MalformedData("indefinite length (80) is not used by ID cards", tag=tag)
    if count > _MAX_LENGTH_BYTES:
        raise MalformedData(f"length of {count} bytes is not supported", tag=tag)
    if pos + count > end:
        raise MalformedData("data ends inside a long-form length", tag=tag)
    return int.from_bytes(data[pos : pos + count], "big"), pos + count


def is_filler(data: bytes, pos: int) -> bool:
    """``00`` always; ``FF`` when followed by ``FF``, ``00`` or the end of the data."""
    byte = data[pos]
    if byte == 0x00:
        return True
    return byte == 0xFF and (pos + 1 == len(data) or data[pos + 1] in (0x00, 0xFF))


def parse_ber(data: bytes, *, allow_filler: bool = True, max_tag_bytes: int = _MAX_TAG_BYTES) -> list[Tlv]:
    """All top-level data objects in ``data``, in order (filler skipped unless ``allow_filler=False``).

    ``max_tag_bytes=2``: the one-or-two-byte tags of the second-generation residence card (module docstring).
    """
    data = bytes(data)
    objects: list[Tlv] = []
    pos, end = 0, len(data)
    while pos < end:
        if is_filler(data, pos):
            if not allow_filler:
                raise MalformedData(f"filler byte {data[pos]:02X} at offset {pos}")
            pos += 1
            continue
        start = pos
        tag, pos = read_tag(data, pos, max_tag_bytes=max_tag_bytes)
        length, pos = read_length(data, pos, tag=tag)
        if pos + length > end:
            raise MalformedData(f"value of {length} bytes runs past the data ({end - pos} left)", tag=tag)
        objects.append(Tlv(tag, data[pos : pos + length], start, pos + length - start))
        pos += length
    return objects


def find(objects: list[Tlv], tag: int) -> Tlv | None:
    """The first object with ``tag``, or ``None``."""
    return next((o for o in objects if o.tag == tag), None)


def encode_length(length: int) -> bytes:
    """The shortest BER length encoding (``81``/``82``/``83`` long forms above 127)."""
    if length < 0:
        raise ValueError("negative length")
    if length < 0x80:
        return bytes((length,))
    body = length.to_bytes((length.bit_length() + 7) // 8, "big")
    if len(body) > _MAX_LENGTH_BYTES:
        raise ValueError(f"length {length} too large")
    return bytes((0x80 | len(body),)) + body


def encode_tag(tag: int) -> bytes:
    """The tag's bytes (the integer written big-endian; ``0x10`` stays one byte, ``0xFF10`` two)."""
    if tag < 0:
        raise ValueError("negative tag")
    return tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")


def encode_tlv(tag: int, value: bytes) -> bytes:
    """One BER data object."""
    return encode_tag(tag) + encode_length(len(value)) + bytes(value)
