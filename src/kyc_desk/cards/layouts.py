"""File layouts as data tables, and the one generic decoder that runs them (style.md §2.4).

A card application describes each EF once::

    ATTRIBUTES = FileLayout(                     # 券面入力補助AP EF 0002 (基本4情報)
        name="text/EF0002", template=0xFF20,
        fields=(
            Field(0xDF21, "offsets"),
            Field(0xDF22, "name", decode=utf8),
            Field(0xDF24, "birth_date", decode=yyyymmdd),
            Field(0xDF25, "sex", decode=ascii_text, length=1),
        ),
        check=check_offsets,                     # optional cross-check of redundant fields
    )
    values = decode(ATTRIBUTES, raw)             # {"offsets": b"...", "name": "...", ...}

:func:`decode` raises :class:`~kyc_desk.cards.errors.MalformedData` (``ef`` = the layout's name,
``tag``) on a missing or repeated tag, a wrong fixed length, a failed decoder (``ValueError`` and
``UnicodeDecodeError`` are turned into MalformedData) or a failed ``check``. Nothing partial comes back.
Error messages name tags and lengths only, never the values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.tlv import Tlv, parse_ber, parse_simple

Decoder = Callable[[bytes], Any]
Check = Callable[[Mapping[str, Any], bytes], None]


def raw(value: bytes) -> bytes:
    """The value bytes unchanged."""
    return bytes(value)


def utf8(value: bytes) -> str:
    """UTF-8 text with trailing NUL/FF padding removed."""
    return value.rstrip(b"\x00\xff").decode("utf-8")


def ascii_text(value: bytes) -> str:
    """ASCII text with trailing NUL/FF/space padding removed."""
    return value.rstrip(b"\x00\xff ").decode("ascii")


def yyyymmdd(value: bytes) -> dt.date:
    """A Gregorian date written as eight ASCII digits."""
    text = value.decode("ascii")
    if len(text) != 8 or not text.isdigit():
        raise ValueError("expected 8 ASCII digits")
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))


@dataclass(frozen=True)
class Field:
    """One data object of a file: its tag, the key it is decoded under, and how."""

    tag: int
    name: str
    decode: Decoder = raw
    #: ``False``: the tag may be absent (the key is then missing from the result).
    required: bool = True
    #: Exact value length the specification fixes, checked before decoding.
    length: int | None = None


@dataclass(frozen=True)
class FileLayout:
    """An EF's data objects. ``template``: the constructed tag wrapping them (``None`` = top level)."""

    name: str
    fields: tuple[Field, ...]
    template: int | None = None
    #: ``"ber2"``: BER with tags of at most two bytes (the second-generation residence card's ``DF D1``).
    encoding: Literal["ber", "ber2", "simple"] = "ber"
    #: Tags outside ``fields`` are ignored when True, MalformedData when False.
    allow_unknown: bool = True
    check: Check | None = None
    #: Free text for humans and fixture tables: which credential opens the file, its source.
    note: str = field(default="", compare=False)


def _objects(layout: FileLayout, raw_bytes: bytes) -> list[Tlv]:
    def parse(data: bytes) -> list[Tlv]:
        if layout.encoding == "simple":
            return parse_simple(data)
        return parse_ber(data, max_tag_bytes=2 if layout.encoding == "ber2" else 4)

    try:
        objects = parse(raw_bytes)
        if layout.template is None:
            return objects
        outer = [o for o in objects if o.tag == layout.template]
        if len(outer) != 1:
            raise MalformedData(f"expected one template object, found {len(outer)}", tag=layout.template)
        return parse(outer[0].value)
    except MalformedData as exc:
        raise MalformedData(exc.reason, ef=layout.name, tag=exc.tag) from exc


def decode(layout: FileLayout, raw_bytes: bytes) -> dict[str, Any]:
    """Decode ``raw_bytes`` with ``layout``: field name → decoded value. See the module docstring."""
    objects = _objects(layout, raw_bytes)
    by_tag: dict[int, Tlv] = {}
    known = {f.tag for f in layout.fields}
    for obj in objects:
        if obj.tag in by_tag and obj.tag in known:
            raise MalformedData("tag appears twice", ef=layout.name, tag=obj.tag)
        if obj.tag not in known and not layout.allow_unknown:
            raise MalformedData("unexpected tag", ef=layout.name, tag=obj.tag)
        by_tag.setdefault(obj.tag, obj)
    result: dict[str, Any] = {}
    for spec in layout.fields:
        found = by_tag.get(spec.tag)
        if found is None:
            if spec.required:
                raise MalformedData("required tag missing", ef=layout.name, tag=spec.tag)
            continue
        if spec.length is not None and len(found.value) != spec.length:
            raise MalformedData(
                f"value has {len(found.value)} bytes, expected {spec.length}", ef=layout.name, tag=spec.tag
            )
        try:
            result[spec.name] = spec.decode(found.value)
        except MalformedData:
            raise
        except (ValueError, UnicodeDecodeError, OverflowError) as exc:
            raise MalformedData(f"value does not decode ({type(exc).__name__})", ef=layout.name, tag=spec.tag) from exc
    if layout.check is not None:
        try:
            layout.check(result, bytes(raw_bytes))
        except MalformedData as exc:
            raise MalformedData(exc.reason, ef=layout.name, tag=exc.tag) from exc
    return result
