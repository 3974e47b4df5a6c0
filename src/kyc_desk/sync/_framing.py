"""The frame both sync containers share: magic, version, a length, then a JSON head.

The encrypted envelope (``KYCENV``, an ASCII JSON header the endpoint may read) and the submission
container inside it (a UTF-8 JSON manifest) start the same way; this module reads that start once, so
both refuse truncated, foreign, future or oversized input with the same checks.

The head comes from a stranger, so it goes through one bounded JSON reader: its size is capped by the
frame, its nesting depth is counted before :func:`json.loads` recurses (deep nesting would raise
``RecursionError``), integers are refused beyond :data:`MAX_JSON_INTEGER` before Python converts them
(a 5,000-digit literal raises ``ValueError`` in ``int()``), and numbers must be finite (``1e400``,
``NaN`` and ``Infinity`` are refused). Every failure is :class:`SubmissionMalformed`.
"""

from __future__ import annotations

import json
import math
import re
import struct
from typing import Any, Final

from kyc_desk.sync.errors import SubmissionMalformed

#: Deepest nesting of arrays and objects a head may use (ours use 3).
MAX_JSON_DEPTH: Final = 16
#: Largest magnitude of a JSON integer (the IEEE double's exact range; our heads carry byte lengths).
MAX_JSON_INTEGER: Final = 2**53
_MAX_INTEGER_DIGITS: Final = len(str(MAX_JSON_INTEGER))

_TOKENS = re.compile(rb'[\[\]{}"\\]')


def read_framed_json(
    raw: bytes,
    *,
    frame: struct.Struct,
    magic: bytes,
    version: int,
    max_head: int,
    encoding: str,
    what: str,
) -> tuple[Any, int]:
    """The decoded JSON head of ``raw`` and the offset just after it; raises SubmissionMalformed.

    ``frame`` packs (magic, version, head length); ``what`` names the container in the messages.
    """
    if len(raw) < frame.size:
        raise SubmissionMalformed(f"{what} is truncated")
    found_magic, found_version, length = frame.unpack_from(raw)
    if found_magic != magic:
        raise SubmissionMalformed(f"not a KYC Desk {what}")
    if found_version != version:
        raise SubmissionMalformed(
            f"{what} version {found_version} is not supported (this desk reads {version})",
            ja="このデスクが対応していない版の提出データです。デスクを更新してください。",
        )
    end = frame.size + length
    if length > max_head or end > len(raw):
        raise SubmissionMalformed(f"{what} head length is out of range")
    return load_bounded_json(raw[frame.size : end], encoding=encoding, what=what), end


def load_bounded_json(head: bytes, *, encoding: str, what: str) -> Any:
    """``head`` decoded as JSON within the limits of the module docstring; raises SubmissionMalformed."""
    try:
        text = head.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SubmissionMalformed(f"{what} head is not {encoding} JSON") from exc
    _check_depth(head, what)
    try:
        return json.loads(
            text, parse_int=_integer, parse_float=_finite_float, parse_constant=_no_constant, object_pairs_hook=_object
        )
    except _Refused as exc:
        raise SubmissionMalformed(f"{what} head {exc.args[0]}") from None
    except (json.JSONDecodeError, RecursionError) as exc:  # RecursionError cannot happen below MAX_JSON_DEPTH
        raise SubmissionMalformed(f"{what} head is not {encoding} JSON") from exc


class _Refused(Exception):
    """Raised inside the json hooks; turned into SubmissionMalformed at the one place above."""


def _check_depth(head: bytes, what: str) -> None:
    """Count the deepest bracket nesting outside strings, in one linear pass.

    Only the bytes that matter are visited (brackets, quotes, backslashes); a backslash in a string
    escapes the byte after it. Malformed JSON is left to :func:`json.loads` to refuse.
    """
    depth = deepest = 0
    in_string = False
    escaped_at = -1
    for token in _TOKENS.finditer(head):
        at, byte = token.start(), token.group()
        if at == escaped_at:
            continue
        if in_string:
            if byte == b"\\":
                escaped_at = at + 1
            elif byte == b'"':
                in_string = False
        elif byte == b'"':
            in_string = True
        elif byte in (b"[", b"{"):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_JSON_DEPTH:
                    raise SubmissionMalformed(f"{what} head nests deeper than {MAX_JSON_DEPTH} levels")
        elif byte in (b"]", b"}"):
            depth -= 1


def _integer(literal: str) -> int:
    if len(literal.lstrip("-")) > _MAX_INTEGER_DIGITS:
        raise _Refused("holds an integer out of range")
    value = int(literal)
    if abs(value) > MAX_JSON_INTEGER:
        raise _Refused("holds an integer out of range")
    return value


def _finite_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _Refused("holds a number out of range")
    return value


def _no_constant(literal: str) -> float:
    raise _Refused(f"holds {literal}, which is not a JSON number")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = {key for key, _ in pairs}
    if len(keys) != len(pairs):
        raise _Refused("repeats a key")
    return dict(pairs)
