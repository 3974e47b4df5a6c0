"""運転免許証の読み取り — reading the IC driver's licence into a :class:`~kyc_desk.cards.reading.CardReading`.

The sequence (cards.md §B.3), each step only as far as the secrets allow:

1. MF: 共通データ要素 (spec version, issue and expiry dates) — no PIN;
2. MF: 暗証番号設定. When it says *no PIN is set* the card stores the default PIN ``****`` and the desk
   sends exactly that, never anything the user typed; when PINs are set, only what the user typed;
3. tries left for PIN1 (and PIN2) with the empty VERIFY, shown to the prompt *before* it asks; a
   blocked PIN is reported without sending anything, and with one try left nothing is sent unless the
   answer confirms it explicitly;
4. PIN1 → DF1: 記載事項 (EF01), 外字 (EF03), changes (EF04/EF05) and the signature file (EF07);
5. PIN2 (optional when PINs are set) → the photo (DF2/EF01), and 本籍 (DF1/EF02, EF06) only when the
   scrivener asked for it (``include_domicile``): the law does not ask for 本籍, so it is not kept by default.

Text is JIS X 0208 with 外字 placeholders kept visible (:mod:`.text`); era dates become ISO dates.
Recorded changes (EF04, :mod:`.changes`) are current: a holder who moved has the new address as
``holder.address`` (what item checks compare with); the value printed at issue stays as
``extra["original_<item>"]`` and every change as ``extra["change_history"]``. A change that cannot be
decoded is shown as such and the item's value is flagged (``extra["undecoded_changes"]``), never guessed.
Everything raw goes to ``signed_files`` for :mod:`kyc_desk.verify.driver_licence`, which
decides what can be verified. Any failure raises; nothing half-read is returned.

The live read only moves bytes and spends PINs; turning the raw files into a reading is
:func:`reading_from_files`, which a remote (ヘ) submission's chip files go through too — one parser for
both paths, so a licence read at the desk and one sent from a phone become the same reading.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from kyc_desk.cards.apdu import StatusWord
from kyc_desk.cards.apps.driver_licence import layouts as L
from kyc_desk.cards.apps.driver_licence.changes import LicenceChanges, describe, parse_changes
from kyc_desk.cards.apps.driver_licence.errors import (
    LastTryNotConfirmed,
    LicencePinBlocked,
    LicencePinIncorrect,
    NotDriverLicence,
    PinFormatInvalid,
    PinRequired,
)
from kyc_desk.cards.apps.driver_licence.text import JisText
from kyc_desk.cards.apps.mynumber.unlock import SecretPrompt, SecretRequest, SecretSpec
from kyc_desk.cards.card import Card
from kyc_desk.cards.errors import (
    FileNotFound,
    MalformedData,
    PinBlocked,
    PinIncorrect,
    SecurityStatusNotSatisfied,
)
from kyc_desk.cards.layouts import decode
from kyc_desk.cards.reading import CardFacts, CardReading, Holder, Photo
from kyc_desk.cards.tlv import parse_simple

log = logging.getLogger(__name__)
Progress = Callable[[str], None]

SECRETS: Final[dict[str, SecretSpec]] = {
    "pin1": SecretSpec("pin1", "暗証番号1", "PIN 1", L.MAX_PIN_TRIES, "4 digits", "4桁の数字"),
    "pin2": SecretSpec("pin2", "暗証番号2", "PIN 2", L.MAX_PIN_TRIES, "4 digits", "4桁の数字"),
}
_PIN_SFI: Final = {"pin1": L.PIN1_SFI, "pin2": L.PIN2_SFI}
_FOUR_DIGITS = re.compile(r"^[0-9]{4}$")

#: Keys of ``CardReading.signed_files``.
FILE_COMMON = "driver_licence.mf.ef01"
FILE_ITEMS = "driver_licence.df1.ef01"
FILE_DOMICILE = "driver_licence.df1.ef02"
FILE_GAIJI = "driver_licence.df1.ef03"
FILE_CHANGES = "driver_licence.df1.ef04"
FILE_CHANGES_GAIJI = "driver_licence.df1.ef05"
FILE_CHANGES_DOMICILE = "driver_licence.df1.ef06"
FILE_SIGNATURE = "driver_licence.df1.ef07"
FILE_PHOTO = "driver_licence.df2.ef01"
#: Files without which there is no reading (the rest are optional: a read without PIN2 has no photo).
REQUIRED_FILES: Final = (FILE_COMMON, FILE_ITEMS)


def parse_pin_setting(raw: bytes) -> bool:
    """MF/EF02: True when the holder set PINs, False when the card holds the default ``****``.

    The tag is UNCONFIRMED: exactly one one-byte object is accepted, and its value must be 00 or 01 —
    anything else is MalformedData, so a wrong guess stops the read instead of sending a wrong PIN.
    """
    objects = parse_simple(L.strip_filler(raw))
    if len(objects) != 1 or len(objects[0].value) != 1 or objects[0].value[0] not in (L.PIN_SET, L.PIN_NOT_SET):
        raise MalformedData("the PIN setting is not one flag of 00 or 01", ef="licence/MF/EF02")
    return objects[0].value[0] == L.PIN_SET


def parse_common_data(raw: bytes) -> dict[str, Any]:
    """MF/EF01 共通データ要素: ``spec_version``, ``issued`` and ``expiry`` (MalformedData on bad bytes)."""
    common: dict[str, Any] = decode(L.COMMON_DATA, L.strip_filler(raw))["common"]
    return common


def parse_photo(raw: bytes) -> Photo:
    """DF2/EF01 写真: the JPEG 2000 photo inside ``5F 40`` (MalformedData unless it is one)."""
    photo = Photo.from_bytes(decode(L.PHOTO, raw)["photo"])
    if photo is None:
        raise MalformedData("the photo is not a JPEG 2000 image", ef="licence/DF2/EF01", tag=L.PHOTO_TAG)
    return photo


def _changes(files: Mapping[str, bytes], key: str) -> LicenceChanges:
    return parse_changes(files[key]) if key in files else LicenceChanges(False)


def _current_items(items: Mapping[str, Any], changes: LicenceChanges, extra: dict[str, str]) -> dict[str, str]:
    """Name, reading and address as they stand now: the latest decoded change, else the value at issue.

    A superseded value is kept as ``original_<item>`` and the new one as ``changed_<item>``. When the
    latest change of an item did not decode, the value at issue stays but is not current: the item is
    listed in ``extra["undecoded_changes"]`` (by the caller) so nobody takes it as confirmed.
    """
    current: dict[str, str] = {}
    for key in ("name", "name_kana", "address"):
        printed = items.get(key)
        value = printed.text if isinstance(printed, JisText) else None
        latest = changes.latest(key)
        if latest is not None and latest.decoded and latest.text is not None:
            if value is not None:
                extra[f"original_{key}"] = value
            value = latest.text.text
            extra[f"changed_{key}"] = value
        if value is not None:
            current[key] = value
    return current


def _show(value: Any) -> str:
    if isinstance(value, JisText):
        return value.text
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


class _Reader:
    def __init__(self, card: Card, prompt: SecretPrompt, step: Progress) -> None:
        self.card, self.prompt, self.step = card, prompt, step
        self.files: dict[str, bytes] = {}
        self.tries: dict[str, int] = {}
        self.unread: list[str] = []

    def read_ef(self, fid: int, key: str | None) -> bytes:
        """Select and read an EF of the current DF; kept in ``signed_files`` under ``key`` unless None."""
        self.card.select_ef(fid)
        data = self.card.read_binary_all()
        if key is not None:
            self.files[key] = data
        return data

    def read_ef_if_allowed(self, fid: int, key: str) -> None:
        """Read an EF whose access condition is UNCONFIRMED (EF06, EF07); a 69 82 refusal is recorded in
        ``extra["unread_files"]`` (shown to the user) instead of failing the whole read."""
        try:
            self.read_ef(fid, key)
        except SecurityStatusNotSatisfied:
            log.warning("licence EF %04X refused its access condition (69 82); recorded as unread", fid)
            self.unread.append(key.rsplit(".", 2)[-2].upper() + "/" + key.rsplit(".", 1)[-1].upper())

    def unlock(self, name: str, *, pin_set: bool, required: bool) -> bool:
        """Tries first, then the secret (typed, or ``****`` when the card has none), then VERIFY once."""
        sfi = _PIN_SFI[name]
        left = self.card.tries_left(sfi=sfi)
        if left is None:
            return True
        self.tries[name] = left
        if left == 0:
            raise LicencePinBlocked(StatusWord(0x63C0), pin=name)
        if pin_set:
            answer = self.prompt(SecretRequest(name, left, SECRETS[name]))  # type: ignore[arg-type]
            if answer is None:
                if required:
                    raise PinRequired(name)
                return False
            value, confirmed = answer.value.strip(), answer.confirm_last_try
            if not _FOUR_DIGITS.match(value):
                raise PinFormatInvalid(name)
            secret = value.encode("ascii")
        else:
            secret, confirmed = L.DEFAULT_PIN, False
        if left == 1 and not confirmed:
            raise LastTryNotConfirmed(name)
        try:
            self.card.verify(secret, sfi=sfi)
        except PinBlocked as exc:
            raise LicencePinBlocked(exc.sw, pin=name) from exc
        except PinIncorrect as exc:
            raise LicencePinIncorrect(exc.sw, retries_left=exc.retries_left, pin=name) from exc
        return True


def detect_driver_licence(card: Card) -> bool:
    """True if the card has the licence's DF1 (SELECT answers 9000)."""
    return card.probe_df(L.DF1_AID)


