"""Returning clients by card: the user-authentication PIN links the certificate serial to the client, and a
second read of the same card finds them — one VERIFY per PIN typed, through pcscd and the virtual reader."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kyc_desk.cards.apdu import CommandApdu, Ins, ResponseApdu
from kyc_desk.cards.apps.mynumber import Secret, SecretRequest, read_mynumber
from kyc_desk.cards.apps.mynumber.reader import MyNumberReadOptions
from kyc_desk.cards.errors import PinIncorrect
from kyc_desk.cards.reading import CardReading
from kyc_desk.records import RecordStore
from kyc_desk.verify.card_link import card_link
from kyc_desk.verify.mynumber import AUTH_CHALLENGE, verify_mynumber
from kyc_desk.verify.report import Verdict, VerificationReport
from kyc_desk.verify.trust import load_trust_store
from kyc_desk_testkit.softcard.mynumber import MyNumberCardOptions, MyNumberSoftCard, build_mynumber_card
from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors
from tests.plugins.pcsc import VpcdSlot
from tests.records.conftest import FAST_SCRYPT, PASSPHRASE, full_verification

AT = dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.UTC)
ONLY_AUTH = MyNumberReadOptions(surface=False, text=False, sign=False, auth=True)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[RecordStore]:
    created, _recovery = RecordStore.create(
        mode="passphrase", folder=tmp_path / "records", passphrase=PASSPHRASE, scrypt=FAST_SCRYPT
    )
    try:
        yield created
    finally:
        created.close()


@pytest.fixture
def anchors_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "trust"
    write_trust_anchors(folder, softcard_issuers())
    return folder


def count_verifies(card: MyNumberSoftCard) -> list[int]:
    """Counts the VERIFY commands that carry a secret (the empty tries query carries none)."""
    typed: list[int] = []
    inner: Callable[[CommandApdu], ResponseApdu] = card.process

    def process(command: CommandApdu) -> ResponseApdu:
        if command.ins == Ins.VERIFY and command.data:
            typed.append(len(command.data))
        return inner(command)

    card.process = process  # type: ignore[method-assign]
    return typed


def read_with_pin(
    vpcd_slot: VpcdSlot, card: MyNumberSoftCard, pin: str, shown: list[tuple[str, int]]
) -> CardReading:
    def prompt(request: SecretRequest) -> Secret:
        shown.append((request.name, request.tries_left))  # the tries, shown before the client types
        return Secret(pin)

    vpcd_slot.remove()
    vpcd_slot.insert(card)
    return read_mynumber(vpcd_slot.open_card(), prompt, options=ONLY_AUTH)


def verified(reading: CardReading, folder: Path, at: dt.datetime = AT) -> VerificationReport:
    return verify_mynumber(reading, anchors=load_trust_store(folder), at=at)


@pytest.mark.pcsc
def test_the_authentication_pin_links_the_card_and_a_second_read_finds_the_client(
    vpcd_slot: VpcdSlot, anchors_folder: Path, store: RecordStore
) -> None:
    card = build_mynumber_card("taro")
    assert isinstance(card, MyNumberSoftCard)
    typed = count_verifies(card)
    shown: list[tuple[str, int]] = []
    first = read_with_pin(vpcd_slot, card, card.secrets["auth_pin"], shown)
    assert shown == [("auth_pin", 3)] and typed == [4]  # tries shown first, one VERIFY for the PIN typed
    report = verified(first, anchors_folder)
    assert report.get(AUTH_CHALLENGE).verdict is Verdict.VALID  # type: ignore[union-attr]
    link = card_link(first, report).link
    assert link is not None and link.serial == "2B0001" and "JPKI for user authentication" in link.issuer

    record = store.save_verification(full_verification(report=report.checks), actor="test")
    store.link_card(record.id, link, actor="test")
    assert store.verify_audit().ok

    second = read_with_pin(vpcd_slot, card, card.secrets["auth_pin"], shown)
    assert typed == [4, 4]
    again = card_link(second, verified(second, anchors_folder)).link
    assert again == link
    (found,) = store.find_by_card(again)
    assert found.id == record.id and found.subject_name == "髙橋 﨑子"  # the client of the earlier check
    assert found.verified_on == record.verified_on


@pytest.mark.pcsc
def test_a_wrong_pin_is_sent_once_and_never_retried(vpcd_slot: VpcdSlot) -> None:
    card = build_mynumber_card("taro")
    assert isinstance(card, MyNumberSoftCard)
    typed = count_verifies(card)
    with pytest.raises(PinIncorrect):
        read_with_pin(vpcd_slot, card, "0000", [])
    assert typed == [4]


def test_no_link_without_a_valid_proof(anchors_folder: Path, store: RecordStore) -> None:
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.transport.memory import HandlerTransport

    def read(options: MyNumberCardOptions | None = None) -> CardReading:
        card = build_mynumber_card("taro", options)
        return read_mynumber(
            Card(HandlerTransport(card.process)), lambda _r: Secret(card.secrets["auth_pin"]), options=ONLY_AUTH
        )

    plain = read()
    expired = card_link(plain, verified(plain, anchors_folder, at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC)))
    assert expired.link is None and ("broken" in expired.reason or "切れて" in expired.reason)
    rogue = read(MyNumberCardOptions(rogue_issuers=True))
    assert card_link(rogue, verified(rogue, anchors_folder)).link is None
    without = read_mynumber(
        Card(HandlerTransport(build_mynumber_card("taro").process)), lambda _r: None, options=ONLY_AUTH
    )
    result = card_link(without, verified(without, anchors_folder))
    assert result.link is None and result.reason


@pytest.mark.pcsc
def test_card_read_by_card_prints_the_link(
    vpcd_slot: VpcdSlot, anchors_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import json

    from kyc_desk.cli.main import main

    card = vpcd_slot.insert(build_mynumber_card("taro"))
    assert isinstance(card, MyNumberSoftCard)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"auth_pin={card.secrets['auth_pin']}\n"))
    status = main(["--lang", "en", "card", "read", "--secrets-stdin", "--at", AT.isoformat(), "--json", "--by-card",
                   "--reader", vpcd_slot.reader[-6:], "--trust-dir", str(anchors_folder)])  # fmt: skip
    out, err = capsys.readouterr()
    assert status == 0, err
    document = json.loads(out)
    assert document["card_link"]["linked"] is True and document["card_link"]["serial"] == "2B0001"
    assert document["pin_tries"]["auth_pin"] == 3
    assert {c["name"]: c["status"] for c in document["checks"]}[AUTH_CHALLENGE] == "valid"


def test_the_link_is_saved_with_the_record_or_not_at_all(
    anchors_folder: Path, store: RecordStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``NewVerification.card_link`` is stored the link in the record's own transaction: when the save
    fails after the link row was written (here: the audit entry), neither the record nor the link remains."""
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.transport.memory import HandlerTransport
    from kyc_desk.records import store as store_module

    card = build_mynumber_card("taro")
    reading = read_mynumber(
        Card(HandlerTransport(card.process)), lambda _r: Secret(card.secrets["auth_pin"]), options=ONLY_AUTH
    )
    link = card_link(reading, verified(reading, anchors_folder)).link
    assert link is not None

    def failing_audit(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store_module, "append_entry", failing_audit)
    with pytest.raises(RuntimeError):
        store.save_verification(dataclasses.replace(full_verification(), card_link=link), actor="test")
    monkeypatch.undo()
    assert store.count() == 0 and store.find_by_card(link) == []

    record = store.save_verification(dataclasses.replace(full_verification(), card_link=link), actor="test")
    (found,) = store.find_by_card(link)
    assert found.id == record.id and store.verify_audit().ok
