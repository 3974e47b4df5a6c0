"""Matters (parties, end date, retention, 取引記録, search by matter), meetings (面談カード・面談記録), and
migration 0005 upgrading a 0004 store without losing anything."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from alembic.config import Config

from kyc_desk.records import InvalidRecord, PassphraseKeySource, RecordNotFound, RecordStore
from kyc_desk.records._db import HEAD_REVISION, MIGRATIONS, current_revision
from kyc_desk.records.model import (
    ClientQuery,
    Confirmed,
    Decision,
    DecisionEntry,
    Engagement,
    IdentityResult,
    Matter,
    MatterQuery,
    MeetingMode,
    MeetingQuery,
    MeetingStatus,
    NewMeeting,
    Party,
    PartyRole,
    Person,
    SearchQuery,
    TransactionEntry,
)
from tests.records.conftest import JST, PASSPHRASE, WHEN, full_verification

SALE = Matter("所有権移転登記（売買）", "real_estate_sale", dt.date(2026, 11, 1), reference="2026-123")


def two_clients(store: RecordStore) -> tuple[int, int]:
    seller = store.add_client(Person("売主 一郎", birth_date=dt.date(1950, 3, 3)), actor="a")
    buyer = store.add_client(Person("買主 花子", birth_date=None), actor="a")
    return seller.id, buyer.id


def test_matter_with_parties_edit_close_and_retention(store: RecordStore) -> None:
    seller, buyer = two_clients(store)
    matter = store.create_matter(SALE, [Party(seller, PartyRole.SELLER), Party(buyer, PartyRole.BUYER)],
                                 note="決済日 12/10", actor="a")
    assert matter.client_id == seller and matter.note == "決済日 12/10"
    assert [(p.client.person.name, p.role) for p in matter.parties] == [
        ("売主 一郎", PartyRole.SELLER), ("買主 花子", PartyRole.BUYER)
    ]
    assert matter.retention_until is None  # open: kept until it ends
    record = store.save_verification(full_verification(client=seller, matter=matter.id), actor="a")
    assert record.retention_until is None

    edited = store.edit_matter(matter.id, Matter("所有権移転登記", "real_estate_sale", dt.date(2026, 11, 2),
                                                 reference="2026-123"), actor="a")
    assert edited.matter.title == "所有権移転登記" and edited.note is None
    closed = store.close_matter(matter.id, dt.date(2026, 12, 10), actor="a")
    assert closed.matter.ended_on == dt.date(2026, 12, 10)
    assert closed.retention_until == dt.date(2036, 12, 10)  # 10 years from the end
    assert store.get(record.id).retention_until == dt.date(2036, 12, 10)
    with pytest.raises(InvalidRecord):
        store.close_matter(matter.id, dt.date(2020, 1, 1), actor="a")
    with pytest.raises(InvalidRecord):
        store.create_matter(SALE, [], actor="a")
    with pytest.raises(InvalidRecord):
        store.create_matter(SALE, [Party(seller, PartyRole.OTHER)], actor="a")  # "other" says what
    with pytest.raises(RecordNotFound):
        store.create_matter(SALE, [Party(9999)], actor="a")
    assert store.verify_audit().ok


def test_parties_added_and_removed_and_matters_filtered(store: RecordStore) -> None:
    seller, buyer = two_clients(store)
    sale = store.create_matter(SALE, [Party(seller, PartyRole.SELLER)], actor="a")
    estate = store.create_matter(
        Matter("相続登記", "inheritance", dt.date(2026, 10, 1)), [Party(buyer, PartyRole.HEIR)], actor="a"
    )
    sale = store.add_party(sale.id, Party(buyer, PartyRole.BUYER), actor="a")
    assert len(sale.parties) == 2
    with pytest.raises(InvalidRecord):
        store.add_party(sale.id, Party(buyer, PartyRole.BUYER), actor="a")
    sale = store.remove_party(sale.id, buyer, PartyRole.BUYER, actor="a")
    assert [p.client.id for p in sale.parties] == [seller]
    with pytest.raises(InvalidRecord):  # the last party stays
        store.remove_party(sale.id, seller, PartyRole.SELLER, actor="a")
    store.close_matter(estate.id, dt.date(2026, 11, 30), actor="a")
    assert [m.id for m in store.list_matters(MatterQuery())] == [sale.id, estate.id]
    assert [m.id for m in store.list_matters(MatterQuery(open_only=True))] == [sale.id]
    assert [m.id for m in store.list_matters(MatterQuery(client_id=buyer))] == [estate.id]
    assert [m.id for m in store.list_matters(MatterQuery(text="ｿｳｿﾞｸ"))] == []
    assert [m.id for m in store.list_matters(MatterQuery(text="相続"))] == [estate.id]
    assert [m.id for m in store.list_matters(MatterQuery(text="2026-123"))] == [sale.id]
    assert [m.id for m in store.list_matters(MatterQuery(kind="inheritance"))] == [estate.id]
    assert store.verify_audit().ok


def test_transactions_per_matter_and_search_by_matter(store: RecordStore) -> None:
    seller, buyer = two_clients(store)
    matter = store.create_matter(SALE, [Party(seller, PartyRole.SELLER), Party(buyer, PartyRole.BUYER)], actor="a")
    first = store.save_verification(full_verification(client=seller, matter=matter.id, transactions=()), actor="a")
    second = store.save_verification(full_verification(client=buyer, matter=matter.id, transactions=()), actor="a")
    store.save_verification(full_verification(), actor="a")  # another matter
    assert [s.id for s in store.search(SearchQuery(matter_id=matter.id))] == [second.id, first.id]
    assert {s.matter_id for s in store.search(SearchQuery(matter_id=matter.id))} == {matter.id}
    entry = TransactionEntry(dt.date(2027, 2, 1), "所有権移転登記の代理", 30_000_000, "売主 一郎", "買主 花子")
    stored = store.add_matter_transaction(matter.id, entry, verification_id=second.id, actor="a")
    assert (stored.matter_id, stored.verification_id, stored.entry) == (matter.id, second.id, entry)
    assert store.matter_transactions(matter.id) == [stored]
    other = store.create_matter(Matter("別件", "generic", dt.date(2026, 1, 1)), [Party(seller)], actor="a")
    with pytest.raises(InvalidRecord):  # the 確認記録 must be this matter's
        store.add_matter_transaction(other.id, entry, verification_id=second.id, actor="a")
    # a transaction in the matter keeps every record of the matter 7 years from it
    store.close_matter(matter.id, dt.date(2027, 2, 1), actor="a")
    assert store.get(first.id).retention_until == dt.date(2037, 2, 1)
    store.add_matter_transaction(matter.id, TransactionEntry(dt.date(2031, 6, 1), "抹消登記の代理"),
                                 verification_id=first.id, actor="a")
    assert store.get(second.id).retention_until == dt.date(2038, 6, 1)
    assert store.verify_audit().ok


def test_clients_found_and_reused(store: RecordStore) -> None:
    record = store.save_verification(full_verification(), actor="a")
    same = Person("髙橋　﨑子", birth_date=dt.date(1980, 2, 17))
    assert store.find_existing_clients(same) == [record.client]
    assert store.find_existing_clients(Person("髙橋 﨑子", birth_date=dt.date(1980, 2, 18))) == []
    assert store.find_clients(ClientQuery(name="たかはし")) == [record.client]
    edited = store.edit_client(record.client.id, Person("髙橋 﨑子", name_kana="タカハシ サキコ",
                                                         birth_date=dt.date(1980, 2, 17), address="京都府"), actor="a")
    assert edited.person.address == "京都府"
    assert store.get(record.id).client.person.address == "京都府"
    assert store.verify_audit().ok


# --- meetings ----------------------------------------------------------------------------------------


def card(matter_id: int, client: int, **changes: object) -> NewMeeting:
    values: dict[str, object] = {
        "starts_at": dt.datetime(2026, 12, 5, 14, 0, tzinfo=JST),
        "ends_at": dt.datetime(2026, 12, 5, 15, 0, tzinfo=JST),
        "matter_id": matter_id,
        "mode": MeetingMode.ONLINE,
        "platform": "zoom",
        "url": "https://us02web.zoom.us/j/81234567890?pwd=abc",
        "meeting_code": "812 3456 7890",
        "passcode": "123456",
        "attendees": (Party(client, PartyRole.SELLER),),
        "staff": ("司法書士 山田", "補助者 佐藤"),
        "recorded_by": "補助者 佐藤",
    }
    values.update(changes)
    return NewMeeting(**values)  # type: ignore[arg-type]


def test_meeting_card_planned_held_with_minutes_and_a_verification(store: RecordStore) -> None:
    seller, _ = two_clients(store)
    matter = store.create_matter(SALE, [Party(seller, PartyRole.SELLER)], actor="a")
    planned = store.add_meeting(card(matter.id, seller), actor="a")
    assert planned.status is MeetingStatus.PLANNED and planned.confirmed == frozenset()
    assert planned.attendees[0].client.person.name == "売主 一郎"
    assert planned.staff == ("司法書士 山田", "補助者 佐藤")
    assert (planned.platform, planned.meeting_code, planned.passcode) == ("zoom", "812 3456 7890", "123456")
    assert planned.starts_at == dt.datetime(2026, 12, 5, 14, 0, tzinfo=JST)
    assert planned.starts_at.utcoffset() == dt.timedelta(hours=9)
    with pytest.raises(InvalidRecord):  # nothing is confirmed at a meeting not held
        store.write_minutes(planned.id, minutes_kind="real_estate_sale", minutes={"person": "本人"},
                            confirmed=frozenset({Confirmed.PERSON}), actor="a")
    held = store.set_meeting_status(planned.id, MeetingStatus.HELD, actor="a")
    assert held.status is MeetingStatus.HELD
    minutes = {"person": "運転免許証で本人確認", "thing": "登記簿で物件を確認", "intent": "売却の意思を確認"}
    written = store.write_minutes(held.id, minutes_kind="real_estate_sale", minutes=minutes,
                                  confirmed=frozenset(Confirmed), notes="次回: 決済日", actor="a")
    assert written.minutes == minutes and written.confirmed == frozenset(Confirmed)
    assert written.notes == "次回: 決済日"
    record = store.save_verification(full_verification(client=seller, matter=matter.id), actor="a")
    linked = store.link_meeting_verification(held.id, record.id, actor="a")
    assert linked.verifications == (record.id,)
    assert store.get(record.id).meetings == (held.id,)
    assert store.get_meeting(held.id) == linked
    assert store.verify_audit().ok


def test_meetings_are_listed_by_matter_client_status_and_japanese_day(store: RecordStore) -> None:
    seller, buyer = two_clients(store)
    matter = store.create_matter(SALE, [Party(seller, PartyRole.SELLER)], actor="a")
    early = store.add_meeting(card(matter.id, seller, starts_at=dt.datetime(2026, 12, 5, 23, 30, tzinfo=dt.UTC),
                                   ends_at=None, mode=MeetingMode.IN_PERSON, place="当事務所", url=None,
                                   platform=None), actor="a")
    later = store.add_meeting(card(matter.id, buyer, status=MeetingStatus.CANCELLED), actor="a")
    assert early.place == "当事務所" and early.mode is MeetingMode.IN_PERSON
    # 23:30 UTC on the 5th is 08:30 on the 6th in Japan
    assert [m.id for m in store.list_meetings(MeetingQuery(start_from=dt.date(2026, 12, 6)))] == [early.id]
    assert [m.id for m in store.list_meetings(MeetingQuery(matter_id=matter.id))] == [later.id, early.id]
    assert [m.id for m in store.list_meetings(MeetingQuery(client_id=buyer))] == [later.id]
    assert [m.id for m in store.list_meetings(MeetingQuery(status=MeetingStatus.CANCELLED))] == [later.id]


@pytest.mark.parametrize(
    "changes",
    [
        {"starts_at": dt.datetime(2026, 12, 5, 14, 0)},  # naive
        {"ends_at": dt.datetime(2026, 12, 5, 13, 0, tzinfo=JST)},  # before the start
        {"url": "javascript:alert(1)"},
        {"status": MeetingStatus.CANCELLED, "verifications": (1,)},
        {"confirmed": frozenset({Confirmed.INTENT})},  # planned
        {"staff": ("",)},
        {"attendees": (Party(1, PartyRole.OTHER),)},
    ],
)
def test_bad_meeting_cards_are_refused_and_nothing_is_saved(store: RecordStore, changes: dict[str, object]) -> None:
    seller, _ = two_clients(store)
    matter = store.create_matter(SALE, [Party(seller)], actor="a")
    store.save_verification(full_verification(client=seller), actor="a")
    with pytest.raises(InvalidRecord):
        store.add_meeting(card(matter.id, seller, **changes), actor="a")
    assert store.list_meetings(MeetingQuery()) == []


# --- migration 0005 ----------------------------------------------------------------------------------


def _downgrade(store: RecordStore, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    with store.engine.execution_options(kyc_write=True).begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
        assert current_revision(conn) == revision


def test_upgrade_from_0004_keeps_rows_and_splits_old_decisions(store: RecordStore) -> None:
    accepted = store.save_verification(full_verification(), actor="a")
    follow_up = store.save_verification(
        full_verification(decision=DecisionEntry(Decision.FOLLOW_UP, "山田", WHEN, "住所を追加確認")), actor="a"
    )
    rejected = store.save_verification(
        full_verification(decision=DecisionEntry(Decision.REJECTED, "山田", WHEN, "受任しない")), actor="a"
    )
    pending = store.save_verification(full_verification(decision=None), actor="a")
    ids = (accepted.id, follow_up.id, rejected.id, pending.id)
    before = {i: store.get(i) for i in ids}
    _downgrade(store, "0004")
    with store.engine.connect() as conn:
        columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(verifications)")}
        assert "identity_result" not in columns and "relied_on_id" not in columns
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "meetings" not in tables and "matter_parties" not in tables
    store.close()

    with RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=store.location.folder) as again:
        with again.engine.connect() as conn:
            assert current_revision(conn) == HEAD_REVISION
        assert again.verify_audit().ok  # the migration recorded every row it added or changed
        after = {i: again.get(i) for i in ids}
        for i in ids:  # nothing of the old record changed
            old, new = before[i], after[i]
            assert (new.client, new.subject, new.matter.matter if new.matter else None, new.events, new.evidence,
                    new.item_checks, new.face_results, new.report, new.decision, new.transactions, new.notes,
                    new.retention_until) == (old.client, old.subject, old.matter.matter if old.matter else None,
                                             old.events, old.evidence, old.item_checks, old.face_results, old.report,
                                             old.decision, old.transactions, old.notes, old.retention_until)
        assert after[accepted.id].identity is not None
        assert after[accepted.id].identity.result is IdentityResult.CONFIRMED
        assert after[accepted.id].engagement is not None
        assert after[accepted.id].engagement.engagement is Engagement.ACCEPTED
        assert after[follow_up.id].identity is not None
        assert after[follow_up.id].identity.result is IdentityResult.NEEDS_MORE
        assert after[follow_up.id].identity.note == "住所を追加確認" and after[follow_up.id].engagement is None
        assert after[rejected.id].identity is None  # the old words did not say
        assert after[rejected.id].engagement is not None
        assert after[rejected.id].engagement.engagement is Engagement.DECLINED
        assert after[pending.id].identity is None and after[pending.id].engagement is None
        # every old matter has its client as a party, so it is found by party like a new one
        matter = after[accepted.id].matter
        assert matter is not None
        assert [(p.client.id, p.role) for p in again.get_matter(matter.id).parties] == [
            (accepted.client.id, PartyRole.CLIENT)
        ]
        assert [m.id for m in again.list_matters(MatterQuery(client_id=accepted.client.id))][-1] == matter.id
        # and the upgraded store takes the new records
        again.add_meeting(card(matter.id, accepted.client.id), actor="a")
        assert again.verify_audit().ok


def test_purge_takes_a_closed_matter_with_its_parties_meetings_and_transactions(store: RecordStore) -> None:
    seller, buyer = two_clients(store)
    matter = store.create_matter(Matter("古い売買", "real_estate_sale", dt.date(2014, 1, 6)),
                                 [Party(seller, PartyRole.SELLER), Party(buyer, PartyRole.BUYER)], actor="a")
    old = dt.datetime(2014, 1, 10, 10, 0, tzinfo=JST)
    record = store.save_verification(
        full_verification(client=seller, matter=matter.id, events={k: old for k in full_verification().events},
                          transactions=(), notes=()),
        actor="a",
    )
    store.add_matter_transaction(matter.id, TransactionEntry(dt.date(2014, 2, 1), "所有権移転登記の代理"),
                                 verification_id=record.id, actor="a")
    meeting = store.add_meeting(card(matter.id, buyer, starts_at=old, ends_at=None, status=MeetingStatus.HELD,
                                     verifications=(record.id,)), actor="a")
    open_matter = store.create_matter(Matter("継続中", "generic", dt.date(2014, 1, 1)), [Party(buyer)], actor="a")
    store.close_matter(matter.id, dt.date(2014, 3, 1), actor="a")
    assert [c.id for c in store.purge_candidates(dt.date(2024, 3, 2))] == [record.id]
    assert store.purge([record.id], today=dt.date(2024, 3, 2), actor="a", confirmed=True) == 1
    with pytest.raises(RecordNotFound):
        store.get_meeting(meeting.id)
    with pytest.raises(RecordNotFound):
        store.get_matter(matter.id)
    assert store.get_matter(open_matter.id).parties[0].client.id == buyer  # still a party elsewhere: kept
    with pytest.raises(RecordNotFound):
        store.get_client(seller)  # nothing refers to the seller any more
    assert store.verify_audit().ok and store.integrity_check() == []


def _schema(conn: object) -> dict[str, object]:
    sql = conn.exec_driver_sql  # type: ignore[attr-defined]
    tables = [r[0] for r in sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {
        "tables": {t: sorted((c[1], c[2], c[3]) for c in sql(f"PRAGMA table_info({t})")) for t in tables},
        "indexes": sorted(r[0] for r in sql("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")),
    }


def test_taking_a_store_back_to_0004_gives_the_0004_schema(store: RecordStore, tmp_path) -> None:
    """The upgrade test starts from a store taken back to 0004: that store has exactly the schema a desk of
    0004 made, so the upgrade is tested from what offices really have."""
    from kyc_desk.records._db import make_engine
    from kyc_desk.records.keys import new_database_key

    _downgrade(store, "0004")
    with store.engine.connect() as conn:
        taken_back = _schema(conn)
    fresh = make_engine(tmp_path / "fresh.db", new_database_key())
    try:
        config = Config()
        config.set_main_option("script_location", MIGRATIONS)
        with fresh.execution_options(kyc_write=True).begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0004")
        with fresh.connect() as conn:
            made_by_0004 = _schema(conn)
    finally:
        fresh.dispose()
    assert taken_back == made_by_0004


def test_a_matter_opened_with_its_first_verification_has_the_client_as_party(store: RecordStore) -> None:
    record = store.save_verification(full_verification(), actor="a")
    assert record.matter is not None
    matter = store.get_matter(record.matter.id)
    assert [(p.client.id, p.role) for p in matter.parties] == [(record.client.id, PartyRole.CLIENT)]
    assert [m.id for m in store.list_matters(MatterQuery(client_id=record.client.id))] == [matter.id]
    assert store.verify_audit().ok