def read_common_data(card: Card) -> dict[str, Any]:
    """MF/EF01 without any PIN: ``spec_version``, ``issued`` and ``expiry`` (NotDriverLicence otherwise)."""
    try:
        card.select_mf()
        card.select_ef(L.MfEF.COMMON_DATA)
        return parse_common_data(card.read_binary_all())
    except FileNotFound as exc:
        raise NotDriverLicence("the card has no driver's licence common data") from exc


def read_driver_licence(
    card: Card, prompt: SecretPrompt, *, progress: Progress | None = None, include_domicile: bool = False
) -> CardReading:
    """Read the licence as far as the secrets allow (see the module docstring); 本籍 (DF1/EF02 and its
    changes in EF06) only with ``include_domicile``."""
    r = _Reader(card, prompt, progress or (lambda _name: None))
    r.step("common")
    try:
        card.select_mf()
        parse_common_data(r.read_ef(L.MfEF.COMMON_DATA, FILE_COMMON))  # a malformed card stops before any PIN
        pin_set = parse_pin_setting(r.read_ef(L.MfEF.PIN_SETTING, None))
    except FileNotFound as exc:
        raise NotDriverLicence("the card has no driver's licence common data") from exc
    card.select_mf()
    r.step("pin1")
    r.unlock("pin1", pin_set=pin_set, required=True)
    r.step("pin2")
    with_pin2 = r.unlock("pin2", pin_set=pin_set, required=False)

    r.step("items")
    card.select_df(L.DF1_AID)
    r.read_ef(L.Df1EF.ITEMS, FILE_ITEMS)
    r.read_ef(L.Df1EF.GAIJI, FILE_GAIJI)
    r.read_ef(L.Df1EF.CHANGES, FILE_CHANGES)
    r.read_ef(L.Df1EF.CHANGES_GAIJI, FILE_CHANGES_GAIJI)
    r.read_ef_if_allowed(L.Df1EF.SIGNATURE, FILE_SIGNATURE)
    if with_pin2:
        if include_domicile:
            r.step("domicile")
            r.read_ef(L.Df1EF.DOMICILE, FILE_DOMICILE)
            r.read_ef_if_allowed(L.Df1EF.CHANGES_DOMICILE, FILE_CHANGES_DOMICILE)
        r.step("photo")
        card.select_df(L.DF2_AID)
        r.read_ef(L.Df2EF.PHOTO, FILE_PHOTO)
    reading = reading_from_files(r.files, read_at=dt.datetime.now(dt.UTC), pin_tries=r.tries, unread=r.unread)
    log.info("driver's licence read (PIN2 %s)", "used" if with_pin2 else "not used")
    return reading


