"""``kyc-desk card read`` against the My Number software card on the virtual reader."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from kyc_desk.cli.card import CardCommandError, parse_secret_lines
from kyc_desk.cli.main import main
from kyc_desk_testkit.softcard.mynumber import MyNumberCardOptions, MyNumberSoftCard, build_mynumber_card
from tests.plugins.pcsc import VpcdSlot

AT = "2025-01-15T09:00:00+00:00"


def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str, *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(["--lang", "en", "card", "read", "--secrets-stdin", "--at", AT, *args])
    out, err = capsys.readouterr()
    return status, out, err


def secrets_of(card: MyNumberSoftCard, *names: str) -> str:
    return "".join(f"{name}={card.secrets[name]}\n" for name in names)


@pytest.mark.pcsc
def test_json_read_with_photo(
    vpcd_slot: VpcdSlot,
    trust_folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    soft = vpcd_slot.insert(build_mynumber_card("jiro"))
    assert isinstance(soft, MyNumberSoftCard)
    photo = tmp_path / "photo.png"
    status, out, _err = run_cli(
        monkeypatch, capsys, secrets_of(soft, "code_b", "sign_pin"),
        "--json", "--reader", vpcd_slot.reader[-6:], "--trust-dir", str(trust_folder), "--photo-out", str(photo),
    )  # fmt: skip
    assert status == 0
    document = json.loads(out)
    assert document["card_type"] == "mynumber"
    assert document["holder"] == {
        "name": "鈴木\u3000次郎",
        "address": "大阪府大阪市北区中之島一丁目3番20号",
        "birth_date": "1942-11-20",
        "sex": "male",
    }
    assert document["card"] == {"expiry": soft.expiry.isoformat()}  # type: ignore[union-attr]
    assert document["pin_tries"] == {"code_b": 10, "sign_pin": 5}
    assert document["photo"]["format"] == "jp2" and (document["photo"]["width"], document["photo"]["height"]) == (
        120,
        160,
    )
    statuses = {c["name"]: c["status"] for c in document["checks"]}
    assert statuses["surface.signature"] == "valid" and statuses["jpki.challenge"] == "valid"
    assert statuses["cross.name"] == "consistent" and statuses["jpki.revocation"] == "not_verifiable"
    with Image.open(photo) as image:
        assert image.format == "PNG" and image.size == (120, 160)
    assert soft.forbidden_touches == []


@pytest.mark.pcsc
def test_unknown_issuer_card_reads_with_exit_zero_and_says_untrusted(
    vpcd_slot: VpcdSlot, trust_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    soft = vpcd_slot.insert(build_mynumber_card("taro", MyNumberCardOptions(rogue_issuers=True)))
    assert isinstance(soft, MyNumberSoftCard)
    status, out, _err = run_cli(monkeypatch, capsys, secrets_of(soft, "code_b"), "--trust-dir", str(trust_folder))
    assert status == 0
    assert "[Unknown issuer] card face signature" in out and "[Not present] signature certificate" in out


@pytest.mark.pcsc
@pytest.mark.parametrize(
    ("options", "stdin", "needle"),
    [
        ({}, "code_b=55021720352285\n", "9 tries left"),
        ({"tries": {"surface_code_b": 0}}, "code_b=55021720352285\n", "blocked"),
        ({"tries": {"surface_code_b": 1}}, "code_b=55021720352285\n", "--allow-last-try"),
        ({}, "code_b=12\n", "14 digits"),
    ],
)
def test_failures_exit_one_with_one_line(
    vpcd_slot: VpcdSlot,
    trust_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    options: dict[str, object],
    stdin: str,
    needle: str,
) -> None:
    soft = vpcd_slot.insert(build_mynumber_card("taro", MyNumberCardOptions(**options)))  # type: ignore[arg-type]
    assert isinstance(soft, MyNumberSoftCard)
    status, out, err = run_cli(monkeypatch, capsys, stdin, "--json", "--trust-dir", str(trust_folder))
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and needle in err and "Traceback" not in err
    assert "5502" not in err  # the secret is never echoed
    assert soft.forbidden_touches == []


@pytest.mark.pcsc
def test_card_removed_mid_read(
    vpcd_slot: VpcdSlot, trust_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    soft = vpcd_slot.insert(build_mynumber_card("taro"))
    assert isinstance(soft, MyNumberSoftCard)
    vpcd_slot.bridge.remove_after(15)
    status, out, err = run_cli(
        monkeypatch, capsys, secrets_of(soft, "code_b"), "--json", "--trust-dir", str(trust_folder)
    )
    assert status == 1 and out == "" and err.count("\n") == 1
    assert soft.forbidden_touches == []


@pytest.mark.pcsc
def test_not_a_my_number_card_and_no_card(
    vpcd_slot: VpcdSlot, trust_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kyc_desk_testkit.softcard.registry import build_card

    status, _out, err = run_cli(monkeypatch, capsys, "", "--reader", vpcd_slot.reader, "--trust-dir", str(trust_folder))
    assert status == 1 and "no card" in err.lower()
    vpcd_slot.insert(build_card("minimal-unknown"))
    status, _out, err = run_cli(monkeypatch, capsys, "", "--reader", vpcd_slot.reader, "--trust-dir", str(trust_folder))
    assert status == 1 and "not supported" in err


def test_a_broken_trust_folder_fails_before_touching_the_card(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.pem").write_text("nonsense")
    status, _out, err = run_cli(monkeypatch, capsys, "code_b=55021720352285\n", "--trust-dir", str(tmp_path))
    assert status == 1 and "bad.pem" in err


def test_secret_lines() -> None:
    assert parse_secret_lines("code_b=1\n\n# comment\n sign_pin = AB12CD \n") == {"code_b": "1", "sign_pin": "AB12CD"}
    for bad in ("pin=1", "code_b", "code_b=1\ncode_b=2"):
        with pytest.raises(CardCommandError) as caught:
            parse_secret_lines(bad)
        assert "1" not in caught.value.message.split(":")[-1] or "line" in caught.value.message


def test_secrets_are_never_taken_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["card", "read", "--code-b", "55021720352285"])


def test_terminal_prompt_shows_tries_first_and_asks_before_the_last_try(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kyc_desk.cards.apps.mynumber import SECRETS, SecretRequest
    from kyc_desk.cli.card import TerminalPrompt

    typed = iter(["ABC123", "", "ABC123"])
    answers = iter(["n", "y"])
    monkeypatch.setattr("getpass.getpass", lambda _label: next(typed))
    monkeypatch.setattr("builtins.input", lambda _question: next(answers))
    prompt = TerminalPrompt()
    first = prompt(SecretRequest("sign_pin", 5, SECRETS["sign_pin"]))
    assert first is not None and first.value == "ABC123" and not first.confirm_last_try
    assert "5" in capsys.readouterr().err  # the tries were shown before the question
    assert prompt(SecretRequest("sign_pin", 5, SECRETS["sign_pin"])) is None  # empty answer: skipped
    assert prompt(SecretRequest("sign_pin", 1, SECRETS["sign_pin"])) is None  # declined the last try
    last = prompt(SecretRequest("sign_pin", 1, SECRETS["sign_pin"]))
    assert last is not None and last.confirm_last_try


@pytest.mark.pcsc
def test_a_clone_reads_with_exit_zero_and_says_suspected_copy(
    vpcd_slot: VpcdSlot, trust_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The software card's clone mode served by name, as ``serve --card mynumber-clone`` serves it."""
    from kyc_desk_testkit.softcard.registry import build_card

    soft = vpcd_slot.insert(build_card("mynumber-clone", "taro"))
    assert isinstance(soft, MyNumberSoftCard)
    status, out, _err = run_cli(monkeypatch, capsys, secrets_of(soft, "code_b"), "--trust-dir", str(trust_folder))
    assert status == 0
    assert "[Suspected copy] chip presence (card key signature)" in out and "[Signature OK] card face signature" in out
