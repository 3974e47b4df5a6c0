"""受付サーバーの保存領域 — the endpoint's storage, one SQLAlchemy Core schema for SQLite and PostgreSQL.

What it keeps, and nothing more:

- ``desks``: one row per desk (label, office, SHA-256 of its token). Tokens are 256-bit random values,
  so a plain hash is enough; the token itself is shown once, when the desk is added.
- ``requests``: id, office, SHA-256 of the one-time link token, allowed methods, the office public key
  to encrypt to, the challenge for ワ, the liveness actions the selfie must show, an opaque reference
  chosen by the desk (never personal data), creation and expiry times, status.
- ``submissions``: id, request id, method, size, SHA-256 and the **ciphertext** (the envelope), until the
  desk confirms it has stored it; then the row is deleted.

Times are integer UTC seconds (the same on both databases). SQLite runs with ``secure_delete`` so that
deleted envelopes are overwritten, not left in free pages.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from kyc_desk.sync.format import Method

metadata: Final = sa.MetaData()

desks: Final = sa.Table(
    "desks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("label", sa.String(64), nullable=False),
    sa.Column("office", sa.String(64), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.BigInteger, nullable=False),
)

requests: Final = sa.Table(
    "requests",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("office", sa.String(64), nullable=False, index=True),
    sa.Column("desk_id", sa.Integer, sa.ForeignKey("desks.id"), nullable=False),
    sa.Column("link_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("methods", sa.String(16), nullable=False),
    sa.Column("office_key", sa.String(64), nullable=False),
    sa.Column("key_id", sa.String(32), nullable=False),
    sa.Column("challenge", sa.String(64), nullable=False),
    sa.Column("reference", sa.String(64), nullable=False, default=""),
    sa.Column("liveness", sa.String(64), nullable=False, default=""),
    sa.Column("created_at", sa.BigInteger, nullable=False),
    sa.Column("expires_at", sa.BigInteger, nullable=False, index=True),
    sa.Column("status", sa.String(16), nullable=False),  # open | submitted | claimed
    sa.Column("submission_id", sa.String(32), nullable=True, unique=True),
)

submissions: Final = sa.Table(
    "submissions",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("request_id", sa.String(32), sa.ForeignKey("requests.id"), nullable=False, unique=True),
    sa.Column("office", sa.String(64), nullable=False, index=True),
    sa.Column("method", sa.String(4), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("received_at", sa.BigInteger, nullable=False),
    sa.Column("envelope", sa.LargeBinary, nullable=False),
)

STATUS_OPEN: Final = "open"
STATUS_SUBMITTED: Final = "submitted"
STATUS_CLAIMED: Final = "claimed"


def token_hash(token: str) -> str:
    """The stored form of a desk or link token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_id() -> str:
    """A random id for requests and submissions (128 bits, base64url, 22 characters)."""
    return secrets.token_urlsafe(16)


@dataclass(frozen=True)
class Desk:
    id: int
    label: str
    office: str


@dataclass(frozen=True)
class RequestRow:
    id: str
    office: str
    methods: tuple[Method, ...]
    office_key: str
    key_id: str
    challenge: str
    reference: str
    liveness: str
    created_at: int
    expires_at: int
    status: str
    submission_id: str | None

    @classmethod
    def of(cls, row: Any) -> RequestRow:
        return cls(
            row.id, row.office, tuple(Method(m) for m in row.methods.split(",")), row.office_key, row.key_id,
            row.challenge, row.reference, row.liveness, row.created_at, row.expires_at, row.status,
            row.submission_id,
        )


@dataclass(frozen=True)
class SubmissionRow:
    id: str
    request_id: str
    method: Method
    size: int
    sha256: str
    received_at: int


class AlreadySubmitted(Exception):
    """The request already has a submission (a replayed or second upload)."""


