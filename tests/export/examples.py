"""Example records to print: an individual at the desk (My Number card, chip photo in JPEG 2000, selfie,
card face) and a company whose representative was identified with a driver's licence, in one matter with
取引記録 and meeting notes. Plain builders, so the benchmarks print the same records the tests read back."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from kyc_desk.app import texts
from kyc_desk.export.pdf import Office
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
    SubjectRole,
    TransactionEntry,
)
from kyc_desk.verify.report import Check, Verdict
from kyc_desk_testkit.samples import sample_photo
from kyc_desk_testkit.softcard.portrait import card_portrait

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
