"""バックアップと復元 — an encrypted backup file, restorable on a fresh machine with the recovery key.

A backup is one file::

    b"KYCDESK-RECORDS-BACKUP\\n"           magic line
    8 bytes, big-endian                  length of the JSON header
    JSON header                          format, store id, time, key check, recovery block, size, SHA-256
    SQLCipher database                   exported with sqlcipher_export() under the store's database key

The database part is encrypted with the store's database key, and the header carries that key wrapped
by the recovery key only (the same block as ``records.keys``; see :mod:`.keys`). So the backup file
alone plus the recovery key restores everything, with an empty keyring and an empty ``KYC_DESK_HOME``;
without the recovery key the backup is useless to a finder. The header holds no personal data.

Restoring checks the recovery key, the SHA-256 of the database part, SQLite's integrity check and the
audit chain before the store is put in place; a damaged backup restores nothing.

:func:`recover_access` is the other use of the recovery key: the store is intact but its keyring entry
or passphrase is lost; the key header is rewritten for a new key mode.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import os
import struct
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from kyc_desk.records._db import keyed_connection, raw_connect, translate_errors
from kyc_desk.records.audit import verify_audit
from kyc_desk.records.errors import CorruptStore, StoreAlreadyExists, StoreNotInitialised, WrongRecoveryKey
from kyc_desk.records.keys import (
    KeyFileKeySource,
    KeyHeader,
    KeyMode,
    KeyringKeySource,
    RecoveryKey,
    RecoveryKeySource,
    ScryptParams,
    WrappedKey,
    key_check,
    new_header,
    read_header,
    unwrap_with_recovery,
    write_header,
)
from kyc_desk.records.store import DB_FILE, RecordStore, StoreLocation, make_private_folder

log = logging.getLogger(__name__)

MAGIC: Final = b"KYCDESK-RECORDS-BACKUP\n"
BACKUP_FORMAT: Final = "kyc-desk-records-backup/1"
_LENGTH: Final = struct.Struct(">Q")
_MAX_HEADER: Final = 1 << 20
_CHUNK: Final = 1 << 20


@dataclass(frozen=True)
class BackupInfo:
    """The plain header of a backup file (no personal data)."""

    store_id: str
    created_at: str
    verifications: int
    audit_head: str
    size: int
    sha256: str
    key_check: bytes
    recovery: WrappedKey

    def to_json(self) -> dict[str, Any]:
        return {
            "format": BACKUP_FORMAT,
            "store_id": self.store_id,
            "created_at": self.created_at,
            "verifications": self.verifications,
            "audit_head": self.audit_head,
            "size": self.size,
            "sha256": self.sha256,
            "key_check": base64.b64encode(self.key_check).decode("ascii"),
            "recovery": self.recovery.to_json(),
        }


@translate_errors
def create_backup(store: RecordStore, destination: Path) -> BackupInfo:
    """Write an encrypted backup of ``store`` to ``destination`` (a file path; never overwritten)."""
    if destination.exists():
        raise StoreAlreadyExists("the backup file already exists", ja="バックアップファイルが既に存在します。")
    export = destination.with_name(destination.name + ".db-tmp")
    export.unlink(missing_ok=True)
    try:
        with keyed_connection(store.location.db, store.database_key) as conn:
            conn.execute("ATTACH DATABASE ? AS backup KEY ?", (str(export), f"x'{store.database_key.hex()}'"))
            conn.execute("SELECT sqlcipher_export('backup')")
            conn.execute("DETACH DATABASE backup")
        with keyed_connection(export, store.database_key) as check:
            verifications = int(check.execute("SELECT count(*) FROM verifications").fetchone()[0])
            head = check.execute("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        digest = hashlib.sha256()
        with export.open("rb") as src:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
        info = BackupInfo(
            store_id=store.header.store_id,
            created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            verifications=verifications,
            audit_head=str(head[0]) if head else "",
            size=export.stat().st_size,
            sha256=digest.hexdigest(),
            key_check=store.header.key_check,
            recovery=store.header.recovery,
        )
        header = json.dumps(info.to_json(), sort_keys=True).encode("utf-8")
        partial = destination.with_name(destination.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out, export.open("rb") as src:
            out.write(MAGIC + _LENGTH.pack(len(header)) + header)
            while chunk := src.read(_CHUNK):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        partial.replace(destination)
    finally:
        export.unlink(missing_ok=True)
    log.info("backup written (%d verifications)", info.verifications)
    return info


def read_backup_info(path: Path) -> tuple[BackupInfo, int]:
    """The header of a backup file and the offset where its database starts."""
    try:
        with path.open("rb") as src:
            if src.read(len(MAGIC)) != MAGIC:
                raise CorruptStore(
                    "not a KYC Desk records backup",
                    ja="KYC Desk の本人確認記録のバックアップファイルではありません。",
                )
            (length,) = _LENGTH.unpack(src.read(_LENGTH.size))
            if length > _MAX_HEADER:
                raise CorruptStore("the backup header is too large")
            data = json.loads(src.read(length).decode("utf-8"))
    except FileNotFoundError as exc:
        raise CorruptStore("the backup file does not exist", ja="バックアップファイルがありません。") from exc
    except (OSError, ValueError, struct.error) as exc:
        raise CorruptStore("the backup file is damaged") from exc
    try:
        if data["format"] != BACKUP_FORMAT:
            raise CorruptStore("unknown backup format", ja="バックアップファイルの形式が不明です。")
        probe = KeyHeader.from_json(
            {
                "format": "kyc-desk-record-keys/1",
                "store_id": data["store_id"],
                "mode": "keyfile",
                "key_check": data["key_check"],
                "recovery": data["recovery"],
            }
        )
        info = BackupInfo(
            store_id=str(data["store_id"]),
            created_at=str(data["created_at"]),
            verifications=int(data["verifications"]),
            audit_head=str(data["audit_head"]),
            size=int(data["size"]),
            sha256=str(data["sha256"]),
            key_check=probe.key_check,
            recovery=probe.recovery,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise CorruptStore("the backup header is damaged") from exc
    return info, len(MAGIC) + _LENGTH.size + length


@translate_errors
def restore_backup(
    path: Path,
    recovery: RecoveryKey,
    *,
    mode: KeyMode,
    folder: Path | None = None,
    passphrase: str | None = None,
    keyring: KeyringKeySource | None = None,
    scrypt: ScryptParams | None = None,
) -> RecordStore:
    """Restore a backup into an empty store folder and open it; the key is then kept per ``mode``.

    The recovery key stays the same (the one written down at set-up). Refuses to overwrite a store.
    """
    location = StoreLocation(folder) if folder is not None else StoreLocation.default()
    if location.exists():
        raise StoreAlreadyExists(
            "a record store already exists; restore only into an empty desk",
            ja="記録データベースが既に存在します。復元は記録のないデスクにのみ行えます。",
        )
    info, offset = read_backup_info(path)
    key = unwrap_with_recovery(info.recovery, recovery, info.store_id)
    if key_check(key) != info.key_check:
        raise WrongRecoveryKey(
            "the recovery key does not fit this backup",
            ja="この回復キーはこのバックアップのものではありません。",
        )
    make_private_folder(location.folder)
    staging = location.folder / (DB_FILE + ".restore")
    try:
        digest = hashlib.sha256()
        size = 0
        fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with path.open("rb") as src, os.fdopen(fd, "wb") as out:
            src.seek(offset)
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if size != info.size or digest.hexdigest() != info.sha256:
            raise CorruptStore("the backup's database part is damaged (checksum mismatch)")
        _check_restored(staging, key)
        header = new_header(key, recovery, mode, passphrase=passphrase, scrypt=scrypt, store_id=info.store_id)
        if mode == "keyring":
            (keyring or KeyringKeySource()).store(info.store_id, key)
        elif mode == "keyfile":
            KeyFileKeySource.write(location.folder, key)
        write_header(location.header, header)
        staging.replace(location.db)
    finally:
        staging.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(str(staging) + suffix).unlink(missing_ok=True)
    log.info("backup restored (%d verifications)", info.verifications)
    return RecordStore.open(RecoveryKeySource(recovery), folder=location.folder)


def _check_restored(path: Path, key: bytes) -> None:
    with keyed_connection(path, key) as conn:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            raise CorruptStore("the backup's database failed the integrity check")
    engine = create_engine("sqlite://", creator=lambda: raw_connect(path, key), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            audit = verify_audit(conn)
    finally:
        engine.dispose()
    if not audit.ok:
        raise CorruptStore(
            f"the backup's audit chain has {len(audit.findings)} finding(s)",
            ja=f"バックアップの監査記録に不整合があります（{len(audit.findings)} 件）。復元しません。",
        )


@translate_errors
def recover_access(
    recovery: RecoveryKey,
    *,
    mode: KeyMode,
    folder: Path | None = None,
    passphrase: str | None = None,
    keyring: KeyringKeySource | None = None,
    scrypt: ScryptParams | None = None,
) -> KeyHeader:
    """Regain access to an intact store whose keyring entry or passphrase is lost.

    The recovery key unwraps the database key; the key header is rewritten for ``mode`` (the database
    itself is not touched, and the recovery key stays valid).
    """
    location = StoreLocation(folder) if folder is not None else StoreLocation.default()
    if not location.header.exists():
        raise StoreNotInitialised("no record store in this folder")
    old = read_header(location.header)
    key = RecoveryKeySource(recovery).unlock(old, location.folder)
    header = new_header(key, recovery, mode, passphrase=passphrase, scrypt=scrypt, store_id=old.store_id)
    header = replace(header, created_at=old.created_at)
    if mode == "keyring":
        (keyring or KeyringKeySource()).store(old.store_id, key)
    elif mode == "keyfile":
        from kyc_desk.records.keys import KeyFileKeySource

        KeyFileKeySource.write(location.folder, key)
    write_header(location.header, header)
    return header
