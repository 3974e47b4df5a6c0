"""Which card reader is this: the reader families offices own, recognised by the name PC/SC reports.

A pure table (:data:`READER_FAMILIES`) and pure functions; nothing here talks to PC/SC or imports pyscard.
:func:`identify_reader` maps a PC/SC reader name (as ``SCardListReaders`` returns it: pcsc-lite appends
" 00 00", WinSCard " 0") to its :class:`ReaderFamily` and the slot the name stands for; ``doctor`` formats
the result. :func:`usb_readers_present` looks for the same readers among the USB devices Linux lists in
sysfs, for the one case where PC/SC cannot name them: pcscd sees no reader at all.

Every name pattern and driver note carries its source in a comment beside it; a fact no source confirmed
is marked UNCONFIRMED there and in the user's text ("…（未確認）"). A reader the table does not know is
simply unnamed (``None``): the desk still uses it, doctor only cannot say more about it.

Sources (cited as [tag] below; docs/setup.md "Card readers" has the same list):

- [CCID] the Debian 12 package libccid 1.5.2-1: ``/etc/libccid_Info.plist`` (USB ids → the reader names
  pcsc-lite reports) and ``/usr/share/doc/libccid/changelog.gz`` (upstream git history); upstream
  https://ccid.apdu.fr/ and repository LudovicRousseau/CCID ``readers/supported_readers.txt``.
- [PCSCS] pcsc_scan / SCardListReaders output quoted in public projects and pages, named per row.
- [PN533] kernel pn533_usb claiming the ACR122U: github.com/coinkite/coinkite-tap-proto issue 37,
  github.com/nfc-tools/libnfc issues 338 and 426, github.com/LudovicRousseau/pyscard issue 94.
- [SONYWIN] tipszone.jp/20140902_introduction-to-nfc/ (RC-S380 needs NFCポートソフトウェア on Windows).
- [NTTCOM] ntt.com JPKI reader download pages (…/jpki/download6.html ACR39-NTTCom, download7.html
  ACR1251CL-NTTCom); netlog.jpn.org/r271-635/2022/12/ic_acr1251di.html (ACR1251DI-NTTCom is USB
  072f:221b "ACR1251U-C" and works with pcscd).
- [CARDS] which card has which interface: the My Number card has contact and contactless interfaces
  (ketaloh.com/?p=66, yueno.net マイナンバーカード page); the driver's licence is a contactless card without
  contacts (NPA 運転免許証及び運転免許証作成システム等仕様書 v7 cites JIS X 6305-6 外部端子なしICカード-近接型;
  ISO/IEC 14443 Type B per atelier-nodoka.net/2012/02/driving-licence-update/); the residence card is
  contactless ISO/IEC 14443 (在留カード等仕様書 §伝送プロトコル; /work/shared/reference/cards.md).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from kyc_desk.i18n import tr


class Interface(enum.Enum):
    """How the reader talks to a card; the value is the JSON name."""

    CONTACTLESS = "contactless"
    CONTACT = "contact"
    VIRTUAL = "virtual"


class Slot(enum.Enum):
    """Which slot of a multi-slot reader a PC/SC name stands for; the value is the JSON name."""

    CARD = "card"  # the slot a client's card goes on (the only slot of single-slot readers)
    SAM = "sam"  # a secure-access-module socket inside the reader: never holds an identity card


#: Card kinds (the values of :class:`kyc_desk.cards.detect.CardKind`) a reader of each interface can read.
#: Only the My Number card has contacts; the licence and residence card are contactless only [CARDS].
CONTACTLESS_CARDS: Final = ("mynumber", "driver_licence", "residence_card", "special_permanent_resident")
CONTACT_CARDS: Final = ("mynumber",)

#: Platform keys of :attr:`ReaderFamily.drivers` (``sys.platform`` prefixes).
PLATFORMS: Final = ("linux", "win32", "darwin")


@dataclass(frozen=True)
class DriverNote:
    """What one platform needs for a reader family, in both languages."""

    ja: str
    en: str

    def text(self) -> str:
        """The note in the interface language."""
        return tr(self.ja, self.en)


@dataclass(frozen=True)
class ReaderFamily:
    """One family of readers: how PC/SC names it, its interface, and what each platform needs."""

    key: str
    label_ja: str
    label_en: str
    interface: Interface
    #: Regular expressions searched (case-insensitively) in the PC/SC reader name.
    patterns: tuple[str, ...]
    drivers: dict[str, DriverNote] = field(default_factory=dict)
    #: USB (vendor, product) ids, to find the reader when PC/SC lists nothing (Linux sysfs).
    usb_ids: tuple[tuple[int, int], ...] = ()
    #: Shown when the reader is plugged in but pcscd lists no reader (Linux only; always a hint).
    hidden_hint: DriverNote | None = None

    def label(self, interface: Interface | None = None) -> str:
        """The family's name with its interface (default: the family's), e.g. 「Sony RC-S300（非接触）」."""
        kind = {
            Interface.CONTACTLESS: tr("非接触", "contactless"),
            Interface.CONTACT: tr("接触", "contact"),
            Interface.VIRTUAL: tr("テスト用", "for testing"),
        }[interface or self.interface]
        return tr(f"{self.label_ja}（{kind}）", f"{self.label_en} ({kind})")

    def driver_note(self, platform: str) -> str:
        """What ``platform`` (a ``sys.platform`` value) needs for this family; empty when nothing is known."""
        for key, note in self.drivers.items():
            if platform.startswith(key):
                return note.text()
        return ""


_CCID_LINUX = DriverNote(
    "pcscd と libccid（Debian/Ubuntu: sudo apt-get install pcscd libccid）。",
    "pcscd and libccid (Debian/Ubuntu: sudo apt-get install pcscd libccid).",
)

READER_FAMILIES: Final[tuple[ReaderFamily, ...]] = (
    ReaderFamily(
        "virtual", "仮想リーダー", "virtual reader", Interface.VIRTUAL,
        # vsmartcard's vpcd under pcsc-lite: "Virtual PCD 00 00" (platform.md; tests/plugins/pcsc.py).
        (r"\bvirtual pcd\b",),
        {"linux": DriverNote("vsmartcard-vpcd（テストとデモ専用）。", "vsmartcard-vpcd (tests and the demo only).")},
    ),
    ReaderFamily(
        "sony-rc-s300", "Sony RC-S300", "Sony RC-S300", Interface.CONTACTLESS,
        (
            # [CCID] 054C:0DC8 "SONY FeliCa RC-S300/S", 054C:0DC9 "SONY FeliCa RC-S300/P"; spelt "Felica" before
            # libccid 1.5.0 (changelog: "Use FeliCa instead of Felica on SONY request"). pcsc-lite adds the
            # serial: "SONY FeliCa RC-S300/P (0201504) 01 00" (public Rust sample quoting pcsc_scan).
            r"\brc-s300\b",
            # Windows: "SONY FeliCa Port/PaSoRi 4.0 0" (several public projects' logs; lsusb's product string
            # for 054c:0dc8 is "FeliCa Port/PaSoRi 4.0"). macOS: one project lists the same name [PCSCS].
            r"felica port/pasori 4\.0",
        ),
        {
            "linux": DriverNote(
                "pcscd と libccid 1.4.35 以降（RC-S300 は 1.4.35 で追加。Debian 12 は 1.5.2）。",
                "pcscd and libccid 1.4.35 or later (RC-S300 was added in 1.4.35; Debian 12 ships 1.5.2).",
            ),
            # UNCONFIRMED: one community source says no driver install is needed on Windows 11.
            "win32": DriverNote(
                "Windows 標準の CCID ドライバで動作（未確認）。"
                "動かなければソニーの「NFCポートソフトウェア」を入れてください。",
                "Windows' own CCID driver (UNCONFIRMED); if it does not work, install Sony's NFC Port Software.",
            ),
            "darwin": DriverNote("macOS 標準の CCID ドライバ（未確認）。", "macOS' own CCID driver (UNCONFIRMED)."),
        },
        usb_ids=((0x054C, 0x0DC8), (0x054C, 0x0DC9)),  # [CCID]
        hidden_hint=DriverNote(
            "Sony RC-S300 が接続されていますが pcscd に見えません。"
            "libccid 1.4.35 以降を入れ、pcscd を再起動してください。",
            "A Sony RC-S300 is plugged in but pcscd does not see it: install libccid 1.4.35 or later and restart "
            "pcscd.",
        ),
    ),
    ReaderFamily(
        "sony-rc-s380", "Sony RC-S380", "Sony RC-S380", Interface.CONTACTLESS,
        (
            # Windows with NFCポートソフトウェア: "Sony FeliCa Port/PaSoRi 3.0 0" (qiita.com/tfukumori/items/
            # 2cdf1eeddd9138c8835f; opensc-tool output in a public JPKI write-up) [PCSCS].
            r"felica port/pasori 3\.0",
            r"\brc-s380\b",
        ),
        {
            "win32": DriverNote(
                "ソニーの「NFCポートソフトウェア」が必要です。",
                "Needs Sony's NFC Port Software.",
            ),  # [SONYWIN]
            # RC-S380 is a vendor-class USB device (bDeviceClass 255; github.com/nfc-tools/libnfc PR 302), not
            # CCID: libccid does not drive it, and the kernel's port100 module is not a PC/SC driver
            # (github.com/LudovicRousseau/PCSC issue 86).
            "linux": DriverNote(
                "Linux の pcscd では使えません（CCID 非対応）。RC-S300 か ACS 製のリーダーをお使いください。",
                "Does not work with pcscd on Linux (not a CCID reader): use an RC-S300 or an ACS reader.",
            ),
            "darwin": DriverNote(
                "macOS ではソニーのドライバが必要です（未確認）。",
                "Needs Sony's driver on macOS (UNCONFIRMED).",
            ),
        },
        # 054c:06c1 "RC-S380/S" (qiita.com/h_tyokinuhata lsusb), 054c:06c3 (libnfc PR 302).
        usb_ids=((0x054C, 0x06C1), (0x054C, 0x06C3)),
        hidden_hint=DriverNote(
            "Sony RC-S380 が接続されていますが、Linux の pcscd では使えません（CCID 非対応）。"
            "RC-S300 か ACS 製のリーダーをお使いください。",
            "A Sony RC-S380 is plugged in, but it does not work with pcscd on Linux (not a CCID reader): use an "
            "RC-S300 or an ACS reader.",
        ),
    ),
    ReaderFamily(
        "acs-acr1252u", "ACS ACR1252U", "ACS ACR1252U", Interface.CONTACTLESS,
        (
            # [CCID] 072F:223B "ACS ACR1252 Dual Reader", 072F:223E "ACS ACR1252 Reader"; pcsc_scan shows
            # "ACS ACR1252 Dual Reader [ACR1252 Dual Reader PICC] 00 00" (minimonk.net). Windows: "ACS ACR1252
            # 1S CL Reader PICC 0" (several public projects) [PCSCS].
            r"\bacr1252",
        ),
        {
            "linux": _CCID_LINUX,
            "win32": DriverNote(
                "Windows 標準の CCID ドライバ、または ACS のドライバ（未確認）。",
                "Windows' own CCID driver, or ACS's driver (UNCONFIRMED).",
            ),
            "darwin": DriverNote("macOS 標準の CCID ドライバ（未確認）。", "macOS' own CCID driver (UNCONFIRMED)."),
        },
        usb_ids=((0x072F, 0x223B), (0x072F, 0x223E)),  # [CCID]
    ),
    ReaderFamily(
        "acs-acr122u", "ACS ACR122U", "ACS ACR122U", Interface.CONTACTLESS,
        (
            # [CCID] 072F:2200 "ACS ACR122U PICC Interface" → "ACS ACR122U PICC Interface 00 00" under pcscd
            # (pyscard issue 94); Windows: "ACS ACR122 0" or "ACS ACR122U PICC Interface 0" by driver [PCSCS].
            # Not ACR1222L etc.: no digit may follow.
            r"\bacr122(?!\d)",
        ),
        {
            "linux": DriverNote(
                "pcscd と libccid。Linux カーネルの pn533_usb がリーダーを先に掴むと pcscd に見えません: "
                "/etc/modprobe.d/ に「blacklist pn533_usb」を書き、sudo modprobe -r pn533_usb の後 pcscd を再起動。",
                "pcscd and libccid. If the kernel's pn533_usb module claims the reader first, pcscd cannot see it: "
                "put 'blacklist pn533_usb' in /etc/modprobe.d/, run `sudo modprobe -r pn533_usb`, restart pcscd.",
            ),  # [PN533]
            "win32": DriverNote("ACS のドライバ、または Windows 標準の CCID ドライバ（未確認）。",
                                "ACS's driver, or Windows' own CCID driver (UNCONFIRMED)."),
            "darwin": DriverNote("macOS 標準の CCID ドライバ（未確認）。", "macOS' own CCID driver (UNCONFIRMED)."),
        },
        usb_ids=((0x072F, 0x2200),),  # [CCID], [PN533]
        hidden_hint=DriverNote(
            "ACS ACR122U が接続されていますが pcscd に見えません。"
            "Linux カーネルの pn533_usb が使っている可能性があります: /etc/modprobe.d/ に"
            "「blacklist pn533_usb」を書き、sudo modprobe -r pn533_usb の後 pcscd を再起動してください。",
            "An ACS ACR122U is plugged in but pcscd does not see it. The kernel's pn533_usb module may hold it: put "
            "'blacklist pn533_usb' in /etc/modprobe.d/, run `sudo modprobe -r pn533_usb`, then restart pcscd.",
        ),  # [PN533]
    ),
    ReaderFamily(
        "acs-acr1251", "ACS ACR1251 / ACR1251CL・DI-NTTCom 等",
        "ACS ACR1251 / ACR1251CL, DI-NTTCom and similar", Interface.CONTACTLESS,
        (
            # NTT Communications' ACR1251CL-NTTCom / ACR1251DI-NTTCom are ACS ACR1251 readers [NTTCOM]. [CCID]
            # 072F:221A "ACS ACR1251 Dual Reader"; Windows: "ACS ACR1251 1S CL Reader PICC 0" [PCSCS]. Whether
            # the NTTCom models report exactly these names is UNCONFIRMED; the pattern needs only "ACR1251".
            r"\bacr1251",
        ),
        {
            "linux": _CCID_LINUX,
            "win32": DriverNote("NTTコミュニケーションズ配布のドライバ、"
                                "または Windows 標準の CCID ドライバ（未確認）。",
                                "NTT Com's driver download, or Windows' own CCID driver (UNCONFIRMED)."),
            "darwin": DriverNote("NTTコミュニケーションズ配布の macOS 用ドライバ（未確認）。",
                                 "NTT Com's macOS driver download (UNCONFIRMED)."),
        },
        usb_ids=((0x072F, 0x221A), (0x072F, 0x221B)),  # [CCID], [NTTCOM]
    ),
    ReaderFamily(
        "acs-acr39", "ACS ACR39U / ACR39-NTTCom 等", "ACS ACR39U / ACR39-NTTCom and similar",
        Interface.CONTACT,
        (
            # ACR39-NTTCom shows as "ACS ACR39U ICC Reader 00 00" under pcscd (a public Raspberry Pi recording
            # set-up quoting pcsc_scan); [CCID] 072F:B100 "ACS ACR39U ICC Reader".
            r"\bacr39",
        ),
        {"linux": _CCID_LINUX,
         "win32": DriverNote("Windows 標準の CCID ドライバ（未確認）。", "Windows' own CCID driver (UNCONFIRMED)."),
         "darwin": DriverNote("macOS 標準の CCID ドライバ（未確認）。", "macOS' own CCID driver (UNCONFIRMED).")},
        usb_ids=((0x072F, 0xB100),),  # [CCID]
    ),
    ReaderFamily(
        "scr3310", "SCR3310 / SCR3310-NTTCom 等", "SCR3310 / SCR3310-NTTCom and similar",
        Interface.CONTACT,
        (
            # [CCID] 04E6:511A "NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader", 04E6:511F
            # "SCM Microsystems Inc. SCR3310 USB Smart Card Reader"; pcsc_scan shows "SCM Microsystems Inc. SCR
            # 3310 [CCID Interface] (…) 00 00" (netlog.jpn.org, 04e6:5116) — SCM/Identiv readers.
            r"\bscr ?3310\b",
        ),
        {"linux": _CCID_LINUX,
         "win32": DriverNote("Windows 標準の CCID ドライバ（未確認）。", "Windows' own CCID driver (UNCONFIRMED)."),
         "darwin": DriverNote("macOS 標準の CCID ドライバ（未確認）。", "macOS' own CCID driver (UNCONFIRMED).")},
        usb_ids=((0x04E6, 0x511A), (0x04E6, 0x511F), (0x04E6, 0x5116)),  # [CCID], netlog.jpn.org
    ),
    ReaderFamily(
        "gemalto-idbridge", "Gemalto IDBridge CT30/CT700 等", "Gemalto IDBridge CT30/CT700 and similar",
        Interface.CONTACT,
        (
            # [CCID] 08E6:3437 "Gemalto PC Twin Reader" — the IDBridge CT30 has that product id (changelog:
            # "the same idProduct 0x3437 as the Gemalto IDBridge CT30"); 08E6:3478 "Gemalto USB GemPCPinpad
            # SmartCard Reader" (the pin-pad family; that CT700 reports it is UNCONFIRMED).
            r"gemalto pc twin reader", r"gempcpinpad", r"\bidbridge ct",
            # Windows (Gemalto's driver; the exact spelling depends on its version): "Gemalto USB Smart Card
            # Reader 0", "Gemalto USB SmartCard Reader 0", "Gemplus USB SmartCard Reader 0" [PCSCS].
            r"\bgem(alto|plus) usb smart ?card reader",
        ),
        {"linux": _CCID_LINUX,
         "win32": DriverNote("Windows 標準の CCID ドライバ、または Gemalto（Thales）のドライバ（未確認）。",
                             "Windows' own CCID driver, or Gemalto's (Thales) driver (UNCONFIRMED)."),
         "darwin": DriverNote("macOS 標準の CCID ドライバ（未確認）。", "macOS' own CCID driver (UNCONFIRMED).")},
        usb_ids=((0x08E6, 0x3437), (0x08E6, 0x3478)),  # [CCID]
    ),
)

#: A slot name part that marks a reader's secure-access-module socket: "… [ACR1252 Dual Reader SAM] 00 01"
#: (pcsc-lite with libccid), "… 1S CL Reader SAM 0" (Windows) [PCSCS].
_SAM_SLOT = re.compile(r"\bSAM\b")
#: ACS names a contact slot "ICC" and a contactless one "PICC" ("ACS ACR39U ICC Reader", "… PICC 0"); a dual
#: reader (ACR1251DI-NTTCom) then lists one name per slot. That a dual ACR1251 names its contact slot so is
#: UNCONFIRMED; a contact slot misread as contactless only loses doctor's warning, never a card.
_CONTACT_SLOT = re.compile(r"\bICC\b")


@dataclass(frozen=True)
class ReaderMatch:
    """A PC/SC reader name, recognised: its family, the slot the name stands for and that slot's interface."""

    name: str
    family: ReaderFamily
    slot: Slot = Slot.CARD
    interface: Interface = Interface.CONTACTLESS

    def label(self) -> str:
        """The family's name with this slot's interface."""
        return self.family.label(self.interface)

    @property
    def reads(self) -> tuple[str, ...]:
        """The card kinds this slot can read (none for a SAM socket; see :data:`CONTACTLESS_CARDS`)."""
        if self.slot is Slot.SAM:
            return ()
        return CONTACT_CARDS if self.interface is Interface.CONTACT else CONTACTLESS_CARDS


