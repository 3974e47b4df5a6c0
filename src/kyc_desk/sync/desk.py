"""デスク側の取込み — creating requests and pulling submissions into the encrypted records (Qt-free).

:class:`DeskSync` is what ``kyc-desk sync`` and the desk window use; :class:`BackgroundPull` runs
:meth:`DeskSync.pull` on a timer in a plain thread and reports through callbacks (the UI wraps it in Qt
signals). Reviewing needs no network: everything pulled is in the record store.

**Nothing is lost.** A submission is confirmed to the endpoint (which then deletes it) only after it is
safely on the desk: saved in the record store (one transaction, external id ``sync:<submission id>``), or
kept in the quarantine folder when it cannot be imported. A desk killed at any point re-pulls whatever it
had not confirmed; the external id makes the second import a no-op, and the quarantine is checked first.

**Never dropped.** A submission that does not decrypt, is malformed, carries forbidden content, or that the
records layer refuses (ホ on or after 2027-04-01) goes to ``quarantine/<submission id>.envelope`` (the
ciphertext, still encrypted to the office key) with ``<submission id>.json`` saying why. A submission that
decrypts but fails a check is stored as a pending verification with that check flagged in its report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from kyc_desk.errors import KycDeskError
from kyc_desk.paths import desk_paths, private_folder, write_private
from kyc_desk.records import InvalidRecord, NewVerification, Person, RecordStore, VerificationRecord
from kyc_desk.sync.client import CreatedRequest, DeskClient, PendingSubmission
from kyc_desk.sync.envelope import open_envelope
from kyc_desk.sync.errors import FaceWorkerStopped, ImportFailed, SyncError
from kyc_desk.sync.format import Method
from kyc_desk.sync.importer import FaceChecker, ImportContext, external_id, plan_import
from kyc_desk.sync.mail import RequestMail, request_mail
from kyc_desk.sync.office_key import OfficeKey
from kyc_desk.sync.registry import DeskRequest, RequestRegistry
from kyc_desk.verify.trust import TrustStore

log = logging.getLogger(__name__)

IMPORTED: Final = "imported"
ALREADY_IMPORTED: Final = "already_imported"
QUARANTINED: Final = "quarantined"
#: How long after its expiry an unanswered request's copy is kept (a little longer than the endpoint keeps
#: unclaimed submissions, so a late submission still finds it).
REGISTRY_GRACE: Final = dt.timedelta(days=8)
#: Submissions downloaded, decrypted and verified ahead of the one being saved (at least; a
#: :class:`~kyc_desk.sync.face_pool.ProcessFaceChecker` raises it to its number of workers).
PREPARE_AHEAD: Final = 2


def sync_folder() -> Path:
    """The desk's sync state: office key, request copies, quarantine."""
    return desk_paths().data / "sync"


@dataclass(frozen=True)
class PulledSubmission:
    """What happened to one submission in a pull (no personal data: ids, codes, counts)."""

    submission_id: str
    request_id: str
    method: Method
    outcome: str  # IMPORTED | ALREADY_IMPORTED | QUARANTINED
    record_id: int | None = None
    reason: str = ""
    flagged: tuple[str, ...] = ()  # names of checks that did not confirm

    def to_json(self) -> dict[str, Any]:
        return {"submission_id": self.submission_id, "request_id": self.request_id, "method": self.method.value,
                "outcome": self.outcome, "record_id": self.record_id, "reason": self.reason,
                "flagged": list(self.flagged)}


@dataclass(frozen=True)
class PullResult:
    """One pull: what was imported, quarantined, or already there; ``bytes`` downloaded."""

    items: tuple[PulledSubmission, ...] = ()
    bytes: int = 0

    def count(self, outcome: str) -> int:
        return sum(1 for i in self.items if i.outcome == outcome)


@dataclass(frozen=True)
class QuarantineEntry:
    submission_id: str
    request_id: str
    method: str
    reason_code: str
    reason: str
    reason_ja: str
    received_at: str
    quarantined_at: str


