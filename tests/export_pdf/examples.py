"""Example records to print: an individual at the desk (My Number card, chip photo in JPEG 2000, selfie,
card face) and a company whose representative was identified with a driver's licence, in one matter with
取引記録 and meeting notes. Plain builders, so the benchmarks print the same records the tests read back."""

from __future__ import annotations

import dataclasses
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
    RecordStore,
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


# --- the caseload (records schema 0005): documents, 転送不要郵便, reliance, high risk, the split decision ----


def registry_certificate_png() -> bytes:
    """A scan of a 登記事項証明書 (a plain page; what matters is that it prints as the document's image)."""
    page = Image.new("L", (600, 840), 250)
    for y in range(80, 760, 24):
        page.paste(90, (60, y, 540, y + 6))
    out = io.BytesIO()
    page.save(out, format="PNG")
    return out.getvalue()


def company_with_documents(matter_id: int) -> NewVerification:
    """A company through its representative: the representative's licence, the company's 登記事項証明書
    (also showing the authority), high risk (a foreign PEP) with an additional document, and the split
    decision with the reason for its one gap (no face comparison: compared by eye)."""
    from kyc_desk.records.model import (
        DocumentEntry,
        DocumentPurpose,
        Engagement,
        EngagementDecision,
        GapReason,
        HighRisk,
        IdentityConclusion,
        IdentityResult,
        RiskReason,
    )

    certificate = EvidenceItem(EvidenceKind.DOCUMENT, "image/png", registry_certificate_png(), WHEN)
    return NewVerification(
        client=Person("株式会社みなと商事", kind=ClientKind.COMPANY, address="東京都港区港南2-16-1"),
        subject=Person(
            "港 一郎", name_kana="ミナト イチロウ", birth_date=dt.date(1965, 7, 7), address="神奈川県横浜市中区1-1"
        ),
        subject_role=SubjectRole.REPRESENTATIVE,
        method=Method.I,
        events={Event.PRESENTED: WHEN + dt.timedelta(hours=1)},
        document_type="driver_licence",
        checked_by="司法書士 山田太郎",
        recorded_by="司法書士 山田太郎",
        matter=matter_id,
        documents=(
            DocumentEntry("driver_licence", number="第123456789012号", expires_on=dt.date(2029, 8, 7)),
            DocumentEntry(
                "registry_certificate",
                DocumentPurpose.COMPANY,
                number="0104-01-123456",
                issued_on=dt.date(2026, 11, 10),
                image=certificate,
            ),
            DocumentEntry(
                "registry_certificate",
                DocumentPurpose.AUTHORITY,
                issued_on=dt.date(2026, 11, 10),
                note="代表取締役として登記",
            ),
            DocumentEntry("resident_record", DocumentPurpose.ADDITIONAL, issued_on=dt.date(2026, 11, 12)),
        ),
        item_checks=(ItemCheck("name", ItemResult.MATCH, "山田", "港 一郎", "港 一郎"),),
        high_risk=HighRisk((RiskReason.FOREIGN_PEP,), note="外国の元閣僚の親族"),
        identity=IdentityConclusion(
            IdentityResult.CONFIRMED,
            "司法書士 山田太郎",
            WHEN + dt.timedelta(hours=2),
            reasons=(GapReason("face.match", "免許証の写真と本人を目視で照合した"),),
            note="追加書類で再確認",
        ),
        engagement=EngagementDecision(Engagement.ACCEPTED, "司法書士 山田太郎", WHEN + dt.timedelta(hours=2)),
    )


