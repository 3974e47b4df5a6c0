"""``kyc-desk card read`` handlers for the driver's licence and the residence card family.

Referenced from :data:`kyc_desk.cli.card.HANDLERS` (``"module:function"``); imported only when such a
card is on the reader.

- Driver's licence: secrets ``pin1`` and ``pin2``, asked through the command's prompt after the tries
  left are shown (a card issued without PINs asks nothing and gets the default ``****``); checks:
  EF07 (NOT_VERIFIABLE unless a signature scheme is registered) and recorded changes.
- Residence card / special permanent resident certificate: secret ``card_number`` (the 12 characters on
  the card face). The card keeps no try counter for it, so at the terminal it is asked with that said
  instead of a count; other prompts get :data:`NO_TRY_COUNTER` as ``tries_left``. Check: the check code
  against the trust store's certificates.
"""

from __future__ import annotations

import datetime as dt
import getpass
import sys

from kyc_desk.cards.apps.driver_licence import read_driver_licence
from kyc_desk.cards.apps.mynumber.unlock import SecretPrompt, SecretRequest
from kyc_desk.cards.apps.residence import CARD_NUMBER_SECRET, NO_TRY_COUNTER, read_residence_card
from kyc_desk.cards.card import Card
from kyc_desk.cards.reading import CardReading
from kyc_desk.cli.card import CardCommand, CardCommandError, TerminalPrompt
from kyc_desk.i18n import tr
from kyc_desk.verify.driver_licence import check_driver_licence
from kyc_desk.verify.report import VerificationReport
from kyc_desk.verify.residence import check_residence_card
from kyc_desk.verify.trust import TrustStore


def driver_licence_command() -> CardCommand:
    """The driver's licence: PIN1 (記載事項) and PIN2 (本籍, photo)."""
    return CardCommand(
        secrets=("pin1", "pin2"),
        read=lambda card, prompt: read_driver_licence(card, prompt),
        verify=lambda reading, _anchors, at: check_driver_licence(reading, at=at),
    )


def residence_command() -> CardCommand:
    """The residence card and the special permanent resident certificate: the card number."""
    return CardCommand(secrets=("card_number",), read=_read_residence, verify=_verify_residence)


def _read_residence(card: Card, prompt: SecretPrompt) -> CardReading:
    if isinstance(prompt, TerminalPrompt):
        label = tr(CARD_NUMBER_SECRET.label_ja, CARD_NUMBER_SECRET.label_en)
        print(tr(f"{label}: 入力回数の制限はありません", f"{label}: no limit on tries"), file=sys.stderr)
        typed = getpass.getpass(
            tr(f"{label}（{CARD_NUMBER_SECRET.rule_ja}）: ", f"{label} ({CARD_NUMBER_SECRET.rule_en}): ")
        )
    else:
        answer = prompt(SecretRequest("card_number", NO_TRY_COUNTER, CARD_NUMBER_SECRET))
        typed = answer.value if answer is not None else ""
    if not typed.strip():
        raise CardCommandError(
            "the residence card can only be read with its card number (card_number)",
            ja="在留カード等は券面の在留カード番号（12文字）がないと読み取れません。",
        )
    return read_residence_card(card, typed)


def _verify_residence(reading: CardReading, anchors: TrustStore, at: dt.datetime) -> VerificationReport:
    return check_residence_card(reading, anchors=[c.der for c in anchors.certificates], at=at)
