"""The trust folder: PEM files the user can read; a bad file is named in a clear error, never a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kyc_desk.verify import TrustStoreInvalid, load_trust_store, trust_dir
from kyc_desk_testkit.softcard.pki import softcard_issuers


def copy(folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / "trust"
    shutil.copytree(folder, target)
    return target


def test_loads_ca_certificates_and_cvc_keys(trust_folder: Path) -> None:
    store = load_trust_store(trust_folder)
    issuers = softcard_issuers()
    installed = {ca.der for ca in store.certificates if ca.source == "installed"}
    assert installed == {issuers.sign_ca_cert, issuers.auth_ca_cert}
    assert len([ca for ca in store.certificates if ca.source == "shipped"]) == 3
    assert store.cvc_issuer(issuers.text_issuer_id) is not None
    assert store.cvc_issuer(softcard_issuers(rogue=True).text_issuer_id) is None
    assert all(len(ca.fingerprint) == 64 for ca in store.certificates)


def test_folder_choice_explicit_then_environment_then_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("KYC_DESK_TRUST_DIR", raising=False)
    assert trust_dir().name == "trust" and trust_dir().parent.name == "config"
    monkeypatch.setenv("KYC_DESK_TRUST_DIR", str(tmp_path / "env"))
    assert trust_dir() == tmp_path / "env"
    assert trust_dir(tmp_path / "arg") == tmp_path / "arg"
    with pytest.raises(TrustStoreInvalid, match="does not exist"):
        load_trust_store()  # named by the environment, so it must exist
    monkeypatch.delenv("KYC_DESK_TRUST_DIR")
    # the default folder may be missing: only the shipped JPKI signature CA roots are trusted
    assert {ca.source for ca in load_trust_store().certificates} == {"shipped"}


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("broken.pem", b"-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n", "PEM"),
        ("text.pem", b"hello", "not a PEM file"),
        ("cvc-1234.pem", None, "32 hex digits"),
        ("garbage-cert.pem", b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "does not parse"),
    ],
)
def test_a_malformed_file_is_named(
    trust_folder: Path, tmp_path: Path, name: str, content: bytes | None, reason: str
) -> None:
    folder = copy(trust_folder, tmp_path)
    cvc = next(folder.glob("cvc-*.pem"))
    (folder / name).write_bytes(content if content is not None else cvc.read_bytes())
    with pytest.raises(TrustStoreInvalid) as caught:
        load_trust_store(folder)
    assert name in caught.value.message and reason in caught.value.message
    assert name in caught.value.ja


def test_a_cvc_file_must_hold_a_public_key_and_a_ca_file_ca_certificates(trust_folder: Path, tmp_path: Path) -> None:
    folder = copy(trust_folder, tmp_path)
    ca = next(p for p in folder.glob("jpki-*.pem"))
    (folder / ("cvc-" + "AB" * 16 + ".pem")).write_bytes(ca.read_bytes())
    with pytest.raises(TrustStoreInvalid, match="PUBLIC KEY"):
        load_trust_store(folder)


def test_an_end_entity_certificate_is_not_an_anchor(trust_folder: Path, tmp_path: Path) -> None:
    from asn1crypto import pem

    from tests.mynumber.conftest import read_in_memory

    folder = copy(trust_folder, tmp_path)
    auth_cert = read_in_memory().signed_files["jpki.auth_cert"]
    (folder / "leaf.pem").write_bytes(pem.armor("CERTIFICATE", auth_cert))
    with pytest.raises(TrustStoreInvalid, match="not a CA certificate"):
        load_trust_store(folder)


def test_other_files_are_ignored(trust_folder: Path, tmp_path: Path) -> None:
    folder = copy(trust_folder, tmp_path)
    (folder / "README.txt").write_text("anchors installed on 2026-11-21")
    assert len(load_trust_store(folder, shipped=False).certificates) == 2
