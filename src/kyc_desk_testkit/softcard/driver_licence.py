"""運転免許証のソフトウェアカード — a software IC driver's licence built from a persona (cards.md §B).

- MF: 共通データ要素 (EF 2F01, ``45``/``46``, BCD dates) and 暗証番号設定 (EF 000A), free; PIN1/PIN2
  (IEF 0001/0002, short ids 1/2, 4 digits, 3 tries; VERIFY ``00 20 00 81/82``). ``pins_set=False`` gives a
  card issued without PINs: both hold the default ``****`` and EF 000A says so.
- DF1 (PIN1): 記載事項 EF01 in JIS X 0208 with era dates (880 bytes, ``FF`` filler), 外字 EF03,
  recorded changes EF04 (``50`` 追記の有無 then one object per change in the layout of cards.md §B.2.1:
  tag by kind — ``60`` new name, ``70`` new address … — and a value of JIS edition, full-width era date,
  text and commission; UNCONFIRMED beyond two sources), EF05, and EF07 電子署名.
- DF1 with PIN1+PIN2: 本籍 EF02 (tag ``41``) and EF06; DF2 with PIN1+PIN2: the photo, a monochrome JPEG
  2000 of about 2 kB under ``5F 40`` (2005 bytes).

EF07 is **synthetic**: the real layout, signed data and police key are not public. This card writes
invented tags ``60`` (an RSA-2048 PKCS#1 v1.5 SHA-256 signature over DF1/EF01 by a test key), ``61``
issuer, ``62`` subject, ``63`` serial, ``64`` key id — enough to test that the desk keeps EF07 raw, reports
it NOT_VERIFIABLE, and that a verification scheme can be plugged in without touching the reader. It says
nothing about real cards.

Text: ASCII in persona fields is written as its full-width JIS X 0208 form (a licence has no half-width
characters); ``gaiji_in_name`` replaces the second character of the name with the 外字1 placeholder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from kyc_desk.cards.apps.driver_licence import layouts as L
from kyc_desk.cards.apps.driver_licence.text import encode_bcd_date, encode_era_date, encode_jis_x0208
from kyc_desk.cards.tlv import encode_simple
from kyc_desk_testkit.softcard.engine import Access, SoftCard
from kyc_desk_testkit.softcard.persona import Persona
from kyc_desk_testkit.softcard.portrait import card_portrait
from kyc_desk_testkit.softcard.registry import register_card_builder
from kyc_desk_testkit.softcard.rsa import RsaKey

#: The licence's PC/SC contactless ATR (SCLIST "Driving License card of Japan (NFC type-B)").
ATR: Final = bytes.fromhex("3B888001000000009181C100D8")
DEFAULT_LICENCE_NUMBER: Final = "123456789012"
PIN_SETTING_TAG: Final = 0x10  # the real tag is UNCONFIRMED; the desk accepts any single one-byte object
#: Invented EF07 tags of this software card (see the module docstring).
SYNTHETIC_SIGNATURE_TAG: Final = 0x60

_KEYS: Final[dict[str, tuple[str, str]]] = {
    "licence_issuer": (
        (
            "fc5c81970523394d3e0e37772e19c8d49fbd972027fb1c17c300e5f51e28c818a7295ba2684c236d2de144533238fbe82a4e"
            "25778df5bccce96014e59cb0716c5448e775fa09a0e125c31fead91a8f9c5b9895e13b265ca249f9e1d533e95f2736b1988e"
            "7280d3b2cd7811bfb4bc1f159e6f4ee601391159b69d742ca789c3c9"
        ),
        (
            "e7bfc4bb97720f1a54e04df85bac499ad344b3ae693ddce36b26ee23967cb6da31cf0ef91b93021ff8778c0418f689a4fab7"
            "674d7f34f1356edb3041bedd75a7208afd9cd9344b371b4fd14133e130e0bfd10c64afc15c2227e694bf9cf08c0484d52d23"
            "4ff14a39ef47b0113848d24adcdbec83cd8bc99629d07ab18525732d"
        ),
    ),
}


@cache
def licence_test_key() -> RsaKey:
    """The public test key that signs this card's synthetic EF07 (never a real police key)."""
    p_hex, q_hex = _KEYS["licence_issuer"]
    return RsaKey(int(p_hex, 16), int(q_hex, 16))


