"""Key handling: keyring, passphrase, key file, recovery key; a wrong key writes nothing."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from keyrings.alt.file import PlaintextKeyring

from kyc_desk.records import (
    CorruptStore,
    InsecureKeyring,
    KeyFileKeySource,
    KeyringKeySource,
    KeyUnavailable,
    PassphraseKeySource,
    RecordStore,
    RecoveryKey,
    RecoveryKeySource,
    StoreAlreadyExists,
    StoreNotInitialised,
    WrongDatabaseKey,
    WrongRecoveryKey,
    is_secure_keyring,
    recover_access,
)
from kyc_desk.records.keys import KEYRING_SERVICE, new_database_key, new_header, read_header
from tests.records.conftest import FAST_SCRYPT, PASSPHRASE, full_verification


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Content hash and mtime of every file in the store folder."""
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def _closed_store_with_one_record(folder: Path) -> None:
    store, _ = RecordStore.create(mode="passphrase", folder=folder, passphrase=PASSPHRASE, scrypt=FAST_SCRYPT)
    store.save_verification(full_verification(), actor="a")
    store.close()


def test_recovery_key_format_round_trips() -> None:
    key = RecoveryKey.generate()
    text = key.formatted()
    groups = text.split("-")
    assert len(groups) == 13 and all(1 <= len(g) <= 4 for g in groups)
    assert RecoveryKey.parse(text) == key
    assert RecoveryKey.parse(text.lower().replace("-", " ")) == key
    assert text not in repr(key)
    with pytest.raises(WrongRecoveryKey):
        RecoveryKey.parse("AAAA-BBBB")
    with pytest.raises(WrongRecoveryKey):
        RecoveryKey.parse("not base32 at all 0189!")


def test_plaintext_and_failing_keyrings_are_not_secure(file_keyring: PlaintextKeyring) -> None:
    assert not is_secure_keyring(file_keyring)
    assert not is_secure_keyring(fail.Keyring())
    with pytest.raises(InsecureKeyring):
        KeyringKeySource().unlock(new_header(new_database_key(), RecoveryKey.generate(), "keyring"), Path("."))


def test_keyring_mode_round_trip(folder: Path, keyring_source: KeyringKeySource) -> None:
    store, _ = RecordStore.create(mode="keyring", folder=folder, keyring=keyring_source)
    record = store.save_verification(full_verification(), actor="a")
    store.close()
    header = read_header(folder / "records.keys")
    assert header.mode == "keyring" and header.passphrase is None
    assert keyring.get_password(KEYRING_SERVICE, header.store_id) is not None  # the fixture's file backend
    with RecordStore.open(keyring_source, folder=folder) as again:
        assert again.get(record.id) == record


def test_keyring_mode_refuses_an_insecure_backend(folder: Path, file_keyring: PlaintextKeyring) -> None:
    with pytest.raises(InsecureKeyring):
        RecordStore.create(mode="keyring", folder=folder)
    assert not folder.exists() or not any(folder.iterdir())


def test_lost_keyring_entry_is_recovered_with_the_recovery_key(folder: Path, keyring_source: KeyringKeySource) -> None:
    store, recovery = RecordStore.create(mode="keyring", folder=folder, keyring=keyring_source)
    record = store.save_verification(full_verification(), actor="a")
    store.close()
    keyring.delete_password(KEYRING_SERVICE, read_header(folder / "records.keys").store_id)
    with pytest.raises(KeyUnavailable):
        RecordStore.open(keyring_source, folder=folder)
    with pytest.raises(WrongRecoveryKey):
        recover_access(RecoveryKey.generate(), mode="keyring", folder=folder, keyring=keyring_source)
    recover_access(RecoveryKey.parse(recovery.formatted()), mode="keyring", folder=folder, keyring=keyring_source)
    with RecordStore.open(keyring_source, folder=folder) as again:
        assert again.get(record.id) == record
    # the recovery key keeps working, and can move the store to a passphrase
    recover_access(recovery, mode="passphrase", folder=folder, passphrase="new", scrypt=FAST_SCRYPT)
    with RecordStore.open(PassphraseKeySource("new"), folder=folder) as again:
        assert again.count() == 1


def test_wrong_passphrase_changes_nothing(folder: Path, capfd: pytest.CaptureFixture[str]) -> None:
    _closed_store_with_one_record(folder)
    before = _snapshot(folder)
    with pytest.raises(WrongDatabaseKey) as info:
        RecordStore.open(PassphraseKeySource("wrong passphrase"), folder=folder)
    assert info.value.ja.startswith("鍵またはパスフレーズが違います")
    assert _snapshot(folder) == before
    assert "ERROR CORE" not in capfd.readouterr().err


def test_header_that_does_not_fit_the_database_is_refused_without_writing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """The key header opens, but the database beside it was encrypted with another key."""
    a, b = tmp_path / "a", tmp_path / "b"
    _closed_store_with_one_record(a)
    _closed_store_with_one_record(b)
    shutil.copyfile(b / "records.db", a / "records.db")
    before = _snapshot(a)
    with pytest.raises(WrongDatabaseKey):
        RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=a)
    assert _snapshot(a) == before
    assert "ERROR CORE" not in capfd.readouterr().err


def test_key_file_mode(folder: Path) -> None:
    store, _ = RecordStore.create(mode="keyfile", folder=folder)
    store.close()
    key_file = folder / "records.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    RecordStore.open(KeyFileKeySource(), folder=folder).close()
    key_file.write_text(os.urandom(32).hex())
    with pytest.raises(WrongDatabaseKey):
        RecordStore.open(KeyFileKeySource(), folder=folder)
    key_file.unlink()
    with pytest.raises(KeyUnavailable):
        RecordStore.open(KeyFileKeySource(), folder=folder)


