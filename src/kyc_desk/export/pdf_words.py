"""How the PDFs word what the records keep as codes.

Checks, face results, item notes, the records' codes (documents, decisions, items, events, roles,
methods, evidence) and dates are worded by :mod:`kyc_desk.app.texts`, the one place that turns the
records' neutral codes into words (its tables: :mod:`kyc_desk.app.labels`). The export layer sits *below*
the application layer, so it cannot import that module: the caller (the CLI, the window's services) passes
it in as a :class:`Wording` — the module itself satisfies the protocol — and the print reads as the screen.

:data:`LABELS` holds only the printed form's own headings and field names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final, Protocol

from kyc_desk.i18n import Lang

if TYPE_CHECKING:
    import datetime as dt

    from kyc_desk.records.legal import Method
    from kyc_desk.records.model import FaceResult, ItemCheck, StoredEvidence
    from kyc_desk.verify.report import Check


class Wording(Protocol):
    """The functions of :mod:`kyc_desk.app.texts` a PDF uses."""

    def check_name_text(self, name: str, lang: Lang | None = None) -> str: ...

    def check_text(self, check: Check, lang: Lang | None = None) -> str: ...

    def shown_checks(self, report: Iterable[Check], method: str, document_type: str) -> list[Check]: ...

    def source_text(self, confirmed_by: str, lang: Lang | None = None) -> str: ...

    def item_note_text(self, check: ItemCheck, lang: Lang | None = None) -> str: ...

    def item_text(self, item: str, lang: Lang | None = None) -> str: ...

    def item_check_result_text(self, check: ItemCheck, lang: Lang | None = None) -> str: ...

    def face_verdict_text(self, result: FaceResult, lang: Lang | None = None) -> str: ...

    def face_measure_text(self, result: FaceResult, lang: Lang | None = None) -> str: ...

    def face_engine_text(self, result: FaceResult, lang: Lang | None = None) -> str: ...

    def face_kind_text(self, kind: str, lang: Lang | None = None) -> str: ...

    def face_metric_text(self, metric: str, lang: Lang | None = None) -> str: ...

    def face_reason_text(self, key: str, lang: Lang | None = None) -> str: ...

    def document_text(self, document_type: str, lang: Lang | None = None) -> str: ...

    def decision_text(self, decision: str | None, lang: Lang | None = None) -> str: ...

    def event_text(self, event: str, lang: Lang | None = None) -> str: ...

    def role_text(self, role: str, lang: Lang | None = None) -> str: ...

    def method_text(self, method: Method, lang: Lang | None = None) -> str: ...

    def evidence_text(self, evidence: StoredEvidence, size: int | None = None, lang: Lang | None = None) -> str: ...

    def document_purpose_text(self, purpose: str, lang: Lang | None = None) -> str: ...

    def mail_outcome_text(self, outcome: str, lang: Lang | None = None) -> str: ...

    def match_basis_text(self, basis: str, lang: Lang | None = None) -> str: ...

    def risk_reason_text(self, reason: str, lang: Lang | None = None) -> str: ...

    def identity_result_text(self, result: str | None, lang: Lang | None = None) -> str: ...

    def engagement_text(self, engagement: str | None, lang: Lang | None = None) -> str: ...

    def gap_text(self, key: str, document_kinds: Sequence[str] = (), lang: Lang | None = None) -> str: ...

    def party_role_text(self, role: str, note: str | None = None, lang: Lang | None = None) -> str: ...

    def matter_kind_text(self, kind: str, lang: Lang | None = None) -> str: ...

    def meeting_status_text(self, status: str, lang: Lang | None = None) -> str: ...

    def meeting_mode_text(self, mode: str, lang: Lang | None = None) -> str: ...

    def platform_text(self, platform: str, lang: Lang | None = None) -> str: ...

    def confirmed_text(self, confirmed: Iterable[str], lang: Lang | None = None) -> str: ...

    def minutes_section_text(self, kind: str | None, section: str, lang: Lang | None = None) -> str: ...

    def minutes_in_order(self, kind: str | None, minutes: Mapping[str, str]) -> list[tuple[str, str]]: ...

    def period_text(self, start: dt.datetime, end: dt.datetime | None, lang: Lang | None = None) -> str: ...

    def date_text(self, day: dt.date | None, lang: Lang | None = None) -> str: ...

    def moment_text(self, at: dt.datetime, lang: Lang | None = None) -> str: ...


def day_text(wording: Wording, day: dt.date | None, lang: Lang) -> str:
    """A date as the desk writes it (和暦 with the Western year); an optional date left empty prints blank
    (a dash in the form), not as 「未入力」 — that word is for a birth date nobody entered."""
    return "" if day is None else wording.date_text(day, lang)


def moment_text(wording: Wording, at: dt.datetime | None, lang: Lang) -> str:
    """A moment in Japan time as the desk writes it; blank when there is none."""
    return "" if at is None else wording.moment_text(at, lang)


#: Printed labels: key → (Japanese, English).
LABELS: Final[dict[str, tuple[str, str]]] = {
    # titles and sections
    "title.record": ("本人確認記録", "Record of identity verification"),
    "title.transactions": ("取引記録", "Transaction records"),
    "title.minutes": ("面談記録（議事録）", "Meeting minutes"),
    "section.office": ("事務所・確認者", "Office and persons responsible"),
    "section.client": ("本人特定事項", "Identifying particulars"),
    "section.acting": ("取引の任に当たっている者", "Person acting for the client"),
    "section.method": ("確認の方法", "Method of verification"),
    "section.document": ("本人確認書類", "Identity document"),
    "section.chip": ("ICチップの検証結果", "What the IC chip proved"),
    "section.face": ("顔の照合・生体確認", "Face comparison and liveness"),
    "section.items": ("記載事項の照合", "Item checks"),
    "section.decision": ("判断", "Decision"),
    "section.images": ("画像", "Images"),
    "section.matter": ("案件・保存期間", "Matter and retention"),
    "section.seal": ("記録データベースとの照合", "Matching this print to the record store"),
    # fields
    "record.id": ("記録番号", "Record no."),
    "record.created": ("記録作成日時", "Recorded at"),
    "record.printed": ("出力日時", "Printed at"),
    "office.name": ("事務所", "Office"),
    "office.address": ("事務所所在地", "Office address"),
    "checked_by": ("確認を行った者", "Checked by"),
    "recorded_by": ("記録を作成した者", "Record made by"),
    "company.name": ("名称（商号）", "Company name"),
    "company.seat": ("本店又は主たる事務所の所在地", "Registered head office"),
    "person.name": ("氏名", "Name"),
    "person.kana": ("フリガナ", "Name (kana)"),
    "person.birth_date": ("生年月日", "Date of birth"),
    "person.address": ("住居", "Address"),
    "person.occupation": ("職業", "Occupation"),
    "subject.role": ("立場", "Role"),
    "subject.authority": ("権限（代表権・委任）", "Authority"),
    "purpose": ("取引の目的", "Purpose of the transaction"),
    "method": ("方法", "Method"),
    "method.article": ("根拠", "Legal basis"),
    "method.date": ("確認日", "Date of verification"),
    "document.type": ("書類の名称", "Document"),
    "document.number": ("番号（記号番号）", "Number"),
    "document.expiry": ("有効期限", "Valid until"),
    "document.chip": ("ICチップ", "IC chip"),
    "chip.check": ("確認した事項", "Check"),
    "chip.verdict": ("結果", "Verdict"),
    "chip.what": ("内容", "What it shows"),
    "face.verdict": ("判定", "Verdict"),
    "face.metric": ("指標", "Metric"),
    "face.value": ("測定値", "Value"),
    "face.threshold": ("判定しきい値", "Threshold"),
    "face.engine": ("エンジン", "Engine"),
    "face.reasons": ("理由", "Reasons"),
    "items.item": ("項目", "Item"),
    "items.result": ("結果", "Result"),
    "items.document": ("書類の記載", "On the document"),
    "items.stated": ("申告・依頼書等", "As stated"),
    "items.by": ("確認者", "Confirmed by"),
    "items.note": ("備考", "Notes"),
    "decision.decision": ("判断", "Decision"),
    "decision.reason": ("理由", "Reasons"),
    "decision.by": ("判断した者", "Decided by"),
    "decision.at": ("判断日時", "Decided at"),
    "matter.title": ("案件", "Matter"),
    "matter.kind": ("種別", "Kind"),
    "matter.reference": ("事件番号", "Reference"),
    "matter.opened": ("受任日", "Opened"),
    "matter.ended": ("終了日", "Ended"),
    "retention": ("保存期限", "Keep until"),
    "retention.open": (
        "案件の終了まで保存（終了日の登録後に確定します：終了から10年、確認日・取引日から7年のいずれか遅い日）",
        "kept while the matter is open (fixed when its end is entered: the later of 10 years from the end and "
        "7 years from the verification and each transaction)",
    ),
    "seal.seq": ("監査ログ番号", "Audit entry"),
    "seal.hash": ("監査ハッシュ（SHA-256）", "Audit hash (SHA-256)"),
    "seal.at": ("最終変更日時", "Last changed"),
    "seal.how": (
        "この記録が記録データベースの内容と同じであることは、kyc-desk records verify-audit で監査ログが改ざんされて"
        "いないことを確かめ、kyc-desk export pdf --record 記録番号 --json が同じ監査ハッシュを示すことで確認できます。",
        "To match this print to the store: kyc-desk records verify-audit finds the audit chain intact, and "
        "kyc-desk export pdf --record <no.> --json shows the same audit hash.",
    ),
    "tx.date": ("取引日", "Date"),
    "tx.kind": ("取引の種類", "Kind"),
    "tx.amount": ("価額", "Value"),
    "tx.from": ("財産の移転元", "Property from"),
    "tx.to": ("財産の移転先", "Property to"),
    "tx.record": ("本人確認記録", "Verification record"),
    "tx.note": ("備考", "Notes"),
    "note.at": ("日時", "When"),
    "note.place": ("場所", "Place"),
    "note.author": ("記録者", "Written by"),
    "note.text": ("内容", "Minutes"),
    "none": ("記録なし", "none recorded"),
    "image.unreadable": ("（この画像は復号できませんでした）", "(this image does not decode)"),
    "yes": ("あり", "yes"),
    "no": ("なし", "no"),
    # codes the records keep
    # the caseload's codes (documents, 転送不要郵便, reliance, high risk, the split decision, parties, meetings)
    "section.documents": ("本人確認書類等", "Documents"),
    "section.mailing": ("転送不要郵便", "Mail not to be forwarded"),
    "section.reliance": ("取引時確認済みの顧客等であることの確認（規則16条）", "Reliance on an earlier verification"),
    "section.high_risk": ("厳格な取引時確認（法4条2項）", "High-risk transaction (Act art. 4(2))"),
    "section.identity": ("本人確認の結果", "Identity result"),
    "section.engagement": ("受任の判断", "Engagement"),
    "doc.purpose": ("用途", "Purpose"),
    "doc.number": ("番号", "Number"),
    "doc.issued": ("発行日・日付", "Issued / dated"),
    "doc.expires": ("有効期限", "Valid until"),
    "doc.note": ("備考", "Notes"),
    "mail.mailed_at": ("送付日時", "Mailed at"),
    "mail.tracking": ("追跡番号", "Tracking number"),
    "mail.address": ("送付先", "Sent to"),
    "mail.outcome": ("結果", "Outcome"),
    "mail.outcome_on": ("結果の判明日", "Known on"),
    "mail_outcome.unknown": ("未確認", "not known yet"),
    "reliance.record": ("依拠した本人確認記録", "Earlier record"),
    "reliance.basis": ("確認の方法", "Matched by"),
    "reliance.note": ("備考", "Notes"),
    "risk.reasons": ("理由", "Reasons"),
    "risk.note": ("備考", "Notes"),
    "identity.result": ("結果", "Result"),
    "identity.by": ("判断した者", "Decided by"),
    "identity.at": ("判断日時", "Decided at"),
    "identity.note": ("備考", "Notes"),
    "identity.gaps": ("確認できなかった事項とその理由", "Gaps and why the result stands"),
    "engagement.engagement": ("判断", "Decision"),
    "matter.parties": ("関係者", "Parties"),
    "matter.note": ("備考", "Notes"),
    "meeting.when": ("日時", "When"),
    "meeting.status": ("状態", "Status"),
    "meeting.mode": ("形態", "Held"),
    "meeting.place": ("場所", "Place"),
    "meeting.attendees": ("出席者", "Attendees"),
    "meeting.staff": ("事務所の出席者", "Office staff present"),
    "meeting.confirmed": ("確認した事項（人・物・意思）", "Confirmed (person, thing, intent)"),
    "meeting.kind": ("議事録の種類", "Minutes for"),
    "meeting.notes": ("メモ", "Notes"),
    "meeting.records": ("本人確認記録", "Verification records"),
    "meeting.recorded_by": ("記録者", "Written by"),
}


def label(key: str, lang: Lang) -> str:
    """The printed label of ``key`` in ``lang``; an unknown code prints as itself (visible, never dropped)."""
    pair = LABELS.get(key)
    if pair is None:
        return key.split(".", 1)[-1]
    return pair[0] if lang == "ja" else pair[1]
