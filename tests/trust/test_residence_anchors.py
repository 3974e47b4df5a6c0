"""Pinned residence-card roots: ISA's six fingerprints, ``trust add`` refusing others, the test root only in
test mode and never as authenticity, ISA's ZIP archive, and the doctor.

ISA's certificate bytes are not available here, so a root *named* like ISA's is made on a test key and its
fingerprint is injected as a pin (``pins=`` or a patched table) — the product list itself is never weakened.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from asn1crypto import pem

from kyc_desk.app.texts import check_text
from kyc_desk.cards.apps.residence.reader import read_residence_card
from kyc_desk.cards.card import Card
from kyc_desk.cards.transport.memory import HandlerTransport
from kyc_desk.cli.main import main
from kyc_desk.verify import residence_anchors
from kyc_desk.verify.report import Verdict
from kyc_desk.verify.residence import check_residence_card
from kyc_desk.verify.residence_anchors import (
    RESIDENCE_ANCHORS,
    PinnedAnchor,
    ResidenceAnchorRefused,
    admit,
    installed_production_anchors,
)
from kyc_desk.verify.trust import fingerprint_text, load_trust_store
from kyc_desk.verify.trust_admin import install
from kyc_desk_testkit.softcard.persona import demo_personas
from kyc_desk_testkit.softcard.residence2 import (
    build_residence2_card,
    isa_named_issuer_certificate,
    residence2_issuer_certificate,
)

AT = dt.datetime(2026, 11, 21, tzinfo=dt.UTC)
CARDS_MD_C8 = {
    "97:F3:7C:59:67:AF:5F:3C:D8:4E:6E:D6:94:B0:95:39:AB:B7:F8:E7:E7:6B:6F:74:96:A0:60:00:89:82:98:3D",
    "FF:02:32:3C:EA:7B:8C:3D:FC:0D:C2:DE:79:D4:6E:78:51:4A:F5:87:36:85:23:08:6B:18:8E:96:90:AE:C8:61",
    "6F:50:16:1A:A8:0F:7F:F7:C6:30:50:5F:AF:47:29:06:F7:B1:01:D5:08:3E:32:7A:61:82:C8:2C:D7:98:5E:67",
    "BF:85:44:66:ED:9A:BF:61:F5:59:C3:9B:F8:79:05:46:F8:AC:DA:B9:9B:51:FD:23:30:56:36:69:CE:4A:71:B2",
    "11:E6:AD:8B:8E:64:F0:CD:B1:D8:BA:9E:36:89:92:6C:80:E8:47:9A:2F:09:86:16:F6:74:A2:35:82:BE:C1:3B",
    "18:46:B8:15:D3:1F:04:FE:93:D5:74:50:A6:D8:A8:C3:51:EA:C3:D8:C4:44:A2:37:5D:95:73:4D:F7:DD:10:57",
}


def _pin(der: bytes, *, test: bool = False) -> PinnedAnchor:
    return PinnedAnchor("ZairyuCard CA2 (injected)", 2, "05", "-", fingerprint_text(der), test=test)


@pytest.fixture(autouse=True)
def folders(tmp_path: Path) -> None:
    for name in ("trust", "other", "t"):
        (tmp_path / name).mkdir()


def _write(path: Path, der: bytes) -> Path:
    path.write_bytes(pem.armor("CERTIFICATE", der))
    return path


def test_the_product_pins_exactly_the_six_published_fingerprints() -> None:
    assert {pin.fingerprint for pin in RESIDENCE_ANCHORS} == CARDS_MD_C8
    assert [pin.label for pin in RESIDENCE_ANCHORS if pin.test] == ["ZairyuCard CA2 test 2026"]
    assert {pin.generation for pin in RESIDENCE_ANCHORS} == {1, 2}


def test_an_unpinned_isa_named_root_is_refused_by_trust_add(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    candidate = _write(tmp_path / "zairyu-ca2.pem", isa_named_issuer_certificate())
    folder = tmp_path / "trust"
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    status = main(["--lang", "en", "trust", "add", str(candidate), "--trust-dir", str(folder), "--yes"])
    _out, err = capsys.readouterr()
    assert status != 0
    assert "ZairyuCard" in err and "none of the 6" in err and fingerprint_text(isa_named_issuer_certificate()) in err
    assert not list(folder.iterdir())  # nothing installed


def test_a_pinned_root_is_installed_and_named(tmp_path: Path) -> None:
    der = isa_named_issuer_certificate()
    target = install(_write(tmp_path / "ca2.pem", der), tmp_path / "trust", pins=[_pin(der)])
    assert target.exists()
    assert installed_production_anchors([c.der for c in load_trust_store(tmp_path / "trust").certificates], [_pin(der)])


def test_the_test_root_needs_test_mode_and_never_reads_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    der = isa_named_issuer_certificate()
    pins = [_pin(der, test=True)]
    with pytest.raises(ResidenceAnchorRefused) as caught:
        admit(der, pins=pins)
    assert "test-mode" in caught.value.message
    assert admit(der, test_mode=True, pins=pins) == pins[0]
    # a card chaining to the test root: the signature checks out, but it is never production authenticity
    monkeypatch.setattr(residence_anchors, "RESIDENCE_ANCHORS", tuple(pins))
    softcard, _ = build_residence2_card(demo_personas()["alex"], issuer="isa-named")
    reading = read_residence_card(Card(HandlerTransport(softcard.process)), "AB12345678CD")
    check = check_residence_card(reading, anchors=[der], at=AT).checks[0]
    text = check_text(check, "en")
    assert check.verdict is Verdict.UNTRUSTED and "TEST" in text and "signature verified" in text


def test_verification_names_the_pinned_anchor(monkeypatch: pytest.MonkeyPatch) -> None:
    der = isa_named_issuer_certificate()
    softcard, _ = build_residence2_card(demo_personas()["alex"], issuer="isa-named")
    reading = read_residence_card(Card(HandlerTransport(softcard.process)), "AB12345678CD")
    unpinned = check_residence_card(reading, anchors=[der], at=AT).checks[0]
    # dropped in by hand
    assert unpinned.verdict is Verdict.UNTRUSTED and "did not publish" in check_text(unpinned, "en")
    monkeypatch.setattr(residence_anchors, "RESIDENCE_ANCHORS", (_pin(der),))
    pinned = check_residence_card(reading, anchors=[der], at=AT).checks[0]
    assert pinned.verdict is Verdict.VALID and "ZairyuCard CA2 (injected)" in check_text(pinned, "en")


def test_isa_zip_archive_is_taken_whole_or_not_at_all(tmp_path: Path) -> None:
    der = isa_named_issuer_certificate()
    archive = tmp_path / "zairyu-roots.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("ZairyuCardCA2.cer", der)
        out.writestr("readme.txt", "not a certificate")
    target = install(archive, tmp_path / "trust", pins=[_pin(der)])
    assert [c.der for c in load_trust_store(tmp_path / "trust").certificates if c.source == "installed"] == [der]
    assert target.name == "zairyu-roots.pem"
    mixed = tmp_path / "mixed.zip"
    with zipfile.ZipFile(mixed, "w") as out:
        out.writestr("ok.cer", residence2_issuer_certificate())
        out.writestr("forged.cer", der)
    with pytest.raises(ResidenceAnchorRefused):
        install(mixed, tmp_path / "other")
    assert not list((tmp_path / "other").iterdir())


def test_trust_add_json_names_the_anchor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    der = isa_named_issuer_certificate()
    monkeypatch.setattr(residence_anchors, "RESIDENCE_ANCHORS", (_pin(der),))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    candidate = _write(tmp_path / "ca2.pem", der)
    status = main(
        ["--lang", "en", "trust", "add", str(candidate), "--trust-dir", str(tmp_path / "t"), "--yes", "--json"]
    )
    out, _ = capsys.readouterr()
    assert status == 0
    assert json.loads(out)["entries"][0]["anchor"] == "ZairyuCard CA2 (injected)"


def test_doctor_warns_without_a_residence_anchor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kyc_desk.doctor import check_residence_anchors

    monkeypatch.setenv("KYC_DESK_TRUST_DIR", str(tmp_path))
    _write(tmp_path / "test-ca2.pem", residence2_issuer_certificate())  # a test issuer is not ISA's root
    assert check_residence_anchors().status.value == "warn"
    monkeypatch.setattr(residence_anchors, "RESIDENCE_ANCHORS", (_pin(residence2_issuer_certificate()),))
    finding = check_residence_anchors()
    assert finding.status.value == "ok" and "ZairyuCard CA2 (injected)" in finding.detail
