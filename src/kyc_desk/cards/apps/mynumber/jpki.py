"""JpkiApp — 公的個人認証AP (JPKI): the two certificates and the in-person signature challenge.

- 利用者証明用電子証明書 (EF 000A) and its CA certificate (EF 000B): free to read.
- 署名用CA証明書 (EF 0002): free (1 source; a card answering 6982 is treated as "not read").
- 署名用電子証明書 (EF 0001): needs the 署名用パスワード (EF 001B, 6–16 A–Z/0–9, 5 tries). Its
  subjectAltName carries the 基本4情報 (:func:`parse_four_items`).
- The challenge: after the password, the card signs ``DigestInfo(SHA-256(challenge))`` with the
  signature key (EF 001A) — ``80 2A 00 80 Lc <DigestInfo> 00`` (§A.2.3). The desk picks the challenge;
  :mod:`kyc_desk.verify.mynumber` checks the signature with the certificate's key.
- The same with the user-authentication key (EF 0017) after its 4-digit PIN (EF 0018, 3 tries): the
  proof that recognises a returning client by the 利用者証明用電子証明書 (docs/mynumber.md).

Certificates are returned as DER bytes: trust is decided in :mod:`kyc_desk.verify`. The four items are
parsed here, with the card stack's BER parser, because they are card data like the text AP's.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from kyc_desk.cards.apps.mynumber import layouts as L
from kyc_desk.cards.apps.mynumber.fields import sex_code
from kyc_desk.cards.apps.mynumber.unlock import SecretPrompt, unlock
from kyc_desk.cards.card import Card
from kyc_desk.cards.errors import MalformedData, SecurityStatusNotSatisfied
from kyc_desk.cards.reading import ChallengeResponse, Sex
from kyc_desk.cards.tlv import Tlv, find, parse_ber
from kyc_desk.jp.era import EraDateError, parse_era_yyyymmdd

#: The ``ChallengeResponse.key`` of the user-authentication key's signature (the returning-client proof).
AUTH_PROOF_KEY = "jpki.auth"
#: Bytes of the challenge the desk asks the card to sign.
CHALLENGE_LENGTH = 32
_SAN_OID_DER = bytes.fromhex("551D11")  # 2.5.29.17 subjectAltName
_WHERE = "jpki.sign_cert"


@dataclass(frozen=True)
class FourItems:
    """基本4情報 of the signature certificate, decoded. ``*_substitutes``: one ``0``/``1`` per character,
    ``1`` where a 代替文字 (substitute character) replaced one outside JIS level 1/2."""

    name: str
    name_substitutes: str
    sex: Sex
    birth_date: dt.date | None
    address: str
    address_substitutes: str


def oid_to_der(dotted: str) -> bytes:
    """The content bytes of an OBJECT IDENTIFIER (X.690 §8.19)."""
    arcs = [int(a) for a in dotted.split(".")]
    out = bytearray([40 * arcs[0] + arcs[1]])
    for arc in arcs[2:]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        out += bytes(reversed(chunk))
    return bytes(out)


_ITEM_BY_OID = {oid_to_der(oid): name for name, oid in L.SAN_OIDS.items()}


def _only(objects: list[Tlv], tag: int, what: str) -> Tlv:
    found = find(objects, tag)
    if found is None:
        raise MalformedData(f"{what} missing", ef=_WHERE, tag=tag)
    return found


def _extensions(cert_der: bytes) -> list[Tlv]:
    certificate = _only(parse_ber(cert_der), 0x30, "certificate")
    tbs = _only(certificate.children(), 0x30, "tbsCertificate")
    block = find(tbs.children(), 0xA3)
    return [] if block is None else _only(block.children(), 0x30, "extensions").children()


def parse_four_items(cert_der: bytes) -> FourItems | None:
    """The four items in a JPKI certificate's subjectAltName otherNames (§A.6); ``None`` if absent
    (the user-authentication certificate carries none). Every item must be present once."""
    values: dict[str, str] = {}
    for extension in _extensions(cert_der):
        parts = extension.children()
        if not parts or parts[0].tag != 0x06 or parts[0].value != _SAN_OID_DER:
            continue
        names = _only(parse_ber(_only(parts, 0x04, "extnValue").value), 0x30, "GeneralNames")
        for general_name in names.children():
            if general_name.tag != 0xA0:  # otherName
                continue
            inner = general_name.children()
            item = _ITEM_BY_OID.get(_only(inner, 0x06, "otherName type").value)
            if item is None:
                continue
            text = _only(_only(inner, 0xA0, "otherName value").children(), 0x0C, "UTF8String").value
            if item in values:
                raise MalformedData(f"{item} appears twice", ef=_WHERE)
            try:
                values[item] = text.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise MalformedData(f"{item} is not UTF-8", ef=_WHERE) from exc
    if not values:
        return None
    missing = set(L.SAN_OIDS) - set(values)
    if missing:
        raise MalformedData(f"items missing: {', '.join(sorted(missing))}", ef=_WHERE)
    try:
        birth = parse_era_yyyymmdd(values["birth_date"])
    except EraDateError as exc:
        raise MalformedData("birth date is not EYYYYMMDD", ef=_WHERE) from exc
    for item in ("name_substitutes", "address_substitutes"):
        if set(values[item]) - {"0", "1"}:
            raise MalformedData(f"{item} is not a 0/1 string", ef=_WHERE)
    return FourItems(
        name=values["name"],
        name_substitutes=values["name_substitutes"],
        sex=sex_code(values["sex"].encode("ascii", errors="replace"), L.SEX_CODES_CERT, where=_WHERE),
        birth_date=birth,
        address=values["address"],
        address_substitutes=values["address_substitutes"],
    )


class JpkiApp:
    """公的個人認証AP on a card; create with :meth:`select`."""

    def __init__(self, card: Card) -> None:
        self.card = card

    @classmethod
    def select(cls, card: Card) -> JpkiApp:
        """SELECT the AP; :class:`~kyc_desk.cards.errors.NotThisCard` if the card has no JPKI."""
        card.select_df(L.JPKI_AID)
        return cls(card)

    def _read_certificate(self, ef: L.JpkiEF) -> bytes:
        """A DER certificate: its header gives the size (``30 82 HH LL`` → HHLL + 4, §A.2.4)."""
        self.card.select_ef(ef)
        head = self.card.read_binary(0, 4)
        if len(head) < 4 or head[0] != 0x30 or head[1] != 0x82:
            raise MalformedData("not a DER certificate", ef=f"jpki.{ef.name.lower()}")
        size = int.from_bytes(head[2:4], "big") + 4
        out = bytearray(head)
        while len(out) < size:
            chunk = self.card.read_binary(len(out), min(self.card.chunk_size, size - len(out)))
            if not chunk:
                raise MalformedData("certificate ends early", ef=f"jpki.{ef.name.lower()}")
            out += chunk
        return bytes(out)

    def read_auth_certificate(self) -> bytes:
        """利用者証明用電子証明書 (free)."""
        return self._read_certificate(L.JpkiEF.AUTH_CERT)

    def read_auth_ca_certificate(self) -> bytes:
        """利用者証明用CA証明書 (free)."""
        return self._read_certificate(L.JpkiEF.AUTH_CA_CERT)

    def read_sign_ca_certificate(self) -> bytes | None:
        """署名用CA証明書; ``None`` if this card guards it (6982)."""
        try:
            return self._read_certificate(L.JpkiEF.SIGN_CA_CERT)
        except SecurityStatusNotSatisfied:
            return None

    def unlock_signature(self, prompt: SecretPrompt, tries: dict[str, int]) -> bool:
        """Ask for the 署名用パスワード (tries shown first) and VERIFY it; False if skipped."""
        return unlock(self.card, "sign_pin", L.JpkiEF.SIGN_PIN, prompt, tries)

    def read_sign_certificate(self) -> bytes:
        """署名用電子証明書 (after :meth:`unlock_signature`)."""
        return self._read_certificate(L.JpkiEF.SIGN_CERT)

    def unlock_authentication(self, prompt: SecretPrompt, tries: dict[str, int]) -> bool:
        """Ask for the 利用者証明用暗証番号 (4 digits; tries shown first) and VERIFY it; False if skipped."""
        return unlock(self.card, "auth_pin", L.JpkiEF.AUTH_PIN, prompt, tries)

    def sign_challenge(self, challenge: bytes | None = None) -> ChallengeResponse:
        """The card signs ``DigestInfo(SHA-256(challenge))`` with the signature key (after the password).

        ``challenge`` defaults to fresh random bytes; it is the caller's only to make tests repeatable.
        """
        return self._challenge("jpki.sign", L.JpkiEF.SIGN_KEY, challenge)

    def auth_challenge(self, challenge: bytes | None = None) -> ChallengeResponse:
        """The same with the user-authentication key (after :meth:`unlock_authentication`)."""
        return self._challenge(AUTH_PROOF_KEY, L.JpkiEF.AUTH_KEY, challenge)

    def _challenge(self, name: str, key: L.JpkiEF, challenge: bytes | None) -> ChallengeResponse:
        challenge = secrets.token_bytes(CHALLENGE_LENGTH) if challenge is None else challenge
        signed = L.digest_info_sha256(challenge)
        self.card.select_ef(key)
        signature = self.card.compute_digital_signature(signed)
        return ChallengeResponse(name, challenge, signed, signature)