def _compiled() -> tuple[tuple[ReaderFamily, tuple[re.Pattern[str], ...]], ...]:
    return tuple((f, tuple(re.compile(p, re.IGNORECASE) for p in f.patterns)) for f in READER_FAMILIES)


_MATCHERS: Final = _compiled()


def identify_reader(name: str) -> ReaderMatch | None:
    """The family of the reader PC/SC calls ``name`` (first matching row of the table), or None."""
    for family, patterns in _MATCHERS:
        if any(p.search(name) for p in patterns):
            slot = Slot.SAM if _SAM_SLOT.search(name) else Slot.CARD
            interface = family.interface
            if interface is Interface.CONTACTLESS and _CONTACT_SLOT.search(name):
                interface = Interface.CONTACT
            return ReaderMatch(name, family, slot, interface)
    return None


def family_by_key(key: str) -> ReaderFamily:
    """The table row with ``key`` (KeyError if none)."""
    for family in READER_FAMILIES:
        if family.key == key:
            return family
    raise KeyError(key)


def usb_readers_present(devices: Iterable[tuple[int, int]]) -> list[ReaderFamily]:
    """The families whose USB ids are among ``devices`` ((vendor, product) pairs), in table order."""
    present = set(devices)
    return [f for f in READER_FAMILIES if any(i in present for i in f.usb_ids)]


def sysfs_usb_devices(root: Path = Path("/sys/bus/usb/devices")) -> list[tuple[int, int]]:
    """(vendor, product) of every USB device Linux lists under ``root``; empty where there is no sysfs."""
    found = []
    try:
        entries = list(root.iterdir())
    except OSError:
        return []
    for entry in entries:
        try:
            vendor = int((entry / "idVendor").read_text().strip(), 16)
            product = int((entry / "idProduct").read_text().strip(), 16)
        except (OSError, ValueError):
            continue  # interfaces and hubs without ids
        found.append((vendor, product))
    return found
