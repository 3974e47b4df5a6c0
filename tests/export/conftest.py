"""Fixtures for the export tests: real SQLCipher stores (two, for moving records between desks) holding
verifications built from real photos, a JPEG 2000 chip photo among them."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from kyc_desk.records import (
    ClientKind,
    EvidenceItem,
    EvidenceKind,
    Matter,
    NewVerification,
    Person,
    RecordStore,
    SubjectRole,
    VerificationRecord,
)
from tests.records.conftest import FAST_SCRYPT, PASSPHRASE, WHEN, full_verification, photo_bytes

__all__ = ["WHEN", "jp2_photo", "make_store"]


def make_store(folder: Path) -> RecordStore:
    store, _recovery = RecordStore.create(mode="passphrase", folder=folder, passphrase=PASSPHRASE, scrypt=FAST_SCRYPT)
    return store


def jp2_photo() -> bytes:
    """A real photo as a JPEG 2000 codestream inside a JP2 file, as chips hold it."""
    from PIL import Image

    with Image.open(io.BytesIO(photo_bytes("obama.jpg"))) as image:
        out = io.BytesIO()
        image.convert("RGB").resize((120, 150)).save(out, format="JPEG2000")
        return out.getvalue()


def company_verification(matter: Matter | int | None) -> NewVerification:
    """A company identified through its representative, in the same matter as the individual."""
    return full_verification(
        client=Person("株式会社サンプル商事", kind=ClientKind.COMPANY, address="東京都港区芝公園4-2-8"),
        subject=Person("鈴木 一郎", name_kana="スズキ イチロウ", birth_date=dt.date(1975, 5, 1), address="東京都港区"),
        subject_role=SubjectRole.REPRESENTATIVE,
        authority="登記事項証明書（代表取締役）",
        matter=matter,
        evidence=(
            EvidenceItem(EvidenceKind.CHIP_PHOTO, "image/jp2", jp2_photo(), WHEN, "photo"),
            EvidenceItem(EvidenceKind.FACE_PHOTO, "image/jpeg", photo_bytes("obama2.jpg"), WHEN),
            EvidenceItem(EvidenceKind.FACE_PHOTO, "image/jpeg", photo_bytes("obama3.jpg"), WHEN),
            EvidenceItem(EvidenceKind.CARD_IMAGE, "image/jpeg", photo_bytes("biden.jpg"), WHEN, "front"),
            EvidenceItem(EvidenceKind.CHIP_DATA, "application/octet-stream", bytes(range(200)), WHEN, "surface.ef0002"),
        ),
    )


@pytest.fixture
def desk_a(tmp_path: Path) -> Iterator[RecordStore]:
    store = make_store(tmp_path / "desk-a")
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def desk_b(tmp_path: Path) -> Iterator[RecordStore]:
    store = make_store(tmp_path / "desk-b")
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def saved(desk_a: RecordStore) -> list[VerificationRecord]:
    """An individual and a company (through its representative) in one matter, on desk A."""
    first = desk_a.save_verification(full_verification(), actor="test")
    assert first.matter is not None
    second = desk_a.save_verification(company_verification(first.matter.id), actor="test")
    return [first, second]
