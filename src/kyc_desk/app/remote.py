"""リモート申請の設定と取込み — the one sync set-up, and the service the リモート申請 place calls.

:func:`set_up_sync` and :func:`open_sync` are the only code that writes and reads the desk's sync
settings; ``kyc-desk sync init``/``request``/``pull`` and the window both call them, so they share one
set-up: ``sync.json`` (endpoint URL, how the office key is protected, the pull interval) and
``desk-token.sealed`` — the desk token sealed to the office public key (:func:`seal_local`), so the
secret is never written in plain text and opens only with the office key, which sits in the OS keyring
when it is secure, otherwise behind a passphrase the scrivener types once per session.

The queue is read from the record store (pending verifications pulled earlier, external id ``sync:…``)
and the sync layer's quarantine: reviewing needs no network. Face checks for a pull run in a separate
process (:class:`kyc_desk.sync.face_pool.ProcessFaceChecker`), because dlib holds the interpreter lock
and would freeze the window for as long as it computes.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from kyc_desk.errors import KycDeskError
from kyc_desk.i18n import tr
from kyc_desk.paths import desk_paths, private_folder, write_private

if TYPE_CHECKING:
    from kyc_desk.records.store import RecordStore
    from kyc_desk.sync.desk import DeskSync, PulledSubmission, QuarantineEntry
    from kyc_desk.sync.importer import FaceChecker
    from kyc_desk.sync.office_key import KeyProtection, OfficeKey
    from kyc_desk.verify.trust import TrustStore

#: The desk's sync files, in the sync folder (:func:`kyc_desk.sync.desk.sync_folder`).
CONFIG_FILE: Final = "sync.json"
TOKEN_FILE: Final = "desk-token.sealed"
TOKEN_LABEL: Final = "desk-token"
DEFAULT_PULL_MINUTES: Final = 5
EXTERNAL_PREFIX: Final = "sync:"


class RemoteSetupError(KycDeskError):
    """The endpoint settings cannot be used as given (nothing was saved)."""

    default_ja = "リモート申請の設定を保存できません。"


class OfficeKeyLocked(KycDeskError):
    """The office key is protected by a passphrase that was not typed in this session yet."""

    default_ja = "事務所鍵のパスフレーズを入力してください。"


@dataclass(frozen=True)
class RemoteConfig:
    """What ``sync.json`` holds: no secret, no personal data."""

    endpoint: str
    key_mode: str
    pull_minutes: int = DEFAULT_PULL_MINUTES


@dataclass(frozen=True)
class QueueRow:
    """One row of the queue: a pending verification (``record_id``) or a quarantined submission."""

    kind: str  # "record" | "quarantine"
    client_name: str
    method: str
    received_at: dt.datetime | None
    badge: str  # "ok" | "flagged" | "quarantined"
    record_id: int | None = None
    submission_id: str = ""
    reason: str = ""


def check_endpoint(url: str) -> str:
    """The endpoint URL, normalised; HTTPS, or plain HTTP on this computer only (loopback)."""
    url = url.strip().rstrip("/")
    parts = urllib.parse.urlsplit(url)
    loopback = parts.hostname in ("127.0.0.1", "localhost", "::1")
    if not parts.hostname or parts.scheme not in ("https", "http") or (parts.scheme == "http" and not loopback):
        raise RemoteSetupError(
            "the endpoint URL must start with https:// (plain http only on this computer)",
            ja="受付サーバーのURLは https:// で始めてください（http はこのコンピューター上のみ）。",
        )
    return url


def check_token(token: str) -> str:
    token = token.strip()
    if not token or not token.isascii() or any(c.isspace() for c in token):
        raise RemoteSetupError("the desk token is empty or malformed",
                               ja="デスクのトークンが空か、形式が正しくありません。")
    return token


def default_protection(mode: str, passphrase: str | None) -> KeyProtection:
    from kyc_desk.sync.office_key import KeyProtection

    return KeyProtection(mode="passphrase" if mode == "passphrase" else "keyring", passphrase=passphrase)


#: Builds the office key's protection for a key mode; ``new`` is True when the key is being created (the
#: CLI then asks for the passphrase twice).
ProtectionFor = Callable[[str, bool], "KeyProtection"]


def read_config(folder: Path) -> RemoteConfig | None:
    """``sync.json`` of ``folder``; None before the set-up."""
    path = folder / CONFIG_FILE
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return RemoteConfig(str(data["endpoint"]), str(data["key_mode"]),
                            int(data.get("pull_minutes", DEFAULT_PULL_MINUTES)))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RemoteSetupError("the remote settings file is damaged",
                               ja="リモート申請の設定ファイルが壊れています。") from exc


def set_up_sync(
    folder: Path,
    endpoint: str,
    token: str,
    *,
    new_key_mode: str,
    protection: ProtectionFor,
    pull_minutes: int = DEFAULT_PULL_MINUTES,
    key: OfficeKey | None = None,
) -> tuple[RemoteConfig, OfficeKey]:
    """Save the endpoint and the desk token sealed to the office key; create the office key (protected
    as ``new_key_mode`` says) on first set-up, else keep the existing one and its mode. ``key`` is the
    already unlocked office key, if any. Nothing is written when the endpoint or token is unusable."""
    from kyc_desk.sync.envelope import decode_public_key, seal_local
    from kyc_desk.sync.office_key import create_office_key, load_office_key, office_key_exists, office_key_mode

    endpoint, token = check_endpoint(endpoint), check_token(token)
    if not 1 <= pull_minutes <= 24 * 60:
        raise RemoteSetupError("the pull interval must be 1 to 1440 minutes",
                               ja="取込みの間隔は1〜1440分にしてください。")
    private_folder(folder)  # 0700: the sealed token and the office key live here
    mode: str
    if office_key_exists(folder):
        mode = office_key_mode(folder)
        if key is None:
            key = load_office_key(folder, protection(mode, False))
    else:
        mode = new_key_mode
        key = create_office_key(folder, protection(mode, True))
    sealed = seal_local(token.encode("ascii"), decode_public_key(key.public_text), TOKEN_LABEL)
    write_private(folder / TOKEN_FILE, sealed)
    config = RemoteConfig(endpoint, mode, pull_minutes)
    write_private(folder / CONFIG_FILE, json.dumps(
        {"endpoint": endpoint, "key_mode": mode, "pull_minutes": pull_minutes}).encode("utf-8"))
    return config, key


def open_sync(folder: Path, protection: ProtectionFor, *, key: OfficeKey | None = None) -> DeskSync:
    """The desk's sync object, its office key unlocked (``protection`` is asked only without ``key``)."""
    from kyc_desk.sync.client import DeskClient
    from kyc_desk.sync.desk import DeskSync
    from kyc_desk.sync.envelope import open_local
    from kyc_desk.sync.office_key import load_office_key

    config = read_config(folder)
    if config is None:
        raise RemoteSetupError("remote submissions are not set up on this desk (kyc-desk sync init)",
                               ja="リモート申請が未設定です（kyc-desk sync init）。")
    if key is None:
        key = load_office_key(folder, protection(config.key_mode, False))
    token = open_local((folder / TOKEN_FILE).read_bytes(), key.private_key, TOKEN_LABEL).decode("ascii")
    return DeskSync(DeskClient(config.endpoint, token), folder, key.public_text, key)


