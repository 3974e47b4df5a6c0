"""Returning clients by card: the user-authentication certificate (利用者証明用電子証明書) as the link.

At a face-to-face check the client may type the 4-digit user-authentication PIN; the card then signs a
fresh challenge with the authentication key (``jpki.auth_challenge``). When that signature verifies with
the authentication certificate and the certificate chains to a trusted CA, the certificate's **issuer and
serial number** identify this card's certificate — nothing else of the certificate is kept (it carries no
personal data anyway: its subject is a 23-character identifier, cards.md §A.6).

The record stores the link (:meth:`kyc_desk.records.store.RecordStore.link_card`); the next time the same
proof finds the client and their earlier verification (:meth:`~kyc_desk.records.store.RecordStore.find_by_card`).

A link is never renewed silently: an expired authentication certificate gives no link (the reason says
"expired"), and a reissued one has a new serial number, so the card is simply not recognised until a new
full identity check links it again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kyc_desk.cards.apps.mynumber.reader import FILE_AUTH_CERT
from kyc_desk.cards.reading import CardReading
from kyc_desk.i18n import tr
from kyc_desk.verify.chain import load_certificate
from kyc_desk.verify.errors import MalformedCertificate
from kyc_desk.verify.mynumber import AUTH_CHALLENGE
from kyc_desk.verify.report import Verdict, VerificationReport
from kyc_desk.verify.trust_admin import short_name


@dataclass(frozen=True)
class CardLink:
    """The identity of one user-authentication certificate: issuer name, issuer key id, serial (hex)."""

    issuer: str
    issuer_key_id: str
    serial: str
    not_after: dt.datetime


@dataclass(frozen=True)
class CardLinkResult:
    """``link`` when the proof holds; otherwise ``None`` and the reason (shown to the user)."""

    link: CardLink | None
    reason: str = ""


def card_link(reading: CardReading, report: VerificationReport) -> CardLinkResult:
    """The card link a verified reading proves, or why it proves none."""
    proof = report.get(AUTH_CHALLENGE)
    if proof is None:
        return CardLinkResult(None, tr("利用者証明用暗証番号による確認は行われていません",
                                       "no user-authentication proof was made"))  # fmt: skip
    chain = report.get("jpki.auth_certificate")
    if chain is not None and chain.verdict is Verdict.EXPIRED:
        broken = tr(
            "利用者証明用電子証明書の有効期間外のため、カードとの紐付けは切れています",
            "the authentication certificate is outside its validity: the link is broken",
        )
        return CardLinkResult(None, broken)
    if proof.verdict is not Verdict.VALID or chain is None or chain.verdict is not Verdict.VALID:
        badge = tr(proof.verdict.badge_ja, proof.verdict.badge_en)
        why = tr(f"カードによる確認が成立しません（{badge}）", f"the card proof does not hold ({badge})")
        return CardLinkResult(None, why)
    der = reading.signed_files.get(FILE_AUTH_CERT)
    if der is None:
        return CardLinkResult(None, tr("利用者証明用電子証明書がありません", "no authentication certificate"))
    try:
        cert = load_certificate(der)
    except MalformedCertificate as exc:
        return CardLinkResult(None, exc.user_text())
    key_id = cert.authority_key_identifier
    return CardLinkResult(
        CardLink(
            issuer=short_name(cert.issuer),
            issuer_key_id=key_id.hex().upper() if key_id else "",
            serial=format(cert.serial_number, "X"),
            not_after=cert.not_valid_after,
        )
    )
