"""The repository API: save a full verification in one transaction, read it back, search, decide."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging

import pytest

from kyc_desk.records import (
    ClientKind,
    Decision,
    DecisionEntry,
    Event,
    InvalidRecord,
    Matter,
    MeetingNote,
    Method,
    MethodNotAllowed,
    MissingMethodTimestamp,
    Person,
    RecordNotFound,
    RecordStore,
    SearchQuery,
    Status,
    SubjectRole,
    TransactionEntry,
)
from tests.records.conftest import WHEN, full_verification, photo_bytes


def _audit_entries(store: RecordStore) -> int:
    return store.verify_audit().entries


def test_full_verification_round_trips(store: RecordStore) -> None:
    new = full_verification()
    record = store.save_verification(new, actor="山田")

    assert record == store.get(record.id)
    assert record.client.person == new.client
    assert record.subject == record.client and record.subject_role is SubjectRole.SELF
    assert record.method is Method.FACE_TO_FACE_CHIP
    assert record.status is Status.DECIDED
    assert record.events == new.events
    assert record.verified_on == dt.date(2026, 11, 20)
    assert record.document_number == "AB12 3456-78"
    assert record.matter is not None and record.matter.matter == new.matter
    assert [e.data for e in record.evidence] == [e.data for e in new.evidence]
    assert record.evidence[0].sha256 == hashlib.sha256(photo_bytes("obama2.jpg")).hexdigest()
    assert record.evidence[0].captured_at == WHEN
    assert record.item_checks == new.item_checks
    assert record.face_results == new.face_results
    assert record.report == new.report
    assert record.decision == new.decision
    assert record.transactions == new.transactions
    assert record.notes == new.notes
    assert record.retention_until is None  # the matter has not ended yet
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.status = Status.PENDING_REVIEW  # type: ignore[misc]


def test_record_is_detached_and_survives_close(store: RecordStore) -> None:
    record = store.save_verification(full_verification(), actor="a")
    store.close()
    assert record.evidence[1].data == photo_bytes("obama.jpg")
    assert record.client.person.name == "髙橋 﨑子"


def test_same_external_id_imports_once(store: RecordStore) -> None:
    new = full_verification(external_id="submission-42", decision=None)
    first = store.save_verification(new, actor="import")
    entries = _audit_entries(store)
    second = store.save_verification(new, actor="import")
    assert second == first
    assert first.status is Status.PENDING_REVIEW
    assert store.count() == 1
    assert _audit_entries(store) == entries
    assert store.find_by_external_id("submission-42") == first
    assert store.find_by_external_id("submission-43") is None


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"events": {Event.PRESENTED: WHEN}}, MissingMethodTimestamp),
        (
            {"method": Method.HO, "events": {Event.IMAGE_RECEIVED: dt.datetime(2027, 4, 1, 9, tzinfo=dt.UTC)}},
            MethodNotAllowed,
        ),
        (  # 2027-04-01 00:30 in Japan, still 2027-03-31 in UTC: refused, the law counts Japanese days
            {"method": Method.HO, "events": {Event.IMAGE_RECEIVED: dt.datetime(2027, 3, 31, 15, 30, tzinfo=dt.UTC)}},
            MethodNotAllowed,
        ),
        ({"events": {Event.PRESENTED: WHEN.replace(tzinfo=None), Event.CHIP_READ: WHEN}}, InvalidRecord),
        ({"checked_by": " "}, InvalidRecord),
        ({"document_has_chip": False}, MethodNotAllowed),  # chip reading without a chip
        ({"client": Person("株式会社テスト", kind=ClientKind.COMPANY)}, InvalidRecord),
        ({"subject_role": SubjectRole.AGENT}, InvalidRecord),
        ({"client": 999}, InvalidRecord),
        ({"matter": 999}, InvalidRecord),
    ],
)
def test_bad_input_saves_nothing(store: RecordStore, overrides: dict[str, object], error: type[Exception]) -> None:
    entries = _audit_entries(store)
    with pytest.raises(error) as info:
        store.save_verification(full_verification(**overrides), actor="a")
    assert store.count() == 0
    assert _audit_entries(store) == entries
    assert store.verify_audit().ok
    for text in (info.value.message, info.value.ja):  # type: ignore[attr-defined]
        assert "髙橋" not in text and "1980" not in text and "AB12" not in text


def test_company_with_representative_and_reused_client(store: RecordStore) -> None:
    company = Person("株式会社サンプル商事", kind=ClientKind.COMPANY, address="大阪府大阪市")
    first = store.save_verification(
        full_verification(
            client=company,
            subject=Person("代表 太郎", name_kana="ダイヒョウ タロウ", birth_date=dt.date(1970, 1, 1)),
            subject_role=SubjectRole.REPRESENTATIVE,
            authority="履歴事項全部証明書で代表権を確認",
        ),
        actor="a",
    )
    assert first.client.person.kind is ClientKind.COMPANY
    assert first.subject.person.name == "代表 太郎"
    assert first.subject_role is SubjectRole.REPRESENTATIVE
    assert first.matter is not None
    second = store.save_verification(
        full_verification(
            client=first.client.id, subject=first.subject.id, subject_role=SubjectRole.AGENT, matter=first.matter.id,
            authority="委任状（2026-11-01付）",  # an agent's authority is recorded, as a representative's
        ),
        actor="a",
    )
    assert second.client == first.client and second.subject == first.subject
    assert second.matter == first.matter
    assert [s.id for s in store.search(SearchQuery(name="だいひょう"))] == [second.id, first.id]


def test_get_unknown_id(store: RecordStore) -> None:
    with pytest.raises(RecordNotFound):
        store.get(12345)


def test_decision_and_status(store: RecordStore) -> None:
    pending = store.save_verification(full_verification(decision=None, external_id="s-1"), actor="import")
    assert pending.status is Status.PENDING_REVIEW
    assert [s.id for s in store.search(SearchQuery(status=Status.PENDING_REVIEW))] == [pending.id]
    decision = DecisionEntry(Decision.FOLLOW_UP, "山田", WHEN, "住所の補完書類を依頼")
    decided = store.set_decision(pending.id, decision, actor="山田")
    assert decided.status is Status.DECIDED and decided.decision == decision
    assert store.search(SearchQuery(status=Status.PENDING_REVIEW)) == []
    with pytest.raises(RecordNotFound):
        store.set_decision(999, decision, actor="a")
    assert store.verify_audit().ok


def test_transactions_notes_and_matter_end_set_retention(store: RecordStore) -> None:
    record = store.save_verification(full_verification(), actor="a")
    assert record.matter is not None
    later = store.add_transaction(record.id, TransactionEntry(dt.date(2027, 1, 10), "残代金決済"), actor="a")
    assert len(later.transactions) == 2
    noted = store.add_meeting_note(record.id, MeetingNote(WHEN, "山田", "追加面談"), actor="a")
    assert len(noted.notes) == 2
    store.end_matter(record.matter.id, dt.date(2027, 2, 1), actor="a")
    # the later of 7 years from the last transaction and 10 years from the matter's end
    assert store.get(record.id).retention_until == dt.date(2037, 2, 1)
    assert store.verify_audit().ok


def test_matter_ended_at_save_sets_retention(store: RecordStore) -> None:
    ended = Matter("会社設立登記", "incorporation", dt.date(2026, 1, 5), ended_on=dt.date(2026, 3, 1))
    record = store.save_verification(full_verification(matter=ended), actor="a")
    assert record.retention_until == dt.date(2036, 3, 1)


@pytest.mark.parametrize(
    "typed",
    ["髙橋", "高橋", "高橋 崎子", "高橋　﨑子", "たかはし", "タカハシサキコ", "ﾀｶﾊｼ ｻｷｺ", "さきこ", "崎子"],
)
def test_name_search_folds_spelling(store: RecordStore, typed: str) -> None:
    record = store.save_verification(full_verification(), actor="a")
    store.save_verification(full_verification(client=Person("鈴木 一郎", name_kana="スズキ イチロウ")), actor="a")
    assert [s.id for s in store.search(SearchQuery(name=typed))] == [record.id]


def test_search_by_birth_date_document_date_range_and_status(store: RecordStore) -> None:
    a = store.save_verification(full_verification(), actor="a")
    b = store.save_verification(
        full_verification(
            client=Person("鈴木 一郎", birth_date=dt.date(1990, 5, 5)),
            document_number="XY-0001",
            events={Event.PRESENTED: WHEN + dt.timedelta(days=30), Event.CHIP_READ: WHEN + dt.timedelta(days=30)},
            decision=None,
        ),
        actor="a",
    )
    assert [s.id for s in store.search(SearchQuery(birth_date=dt.date(1980, 2, 17)))] == [a.id]
    assert [s.id for s in store.search(SearchQuery(document_number="ab1234 5678"))] == [a.id]
    assert [s.id for s in store.search(SearchQuery(document_number="ＸＹ０００１"))] == [b.id]
    assert [s.id for s in store.search(SearchQuery(verified_from=dt.date(2026, 12, 1)))] == [b.id]
    assert [s.id for s in store.search(SearchQuery(verified_to=dt.date(2026, 11, 30)))] == [a.id]
    assert [s.id for s in store.search(SearchQuery(status=Status.DECIDED))] == [a.id]
    assert [s.id for s in store.list_recent()] == [b.id, a.id]
    assert store.search(SearchQuery(name="存在しない名前")) == []


def test_logs_carry_no_personal_data(store: RecordStore, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    record = store.save_verification(full_verification(), actor="a")
    store.search(SearchQuery(name="髙橋"))
    store.set_decision(record.id, DecisionEntry(Decision.REJECTED, "山田", WHEN), actor="a")
    text = caplog.text
    assert caplog.records  # something was logged
    for secret in ("髙橋", "高橋", "タカハシ", "1980", "AB12", "千代田", "山田"):
        assert secret not in text


def test_summary_repr_hides_names(store: RecordStore) -> None:
    store.save_verification(full_verification(), actor="a")
    (summary,) = store.list_recent()
    assert "髙橋" not in repr(summary)
    assert "髙橋" not in repr(store.get(summary.id).client)