def _secure_keyring() -> bool:
    from kyc_desk.records.keys import secure_keyring_available

    return secure_keyring_available()


class RemoteService:
    """Endpoint settings, the unlocked :class:`DeskSync`, the queue and decisions (called on worker threads).

    ``folder`` defaults to the sync layer's folder; ``protection(mode, passphrase)`` builds the office
    key's protection (tests pass a fast scrypt); ``secure_keyring`` decides keyring or passphrase for a
    new office key; ``anchors`` and ``faces`` are what a pull verifies with.
    """

    def __init__(
        self,
        *,
        folder: Path | None = None,
        protection: Callable[[str, str | None], KeyProtection] = default_protection,
        secure_keyring: Callable[[], bool] = _secure_keyring,
        anchors: Callable[[], TrustStore] | None = None,
        faces: Callable[[], FaceChecker] | None = None,
    ) -> None:
        self.folder = folder or desk_paths().data / "sync"  # = kyc_desk.sync.sync_folder(), without its imports
        self._protection, self._secure_keyring = protection, secure_keyring
        self._anchors, self._faces = anchors, faces
        self._desk: DeskSync | None = None
        self._face_checker: FaceChecker | None = None
        self._lock = threading.Lock()

    # settings ---------------------------------------------------------------------------------------
    def config(self) -> RemoteConfig | None:
        return read_config(self.folder)

    def needs_passphrase(self) -> bool:
        """True when the office key exists and is (or will be) protected by a passphrase."""
        config = self.config()
        if config is not None:
            return config.key_mode == "passphrase" and self._desk is None
        return not self._secure_keyring()

    def set_up(self, endpoint: str, token: str, *, pull_minutes: int, passphrase: str | None = None) -> RemoteConfig:
        """Save the endpoint and the sealed token; create the office key on first set-up."""
        with self._lock:
            key = self._desk.office_key if self._desk is not None else None
        config, key = set_up_sync(
            self.folder, endpoint, token, pull_minutes=pull_minutes, key=key,
            new_key_mode="keyring" if self._secure_keyring() else "passphrase",
            protection=lambda mode, _new: self._protection(mode, passphrase),
        )
        with self._lock:
            self._desk = open_sync(self.folder, lambda mode, _new: self._protection(mode, passphrase), key=key)
        return config

    def unlock(self, passphrase: str | None = None) -> DeskSync:
        """The desk's sync object with the office key unlocked (kept for the session)."""
        with self._lock:
            if self._desk is not None:
                return self._desk
            config = self.config()
            if config is None:
                raise RemoteSetupError("remote submissions are not set up", ja="リモート申請が未設定です。")
            if config.key_mode == "passphrase" and not passphrase:
                raise OfficeKeyLocked("the office key needs its passphrase")
            self._desk = open_sync(self.folder, lambda mode, _new: self._protection(mode, passphrase))
            return self._desk

    def anchors(self) -> TrustStore:
        if self._anchors is not None:
            return self._anchors()
        from kyc_desk.verify.trust import load_trust_store

        return load_trust_store(None)

    def face_checker(self) -> FaceChecker:
        with self._lock:
            if self._face_checker is None:
                self._face_checker = self._faces() if self._faces is not None else _process_face_checker()
            return self._face_checker

    def close(self) -> None:
        """Stop the face process, if one was started."""
        closer = getattr(self._face_checker, "close", None)
        if callable(closer):
            closer()

    # the queue --------------------------------------------------------------------------------------
    def queue(self, store: RecordStore) -> list[QueueRow]:
        """Pending verifications from the endpoint, newest first, then the quarantined submissions."""
        from kyc_desk.records.model import SearchQuery, Status
        from kyc_desk.sync.desk import Quarantine

        rows: list[QueueRow] = []
        for summary in store.search(SearchQuery(status=Status.PENDING_REVIEW, limit=500)):
            if not (summary.external_id or "").startswith(EXTERNAL_PREFIX):
                continue
            record = store.get(summary.id)
            from kyc_desk.app.texts import shown_checks  # a check the method cannot make flags nothing

            flagged = any(not check.verdict.ok
                          for check in shown_checks(record.report, record.method.value, record.document_type))
            submission = (summary.external_id or "")[len(EXTERNAL_PREFIX):]
            rows.append(QueueRow("record", summary.client_name, record.method.rule.letter, record.created_at,
                                 "flagged" if flagged else "ok", record_id=record.id, submission_id=submission))
        rows.sort(key=lambda r: r.received_at or dt.datetime.min.replace(tzinfo=dt.UTC), reverse=True)
        for entry in Quarantine(self.folder / "quarantine").entries():
            method = _METHOD_LETTER.get(entry.method, entry.method)
            rows.append(QueueRow("quarantine", self._requested_name(entry), method, _parse_time(entry.received_at),
                                 "quarantined", submission_id=entry.submission_id,
                                 reason=tr(entry.reason_ja, entry.reason)))
        return rows

    def _requested_name(self, entry: QuarantineEntry) -> str:
        """The client's name from the desk's sealed request copy, when the office key is unlocked."""
        desk = self._desk
        if desk is None or desk.office_key is None:
            return ""
        try:
            request = desk.registry.load(entry.request_id, desk.office_key.private_key)
        except KycDeskError:
            return ""
        return request.person.name if request is not None and request.person is not None else ""

    def quarantine_entry(self, submission_id: str) -> QuarantineEntry:
        from kyc_desk.sync.desk import Quarantine

        return Quarantine(self.folder / "quarantine").entry(submission_id)

    def retry(self, store: RecordStore, submission_id: str) -> PulledSubmission:
        desk = self.unlock()
        return desk.retry_quarantined(submission_id, store, anchors=self.anchors(), faces=self.face_checker())


_METHOD_LETTER: Final = {"he": "ヘ", "ho": "ホ", "wa": "ワ"}


def _parse_time(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def _process_face_checker() -> FaceChecker:
    """The face engine in one worker process (``spawn``, no Qt): a pull never holds the interpreter lock
    the window needs. A worker that dies stops the pull without saving (the submission stays on the
    endpoint and is pulled again)."""
    from kyc_desk.sync.face_checks import default_face_checker
    from kyc_desk.sync.face_pool import ProcessFaceChecker

    return ProcessFaceChecker(default_face_checker(), workers=1)
