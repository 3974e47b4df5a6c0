"""在留カード等の発行者証明書（ピン留め） — the residence card's trust anchors, pinned by fingerprint.

ISA publishes the roots that issue the residence card's signing certificates: four first-generation RSA
roots under one name, ``CN=ZairyuCard CA, OU=The Ministry of Justice, O=Japanese Government, C=JP``, one
second-generation ECDSA P-384 root "ZairyuCard CA2", and one **test** root (cards.md §C.8). The desk does
not ship their bytes (not obtainable here) but pins their SHA-256 fingerprints:

- ``kyc-desk trust add`` accepts a certificate that presents itself as ISA's (:func:`presents_as_isa`)
  only when its fingerprint is one of :data:`RESIDENCE_ANCHORS`, says which anchor it is, and refuses any
  other with a clear message (:func:`admit`); the test root only with an explicit test-mode flag;
- the check-code verification names the pinned anchor it chained to, reports a chain to the **test** root
  as ``untrusted`` (never production authenticity), and one to an anchor named like ISA's but not pinned
  (dropped into the folder by hand) as ``untrusted`` too (:func:`classify`);
- ``kyc-desk doctor`` says when no production residence anchor is installed.

The fingerprints are as recorded by the public repository eringoio/zairyu-card-reader
(``resources/moj/trust-anchors/manifest.json``); an office compares them with ISA's files. If ISA's file
differs, it is refused — loudly, never trusted silently. Tests inject their own list (``pins=``), never
weaken this one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from asn1crypto import x509 as asn1_x509

from kyc_desk.verify.errors import VerificationError
from kyc_desk.verify.trust import fingerprint_text


@dataclass(frozen=True)
class PinnedAnchor:
    """One root ISA publishes: its label, generation, validity as published, and SHA-256 fingerprint."""

    label: str
    generation: int
    serial: str
    valid: str
    fingerprint: str  # colon-separated upper-case hex, as fingerprint_text writes it
    test: bool = False


#: The six anchors of cards.md §C.8.
RESIDENCE_ANCHORS: Final[tuple[PinnedAnchor, ...]] = (
    PinnedAnchor(
        "ZairyuCard CA 2015", 1, "2A", "2015-06-05 – 2025-09-05",
        "97:F3:7C:59:67:AF:5F:3C:D8:4E:6E:D6:94:B0:95:39:AB:B7:F8:E7:E7:6B:6F:74:96:A0:60:00:89:82:98:3D",
    ),
    PinnedAnchor(
        "ZairyuCard CA 2018", 1, "4B", "2018-04-06 – 2028-07-06",
        "FF:02:32:3C:EA:7B:8C:3D:FC:0D:C2:DE:79:D4:6E:78:51:4A:F5:87:36:85:23:08:6B:18:8E:96:90:AE:C8:61",
    ),
    PinnedAnchor(
        "ZairyuCard CA 2021", 1, "74", "2021-05-27 – 2031-08-27",
        "6F:50:16:1A:A8:0F:7F:F7:C6:30:50:5F:AF:47:29:06:F7:B1:01:D5:08:3E:32:7A:61:82:C8:2C:D7:98:5E:67",
    ),
    PinnedAnchor(
        "ZairyuCard CA 2024", 1, "93", "2024-05-08 – 2034-08-08",
        "BF:85:44:66:ED:9A:BF:61:F5:59:C3:9B:F8:79:05:46:F8:AC:DA:B9:9B:51:FD:23:30:56:36:69:CE:4A:71:B2",
    ),
    PinnedAnchor(
        "ZairyuCard CA2 2026", 2, "01", "2026-04-20 – 2039-07-20",
        "11:E6:AD:8B:8E:64:F0:CD:B1:D8:BA:9E:36:89:92:6C:80:E8:47:9A:2F:09:86:16:F6:74:A2:35:82:BE:C1:3B",
    ),
    PinnedAnchor(
        "ZairyuCard CA2 test 2026", 2, "01", "2026-03-19 – 2039-06-19",
        "18:46:B8:15:D3:1F:04:FE:93:D5:74:50:A6:D8:A8:C3:51:EA:C3:D8:C4:44:A2:37:5D:95:73:4D:F7:DD:10:57",
        test=True,
    ),
)  # fmt: skip


class ResidenceAnchorRefused(VerificationError):
    """A certificate presenting itself as ISA's residence-card root was refused (nothing was installed)."""

    default_ja = "在留カード等の発行者証明書として登録できません。"


