"""Fixtures of the My Number tests: the test trust folder and readings of software cards.

Keys are the committed test keys, so nothing slow happens per test; cards are built per test (about
0.1 s once the portrait is cached) because reading changes their counters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from kyc_desk.cards.apps.mynumber import Secret, SecretRequest, read_mynumber
from kyc_desk.cards.card import Card
from kyc_desk.cards.reading import CardReading
from kyc_desk.cards.transport.memory import HandlerTransport
from kyc_desk.verify.trust import TrustStore, load_trust_store
from kyc_desk_testkit.softcard.mynumber import MyNumberCardOptions, MyNumberSoftCard, build_mynumber_card
from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors

#: A time inside every test certificate's validity.
AT = dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def trust_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A trust folder holding the test issuers' anchors (never the rogue ones)."""
    folder = tmp_path_factory.mktemp("trust")
    write_trust_anchors(folder, softcard_issuers())
    return folder


@pytest.fixture(scope="session")
def anchors(trust_folder: Path) -> TrustStore:
    return load_trust_store(trust_folder)


def answer_all(card: MyNumberSoftCard, shown: list[tuple[str, int]] | None = None) -> Callable[[SecretRequest], Secret]:
    """A prompt that types the card's right secrets, noting the tries it was shown first."""

    def prompt(request: SecretRequest) -> Secret:
        if shown is not None:
            shown.append((request.name, request.tries_left))
        return Secret(card.secrets[request.name])

    return prompt


def read_in_memory(persona: str = "taro", options: MyNumberCardOptions | None = None) -> CardReading:
    """Read a software card through the in-process transport (verification tests; the reading tests
    go through pcscd)."""
    card = build_mynumber_card(persona, options)
    return read_mynumber(Card(HandlerTransport(card.process)), answer_all(card))


@pytest.fixture(autouse=True)
def _language_back_to_default() -> object:
    """``main(["--lang", "en", …])`` sets the process language; put it back after each test."""
    from kyc_desk.i18n import set_language

    yield
    set_language(None)
