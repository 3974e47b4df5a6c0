"""The caseload in the store: every method with its documents, companies and agents, reliance, high risk,
the split decision, 転送不要郵便, and the ホ cut-off at the store.

Every test saves through the real SQLCipher store and reads back what was stored; each ends with the
audit chain intact where it changed something.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kyc_desk.records import InvalidRecord, RecordStore
from kyc_desk.records.decision import BY_EYE_ENGINE
from kyc_desk.records.errors import (
    DocumentsMissing,
    HighRiskUnresolved,
    MethodNotAllowed,
    PurgeRefused,
    ReasonRequired,
    UnknownDocumentKind,
)
from kyc_desk.records.legal import METHOD_RULES, Event, Method
from kyc_desk.records.model import (
    ClientKind,
    Decision,
    DecisionEntry,
    DocumentEntry,
    DocumentPurpose,
    Engagement,
    EngagementDecision,
    EvidenceItem,
    EvidenceKind,
    FaceKind,
    FaceResult,
    FaceVerdict,
    GapReason,
    HighRisk,
    IdentityConclusion,
    IdentityResult,
    ItemCheck,
    ItemResult,
    Mailing,
    MailOutcome,
    MatchBasis,
    NewVerification,
    Person,
    Reliance,
    RiskReason,
    SearchQuery,
    SubjectRole,
)
from kyc_desk.verify.report import Check, Verdict
from tests.records.conftest import JST, WHEN, photo_bytes

SCRIVENER = "司法書士 山田"
ASSISTANT = "補助者 佐藤"
DECIDED = WHEN + dt.timedelta(minutes=20)
BY_EYE = FaceResult(FaceKind.MATCH, BY_EYE_ENGINE, FaceVerdict.PASS)
LIVE = FaceResult(FaceKind.LIVENESS, "kyc_desk.faces/mediapipe-liveness", FaceVerdict.PASS)

#: For each method: the identity documents it needs (kinds) — what an office would record.
DOCUMENTS: dict[Method, tuple[str, ...]] = {
    Method.FACE_TO_FACE_CHIP: ("mynumber",),
    Method.I: ("passport",),
    Method.RO: ("health_insurance",),
    Method.HA: ("health_insurance", "utility_receipt"),
    Method.NI: ("pension_book", "resident_record"),
    Method.HO: ("driver_licence",),
    Method.HE: ("mynumber",),
    Method.TO: ("driver_licence",),
    Method.CHI: ("resident_record",),
    Method.RI: ("passport",),
    Method.NU: ("health_insurance",),
    Method.RU: (),
    Method.WO: (),
    Method.WA: (),
    Method.KA: (),
    Method.RELIANCE: (),
}


def person(name: str = "山田 花子", birth: dt.date | None = dt.date(1985, 4, 2)) -> Person:
    return Person(name, name_kana="ヤマダ ハナコ", birth_date=birth, address="東京都新宿区西新宿2-8-1")


def confirmed(*reasons: GapReason) -> IdentityConclusion:
    return IdentityConclusion(IdentityResult.CONFIRMED, SCRIVENER, DECIDED, reasons)


def verification(method: Method, **overrides: Any) -> NewVerification:
    """A verification by ``method`` with its documents, events and face results, confirmed and accepted."""
    events = {event: WHEN + dt.timedelta(minutes=i) for i, event in enumerate(method.rule.required)}
    faces = {Method.FACE_TO_FACE_CHIP: (BY_EYE,), Method.I: (BY_EYE,), Method.HO: (BY_EYE, LIVE),
             Method.HE: (BY_EYE, LIVE)}.get(method, ())
    values: dict[str, Any] = {
        "client": person(),
        "method": method,
        "events": events,
        "document_type": "",
        "checked_by": SCRIVENER,
        "recorded_by": ASSISTANT,
        "documents": tuple(
            DocumentEntry(kind, number=f"N-{i}", expires_on=dt.date(2030, 1, 1))
            for i, kind in enumerate(DOCUMENTS[method])
        ),
        "face_results": faces,
        "identity": confirmed(),
        "engagement": EngagementDecision(Engagement.ACCEPTED, SCRIVENER, DECIDED),
    }
    values.update(overrides)
    return NewVerification(**values)


@pytest.mark.parametrize("method", [m for m in Method if m is not Method.RELIANCE])
def test_every_method_round_trips_with_its_documents(store: RecordStore, method: Method) -> None:
    record = store.save_verification(verification(method), actor="a")
    again = store.get(record.id)
    assert again == record
    assert again.method is method
    assert [d.kind for d in again.documents] == list(DOCUMENTS[method])
    assert all(d.purpose is DocumentPurpose.IDENTITY for d in again.documents)
    assert set(again.events) == set(METHOD_RULES[method].required)
    assert again.identity is not None and again.identity.result is IdentityResult.CONFIRMED
    assert again.engagement is not None and again.engagement.engagement is Engagement.ACCEPTED
    assert again.decision is not None and again.decision.decision is Decision.ACCEPTED  # for older readers
    assert again.checked_by == SCRIVENER and again.recorded_by == ASSISTANT
    if DOCUMENTS[method]:
        assert again.document_type == DOCUMENTS[method][0] and again.document_number == "N-0"
    if Event.MAILED in method.rule.required:  # a mailing is kept so its outcome can be recorded later
        assert again.mailing is not None and again.mailing.mailed_at == again.events[Event.MAILED]
    else:
        assert again.mailing is None
    assert store.verify_audit().ok


def test_photo_id_by_sight_keeps_number_expiry_and_photo(store: RecordStore) -> None:
    photo = EvidenceItem(EvidenceKind.CARD_IMAGE, "image/jpeg", photo_bytes(), WHEN, "front")
    doc = DocumentEntry("passport", number="TK1234567", expires_on=dt.date(2031, 5, 1), image=photo)
    record = store.save_verification(verification(Method.I, documents=(doc,)), actor="a")
    (stored,) = record.documents
    assert (stored.kind, stored.number, stored.expires_on) == ("passport", "TK1234567", dt.date(2031, 5, 1))
    image = next(e for e in record.evidence if e.id == stored.evidence_id)
    assert image.data == photo.data and image.label == "front"
    assert [s.id for s in store.search(SearchQuery(document_number="tk1234567"))] == [record.id]


def test_documents_are_checked_against_the_method(store: RecordStore) -> None:
    with pytest.raises(DocumentsMissing):  # ハ needs two
        store.save_verification(verification(Method.HA, documents=(DocumentEntry("health_insurance"),)), actor="a")
    with pytest.raises(DocumentsMissing):  # イ needs a photo ID
        store.save_verification(verification(Method.I, documents=(DocumentEntry("pension_book"),)), actor="a")
    with pytest.raises(MethodNotAllowed):  # the chip method needs a document with a chip
        store.save_verification(verification(Method.FACE_TO_FACE_CHIP, documents=(DocumentEntry("passport"),)),
                                actor="a")
    with pytest.raises(UnknownDocumentKind):
        store.save_verification(verification(Method.I, documents=(DocumentEntry("library_card"),)), actor="a")
    with pytest.raises(InvalidRecord):  # an "other" kind must say what it is
        store.save_verification(verification(Method.I, documents=(DocumentEntry("other_photo_id"),)), actor="a")
    with pytest.raises(InvalidRecord):  # a 委任状 does not identify anyone
        store.save_verification(verification(Method.I, documents=(DocumentEntry("power_of_attorney"),)), actor="a")
    with pytest.raises(DocumentsMissing):  # the older single-document form cannot name ハ's two
        store.save_verification(verification(Method.HA, documents=(), document_type="health_insurance"), actor="a")
    assert store.count() == 0


def test_from_2027_an_ic_card_shown_by_sight_is_refused_and_copies_by_post_end(store: RecordStore) -> None:
    april = dt.datetime(2027, 4, 1, 10, 0, tzinfo=JST)
    with pytest.raises(MethodNotAllowed):
        store.save_verification(
            verification(Method.I, documents=(DocumentEntry("driver_licence"),), events={Event.PRESENTED: april}),
            actor="a",
        )
    store.save_verification(verification(Method.I, events={Event.PRESENTED: april}), actor="a")  # a passport
    for method in (Method.RI, Method.NU):
        with pytest.raises(MethodNotAllowed):
            store.save_verification(verification(method, events={e: april for e in method.rule.required}),
                                    actor="a")
    store.save_verification(verification(Method.CHI, events={e: april for e in Method.CHI.rule.required}),
                            actor="a")


@pytest.mark.parametrize(
    ("received", "allowed"),
    [(dt.datetime(2027, 3, 31, 23, 59, tzinfo=JST), True), (dt.datetime(2027, 4, 1, 0, 0, tzinfo=JST), False)],
)
def test_an_import_of_ho_is_dated_in_japan_time_at_the_store(
    store: RecordStore, received: dt.datetime, allowed: bool
) -> None:
    new = verification(Method.HO, events={Event.IMAGE_RECEIVED: received}, external_id="sync:ho",
                       identity=None, engagement=None)
    if allowed:
        assert store.save_verification(new, actor="import").verified_on == dt.date(2027, 3, 31)
    else:
        with pytest.raises(MethodNotAllowed):
            store.save_verification(new, actor="import")
        assert store.count() == 0


def test_birth_date_not_entered_stays_none(store: RecordStore) -> None:
    record = store.save_verification(verification(Method.I, client=person(birth=None)), actor="a")
    assert store.get(record.id).client.person.birth_date is None
    assert store.find_existing_clients(person(birth=None)) == []  # a name alone identifies no one


# --- companies, representatives and agents -----------------------------------------------------------


def company() -> Person:
    return Person("株式会社サンプル商事", kind=ClientKind.COMPANY, address="大阪府大阪市北区梅田1-1-1")


def test_company_with_representative_and_authority_documents(store: RecordStore) -> None:
    registry = DocumentEntry("registry_certificate", DocumentPurpose.COMPANY, number="1200-01-123456",
                             issued_on=dt.date(2026, 11, 10))
    authority = DocumentEntry("registry_certificate", DocumentPurpose.AUTHORITY, issued_on=dt.date(2026, 11, 10),
                              note="代表取締役")
    record = store.save_verification(
        verification(
            Method.FACE_TO_FACE_CHIP,
            client=company(),
            subject=person("代表 太郎"),
            subject_role=SubjectRole.REPRESENTATIVE,
            documents=(DocumentEntry("mynumber", number="X"), registry, authority),
        ),
        actor="a",
    )
    again = store.get(record.id)
    assert again.client.person.kind is ClientKind.COMPANY
    assert again.client.person.address == "大阪府大阪市北区梅田1-1-1"
    assert again.subject.person.name == "代表 太郎" and again.subject_role is SubjectRole.REPRESENTATIVE
    assert [(d.kind, d.purpose) for d in again.documents] == [
        ("mynumber", DocumentPurpose.IDENTITY),
        ("registry_certificate", DocumentPurpose.COMPANY),
        ("registry_certificate", DocumentPurpose.AUTHORITY),
    ]
    assert again.documents[2].issued_on == dt.date(2026, 11, 10)
    assert store.find_existing_clients(company()) == [again.client]
    # without its own document, or the representative's authority, a company is refused
    for docs in ((DocumentEntry("mynumber"), authority), (DocumentEntry("mynumber"), registry)):
        with pytest.raises(InvalidRecord):
            store.save_verification(
                verification(Method.FACE_TO_FACE_CHIP, client=again.client.id, subject=again.subject.id,
                             subject_role=SubjectRole.REPRESENTATIVE, documents=docs),
                actor="a",
            )


def test_agent_for_an_individual_with_a_power_of_attorney(store: RecordStore) -> None:
    letter = DocumentEntry("power_of_attorney", DocumentPurpose.AUTHORITY, issued_on=dt.date(2026, 11, 15))
    record = store.save_verification(
        verification(Method.I, subject=person("代理 次郎", dt.date(1990, 1, 5)), subject_role=SubjectRole.AGENT,
                     documents=(DocumentEntry("passport"), letter)),
        actor="a",
    )
    assert record.client.person.name == "山田 花子" and record.subject.person.name == "代理 次郎"
    assert record.subject_role is SubjectRole.AGENT
    assert record.documents[1].kind == "power_of_attorney" and record.documents[1].issued_on == dt.date(2026, 11, 15)
    with pytest.raises(InvalidRecord):  # an agent without authority
        store.save_verification(
            verification(Method.I, subject=person("代理 次郎"), subject_role=SubjectRole.AGENT), actor="a"
        )
    with pytest.raises(InvalidRecord):  # only a company has a representative
        store.save_verification(
            verification(Method.I, subject=person("代理 次郎"), subject_role=SubjectRole.REPRESENTATIVE,
                         documents=(DocumentEntry("passport"), letter)),
            actor="a",
        )


# --- the split decision ------------------------------------------------------------------------------


def test_confirmed_needs_a_reason_for_every_gap(store: RecordStore) -> None:
    gappy: dict[str, Any] = {
        "face_results": (),  # the face was not compared
        "item_checks": (ItemCheck("address", ItemResult.NOT_CHECKED, SCRIVENER),),
        "report": (Check("surface.signature", Verdict.NOT_VERIFIABLE, "signature.no_trust"),),
        "documents": (DocumentEntry("mynumber", expires_on=dt.date(2026, 1, 1)),),  # expired
    }
    with pytest.raises(ReasonRequired) as info:
        store.save_verification(verification(Method.FACE_TO_FACE_CHIP, **gappy), actor="a")
    for gap in ("face.match", "item.address", "report.surface.signature", "document.0.expired"):
        assert gap in info.value.message and gap not in info.value.ja
    assert "4件" in info.value.ja
    reasons = (
        GapReason("face.match", "写真と本人を目視で照合した"),
        GapReason("item.address", "転居届の控えで確認"),
        GapReason("report.surface.signature", "券面で確認"),
    )
    with pytest.raises(ReasonRequired):  # one gap still unexplained
        store.save_verification(verification(Method.FACE_TO_FACE_CHIP, identity=confirmed(*reasons), **gappy),
                                actor="a")
    reasons += (GapReason("document.0.expired", "有効期限内の旅券も提示を受けた"),)
    record = store.save_verification(
        verification(Method.FACE_TO_FACE_CHIP, identity=confirmed(*reasons), **gappy), actor="a"
    )
    assert record.identity is not None and record.identity.reasons == reasons


def test_not_confirmed_needs_a_reason_and_blocks_acceptance(store: RecordStore) -> None:
    with pytest.raises(ReasonRequired):
        store.save_verification(
            verification(Method.I, identity=IdentityConclusion(IdentityResult.NOT_CONFIRMED, SCRIVENER, DECIDED),
                         engagement=None),
            actor="a",
        )
    with pytest.raises(InvalidRecord):
        store.save_verification(
            verification(Method.I, identity=IdentityConclusion(IdentityResult.NEEDS_MORE, SCRIVENER, DECIDED,
                                                               note="住所の確認書類を追加で求める")),
            actor="a",
        )
    record = store.save_verification(
        verification(Method.I, identity=IdentityConclusion(IdentityResult.NEEDS_MORE, SCRIVENER, DECIDED,
                                                           note="住所の確認書類を追加で求める"),
                     engagement=EngagementDecision(Engagement.PENDING, SCRIVENER, DECIDED)),
        actor="a",
    )
    assert record.decision is not None and record.decision.decision is Decision.FOLLOW_UP
    with pytest.raises(InvalidRecord):
        store.set_engagement(record.id, EngagementDecision(Engagement.ACCEPTED, SCRIVENER, DECIDED), actor="a")
    store.set_identity(record.id, confirmed(), actor="a")
    done = store.set_engagement(record.id, EngagementDecision(Engagement.ACCEPTED, SCRIVENER, DECIDED), actor="a")
    assert done.engagement is not None and done.engagement.engagement is Engagement.ACCEPTED
    assert [s.identity_result for s in store.search(SearchQuery(identity_result=IdentityResult.CONFIRMED))] == [
        IdentityResult.CONFIRMED
    ]
    assert store.verify_audit().ok


def test_the_old_single_decision_is_split_on_save(store: RecordStore) -> None:
    old = verification(Method.I, identity=None, engagement=None,
                       decision=DecisionEntry(Decision.ACCEPTED, SCRIVENER, DECIDED, "問題なし"))
    record = store.save_verification(old, actor="a")
    assert record.identity == IdentityConclusion(IdentityResult.CONFIRMED, SCRIVENER, DECIDED, (), "問題なし")
    assert record.engagement == EngagementDecision(Engagement.ACCEPTED, SCRIVENER, DECIDED)


# --- high risk -------------------------------------------------------------------------------------


def test_high_risk_cannot_be_confirmed_without_the_additional_document(store: RecordStore) -> None:
    risk = HighRisk((RiskReason.IMPERSONATION,), note="前回と署名の筆跡が異なる")
    with pytest.raises(HighRiskUnresolved):
        store.save_verification(verification(Method.I, high_risk=risk), actor="a")
    with pytest.raises(InvalidRecord):
        store.save_verification(verification(Method.I, high_risk=HighRisk(())), actor="a")
    extra = DocumentEntry("resident_record", DocumentPurpose.ADDITIONAL, issued_on=dt.date(2026, 11, 18))
    record = store.save_verification(
        verification(Method.I, high_risk=risk, documents=(DocumentEntry("passport"), extra)), actor="a"
    )
    assert record.high_risk == risk
    assert [d.purpose for d in record.documents] == [DocumentPurpose.IDENTITY, DocumentPurpose.ADDITIONAL]
    assert store.search(SearchQuery())[0].high_risk

    plain = store.save_verification(verification(Method.I), actor="a")
    with pytest.raises(HighRiskUnresolved):  # flagged after confirming: the additional document comes first
        store.set_high_risk(plain.id, HighRisk((RiskReason.FOREIGN_PEP,)), actor="a")
    flagged = store.set_high_risk(plain.id, HighRisk((RiskReason.FOREIGN_PEP,)), additional=(extra,), actor="a")
    assert flagged.high_risk is not None and flagged.documents[-1].purpose is DocumentPurpose.ADDITIONAL
    assert store.verify_audit().ok


# --- reliance --------------------------------------------------------------------------------------


def test_reliance_on_an_earlier_verification_of_the_same_person(store: RecordStore) -> None:
    earlier = store.save_verification(verification(Method.FACE_TO_FACE_CHIP), actor="a")
    reliance = Reliance(earlier.id, MatchBasis.KNOWN_IN_PERSON, "前回面談時と同一人物であることを確認")
    later = store.save_verification(
        verification(Method.RELIANCE, client=earlier.client.id, reliance=reliance), actor="a"
    )
    assert later.reliance == reliance and later.method is Method.RELIANCE and later.documents == ()
    assert later.events.keys() == {Event.MATCHED}
    other = store.save_verification(verification(Method.I, client=person("別人 一郎")), actor="a")
    with pytest.raises(InvalidRecord):  # another person's record
        store.save_verification(verification(Method.RELIANCE, client=other.client.id, reliance=reliance), actor="a")
    with pytest.raises(InvalidRecord):  # a high-risk transaction verifies afresh
        store.save_verification(
            verification(Method.RELIANCE, client=earlier.client.id, reliance=reliance,
                         high_risk=HighRisk((RiskReason.FALSE_STATEMENT,))),
            actor="a",
        )
    pending = store.save_verification(verification(Method.I, client=earlier.client.id, identity=None,
                                                   engagement=None), actor="a")
    with pytest.raises(InvalidRecord):  # an earlier record that confirmed nothing
        store.save_verification(
            verification(Method.RELIANCE, client=earlier.client.id,
                         reliance=Reliance(pending.id, MatchBasis.DOCUMENT_SHOWN)),
            actor="a",
        )
    with pytest.raises(InvalidRecord):  # the method and the reliance go together
        store.save_verification(verification(Method.I, reliance=reliance), actor="a")


def test_a_record_relied_on_is_not_purged_alone(store: RecordStore) -> None:
    from kyc_desk.records.model import Matter

    matter = Matter("所有権移転", "real_estate_sale", dt.date(2026, 11, 1), ended_on=dt.date(2026, 11, 30))
    earlier = store.save_verification(verification(Method.I, matter=matter), actor="a")
    store.save_verification(
        verification(Method.RELIANCE, client=earlier.client.id, reliance=Reliance(earlier.id, MatchBasis.CARD_LINK)),
        actor="a",
    )
    with pytest.raises(PurgeRefused):
        store.purge([earlier.id], today=dt.date(2040, 1, 1), actor="a", confirmed=True)


# --- 転送不要郵便 -------------------------------------------------------------------------------------


def test_mail_outcome_recorded_later_and_a_return_undoes_confirmed(store: RecordStore) -> None:
    mailed = WHEN + dt.timedelta(hours=1)
    record = store.save_verification(
        verification(Method.RO, events={Event.PRESENTED: WHEN},
                     mailing=Mailing(mailed, tracking_number="1234-5678-9012", address="東京都新宿区西新宿2-8-1")),
        actor="a",
    )
    assert record.events[Event.MAILED] == mailed
    assert record.mailing == Mailing(mailed, "1234-5678-9012", "東京都新宿区西新宿2-8-1")
    with pytest.raises(InvalidRecord):
        store.record_mail_outcome(record.id, MailOutcome.DELIVERED, dt.date(2026, 11, 1), actor="a")
    returned = store.record_mail_outcome(record.id, MailOutcome.RETURNED, dt.date(2026, 11, 25), actor="a")
    assert returned.mailing is not None and returned.mailing.outcome is MailOutcome.RETURNED
    assert returned.mailing.outcome_on == dt.date(2026, 11, 25)
    assert returned.identity is not None and returned.identity.result is IdentityResult.NEEDS_MORE
    assert returned.identity.reasons[-1].check == "mail.returned"
    assert returned.engagement is not None and returned.engagement.engagement is Engagement.PENDING
    with pytest.raises(InvalidRecord):
        store.set_identity(record.id, confirmed(), actor="a")
    with pytest.raises(InvalidRecord):  # nothing was mailed for イ
        store.record_mail_outcome(store.save_verification(verification(Method.I), actor="a").id,
                                  MailOutcome.DELIVERED, dt.date(2026, 11, 25), actor="a")
    assert store.verify_audit().ok


def test_the_old_and_the_split_decision_follow_each_other_after_saving(store: RecordStore) -> None:
    """The remote review still sets the old decision; the split one follows, and the other way round."""
    pending = store.save_verification(verification(Method.I, identity=None, engagement=None), actor="a")
    assert pending.identity is None and pending.decision is None
    decided = store.set_decision(pending.id, DecisionEntry(Decision.ACCEPTED, SCRIVENER, DECIDED, "OK"), actor="a")
    assert decided.identity is not None and decided.identity.result is IdentityResult.CONFIRMED
    assert decided.engagement is not None and decided.engagement.engagement is Engagement.ACCEPTED
    again = store.set_decision(pending.id, DecisionEntry(Decision.FOLLOW_UP, SCRIVENER, DECIDED, "住所"), actor="a")
    assert again.identity is not None and again.identity.result is IdentityResult.NEEDS_MORE
    assert again.engagement is not None and again.engagement.engagement is Engagement.PENDING  # no longer accepted
    split = store.set_identity(
        pending.id, IdentityConclusion(IdentityResult.NOT_CONFIRMED, SCRIVENER, DECIDED, note="書類が偽造の疑い"),
        actor="a",
    )
    assert split.decision is not None and split.decision.decision is Decision.REJECTED
    assert split.decision.reason == "書類が偽造の疑い"
    assert store.search(SearchQuery())[0].decision is Decision.REJECTED
    assert store.verify_audit().ok


def test_the_old_decision_cannot_confirm_what_the_split_one_may_not(store: RecordStore) -> None:
    risk = HighRisk((RiskReason.IMPERSONATION,))
    old = DecisionEntry(Decision.ACCEPTED, SCRIVENER, DECIDED)
    with pytest.raises(HighRiskUnresolved):
        store.save_verification(verification(Method.I, identity=None, engagement=None, high_risk=risk, decision=old),
                                actor="a")
    mailed = store.save_verification(verification(Method.RO, identity=None, engagement=None), actor="a")
    store.record_mail_outcome(mailed.id, MailOutcome.RETURNED, dt.date(2026, 11, 30), actor="a")
    with pytest.raises(InvalidRecord):
        store.set_decision(mailed.id, old, actor="a")
    assert store.get(mailed.id).decision is None


def test_a_review_saves_result_and_engagement_together_or_not_at_all(store: RecordStore) -> None:
    """The remote review's one 保存: a refused engagement leaves the stored result as it was."""
    pending = store.save_verification(verification(Method.I, identity=None, engagement=None), actor="a")
    not_confirmed = IdentityConclusion(IdentityResult.NOT_CONFIRMED, SCRIVENER, DECIDED, note="書類が偽造の疑い")
    with pytest.raises(InvalidRecord):  # accepting needs 確認済み: refused before anything is written
        store.decide(pending.id, not_confirmed, EngagementDecision(Engagement.ACCEPTED, SCRIVENER, DECIDED), actor="a")
    unchanged = store.get(pending.id)
    assert unchanged.identity is None and unchanged.engagement is None and unchanged.decision is None
    done = store.decide(pending.id, confirmed(), EngagementDecision(Engagement.ACCEPTED, SCRIVENER, DECIDED),
                        actor="a")
    assert done.identity is not None and done.identity.result is IdentityResult.CONFIRMED
    assert done.engagement is not None and done.engagement.engagement is Engagement.ACCEPTED
    assert done.decision is not None and done.decision.decision is Decision.ACCEPTED
    again = store.decide(pending.id, not_confirmed, EngagementDecision(Engagement.DECLINED, SCRIVENER, DECIDED),
                         actor="a")
    assert again.identity is not None and again.identity.result is IdentityResult.NOT_CONFIRMED
    assert again.decision is not None and again.decision.decision is Decision.REJECTED
    assert store.verify_audit().ok