def reading_from_files(
    files: Mapping[str, bytes],
    *,
    read_at: dt.datetime,
    pin_tries: Mapping[str, int] | None = None,
    unread: Sequence[str] = (),
) -> CardReading:
    """運転免許証の読取結果 — the reading of a licence from its raw EF bytes, keyed by the ``FILE_*`` names.

    Pure: the live reader and a remote submission's chip files both come here. :data:`REQUIRED_FILES`
    must be present; the photo (PIN2), 本籍, changes and EF07 are used when given. Every file given is
    kept in ``signed_files`` as it is. ``pin_tries`` and ``unread`` (EFs whose access was refused) are
    what a live read adds. Raises MalformedData on bad bytes or a missing required file: no partial
    reading.
    """
    missing = [key for key in REQUIRED_FILES if key not in files]
    if missing:
        raise MalformedData(f"required licence files are missing: {', '.join(missing)}", ef="licence")
    common = parse_common_data(files[FILE_COMMON])
    items = decode(L.ITEMS, L.strip_filler(files[FILE_ITEMS]))
    changes = _changes(files, FILE_CHANGES)
    domicile: JisText | None = None
    domicile_changes = LicenceChanges(False)
    if FILE_DOMICILE in files:
        domicile = decode(L.DOMICILE, L.strip_filler(files[FILE_DOMICILE]))["domicile"]
        domicile_changes = _changes(files, FILE_CHANGES_DOMICILE)
    photo = parse_photo(files[FILE_PHOTO]) if FILE_PHOTO in files else None

    extra: dict[str, str] = {"spec_version": str(common["spec_version"])}
    for key in ("alias", "unified_name_kana", "colour", "commission", "reference_number"):
        if key in items:
            extra[key] = _show(items[key])
    conditions = [_show(items[k]) for k in ("condition_1", "condition_2", "condition_3", "condition_4") if k in items]
    extra["conditions"] = "／".join(c for c in conditions if c)
    held = [(ja, items[key]) for _tag, (key, ja) in L.CATEGORIES.items() if items.get(key)]
    extra["categories"] = "、".join(f"{ja} {day.isoformat()}" for ja, day in held)
    current = _current_items(items, changes, extra)
    if domicile is not None:
        extra["domicile"] = domicile.text
        if (latest := domicile_changes.latest("domicile")) is not None and latest.decoded and latest.text is not None:
            extra["original_domicile"], extra["domicile"] = domicile.text, latest.text.text
    marked = [
        k for k in ("name", "name_kana", "address") if isinstance(items.get(k), JisText) and not items[k].complete
    ]
    if domicile is not None and not domicile.complete:
        marked.append("domicile")
    if marked:
        extra["gaiji_in"] = ",".join(marked)  # 外字/欠字 placeholders: compare with the card face
    extra["recorded_changes"] = "あり" if changes.any or domicile_changes.any else "なし"
    history = [describe(entry) for entry in (*changes.entries, *domicile_changes.entries)]
    if history:
        extra["change_history"] = "\n".join(history)
    undecoded = sorted({e.kind.key for e in (*changes.entries, *domicile_changes.entries) if not e.decoded})
    if undecoded:
        extra["undecoded_changes"] = ",".join(undecoded)
    unknown_tags = (*changes.unknown_tags, *domicile_changes.unknown_tags)
    if unknown_tags:
        extra["unrecognised_changes"] = str(len(unknown_tags))
    if unread:
        extra["unread_files"] = ",".join(unread)  # access refused: e.g. DF1/EF07
    if common["expiry"] != items["expiry"] or common["issued"] != items["issued"]:
        extra["date_mismatch"] = "共通データ要素と記載事項の日付が一致しません"
    kana = current.get("name_kana")
    return CardReading(
        card_type="driver_licence",
        holder=Holder(
            name=current["name"],
            name_kana=kana,
            address=current["address"],
            birth_date=items["birth_date"],
        ),
        card=CardFacts(expiry=items["expiry"], issued=items["issued"], number=items["licence_number"]),
        photo=photo,
        extra=extra,
        pin_tries=dict(pin_tries or {}),
        signed_files=dict(files),
        read_at=read_at,
    )
