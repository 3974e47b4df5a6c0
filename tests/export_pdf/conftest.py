"""Fixtures of the export tests: the example records (:mod:`tests.export_pdf.examples`) saved through the records
API into a real SQLCipher store, and a SoftHSM2 token holding the scrivener's test key and certificate."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kyc_desk.export.signing import TokenSettings
from kyc_desk.records import RecordStore, VerificationRecord
from tests.export_pdf.examples import OFFICE, WHEN, WORDING, company, individual
from tests.records.conftest import FAST_SCRYPT, PASSPHRASE

__all__ = ["OFFICE", "WHEN", "WORDING", "company", "individual"]


@dataclass(frozen=True)
class Saved:
    store: RecordStore
    person: VerificationRecord
    company: VerificationRecord


@pytest.fixture
def saved(tmp_path: Path) -> Iterator[Saved]:
    store, _recovery = RecordStore.create(
        mode="passphrase", folder=tmp_path / "records", passphrase=PASSPHRASE, scrypt=FAST_SCRYPT
    )
    try:
        person = store.save_verification(individual(), actor="山田")
        assert person.matter is not None
        firm = store.save_verification(company(person.matter.id), actor="山田")
        yield Saved(store, person, firm)
    finally:
        store.close()


# --- a SoftHSM2 token with the scrivener's test key and certificate ------------------------------------

SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN_LABEL = "scrivener-test"
KEY_LABEL = "signing"
USER_PIN = "123456"


@dataclass(frozen=True)
class SigningToken:
    settings: TokenSettings
    certificate_der: bytes


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SigningToken]:
    """One token for the session: SoftHSM2 reads its configuration once per process, when the module is
    first loaded (and the desk loads each module once), so every test shares this configuration.

    The key is made here with ``cryptography``, imported into the token with softhsm2-util, and the
    self-signed certificate is stored beside it under the same label and id (platform.md, PKCS#11).
    """
    import pkcs11
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pkcs11 import Attribute, CertificateType, ObjectClass

    if not Path(SOFTHSM_MODULE).exists():
        pytest.fail("SoftHSM2 is not installed (scripts/setup installs softhsm2)")
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    try:
        subprocess.run(
            [
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                TOKEN_LABEL,
                "--so-pin",
                "87654321",
                "--pin",
                USER_PIN,
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name(
            [
                x509.NameAttribute(NameOID.COMMON_NAME, "司法書士 山田太郎"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "山田司法書士事務所"),
            ]
        )
        now = dt.datetime.now(dt.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .sign(key, hashes.SHA256())
        )
        pem = folder / "key.pem"
        pem.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        subprocess.run(
            [
                "softhsm2-util",
                "--import",
                str(pem),
                "--token",
                TOKEN_LABEL,
                "--label",
                KEY_LABEL,
                "--id",
                "01",
                "--pin",
                USER_PIN,
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        pem.unlink()
        der = cert.public_bytes(serialization.Encoding.DER)
        token = pkcs11.lib(SOFTHSM_MODULE).get_token(token_label=TOKEN_LABEL)
        with token.open(rw=True, user_pin=USER_PIN) as session:
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.VALUE: der,
                    Attribute.SUBJECT: cert.subject.public_bytes(),
                    Attribute.LABEL: KEY_LABEL,
                    Attribute.ID: b"\x01",
                    Attribute.TOKEN: True,
                }
            )
        yield SigningToken(TokenSettings(SOFTHSM_MODULE, TOKEN_LABEL, KEY_LABEL), der)
    finally:
        if previous is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = previous