class Store:
    """The endpoint's database. Every method is one short transaction."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = _engine(url)
        metadata.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    # desks ------------------------------------------------------------------------------------------
    def add_desk(self, label: str, office: str, now: int) -> tuple[Desk, str]:
        """Register a desk; returns it and its token (shown once, stored only as a hash)."""
        token = "kd_" + secrets.token_urlsafe(32)
        with self._tx() as conn:
            key = conn.execute(
                desks.insert().values(label=label, office=office, token_hash=token_hash(token), created_at=now)
            ).inserted_primary_key
            desk_id = int(key[0]) if key else 0
        return Desk(desk_id, label, office), token

    def desk_by_token(self, token: str) -> Desk | None:
        with self._tx() as conn:
            row = conn.execute(sa.select(desks).where(desks.c.token_hash == token_hash(token))).first()
        return Desk(row.id, row.label, row.office) if row else None

    # requests ---------------------------------------------------------------------------------------
    def create_request(
        self, desk: Desk, *, methods: tuple[Method, ...], office_key: str, key_id: str, reference: str,
        now: int, expires_at: int, liveness: str = "",
    ) -> tuple[RequestRow, str]:
        """A new open request; returns it and its one-time link token."""
        link_token = secrets.token_urlsafe(32)
        values = dict(
            id=new_id(), office=desk.office, desk_id=desk.id, link_hash=token_hash(link_token),
            methods=",".join(m.value for m in methods), office_key=office_key, key_id=key_id,
            challenge=secrets.token_urlsafe(32), reference=reference, liveness=liveness, created_at=now,
            expires_at=expires_at,
            status=STATUS_OPEN, submission_id=None,
        )
        with self._tx() as conn:
            conn.execute(requests.insert().values(**values))
        return RequestRow.of(_Obj(values)), link_token

    def request_by_link(self, link_token: str) -> RequestRow | None:
        with self._tx() as conn:
            row = conn.execute(sa.select(requests).where(requests.c.link_hash == token_hash(link_token))).first()
        return RequestRow.of(row) if row else None

    def request_for_office(self, request_id: str, office: str) -> RequestRow | None:
        with self._tx() as conn:
            row = conn.execute(
                sa.select(requests).where(requests.c.id == request_id, requests.c.office == office)
            ).first()
        return RequestRow.of(row) if row else None

    # submissions ------------------------------------------------------------------------------------
    def add_submission(self, request: RequestRow, method: Method, envelope: bytes, now: int) -> SubmissionRow:
        """Store an envelope and close the request's link, atomically; raises :class:`AlreadySubmitted`."""
        sub = SubmissionRow(new_id(), request.id, method, len(envelope), hashlib.sha256(envelope).hexdigest(), now)
        try:
            with self._tx() as conn:
                closed = conn.execute(
                    requests.update()
                    .where(requests.c.id == request.id, requests.c.status == STATUS_OPEN)
                    .values(status=STATUS_SUBMITTED, submission_id=sub.id)
                ).rowcount
                if closed != 1:
                    raise AlreadySubmitted(request.id)
                conn.execute(
                    submissions.insert().values(
                        id=sub.id, request_id=request.id, office=request.office, method=method.value,
                        size=sub.size, sha256=sub.sha256, received_at=now, envelope=envelope,
                    )
                )
        except IntegrityError as exc:
            raise AlreadySubmitted(request.id) from exc
        return sub

    def pending(self, office: str) -> list[SubmissionRow]:
        cols = [submissions.c[n] for n in ("id", "request_id", "method", "size", "sha256", "received_at")]
        with self._tx() as conn:
            rows = conn.execute(
                sa.select(*cols).where(submissions.c.office == office).order_by(submissions.c.received_at)
            ).all()
        return [SubmissionRow(r.id, r.request_id, Method(r.method), r.size, r.sha256, r.received_at) for r in rows]

    def envelope(self, submission_id: str, office: str) -> bytes | None:
        with self._tx() as conn:
            row = conn.execute(
                sa.select(submissions.c.envelope).where(
                    submissions.c.id == submission_id, submissions.c.office == office
                )
            ).first()
        return bytes(row.envelope) if row else None

    def confirm(self, submission_id: str, office: str) -> bool:
        """Delete a stored submission; True also when it was already confirmed (idempotent)."""
        with self._tx() as conn:
            deleted = conn.execute(
                submissions.delete().where(submissions.c.id == submission_id, submissions.c.office == office)
            ).rowcount
            if deleted:
                conn.execute(
                    requests.update().where(requests.c.submission_id == submission_id).values(status=STATUS_CLAIMED)
                )
                return True
            row = conn.execute(
                sa.select(requests.c.status).where(
                    requests.c.submission_id == submission_id, requests.c.office == office
                )
            ).first()
        return bool(row and row.status == STATUS_CLAIMED)

    # housekeeping -----------------------------------------------------------------------------------
    def purge(self, now: int, *, keep_claimed_seconds: int, keep_unclaimed_seconds: int = 0) -> tuple[int, int]:
        """Delete what has outlived its request; returns (submissions deleted, requests deleted).

        - submissions the desk never claimed: ``keep_unclaimed_seconds`` after their request's expiry;
        - requests never used: at their expiry; used but unclaimed: with their submission;
        - claimed requests (no submission left): ``keep_claimed_seconds`` after their expiry.
        """
        with self._tx() as conn:
            stale = sa.select(requests.c.id).where(requests.c.expires_at + keep_unclaimed_seconds <= now)
            subs = conn.execute(submissions.delete().where(submissions.c.request_id.in_(stale))).rowcount
            reqs = conn.execute(
                requests.delete().where(
                    sa.or_(
                        sa.and_(requests.c.expires_at <= now, requests.c.status == STATUS_OPEN),
                        sa.and_(requests.c.expires_at + keep_unclaimed_seconds <= now,
                                requests.c.status == STATUS_SUBMITTED),
                        sa.and_(requests.c.expires_at + keep_claimed_seconds <= now,
                                requests.c.status == STATUS_CLAIMED),
                    )
                )
            ).rowcount
        return subs, reqs

    def counts(self) -> dict[str, int]:
        """Row counts (for tests and ``sync-server status``)."""
        with self._tx() as conn:
            return {
                t.name: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one())
                for t in (desks, requests, submissions)
            }


class _Obj:
    """Attribute access over a dict, so a freshly inserted row builds a :class:`RequestRow` like a fetched one."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA secure_delete=ON")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    return sa.create_engine(url, pool_pre_ping=True)
