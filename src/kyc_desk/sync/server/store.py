"""受付サーバーの保存領域 — the endpoint's storage, one SQLAlchemy Core schema for SQLite and PostgreSQL.

What it keeps, and nothing more:

- ``desks``: one row per desk (label, office, SHA-256 of its token). Tokens are 256-bit random values,
  so a plain hash is enough; the token itself is shown once, when the desk is added.
- ``requests``: id, office, SHA-256 of the one-time link token, allowed methods, the office public key
  to encrypt to, the challenge for ワ, the liveness actions the selfie must show, an opaque reference
  chosen by the desk (never personal data), creation and expiry times, status.
- ``submissions``: id, request id, method, size, SHA-256 and the name of the **ciphertext**'s file (the
  envelope, in :class:`EnvelopeFolder`), until the desk confirms it has stored it; then the row and the
  file are deleted. A client may replace its submission until a desk downloads it (``uploads``,
  ``pulled`` on the request), at most ``Limits.uploads_per_link`` times.
- ``rate_events``: the shared rate limits' recent calls (:mod:`.ratelimit`), keyed by address or hash.

Times are integer UTC seconds (the same on both databases). SQLite runs with ``secure_delete``, and its
file is created 0600 in a 0700 folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.url import make_url

from kyc_desk.paths import private_folder
from kyc_desk.sync.format import Method
from kyc_desk.sync.server.tables import desks, metadata, requests, submissions

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
    uploads: int = 0
    pulled: bool = False

    @classmethod
    def of(cls, row: Any) -> RequestRow:
        return cls(
            row.id, row.office, tuple(Method(m) for m in row.methods.split(",")), row.office_key, row.key_id,
            row.challenge, row.reference, row.liveness, row.created_at, row.expires_at, row.status,
            row.submission_id, int(row.uploads), bool(row.pulled),
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
            status=STATUS_OPEN, submission_id=None, uploads=0, pulled=False,
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
    def add_submission(
        self, request: RequestRow, method: Method, blob: str, size: int, sha256: str, now: int, *, max_uploads: int
    ) -> tuple[SubmissionRow, str | None]:
        """Record an upload already moved into the envelope folder as ``blob``, atomically.

        The first upload opens the submission; later ones (until a desk downloads it, at most
        ``max_uploads`` in all) replace it under the same id. Returns the row and the replaced blob's name
        (for the caller to delete), or raises :class:`AlreadySubmitted`.
        """
        with self._tx() as conn:
            counted = conn.execute(
                requests.update()
                .where(requests.c.id == request.id, requests.c.pulled.is_(False),
                       requests.c.uploads < max_uploads,
                       requests.c.status.in_((STATUS_OPEN, STATUS_SUBMITTED)))
                .values(uploads=requests.c.uploads + 1, status=STATUS_SUBMITTED)
            ).rowcount
            if counted != 1:
                raise AlreadySubmitted(request.id)
            existing = conn.execute(
                sa.select(submissions.c.id, submissions.c.blob).where(submissions.c.request_id == request.id)
            ).first()
            values = dict(method=method.value, size=size, sha256=sha256, received_at=now, blob=blob)
            if existing is not None:
                conn.execute(submissions.update().where(submissions.c.id == existing.id).values(**values))
                sub_id, old = existing.id, existing.blob
            else:
                sub_id, old = new_id(), None
                conn.execute(submissions.insert().values(id=sub_id, request_id=request.id, office=request.office,
                                                         **values))
                conn.execute(requests.update().where(requests.c.id == request.id).values(submission_id=sub_id))
        return SubmissionRow(sub_id, request.id, method, size, sha256, now), old

    def uploads_left(self, request_id: str, max_uploads: int) -> int:
        with self._tx() as conn:
            row = conn.execute(sa.select(requests.c.uploads, requests.c.pulled)
                               .where(requests.c.id == request_id)).first()
        return 0 if row is None or row.pulled else max(0, max_uploads - int(row.uploads))

    def pending(self, office: str) -> list[SubmissionRow]:
        cols = [submissions.c[n] for n in ("id", "request_id", "method", "size", "sha256", "received_at")]
        with self._tx() as conn:
            rows = conn.execute(
                sa.select(*cols).where(submissions.c.office == office).order_by(submissions.c.received_at)
            ).all()
        return [SubmissionRow(r.id, r.request_id, Method(r.method), r.size, r.sha256, r.received_at) for r in rows]

    def pull(self, submission_id: str, office: str) -> str | None:
        """The blob name of a stored submission, marking it downloaded (no more replacements)."""
        with self._tx() as conn:
            row = conn.execute(
                sa.select(submissions.c.blob).where(submissions.c.id == submission_id,
                                                    submissions.c.office == office)
            ).first()
            if row is None:
                return None
            conn.execute(requests.update().where(requests.c.submission_id == submission_id).values(pulled=True))
        return str(row.blob)

    def confirm(self, submission_id: str, office: str) -> tuple[bool, str | None]:
        """Delete a stored submission; (True, its blob to delete) — True also when it was already
        confirmed (idempotent)."""
        with self._tx() as conn:
            row = conn.execute(
                sa.select(submissions.c.blob).where(submissions.c.id == submission_id,
                                                    submissions.c.office == office)
            ).first()
            if row is not None:
                conn.execute(submissions.delete().where(submissions.c.id == submission_id))
                conn.execute(
                    requests.update().where(requests.c.submission_id == submission_id).values(status=STATUS_CLAIMED)
                )
                return True, str(row.blob)
            status = conn.execute(
                sa.select(requests.c.status).where(
                    requests.c.submission_id == submission_id, requests.c.office == office
                )
            ).first()
        return bool(status and status.status == STATUS_CLAIMED), None

    def blobs(self) -> set[str]:
        """Every blob name the database refers to (for the orphan sweep)."""
        with self._tx() as conn:
            return {str(r.blob) for r in conn.execute(sa.select(submissions.c.blob))}

    # housekeeping -----------------------------------------------------------------------------------
    def purge(self, now: int, *, keep_claimed_seconds: int, keep_unclaimed_seconds: int = 0) -> tuple[int, int]:
        """Delete what has outlived its request; returns (submissions deleted, requests deleted). Their
        envelope files are left to :meth:`EnvelopeFolder.sweep`, which deletes what no row names.

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


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL (None for other databases and for memory)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _engine(url: str) -> Engine:
    path = sqlite_file(url)
    if path is not None:  # created private before SQLite opens it (its -wal and -shm files copy the mode)
        private_folder(path.parent)
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        path.chmod(0o600)
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


