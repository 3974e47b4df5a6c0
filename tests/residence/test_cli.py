"""``kyc-desk card read --json`` on the residence card and the driver's licence, through pcscd + vpcd."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from asn1crypto import pem

from kyc_desk.cli.main import main
from kyc_desk.i18n import set_language
from kyc_desk_testkit.softcard.driver_licence import build_driver_licence
from kyc_desk_testkit.softcard.persona import demo_personas
from kyc_desk_testkit.softcard.residence import build_residence_card, residence_issuer_certificate
from tests.plugins.pcsc import VpcdSlot


@pytest.fixture(autouse=True)
def japanese() -> Iterator[None]:
    """These tests read Japanese text: fix the language (an earlier ``main(["--lang", "en", …])`` in the same
    process would otherwise leave English set), and give the environment's choice back afterwards."""
    set_language("ja")
    yield
    set_language(None)


def _run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str, *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(["card", "read", "--json", "--secrets-stdin", *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.pcsc
def test_residence_card_json(
    vpcd_slot: VpcdSlot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "trust").mkdir()
    (tmp_path / "trust" / "residence-test.pem").write_bytes(pem.armor("CERTIFICATE", residence_issuer_certificate()))
    vpcd_slot.insert(build_residence_card(demo_personas()["alex"])[0])
    photo = tmp_path / "photo.png"
    status, out, _ = _run(
        monkeypatch, capsys, "card_number=AB12345678CD\n", "--reader", vpcd_slot.reader,
        "--trust-dir", str(tmp_path / "trust"), "--photo-out", str(photo),
    )  # fmt: skip
    assert status == 0
    document = json.loads(out)
    assert document["card_type"] == "residence_card"
    assert document["card"]["number"] == "AB12345678CD"
    assert document["checks"] == [
        {"name": "residence.check_code", "status": "valid", "reason": "residence.check_code_valid",
         "params": document["checks"][0]["params"], "detail": document["checks"][0]["detail"]}
    ]
    assert photo.read_bytes().startswith(b"\x89PNG")


@pytest.mark.pcsc
def test_residence_card_wrong_number_is_one_line(
    vpcd_slot: VpcdSlot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    vpcd_slot.insert(build_residence_card(demo_personas()["alex"])[0])
    status, out, err = _run(monkeypatch, capsys, "card_number=AB12345678CE\n", "--reader", vpcd_slot.reader)
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and "AB12345678" not in err and "Traceback" not in err


@pytest.mark.pcsc
def test_driver_licence_json(
    vpcd_slot: VpcdSlot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    vpcd_slot.insert(build_driver_licence(demo_personas()["taro"])[0])
    status, out, _ = _run(monkeypatch, capsys, "pin1=1234\npin2=5678\n", "--reader", vpcd_slot.reader)
    assert status == 0
    document = json.loads(out)
    assert document["card_type"] == "driver_licence"
    assert document["card"]["number"] == "123456789012"
    assert document["holder"]["birth_date"] == "1961-08-04"
    assert document["pin_tries"] == {"pin1": 3, "pin2": 3}
    assert document["checks"][0]["status"] == "not_verifiable"


@pytest.mark.pcsc
def test_driver_licence_json_shows_the_address_after_a_move_as_current(
    vpcd_slot: VpcdSlot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """EF04 records a move: ``card read --json`` gives the new address as the holder's, the old as history."""
    softcard, _ = build_driver_licence(demo_personas()["taro"], changed_address="東京都港区芝公園四丁目2番8号")
    vpcd_slot.insert(softcard)
    status, out, _ = _run(monkeypatch, capsys, "pin1=1234\npin2=5678\n", "--reader", vpcd_slot.reader)
    assert status == 0
    document = json.loads(out)
    assert document["holder"]["address"] == "東京都港区芝公園四丁目２番８号"
    assert document["extra"]["original_address"] == "東京都千代田区霞が関一丁目１番１号"
    assert "2025-04-01 新住所" in document["extra"]["change_history"]


@pytest.mark.pcsc
def test_driver_licence_wrong_pin_is_one_line(
    vpcd_slot: VpcdSlot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    softcard = vpcd_slot.insert(build_driver_licence(demo_personas()["taro"])[0])
    status, out, err = _run(monkeypatch, capsys, "pin1=1111\n", "--reader", vpcd_slot.reader)
    assert status == 1 and out == ""
    assert "残り 2 回" in err and "1111" not in err
    assert softcard.verify_attempts == 1


@pytest.mark.parametrize("typed", ["AB12345678CD", "ａｂ１２３４５６７８ｃｄ"])
def test_terminal_prompt_says_there_is_no_try_limit(
    typed: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """At a terminal the card number is asked once, with "no limit on tries" instead of a count."""
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.transport.memory import HandlerTransport
    from kyc_desk.cli.card import TerminalPrompt
    from kyc_desk.documents import documents

    asked: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda label: asked.append(label) or typed)
    soft = build_residence_card(demo_personas()["alex"])[0]
    reading = documents().get("residence_card").read_card(Card(HandlerTransport(soft.process)), TerminalPrompt())
    assert reading.card.number == "AB12345678CD"
    assert len(asked) == 1 and "在留カード等番号" in asked[0]
    assert "入力回数の制限はありません" in capsys.readouterr().err


def test_stdin_prompt_without_card_number_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.transport.memory import HandlerTransport
    from kyc_desk.cli.card import StdinPrompt
    from kyc_desk.documents import SecretRequired, documents

    soft = build_residence_card(demo_personas()["alex"])[0]
    transport = HandlerTransport(soft.process)
    with pytest.raises(SecretRequired, match="card_number"):
        documents().get("residence_card").read_card(Card(transport), StdinPrompt({}, allow_last_try=False))
    assert transport.sent == []


@pytest.mark.pcsc
def test_second_generation_residence_card_json(
    vpcd_slot: VpcdSlot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kyc_desk_testkit.softcard.residence2 import build_residence2_card, residence2_issuer_certificate

    (tmp_path / "trust").mkdir()
    (tmp_path / "trust" / "ca2-test.pem").write_bytes(pem.armor("CERTIFICATE", residence2_issuer_certificate()))
    vpcd_slot.insert(build_residence2_card(demo_personas()["alex"])[0])
    status, out, _ = _run(
        monkeypatch, capsys, "card_number=AB12345678CD\n", "--reader", vpcd_slot.reader,
        "--trust-dir", str(tmp_path / "trust"),
    )  # fmt: skip
    assert status == 0
    document = json.loads(out)
    assert document["card_type"] == "residence_card"
    assert document["card"]["number"] == "AB12345678CD"
    assert document["extra"]["generation"] == "2"
    assert document["holder"]["birth_date"] == "1985-03-15"
    assert [(c["name"], c["status"]) for c in document["checks"]] == [("residence.check_code", "valid")]
