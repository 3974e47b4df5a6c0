"""受付サーバー — the ASGI application between clients' phones and the desks (``kyc-desk sync-server``).

It learns as little as possible: request metadata, the office public key to encrypt to, and each
submission as ciphertext until the desk confirms it has stored it. Every refusal happens before anything
is written, so a malformed, oversized, replayed or misdirected upload leaves no trace.

Authentication:

- desks send ``Authorization: Bearer <desk token>`` (tokens stored hashed, see :mod:`.store`);
- a phone is authorised only by the one-time link token in the URL path. The link takes up to
  ``Limits.uploads_per_link`` complete uploads, each replacing the last, and closes when a desk downloads
  the submission — so a broken client can try again, and an upload that cannot be a sealed submission
  (:func:`kyc_desk.sync.envelope_header.check_structure`) is refused without counting.

Client addresses are the socket's peer, or — only when the peer is a proxy named in
``ServerConfig.trusted_proxies`` — the nearest untrusted address in ``X-Forwarded-For``. Failed desk
authentications are counted per address and per presented token prefix, failed link look-ups per address,
in separate groups: link traffic never counts against desks, and a valid desk token is never refused for
others' failures (its 256 bits are the protection; the counts keep guessers' traffic down).

Uploads stream to a spool file (:mod:`.body`, :class:`.store.EnvelopeFolder`), never into memory. This module
imports nothing of the desk (records, verification, cards, faces, UI): an import-linter contract and
tests/sync/test_server_isolation.py hold it to that.

The OpenAPI description served at ``/openapi.json`` is :data:`kyc_desk.sync.server.openapi.SPEC`; a test
keeps it and the routes below in step. Uvicorn's access log is turned off by ``kyc-desk sync-server``
because request paths carry link tokens.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import ipaddress
import json
import logging
import os
import re
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from kyc_desk.jp.time import JAPAN_TIME as JST
from kyc_desk.sync.envelope_header import (
    HEADER_PREFIX_BYTES,
    SUITE_NAME,
    EnvelopeHeader,
    check_structure,
    key_id_of_raw,
    raw_public_key,
)
from kyc_desk.sync.errors import OfficeKeyError, SubmissionMalformed
from kyc_desk.sync.format import Method
from kyc_desk.sync.server.body import ClientGone, TooLarge, TooSlow, declared_length, read_body
from kyc_desk.sync.server.limits import MAX_JSON_BYTES, UNLIMITED, Limits, Rate
from kyc_desk.sync.server.openapi import SPEC
from kyc_desk.sync.server.page import asset_response, page_response
from kyc_desk.sync.server.ratelimit import SharedRateLimiter
from kyc_desk.sync.server.rules import methods_allowed_on
from kyc_desk.sync.server.store import (
    STATUS_OPEN,
    STATUS_SUBMITTED,
    AlreadySubmitted,
    Desk,
    EnvelopeFolder,
    RequestRow,
    Store,
    sqlite_file,
)

log = logging.getLogger(__name__)

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
    #: Addresses or networks (``127.0.0.1``, ``10.0.0.0/8``) whose ``X-Forwarded-For`` is believed: the
    #: reverse proxy. None by default: the socket's peer is the client.
    trusted_proxies: tuple[str, ...] = ()
    #: Where envelopes are kept (``spool/``, ``envelopes/``). Default: the SQLite file's folder, or a
    #: private temporary folder for other databases (``kyc-desk sync-server serve`` always names one).
    data_folder: Path | None = None
    clock: Callable[[], float] = time.time
    #: Which methods may be used on a (Japanese) calendar day; one rule for the whole desk.
    methods_allowed_on: Callable[[dt.date], frozenset[Method]] = methods_allowed_on


class _Refused(Exception):
    """A refusal with its HTTP status and stable error code (becomes the JSON error body)."""

    close = False

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


def create_app(config: ServerConfig, store: Store | None = None) -> Starlette:
    """The endpoint as an ASGI app (a fresh :class:`Store` on ``config.database_url`` unless given)."""
    db = store or Store(config.database_url)
    server = _Endpoint(config, db, SharedRateLimiter(db.engine), EnvelopeFolder(_data_folder(config)))

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
        server.route("/capture/{asset}", GET=server.asset),
        server.route("/v1/submissions", GET=server.list_submissions),
        server.route("/v1/submissions/{submission_id}", GET=server.download, DELETE=server.confirm),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.store = db
    app.state.endpoint = server
    return app


def _data_folder(config: ServerConfig) -> Path:
    if config.data_folder is not None:
        return config.data_folder
    db_file = sqlite_file(config.database_url)
    if db_file is not None:
        return db_file.parent
    folder = Path(tempfile.mkdtemp(prefix="kyc-desk-endpoint-"))
    log.warning("no data folder configured: envelopes are kept in %s until the server stops", folder)
    return folder


class _Endpoint:
    def __init__(self, config: ServerConfig, store: Store, limiter: SharedRateLimiter, folder: EnvelopeFolder) -> None:
        self.config, self.store, self.limiter, self.folder = config, store, limiter, folder
        self.proxies = tuple(ipaddress.ip_network(p, strict=False) for p in config.trusted_proxies)
        #: Uploads in progress in this process, overall and per request id.
        self.uploading: Counter[str] = Counter()

    # plumbing ---------------------------------------------------------------------------------------
    def route(self, path: str, **handlers: Callable[[Request], Awaitable[Response]]) -> Route:
        """One route per path, dispatching on the HTTP method (so a 405's ``Allow`` lists them all)."""

        route_name = path.split("{")[0]  # never the link token

        async def endpoint(request: Request) -> Response:
            # Starlette answers 405 (with Allow) for methods not listed below, so the method is known here
            handler = handlers["GET" if request.method == "HEAD" else request.method]
            try:
                return await handler(request)
            except _Refused as exc:
                headers = dict(exc.headers)
                if exc.close:  # the rest of the body is not read: the connection cannot be reused
                    headers["Connection"] = "close"
                return JSONResponse(
                    {"error": exc.code, "message": exc.message}, status_code=exc.status, headers=headers
                )
            except (ClientGone, ClientDisconnect) as exc:
                received = exc.received if isinstance(exc, ClientGone) else 0
                log.info("%s %s: client disconnected (%d bytes received)", request.method, route_name, received)
                return Response(status_code=499)  # nobody reads it

        return Route(path, endpoint, methods=list(handlers))

    def now(self) -> int:
        return int(self.config.clock())

    def _client(self, request: Request) -> str:
        """The client's address: the peer, or through trusted proxies the nearest untrusted forwarded one."""
        host = request.client.host if request.client else "unknown"
        if not self._trusted(host):
            return host
        for hop in reversed(request.headers.get("x-forwarded-for", "").split(",")):
            try:
                address = str(ipaddress.ip_address(hop.strip()))
            except ValueError:
                break  # a malformed entry: believe nothing further left
            host = address
            if not self._trusted(address):
                break
        return host

    def _trusted(self, host: str) -> bool:
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in net for net in self.proxies)

    async def _count(self, key: str, rate: Rate) -> float:
        if rate.count >= UNLIMITED:  # limits off (load tests): nothing to count
            return 0.0
        return await run_in_threadpool(self.limiter.allow, key, rate, self.config.clock())

    async def _rate(self, key: str, rate: Rate) -> None:
        wait = await self._count(key, rate)
        if wait:
            raise _too_many(wait)

    async def _desk(self, request: Request) -> Desk:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        token = token.strip()
        desk = None
        if scheme.lower() == "bearer" and token and len(token) <= 128:
            desk = await run_in_threadpool(self.store.desk_by_token, token)
        if desk is None:
            limit = self.config.limits.auth_failures
            prefix = hashlib.sha256(token[:12].encode("utf-8", "replace")).hexdigest()[:24]
            waits = [await self._count(f"desk-fail-token:{prefix}", limit),
                     await self._count(f"desk-fail-addr:{self._client(request)}", limit)]
            if any(waits):
                raise _too_many(max(waits))
            raise _Refused(401, "unauthorized", "a valid desk token is required", {"WWW-Authenticate": "Bearer"})
        await self._rate(f"desk:{desk.id}", self.config.limits.desk)
        return desk

    async def _link(self, request: Request) -> RequestRow:
        client = self._client(request)
        await self._rate(f"link:{client}", self.config.limits.link)
        failures = self.config.limits.link_failures
        if failures.count < UNLIMITED and await run_in_threadpool(
                self.limiter.exceeded, f"link-fail:{client}", failures, self.config.clock()):
            raise _too_many(failures.seconds)
        token = request.path_params["link_token"]
        row = await run_in_threadpool(self.store.request_by_link, token) if _TOKEN.match(token) else None
        if row is None:
            wait = await self._count(f"link-fail:{client}", failures)
            if wait:
                raise _too_many(wait)
            raise _Refused(404, "unknown_link", "this link is not known")
        if row.expires_at <= self.now():
            raise _Refused(410, "link_expired", "this link has expired")
        # a submission no desk has downloaded may still be replaced (the client's retry)
        replaceable = row.status == STATUS_SUBMITTED and not row.pulled and \
            row.uploads < self.config.limits.uploads_per_link
        if row.status != STATUS_OPEN and not replaceable:
            raise _Refused(409, "link_used", "this link has already been used")
        return row

    async def _json(self, request: Request) -> dict[str, Any]:
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            raise _Refused(415, "unsupported_media_type", "the body must be application/json")
        chunks: list[bytes] = []
        await self._receive(request, MAX_JSON_BYTES, chunks.append)
        body = b"".join(chunks)
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
        if liveness and len(set(liveness.split(","))) != len(liveness.split(",")):
            # the desk's liveness check refuses a challenge that repeats an action: refuse it here, before
            # a client records a selfie for a request that could never pass
            raise _Refused(400, "invalid_liveness", "liveness must not repeat an action")
        key_text = body.get("office_public_key")
        try:
            if not isinstance(key_text, str) or not _PUBLIC_KEY.match(key_text):
                raise OfficeKeyError("missing")
            key_id = key_id_of_raw(raw_public_key(key_text))
        except OfficeKeyError as exc:
            raise _Refused(400, "invalid_office_key", "office_public_key must be a base64url X25519 key") from exc
        now = self.now()
        self._allowed(methods, now)
        row, link_token = await run_in_threadpool(
            lambda: self.store.create_request(
                desk, methods=methods, office_key=key_text, key_id=key_id, reference=reference,
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
        """The capture page (:mod:`.page`). The link is looked up (and counted) as for the API, and not
        used up; a refused link gets the same page with the refusal's status, which the page explains."""
        try:
            await self._link(request)
        except _Refused as exc:
            return page_response(exc.status)
        return page_response()

    async def asset(self, request: Request) -> Response:
        """The capture page's scripts and style (package data, a fixed list)."""
        response = asset_response(request.path_params["asset"])
        if response is None:
            raise _Refused(404, "unknown_asset", "no such file")
        return response

    async def upload(self, request: Request) -> Response:
        row = await self._link(request)
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/octet-stream":
            raise _Refused(415, "unsupported_media_type", "the body must be application/octet-stream")
        limits = self.config.limits
        try:
            declared = declared_length(request, limits.max_upload_bytes)
        except TooLarge as exc:
            raise _closing(413, "too_large", str(exc)) from exc
        with self._upload_slot(row.id):
            spooled, header, size, digest = await self._spool(request, row, declared)
            try:
                self._allowed((header.method,), row.created_at)
                self._allowed((header.method,), self.now())
                blob = await run_in_threadpool(self.folder.accept, spooled)
            finally:
                spooled.unlink(missing_ok=True)
        try:
            sub, replaced = await run_in_threadpool(
                lambda: self.store.add_submission(row, header.method, blob, size, digest, self.now(),
                                                  max_uploads=limits.uploads_per_link))
        except AlreadySubmitted as exc:
            self.folder.delete(blob)
            raise _Refused(409, "link_used", "this link has already been used") from exc
        self.folder.delete(replaced)
        left = await run_in_threadpool(self.store.uploads_left, row.id, limits.uploads_per_link)
        log.info("submission %s %s for request %s (%d bytes)", sub.id[:8], "replaced" if replaced else "received",
                 row.id[:8], sub.size)
        return JSONResponse({"submission_id": sub.id, "received_at": _iso(sub.received_at), "uploads_left": left},
                            status_code=201)

    @contextlib.contextmanager
    def _upload_slot(self, request_id: str) -> Iterator[None]:
        """Count an upload in progress; 503 with Retry-After over the per-process or per-link cap."""
        limits = self.config.limits
        if self.uploading["*"] >= limits.concurrent_uploads or \
                self.uploading[request_id] >= limits.concurrent_uploads_per_link:
            raise _closing(503, "busy", "too many uploads in progress; try again shortly", {"Retry-After": "5"})
        self.uploading["*"] += 1
        self.uploading[request_id] += 1
        try:
            yield
        finally:
            self.uploading["*"] -= 1
            self.uploading[request_id] -= 1
            if not self.uploading[request_id]:
                del self.uploading[request_id]

    async def _spool(
        self, request: Request, row: RequestRow, declared: int | None
    ) -> tuple[Path, EnvelopeHeader, int, str]:
        """Stream the body to a spool file, checking the envelope's header as soon as it has arrived;
        returns the fsynced file, the header, the size and the SHA-256. The file is deleted on any refusal."""
        digest = hashlib.sha256()
        prefix = bytearray()
        checked: list[EnvelopeHeader] = []
        spool = self.folder.spool()
        path = Path(spool.name)

        def check(total: int) -> EnvelopeHeader:
            try:
                header, _ = check_structure(bytes(prefix), total)
            except SubmissionMalformed as exc:
                raise _closing(400, "malformed_envelope", exc.message) from exc
            except Exception as exc:  # a bug in the reader; still the client's bytes, so 400, never a 500
                log.error("BUG: reading an envelope header raised %s", type(exc).__name__)
                raise _closing(400, "malformed_envelope", "the envelope header could not be read") from exc
            if header.request_id != row.id:
                raise _closing(422, "request_mismatch", "the envelope is for another request")
            if header.key_id != row.key_id:
                raise _closing(422, "wrong_key", "the envelope is encrypted to another key than the office's")
            if header.method not in row.methods:
                raise _closing(422, "method_not_allowed", "this request does not allow that method")
            return header

        def sink(chunk: bytes) -> None:
            spool.write(chunk)
            digest.update(chunk)
            if not checked and len(prefix) < HEADER_PREFIX_BYTES:
                prefix.extend(chunk[: HEADER_PREFIX_BYTES - len(prefix)])
                if len(prefix) >= HEADER_PREFIX_BYTES:  # judge the header before the rest arrives
                    checked.append(check(declared if declared is not None else 1 << 62))

        try:
            try:
                size = await self._receive(request, self.config.limits.max_upload_bytes, sink)
                header = check(size)
                await run_in_threadpool(_flush_and_sync, spool)
            finally:
                spool.close()
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path, header, size, digest.hexdigest()

    async def _receive(self, request: Request, limit: int, sink: Callable[[bytes], None]) -> int:
        try:
            return await read_body(request, limit, self.config.limits.timeouts, sink)
        except TooLarge as exc:
            raise _closing(413, "too_large", str(exc)) from exc
        except TooSlow as exc:
            log.info("%s %s: body too slow (%s)", request.method, request.scope["route"].path.split("{")[0]
                     if "route" in request.scope else "", exc)
            raise _closing(408, "too_slow", f"the body arrived too slowly: {exc}") from exc

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
        blob = await run_in_threadpool(self.store.pull, request.path_params["submission_id"], desk.office)
        path = self.folder.path(blob) if blob else None
        if path is None or not path.is_file():
            raise _Refused(404, "unknown_submission", "no such submission")
        return FileResponse(path, media_type="application/octet-stream")

    async def confirm(self, request: Request) -> Response:
        desk = await self._desk(request)
        sid = request.path_params["submission_id"]
        known, blob = await run_in_threadpool(self.store.confirm, sid, desk.office)
        self.folder.delete(blob)
        if not known:
            raise _Refused(404, "unknown_submission", "no such submission")
        log.info("submission %s confirmed by desk %d", sid[:8], desk.id)
        return Response(status_code=204)

    # housekeeping -----------------------------------------------------------------------------------
    def sweep(self) -> None:
        """Delete envelope files no row names and abandoned spool files, and rate events no window sees."""
        limits = self.config.limits
        # an upload in progress may take as long as the slowest allowed body (at the minimum rate)
        slowest = limits.max_upload_bytes / max(1, limits.timeouts.body_min_rate) + limits.timeouts.body_grace
        self.folder.sweep(self.store.blobs(), older_than=max(3600.0, 2 * slowest))
        windows = (limits.link, limits.link_failures, limits.desk, limits.auth_failures)
        self.limiter.purge(self.config.clock(), max(r.seconds for r in windows))

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
                await run_in_threadpool(self.sweep)
            except Exception:  # the loop must survive a database hiccup; the next round retries
                log.exception("purge failed")


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


def _too_many(wait: float) -> _Refused:
    return _Refused(429, "rate_limited", "too many requests; try again later",
                    {"Retry-After": str(max(1, int(wait + 0.999)))})


def _closing(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> _Refused:
    """A refusal sent before the body was read to its end (the connection is closed after it)."""
    refused = _Refused(status, code, message, headers)
    refused.close = True
    return refused


def _flush_and_sync(spool: Any) -> None:
    spool.flush()
    os.fsync(spool.fileno())
