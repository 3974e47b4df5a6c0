"""Records to print: an individual at the desk (My Number card, chip photo in JPEG 2000, selfie, card face)
and a company whose representative was identified with a driver's licence, both in one matter with
取引記録 and meeting notes; saved through the records API into a real SQLCipher store."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from kyc_desk.app import texts
from kyc_desk.export.pdf import Office
from kyc_desk.export.signing import TokenSettings
from kyc_desk.records import (
    ClientKind,
    Decision,
    DecisionEntry,
    Event,
    EvidenceItem,
    EvidenceKind,
    FaceKind,
    FaceMetric,
    FaceResult,
    FaceVerdict,
    ItemCheck,
    ItemResult,
    Matter,
    MeetingNote,
    Method,
    NewVerification,
    Person,
    RecordStore,
    SubjectRole,
    TransactionEntry,
    VerificationRecord,
)
from kyc_desk.verify.report import Check, Verdict
from kyc_desk_testkit.samples import sample_photo
from kyc_desk_testkit.softcard.portrait import card_portrait
from tests.records.conftest import FAST_SCRYPT, PASSPHRASE

JST = dt.timezone(dt.timedelta(hours=9))
WHEN = dt.datetime(2026, 11, 20, 10, 30, tzinfo=JST)
OFFICE = Office("山田司法書士事務所", "東京都千代田区丸の内1-2-3")
WORDING = texts


def photo(name: str) -> bytes:
    return sample_photo(name).read_bytes()


def chip_photo_j2k() -> bytes:
    """A chip portrait as the cards keep it: a JPEG 2000 codestream."""
    return card_portrait(photo("obama.jpg"), size=(240, 320), max_bytes=24_000)


def card_face_png() -> bytes:
    """A card-face image (PNG) with the photo on it, as a desk scan would keep it."""
    card = Image.new("RGB", (856, 540), (236, 240, 228))
    face = Image.open(io.BytesIO(photo("obama3.jpg"))).convert("RGB").resize((220, 280))
    card.paste(face, (600, 150))
    out = io.BytesIO()
    card.save(out, format="PNG")
    return out.getvalue()


def individual() -> NewVerification:
    return NewVerification(
        client=Person(
            "髙橋 﨑子",
            name_kana="タカハシ サキコ",
            birth_date=dt.date(1980, 2, 17),
            address="東京都千代田区霞が関1-1-1",
            occupation="会社員",
        ),
        method=Method.FACE_TO_FACE_CHIP,
        events={Event.PRESENTED: WHEN, Event.CHIP_READ: WHEN + dt.timedelta(minutes=2)},
        document_type="mynumber",
        document_number="AB12 3456-78",
        document_has_chip=True,
        checked_by="司法書士 山田太郎",
        recorded_by="補助者 佐藤花子",
        purpose="不動産売買による所有権移転登記",
        matter=Matter("丸の内一丁目 売買", "real_estate_sale", dt.date(2026, 11, 1), reference="2026-123"),
        evidence=(
            EvidenceItem(EvidenceKind.CHIP_PHOTO, "image/x-jp2-codestream", chip_photo_j2k(), label="surface"),
            EvidenceItem(EvidenceKind.FACE_PHOTO, "image/jpeg", photo("obama2.jpg"), WHEN + dt.timedelta(minutes=3)),
            EvidenceItem(EvidenceKind.CARD_IMAGE, "image/png", card_face_png(), label="front"),
            EvidenceItem(EvidenceKind.CHIP_DATA, "application/octet-stream", bytes(range(256))),
        ),
        item_checks=(
            ItemCheck("name", ItemResult.MATCH, "source:ic_chip", "髙橋 﨑子", "髙橋 﨑子"),
            ItemCheck(
                "address",
                ItemResult.CORRECTED,
                "山田",
                "東京都千代田区霞が関1-1-1",
                "東京都港区芝5-5",
                note="転居届の控えで確認",
            ),
        ),
        face_results=(
            FaceResult(
                FaceKind.MATCH,
                "dlib-resnet",
                FaceVerdict.PASS,
                0.352,
                0.6,
                FaceMetric.DISTANCE,
                "19.24",
                ("similar@comparison",),
            ),
            FaceResult(FaceKind.LIVENESS, "mediapipe-blink", FaceVerdict.PASS, reasons=("live@frames",)),
        ),
        report=(
            Check("surface.signature", Verdict.VALID, "signature.certified_key"),
            Check("cross.birth_date", Verdict.CONSISTENT, "cross.agree", {"sources": "card_face, text_ap"}),
        ),
        decision=DecisionEntry(
            Decision.ACCEPTED, "司法書士 山田太郎", WHEN + dt.timedelta(minutes=10), "ICチップの署名と顔写真を確認"
        ),
        transactions=(
            TransactionEntry(
                dt.date(2026, 11, 20), "所有権移転登記の代理", 30_000_000, "売主 髙橋 﨑子", "買主 株式会社みなと商事"
            ),
        ),
        notes=(
            MeetingNote(WHEN, "山田太郎", "売却の意思を本人から確認した。\n代金の受領方法も確認済み。", place="事務所"),
        ),
    )


def company(matter_id: int) -> NewVerification:
    return NewVerification(
        client=Person("株式会社みなと商事", kind=ClientKind.COMPANY, address="東京都港区港南2-16-1"),
        subject=Person(
            "港 一郎", name_kana="ミナト イチロウ", birth_date=dt.date(1965, 7, 7), address="神奈川県横浜市中区1-1"
        ),
        subject_role=SubjectRole.REPRESENTATIVE,
        authority="代表取締役（登記事項証明書で確認）",
        method=Method.I,
        events={Event.PRESENTED: WHEN + dt.timedelta(hours=1)},
        document_type="driver_licence",
        document_number="第123456789012号",
        document_has_chip=True,
        checked_by="司法書士 山田太郎",
        recorded_by="司法書士 山田太郎",
        matter=matter_id,
        evidence=(EvidenceItem(EvidenceKind.FACE_PHOTO, "image/jpeg", photo("biden.jpg"), WHEN),),
        item_checks=(ItemCheck("name", ItemResult.MATCH, "山田", "港 一郎", "港 一郎"),),
        decision=DecisionEntry(
            Decision.FOLLOW_UP, "司法書士 山田太郎", WHEN + dt.timedelta(hours=2), "印鑑証明書の原本を追って確認"
        ),
        transactions=(
            TransactionEntry(
                dt.date(2026, 11, 21), "所有権移転登記の代理（買主）", 30_000_000, "売主", "株式会社みなと商事"
            ),
        ),
        notes=(
            MeetingNote(WHEN + dt.timedelta(hours=1), "山田太郎", "代表者と面談。購入の意思を確認。", place="先方本社"),
        ),
    )


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
