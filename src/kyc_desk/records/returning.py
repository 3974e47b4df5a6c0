"""再来の依頼者 — what a returning client's card proof tells the desk, before anything is saved.

A read with the user-authentication PIN (purpose ``card_proof``) proves one 利用者証明用電子証明書
(:func:`kyc_desk.verify.card_link.card_link`). Against the record store that gives one of four answers:

``recognised``
    the store knows the certificate: the earlier verifications it proved (newest first);
``new``
    the proof holds and nothing is linked to this certificate or to this holder yet;
``broken``
    the holder (same name and birth date, as the chip's signed data states them) was linked to another
    certificate — renewed or reissued — or today's certificate is outside its validity: the earlier link
    no longer holds and is said so, never silently renewed;
``unproven``
    the proof does not hold (wrong CA, bad signature, no PIN given): no link, and the reason.

The window (face to face) and the import of remote submissions (``kyc_desk.sync.desk``) both ask here;
neither matches certificates itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from kyc_desk.jp.time import JAPAN_TIME

if TYPE_CHECKING:
    from kyc_desk.cards.reading import CardReading
    from kyc_desk.records.model import VerificationSummary
    from kyc_desk.records.store import RecordStore
    from kyc_desk.verify.card_link import CardLink
    from kyc_desk.verify.report import Check, VerificationReport

Standing = Literal["recognised", "new", "broken", "unproven"]
#: Dates of earlier checks are said in Japan time (the records keep aware UTC times).


@dataclass(frozen=True)
class CardRecognition:
    """The answer for one card proof (see the module docstring). ``link`` is what a save links to the new
    record (``None``: nothing is linked); ``earlier`` the verifications the answer refers to."""

    standing: Standing
    link: CardLink | None
    earlier: tuple[VerificationSummary, ...] = ()
    reason: str = ""
    #: When the newest of ``earlier`` was carried out (its first method event), in Japan time.
    latest_at: dt.datetime | None = None

    @property
    def latest(self) -> VerificationSummary | None:
        return self.earlier[0] if self.earlier else None


def verified_day_text(day: dt.date) -> str:
    """``2025年1月15日（令和7年）`` in Japanese, ``15 Jan 2025`` in English."""
    from kyc_desk.i18n import tr
    from kyc_desk.jp.era import EraDateError, to_era

    try:
        era, year = to_era(day)
        era_text = f"（{era.kanji}{'元' if year == 1 else year}年）"
    except EraDateError:
        era_text = ""
    return tr(f"{day.year}年{day.month}月{day.day}日{era_text}", f"{day.day} {day:%b} {day.year}")


def _with_time(store: RecordStore, recognition: CardRecognition) -> CardRecognition:
    latest = recognition.latest
    if latest is None:
        return recognition
    events = store.get(latest.id).events
    at = min(events.values()).astimezone(JAPAN_TIME) if events else None
    return dataclasses.replace(recognition, latest_at=at)


def recognise_card(store: RecordStore, reading: CardReading, report: VerificationReport) -> CardRecognition:
    """The store's answer for the card proof of a read that asked for one (``unproven`` when the client
    skipped the PIN or the proof fails, with the reason)."""
    from kyc_desk.verify.card_link import card_link

    result = card_link(reading, report)
    return recognise_link(store, result.link, reading.holder.name, reading.holder.birth_date,
                          expired=_expired(report), reason=result.reason)  # fmt: skip


def recognise_link(
    store: RecordStore,
    link: CardLink | None,
    name: str | None,
    birth_date: dt.date | None,
    *,
    expired: bool = False,
    reason: str = "",
) -> CardRecognition:
    """The store's answer for a proven ``link`` (``None``: no proof, ``reason`` says why; ``expired``: the
    certificate is outside its validity) of the holder ``name`` born ``birth_date`` as the chip states."""
    linked = store.find_linked_holder(name, birth_date) if name and birth_date else []
    if link is None:
        if expired and linked:
            return _with_time(store, CardRecognition("broken", None, tuple(s for s, _ in linked), reason))
        return CardRecognition("unproven", None, (), reason)
    found = store.find_by_card(link)
    if found:
        return _with_time(store, CardRecognition("recognised", link, tuple(found)))
    others = tuple(s for s, known in linked if (known.issuer, known.serial) != (link.issuer, link.serial))
    if others:
        return _with_time(store, CardRecognition("broken", link, others))
    return CardRecognition("new", link)


def _expired(report: VerificationReport) -> bool:
    from kyc_desk.verify.report import Verdict

    chain = report.get("jpki.auth_certificate")
    return chain is not None and chain.verdict is Verdict.EXPIRED


def recognition_check(recognition: CardRecognition) -> Check:
    """The answer as a check of the record's report (``card.returning``; codes in
    :mod:`kyc_desk.records.reasons`): the import review shows it like any other check."""
    from kyc_desk.verify.report import Check, Verdict

    name = "card.returning"
    latest = recognition.latest
    if recognition.standing == "new":
        return Check(name, Verdict.VALID, "card.first_link")
    if recognition.standing == "unproven" or latest is None:
        return Check(name, Verdict.NOT_VERIFIABLE, "card.unproven")
    day = recognition.latest_at.date() if recognition.latest_at is not None else latest.verified_on
    params: dict[str, str | int | float] = {"date": day.isoformat(), "name": latest.subject_name, "record": latest.id}
    if recognition.standing == "recognised":
        return Check(name, Verdict.VALID, "card.recognised", params)
    if recognition.link is None:
        return Check(name, Verdict.NOT_VERIFIABLE, "card.link_expired", params)
    return Check(name, Verdict.NOT_VERIFIABLE, "card.link_reissued", params)
