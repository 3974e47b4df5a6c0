"""記録の詳細（事件・書類・判断） — the caseload parts of an opened record, as HTML for the records view.

A verification saved through the caseload (:mod:`kyc_desk.app.caseload`) carries more than the old chip
read: its documents with their purposes, numbers and dates, the 転送不要郵便 and what became of it, the
earlier record it relied on, the high-risk flag, the split decision (本人確認の結果 with a reason for each
gap, and 受任の判断 apart from it) and the matter with its parties. This renders them in the interface
language through :mod:`kyc_desk.app.texts` (labels, 和暦 dates), never as stored codes or ids; the
records view puts the result into its detail pane.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kyc_desk.app import texts
from kyc_desk.i18n import current_language

if TYPE_CHECKING:
    from kyc_desk.records.model import MatterRecord, StoredDocument, VerificationRecord

_e = html.escape


def _rows(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td><b>{_e(k)}</b></td><td>{_e(v)}</td></tr>" for k, v in rows if v)
    return f"<table cellpadding='3'>{cells}</table>"


def _separator() -> str:
    return "、" if current_language() == "ja" else ", "


class CaseloadHtml(QObject):
    """Renders the caseload sections of one record (``sections``); its words are translated as its own."""

    def sections(self, r: VerificationRecord) -> str:
        """Documents, mailing, reliance, high risk, the split decision and the matter, those the record has."""
        out = []
        if r.documents:
            out.append(self._documents(r.documents))
        if r.mailing is not None:
            out.append(self._mailing(r))
        if r.reliance is not None:
            out.append(self._reliance(r))
        if r.high_risk is not None:
            out.append(self._high_risk(r))
        if r.identity is not None or r.engagement is not None or r.decision is None:
            out.append(self._decision(r))
        if r.matter is not None:
            out.append(self._matter(r.matter))
        return "".join(out)

    def _documents(self, documents: tuple[StoredDocument, ...]) -> str:
        title = self.tr("書類")
        head = [self.tr("用途"), self.tr("書類"), self.tr("番号"), self.tr("書類の日付"), self.tr("有効期限"),
                self.tr("備考")]
        out = [f"<h4>{_e(title)}</h4><table cellpadding='3'><tr>"]
        out += [f"<th align='left'>{_e(h)}</th>" for h in head]
        out.append("</tr>")
        for d in documents:
            cells = [
                texts.document_purpose_text(d.purpose.value),
                texts.document_text(d.kind),
                d.number or "",
                texts.date_text(d.issued_on) if d.issued_on else "",
                texts.date_text(d.expires_on) if d.expires_on else "",
                d.note or "",
            ]
            out.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>")
        out.append("</table>")
        return "".join(out)

    def _mailing(self, r: VerificationRecord) -> str:
        mailing = r.mailing
        assert mailing is not None
        if mailing.outcome is None:
            outcome = self.tr("未記録（到達・返送が分かったら「返送・到達を記録…」で記録してください）")
        else:
            outcome = f"{texts.mail_outcome_text(mailing.outcome.value)} — {texts.date_text(mailing.outcome_on)}"
        title = self.tr("転送不要郵便")
        return f"<h4>{_e(title)}</h4>" + _rows([
            (self.tr("発送日時"), texts.moment_text(mailing.mailed_at)),
            (self.tr("追跡番号"), mailing.tracking_number or ""),
            (self.tr("送付先"), mailing.address or ""),
            (self.tr("結果"), outcome),
        ])

    def _reliance(self, r: VerificationRecord) -> str:
        reliance = r.reliance
        assert reliance is not None
        title = self.tr("依拠した以前の本人確認（確認済みの顧客等）")
        earlier = self.tr("記録 %1").replace("%1", str(reliance.verification_id))
        link = self.tr("記録 %1 を開く").replace("%1", str(reliance.verification_id))
        return (
            f"<h4>{_e(title)}</h4><p>{_e(earlier)} <a href='record:{reliance.verification_id}'>{_e(link)}</a></p>"
            + _rows([
                (self.tr("本人との照合の方法"), texts.match_basis_text(reliance.matched_by.value)),
                (self.tr("備考"), reliance.note or ""),
            ])
        )

    def _high_risk(self, r: VerificationRecord) -> str:
        risk = r.high_risk
        assert risk is not None
        separator = _separator()
        additional = [texts.document_text(d.kind) for d in r.documents if d.purpose.value == "additional"]
        title = self.tr("高リスク取引（犯収法4条2項）")
        return f"<h4>{_e(title)}</h4>" + _rows([
            (self.tr("理由"), separator.join(texts.risk_reason_text(x.value) for x in risk.reasons)),
            (self.tr("追加で確認した書類"), separator.join(additional) or texts.word_text("none")),
            (self.tr("備考"), risk.note or ""),
        ])

    def _decision(self, r: VerificationRecord) -> str:
        identity, engagement = r.identity, r.engagement
        kinds = tuple(d.kind for d in r.documents)
        identity_title, engagement_title = self.tr("本人確認の結果"), self.tr("受任の判断")
        out = [f"<h4>{_e(identity_title)}</h4>"]
        if identity is None:
            out.append(f"<p><b>{_e(texts.identity_result_text(None))}</b></p>")
        else:
            who = f"{identity.decided_by} {texts.moment_text(identity.decided_at)}"
            out.append(f"<p><b>{_e(texts.identity_result_text(identity.result.value))}</b> — {_e(who)}")
            if identity.note:
                out.append(f"<br>{_e(identity.note)}")
            out.append("</p>")
            if identity.reasons:
                reasons_title = self.tr("確認できなかった点・行わなかった確認とその理由")
                out.append(f"<p>{_e(reasons_title)}</p><ul>")
                out += [f"<li><b>{_e(texts.gap_text(g.check, kinds))}</b> — {_e(g.reason)}</li>"
                        for g in identity.reasons]
                out.append("</ul>")
        out.append(f"<h4>{_e(engagement_title)}</h4>")
        if engagement is None:
            out.append(f"<p><b>{_e(texts.engagement_text(None))}</b></p>")
        else:
            who = f"{engagement.decided_by} {texts.moment_text(engagement.decided_at)}"
            out.append(f"<p><b>{_e(texts.engagement_text(engagement.engagement.value))}</b> — {_e(who)}")
            if engagement.note:
                out.append(f"<br>{_e(engagement.note)}")
            out.append("</p>")
        return "".join(out)

    def _matter(self, m: MatterRecord) -> str:
        title = self.tr("案件")
        matter = m.matter
        in_japanese = current_language() == "ja"
        parties = _separator().join(
            f"{p.client.person.name}（{texts.party_role_text(p.role.value, p.role_note)}）" if in_japanese
            else f"{p.client.person.name} ({texts.party_role_text(p.role.value, p.role_note)})"
            for p in m.parties
        )
        return f"<h4>{_e(title)}</h4>" + _rows([
            (self.tr("件名"), matter.title),
            (self.tr("種類"), texts.matter_kind_text(matter.kind)),
            (self.tr("事件番号"), matter.reference or ""),
            (self.tr("開始日"), texts.date_text(matter.opened_on)),
            (self.tr("終了日"), texts.date_text(matter.ended_on) if matter.ended_on else texts.word_text("open")),
            (self.tr("関係者"), parties),
            (self.tr("備考"), m.note or ""),
        ])
