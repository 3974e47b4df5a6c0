"""doctor's pcsc check names each reader's family and the kind of card on it.

The pcsc-marked tests put real software cards on the vpcd reader of a real pcscd (tests/plugins/pcsc.py);
the others feed the check a survey, to cover readers no machine here has (contact-only readers, USB
readers pcscd cannot see).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kyc_desk import doctor
from kyc_desk.cards.detect import CardKind
from kyc_desk.cards.survey import CardState, ReaderSurvey
from kyc_desk.cards.transport.readers import identify_reader
from kyc_desk_testkit.softcard.registry import build_card

SELECT, READ_BINARY = 0xA4, 0xB0


def _row(finding: doctor.Finding, reader: str) -> dict[str, object]:
    readers = finding.data["readers"]
    assert isinstance(readers, list)
    return next(r for r in readers if r["name"] == reader)


@pytest.mark.pcsc
@pytest.mark.parametrize(
    ("kind", "card_kind", "label"),
    [
        ("minimal-mynumber", "mynumber", "マイナンバーカードを検出しました"),
        ("minimal-licence", "driver_licence", "運転免許証を検出しました"),
        ("minimal-residence", "residence_card", "在留カードを検出しました"),
        ("minimal-special-permanent", "special_permanent_resident", "特別永住者証明書を検出しました"),
    ],
)
def test_names_the_card_on_the_virtual_reader_with_selects_only(vpcd_slot, kind, card_kind, label):
    soft = vpcd_slot.insert(build_card(kind))
    finding = doctor.check_pcsc()
    row = _row(finding, vpcd_slot.reader)
    assert (row["family"], row["card"], row["card_kind"]) == ("virtual", "detected", card_kind)
    assert row["label"] == "仮想リーダー（テスト用）"
    assert f"仮想リーダー（テスト用） 「{vpcd_slot.reader}」 — {label}" in finding.detail
    assert finding.status is doctor.Status.OK and finding.fix == ""
    # no PIN, no try spent; nothing but SELECTs, and for the residence family the free card-type file (SFI 0A)
    assert soft.verify_attempts == 0 and soft.verify_queries == 0
    reads = [(p1, p2) for _, ins, p1, p2 in soft.commands if ins == READ_BINARY]
    assert {ins for _, ins, _, _ in soft.commands} <= {SELECT, READ_BINARY}
    assert reads in ([], [(0x8A, 0x00)]), reads


@pytest.mark.pcsc
def test_a_card_of_no_known_kind_is_said_so(vpcd_slot):
    soft = vpcd_slot.insert(build_card("minimal-unknown"))
    finding = doctor.check_pcsc()
    row = _row(finding, vpcd_slot.reader)
    assert (row["card"], row["card_kind"]) == ("unknown", "unknown")
    assert "カードを検出しましたが、対応する種類ではありません" in finding.detail
    assert finding.status is doctor.Status.WARN
    assert "本人確認書類" in finding.fix
    assert soft.verify_attempts == 0 and soft.verify_queries == 0


@pytest.mark.pcsc
def test_an_empty_reader_is_ready(vpcd_slot):
    finding = doctor.check_pcsc()
    row = _row(finding, vpcd_slot.reader)
    assert (row["card"], row["card_kind"]) == ("absent", None)
    assert f"「{vpcd_slot.reader}」 — カードなし（読み取りの準備ができています）" in finding.detail
    assert finding.status is doctor.Status.OK


@pytest.mark.pcsc
def test_a_card_another_program_holds_is_left_alone(vpcd_slot):
    soft = vpcd_slot.insert(build_card("minimal-mynumber"))
    vpcd_slot.connect()  # exclusive, as the desk's card session holds it
    before = len(soft.commands)
    finding = doctor.check_pcsc()
    assert _row(finding, vpcd_slot.reader)["card"] == "in_use"
    assert "他のプログラムが使用中" in finding.detail
    assert len(soft.commands) == before


@pytest.mark.pcsc
def test_doctor_json_carries_the_readers(vpcd_slot, tmp_path: Path):
    """The real command in its own process (through the same pcscd: PCSCLITE_CSOCK_NAME is inherited)."""
    vpcd_slot.insert(build_card("minimal-residence"))
    environment = {**os.environ, "KYC_DESK_HOME": str(tmp_path / "home"), "KYC_DESK_LANG": "en"}
    done = subprocess.run(
        [sys.executable, "-m", "kyc_desk.cli.main", "doctor", "--json"],
        capture_output=True, text=True, env=environment, timeout=120, check=False,
    )
    pcsc = next(c for c in json.loads(done.stdout)["checks"] if c["name"] == "pcsc")
    row = next(r for r in pcsc["data"]["readers"] if r["name"] == vpcd_slot.reader)
    assert row["family"] == "virtual" and row["interface"] == "virtual" and row["slot"] == "card"
    assert (row["card"], row["card_kind"]) == ("detected", "residence_card")
    assert row["message"] == "residence card detected"
    assert f'virtual reader (for testing) "{vpcd_slot.reader}" — residence card detected' in pcsc["detail"]
    assert "residence_card" in row["reads"]


def _survey(monkeypatch: pytest.MonkeyPatch, *surveys: ReaderSurvey, usb: list[tuple[int, int]] | None = None):
    import kyc_desk.cards.survey as survey_module
    import kyc_desk.cards.transport.readers as readers_module

    monkeypatch.setattr(survey_module, "survey_readers", lambda: list(surveys))
    monkeypatch.setattr(readers_module, "sysfs_usb_devices", lambda root=None: list(usb or []))
    return doctor.check_pcsc()


def _reader(name: str, state: CardState = CardState.ABSENT, kind: CardKind | None = None) -> ReaderSurvey:
    return ReaderSurvey(name, identify_reader(name), state, kind)


def test_a_contact_reader_alone_cannot_read_licences_or_residence_cards(monkeypatch):
    finding = _survey(monkeypatch, _reader("ACS ACR39U ICC Reader 00 00", CardState.DETECTED, CardKind.MYNUMBER))
    assert finding.status is doctor.Status.WARN
    line = "ACS ACR39U / ACR39-NTTCom 等（接触） 「ACS ACR39U ICC Reader 00 00」 — マイナンバーカードを検出しました"
    assert line in finding.detail
    assert "接触型リーダーでは運転免許証・在留カード・特別永住者証明書は読めません" in finding.fix
    assert _row(finding, "ACS ACR39U ICC Reader 00 00")["reads"] == ["mynumber"]


def test_a_contact_reader_beside_a_contactless_one_is_fine(monkeypatch):
    finding = _survey(
        monkeypatch,
        _reader("Gemalto PC Twin Reader 00 00"),
        _reader("SONY FeliCa RC-S300/P (0201504) 01 00"),
    )
    assert finding.status is doctor.Status.OK, finding.fix
    assert "Sony RC-S300（非接触） 「SONY FeliCa RC-S300/P (0201504) 01 00」 — カードなし" in finding.detail


def test_a_contact_reader_beside_only_virtual_readers_still_warns(monkeypatch):
    finding = _survey(monkeypatch, _reader("Virtual PCD 00 00"), _reader("NTT Communications Corp. "
                      "SCR3310-NTTCom USB SmartCard Reader 00 00"))
    assert finding.status is doctor.Status.WARN
    assert "非接触リーダー" in finding.fix


def test_sam_slots_are_named_and_never_count_as_card_slots(monkeypatch):
    finding = _survey(
        monkeypatch,
        _reader("ACS ACR1252 Dual Reader [ACR1252 Dual Reader PICC] 00 00"),
        _reader("ACS ACR1252 Dual Reader [ACR1252 Dual Reader SAM] 00 01", CardState.NOT_PROBED),
    )
    assert finding.status is doctor.Status.OK
    assert "SAM スロット（本人確認書類用ではありません）" in finding.detail
    assert _row(finding, "ACS ACR1252 Dual Reader [ACR1252 Dual Reader SAM] 00 01")["slot"] == "sam"


def test_an_unrecognised_reader_is_still_listed(monkeypatch):
    finding = _survey(monkeypatch, _reader("HID Global OMNIKEY 5022 Smart Card Reader 0"))
    assert finding.status is doctor.Status.OK
    assert "機種不明のリーダー 「HID Global OMNIKEY 5022 Smart Card Reader 0」" in finding.detail
    assert _row(finding, "HID Global OMNIKEY 5022 Smart Card Reader 0")["family"] is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sysfs hints are for Linux")
def test_no_reader_but_an_acr122u_on_usb_hints_at_pn533(monkeypatch):
    finding = _survey(monkeypatch, usb=[(0x072F, 0x2200)])
    assert finding.status is doctor.Status.WARN
    assert "pn533_usb" in finding.fix and "blacklist" in finding.fix
    assert finding.data["hints"] == [finding.fix]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sysfs hints are for Linux")
def test_only_virtual_readers_and_an_rc_s380_on_usb(monkeypatch):
    finding = _survey(monkeypatch, _reader("Virtual PCD 00 00"), usb=[(0x054C, 0x06C1)])
    assert finding.status is doctor.Status.WARN
    assert "RC-S380" in finding.fix and "CCID" in finding.fix


def test_no_reader_and_nothing_on_usb(monkeypatch):
    finding = _survey(monkeypatch)
    assert finding.status is doctor.Status.WARN
    assert finding.fix == "NFC カードリーダーを接続してください。"
    assert finding.data == {"readers": [], "hints": []}
