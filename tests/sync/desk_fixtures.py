"""Helpers for the desk-side tests: a record store, an office key, the test trust anchors, real submissions.

Submissions are built from real data: chip files read from the project's My Number software card (test
PKI, persona "taro") through the card stack, JPKI signatures made by that card, and real face photos.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kyc_desk.cards.apps.mynumber import Secret, SecretRequest
from kyc_desk.cards.card import Card
from kyc_desk.cards.transport.memory import HandlerTransport
from kyc_desk.records import Person, RecordStore, ScryptParams
from kyc_desk.sync.client import DeskClient, LinkInfo
from kyc_desk.sync.desk import DeskSync
from kyc_desk.sync.format import DocumentKind, Method, Part
from kyc_desk.sync.office_key import KeyProtection, OfficeKey, create_office_key
from kyc_desk.sync.submitter import document_parts, read_he_parts, selfie_parts, sign_wa
from kyc_desk.verify.trust import TrustStore, load_trust_store
from kyc_desk_testkit.softcard.mynumber import MyNumberSoftCard, build_mynumber_card
from kyc_desk_testkit.softcard.persona import demo_personas
from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors

FAST_SCRYPT = ScryptParams(n=2**10)
#: The liveness challenge the tests' requests ask for (a desk draws a random one by default).
LIVENESS = "turn_left,blink"
PASSPHRASE = "correct horse battery staple"


def answer_all(card: MyNumberSoftCard) -> Callable[[SecretRequest], Secret]:
    """The client types their own secrets (the test card's)."""
    return lambda request: Secret(card.secrets[request.name])


@dataclass
class Desk:
    folder: Path
    store: RecordStore
    office: OfficeKey
    anchors: TrustStore
    sync: DeskSync


def make_desk(tmp: Path, endpoint_url: str, desk_token: str) -> Desk:
    folder = tmp / "sync"
    office = create_office_key(folder, KeyProtection(mode="passphrase", passphrase=PASSPHRASE, scrypt=FAST_SCRYPT))
    store, _recovery = RecordStore.create(mode="passphrase", folder=tmp / "records", passphrase=PASSPHRASE,
                                          scrypt=FAST_SCRYPT)
    trust = tmp / "trust"
    write_trust_anchors(trust, softcard_issuers())
    sync = DeskSync(DeskClient(endpoint_url, desk_token), folder, office.public_text, office)
    return Desk(folder, store, office, load_trust_store(trust), sync)


def taro() -> Person:
    p = demo_personas()["taro"]
    return Person(name=p.name, name_kana=p.name_kana, birth_date=p.birth_date, address=p.address)


def he_parts(selfies: list[bytes], persona: str = "taro") -> list[Part]:
    card = build_mynumber_card(persona)
    return read_he_parts(Card(HandlerTransport(card.process)), answer_all(card)) + selfie_parts(selfies)


def wa_parts(info: LinkInfo, persona: str = "taro") -> list[Part]:
    card = build_mynumber_card(persona)
    return sign_wa(Card(HandlerTransport(card.process)), answer_all(card), info)


def ho_parts(selfies: list[bytes], front: bytes, back: bytes, thickness: bytes) -> list[Part]:
    return document_parts({"front": front, "back": back, "thickness": thickness}) + selfie_parts(selfies)


METHOD_DOCUMENT = {Method.HE: DocumentKind.MYNUMBER, Method.HO: DocumentKind.DRIVER_LICENCE, Method.WA: None}
NOW = dt.datetime.now(dt.UTC)


@cache
def live_frames(photo: str = "obama.jpg", liveness: str = LIVENESS) -> tuple[bytes, ...]:
    """A bona fide selfie clip (the face engine's synthetic generator) of a real photo doing ``liveness``,
    as JPEG frames at 15 frames/s."""
    from PIL import Image

    from kyc_desk.faces import parse_challenge
    from kyc_desk_testkit.faces.synth import genuine_sequence
    from kyc_desk_testkit.samples import sample_photo

    frames = []
    for rgb in genuine_sequence(sample_photo(photo), parse_challenge(liveness).actions):
        out = io.BytesIO()
        Image.fromarray(rgb).save(out, "JPEG", quality=85)
        frames.append(out.getvalue())
    return tuple(frames)


@cache
def replayed_photo_frames(photo: str = "obama.jpg") -> tuple[bytes, ...]:
    """A presentation attack: one still photo fed as every frame."""
    from PIL import Image

    from kyc_desk_testkit.faces.synth import static_photo_attack
    from kyc_desk_testkit.samples import sample_photo

    frames = []
    for rgb in static_photo_attack(sample_photo(photo)):
        out = io.BytesIO()
        Image.fromarray(rgb).save(out, "JPEG", quality=85)
        frames.append(out.getvalue())
    return tuple(frames)
