"""本人確認の結果 and 受任の判断 — the rules a decision must meet before it is stored.

The old single decision 「受任可（本人確認できた）」 could be saved with the face comparison not done and
checks without data, and no reason asked. Here the decision is two:

- **本人確認の結果** (:class:`~.model.IdentityConclusion`): 確認済み / 確認できず / 追加確認が必要. Every
  *gap* — a check that is missing, failed or was not done (:func:`gaps`) — needs the scrivener's reason
  before the result may be 確認済み; 確認できず and 追加確認が必要 need a reason of their own. A high-risk
  case (法4条2項) is 確認済み only with its additional document, and a 転送不要郵便 that came back makes
  確認済み impossible.
- **受任の判断** (:class:`~.model.EngagementDecision`): whether the office takes the engagement — only
  after the identity is 確認済み.

Gap keys are stable codes the window and the CLI name the rows by: ``face.match``, ``face.liveness``,
``item.<item>``, ``report.<check name>``, ``document.<position>.expired``.

A check the method cannot make with the document, and that has no data, is no gap (:data:`NOT_APPLICABLE`:
the window hides it), nor is a check the method need not make (:data:`OPTIONAL`: shown as not done), nor an
item the document does not carry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from kyc_desk.records.errors import HighRiskUnresolved, InvalidRecord, ReasonRequired
from kyc_desk.records.legal import Method
from kyc_desk.records.model import (
    DocumentEntry,
    DocumentPurpose,
    Engagement,
    EngagementDecision,
    FaceKind,
    FaceResult,
    FaceVerdict,
    HighRisk,
    IdentityConclusion,
    IdentityResult,
    ItemCheck,
    ItemResult,
    Mailing,
    MailOutcome,
)
from kyc_desk.verify.report import Check, Verdict

#: The engine name of a face comparison the scrivener made by eye (the document's photo against the person
#: at the desk): a :class:`~.model.FaceResult` with this engine records it like a machine comparison.
BY_EYE_ENGINE: Final = "by_eye"

#: Methods where the person's face is compared with the document's photo (at the desk or from a selfie).
FACE_COMPARED: Final = frozenset({Method.FACE_TO_FACE_CHIP, Method.I, Method.HO, Method.HE})
#: Methods where a liveness check belongs to the comparison (the selfie is taken remotely).
LIVENESS_CHECKED: Final = frozenset({Method.HO, Method.HE})

#: The reason code of an item the document does not carry (a My Number chip has no furigana): 照合対象外.
NOT_ON_DOCUMENT: Final = "item.not_on_document"

_JPKI_AND_TEXT: Final = frozenset({
    "text.certificate", "text.signature", "jpki.sign_certificate", "jpki.auth_certificate", "jpki.revocation",
    "jpki.challenge", "cross.name", "cross.birth_date", "cross.sex", "cross.address",
})
#: Checks a method cannot make with a document, by (method, document type): when they have no data
#: (``not_present``) they are neither shown nor a gap. A remote ヘ submission of a My Number card carries
#: the card face only.
NOT_APPLICABLE: Final[dict[tuple[Method, str], frozenset[str]]] = {
    (Method.HE, "mynumber"): _JPKI_AND_TEXT - {"text.certificate", "jpki.auth_certificate"},
}
#: Checks a method need not make, by (method, document type): without data they are shown as not done, but
#: no reason is asked for them. A face-to-face chip read proves the card by the card face's signature and the
#: chip's answer to a challenge; the text AP and the JPKI certificates need the client's 4-digit PIN or
#: signature password, which the method does not require.
OPTIONAL: Final[dict[tuple[Method, str], frozenset[str]]] = {
    (Method.FACE_TO_FACE_CHIP, "mynumber"): _JPKI_AND_TEXT,
}


def _listed_without_data(
    check: Check, table: dict[tuple[Method, str], frozenset[str]], method: Method, document_type: str
) -> bool:
    """Whether ``check`` has no data and ``table`` lists it for the method and document."""
    return check.verdict is Verdict.NOT_PRESENT and check.name in table.get((method, document_type), frozenset())


def applies(check: Check, method: Method, document_type: str) -> bool:
    """False for a check the method cannot make with the document and that has no data."""
    return not _listed_without_data(check, NOT_APPLICABLE, method, document_type)


def gaps(
    *,
    method: Method,
    verified_on: dt.date,
    report: Sequence[Check] = (),
    item_checks: Sequence[ItemCheck] = (),
    face_results: Sequence[FaceResult] = (),
    documents: Sequence[DocumentEntry] = (),
    document_type: str = "",
) -> tuple[str, ...]:
    """The gap keys of a verification: what is missing, failed or was not done, in a stable order.

    ``document_type`` names the document the report is about (the chip read): checks that do not apply
    to it under the method are left out (:func:`applies`)."""
    found: list[str] = []
    if method in FACE_COMPARED and not any(
        f.kind is FaceKind.MATCH and f.verdict is FaceVerdict.PASS for f in face_results
    ):
        found.append("face.match")
    if method in LIVENESS_CHECKED and not any(
        f.kind is FaceKind.LIVENESS and f.verdict is FaceVerdict.PASS for f in face_results
    ):
        found.append("face.liveness")
    found += [
        f"item.{c.item}" for c in item_checks
        if c.result is ItemResult.MISMATCH or (c.result is ItemResult.NOT_CHECKED and c.note_reason != NOT_ON_DOCUMENT)
    ]
    found += [
        f"report.{c.name}" for c in report
        if not c.verdict.ok and applies(c, method, document_type)
        and not _listed_without_data(c, OPTIONAL, method, document_type)
    ]
    found += [
        f"document.{i}.expired"
        for i, d in enumerate(documents)
        if d.expires_on is not None and d.expires_on < verified_on
    ]
    return tuple(dict.fromkeys(found))


def check_identity(
    conclusion: IdentityConclusion,
    *,
    gap_keys: Sequence[str],
    high_risk: HighRisk | None,
    documents: Sequence[DocumentEntry],
    mailing: Mailing | None,
) -> None:
    """Raise unless ``conclusion`` may be stored for a verification with these gaps and facts."""
    if conclusion.decided_at.tzinfo is None:
        raise InvalidRecord("the decision time has no time zone", ja="日時にタイムゾーンがありません。")
    if not conclusion.decided_by.strip():
        raise InvalidRecord("decided_by is required", ja="必須項目が空です: 判断者")
    explained = {r.check for r in conclusion.reasons if r.reason.strip()}
    if conclusion.result is IdentityResult.CONFIRMED:
        missing = [g for g in gap_keys if g not in explained]
        if missing:
            left = len(missing)  # the window marks which rows; the message never shows the keys
            raise ReasonRequired(
                f"confirmed with unexplained gaps: {', '.join(missing)}",
                ja=f"「確認済み」にするには、確認できなかった項目・実施しなかった確認（{left}件）の理由を入力してください。",
            )
        check_confirmable(high_risk=high_risk, documents=documents, mailing=mailing)
    elif not explained and not (conclusion.note or "").strip():
        raise ReasonRequired(
            f"{conclusion.result.value} needs a reason",
            ja="「確認できず」「追加確認が必要」には理由を入力してください。",
        )


def check_confirmable(
    *, high_risk: HighRisk | None, documents: Sequence[DocumentEntry], mailing: Mailing | None
) -> None:
    """Raise unless a record with these facts may be 確認済み at all (whichever form of decision says so):
    a high-risk case needs its additional document, and a returned 転送不要郵便 rules it out."""
    if high_risk is not None and not any(d.purpose is DocumentPurpose.ADDITIONAL for d in documents):
        raise HighRiskUnresolved("a high-risk case needs its additional document before it is confirmed")
    if mailing is not None and mailing.outcome is MailOutcome.RETURNED:
        raise InvalidRecord(
            "the no-forwarding mail came back: the address is not confirmed",
            ja="転送不要郵便が返送されたため、住居を確認できていません。「確認済み」にはできません。",
        )


def check_engagement(engagement: EngagementDecision, identity: IdentityResult | None) -> None:
    """Raise unless ``engagement`` may be stored beside the identity result ``identity``."""
    if engagement.decided_at.tzinfo is None:
        raise InvalidRecord("the decision time has no time zone", ja="日時にタイムゾーンがありません。")
    if not engagement.decided_by.strip():
        raise InvalidRecord("decided_by is required", ja="必須項目が空です: 判断者")
    if engagement.engagement is Engagement.ACCEPTED and identity is not IdentityResult.CONFIRMED:
        raise InvalidRecord(
            "the engagement can be accepted only after the identity is confirmed",
            ja="本人確認の結果が「確認済み」になるまで受任できません。",
        )
