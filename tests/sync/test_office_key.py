"""The office key: stored wrapped, opened only with its passphrase or keyring entry, never overwritten."""

from __future__ import annotations

import json

import pytest
from keyrings.alt.file import PlaintextKeyring

from kyc_desk.sync.errors import OfficeKeyError
from kyc_desk.sync.office_key import (
    FILE_NAME,
    KeyProtection,
    create_office_key,
    load_office_key,
    read_public_key,
)

from .desk_fixtures import FAST_SCRYPT


def test_passphrase_round_trip_and_wrong_passphrase(tmp_path):
    key = create_office_key(tmp_path, KeyProtection(mode="passphrase", passphrase="right", scrypt=FAST_SCRYPT))
    assert read_public_key(tmp_path) == (key.public_text, key.key_id)
    again = load_office_key(tmp_path, KeyProtection(mode="passphrase", passphrase="right"))
    assert again.key_id == key.key_id
    with pytest.raises(OfficeKeyError) as info:
        load_office_key(tmp_path, KeyProtection(mode="passphrase", passphrase="wrong"))
    assert "wrong" not in info.value.message and "right" not in info.value.message
    stored = (tmp_path / FILE_NAME).read_text()
    assert json.loads(stored)["mode"] == "passphrase"
    assert (tmp_path / FILE_NAME).stat().st_mode & 0o077 == 0


def test_never_overwritten(tmp_path):
    create_office_key(tmp_path, KeyProtection(mode="passphrase", passphrase="p", scrypt=FAST_SCRYPT))
    with pytest.raises(OfficeKeyError, match="never overwritten"):
        create_office_key(tmp_path, KeyProtection(mode="passphrase", passphrase="p", scrypt=FAST_SCRYPT))


def test_plaintext_keyring_is_refused_unless_allowed(tmp_path):
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")  # type: ignore[misc]
    with pytest.raises(OfficeKeyError, match="not secure"):
        create_office_key(tmp_path / "a", KeyProtection(mode="keyring", keyring_backend=backend))
    assert not (tmp_path / "a" / FILE_NAME).exists()
    allowed = KeyProtection(mode="keyring", keyring_backend=backend, allow_insecure=True)
    key = create_office_key(tmp_path / "b", allowed)
    assert load_office_key(tmp_path / "b", allowed).key_id == key.key_id
    backend.delete_password("kyc-desk office key", key.key_id)
    with pytest.raises(OfficeKeyError, match="no entry"):
        load_office_key(tmp_path / "b", allowed)


def test_damaged_file_is_a_clear_error(tmp_path):
    create_office_key(tmp_path, KeyProtection(mode="passphrase", passphrase="p", scrypt=FAST_SCRYPT))
    path = tmp_path / FILE_NAME
    record = json.loads(path.read_text())
    record["wrapped"] = record["wrapped"][:-8] + "AAAAAAA="
    path.write_text(json.dumps(record))
    with pytest.raises(OfficeKeyError):
        load_office_key(tmp_path, KeyProtection(mode="passphrase", passphrase="p"))
    path.write_text("{not json")
    with pytest.raises(OfficeKeyError, match="unreadable"):
        load_office_key(tmp_path, KeyProtection(mode="passphrase", passphrase="p"))
