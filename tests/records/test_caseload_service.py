"""The application layer's caseload service: operators from the settings, minutes against their template,
paste to fill, and the methods offered on a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from kyc_desk.app.caseload import CaseloadService, MinutesMismatch, OperatorNotListed
from kyc_desk.records import RecordStore
from kyc_desk.records.legal import Method
from kyc_desk.records.model import (
    Confirmed,
    Matter,
    MeetingMode,
    MeetingStatus,
    Party,
    PartyRole,
    Person,
)
from kyc_desk.settings import Operator
from tests.records.conftest import full_verification

OFFICE = (Operator("司法書士 山田", "scrivener"), Operator("補助者 佐藤", "assistant"))


def service(store: RecordStore, operators: tuple[Operator, ...] = OFFICE) -> CaseloadService:
    return CaseloadService(lambda: store, operators=lambda: operators, actor=lambda: "司法書士 山田")


def test_checker_and_recorder_are_chosen_from_the_operators(store: RecordStore) -> None:
    caseload = service(store)
    record = caseload.save_verification(full_verification())
    assert (record.checked_by, record.recorded_by) == ("司法書士 山田", "補助者 佐藤")
    with pytest.raises(OperatorNotListed):
        caseload.save_verification(full_verification(recorded_by="見知らぬ人"))
    with pytest.raises(OperatorNotListed):
        caseload.save_verification(full_verification(checked_by=" "))
    assert store.count() == 1
    # a desk without an operator list yet takes any name
    assert service(store, ()).save_verification(full_verification(recorded_by="誰か")).recorded_by == "誰か"


def test_existing_clients_are_reused_by_name_and_birth_date(store: RecordStore) -> None:
    caseload = service(store)
    record = caseload.save_verification(full_verification())
    assert caseload.reuse_or_new(Person("髙橋 﨑子", birth_date=dt.date(1980, 2, 17))) == record.client.id
    stranger = Person("髙橋 﨑子", birth_date=None)
    assert caseload.reuse_or_new(stranger) == stranger


def test_meetings_check_staff_and_minutes_and_accept_japanese_kind_names(store: RecordStore) -> None:
    caseload = service(store)
    client = caseload.add_client(Person("売主 一郎", birth_date=dt.date(1950, 3, 3)))
    matter = caseload.create_matter(Matter("売買", "real_estate_sale", dt.date(2026, 11, 1)),
                                    [Party(client.id, PartyRole.SELLER)])
    proposal, parsed = caseload.meeting_from_invitation(
        "面談のご案内\n日時: 令和8年12月5日（土）午後2時〜3時\nhttps://us02web.zoom.us/j/81234567890?pwd=abc\n"
        "ミーティングID: 812 3456 7890\nパスコード: 123456\n",
        reference=dt.date(2026, 12, 1),
        matter_id=matter.id,
    )
    assert proposal is not None and not parsed.problems
    assert proposal.starts_at.isoformat() == "2026-12-05T14:00:00+09:00"
    assert proposal.mode is MeetingMode.ONLINE and proposal.platform == "zoom"
    with pytest.raises(OperatorNotListed):
        caseload.add_meeting(proposal.__class__(**{**proposal.__dict__, "staff": ("外部の人",)}))
    card = caseload.add_meeting(proposal.__class__(**{**proposal.__dict__, "staff": ("補助者 佐藤",),
                                                      "attendees": (Party(client.id, PartyRole.SELLER),)}))
    caseload.set_meeting_status(card.id, MeetingStatus.HELD)
    with pytest.raises(MinutesMismatch):
        caseload.write_minutes(card.id, kind="不動産売買", minutes={"weather": "晴れ"}, confirmed=frozenset())
    done = caseload.write_minutes(card.id, kind="不動産売買", minutes={"intent": "売却の意思を確認"},
                                  confirmed=frozenset({Confirmed.INTENT}))
    assert done.minutes_kind == "real_estate_sale" and done.confirmed == {Confirmed.INTENT}
    none, failed = caseload.meeting_from_invitation("よろしくお願いします", reference=dt.date(2026, 12, 1))
    assert none is None and failed.problems


def test_methods_offered_on_a_day_follow_the_law(store: RecordStore) -> None:
    before = {c.method for c in CaseloadService.methods_on(dt.date(2027, 3, 31))}
    after = {c.method for c in CaseloadService.methods_on(dt.date(2027, 4, 1))}
    assert Method.HO in before and Method.HO not in after
    assert {Method.RI, Method.NU} <= before - after
    assert {Method.FACE_TO_FACE_CHIP, Method.I, Method.HA, Method.RO, Method.RELIANCE, Method.HE, Method.WA} <= after
    face = CaseloadService.methods_on(dt.date(2027, 4, 1), face_to_face=True)
    assert all(c.rule.face_to_face for c in face)
    two = next(c for c in face if c.method is Method.HA)
    assert {k.code for k in two.document_kinds} >= {"health_insurance", "utility_receipt"}
    assert "passport" not in {k.code for k in two.document_kinds}


def test_a_returning_card_finds_the_person_it_proved(store: RecordStore) -> None:
    from kyc_desk.verify.card_link import CardLink

    caseload = service(store)
    link = CardLink("JPKI user CA", "ab" * 20, "0123", dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    record = caseload.save_verification(full_verification(card_link=link))
    assert caseload.find_by_card(link) == [record.subject]
    assert caseload.find_by_card(CardLink("JPKI user CA", "ab" * 20, "9999", link.not_after)) == []


def test_desk_services_build_the_caseload_on_the_windows_store(store: RecordStore) -> None:
    from kyc_desk.app.records import RecordsService
    from kyc_desk.app.services import DeskServices

    services = DeskServices(cards=None, records=RecordsService(lambda _p: store), faces=None,  # type: ignore[arg-type]
                            operator="司法書士 山田")
    assert services.caseload is not None
    client = services.caseload.add_client(Person("来客 太郎", birth_date=None))
    assert store.get_client(client.id) == client


def test_the_decision_step_sees_the_gaps_before_saving(store: RecordStore) -> None:
    from kyc_desk.records.model import IdentityConclusion, IdentityResult

    new = full_verification(face_results=(), decision=None)
    assert CaseloadService.gaps_for(new) == ("face.match",)
    confirmed = IdentityConclusion(IdentityResult.CONFIRMED, "司法書士 山田", dt.datetime.now(dt.UTC))
    from kyc_desk.records.errors import ReasonRequired

    with pytest.raises(ReasonRequired):
        service(store).save_verification(replace(new, identity=confirmed))


def test_matter_kinds_named_like_the_templates_are_stored_as_their_keys(store: RecordStore) -> None:
    caseload = service(store)
    client = caseload.add_client(Person("相続人 一郎", birth_date=None))
    estate = caseload.create_matter(
        Matter("相続登記", "相続", dt.date(2026, 11, 1)), [Party(client.id, PartyRole.HEIR)]
    )
    assert estate.matter.kind == "inheritance"
    own = caseload.create_matter(Matter("抵当権抹消", "抵当権抹消登記", dt.date(2026, 11, 1)), [Party(client.id)])
    assert own.matter.kind == "抵当権抹消登記"  # the office's own kind, kept
