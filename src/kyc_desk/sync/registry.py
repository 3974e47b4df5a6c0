"""依頼の控え — the desk's own copy of each request it created, encrypted to the office key.

The endpoint must not learn whom a request is for, but the desk needs it at import time: a ホ submission
carries only images, and every submission's stated person is compared with the chip or certificate. So
the desk keeps, per request, the client (a records client id or the person's particulars), the methods,
the challenge a ワ signature must cover, and the link (to re-send the e-mail). Each entry is one file
``<request id>.sealed`` sealed with :func:`kyc_desk.sync.envelope.seal_local` to the office *public*
key: recording a request needs no secret, reading it back needs the office private key.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kyc_desk.crypto import hpke
from kyc_desk.paths import private_folder, write_private
from kyc_desk.records.model import ClientKind, Person
from kyc_desk.sync.envelope import open_local, seal_local
from kyc_desk.sync.errors import EnvelopeInvalid
from kyc_desk.sync.format import REQUEST_ID_PATTERN, Method


@dataclass(frozen=True)
class DeskRequest:
    """One request as the desk remembers it."""

    request_id: str
    link: str
    methods: tuple[Method, ...]
    challenge: str
    created_at: dt.datetime
    expires_at: dt.datetime
    reference: str = ""
    client_id: int | None = None
    person: Person | None = None
    #: The liveness actions the selfie must show (``"blink,turn_left"``), empty if none were asked.
    liveness: str = ""

    def __repr__(self) -> str:
        return f"DeskRequest({self.request_id!r}, {[m.value for m in self.methods]})"

    def to_json(self) -> dict[str, Any]:
        person = None
        if self.person is not None:
            p = self.person
            person = {"name": p.name, "kind": p.kind.value, "name_kana": p.name_kana,
                      "birth_date": p.birth_date.isoformat() if p.birth_date else None,
                      "address": p.address, "occupation": p.occupation}
        return {
            "request_id": self.request_id, "link": self.link, "methods": [m.value for m in self.methods],
            "challenge": self.challenge, "created_at": self.created_at.isoformat(),
            "expires_at": self.expires_at.isoformat(), "reference": self.reference, "client_id": self.client_id,
            "person": person, "liveness": self.liveness,
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> DeskRequest:
        raw = obj.get("person")
        person = None
        if raw:
            person = Person(
                name=raw["name"], kind=ClientKind(raw["kind"]), name_kana=raw.get("name_kana"),
                birth_date=dt.date.fromisoformat(raw["birth_date"]) if raw.get("birth_date") else None,
                address=raw.get("address"), occupation=raw.get("occupation"),
            )
        return cls(
            obj["request_id"], obj["link"], tuple(Method(m) for m in obj["methods"]), obj["challenge"],
            dt.datetime.fromisoformat(obj["created_at"]), dt.datetime.fromisoformat(obj["expires_at"]),
            obj.get("reference", ""), obj.get("client_id"), person, obj.get("liveness", ""),
        )


class RequestRegistry:
    """The folder of sealed request entries."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, request_id: str) -> Path:
        if not REQUEST_ID_PATTERN.match(request_id):
            raise EnvelopeInvalid("malformed request id")
        return self.folder / f"{request_id}.sealed"

    def save(self, request: DeskRequest, public_key: hpke.PublicKey) -> None:
        """Write one entry atomically (fsync, then rename)."""
        private_folder(self.folder)
        blob = seal_local(json.dumps(request.to_json(), ensure_ascii=False).encode("utf-8"), public_key,
                          request.request_id)
        write_private(self._path(request.request_id), blob)

    def load(self, request_id: str, private_key: hpke.PrivateKey) -> DeskRequest | None:
        """The entry for ``request_id``, or ``None`` if this desk did not create that request."""
        path = self._path(request_id)
        if not path.exists():
            return None
        data = open_local(path.read_bytes(), private_key, request_id)
        return DeskRequest.from_json(json.loads(data.decode("utf-8")))

    def request_ids(self) -> list[str]:
        return sorted(p.stem for p in self.folder.glob("*.sealed")) if self.folder.exists() else []

    def forget(self, request_id: str) -> None:
        """Delete an entry (its request was imported: the record now holds what it said)."""
        self._path(request_id).unlink(missing_ok=True)

    def prune(self, private_key: hpke.PrivateKey, now: dt.datetime, *, grace: dt.timedelta,
              keep: set[str] | frozenset[str] = frozenset()) -> int:
        """Delete entries whose request expired more than ``grace`` ago, except those in ``keep``."""
        removed = 0
        for request_id in self.request_ids():
            if request_id in keep:
                continue
            try:
                entry = self.load(request_id, private_key)
            except EnvelopeInvalid:
                continue  # not ours to judge: left for a person to look at
            if entry is not None and entry.expires_at + grace < now:
                self.forget(request_id)
                removed += 1
        return removed
