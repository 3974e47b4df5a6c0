"""The registry's entries: My Number card, driver's licence, residence card, special permanent resident
certificate. Built on first use (:func:`documents`), so importing this package loads no card or
verification code; the window calls it from a worker thread."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from typing import TYPE_CHECKING

from kyc_desk.documents.registry import (
    ChipStatement,
    Document,
    DocumentNotReadable,
    DocumentRegistry,
    Progress,
    Purpose,
    SecretRequired,
)

if TYPE_CHECKING:
    from kyc_desk.cards.apps.mynumber.unlock import SecretPrompt
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.reading import CardReading
    from kyc_desk.verify.report import VerificationReport
    from kyc_desk.verify.revocation import RevocationChecker
    from kyc_desk.verify.trust import TrustStore


# --- My Number card ----------------------------------------------------------------------------------


def _read_mynumber(
    card: Card,
    prompt: SecretPrompt,
    purpose: Purpose,
    progress: Progress | None,
    presence: bytes | None,
    card_proof: bytes | None = None,
) -> CardReading:
    """At the desk everything the secrets open; for ヘ neither the signature certificate nor the challenge
    (the format does not carry them), so the signature password is not asked; for a returning client's card
    proof also the user-authentication PIN, with which the card signs a fresh challenge."""
    from kyc_desk.cards.apps.mynumber import MyNumberReadOptions, read_mynumber

    options = {
        "desk": MyNumberReadOptions(),
        "remote": MyNumberReadOptions(sign=False, challenge=False, presence=False),
        "card_proof": MyNumberReadOptions(auth=True),  # + the user-authentication PIN and a fresh challenge
    }[purpose]
    if presence is not None:  # the card face AP's key signs this message (the chip is the one issued)
        options = dataclasses.replace(options, presence=True, presence_challenge=presence)
    if card_proof is not None:  # a remote returning client's proof: the authentication key signs this message
        options = dataclasses.replace(options, auth=True, auth_challenge=card_proof)
    return read_mynumber(card, prompt, options=options, progress=progress)


def _verify_mynumber(
    reading: CardReading, anchors: TrustStore, at: dt.datetime, revocation: RevocationChecker | None
) -> VerificationReport:
    from kyc_desk.verify.mynumber import verify_mynumber

    return verify_mynumber(reading, anchors=anchors, at=at, revocation=revocation)


def _refuse_card_proof(purpose: Purpose, card_proof: bytes | None) -> None:
    if purpose == "card_proof" or card_proof is not None:
        raise DocumentNotReadable(
            "a card proof needs a My Number card", ja="カードによる確認はマイナンバーカードでのみ行えます。"
        )


def _mynumber_statement(reading: CardReading) -> ChipStatement:
    """The text AP's name and address are stated, but without EF 0003 (never read remotely: it reveals the
    individual number) no signature covers them; the signed card face shows them as images."""
    from kyc_desk.cards.apps.mynumber.reader import FILE_TEXT_ATTRIBUTES, FILE_TEXT_SIGNATURE

    holder = reading.holder
    files = reading.signed_files
    covered = FILE_TEXT_ATTRIBUTES not in files or FILE_TEXT_SIGNATURE in files
    unsigned = () if covered else ("submission.text_unsigned",)
    return ChipStatement(holder.name or None, holder.name_kana, holder.birth_date, holder.address, unsigned=unsigned)


# --- driver's licence --------------------------------------------------------------------------------


def _read_licence(
    card: Card, prompt: SecretPrompt, purpose: Purpose, progress: Progress | None, _presence: bytes | None,
    card_proof: bytes | None = None,
) -> CardReading:
    """``pin1`` and ``pin2``; for ヘ the photo (PIN 2) is required, since the face match needs it."""
    from kyc_desk.cards.apps.driver_licence import read_driver_licence

    _refuse_card_proof(purpose, card_proof)
    reading = read_driver_licence(card, prompt, progress=progress)
    if purpose == "remote" and reading.photo is None:
        raise SecretRequired(
            "ヘ needs the licence photo, which PIN 2 opens; PIN 2 was not given",
            ja="ヘ方式には免許証の顔写真が必要です。暗証番号2を入力してください。",
        )
    return reading


def _verify_licence(
    reading: CardReading, _anchors: TrustStore, at: dt.datetime, _revocation: RevocationChecker | None
) -> VerificationReport:
    from kyc_desk.verify.driver_licence import check_driver_licence

    return check_driver_licence(reading, at=at)  # EF07: NOT_VERIFIABLE unless a scheme is registered


def _licence_statement(reading: CardReading) -> ChipStatement:
    """The address compared is the latest one the police recorded (EF04), not the one at issue; text with
    外字/欠字 placeholders cannot be compared automatically."""
    holder = reading.holder
    notes: dict[str, str] = {}
    address = holder.address
    if (changed := reading.extra.get("changed_address")) is not None:
        address = changed
        notes["address"] = "item.licence_changed_address"
    for item in reading.extra.get("gaiji_in", "").split(","):
        if item in ("name", "address"):
            notes[item] = "item.gaiji"
    return ChipStatement(holder.name or "", holder.name_kana, holder.birth_date, address, notes)


# --- residence card family ---------------------------------------------------------------------------


def _read_residence(
    card: Card, prompt: SecretPrompt, _purpose: Purpose, progress: Progress | None, _presence: bytes | None,
    card_proof: bytes | None = None,
) -> CardReading:
    """The card number, asked through the prompt with ``tries_left`` = ``NO_TRY_COUNTER`` (the card keeps
    no counter); nothing is sent to the card without it."""
    from kyc_desk.cards.apps.mynumber.unlock import SecretRequest
    from kyc_desk.cards.apps.residence import CARD_NUMBER_SECRET, NO_TRY_COUNTER, read_residence_card

    _refuse_card_proof(_purpose, card_proof)
    answer = prompt(SecretRequest("card_number", NO_TRY_COUNTER, CARD_NUMBER_SECRET))
    if answer is None or not answer.value.strip():
        raise SecretRequired(
            "the residence card can only be read with its card number (card_number)",
            ja="在留カード等は券面の在留カード番号（12文字）がないと読み取れません。",
        )
    return read_residence_card(card, answer.value, progress=progress)


def _verify_residence(
    reading: CardReading, anchors: TrustStore, at: dt.datetime, _revocation: RevocationChecker | None
) -> VerificationReport:
    from kyc_desk.verify.residence import check_residence_card

    return check_residence_card(reading, anchors=anchors, at=at)


def _residence_statement(reading: CardReading) -> ChipStatement:
    """The chip holds name and birth date only inside the front image (compared by eye); the address written
    on the back is text, compared, but the check code does not cover it."""
    holder = reading.holder
    notes = {"name": "item.residence_image_only", "birth_date": "item.residence_image_only"}
    unsigned: tuple[str, ...] = ()
    if holder.address is None:
        notes["address"] = "item.residence_no_address"
    else:
        unsigned = ("submission.address_unsigned",)
    return ChipStatement(holder.name or "", holder.name_kana, holder.birth_date, holder.address, notes, unsigned)


# --- the registry ------------------------------------------------------------------------------------


@functools.cache
def documents() -> DocumentRegistry:
    """The desk's documents (built once)."""
    from kyc_desk.cards.apps import driver_licence as licence
    from kyc_desk.cards.apps import mynumber, residence
    from kyc_desk.cards.apps.mynumber import reader as mn
    from kyc_desk.cards.detect import CardKind

    mynumber_files = {
        "chip/mynumber/surface/0002": mn.FILE_SURFACE_FACE,
        "chip/mynumber/surface/0004": mn.FILE_SURFACE_CVC,
        "chip/mynumber/text/0002": mn.FILE_TEXT_ATTRIBUTES,
        "chip/mynumber/text/0004": mn.FILE_TEXT_CVC,
        "chip/mynumber/jpki/000A": mn.FILE_AUTH_CERT,
        "chip/mynumber/jpki/000B": mn.FILE_AUTH_CA_CERT,
    }
    licence_files = {
        "chip/driver_licence/mf/2F01": licence.reader.FILE_COMMON,
        "chip/driver_licence/df1/0001": licence.reader.FILE_ITEMS,
        "chip/driver_licence/df1/0003": licence.reader.FILE_GAIJI,
        "chip/driver_licence/df1/0004": licence.reader.FILE_CHANGES,
        "chip/driver_licence/df1/0005": licence.reader.FILE_CHANGES_GAIJI,
        "chip/driver_licence/df1/0007": licence.reader.FILE_SIGNATURE,
        "chip/driver_licence/df2/0001": licence.reader.FILE_PHOTO,
    }
    residence_files = {
        "chip/residence_card/mf/0001": residence.FILE_KEYS["common"],
        "chip/residence_card/mf/0002": residence.FILE_KEYS["card_type"],
        "chip/residence_card/df1/0001": residence.FILE_KEYS["front_image"],
        "chip/residence_card/df1/0002": residence.FILE_KEYS["photo"],
        "chip/residence_card/df2/0001": residence.FILE_KEYS["address"],
        "chip/residence_card/df3/0001": residence.FILE_KEYS["check_code"],
    }
    return DocumentRegistry((
        Document(
            "mynumber", "マイナンバーカード", "My Number card", (CardKind.MYNUMBER,),
            secrets=("code_b", "text_pin", "sign_pin"), verify=_verify_mynumber, read=_read_mynumber,
            reading_from_files=mynumber.reading_from_files, submission="mynumber", submission_files=mynumber_files,
            statement=_mynumber_statement,
        ),
        Document(
            "driver_licence", "運転免許証", "driver's licence", (CardKind.DRIVER_LICENCE,),
            secrets=("pin1", "pin2"), verify=_verify_licence, read=_read_licence,
            reading_from_files=licence.reading_from_files, submission="driver_licence", submission_files=licence_files,
            statement=_licence_statement,
        ),
        Document(
            "residence_card", "在留カード", "residence card", (CardKind.RESIDENCE_CARD,),
            secrets=("card_number",), verify=_verify_residence, read=_read_residence,
            reading_from_files=residence.reading_from_files, submission="residence_card",
            submission_files=residence_files, statement=_residence_statement,
        ),
        Document(
            "special_permanent_resident", "特別永住者証明書", "special permanent resident certificate",
            (CardKind.SPECIAL_PERMANENT_RESIDENT,), secrets=("card_number",), verify=_verify_residence,
            read=_read_residence, reading_from_files=residence.reading_from_files, submission="residence_card",
            submission_files=residence_files, statement=_residence_statement,
        ),
    ))
