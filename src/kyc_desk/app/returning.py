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

The window (face to face) and the importer (remote) both ask here; neither matches certificates itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from kyc_desk.cards.reading import CardReading
    from kyc_desk.records.model import VerificationSummary
    from kyc_desk.records.store import RecordStore
    from kyc_desk.verify.card_link import CardLink
    from kyc_desk.verify.report import VerificationReport

Standing = Literal["recognised", "new", "broken", "unproven"]
#: Dates of earlier checks are said in Japan time (the records keep aware UTC times).
JAPAN_TIME: Final = dt.timezone(dt.timedelta(hours=9), "JST")


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
    return tr(f"{day.year}年{day.month}月{day.day}日{era_text}", day.strftime("%-d %b %Y"))


def _with_time(store: RecordStore, recognition: CardRecognition) -> CardRecognition:
    latest = recognition.latest
    if latest is None:
        return recognition
    events = store.get(latest.id).events
    at = min(events.values()).astimezone(JAPAN_TIME) if events else None
    return dataclasses.replace(recognition, latest_at=at)


def recognise_card(store: RecordStore, reading: CardReading, report: VerificationReport) -> CardRecognition | None:
    """The store's answer for the card proof in ``reading`` (``None`` when the read made no proof)."""
    from kyc_desk.verify.card_link import card_link
    from kyc_desk.verify.mynumber import AUTH_CHALLENGE
    from kyc_desk.verify.report import Verdict

    if report.get(AUTH_CHALLENGE) is None:
        return None
    result = card_link(reading, report)
    holder = reading.holder
    linked = store.find_linked_holder(holder.name, holder.birth_date) if holder.name and holder.birth_date else []
    if result.link is None:
        chain = report.get("jpki.auth_certificate")
        if chain is not None and chain.verdict is Verdict.EXPIRED and linked:
            return _with_time(store, CardRecognition("broken", None, tuple(s for s, _ in linked), result.reason))
        return CardRecognition("unproven", None, (), result.reason)
    found = store.find_by_card(result.link)
    if found:
        return _with_time(store, CardRecognition("recognised", result.link, tuple(found)))
    others = tuple(
        summary for summary, link in linked if (link.issuer, link.serial) != (result.link.issuer, result.link.serial)
    )
    if others:
        return _with_time(store, CardRecognition("broken", result.link, others))
    return CardRecognition("new", result.link)