def test_recovery_key_opens_a_passphrase_store(folder: Path) -> None:
    store, recovery = RecordStore.create(mode="passphrase", folder=folder, passphrase="p", scrypt=FAST_SCRYPT)
    store.close()
    RecordStore.open(RecoveryKeySource(recovery), folder=folder).close()
    with pytest.raises(WrongRecoveryKey):
        RecordStore.open(RecoveryKeySource(RecoveryKey.generate()), folder=folder)


def test_passphrase_header_keeps_its_scrypt_cost_and_salt(folder: Path) -> None:
    RecordStore.create(mode="passphrase", folder=folder, passphrase="p", scrypt=FAST_SCRYPT)[0].close()
    header = read_header(folder / "records.keys")
    assert header.passphrase is not None and header.passphrase.scrypt == FAST_SCRYPT
    assert len(header.passphrase.salt) == 16
    assert (folder / "records.keys").stat().st_mode & 0o777 == 0o600


def test_default_scrypt_cost_is_high() -> None:
    from kyc_desk.records import ScryptParams

    assert ScryptParams().n >= 2**17


def test_missing_and_damaged_stores(folder: Path) -> None:
    with pytest.raises(StoreNotInitialised):
        RecordStore.open(PassphraseKeySource("p"), folder=folder)
    _closed_store_with_one_record(folder)
    with pytest.raises(StoreAlreadyExists):
        RecordStore.create(mode="passphrase", folder=folder, passphrase="p", scrypt=FAST_SCRYPT)
    (folder / "records.keys").write_text("{not json")
    with pytest.raises(CorruptStore):
        RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=folder)
    (folder / "records.keys").unlink()
    with pytest.raises(CorruptStore):
        RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=folder)


def test_empty_passphrase_is_refused(folder: Path) -> None:
    with pytest.raises(KeyUnavailable):
        RecordStore.create(mode="passphrase", folder=folder, passphrase="", scrypt=FAST_SCRYPT)


def test_database_is_encrypted_on_disk(folder: Path) -> None:
    _closed_store_with_one_record(folder)
    raw = (folder / "records.db").read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    for secret in ("髙橋".encode(), "タカハシ".encode(), b"AB12", "千代田".encode()):
        assert secret not in raw
    assert not list(folder.glob("*.new"))


def test_key_source_follows_the_header(tmp_path: Path) -> None:
    from kyc_desk.records import key_source_for

    with pytest.raises(StoreNotInitialised):
        key_source_for(tmp_path / "none")
    RecordStore.create(mode="keyfile", folder=tmp_path / "kf")[0].close()
    assert isinstance(key_source_for(tmp_path / "kf"), KeyFileKeySource)
    _closed_store_with_one_record(tmp_path / "pp")
    with pytest.raises(KeyUnavailable):
        key_source_for(tmp_path / "pp")
    asked: list[str] = []
    source = key_source_for(tmp_path / "pp", ask_passphrase=lambda: asked.append("x") or PASSPHRASE)
    assert asked == ["x"]
    with RecordStore.open(source, folder=tmp_path / "pp") as store:
        assert store.count() == 1


def test_wrong_key_in_the_keyring_changes_nothing(folder: Path, keyring_source: KeyringKeySource) -> None:
    RecordStore.create(mode="keyring", folder=folder, keyring=keyring_source)[0].close()
    header = read_header(folder / "records.keys")
    keyring.set_password(KEYRING_SERVICE, header.store_id, os.urandom(32).hex())
    before = _snapshot(folder)
    with pytest.raises(WrongDatabaseKey):
        RecordStore.open(keyring_source, folder=folder)
    assert _snapshot(folder) == before


def test_damaged_database_pages_give_a_clean_error(folder: Path, capfd: pytest.CaptureFixture[str]) -> None:
    store, _ = RecordStore.create(mode="passphrase", folder=folder, passphrase=PASSPHRASE, scrypt=FAST_SCRYPT)
    for _ in range(5):
        store.save_verification(full_verification(), actor="a")
    store.close()
    db = folder / "records.db"
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(8 * page, len(data) - page, 3 * page):  # damage many pages, never the first
        data[offset + 100 : offset + 132] = os.urandom(32)
    db.write_bytes(bytes(data))
    with (
        pytest.raises(CorruptStore) as info,
        RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=folder) as damaged,
    ):
        damaged.verify_audit()
    assert "SELECT" not in info.value.message and "[SQL" not in info.value.message
    assert "ERROR CORE" not in capfd.readouterr().err


def test_damage_found_after_opening_is_a_records_error(folder: Path) -> None:
    store, _ = RecordStore.create(mode="passphrase", folder=folder, passphrase=PASSPHRASE, scrypt=FAST_SCRYPT)
    ids = [store.save_verification(full_verification(), actor="a").id for _ in range(5)]
    store.close()
    db = folder / "records.db"
    data = bytearray(db.read_bytes())
    pages = len(data) // 4096
    for page in range(pages - 20, pages - 2):  # the newest pages: evidence of the last records
        data[page * 4096 + 100 : page * 4096 + 132] = os.urandom(32)
    db.write_bytes(bytes(data))
    with RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=folder) as damaged:
        with pytest.raises(CorruptStore) as info:
            damaged.verify_audit()
        assert info.value.message == "the record database is damaged (database disk image is malformed)"
        with pytest.raises(CorruptStore):
            damaged.get(ids[-1])
