"""``kyc-desk records verification add|gaps|decide|mail-outcome|high-risk``: verifications by every method
and their decisions from the command line (docs/records.md, "The caseload from the command line").

The shared option types, output and error class are :mod:`kyc_desk.cli.records_caseload`'s.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kyc_desk.cli.records_caseload import CaseloadCommandError, emit, iso_date, iso_time
from kyc_desk.i18n import tr

if TYPE_CHECKING:
    from kyc_desk.app.caseload import CaseloadService


def register_verification_actions(
    parent: argparse._SubParsersAction[argparse.ArgumentParser],
    sub: Callable[[argparse._SubParsersAction[argparse.ArgumentParser], str, str, str], argparse.ArgumentParser],
) -> None:
    from kyc_desk.records.legal import Event, Method
    from kyc_desk.records.model import Engagement, IdentityResult, MailOutcome, MatchBasis, RiskReason

    results = tuple(r.value for r in IdentityResult)
    engagements = tuple(e.value for e in Engagement)
    risks = tuple(r.value for r in RiskReason)
    add = sub(parent, "add", "本人確認記録を登録（ICチップ読取以外の方法も）", "record a verification by any method")
    add.add_argument("--method", required=True, choices=tuple(m.value for m in Method),
                     help=tr("確認方法（i=写真付き書類の目視, ha=書類2点, ro=書類＋転送不要郵便, "
                             "reliance=以前の記録 …）", "method (i, ha, ro, reliance …)"))
    add.add_argument("--client", type=int, help=tr("登録済みの依頼者番号", "a stored client id"))
    add.add_argument("--name", help=tr("新しい依頼者の氏名・名称", "a new client's name"))
    add.add_argument("--kana")
    add.add_argument("--birth-date", type=iso_date, metavar="YYYY-MM-DD")
    add.add_argument("--address")
    add.add_argument("--company", action="store_true", help=tr("依頼者は法人", "the client is a company"))
    add.add_argument("--subject", type=int, help=tr("代表者・代理人（登録済みの番号）", "representative or agent id"))
    add.add_argument("--role", choices=("representative", "agent"), help=tr("代表者・代理人", "their role"))
    add.add_argument(
        "--at", type=iso_time, help=tr("方法に必要な日時すべて（ISO 8601）", "the time of every required step")
    )
    add.add_argument("--event", action="append", default=[], metavar="EVENT=TIME",
                     help=tr(f"手順ごとの日時（{', '.join(e.value for e in Event)}）", "the time of one step"))
    add.add_argument("--document", action="append", default=[], metavar="PURPOSE:KIND[:NUMBER[:EXPIRES[:ISSUED]]]",
                     help=tr("書類（purpose: identity, company, authority, additional。複数可）",
                             "a document (repeat)"))
    add.add_argument("--document-note", action="append", default=[], metavar="N=TEXT",
                     help=tr("N番目（0から）の書類のメモ（「その他」の書類名など）", "a note for document N"))
    add.add_argument("--checked-by", required=True, help=tr("確認者", "who checked"))
    add.add_argument("--recorded-by", required=True, help=tr("記録作成者", "who recorded"))
    add.add_argument("--matter", type=int)
    add.add_argument("--purpose", help=tr("取引の目的（任意）", "purpose (optional)"))
    add.add_argument("--face-by-eye", action="store_true",
                     help=tr("書類の写真と本人を目視で照合した", "the photo was compared with the person by eye"))
    add.add_argument("--tracking-number", help=tr("転送不要郵便の追跡番号", "the mail's tracking number"))
    add.add_argument("--mailed-to", help=tr("転送不要郵便の宛先", "the address mailed to"))
    add.add_argument("--relies-on", type=int, help=tr("依拠する以前の本人確認記録", "the earlier verification"))
    add.add_argument("--matched-by", choices=tuple(b.value for b in MatchBasis))
    add.add_argument("--match-note")
    add.add_argument("--high-risk", action="append", default=[], choices=risks, help=tr("法4条2項の理由", "reason"))
    add.add_argument("--risk-note")
    _decision_options(add, results, engagements, required=False)

    gaps = sub(parent, "gaps", "「確認済み」の前に理由が必要な項目", "what needs a reason before confirmed")
    gaps.add_argument("id", type=int)
    decide = sub(parent, "decide", "本人確認の結果・受任の判断を登録", "record the identity result and/or engagement")
    decide.add_argument("id", type=int)
    _decision_options(decide, results, engagements, required=True)
    mail = sub(parent, "mail-outcome", "転送不要郵便の結果（到達・返送）", "what became of the no-forwarding mail")
    mail.add_argument("id", type=int)
    mail.add_argument("outcome", choices=tuple(o.value for o in MailOutcome))
    mail.add_argument("--on", type=iso_date, required=True, metavar="YYYY-MM-DD")
    risk = sub(parent, "high-risk", "ハイリスク取引（法4条2項）として記録", "flag a verification high-risk")
    risk.add_argument("id", type=int)
    risk.add_argument("--reason", action="append", required=True, choices=risks)
    risk.add_argument("--note")
    risk.add_argument("--additional", action="append", default=[], metavar="KIND[:NUMBER[:EXPIRES[:ISSUED]]]",
                      help=tr("確認した追加の本人確認書類", "the additional document confirmed"))


def _decision_options(parser: argparse.ArgumentParser, results: tuple[str, ...], engagements: tuple[str, ...],
                      *, required: bool) -> None:
    parser.add_argument("--result", choices=results, help=tr("本人確認の結果", "identity result"))
    parser.add_argument("--reason", action="append", default=[], metavar="GAP=TEXT",
                        help=tr("確認できなかった項目の理由（gaps で表示される項目）", "why a gap stands"))
    parser.add_argument("--note", help=tr("結果の理由・メモ", "the result's reason or note"))
    parser.add_argument("--engagement", choices=engagements, help=tr("受任の判断", "engagement"))
    parser.add_argument("--engagement-note")
    parser.add_argument("--decided-by", required=required, help=tr("判断者", "who decided"))


def _document(text: str, purpose: str | None = None) -> Any:
    """``PURPOSE:KIND[:NUMBER[:EXPIRES[:ISSUED]]]`` (``purpose`` given: ``KIND[:…]``)."""
    from kyc_desk.records.model import DocumentEntry, DocumentPurpose

    parts = text.split(":")
    if purpose is None:
        purpose, parts = parts[0], parts[1:]
    parts += [""] * (4 - len(parts))
    kind, number, expires, issued = parts[:4]
    try:
        if len(parts) > 4:
            raise ValueError("too many fields")
        return DocumentEntry(kind, DocumentPurpose(purpose), number or None,
                             dt.date.fromisoformat(issued) if issued else None,
                             dt.date.fromisoformat(expires) if expires else None)
    except ValueError:
        raise CaseloadCommandError(
            f"document {text!r}: expected PURPOSE:KIND[:NUMBER[:EXPIRES[:ISSUED]]] with YYYY-MM-DD dates",
            ja="書類は「用途:種類:番号:有効期限:発行日」の形で、日付は「2026-12-05」のように指定してください。",
        ) from None


def _pairs(items: list[str], option: str) -> list[tuple[str, str]]:
    found = []
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CaseloadCommandError(f"{option} {item!r}: expected KEY=VALUE",
                                       ja="「項目=内容」の形で指定してください。")
        found.append((key.strip(), value))
    return found


def _decisions(args: argparse.Namespace, when: dt.datetime) -> tuple[Any, Any]:
    from kyc_desk.records.model import (
        Engagement,
        EngagementDecision,
        GapReason,
        IdentityConclusion,
        IdentityResult,
    )

    if (args.result or args.engagement) and not args.decided_by:
        raise CaseloadCommandError(
            "--decided-by is required with a decision", ja="判断者（--decided-by）を指定してください。"
        )
    reasons = tuple(GapReason(k, v) for k, v in _pairs(args.reason, "--reason"))
    identity = (IdentityConclusion(IdentityResult(args.result), args.decided_by, when, reasons, args.note)
                if args.result else None)
    engagement = (EngagementDecision(Engagement(args.engagement), args.decided_by, when, args.engagement_note)
                  if args.engagement else None)
    return identity, engagement


def _verification_out(args: argparse.Namespace, record: Any) -> int:
    from kyc_desk.records.json_form import record_to_json

    def human() -> None:
        from kyc_desk.app import texts

        result = texts.identity_result_text(record.identity.result.value if record.identity else None)
        engaged = texts.engagement_text(record.engagement.engagement.value if record.engagement else None)
        print(f"#{record.id} {texts.date_text(record.verified_on)} {texts.method_text(record.method)} "
              f"{record.subject.person.name}  " + tr("本人確認の結果: ", "identity: ") + result
              + tr(" / 受任の判断: ", " / engagement: ") + engaged)

    emit(args, record_to_json(record), human)
    return 0


def _verification_add(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.jp.time import now_in_japan
    from kyc_desk.records.decision import BY_EYE_ENGINE
    from kyc_desk.records.legal import Event, Method
    from kyc_desk.records.model import (
        ClientKind,
        FaceKind,
        FaceResult,
        FaceVerdict,
        HighRisk,
        Mailing,
        MatchBasis,
        NewVerification,
        Person,
        Reliance,
        RiskReason,
        SubjectRole,
    )

    method = Method(args.method)
    if (args.client is None) == (args.name is None):
        raise CaseloadCommandError(
            "give --client or --name", ja="依頼者を --client（登録済み）か --name（新規）で指定してください。"
        )
    client: Person | int = args.client if args.client is not None else Person(
        args.name, ClientKind.COMPANY if args.company else ClientKind.INDIVIDUAL, args.kana, args.birth_date,
        args.address)
    events: dict[Event, dt.datetime] = {e: args.at for e in method.rule.required} if args.at else {}
    for key, value in _pairs(args.event, "--event"):
        try:
            events[Event(key)] = iso_time(value)
        except (ValueError, argparse.ArgumentTypeError):
            raise CaseloadCommandError(f"--event {key}={value}: unknown step or time",
                                       ja="--event の手順名または日時が正しくありません。") from None
    documents = [_document(d) for d in args.document]
    for key, note in _pairs(args.document_note, "--document-note"):
        if not key.isdigit() or int(key) >= len(documents):
            raise CaseloadCommandError(f"--document-note {key}: no such document",
                                       ja="--document-note の書類番号が正しくありません（0から数えます）。")
        documents[int(key)] = replace(documents[int(key)], note=note)
    mailing = None
    if Event.MAILED in events and (args.tracking_number or args.mailed_to):
        mailing = Mailing(events[Event.MAILED], args.tracking_number, args.mailed_to)
    reliance = None
    if args.relies_on is not None:
        reliance = Reliance(args.relies_on, MatchBasis(args.matched_by or "document_shown"), args.match_note)
    identity, engagement = _decisions(args, now_in_japan())
    new = NewVerification(
        client=client,
        method=method,
        events=events,
        document_type="",
        checked_by=args.checked_by,
        recorded_by=args.recorded_by,
        subject=args.subject,
        subject_role=SubjectRole(args.role) if args.role else SubjectRole.SELF,
        matter=args.matter,
        purpose=args.purpose,
        face_results=(FaceResult(FaceKind.MATCH, BY_EYE_ENGINE, FaceVerdict.PASS),) if args.face_by_eye else (),
        documents=tuple(documents),
        mailing=mailing,
        reliance=reliance,
        high_risk=HighRisk(tuple(RiskReason(r) for r in args.high_risk), args.risk_note) if args.high_risk else None,
        identity=identity,
        engagement=engagement,
    )
    return _verification_out(args, service.save_verification(new))


def _verification_gaps(args: argparse.Namespace, service: CaseloadService) -> int:
    found = service.gaps(args.id)
    kinds = [d.kind for d in service.get(args.id).documents] if found else []

    def human() -> None:  # the words, and the key --reason takes (decide ID --reason KEY=TEXT)
        from kyc_desk.app import texts

        for gap in found:
            print(f"{texts.gap_text(gap, kinds)}  (--reason {gap}=…)")
        if not found:
            print(tr("理由が必要な項目はありません", "nothing needs a reason"))

    emit(args, {"id": args.id, "gaps": list(found)}, human)
    return 0


def _verification_decide(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.jp.time import now_in_japan

    identity, engagement = _decisions(args, now_in_japan())
    if identity is None and engagement is None:
        raise CaseloadCommandError("give --result and/or --engagement",
                                   ja="--result（本人確認の結果）か --engagement（受任の判断）を指定してください。")
    record = None
    if identity is not None:
        record = service.conclude_identity(args.id, identity)
    if engagement is not None:
        record = service.decide_engagement(args.id, engagement)
    return _verification_out(args, record)


def _verification_mail(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.records.model import MailOutcome

    return _verification_out(args, service.record_mail_outcome(args.id, MailOutcome(args.outcome), args.on))


def _verification_risk(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.records.model import HighRisk, RiskReason

    additional = [_document(d, "additional") for d in args.additional]
    risk = HighRisk(tuple(RiskReason(r) for r in args.reason), args.note)
    return _verification_out(args, service.flag_high_risk(args.id, risk, additional))


HANDLERS: dict[tuple[str, str], Callable[[argparse.Namespace, CaseloadService], int]] = {
    ("verification", "add"): _verification_add,
    ("verification", "gaps"): _verification_gaps,
    ("verification", "decide"): _verification_decide,
    ("verification", "mail-outcome"): _verification_mail,
    ("verification", "high-risk"): _verification_risk,
}
