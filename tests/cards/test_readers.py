"""The reader table: PC/SC names as drivers report them (sources in cards/transport/readers.py) → family,
slot and interface; USB ids from sysfs; the driver notes. Pure functions, no pcscd."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyc_desk.cards.detect import CardKind
from kyc_desk.cards.transport.readers import (
    CONTACT_CARDS,
    CONTACTLESS_CARDS,
    PLATFORMS,
    READER_FAMILIES,
    Interface,
    Slot,
    family_by_key,
    identify_reader,
    sysfs_usb_devices,
    usb_readers_present,
)

#: (PC/SC name, family key, slot, interface) — each name as a source quotes it (readers.py cites them).
NAMES = [
    ("Virtual PCD 00 00", "virtual", Slot.CARD, Interface.VIRTUAL),
    ("Virtual PCD 00 01", "virtual", Slot.CARD, Interface.VIRTUAL),
    ("SONY FeliCa RC-S300/P (0201504) 01 00", "sony-rc-s300", Slot.CARD, Interface.CONTACTLESS),
    ("SONY FeliCa RC-S300/S (1469193) 00 00", "sony-rc-s300", Slot.CARD, Interface.CONTACTLESS),
    ("SONY Felica RC-S300/P 00 00", "sony-rc-s300", Slot.CARD, Interface.CONTACTLESS),  # libccid < 1.5.0
    ("SONY FeliCa Port/PaSoRi 4.0 0", "sony-rc-s300", Slot.CARD, Interface.CONTACTLESS),  # Windows
    ("Sony FeliCa Port/PaSoRi 3.0 0", "sony-rc-s380", Slot.CARD, Interface.CONTACTLESS),  # Windows, NFCポート
    ("ACS ACR1252 Dual Reader [ACR1252 Dual Reader PICC] 00 00", "acs-acr1252u", Slot.CARD, Interface.CONTACTLESS),
    ("ACS ACR1252 Dual Reader [ACR1252 Dual Reader SAM] 00 01", "acs-acr1252u", Slot.SAM, Interface.CONTACTLESS),
    ("ACS ACR1252 1S CL Reader PICC 0", "acs-acr1252u", Slot.CARD, Interface.CONTACTLESS),
    ("ACS ACR1252 1S CL Reader SAM 0", "acs-acr1252u", Slot.SAM, Interface.CONTACTLESS),
    ("ACS ACR122U PICC Interface 00 00", "acs-acr122u", Slot.CARD, Interface.CONTACTLESS),
    ("ACS ACR122 0", "acs-acr122u", Slot.CARD, Interface.CONTACTLESS),
    ("ACS ACR122U PICC Interface 0", "acs-acr122u", Slot.CARD, Interface.CONTACTLESS),
    ("ACS ACR1251 1S CL Reader PICC 0", "acs-acr1251", Slot.CARD, Interface.CONTACTLESS),
    ("ACS ACR1251 Dual Reader [ACR1251 Dual Reader ICC] 00 01", "acs-acr1251", Slot.CARD, Interface.CONTACT),
    ("ACS ACR39U ICC Reader 00 00", "acs-acr39", Slot.CARD, Interface.CONTACT),
    ("NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader 00 00", "scr3310", Slot.CARD, Interface.CONTACT),
    ("SCM Microsystems Inc. SCR 3310 [CCID Interface] (21120818205972) 00 00", "scr3310", Slot.CARD,
     Interface.CONTACT),
    ("Gemalto PC Twin Reader 00 00", "gemalto-idbridge", Slot.CARD, Interface.CONTACT),
    ("Gemalto USB GemPCPinpad SmartCard Reader 00 00", "gemalto-idbridge", Slot.CARD, Interface.CONTACT),
    ("Gemalto USB Smart Card Reader 0", "gemalto-idbridge", Slot.CARD, Interface.CONTACT),
    ("Gemalto USB SmartCard Reader 0", "gemalto-idbridge", Slot.CARD, Interface.CONTACT),
    ("Gemplus USB SmartCard Reader 0", "gemalto-idbridge", Slot.CARD, Interface.CONTACT),
]


@pytest.mark.parametrize(("name", "key", "slot", "interface"), NAMES)
def test_names_the_family_slot_and_interface(name, key, slot, interface):
    match = identify_reader(name)
    assert match is not None, name
    assert (match.family.key, match.slot, match.interface) == (key, slot, interface)


@pytest.mark.parametrize(
    "name",
    [
        "ACS ACR1222 1S Dual Reader PICC 0",  # ACR1222L: not the ACR122U
        "HID Global OMNIKEY 5022 Smart Card Reader 0",
        "Windows Hello for Business 1",
        "Gemalto Prox Dual USB PC Link Reader 00 00",  # Gemalto's dual-interface reader is not a contact-only one
        "Samsung something 0",
        "",
    ],
)
def test_readers_the_table_does_not_know_stay_unnamed(name):
    assert identify_reader(name) is None


def test_labels_say_the_family_and_the_interface():
    assert identify_reader("SONY FeliCa RC-S300/P 00 00").label() == "Sony RC-S300（非接触）"
    assert identify_reader("Virtual PCD 00 00").label() == "仮想リーダー（テスト用）"
    assert identify_reader("ACS ACR39U ICC Reader 00 00").label().endswith("（接触）")


def test_labels_in_english():
    from kyc_desk.i18n import set_language

    set_language("en")  # the autouse fixture of tests/conftest.py sets it back
    assert identify_reader("SONY FeliCa RC-S300/P 00 00").label() == "Sony RC-S300 (contactless)"
    assert identify_reader("Virtual PCD 00 00").label() == "virtual reader (for testing)"


def test_what_each_interface_reads():
    assert set(CONTACTLESS_CARDS) == {k.value for k in CardKind} - {"unknown"}
    assert CONTACT_CARDS == ("mynumber",)  # only the My Number card has contacts
    assert identify_reader("ACS ACR39U ICC Reader 00 00").reads == ("mynumber",)
    assert identify_reader("ACS ACR1252 1S CL Reader PICC 0").reads == CONTACTLESS_CARDS
    assert identify_reader("ACS ACR1252 1S CL Reader SAM 0").reads == ()


def test_every_family_has_a_linux_note_and_unconfirmed_is_said_in_both_languages():
    assert len({f.key for f in READER_FAMILIES}) == len(READER_FAMILIES)
    for family in READER_FAMILIES:
        assert family.patterns
        assert set(family.drivers) <= set(PLATFORMS), family.key
        assert "linux" in family.drivers, family.key
        notes = list(family.drivers.values()) + ([family.hidden_hint] if family.hidden_hint else [])
        for note in notes:
            assert ("未確認" in note.ja) == ("UNCONFIRMED" in note.en), (family.key, note)


def test_driver_notes_per_platform():
    rc_s380 = family_by_key("sony-rc-s380")
    assert "NFCポートソフトウェア" in rc_s380.driver_note("win32")
    assert "CCID" in rc_s380.driver_note("linux")
    assert "1.4.35" in family_by_key("sony-rc-s300").driver_note("linux")
    assert "pn533_usb" in family_by_key("acs-acr122u").driver_note("linux")
    assert family_by_key("virtual").driver_note("win32") == ""
    with pytest.raises(KeyError):
        family_by_key("nope")


def test_usb_ids_find_readers_pcscd_does_not_list():
    found = usb_readers_present([(0x1D6B, 0x0002), (0x072F, 0x2200), (0x054C, 0x06C3)])
    assert [f.key for f in found] == ["sony-rc-s380", "acs-acr122u"]
    assert all(f.hidden_hint is not None for f in found)
    assert usb_readers_present([]) == []


def test_sysfs_usb_devices(tmp_path: Path):
    def device(name: str, vendor: str | None, product: str | None) -> None:
        folder = tmp_path / name
        folder.mkdir()
        if vendor is not None:
            (folder / "idVendor").write_text(vendor + "\n")
        if product is not None:
            (folder / "idProduct").write_text(product + "\n")

    device("1-1", "072f", "2200")
    device("1-2", "054c", "0dc9")
    device("1-1:1.0", None, None)  # an interface: no ids
    device("1-3", "zzzz", "0001")  # garbage is skipped
    assert sorted(sysfs_usb_devices(tmp_path)) == [(0x054C, 0x0DC9), (0x072F, 0x2200)]
    assert sysfs_usb_devices(tmp_path / "missing") == []