def agent_by_mail(client_id: int, matter_id: int) -> NewVerification:
    """The individual again, through an agent with a 委任状, by method ロ (a document without photo shown and
    the transaction documents mailed not to be forwarded); the decision is still open."""
    from kyc_desk.records.model import DocumentEntry, DocumentPurpose, Mailing, MailOutcome

    return NewVerification(
        client=client_id,
        subject=Person(
            "代田 理人", name_kana="ダイタ リヒト", birth_date=dt.date(1975, 3, 3), address="埼玉県さいたま市1-1"
        ),
        subject_role=SubjectRole.AGENT,
        method=Method.RO,
        events={Event.PRESENTED: WHEN + dt.timedelta(days=1), Event.MAILED: WHEN + dt.timedelta(days=1, hours=2)},
        document_type="health_insurance",
        checked_by="司法書士 山田太郎",
        recorded_by="補助者 佐藤花子",
        matter=matter_id,
        documents=(
            DocumentEntry("health_insurance", number="記号12 番号345"),
            DocumentEntry("power_of_attorney", DocumentPurpose.AUTHORITY, issued_on=dt.date(2026, 11, 15)),
        ),
        mailing=Mailing(
            WHEN + dt.timedelta(days=1, hours=2),
            tracking_number="1234-5678-9012",
            address="埼玉県さいたま市1-1",
            outcome=MailOutcome.DELIVERED,
            outcome_on=dt.date(2026, 11, 24),
        ),
    )


def relying_on(earlier_id: int, client_id: int, matter_id: int) -> NewVerification:
    """A later verification that relies on an earlier record of the same client (規則16条)."""
    from kyc_desk.records.model import MatchBasis, Reliance

    return NewVerification(
        client=client_id,
        method=Method.RELIANCE,
        events={Event.MATCHED: WHEN + dt.timedelta(days=3)},
        document_type="mynumber",
        checked_by="司法書士 山田太郎",
        recorded_by="司法書士 山田太郎",
        matter=matter_id,
        reliance=Reliance(earlier_id, MatchBasis.KNOWN_IN_PERSON, note="前回の決済で面談済み"),
        decision=DecisionEntry(Decision.ACCEPTED, "司法書士 山田太郎", WHEN + dt.timedelta(days=3)),
    )


def save_caseload(store: RecordStore) -> tuple[int, dict[str, int]]:
    """Save the caseload examples into ``store``: the individual, a matter with two parties, the company with
    its documents, the agent by mail, a record relying on the first, a 取引記録 entered for the matter and a
    held meeting with its minutes. Returns the matter's id and the records' ids by name."""
    from kyc_desk.records import TransactionEntry
    from kyc_desk.records.model import Confirmed, MeetingMode, MeetingStatus, NewMeeting, Party, PartyRole

    first = store.save_verification(dataclasses.replace(individual(), matter=None), actor="山田")
    firm_client = store.add_client(company_with_documents(0).client, actor="山田")  # type: ignore[arg-type]
    matter = store.create_matter(
        Matter("丸の内一丁目 売買", "real_estate_sale", dt.date(2026, 11, 1), reference="2026-123"),
        [Party(first.client.id, PartyRole.SELLER), Party(firm_client.id, PartyRole.BUYER)],
        actor="山田",
        note="決済は12月中旬の予定",
    )
    firm = store.save_verification(
        dataclasses.replace(company_with_documents(matter.id), client=firm_client.id), actor="山田"
    )
    agent = store.save_verification(agent_by_mail(first.client.id, matter.id), actor="山田")
    relied = store.save_verification(relying_on(first.id, first.client.id, matter.id), actor="山田")
    store.add_matter_transaction(
        matter.id,
        TransactionEntry(dt.date(2026, 12, 15), "所有権移転登記の代理（決済）", 31_000_000, "売主", "買主"),
        verification_id=relied.id,
        actor="山田",
    )
    store.add_meeting(
        NewMeeting(
            WHEN + dt.timedelta(days=2),
            matter_id=matter.id,
            ends_at=WHEN + dt.timedelta(days=2, hours=1),
            status=MeetingStatus.HELD,
            mode=MeetingMode.IN_PERSON,
            place="事務所 第1会議室",
            attendees=(Party(first.client.id, PartyRole.SELLER), Party(firm_client.id, PartyRole.BUYER)),
            staff=("司法書士 山田太郎",),
            confirmed=frozenset({Confirmed.PERSON, Confirmed.THING, Confirmed.INTENT}),
            minutes_kind="real_estate_sale",
            minutes={
                "person": "売主本人と買主代表者を確認",
                "thing": "丸の内一丁目1番1の土地",
                "intent": "売る意思・買う意思を確認",
            },
            verifications=(first.id,),
            recorded_by="山田太郎",
        ),
        actor="山田",
    )
    return matter.id, {"first": first.id, "firm": firm.id, "agent": agent.id, "relied": relied.id}
