"""Fixtures for the records tests: a real SQLCipher store in a temp folder, a real keyring backend.

The keyring is keyrings.alt's plaintext *file* backend in a temp folder, set explicitly with
``keyring.set_keyring`` for the test and restored afterwards: the user's real keyring is never touched.
Passphrase stores use a low scrypt cost passed explicitly (``FAST_SCRYPT``); the default stays high.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring

from kyc_desk.records import (
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
    KeyringKeySource,
    Matter,
    MeetingNote,
    Method,
    NewVerification,
    Person,
    RecordStore,
    ScryptParams,
    TransactionEntry,
)
from kyc_desk.verify.report import Check, Verdict
from kyc_desk_testkit.samples import sample_photo

FAST_SCRYPT = ScryptParams(n=2**10)
PASSPHRASE = "正しいパスフレーズ correct horse"
JST = dt.timezone(dt.timedelta(hours=9))
WHEN = dt.datetime(2026, 11, 20, 10, 30, tzinfo=JST)


@pytest.fixture
def file_keyring(tmp_path: Path) -> Iterator[PlaintextKeyring]:
    """keyrings.alt's file backend in a temp folder, installed as the process keyring for the test."""
    previous = keyring.get_keyring()
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring" / "keyring_pass.cfg")  # type: ignore[misc]
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def keyring_source(file_keyring: PlaintextKeyring) -> KeyringKeySource:
    return KeyringKeySource(backend=file_keyring, allow_insecure=True)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "records"


@pytest.fixture
def store(folder: Path) -> Iterator[RecordStore]:
    created, _recovery = RecordStore.create(mode="passphrase", folder=folder, passphrase=PASSPHRASE, scrypt=FAST_SCRYPT)
    try:
        yield created
    finally:
        created.close()


def photo_bytes(name: str = "obama.jpg") -> bytes:
    return sample_photo(name).read_bytes()


def full_verification(**overrides: Any) -> NewVerification:
    """A face-to-face chip verification with every kind of child row, built from real photos."""
    values: dict[str, Any] = {
        "client": Person(
            "髙橋 﨑子",
            name_kana="タカハシ サキコ",
            birth_date=dt.date(1980, 2, 17),
            address="東京都千代田区霞が関1-1-1",
            occupation="会社員",
        ),
        "method": Method.FACE_TO_FACE_CHIP,
        "events": {Event.PRESENTED: WHEN, Event.CHIP_READ: WHEN + dt.timedelta(minutes=2)},
        "document_type": "mynumber_card",
        "document_number": "AB12 3456-78",
        "document_has_chip": True,
        "checked_by": "司法書士 山田",
        "recorded_by": "補助者 佐藤",
        "purpose": "不動産売買による所有権移転登記",
        "matter": Matter("所有権移転登記", "real_estate_sale", dt.date(2026, 11, 1), reference="2026-123"),
        "evidence": (
            EvidenceItem(EvidenceKind.FACE_PHOTO, "image/jpeg", photo_bytes("obama2.jpg"), WHEN),
            EvidenceItem(EvidenceKind.CHIP_PHOTO, "image/jpeg", photo_bytes("obama.jpg")),
            EvidenceItem(EvidenceKind.CHIP_DATA, "application/octet-stream", bytes(range(256))),
        ),
        "item_checks": (
            ItemCheck("name", ItemResult.MATCH, "山田", "髙橋 﨑子", "高橋 崎子"),
            ItemCheck("address", ItemResult.CORRECTED, "山田", "東京都千代田区", "東京都港区", note="moved"),
        ),
        "face_results": (
            FaceResult(FaceKind.MATCH, "dlib-resnet", FaceVerdict.PASS, 0.35, 0.6, FaceMetric.DISTANCE, "test 1.0",
                       ("similar@comparison",)),
            FaceResult(FaceKind.LIVENESS, "mediapipe-blink", FaceVerdict.PASS, reasons=("live@frames",)),
        ),
        "report": (
            Check("surface.signature", Verdict.VALID, "signature.certified_key"),
            Check("cross.birth_date", Verdict.CONSISTENT, "cross.agree", {"sources": "card_face, text_ap"}),
        ),
        "decision": DecisionEntry(Decision.ACCEPTED, "司法書士 山田", WHEN + dt.timedelta(minutes=10), "all checks OK"),
        "transactions": (TransactionEntry(dt.date(2026, 11, 20), "所有権移転登記の代理", 30_000_000, "売主", "買主"),),
        "notes": (MeetingNote(WHEN, "山田", "意思確認済み。本人が売却の意思を明確に述べた。", place="事務所"),),
    }
    values.update(overrides)
    return NewVerification(**values)
