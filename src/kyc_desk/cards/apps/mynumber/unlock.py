"""Asking for a secret and sending it — the one place the My Number readers VERIFY.

The rules (the project's non-negotiables) live here so that every AP follows them the same way:

1. Read the tries left with the **empty VERIFY** (no data: no try spent) and pass them to the prompt
   *before* the secret is asked for, so the user sees them first.
2. A blocked key (0 tries) raises :class:`PinBlocked` without asking.
3. Only what the prompt returns — what the user typed — is sent; ``None`` means "skip this secret".
4. The format is checked before sending (a 3-digit PIN is refused here and costs no try).
5. With one try left nothing is sent unless the answer carries ``confirm_last_try=True``
   (:class:`LastTryNotConfirmed`): a caller must ask the user explicitly.
6. A wrong secret is never retried: :class:`PinIncorrect` (with the tries left) propagates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from kyc_desk.cards.apdu import StatusWord
from kyc_desk.cards.apps.mynumber.code_b import validate_code_b_digits
from kyc_desk.cards.apps.mynumber.errors import LastTryNotConfirmed, SecretFormatInvalid
from kyc_desk.cards.apps.mynumber.layouts import FORBIDDEN_FILES
from kyc_desk.cards.card import Card
from kyc_desk.cards.errors import PinBlocked
from kyc_desk.cards.reading import SecretName


@dataclass(frozen=True)
class SecretSpec:
    """What a secret is called, how many tries it has, and the format the card accepts."""

    name: SecretName
    label_ja: str
    label_en: str
    max_tries: int | None
    rule_en: str
    rule_ja: str


SECRETS: Final[dict[str, SecretSpec]] = {
    "code_b": SecretSpec(
        "code_b", "照合番号B", "collation number B", 10, "14 digits", "14桁の数字"
    ),  # 10 tries: 1 indirect source (cards.md §A.4.1) — the card's own count is what is shown
    "text_pin": SecretSpec("text_pin", "券面事項入力補助用暗証番号", "text AP PIN", 3, "4 digits", "4桁の数字"),
    "auth_pin": SecretSpec(
        "auth_pin", "利用者証明用電子証明書の暗証番号", "user authentication PIN", 3, "4 digits", "4桁の数字"
    ),
    "sign_pin": SecretSpec(
        "sign_pin",
        "署名用電子証明書のパスワード",
        "signature password",
        5,
        "6 to 16 letters A-Z and digits, with both",
        "英大文字と数字を両方含む6〜16文字",
    ),
}

_FOUR_DIGITS = re.compile(r"^[0-9]{4}$")
_SIGN_PASSWORD = re.compile(r"^[A-Z0-9]{6,16}$")


def normalise_secret(name: str, value: str) -> str:
    """The secret as the card expects it, or :class:`SecretFormatInvalid` (the value is never shown)."""
    spec = SECRETS[name]
    text = value.strip()
    ok: bool
    if name == "code_b":
        return validate_code_b_digits(text)
    if name == "sign_pin":
        text = text.upper()  # client software upper-cases the password (jpki.go.jp)
        ok = bool(_SIGN_PASSWORD.match(text)) and any(c.isdigit() for c in text) and any(c.isalpha() for c in text)
    else:
        ok = bool(_FOUR_DIGITS.match(text))
    if not ok:
        raise SecretFormatInvalid(
            f"the {spec.label_en} must be {spec.rule_en}; nothing was sent to the card",
            ja=f"{spec.label_ja}は{spec.rule_ja}です（カードには送信していません）。",
        )
    return text


@dataclass(frozen=True)
class SecretRequest:
    """What the prompt is told before it asks: which secret, and the tries the card says are left."""

    name: SecretName
    tries_left: int
    spec: SecretSpec

    @property
    def last_try(self) -> bool:
        """Only one try is left: a wrong entry blocks the key."""
        return self.tries_left == 1


@dataclass(frozen=True)
class Secret:
    """What the user typed, and whether they explicitly accepted using the last try."""

    value: str = field(repr=False)
    confirm_last_try: bool = False


#: The caller's prompt: show ``request.tries_left``, then return what the user typed or ``None`` (skip).
SecretPrompt = Callable[[SecretRequest], "Secret | None"]


def guard_file(aid: bytes, fid: int) -> None:
    """Refuse, before anything is sent, a file or key that is or reveals the individual number."""
    if (aid, fid) in FORBIDDEN_FILES:
        raise AssertionError(f"refusing to select EF {fid:04X}: it holds the individual number")


def unlock(card: Card, name: SecretName, key_fid: int, prompt: SecretPrompt, tries: dict[str, int]) -> bool:
    """Select the key EF ``key_fid`` of the current AP, ask for ``name`` and VERIFY it.

    Records the tries left in ``tries`` (before asking; :data:`~kyc_desk.cards.card.NO_LIMIT` when the
    card answers 6300, a key without a counter). Returns False when the prompt skipped the secret
    (nothing sent), True when the card accepted it.
    """
    card.select_ef(key_fid)
    left = card.tries_left()
    if left is None:  # the card says the key is already verified in this session: nothing to send
        return True
    tries.setdefault(name, left)
    if left == 0:
        raise PinBlocked(StatusWord(0x63C0))
    answer = prompt(SecretRequest(name, left, SECRETS[name]))
    if answer is None:
        return False
    value = normalise_secret(name, answer.value)
    if left == 1 and not answer.confirm_last_try:
        raise LastTryNotConfirmed(name)
    card.verify(value)
    return True
