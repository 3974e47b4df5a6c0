"""The frame both sync containers share: magic, version, a length, then a JSON head.

The encrypted envelope (``KYCENV``, an ASCII JSON header the endpoint may read) and the submission
container inside it (a UTF-8 JSON manifest) start the same way; this module reads that start once, so
both refuse truncated, foreign, future or oversized input with the same checks.
"""

from __future__ import annotations

import json
import struct
from typing import Any

from kyc_desk.sync.errors import SubmissionMalformed


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
    try:
        return json.loads(raw[frame.size : end].decode(encoding)), end
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SubmissionMalformed(f"{what} head is not {encoding} JSON") from exc