class EnvelopeFolder:
    """Where envelopes live on disk: ``spool/`` while they arrive, ``envelopes/`` once accepted.

    An upload is written to a private temporary file in ``spool/`` as it arrives (never held in memory),
    fsynced, then renamed into ``envelopes/`` under a fresh random name and the folder fsynced, before the
    database names it. Both are on the same file system, so the rename is atomic. Anything the database
    does not name — a crash between rename and commit, a replaced or confirmed upload whose deletion was
    interrupted, an abandoned spool file — is deleted by :meth:`sweep`.
    """

    def __init__(self, root: Path) -> None:
        self.root = private_folder(root)
        self.spool_dir = private_folder(root / "spool")
        self.envelope_dir = private_folder(root / "envelopes")

    def spool(self) -> IO[bytes]:
        """A new private spool file, open for writing (its ``name`` is the path)."""
        return tempfile.NamedTemporaryFile(dir=self.spool_dir, prefix="upload-", delete=False)  # 0600

    def accept(self, spooled: Path) -> str:
        """Move a complete, fsynced spool file into ``envelopes/``; returns its blob name."""
        blob = secrets.token_hex(16)
        os.replace(spooled, self.envelope_dir / blob)
        _fsync_dir(self.envelope_dir)
        return blob

    def path(self, blob: str) -> Path:
        if not blob.isalnum():
            raise ValueError("not a blob name")
        return self.envelope_dir / blob

    def delete(self, blob: str | None) -> None:
        if blob:
            with contextlib.suppress(FileNotFoundError):
                self.path(blob).unlink()

    def sweep(self, named: set[str], *, older_than: float, now: float | None = None) -> int:
        """Delete envelope and spool files older than ``older_than`` seconds that ``named`` does not hold."""
        cutoff = (time.time() if now is None else now) - older_than
        removed = 0
        for folder, keep in ((self.envelope_dir, named), (self.spool_dir, set())):
            for entry in folder.iterdir():
                with contextlib.suppress(FileNotFoundError):
                    if entry.name not in keep and entry.stat().st_mtime < cutoff:
                        entry.unlink()
                        removed += 1
        return removed


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