@cache
def _portrait(photo: Path) -> bytes:
    """The chip photo for ``photo`` (cached: face detection takes about half a second)."""
    return card_portrait(photo, colour=False, size=(120, 160), max_bytes=2000)  # about 2 kB, as on real cards


def full_width(text: str) -> str:
    """ASCII → its JIS X 0208 (full-width) form; spaces become the ideographic space."""
    return "".join("\u3000" if c == " " else chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _jis(tag: int, text: str) -> bytes:
    return encode_simple(tag, encode_jis_x0208(full_width(text)))


def _filled(data: bytes, size: int) -> bytes:
    if len(data) > size:
        raise ValueError(f"{len(data)} bytes do not fit in {size}")
    return data + b"\xff" * (size - len(data))


@dataclass(frozen=True)
class LicenceContents:
    """What the card holds (tests compare readings with it)."""

    licence_number: str
    issued: dt.date
    expiry: dt.date
    items: bytes
    photo: bytes


#: When the software licence's changes were recorded (after its default issue date).
CHANGE_DATE: Final = dt.date(2025, 4, 1)
CHANGE_COMMISSION: Final = "東京都公安"


@dataclass(frozen=True)
class LicenceChangeSpec:
    """One change to write into EF04 in the layout of cards.md §B.2.1 (``raw`` overrides the value)."""

    tag: int
    text: str = ""
    day: dt.date = CHANGE_DATE
    commission: str = CHANGE_COMMISSION
    raw: bytes | None = None

    def encoded(self) -> bytes:
        """JIS edition, the date as 7 full-width characters (era digit + YYMMDD), the text, the commission."""
        if self.raw is not None:
            return self.raw
        date = encode_jis_x0208(full_width(encode_era_date(self.day).decode("ascii")))
        commission = encode_jis_x0208(full_width(self.commission))[: L.CHANGE_COMMISSION_BYTES]
        commission += b"\xff" * (L.CHANGE_COMMISSION_BYTES - len(commission))
        return b"\x02" + date + encode_jis_x0208(full_width(self.text)) + commission


def build_driver_licence(
    persona: Persona,
    *,
    pins_set: bool = True,
    pin1: str = "1234",
    pin2: str = "5678",
    tries_left: tuple[int, int] = (3, 3),
    issued: dt.date = dt.date(2024, 6, 10),
    expiry: dt.date = dt.date(2029, 9, 4),
    gaiji_in_name: bool = False,
    changed_address: str | None = None,
    changed_name: str | None = None,
    changes: Sequence[LicenceChangeSpec] = (),
    extended_length: bool = True,
) -> tuple[SoftCard, LicenceContents]:
    """A software licence for ``persona`` and what it holds.

    ``changed_address`` / ``changed_name`` record one change each in EF04 (dated :data:`CHANGE_DATE`, by
    the Tokyo commission); ``changes`` adds any others, in card order (e.g. two moves, or an entry that
    does not decode).
    """
    number = persona.extras.get("licence_number", DEFAULT_LICENCE_NUMBER)
    name = encode_jis_x0208(full_width(persona.name))
    if gaiji_in_name:
        name = name[:2] + b"\xff\xf1" + name[4:]
    first_licence = dt.date(max(persona.birth_date.year + 18, 1990), 4, 1)
    items = b"".join(
        (
            encode_simple(0x11, b"\x02"),
            encode_simple(0x12, name),
            _jis(0x13, persona.name_kana),
            encode_simple(0x16, encode_era_date(persona.birth_date)),
            _jis(0x17, persona.address),
            encode_simple(0x18, encode_era_date(issued)),
            encode_simple(0x19, b"0001"),
            _jis(0x1A, "優良"),
            encode_simple(0x1B, encode_era_date(expiry)),
            _jis(0x1C, "眼鏡等"),
            _jis(0x20, "東京都公安委員会"),
            encode_simple(0x21, number.encode("ascii")),
            encode_simple(0x22, encode_era_date(first_licence)),
            encode_simple(0x26, encode_era_date(first_licence)),
            encode_simple(0x31, b"0000000"),  # 中型: not held
        )
    )
    items = _filled(items, 880)
    common = encode_simple(0x45, b"008" + encode_bcd_date(issued) + encode_bcd_date(expiry)) + encode_simple(
        0x46, b"\x01\x01"
    )
    photo_j2k = _portrait(persona.photo)
    photo = _filled(b"\x5f\x40\x82" + len(photo_j2k).to_bytes(2, "big") + photo_j2k, 2005)  # the card's 82 form
    specs = list(changes)
    if changed_address:
        specs.append(LicenceChangeSpec(0x70, changed_address))
    if changed_name:
        specs.append(LicenceChangeSpec(0x60, changed_name))
    ef04 = encode_simple(L.CHANGES_FLAG_TAG, b"\x01" if specs else b"\x00")
    ef04 += b"".join(encode_simple(spec.tag, spec.encoded()) for spec in specs)
    gaiji = encode_simple(0x48, bytes(128)) if gaiji_in_name else b""  # a blank 32×32 bitmap (format UNCONFIRMED)
    key = licence_test_key()
    signature = (
        encode_simple(SYNTHETIC_SIGNATURE_TAG, key.sign_sha256(items))
        + encode_simple(0x61, b"TEST PUBLIC SAFETY COMMISSION")
        + encode_simple(0x62, b"TEST LICENCE SIGNER")
        + encode_simple(0x63, b"\x00\x00\x00\x01")
        + encode_simple(0x64, hashlib.sha1(key.modulus_bytes()).digest())
    )

    card = SoftCard(name="driver_licence", atr=ATR, extended_length=extended_length)
    mf = card.mf
    mf.add_ef(L.MfEF.COMMON_DATA, common)
    mf.add_ef(L.MfEF.PIN_SETTING, encode_simple(PIN_SETTING_TAG, bytes((L.PIN_SET if pins_set else L.PIN_NOT_SET,))))
    secrets = (pin1.encode("ascii"), pin2.encode("ascii")) if pins_set else (L.DEFAULT_PIN, L.DEFAULT_PIN)
    mf.add_key("pin1", secret=secrets[0], fid=L.MfEF.PIN1, sfi=L.PIN1_SFI, max_tries=3, tries_left=tries_left[0])
    mf.add_key("pin2", secret=secrets[1], fid=L.MfEF.PIN2, sfi=L.PIN2_SFI, max_tries=3, tries_left=tries_left[1])
    pin1_only, both = Access.any_of("pin1"), Access.all_of("pin1", "pin2")
    df1 = card.add_df(L.DF1_AID, name="DF1")
    df1.add_ef(L.Df1EF.ITEMS, items, read=pin1_only)
    df1.add_ef(L.Df1EF.DOMICILE, _filled(_jis(0x41, persona.extras.get("domicile", "東京都千代田区")), 82), read=both)
    df1.add_ef(L.Df1EF.GAIJI, _filled(gaiji, 264), read=pin1_only)
    df1.add_ef(L.Df1EF.CHANGES, _filled(ef04, 640), read=pin1_only)
    df1.add_ef(L.Df1EF.CHANGES_GAIJI, _filled(b"", 663), read=pin1_only)
    df1.add_ef(L.Df1EF.CHANGES_DOMICILE, _filled(encode_simple(L.CHANGES_FLAG_TAG, b"\x00"), 256), read=both)
    df1.add_ef(L.Df1EF.SIGNATURE, _filled(signature, 578), read=pin1_only)
    df2 = card.add_df(L.DF2_AID, name="DF2")
    df2.add_ef(L.Df2EF.PHOTO, photo, read=both)
    return card, LicenceContents(number, issued, expiry, items, photo_j2k)


def _build(persona: Persona) -> SoftCard:
    return build_driver_licence(persona)[0]


register_card_builder("driver_licence", _build)
#: Variants for the demo and the UI's tests.
register_card_builder("driver_licence-no-pin", lambda persona: build_driver_licence(persona, pins_set=False)[0])
register_card_builder("driver_licence-last-try", lambda persona: build_driver_licence(persona, tries_left=(1, 1))[0])
register_card_builder(
    "driver_licence-changed-address",
    lambda persona: build_driver_licence(persona, changed_address="東京都港区芝公園四丁目2番8号", gaiji_in_name=True)[
        0
    ],
)
