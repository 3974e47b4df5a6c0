"""受付サーバーのクライアント — the desk's and the submitter's calls to the endpoint, over httpx.

Both take an optional ``transport`` (any ``httpx.BaseTransport``) as httpx does, so tests may swap it; the
end-to-end tests use the real network transport against a real server on loopback.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

import httpx

from kyc_desk.sync._errors import check, translate_errors
from kyc_desk.sync.errors import LinkInvalid
from kyc_desk.sync.format import Method

DEFAULT_TIMEOUT: Final = httpx.Timeout(30.0, connect=10.0)


def _time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass(frozen=True)
class CreatedRequest:
    """A request the endpoint created: the link to send, and what the desk keeps about it."""

    request_id: str
    link: str
    methods: tuple[Method, ...]
    key_id: str
    challenge: str
    created_at: dt.datetime
    expires_at: dt.datetime
    liveness: str = ""


@dataclass(frozen=True)
class PendingSubmission:
    """A submission waiting on the endpoint (metadata only)."""

    submission_id: str
    request_id: str
    method: Method
    size: int
    sha256: str
    received_at: dt.datetime


@dataclass(frozen=True)
class LinkInfo:
    """What a one-time link tells the client: where to encrypt to and what to sign."""

    request_id: str
    methods: tuple[Method, ...]
    expires_at: dt.datetime
    challenge: str
    office_public_key: str
    key_id: str
    max_upload_bytes: int
    liveness: str = ""


class DeskClient:
    """The desk's side of the endpoint API (bearer-token authenticated)."""

    def __init__(self, base_url: str, token: str, *, transport: httpx.BaseTransport | None = None) -> None:
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"), headers={"Authorization": f"Bearer {token}"},
            timeout=DEFAULT_TIMEOUT, transport=transport,
        )

    def __enter__(self) -> DeskClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        with translate_errors():
            return check(self._http.request(method, path, **kwargs))

    def create_request(
        self, methods: tuple[Method, ...], office_public_key: str, *, expires_in_minutes: int = 3 * 24 * 60,
        reference: str = "", liveness: str = "",
    ) -> CreatedRequest:
        body = {"methods": [m.value for m in methods], "office_public_key": office_public_key,
                "expires_in_minutes": expires_in_minutes, "reference": reference, "liveness": liveness}
        data = self._call("POST", "/v1/requests", json=body).json()
        return CreatedRequest(
            data["request_id"], data["link"], tuple(Method(m) for m in data["methods"]), data["key_id"],
            data["challenge"], _time(data["created_at"]), _time(data["expires_at"]), data["liveness"],
        )

    def request_status(self, request_id: str) -> dict[str, Any]:
        result: dict[str, Any] = self._call("GET", f"/v1/requests/{urllib.parse.quote(request_id)}").json()
        return result

    def pending(self) -> list[PendingSubmission]:
        data = self._call("GET", "/v1/submissions").json()
        return [
            PendingSubmission(s["submission_id"], s["request_id"], Method(s["method"]), s["size"], s["sha256"],
                              _time(s["received_at"]))
            for s in data["submissions"]
        ]

    def download(self, submission_id: str) -> bytes:
        return self._call("GET", f"/v1/submissions/{urllib.parse.quote(submission_id)}").content

    def confirm(self, submission_id: str) -> None:
        self._call("DELETE", f"/v1/submissions/{urllib.parse.quote(submission_id)}")


def parse_link(link: str) -> tuple[str, str, str | None]:
    """Split a one-time link into (endpoint base URL, link token, expected key id or None)."""
    parts = urllib.parse.urlsplit(link.strip())
    segments = parts.path.rstrip("/").split("/")
    if parts.scheme not in ("http", "https") or len(segments) < 2 or segments[-2] != "s" or not segments[-1]:
        raise LinkInvalid(
            "this is not a KYC Desk request link",
            ja="本人確認用のリンクではありません。受け取ったリンクをそのまま使ってください。",
        )
    base_path = "/".join(segments[:-2])
    base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, base_path, "", ""))
    fragment = urllib.parse.parse_qs(parts.fragment)
    key_id = fragment.get("k", [None])[0]
    return base, segments[-1], key_id


class LinkClient:
    """The client's (phone's, kiosk's) side: read the link's request, upload the envelope once."""

    def __init__(self, link: str, *, transport: httpx.BaseTransport | None = None) -> None:
        base, self.token, self.expected_key_id = parse_link(link)
        self._http = httpx.Client(base_url=base, timeout=DEFAULT_TIMEOUT, transport=transport)

    def __enter__(self) -> LinkClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self._http.close()

    def info(self) -> LinkInfo:
        with translate_errors():
            data = check(self._http.get(f"/v1/submit/{self.token}")).json()
        return LinkInfo(
            data["request_id"], tuple(Method(m) for m in data["methods"]), _time(data["expires_at"]),
            data["challenge"], data["office_public_key"], data["key_id"], int(data["max_upload_bytes"]),
            data["liveness"],
        )

    def upload(self, envelope: bytes, *, on_sent: Callable[[int, int], None] | None = None) -> str:
        """Upload; returns the submission id the endpoint assigned. ``on_sent(bytes sent, total)`` is told
        as the body goes out in chunks (a client's progress bar); the length is declared up front, so the
        endpoint sees the same request either way."""
        content: bytes | Iterator[bytes] = envelope if on_sent is None else _chunks(envelope, on_sent)
        with translate_errors():
            response = check(self._http.post(
                f"/v1/submit/{self.token}", content=content,
                headers={"Content-Type": "application/octet-stream", "Content-Length": str(len(envelope))},
            ))
        return str(response.json()["submission_id"])


UPLOAD_CHUNK: Final = 64 * 1024


def _chunks(data: bytes, on_sent: Callable[[int, int], None]) -> Iterator[bytes]:
    for start in range(0, len(data), UPLOAD_CHUNK):
        chunk = data[start:start + UPLOAD_CHUNK]
        yield chunk
        on_sent(start + len(chunk), len(data))
