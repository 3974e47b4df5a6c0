"""The columns of the CSV for Excel: one row per verification (docs/export.md lists them).

Each column is a stable ``key`` (for scripts and the docs), its Japanese header (what Excel shows) and
the function that gives the cell from a :class:`~kyc_desk.records.model.VerificationRecord`. Adding a
column is adding a line here; the order of the table is the order of the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from kyc_desk.export.cells import (
    CLIENT_KIND_JA,
    DECISION_JA,
    DOCUMENT_PURPOSE_JA,
    ENGAGEMENT_JA,
    FACE_VERDICT_JA,
    IDENTITY_JA,
    ITEM_JA,
    ITEM_RESULT_JA,
    MAIL_OUTCOME_JA,
    MATCH_BASIS_JA,
    METRIC_JA,
    RISK_JA,
    ROLE_JA,
    STATUS_JA,
    date_text,
    document_text,
    time_text,
    wareki_text,
)
from kyc_desk.records.legal import EVENT_JA, Event
from kyc_desk.records.model import FaceKind, FaceResult, VerificationRecord


@dataclass(frozen=True)
class Column:
    """One CSV column."""

    key: str
    header: str
    cell: Callable[[VerificationRecord], str]


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _face(record: VerificationRecord, kind: FaceKind) -> FaceResult | None:
    return next((f for f in record.face_results if f.kind is kind), None)


def _figure(value: float | None) -> str:
    return "" if value is None else f"{value:.4g}"


def _verdict(face: FaceResult | None) -> str:
    return FACE_VERDICT_JA[face.verdict.value] if face else ""


def _metric(face: FaceResult | None) -> str:
    return METRIC_JA[face.metric.value] if face and face.metric else ""


def _checks(record: VerificationRecord) -> str:
    """How many checks came out with each verdict, e.g. ``署名検証OK 4、一致 2`` (the details: PDF, window)."""
    counts = Counter(c.verdict for c in record.report)
    return "、".join(f"{verdict.badge_ja} {n}" for verdict, n in counts.items())


def _items(record: VerificationRecord) -> str:
    return "、".join(f"{ITEM_JA.get(c.item, c.item)}: {ITEM_RESULT_JA.get(c.result.value)}" for c in record.item_checks)


def _event(event: Event) -> Callable[[VerificationRecord], str]:
    return lambda r: time_text(r.events.get(event))


def _documents(record: VerificationRecord) -> str:
    """Every document of the record, e.g. ``本人確認: パスポート TK1234567（有効期限 2031-05-01）、権限: 委任状
    （2026-11-15）``."""
    parts = []
    for d in record.documents:
        text = f"{DOCUMENT_PURPOSE_JA.get(d.purpose.value, d.purpose.value)}: {document_text(d.kind)}"
        if d.note:
            text += f"（{d.note}）"
        if d.number:
            text += f" {d.number}"
        if d.issued_on:
            text += f"（{date_text(d.issued_on)}）"
        if d.expires_on:
            text += f"（有効期限 {date_text(d.expires_on)}）"
        parts.append(text)
    return "、".join(parts)


def _mail_outcome(record: VerificationRecord) -> str:
    mailing = record.mailing
    if mailing is None or mailing.outcome is None:
        return ""
    return f"{MAIL_OUTCOME_JA[mailing.outcome.value]} {date_text(mailing.outcome_on)}".strip()


def _reliance(record: VerificationRecord) -> str:
    reliance = record.reliance
    if reliance is None:
        return ""
    return f"記録番号 {reliance.verification_id}（{MATCH_BASIS_JA.get(reliance.matched_by.value, '')}）"


def _decision(r: VerificationRecord) -> str:
    return DECISION_JA[r.decision.decision.value] if r.decision else ""


COLUMNS: Final[tuple[Column, ...]] = (
    Column("record_id", "記録番号", lambda r: str(r.id)),
    Column("external_id", "受付番号", lambda r: _text(r.external_id)),
    Column("verified_on", "確認日", lambda r: date_text(r.verified_on)),
    Column("verified_on_wareki", "確認日（和暦）", lambda r: wareki_text(r.verified_on)),
    Column("status", "審査状況", lambda r: STATUS_JA[r.status.value]),
    Column("client_kind", "依頼者の区分", lambda r: CLIENT_KIND_JA[r.client.person.kind.value]),
    Column("client_name", "依頼者の氏名・名称", lambda r: r.client.person.name),
    Column("client_name_kana", "依頼者のフリガナ", lambda r: _text(r.client.person.name_kana)),
    Column("client_address", "依頼者の住居・本店所在地", lambda r: _text(r.client.person.address)),
    Column("client_birth_date", "依頼者の生年月日", lambda r: date_text(r.client.person.birth_date)),
    Column("subject_role", "確認した者の立場", lambda r: ROLE_JA[r.subject_role.value]),
    Column("subject_name", "確認した者の氏名", lambda r: r.subject.person.name),
    Column("subject_name_kana", "確認した者のフリガナ", lambda r: _text(r.subject.person.name_kana)),
    Column("subject_address", "確認した者の住居", lambda r: _text(r.subject.person.address)),
    Column("subject_birth_date", "確認した者の生年月日", lambda r: date_text(r.subject.person.birth_date)),
    Column(
        "subject_birth_date_wareki", "確認した者の生年月日（和暦）", lambda r: wareki_text(r.subject.person.birth_date)
    ),
    Column("subject_occupation", "確認した者の職業", lambda r: _text(r.subject.person.occupation)),
    Column("authority", "代表権・代理権の確認", lambda r: _text(r.authority)),
    Column("method_letter", "確認方法（号）", lambda r: r.method.rule.letter),
    Column("method", "確認方法", lambda r: r.method.rule.name_ja),
    Column("method_article", "根拠条文", lambda r: r.method.rule.article),
    *(Column(f"event_{e.value}", EVENT_JA[e], _event(e)) for e in Event),
    Column("document_type", "本人確認書類", lambda r: document_text(r.document_type)),
    Column("document_number", "書類の番号", lambda r: _text(r.document_number)),
    Column("document_has_chip", "ICチップ", lambda r: "あり" if r.document_has_chip else "なし"),
    Column("documents", "確認書類（すべて）", _documents),
    Column("mailed_at", "転送不要郵便の送付日時", lambda r: time_text(r.mailing.mailed_at) if r.mailing else ""),
    Column("mail_outcome", "転送不要郵便の結果", _mail_outcome),
    Column("reliance", "依拠した本人確認記録", _reliance),
    Column(
        "high_risk",
        "ハイリスク取引",
        lambda r: "、".join(RISK_JA[x.value] for x in r.high_risk.reasons) if r.high_risk else "",
    ),
    Column("chip_checks", "ICチップ等の検証結果", _checks),
    Column("item_checks", "記載事項の照合", _items),
    Column("face_match", "顔照合", lambda r: _verdict(_face(r, FaceKind.MATCH))),
    Column("face_value", "顔照合の値", lambda r: _figure(f.value) if (f := _face(r, FaceKind.MATCH)) else ""),
    Column(
        "face_threshold", "顔照合のしきい値", lambda r: _figure(f.threshold) if (f := _face(r, FaceKind.MATCH)) else ""
    ),
    Column("face_metric", "顔照合の尺度", lambda r: _metric(_face(r, FaceKind.MATCH))),
    Column("face_engine", "顔照合の方式", lambda r: f.engine if (f := _face(r, FaceKind.MATCH)) else ""),
    Column("liveness", "生体検知", lambda r: _verdict(_face(r, FaceKind.LIVENESS))),
    Column("purpose", "取引の目的", lambda r: _text(r.purpose)),
    Column("matter_reference", "事件番号", lambda r: _text(r.matter.matter.reference) if r.matter else ""),
    Column("matter_title", "事件名", lambda r: r.matter.matter.title if r.matter else ""),
    Column("matter_kind", "事件の種類", lambda r: r.matter.matter.kind if r.matter else ""),
    Column("matter_opened_on", "受任日", lambda r: date_text(r.matter.matter.opened_on) if r.matter else ""),
    Column("matter_ended_on", "事件の終了日", lambda r: date_text(r.matter.matter.ended_on) if r.matter else ""),
    Column("transactions", "取引記録の件数", lambda r: str(len(r.transactions))),
    Column("identity_result", "本人確認の結果", lambda r: IDENTITY_JA[r.identity.result.value] if r.identity else ""),
    Column("identity_by", "本人確認の結果を判断した者", lambda r: r.identity.decided_by if r.identity else ""),
    Column("identity_at", "本人確認の結果の日時", lambda r: time_text(r.identity.decided_at) if r.identity else ""),
    Column(
        "identity_reasons",
        "確認できなかった点の理由",
        lambda r: "、".join(g.reason for g in r.identity.reasons) if r.identity else "",
    ),
    Column("engagement", "受任の判断", lambda r: ENGAGEMENT_JA[r.engagement.engagement.value] if r.engagement else ""),
    Column("engagement_by", "受任を判断した者", lambda r: r.engagement.decided_by if r.engagement else ""),
    Column("engagement_at", "受任の判断日時", lambda r: time_text(r.engagement.decided_at) if r.engagement else ""),
    Column("decision", "判断", _decision),
    Column("decided_by", "判断者", lambda r: r.decision.decided_by if r.decision else ""),
    Column("decided_at", "判断日時", lambda r: time_text(r.decision.decided_at) if r.decision else ""),
    Column("decision_reason", "判断の理由", lambda r: _text(r.decision.reason) if r.decision else ""),
    Column("checked_by", "確認者", lambda r: r.checked_by),
    Column("recorded_by", "記録作成者", lambda r: r.recorded_by),
    Column("retention_until", "保存期限", lambda r: date_text(r.retention_until) or "事件継続中"),
    Column("created_at", "記録作成日時", lambda r: time_text(r.created_at)),
)

HEADER: Final[tuple[str, ...]] = tuple(c.header for c in COLUMNS)


def row(record: VerificationRecord) -> list[str]:
    """The cells of one verification, in :data:`COLUMNS` order."""
    return [c.cell(record) for c in COLUMNS]
