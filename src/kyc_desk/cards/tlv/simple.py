"""Fixed one-byte-tag TLV, as the residence card writes it (cards.md §C.3).

Every tag is exactly one byte (``C0``…``DB``), never a multi-byte BER tag, and lengths are ``00–7F``,
``81 xx`` or ``82 xx xx``. Objects are padded with ``00`` to their fixed size, and an object that was
removed is an all-zero T/L/V; zero bytes between objects are therefore skipped as padding.
MalformedData on anything else.
"""

from __future__ import annotations

from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.tlv.ber import Tlv


def parse_simple(data: bytes, *, padding: int = 0x00) -> list[Tlv]:
    """All objects in ``data`` with one-byte tags; runs of ``padding`` bytes between them are skipped."""
    data = bytes(data)
    objects: list[Tlv] = []
    pos, end = 0, len(data)
    while pos < end:
        if data[pos] == padding:
            pos += 1
            continue
        start, tag = pos, data[pos]
        pos += 1
        if pos >= end:
            raise MalformedData("data ends where a length should start", tag=tag)
        first = data[pos]
        pos += 1
        if first < 0x80:
            length = first
        elif first in (0x81, 0x82):
            count = first - 0x80
            if pos + count > end:
                raise MalformedData("data ends inside a long-form length", tag=tag)
            length = int.from_bytes(data[pos : pos + count], "big")
            pos += count
        else:
            raise MalformedData(f"length byte {first:02X} is not used by this card", tag=tag)
        if pos + length > end:
            raise MalformedData(f"value of {length} bytes runs past the data ({end - pos} left)", tag=tag)
        objects.append(Tlv(tag, data[pos : pos + length], start, pos + length - start))
        pos += length
    return objects


def encode_simple(tag: int, value: bytes) -> bytes:
    """One object with a one-byte tag and a ``00–7F``/``81``/``82`` length."""
    if not 0 < tag <= 0xFF:
        raise ValueError(f"one-byte tag expected, got {tag:#x}")
    n = len(value)
    if n < 0x80:
        head = bytes((tag, n))
    elif n <= 0xFF:
        head = bytes((tag, 0x81, n))
    elif n <= 0xFFFF:
        head = bytes((tag, 0x82)) + n.to_bytes(2, "big")
    else:
        raise ValueError(f"value of {n} bytes is too long for this TLV form")
    return head + bytes(value)