def presents_as_isa(der: bytes) -> bool:
    """The certificate's subject looks like ISA's residence-card roots: a common name containing
    "ZairyuCard" (any case or spacing), or the Ministry of Justice under "Japanese Government"."""
    try:
        subject = asn1_x509.Certificate.load(der).subject.native
    except (ValueError, TypeError, KeyError):
        return False
    common = str(subject.get("common_name", "")).replace(" ", "").lower()
    unit = str(subject.get("organizational_unit_name", "")).lower()
    org = str(subject.get("organization_name", "")).lower()
    return "zairyucard" in common or ("ministry of justice" in unit and "japanese government" in org)


def pinned(der: bytes, pins: Sequence[PinnedAnchor] | None = None) -> PinnedAnchor | None:
    """The pinned anchor whose fingerprint ``der`` has, or ``None``."""
    fingerprint = fingerprint_text(der)
    return next((pin for pin in (RESIDENCE_ANCHORS if pins is None else pins) if pin.fingerprint == fingerprint), None)


def admit(der: bytes, *, test_mode: bool = False, pins: Sequence[PinnedAnchor] | None = None) -> PinnedAnchor | None:
    """May the trust store take ``der``? ``None``: it is not presented as ISA's (the ordinary rules apply);
    the pinned anchor when it is one; :class:`ResidenceAnchorRefused` otherwise."""
    pin = pinned(der, pins)
    if pin is None:
        if not presents_as_isa(der):
            return None
        fingerprint = fingerprint_text(der)
        raise ResidenceAnchorRefused(
            f"this certificate presents itself as ISA's residence-card root (ZairyuCard CA), but its SHA-256 "
            f"fingerprint {fingerprint} is none of the {len(RESIDENCE_ANCHORS if pins is None else pins)} ISA "
            "publishes: refused. Download the file again from ISA's page and compare the fingerprint",
            ja=(
                "在留カード等の発行者を名乗る証明書ですが、指紋が出入国在留管理庁の公表値の"
                "いずれとも一致しないため登録しません。"
                "出入国在留管理庁のページから取得し直してください。"
            ),
        )
    if pin.test and not test_mode:
        raise ResidenceAnchorRefused(
            f"this is ISA's TEST root ({pin.label}): it is installed only with the explicit test-mode flag "
            "(--test-mode), and a card it vouches for is never reported as genuine",
            ja=(
                "これは出入国在留管理庁のテスト用ルート証明書です。テストモードの指定（--test-mode）"
                "がある場合に限り登録でき、これで確認したカードを真正とは表示しません。"
            ),
        )
    return pin


def classify(anchor_der: bytes, pins: Sequence[PinnedAnchor] | None = None) -> tuple[str, bool]:
    """How a verification names the anchor it chained to: (description, counts as production authenticity).

    A pinned production root counts; ISA's test root and an anchor named like ISA's but not pinned do not;
    any other anchor (one the office installed for its own reasons, such as a test issuer) counts, named.
    """
    pin = pinned(anchor_der, pins)
    if pin is not None:
        if pin.test:
            return f"ISA's TEST root {pin.label} (test mode only; not production authenticity)", False
        return f"ISA's {pin.label} (pinned fingerprint)", True
    if presents_as_isa(anchor_der):
        return "an anchor named like ISA's root whose fingerprint ISA did not publish", False
    return "an anchor installed by the office (not one of ISA's published roots)", True


def installed_production_anchors(
    certificates: Sequence[bytes], pins: Sequence[PinnedAnchor] | None = None
) -> list[PinnedAnchor]:
    """The pinned production anchors among ``certificates`` (for ``kyc-desk doctor``)."""
    found = [pinned(der, pins) for der in certificates]
    return [pin for pin in found if pin is not None and not pin.test]