class Quarantine:
    """Submissions the desk holds but could not import (ciphertext + the reason)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def has(self, submission_id: str) -> bool:
        return (self.folder / f"{_safe(submission_id)}.json").exists()

    def keep(self, pending: PendingSubmission, envelope: bytes, error: KycDeskError) -> None:
        """Store the envelope, then its reason (the reason file marks the entry complete)."""
        private_folder(self.folder)
        sid = _safe(pending.submission_id)
        write_private(self.folder / f"{sid}.envelope", envelope)
        entry = QuarantineEntry(
            pending.submission_id, pending.request_id, pending.method.value, type(error).__name__,
            error.message, error.ja, pending.received_at.isoformat(), dt.datetime.now(dt.UTC).isoformat(),
        )
        write_private(self.folder / f"{sid}.json", json.dumps(entry.__dict__, ensure_ascii=False).encode("utf-8"))

    def entries(self) -> list[QuarantineEntry]:
        if not self.folder.exists():
            return []
        return [
            QuarantineEntry(**json.loads(p.read_text(encoding="utf-8"))) for p in sorted(self.folder.glob("*.json"))
        ]

    def envelope(self, submission_id: str) -> bytes:
        return (self.folder / f"{_safe(submission_id)}.envelope").read_bytes()

    def entry(self, submission_id: str) -> QuarantineEntry:
        path = self.folder / f"{_safe(submission_id)}.json"
        if not path.exists():
            raise SyncError("no such submission in the quarantine", ja="隔離中の提出データにありません。")
        return QuarantineEntry(**json.loads(path.read_text(encoding="utf-8")))

    def release(self, submission_id: str) -> None:
        """Remove an entry once it has been imported (reason first, so a crash leaves the envelope)."""
        sid = _safe(submission_id)
        (self.folder / f"{sid}.json").unlink(missing_ok=True)
        (self.folder / f"{sid}.envelope").unlink(missing_ok=True)


def _safe(submission_id: str) -> str:
    if not submission_id or not all(c.isalnum() or c in "-_" for c in submission_id) or len(submission_id) > 64:
        raise SyncError(
            "the endpoint listed a malformed submission id",
            ja="受付サーバーが不正な提出データ番号を返しました。",
        )
    return submission_id


@dataclass
class DeskSync:
    """The desk's remote-submission work: requests out, submissions in.

    ``office_key`` may be ``None`` for a desk that only creates requests (then ``public_key_text`` must
    be given); pulling needs the unlocked key.
    """

    client: DeskClient
    folder: Path
    public_key_text: str
    office_key: OfficeKey | None = None
    actor: str = "kyc-desk sync"
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def registry(self) -> RequestRegistry:
        return RequestRegistry(self.folder / "requests")

    @property
    def quarantine(self) -> Quarantine:
        return Quarantine(self.folder / "quarantine")

    # requests ---------------------------------------------------------------------------------------
    def create_request(
        self,
        methods: tuple[Method, ...],
        *,
        person: Person | None = None,
        client_id: int | None = None,
        expires_in_minutes: int = 3 * 24 * 60,
        reference: str = "",
        liveness: str | None = None,
    ) -> CreatedRequest:
        """Ask the endpoint for a request and keep the desk's sealed copy of it (who it is for).

        ``liveness`` is the challenge the selfie frames must perform (``"turn_left,blink"``); by default a
        fresh random one from the face engine (:func:`kyc_desk.faces.make_challenge`).
        """
        from kyc_desk.sync.envelope import decode_public_key

        if liveness is None:
            from kyc_desk.faces import make_challenge

            liveness = str(make_challenge())
        created = self.client.create_request(
            methods, self.public_key_text, expires_in_minutes=expires_in_minutes, reference=reference,
            liveness=liveness,
        )
        self.registry.save(
            DeskRequest(created.request_id, created.link, created.methods, created.challenge, created.created_at,
                        created.expires_at, reference, client_id, person, created.liveness),
            decode_public_key(self.public_key_text),
        )
        log.info("request %s created", created.request_id[:8])
        return created

    def mail_for(
        self, created: CreatedRequest, *, office_name: str, client_name: str = "", to: str = ""
    ) -> RequestMail:
        """The e-mail that carries the link (built here; nothing of it goes to the endpoint)."""
        return request_mail(link=created.link, expires_at=created.expires_at, methods=created.methods,
                            office_name=office_name, client_name=client_name, to=to)

    # pulling ----------------------------------------------------------------------------------------
    def pull(
        self,
        store: RecordStore,
        *,
        anchors: TrustStore,
        faces: FaceChecker,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> PullResult:
        """Download, decrypt, verify and store every pending submission, confirming each once it is safe.

        The work is a pipeline (docs/sync-server.md, "Import throughput"): up to ``ahead`` submissions are
        downloaded, decrypted and verified (face checks included) on worker threads while this thread
        saves the previous one and the last confirmation travels. Saving, confirming and quarantining stay
        in submission order on this thread, one record-store transaction each, so the outcome is the same
        as one submission at a time. With a :class:`~kyc_desk.sync.face_pool.ProcessFaceChecker` as
        ``faces``, as many submissions are prepared at once as it has workers, so their face checks run
        side by side in separate processes.
        """
        if self.office_key is None:
            raise SyncError("the office key is not unlocked", ja="事務所鍵のロックが解除されていません。")
        ahead = max(PREPARE_AHEAD, getattr(faces, "workers", 1))
        with self._lock, ThreadPoolExecutor(max_workers=ahead + 1, thread_name_prefix="kyc-desk-sync") as pool:
            pending = self.client.pending()
            items: list[PulledSubmission] = []
            prepared: dict[int, Future[_Prepared]] = {}
            confirms: list[Future[None]] = []
            downloaded = 0

            def prepare(i: int) -> None:
                if i < len(pending) and i not in prepared:
                    prepared[i] = pool.submit(self._prepare, pending[i], store, anchors, faces)

            try:
                for i in range(ahead):
                    prepare(i)
                for index, sub in enumerate(pending):
                    if cancelled is not None and cancelled():
                        break
                    if progress is not None:
                        progress(index, len(pending))
                    ready = prepared.pop(index).result()
                    prepare(index + ahead)
                    item, size = self._store_one(ready, store)
                    downloaded += size
                    confirms.append(pool.submit(self.client.confirm, sub.submission_id))
                    items.append(item)
                    log.info("submission %s %s", sub.submission_id[:8], item.outcome)
            finally:
                for unused in prepared.values():  # prepared but not saved: pulled again next time
                    unused.cancel()
            for confirmation in confirms:  # a failed one is retried by the next pull (import is idempotent)
                confirmation.result()
            self._tidy_registry(items)
            if progress is not None:
                progress(len(items), len(pending))
            return PullResult(tuple(items), downloaded)

    def retry_quarantined(
        self, submission_id: str, store: RecordStore, *, anchors: TrustStore, faces: FaceChecker
    ) -> PulledSubmission:
        """Import a quarantined submission again (e.g. after restoring the right office key).

        On success the record is saved and the quarantine entry removed; on failure the entry stays and
        the error is raised. Needs no network: the envelope is on the desk.
        """
        if self.office_key is None:
            raise SyncError("the office key is not unlocked", ja="事務所鍵のロックが解除されていません。")
        entry = self.quarantine.entry(submission_id)
        envelope = self.quarantine.envelope(submission_id)
        method = Method(entry.method)
        existing = store.find_by_external_id(external_id(submission_id))
        if existing is None:
            try:
                submission = open_envelope(envelope, self.office_key.private_key)
                request = self.registry.load(entry.request_id, self.office_key.private_key)
                received = dt.datetime.fromisoformat(entry.received_at)
                plan = plan_import(
                    submission,
                    ImportContext(submission_id, received, request, anchors, faces, self.actor, records=store),
                )
            except KycDeskError:
                raise
            except Exception as exc:  # a bug: the entry stays in the quarantine, the caller gets a typed error
                raise _import_bug(submission_id, exc) from exc
            existing = store.save_verification(plan, actor=self.actor)
        self.quarantine.release(submission_id)
        self.registry.forget(entry.request_id)
        flagged = tuple(c.name for c in existing.report if not c.verdict.ok)
        return PulledSubmission(submission_id, entry.request_id, method, IMPORTED, existing.id, flagged=flagged)

    def _tidy_registry(self, items: list[PulledSubmission]) -> None:
        """Forget the request copies of imported submissions, and of requests long expired and unused.

        Copies of quarantined submissions are kept: a later import needs them.
        """
        assert self.office_key is not None
        for item in items:
            if item.outcome in (IMPORTED, ALREADY_IMPORTED):
                self.registry.forget(item.request_id)
        keep = {e.request_id for e in self.quarantine.entries()}
        self.registry.prune(self.office_key.private_key, dt.datetime.now(dt.UTC), grace=REGISTRY_GRACE, keep=keep)

    def _download(self, submission_id: str) -> tuple[bytes, str]:
        """An envelope and its SHA-256."""
        envelope = self.client.download(submission_id)
        return envelope, hashlib.sha256(envelope).hexdigest()

    def _prepare(
        self, sub: PendingSubmission, store: RecordStore, anchors: TrustStore, faces: FaceChecker
    ) -> _Prepared:
        """Everything before the save, on a worker thread: skip what is already here, download, check the
        digest, decrypt and verify. A check that fails is kept for :meth:`_store_one` (in order)."""
        assert self.office_key is not None
        existing = store.find_by_external_id(external_id(sub.submission_id))
        if existing is not None:
            return _Prepared(sub, existing=existing)
        if self.quarantine.has(sub.submission_id):
            return _Prepared(sub, already_quarantined=True)
        envelope, digest = self._download(sub.submission_id)
        if digest != sub.sha256:
            raise SyncError("a downloaded submission does not match its digest; nothing was confirmed",
                            ja="ダウンロードした提出データが破損しています（確認通知は送っていません）。")
        try:
            submission = open_envelope(envelope, self.office_key.private_key)
            request = self.registry.load(sub.request_id, self.office_key.private_key)
            plan = plan_import(submission, ImportContext(sub.submission_id, sub.received_at, request, anchors,
                                                         faces, self.actor, records=store))
        except FaceWorkerStopped:
            raise  # nothing was checked: keep the submission on the endpoint, confirm nothing
        except KycDeskError as exc:
            return _Prepared(sub, envelope=envelope, error=exc)
        except Exception as exc:  # a bug: the submission is quarantined, never lost, and the bug logged
            return _Prepared(sub, envelope=envelope, error=_import_bug(sub.submission_id, exc))
        return _Prepared(sub, envelope=envelope, plan=plan)

    def _store_one(self, ready: _Prepared, store: RecordStore) -> tuple[PulledSubmission, int]:
        """Save (or quarantine) one prepared submission; on this thread, in submission order."""
        sub = ready.sub

        def item(outcome: str, **more: Any) -> PulledSubmission:
            return PulledSubmission(sub.submission_id, sub.request_id, sub.method, outcome, **more)

        if ready.existing is not None:
            return item(ALREADY_IMPORTED, record_id=ready.existing.id), 0
        if ready.already_quarantined:
            return item(QUARANTINED, reason="already in quarantine"), 0
        error = ready.error
        if ready.plan is not None:
            try:
                record = store.save_verification(ready.plan, actor=self.actor)
            except InvalidRecord as exc:
                error = exc
            else:
                flagged = tuple(c.name for c in record.report if not c.verdict.ok)
                return item(IMPORTED, record_id=record.id, flagged=flagged), len(ready.envelope)
        assert error is not None
        # (any other RecordsError propagates: the store itself failed, so nothing is confirmed)
        self.quarantine.keep(sub, ready.envelope, error)
        log.warning("submission %s quarantined: %s", sub.submission_id[:8], type(error).__name__)
        return item(QUARANTINED, reason=error.message), len(ready.envelope)


def _import_bug(submission_id: str, exc: Exception) -> ImportFailed:
    """Log an unforeseen import failure as a bug: its type and where it was raised, never its message or
    source lines (either may quote the submission's data)."""
    frames = "\n".join(f"  {f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(exc.__traceback__))
    log.error("BUG: importing submission %s raised %s; quarantined\n%s", submission_id[:8], type(exc).__name__,
              frames)
    error = ImportFailed(f"importing the submission failed unexpectedly ({type(exc).__name__}; a bug, logged)")
    error.__cause__ = exc
    return error


@dataclass(frozen=True)
class _Prepared:
    """One submission ready to be saved: already here, already quarantined, a plan, or the error that
    sends it to the quarantine (with its envelope)."""

    sub: PendingSubmission
    existing: VerificationRecord | None = None
    already_quarantined: bool = False
    envelope: bytes = b""
    plan: NewVerification | None = None
    error: KycDeskError | None = None


class BackgroundPull:
    """Runs :meth:`DeskSync.pull` every ``interval`` seconds on a daemon thread until :meth:`stop`.

    ``open_store`` is called on the worker thread for each round (so the store's connections live there);
    ``on_result``/``on_error`` are called on the worker thread too — a Qt wrapper re-emits them as signals.
    Only :class:`~kyc_desk.errors.KycDeskError` reaches ``on_error``; anything else is a bug and is logged.
    """

    def __init__(
        self,
        desk: DeskSync,
        open_store: Callable[[], RecordStore],
        *,
        anchors: Callable[[], TrustStore],
        faces: FaceChecker,
        interval: float = 300.0,
        on_result: Callable[[PullResult], None] = lambda _r: None,
        on_error: Callable[[KycDeskError], None] = lambda _e: None,
    ) -> None:
        self.desk, self.open_store, self.anchors, self.faces = desk, open_store, anchors, faces
        self.interval, self.on_result, self.on_error = interval, on_result, on_error
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="kyc-desk-sync-pull", daemon=True)
            self._thread.start()

    def pull_now(self) -> None:
        """Start a round now instead of waiting for the timer."""
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the current submission (a pull in progress stops between submissions)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with self.open_store() as store:
                    result = self.desk.pull(store, anchors=self.anchors(), faces=self.faces,
                                            cancelled=self._stop.is_set)
                self.on_result(result)
            except KycDeskError as exc:
                self.on_error(exc)
            except Exception:
                log.exception("background pull failed")
            self._wake.wait(self.interval)
            self._wake.clear()
