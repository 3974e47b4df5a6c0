"""Backup and restore: the backup file plus the recovery key restore everything on a fresh machine."""

from __future__ import annotations

import shutil
from pathlib import Path

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring

from kyc_desk.records import (
    CorruptStore,
    KeyringKeySource,
    PassphraseKeySource,
    RecordStore,
    RecoveryKey,
    StoreAlreadyExists,
    WrongRecoveryKey,
    create_backup,
    read_backup_info,
    restore_backup,
)
from tests.records.conftest import FAST_SCRYPT, full_verification


def _source(tmp_path: Path, folder: str) -> tuple[RecordStore, RecoveryKey, list[int]]:
    store, recovery = RecordStore.create(
        mode="passphrase", folder=tmp_path / folder, passphrase="old machine", scrypt=FAST_SCRYPT
    )
    ids = [store.save_verification(full_verification(external_id=f"s-{i}"), actor="a").id for i in range(3)]
    return store, recovery, ids


def test_restore_on_a_fresh_machine_with_only_the_recovery_key(tmp_path: Path) -> None:
    store, recovery, ids = _source(tmp_path, "old")
    originals = [store.get(i) for i in ids]
    backup = tmp_path / "usb" / "records.kdbackup"
    backup.parent.mkdir()
    info = create_backup(store, backup)
    head = store.verify_audit().head_hash
    store.close()
    assert info.verifications == 3 and info.audit_head == head
    raw = backup.read_bytes()
    assert "髙橋".encode() not in raw and b"SQLite format 3" not in raw
    shutil.rmtree(tmp_path / "old")  # the old machine is gone

    fresh_keyring = PlaintextKeyring()
    fresh_keyring.file_path = str(tmp_path / "new-keyring" / "k.cfg")  # type: ignore[misc]
    previous = keyring.get_keyring()
    keyring.set_keyring(fresh_keyring)
    try:
        source = KeyringKeySource(backend=fresh_keyring, allow_insecure=True)
        typed = RecoveryKey.parse(recovery.formatted().lower())
        with restore_backup(backup, typed, mode="keyring", folder=tmp_path / "new", keyring=source) as restored:
            assert [restored.get(i) for i in ids] == originals
            assert restored.verify_audit().ok and restored.verify_audit().head_hash == head
            assert restored.integrity_check() == []
            restored.save_verification(full_verification(), actor="a")  # the restored store is writable
        with RecordStore.open(source, folder=tmp_path / "new") as again:
            assert again.count() == 4
    finally:
        keyring.set_keyring(previous)


def test_restore_into_passphrase_mode(tmp_path: Path) -> None:
    store, recovery, _ids = _source(tmp_path, "old")
    create_backup(store, tmp_path / "b.kdbackup")
    store.close()
    restore_backup(
        tmp_path / "b.kdbackup",
        recovery,
        mode="passphrase",
        folder=tmp_path / "new",
        passphrase="x",
        scrypt=FAST_SCRYPT,
    ).close()
    with RecordStore.open(PassphraseKeySource("x"), folder=tmp_path / "new") as again:
        assert again.count() == 3


def test_wrong_recovery_key_restores_nothing(tmp_path: Path) -> None:
    store, _recovery, _ids = _source(tmp_path, "old")
    create_backup(store, tmp_path / "b.kdbackup")
    store.close()
    with pytest.raises(WrongRecoveryKey):
        restore_backup(tmp_path / "b.kdbackup", RecoveryKey.generate(), mode="keyfile", folder=tmp_path / "new")
    assert not (tmp_path / "new").exists() or not any((tmp_path / "new").iterdir())


def test_damaged_backup_restores_nothing(tmp_path: Path) -> None:
    store, recovery, _ids = _source(tmp_path, "old")
    backup = tmp_path / "b.kdbackup"
    create_backup(store, backup)
    store.close()
    data = bytearray(backup.read_bytes())
    data[-5000] ^= 0xFF
    damaged = tmp_path / "damaged.kdbackup"
    damaged.write_bytes(bytes(data))
    with pytest.raises(CorruptStore):
        restore_backup(damaged, recovery, mode="keyfile", folder=tmp_path / "new")
    assert not any((tmp_path / "new").iterdir())
    (tmp_path / "junk").write_bytes(b"hello")
    with pytest.raises(CorruptStore):
        read_backup_info(tmp_path / "junk")
    with pytest.raises(CorruptStore):
        read_backup_info(tmp_path / "missing")


def test_backup_never_overwrites_and_restore_never_overwrites_a_store(tmp_path: Path) -> None:
    store, recovery, _ids = _source(tmp_path, "old")
    backup = tmp_path / "b.kdbackup"
    create_backup(store, backup)
    with pytest.raises(StoreAlreadyExists):
        create_backup(store, backup)
    store.close()
    with pytest.raises(StoreAlreadyExists):
        restore_backup(backup, recovery, mode="keyfile", folder=tmp_path / "old")
