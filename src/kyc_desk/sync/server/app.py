"""受付サーバー — the ASGI application between clients' phones and the desks (``kyc-desk sync-server``).

It learns as little as possible: request metadata, the office public key to encrypt to, and each
submission as ciphertext until the desk confirms it has stored it. Every refusal happens before anything
is written, so a malformed, oversized, replayed or misdirected upload leaves no trace.

Authentication:

- desks send ``Authorization: Bearer <desk token>`` (tokens stored hashed, see :mod:`.store`);
- a phone is authorised only by the one-time link token in the URL path, which is closed by the first
  accepted upload.

The OpenAPI description served at ``/openapi.json`` is :data:`kyc_desk.sync.server.openapi.SPEC`; a test
keeps it and the routes below in step. Uvicorn's access log is turned off by ``kyc-desk sync-server``
because request paths carry link tokens.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Final

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from kyc_desk.sync._legal import methods_allowed_on
from kyc_desk.sync.envelope import SUITE_NAME, decode_public_key, key_id_of, read_header
from kyc_desk.sync.errors import OfficeKeyError, SubmissionMalformed
from kyc_desk.sync.format import Method
from kyc_desk.sync.server.limits import MAX_JSON_BYTES, Limits, Rate, RateLimiter
from kyc_desk.sync.server.openapi import SPEC
from kyc_desk.sync.server.store import AlreadySubmitted, Desk, RequestRow, Store

log = logging.getLogger(__name__)

JST: Final = dt.timezone(dt.timedelta(hours=9), "JST")
MIN_EXPIRY_MINUTES: Final = 10
MAX_EXPIRY_MINUTES: Final = 30 * 24 * 60
_REFERENCE: Final = re.compile(r"^[A-Za-z0-9._:-]{0,64}$")
_TOKEN: Final = re.compile(r"^[A-Za-z0-9_-]{20,128}$")
_PUBLIC_KEY: Final = re.compile(r"^[A-Za-z0-9_-]{43}$")
_ACTION: Final = r"(?:blink|turn_left|turn_right)"
_LIVENESS: Final = re.compile(rf"^(?:{_ACTION}(?:,{_ACTION}){{0,2}})?$")


@dataclass
class ServerConfig:
    """How one endpoint runs. ``public_url`` is what links start with (the TLS proxy's address)."""

    database_url: str
    public_url: str = "http://127.0.0.1:8765"
    limits: Limits = field(default_factory=Limits)
    purge_interval_seconds: float = 300.0
    #: How long a claimed request's id and status stay queryable after its expiry.
    keep_claimed_seconds: int = 7 * 24 * 3600
    #: How long a submission the desk has not pulled yet is kept after its request's expiry (ciphertext
    #: only), so that a desk that was off for a few days loses nothing.
    keep_unclaimed_seconds: int = 7 * 24 * 3600
    #: Client addresses whose ``X-Forwarded-For`` is believed (the reverse proxy).
    trusted_proxies: tuple[str, ...] = ()
    clock: Callable[[], float] = time.time
    #: Which methods may be used on a (Japanese) calendar day; one rule for the whole desk.
    methods_allowed_on: Callable[[dt.date], frozenset[Method]] = methods_allowed_on


class _Refused(Exception):
    """A refusal with its HTTP status and stable error code (becomes the JSON error body)."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


def create_app(config: ServerConfig, store: Store | None = None) -> Starlette:
    """The endpoint as an ASGI app (a fresh :class:`Store` on ``config.database_url`` unless given)."""
    db = store or Store(config.database_url)
    limiter = RateLimiter()
    server = _Endpoint(config, db, limiter)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(server.purge_loop())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            if store is None:
                db.close()

    routes = [
        server.route("/healthz", GET=server.healthz),
        server.route("/openapi.json", GET=server.openapi),
        server.route("/v1/requests", POST=server.create_request),
        server.route("/v1/requests/{request_id}", GET=server.get_request),
        server.route("/v1/submit/{link_token}", GET=server.link_info, POST=server.upload),
        server.route("/s/{link_token}", GET=server.landing),
        server.route("/v1/submissions", GET=server.list_submissions),
        server.route("/v1/submissions/{submission_id}", GET=server.download, DELETE=server.confirm),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.store = db
    app.state.endpoint = server
    return app


class _Endpoint:
    def __init__(self, config: ServerConfig, store: Store, limiter: RateLimiter) -> None:
        self.config, self.store, self.limiter = config, store, limiter

    # plumbing ---------------------------------------------------------------------------------------
    def route(self, path: str, **handlers: Callable[[Request], Awaitable[Response]]) -> Route:
        """One route per path, dispatching on the HTTP method (so a 405's ``Allow`` lists them all)."""

        async def endpoint(request: Request) -> Response:
            # Starlette answers 405 (with Allow) for methods not listed below, so the method is known here
            handler = handlers["GET" if request.method == "HEAD" else request.method]
            try:
                return await handler(request)
            except _Refused as exc:
                return JSONResponse(
                    {"error": exc.code, "message": exc.message}, status_code=exc.status, headers=exc.headers
                )

        return Route(path, endpoint, methods=list(handlers))

    def now(self) -> int:
        return int(self.config.clock())

    def _client(self, request: Request) -> str:
        host = request.client.host if request.client else "unknown"
        if host in self.config.trusted_proxies:
            forwarded = request.headers.get("x-forwarded-for", "")
            if forwarded:
                return forwarded.split(",")[0].strip()
        return host

    def _rate(self, request: Request, group: str, rate: Rate) -> None:
        wait = self.limiter.allow(self._client(request), group, rate)
        if wait:
            raise _Refused(429, "rate_limited", "too many requests; try again later",
                           {"Retry-After": str(max(1, int(wait + 0.999)))})

    def _auth_failed(self, request: Request, status: int, code: str, message: str) -> _Refused:
        self._rate(request, "auth-failures", self.config.limits.auth_failures)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return _Refused(status, code, message, headers)

    async def _desk(self, request: Request) -> Desk:
        if not self.limiter.peek(self._client(request), "auth-failures", self.config.limits.auth_failures):
            raise _Refused(429, "rate_limited", "too many failed attempts; try again later", {"Retry-After": "60"})
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        desk = None
        if scheme.lower() == "bearer" and token and len(token) <= 128:
            desk = await run_in_threadpool(self.store.desk_by_token, token.strip())
        if desk is None:
            raise self._auth_failed(request, 401, "unauthorized", "a valid desk token is required")
        self._rate(request, f"desk-{desk.id}", self.config.limits.desk)
        return desk

    async def _link(self, request: Request) -> RequestRow:
        self._rate(request, "link", self.config.limits.link)
        if not self.limiter.peek(self._client(request), "auth-failures", self.config.limits.auth_failures):
            raise _Refused(429, "rate_limited", "too many failed attempts; try again later", {"Retry-After": "60"})
        token = request.path_params["link_token"]
        row = await run_in_threadpool(self.store.request_by_link, token) if _TOKEN.match(token) else None
        if row is None:
            raise self._auth_failed(request, 404, "unknown_link", "this link is not known")
        if row.expires_at <= self.now():
            raise _Refused(410, "link_expired", "this link has expired")
        if row.status != "open":
            raise _Refused(409, "link_used", "this link has already been used")
        return row

    async def _json(self, request: Request) -> dict[str, Any]:
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            raise _Refused(415, "unsupported_media_type", "the body must be application/json")
        body = await _read_body(request, MAX_JSON_BYTES)
        try:
            obj = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _Refused(400, "malformed_json", "the body is not valid JSON") from exc
        if not isinstance(obj, dict):
            raise _Refused(400, "malformed_json", "the body must be a JSON object")
        return obj

    def _allowed(self, methods: tuple[Method, ...], day_epoch: int) -> None:
        day = dt.datetime.fromtimestamp(day_epoch, JST).date()
        allowed = self.config.methods_allowed_on(day)
        refused = [m for m in methods if m not in allowed]
        if refused:
            letters = "".join(m.letter_ja for m in refused)
            names = ",".join(m.value for m in refused)
            raise _Refused(422, "method_not_allowed", f"method {letters} ({names}) is not allowed on {day.isoformat()}")

    # routes -----------------------------------------------------------------------------------------
    async def healthz(self, request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def openapi(self, request: Request) -> Response:
        return JSONResponse(SPEC)

    async def create_request(self, request: Request) -> Response:
        desk = await self._desk(request)
        body = await self._json(request)
        unknown = sorted(set(body) - {"methods", "office_public_key", "expires_in_minutes", "reference", "liveness"})
        if unknown:
            raise _Refused(400, "unknown_field", f"unknown field(s): {', '.join(k[:32] for k in unknown[:5])}")
        methods_raw = body.get("methods")
        if not isinstance(methods_raw, list) or not methods_raw or len(methods_raw) > 3:
            raise _Refused(400, "invalid_methods", "methods must be a non-empty list of he, ho, wa")
        try:
            methods = tuple(Method(m) for m in methods_raw)
        except (ValueError, TypeError) as exc:
            raise _Refused(400, "invalid_methods", "methods must be a non-empty list of he, ho, wa") from exc
        if len(set(methods)) != len(methods):
            raise _Refused(400, "invalid_methods", "a method is listed twice")
        minutes = body.get("expires_in_minutes", 3 * 24 * 60)
        if isinstance(minutes, float) and minutes.is_integer():  # JSON Schema counts 401.0 as an integer
            minutes = int(minutes)
        if not isinstance(minutes, int) or isinstance(minutes, bool) or not (
            MIN_EXPIRY_MINUTES <= minutes <= MAX_EXPIRY_MINUTES
        ):
            raise _Refused(400, "invalid_expiry",
                           f"expires_in_minutes must be {MIN_EXPIRY_MINUTES}..{MAX_EXPIRY_MINUTES}")
        reference = body.get("reference", "")
        if not isinstance(reference, str) or not _REFERENCE.match(reference):
            raise _Refused(400, "invalid_reference", "reference must be up to 64 of A-Z a-z 0-9 . _ : -")
        liveness = body.get("liveness", "")
        if not isinstance(liveness, str) or not _LIVENESS.match(liveness):
            raise _Refused(400, "invalid_liveness", "liveness must be up to three of blink, turn_left, turn_right")
        key_text = body.get("office_public_key")
        try:
            if not isinstance(key_text, str) or not _PUBLIC_KEY.match(key_text):
                raise OfficeKeyError("missing")
            key = decode_public_key(key_text)
        except OfficeKeyError as exc:
            raise _Refused(400, "invalid_office_key", "office_public_key must be a base64url X25519 key") from exc
        now = self.now()
        self._allowed(methods, now)
        row, link_token = await run_in_threadpool(
            lambda: self.store.create_request(
                desk, methods=methods, office_key=key_text, key_id=key_id_of(key), reference=reference,
                now=now, expires_at=now + minutes * 60, liveness=liveness,
            )
        )
        log.info("request %s created by desk %d", row.id[:8], desk.id)
        link = f"{self.config.public_url.rstrip('/')}/s/{link_token}#k={row.key_id}"
        return JSONResponse(
            {**_request_json(row), "link": link, "link_token": link_token, "challenge": row.challenge},
            status_code=201,
        )

    async def get_request(self, request: Request) -> Response:
        desk = await self._desk(request)
        row = await run_in_threadpool(self.store.request_for_office, request.path_params["request_id"], desk.office)
        if row is None:
            raise _Refused(404, "unknown_request", "no such request")
        return JSONResponse(_request_json(row))

    async def link_info(self, request: Request) -> Response:
        row = await self._link(request)
        return JSONResponse({
            "request_id": row.id,
            "methods": [m.value for m in row.methods],
            "expires_at": _iso(row.expires_at),
            "challenge": row.challenge,
            "liveness": row.liveness,
            "office_public_key": row.office_key,
            "key_id": row.key_id,
            "suite": SUITE_NAME,
            "max_upload_bytes": self.config.limits.max_upload_bytes,
        })

    async def landing(self, request: Request) -> Response:
        """What a browser shows for the link: how to continue (the submission itself needs the app)."""
        row = await self._link(request)
        until = dt.datetime.fromtimestamp(row.expires_at, JST).strftime("%Y-%m-%d %H:%M")
        letters = "・".join(m.letter_ja for m in row.methods)
        return HTMLResponse(_LANDING.format(until=until, letters=letters))

    async def upload(self, request: Request) -> Response:
        row = await self._link(request)
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/octet-stream":
            raise _Refused(415, "unsupported_media_type", "the body must be application/octet-stream")
        envelope = await _read_body(request, self.config.limits.max_upload_bytes)
        try:
            header = read_header(envelope)
        except SubmissionMalformed as exc:
            raise _Refused(400, "malformed_envelope", exc.message) from exc
        if header.request_id != row.id:
            raise _Refused(422, "request_mismatch", "the envelope is for another request")
        if header.key_id != row.key_id:
            raise _Refused(422, "wrong_key", "the envelope is encrypted to another key than the office's")
        if header.method not in row.methods:
            raise _Refused(422, "method_not_allowed", "this request does not allow that method")
        self._allowed((header.method,), row.created_at)
        self._allowed((header.method,), self.now())
        try:
            sub = await run_in_threadpool(self.store.add_submission, row, header.method, envelope, self.now())
        except AlreadySubmitted as exc:
            raise _Refused(409, "link_used", "this link has already been used") from exc
        log.info("submission %s received for request %s (%d bytes)", sub.id[:8], row.id[:8], sub.size)
        return JSONResponse({"submission_id": sub.id, "received_at": _iso(sub.received_at)}, status_code=201)

    async def list_submissions(self, request: Request) -> Response:
        desk = await self._desk(request)
        rows = await run_in_threadpool(self.store.pending, desk.office)
        return JSONResponse({"submissions": [
            {"submission_id": r.id, "request_id": r.request_id, "method": r.method.value, "size": r.size,
             "sha256": r.sha256, "received_at": _iso(r.received_at)}
            for r in rows
        ]})

    async def download(self, request: Request) -> Response:
        desk = await self._desk(request)
        data = await run_in_threadpool(self.store.envelope, request.path_params["submission_id"], desk.office)
        if data is None:
            raise _Refused(404, "unknown_submission", "no such submission")
        return Response(data, media_type="application/octet-stream")

    async def confirm(self, request: Request) -> Response:
        desk = await self._desk(request)
        sid = request.path_params["submission_id"]
        if not await run_in_threadpool(self.store.confirm, sid, desk.office):
            raise _Refused(404, "unknown_submission", "no such submission")
        log.info("submission %s confirmed by desk %d", sid[:8], desk.id)
        return Response(status_code=204)

    # housekeeping -----------------------------------------------------------------------------------
    async def purge_loop(self) -> None:
        while True:
            await asyncio.sleep(self.config.purge_interval_seconds)
            try:
                subs, reqs = await run_in_threadpool(
                    lambda: self.store.purge(self.now(), keep_claimed_seconds=self.config.keep_claimed_seconds,
                                             keep_unclaimed_seconds=self.config.keep_unclaimed_seconds)
                )
                if subs or reqs:
                    log.info("purged %d unclaimed submissions and %d requests", subs, reqs)
            except Exception:  # the loop must survive a database hiccup; the next round retries
                log.exception("purge failed")


_LANDING: Final = """<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="referrer" content="no-referrer"><title>オンライン本人確認</title></head>
<body><h1>オンライン本人確認</h1>
<p>このリンクは、事務所から案内された本人確認アプリ（または事務所の窓口端末）で開いてください。
お送りいただく情報は端末で暗号化され、事務所だけが読むことができます。</p>
<p>ご利用いただける方法: {letters}方式<br>有効期限: {until}（日本時間）</p>
<p lang="en">Open this link in the identity verification app your office named. What you send is encrypted
on your device and only the office can read it.</p></body></html>
"""


def _iso(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).isoformat().replace("+00:00", "Z")


def _request_json(row: RequestRow) -> dict[str, Any]:
    return {
        "request_id": row.id,
        "status": row.status,
        "methods": [m.value for m in row.methods],
        "key_id": row.key_id,
        "reference": row.reference,
        "liveness": row.liveness,
        "created_at": _iso(row.created_at),
        "expires_at": _iso(row.expires_at),
        "submission_id": row.submission_id,
    }


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise _Refused(413, "too_large", f"the body is larger than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _Refused(413, "too_large", f"the body is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
