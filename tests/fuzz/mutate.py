"""Hypothesis strategies that mutate real seeds the way a hostile client or a broken chip would.

A case is one seed with one to eight edits, each drawn by Hypothesis (so a failure shrinks to the fewest,
smallest edits): flip a bit, set a byte to a boundary value, write a boundary integer (1, 2 or 4 bytes,
big or little endian: lengths and sizes in TLV, JSON frames and image headers), insert, delete or repeat
a range, truncate, or splice in a piece of another seed. Edits land anywhere, with a bias towards the
first 64 bytes, where the headers that decide how much to read and allocate live.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

_BOUNDARY_BYTES = (0x00, 0x01, 0x7F, 0x80, 0x81, 0x82, 0x83, 0x84, 0xFE, 0xFF)
_BOUNDARY_INTS = (0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000,
                  0xFFFFFFFF, 13000, 50000, 1 << 20)
_MAX_GROWTH = 4096


@st.composite
def _position(draw: st.DrawFn, size: int) -> int:
    if size <= 0:
        return 0
    if draw(st.booleans()):
        return draw(st.integers(0, min(size, 64) - 1))
    return draw(st.integers(0, size - 1))


@st.composite
def _edit(draw: st.DrawFn, data: bytearray, others: Sequence[bytes]) -> None:
    kind = draw(st.sampled_from(("flip", "byte", "int", "insert", "delete", "repeat", "truncate", "splice")))
    size = len(data)
    at = draw(_position(size))
    if kind == "flip" and size:
        data[at] ^= 1 << draw(st.integers(0, 7))
    elif kind == "byte" and size:
        data[at] = draw(st.sampled_from(_BOUNDARY_BYTES) | st.integers(0, 255))
    elif kind == "int" and size:
        width = draw(st.sampled_from((1, 2, 4)))
        value = draw(st.sampled_from(_BOUNDARY_INTS)) % (1 << (8 * width))
        order = draw(st.sampled_from(("big", "little")))
        data[at : at + width] = value.to_bytes(width, order)
    elif kind == "insert":
        data[at:at] = draw(st.binary(min_size=1, max_size=32))
    elif kind == "delete" and size:
        del data[at : at + draw(st.integers(1, 64))]
    elif kind == "repeat" and size:
        piece = data[at : at + draw(st.integers(1, 64))]
        data[at:at] = piece * draw(st.integers(1, max(1, min(64, _MAX_GROWTH // max(1, len(piece))))))
    elif kind == "truncate":
        del data[at:]
    elif kind == "splice" and others:
        other = draw(st.sampled_from(others))
        start = draw(st.integers(0, max(0, len(other) - 1)))
        data[at : at + draw(st.integers(0, 64))] = other[start : start + draw(st.integers(1, 256))]


@st.composite
def mutated(draw: st.DrawFn, seeds: Sequence[bytes], *, max_edits: int = 8) -> bytes:
    """One seed of ``seeds`` with up to ``max_edits`` edits (sometimes none: the seed itself must pass)."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, max_edits))):
        draw(_edit(data, seeds))
    return bytes(data)
