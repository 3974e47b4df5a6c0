"""記録の表示文 — stored checks and face results rendered in the reader's language.

Records keep codes and figures only (:class:`~kyc_desk.verify.report.Check` reason and params,
:class:`~kyc_desk.records.model.FaceResult` metric, value, threshold, engine and reason keys). This module
is the one place that turns them into text, in the language asked for (default: the interface language),
so a record reads the same to every reader whatever the language of the desk that saved it, and changing
the window's language re-renders what is on screen.

The reason tables live beside the code that produces the codes (:mod:`kyc_desk.verify.reasons`,
:mod:`kyc_desk.documents.reasons`, :mod:`kyc_desk.records.reasons`, :mod:`kyc_desk.sync.reasons`,
:mod:`kyc_desk.faces.reasons`); they are loaded on the first rendering. A code no table knows is shown as
the code with its params — visible, never silently dropped.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final, Protocol

from kyc_desk.app import labels
from kyc_desk.i18n import Lang, current_language

if TYPE_CHECKING:
    from kyc_desk.records import DuplicateLead, StoredFace
    from kyc_desk.records.legal import Method
    from kyc_desk.records.model import EvidenceKind, FaceResult, ItemCheck, StoredEvidence
    from kyc_desk.verify.report import Check

#: The reason of a check kept from before migration 0004, whose old text could not be turned into a code.
LEGACY_REASON = "legacy.text"
_LEGACY_FACE_PREFIX = "legacy:"


@functools.cache
def _verification_reasons() -> dict[str, tuple[str, str]]:
    from kyc_desk.documents.reasons import DOCUMENT_REASONS
    from kyc_desk.records.reasons import RECORD_REASONS
    from kyc_desk.verify.reasons import REASONS

    return {**REASONS, **DOCUMENT_REASONS, **RECORD_REASONS, LEGACY_REASON: ("{text}", "{text}")}


@functools.cache
def _sync_reasons() -> dict[str, tuple[str, str]]:
    from kyc_desk.sync.reasons import FACE_REASONS, IMPORT_REASONS

    return {**IMPORT_REASONS, **FACE_REASONS}


def _lookup(code: str) -> tuple[str, str] | None:
    """The verification layer's table first: the window's own card checks never load the sync layer (whose
    package import is heavy) on the UI thread; imported records do, once (:func:`load`)."""
    return _verification_reasons().get(code) or _sync_reasons().get(code)


def load() -> None:
    """Load every reason table now (call from a worker thread before rendering imported records)."""
    _verification_reasons()
    _sync_reasons()


def _catalogue() -> dict[str, tuple[str, str]]:
    return {**_verification_reasons(), **_sync_reasons()}


def known_reasons() -> frozenset[str]:
    """Every reason code the desk can render."""
    return frozenset(_catalogue())


def _pick(pair: tuple[str, str], lang: Lang | None) -> str:
    return pair[0] if (lang or current_language()) == "ja" else pair[1]


def face_reason_text(key: str, lang: Lang | None = None) -> str:
    """One face-layer reason key (``code@subject[=detail]``) as text; an old row's kept text as it is."""
    if key.startswith(_LEGACY_FACE_PREFIX):
        return key.removeprefix(_LEGACY_FACE_PREFIX)
    from kyc_desk.faces.reasons import reason_from_key

    try:
        found = reason_from_key(key)
    except (KeyError, ValueError):
        return key
    return found.ja if (lang or current_language()) == "ja" else found.en


def _face_reasons(value: object, lang: Lang | None) -> str:
    keys = [k for k in str(value).split("|") if k]
    separator = "" if (lang or current_language()) == "ja" else "; "
    return separator.join(face_reason_text(k, lang) for k in keys)


def reason_text(reason: str, params: Mapping[str, object], lang: Lang | None = None) -> str:
    """A reason code with its params, in ``lang``."""
    if not reason:
        return ""
    template = _lookup(reason)
    if template is None:
        shown = ", ".join(f"{k}={v}" for k, v in sorted(params.items()))
        return f"{reason}" + (f" ({shown})" if shown else "")
    values = dict(params)
    if "face_reasons" in values:
        values["face_reasons"] = _face_reasons(values["face_reasons"], lang)
    if "crl_reason" in values:  # a revocation: why the issuer revoked it, explained for the scrivener
        values["why"] = _crl_reason_text(str(values["crl_reason"]), lang)
    if "problem" in values and _catalogue().get(str(values["problem"])) is not None:
        values["problem"] = reason_text(str(values["problem"]), {}, lang)
    if "parts" in values:  # several sources, none conclusive: each one's reason
        separator = "。" if (lang or current_language()) == "ja" else "; "
        rest = {k: v for k, v in params.items() if k != "parts"}
        values["parts"] = separator.join(reason_text(code, rest, lang) for code in str(values["parts"]).split("|"))
    if "source" in values:
        values["source"] = source_text(str(values["source"]), lang)
    if "sources" in values:  # a cross-check's sources: "card_face, text_ap" → 券面情報、券面事項入力補助AP
        values["sources"] = _sources_text(str(values["sources"]), ", ", lang)
    if "groups" in values:  # which sources disagree: "card_face = text_ap ≠ sign_cert"
        values["groups"] = " ≠ ".join(_sources_text(g, " = ", lang) for g in str(values["groups"]).split(" ≠ "))
    chosen = _pick(template, lang)
    try:
        text = string.Formatter().vformat(chosen, (), values)
    except (KeyError, ValueError, IndexError):  # a param missing or of another type: show what there is
        shown = ", ".join(f"{k}={v}" for k, v in sorted(params.items()))
        return f"{reason} ({shown})"
    if "detail" in params and "{detail" not in chosen:  # an error's technical diagnosis, after the reason
        in_japanese = (lang or current_language()) == "ja"
        text += f"（{params['detail']}）" if in_japanese else f" ({params['detail']})"
    return text


def _sources_text(joined: str, separator: str, lang: Lang | None) -> str:
    names = [label_text(labels.CHECK_SOURCES, part.strip(), lang) for part in joined.split(separator.strip())]
    between = "、" if (lang or current_language()) == "ja" and separator == ", " else separator
    return between.join(names)


def _crl_reason_text(reason: str, lang: Lang | None) -> str:
    from kyc_desk.verify.revocation import REASONS as CRL_REASONS

    pair = CRL_REASONS.get(reason, (f"失効理由: {reason}", f"reason: {reason}"))
    return _pick(pair, lang)


def check_name_text(name: str, lang: Lang | None = None) -> str:
    """A check's name as the reader says it (its stable code when no label is known)."""
    from kyc_desk.verify.mynumber import CHECK_LABELS

    pair = CHECK_LABELS.get(name) or labels.CHECKS.get(name)
    return _pick(pair, lang) if pair else name


def check_text(check: Check, lang: Lang | None = None) -> str:
    """Why a stored check has its verdict, in ``lang``."""
    return reason_text(check.reason, check.params, lang)


def source_text(confirmed_by: str, lang: Lang | None = None) -> str:
    """Who or what confirmed an item: a source code (``source:ic_chip``) rendered, a person's name as is."""
    pair = _lookup(confirmed_by) if confirmed_by.startswith("source:") else None
    return _pick(pair, lang) if pair else confirmed_by


def item_note_text(check: ItemCheck, lang: Lang | None = None) -> str:
    """The desk's reason for an item it could not compare, then the note a person wrote (as written)."""
    parts = [reason_text(check.note_reason, {}, lang)] if check.note_reason else []
    if check.note:
        parts.append(check.note)
    return " / ".join(parts)


_FACE_VERDICTS = {
    "pass": ("同一人物の可能性が高い", "likely the same person"),
    "fail": ("別人の可能性が高い", "likely different people"),
    "inconclusive": ("判定できない", "cannot tell"),
}
_LIVENESS_VERDICTS = {
    "pass": ("指示どおりの動作を確認", "the requested actions were seen"),
    "fail": ("生体確認できず", "not shown to be live"),
    "inconclusive": ("判定できない", "cannot tell"),
}


def face_verdict_text(result: FaceResult, lang: Lang | None = None) -> str:
    table = _FACE_VERDICTS if result.kind.value == "match" else _LIVENESS_VERDICTS
    return _pick(table[result.verdict.value], lang)


def face_measure_text(result: FaceResult, lang: Lang | None = None) -> str:
    """The figure with its metric and threshold, labelled: ``距離 0.412（判定しきい値 0.600、小さいほど類似）``."""
    if result.metric is None or result.value is None:
        return ""
    in_japanese = (lang or current_language()) == "ja"
    distance = result.metric.value == "distance"
    name = face_metric_text(result.metric.value, lang)
    way = ("小さいほど類似" if distance else "大きいほど類似") if in_japanese else (
        "lower is more alike" if distance else "higher is more alike")
    if result.threshold is None:
        return f"{name} {result.value:.3f}（{way}）" if in_japanese else f"{name} {result.value:.3f} ({way})"
    if in_japanese:
        return f"{name} {result.value:.3f}（判定しきい値 {result.threshold:.3f}、{way}）"
    return f"{name} {result.value:.3f} (decision threshold {result.threshold:.3f}; {way})"


def face_engine_text(result: FaceResult, lang: Lang | None = None) -> str:
    """The engine that compared (with its version); a comparison the scrivener made by eye says so."""
    from kyc_desk.records.decision import BY_EYE_ENGINE

    if result.engine == BY_EYE_ENGINE:
        return word_text("by_eye", lang)
    return result.engine + (f" [{result.engine_version}]" if result.engine_version else "")


def face_text(result: FaceResult, lang: Lang | None = None) -> str:
    """One face result as a line: verdict, labelled figure, reasons, engine."""
    parts = [f"{face_kind_text(result.kind.value, lang)}: {face_verdict_text(result, lang)}"]
    if measure := face_measure_text(result, lang):
        parts.append(measure)
    reasons = _face_reasons("|".join(result.reasons), lang)
    if reasons:
        parts.append(reasons)
    parts.append(face_engine_text(result, lang))
    return " — ".join(parts)


# --- labels, dates and evidence ------------------------------------------------------------------------
# The tables are plain data in kyc_desk.app.labels; these functions pick the language.


def label_text(table: Mapping[str, tuple[str, str]], code: str, lang: Lang | None = None) -> str:
    """``code``'s label from one of the :mod:`~kyc_desk.app.labels` tables (the code itself if the table
    misses it: visible, never dropped — and the label tests fail for it)."""
    pair = table.get(code)
    return _pick(pair, lang) if pair else code


def word_text(key: str, lang: Lang | None = None) -> str:
    """One of the shared words (:data:`kyc_desk.app.labels.WORDS`): ``not_entered`` → 未入力 …"""
    return label_text(labels.WORDS, key, lang)


def document_text(document_type: str, lang: Lang | None = None) -> str:
    """The name of a stored document type or kind: ``mynumber`` → 個人番号カード / My Number card; the other
    kinds a record may name by their own names (:data:`kyc_desk.records.legal.DOCUMENT_KINDS`: ``passport`` →
    旅券（パスポート） / Passport); no document at all (a reliance) → 書類なし."""
    if not document_type:
        return word_text("no_document", lang)
    if document_type in labels.DOCUMENTS:
        return label_text(labels.DOCUMENTS, document_type, lang)
    from kyc_desk.records.legal import DOCUMENT_KINDS

    kind = DOCUMENT_KINDS.get(document_type)
    if kind is None:
        return document_type
    return kind.name_ja if (lang or current_language()) == "ja" else kind.name_en[:1].upper() + kind.name_en[1:]


def document_category_text(category: str, lang: Lang | None = None) -> str:
    """What a document can prove: ``non_photo_id`` → 写真のない本人確認書類."""
    return label_text(labels.DOCUMENT_CATEGORIES, category, lang)


def document_purpose_text(purpose: str, lang: Lang | None = None) -> str:
    """Why a document is in the record: ``authority`` → 代表権・代理権の確認書類."""
    return label_text(labels.DOCUMENT_PURPOSES, purpose, lang)


def mail_outcome_text(outcome: str, lang: Lang | None = None) -> str:
    """What became of a 転送不要郵便: ``returned`` → 返送された."""
    return label_text(labels.MAIL_OUTCOMES, outcome, lang)


def match_basis_text(basis: str, lang: Lang | None = None) -> str:
    """How a person was matched to an earlier verification: ``known_in_person`` → 面識がある."""
    return label_text(labels.MATCH_BASES, basis, lang)


def risk_reason_text(reason: str, lang: Lang | None = None) -> str:
    """Why a transaction is high-risk (法4条2項): ``impersonation`` → なりすましの疑い."""
    return label_text(labels.RISK_REASONS, reason, lang)


def identity_result_text(result: str | None, lang: Lang | None = None) -> str:
    """本人確認の結果 (``None``: not concluded yet → 未判断)."""
    return word_text("undecided", lang) if result is None else label_text(labels.IDENTITY_RESULTS, result, lang)


def engagement_text(engagement: str | None, lang: Lang | None = None) -> str:
    """受任の判断 (``None``: not decided yet → 未判断)."""
    return word_text("undecided", lang) if engagement is None else label_text(labels.ENGAGEMENTS, engagement, lang)


def party_role_text(role: str, note: str | None = None, lang: Lang | None = None) -> str:
    """A party's role in a matter or at a meeting, with what ``other`` means: ``その他（仲介業者）``."""
    name = label_text(labels.PARTY_ROLES, role, lang)
    if not note:
        return name
    return f"{name}（{note}）" if (lang or current_language()) == "ja" else f"{name} ({note})"


def meeting_status_text(status: str, lang: Lang | None = None) -> str:
    """面談の状態: ``held`` → 実施済み."""
    return label_text(labels.MEETING_STATUSES, status, lang)


def meeting_mode_text(mode: str, lang: Lang | None = None) -> str:
    """対面 / オンライン."""
    return label_text(labels.MEETING_MODES, mode, lang)


def confirmed_text(confirmed: Iterable[str], lang: Lang | None = None) -> str:
    """What a meeting confirmed, in the order 人・物・意思 (``person`` … as stored)."""
    given = set(confirmed)
    names = [label_text(labels.CONFIRMED, c, lang) for c in labels.CONFIRMED if c in given]
    names += [c for c in sorted(given) if c not in labels.CONFIRMED]  # unknown: visible, never dropped
    return ("・" if (lang or current_language()) == "ja" else ", ").join(names)


def platform_text(platform: str, lang: Lang | None = None) -> str:
    """An online meeting's platform: ``teams`` → Microsoft Teams."""
    return label_text(labels.PLATFORMS, platform, lang)


def operator_role_text(role: str, lang: Lang | None = None) -> str:
    """An operator's role: ``assistant`` → 補助者."""
    return label_text(labels.OPERATOR_ROLES, role, lang)


def face_kind_text(kind: str, lang: Lang | None = None) -> str:
    """顔照合 / 生体確認."""
    return label_text(labels.FACE_KINDS, kind, lang)


def face_metric_text(metric: str, lang: Lang | None = None) -> str:
    """距離 / 類似度."""
    return label_text(labels.FACE_METRICS, metric, lang)


def face_source_text(source: str, lang: Lang | None = None) -> str:
    """ICチップの顔写真 / 撮影した顔: which image a stored face embedding came from."""
    return label_text(labels.FACE_SOURCES, source, lang)


def duplicate_lead_text(lead: DuplicateLead, lang: Lang | None = None) -> str:
    """One duplicate-face lead as a line: what it means, the other record, the figure with its threshold
    and the engine — ``別の氏名・生年月日の記録に… — 記録 12 — 距離 0.412（しきい値 0.500、…）``."""
    in_japanese = (lang or current_language()) == "ja"
    meaning = label_text(labels.DUPLICATE_LEADS, lead.code, lang)
    way = ("以下で候補" if lead.code == "same_face_other_identity" else "以上で候補") if in_japanese else (
        "a lead at or below" if lead.code == "same_face_other_identity" else "a lead at or above")
    name = face_metric_text("distance", lang)
    pair = f"{face_source_text(lead.source.value, lang)} / {face_source_text(lead.other_source.value, lang)}"
    if in_japanese:
        figure = f"{name} {lead.distance:.3f}（しきい値 {lead.threshold:.3f} {way}、小さいほど類似、{pair}）"
        return f"{meaning} — 記録 {lead.other_verification_id} — {figure} — {lead.engine}"
    figure = f"{name} {lead.distance:.3f} ({way} {lead.threshold:.3f}; lower is more alike; {pair})"
    return f"{meaning} — record {lead.other_verification_id} — {figure} — {lead.engine}"


def stored_face_text(face: StoredFace, lang: Lang | None = None) -> str:
    """One line of ``kyc-desk face search``: the record, whose face, when, the distance."""
    in_japanese = (lang or current_language()) == "ja"
    name = face_metric_text("distance", lang)
    record = f"記録 {face.verification_id}" if in_japanese else f"record {face.verification_id}"
    born = date_text(face.birth_date, lang)
    return (f"{record}  {face.subject_name}（{born}）  {date_text(face.verified_on, lang)}  "
            f"{face_source_text(face.source.value, lang)}  {name} {face.distance:.3f}") if in_japanese else (
            f"{record}  {face.subject_name} ({born})  {date_text(face.verified_on, lang)}  "
            f"{face_source_text(face.source.value, lang)}  {name} {face.distance:.3f}")


def matter_kind_text(kind: str, lang: Lang | None = None) -> str:
    """A matter's kind: a minutes template's key or Japanese name (``real_estate_sale``, 不動産売買) by the
    template's name (:data:`kyc_desk.meetings.minutes.TEMPLATES`); any other kind as it was typed."""
    from kyc_desk.meetings.minutes import TEMPLATES

    found = TEMPLATES.get(kind) or next((t for t in TEMPLATES.values() if t.ja == kind.strip()), None)
    if found is None:
        return kind
    return found.ja if (lang or current_language()) == "ja" else found.en


def minutes_section_text(kind: str | None, section: str, lang: Lang | None = None) -> str:
    """A filled minutes section's name, from its template (``person`` → 人（本人確認）); the key of a
    section no template names, as stored."""
    from kyc_desk.meetings.minutes import TEMPLATES

    templates = [TEMPLATES[kind]] if kind in TEMPLATES else []
    templates += [t for t in TEMPLATES.values() if t.ja == (kind or "").strip()] + list(TEMPLATES.values())
    for template in templates:
        for s in template.sections:
            if s.key == section:
                return s.ja if (lang or current_language()) == "ja" else s.en
    return section


def minutes_in_order(kind: str | None, minutes: Mapping[str, str]) -> list[tuple[str, str]]:
    """Filled minutes sections in their template's order (人・物・意思 …), any other key after them."""
    from kyc_desk.meetings.minutes import TEMPLATES

    template = TEMPLATES.get(kind or "") or next((t for t in TEMPLATES.values() if t.ja == (kind or "").strip()), None)
    order = [s.key for s in template.sections] if template else []
    ranked = sorted(minutes.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    return list(ranked)


def gap_text(key: str, document_kinds: Sequence[str] = (), lang: Lang | None = None) -> str:
    """A gap a decision must explain (:func:`kyc_desk.records.decision.gaps`), in words: ``face.match`` →
    顔の照合, ``item.address`` → 住所の照合（不一致・未確認）, ``report.<check>`` → the check's name,
    ``document.1.expired`` → 2点目の書類（運転免許証）の有効期限切れ (``document_kinds``: the record's
    documents in order), ``mail.returned`` → 転送不要郵便の返送. An unknown key is shown as it is."""
    if key in labels.GAPS:
        return label_text(labels.GAPS, key, lang)
    if key.startswith("item."):
        item = item_text(key.removeprefix("item."), lang)
        return _pick(labels.GAPS["item"], lang).format(item=item)
    if key.startswith("report."):
        return check_name_text(key.removeprefix("report."), lang)
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "document" and parts[1].isdigit() and parts[2] == "expired":
        position = int(parts[1])
        kind = document_text(document_kinds[position], lang) if position < len(document_kinds) else "-"
        return _pick(labels.GAPS["document_expired"], lang).format(n=position + 1, kind=kind)
    return check_name_text(key, lang)


def status_text(status: str, lang: Lang | None = None) -> str:
    """審査状況: ``pending_review`` → 審査待ち."""
    return label_text(labels.STATUSES, status, lang)


def decision_text(decision: str | None, lang: Lang | None = None) -> str:
    """判断 (``None``: not decided yet → 審査待ち)."""
    return status_text("pending_review", lang) if decision is None else label_text(labels.DECISIONS, decision, lang)


def item_text(item: str, lang: Lang | None = None) -> str:
    """A compared item: ``name_kana`` → フリガナ."""
    return label_text(labels.ITEMS, item, lang)


def item_result_text(result: str, lang: Lang | None = None) -> str:
    """A stored item result: ``mismatch`` → 不一致（理由を確認済み）."""
    return label_text(labels.ITEM_RESULTS, result, lang)


def item_check_result_text(check: ItemCheck, lang: Lang | None = None) -> str:
    """An item check's result as the reader should understand it: an item the document does not carry
    (a chip without furigana) was not compared — 照合対象外, never 不一致 or 未確認."""
    from kyc_desk.records.decision import NOT_ON_DOCUMENT

    if check.note_reason == NOT_ON_DOCUMENT:
        return _pick(_NOT_COMPARED, lang)
    return item_result_text(check.result.value, lang)


def event_text(event: str, lang: Lang | None = None) -> str:
    """A method's dated step: ``presented`` → 本人確認書類の提示を受けた日時."""
    return label_text(labels.EVENTS, event, lang)


def role_text(role: str, lang: Lang | None = None) -> str:
    """Who was identified: ``agent`` → 代理人."""
    return label_text(labels.ROLES, role, lang)


def client_kind_text(kind: str, lang: Lang | None = None) -> str:
    """個人 / 法人."""
    return label_text(labels.CLIENT_KINDS, kind, lang)


def sex_text(sex: str, lang: Lang | None = None) -> str:
    """How a card states sex: ``female`` → 女."""
    return label_text(labels.SEXES, sex, lang)


def method_text(method: Method, lang: Lang | None = None) -> str:
    """The method with its legal letter: ``ヘ 非対面・ICチップ情報＋容貌画像`` / ``ヘ: remote, IC chip …``."""
    rule = method.rule
    if (lang or current_language()) == "ja":
        return f"{rule.letter} {rule.name_ja}"
    return f"{rule.letter}: {labels.METHODS_EN.get(method.value, rule.name_ja)}"


def date_text(day: dt.date | None, lang: Lang | None = None) -> str:
    """A date as the desk shows it: ``令和8年12月6日（2026年）`` / ``6 Dec 2026 (Reiwa 8)``; a missing
    date (a birth date nobody entered) is 未入力 / not entered, never a default. Stored dates stay ISO."""
    from kyc_desk.jp.era import EraDateError, format_english, format_with_western_year

    if day is None:
        return word_text("not_entered", lang)
    try:
        return format_with_western_year(day) if (lang or current_language()) == "ja" else format_english(day)
    except EraDateError:  # before 明治: no era to write it in
        return day.isoformat()


def _japan_clock(at: dt.datetime) -> tuple[dt.datetime, str]:
    """``at`` in Japan time and its ``HH:MM``; a naive time is refused (its zone is unknown)."""
    from kyc_desk.jp.time import JAPAN_TIME

    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("a moment to show needs an aware datetime")
    local = at.astimezone(JAPAN_TIME)
    return local, f"{local.hour:02d}:{local.minute:02d}"


def moment_text(at: dt.datetime, lang: Lang | None = None) -> str:
    """A stored moment in Japan time, the clock the law counts by: ``令和8年12月6日（2026年）14:30``
    (``6 Dec 2026 (Reiwa 8) 14:30 JST``). A naive time is refused by :func:`legal_date`'s rule."""
    local, clock = _japan_clock(at)
    if (lang or current_language()) == "ja":
        return f"{date_text(local.date(), 'ja')} {clock}"
    return f"{date_text(local.date(), 'en')} {clock} JST"


def recent_moment_text(at: dt.datetime, now: dt.datetime, lang: Lang | None = None) -> str:
    """A recent moment, short enough for a list column: ``12月6日 14:30`` (``6 Dec 14:30``) within the
    current year in Japan time, else the whole :func:`moment_text`. Lists show the whole moment on hover."""
    from kyc_desk.jp.era import MONTHS_EN

    local, clock = _japan_clock(at)
    if local.year != _japan_clock(now)[0].year:
        return moment_text(at, lang)
    if (lang or current_language()) == "ja":
        return f"{local.month}月{local.day}日 {clock}"
    return f"{local.day} {MONTHS_EN[local.month - 1]} {clock}"


def period_text(start: dt.datetime, end: dt.datetime | None, lang: Lang | None = None) -> str:
    """A meeting's time in Japan time: ``令和8年12月5日（2026年） 14:00〜15:00`` (``5 Dec 2026 (Reiwa 8)
    14:00–15:00 JST``); an end on another day in full; no end: the start alone."""
    from kyc_desk.jp.time import JAPAN_TIME

    if end is None:
        return moment_text(start, lang)
    first, last = start.astimezone(JAPAN_TIME), end.astimezone(JAPAN_TIME)
    if first.date() != last.date():
        return f"{moment_text(start, lang)} 〜 {moment_text(end, lang)}"
    clock = f"{last.hour:02d}:{last.minute:02d}"
    if (lang or current_language()) == "ja":
        return f"{moment_text(start, lang)}〜{clock}"
    return f"{moment_text(start, lang).removesuffix(' JST')}–{clock} JST"


def size_text(size: int) -> str:
    """A byte count as people read it: ``1.9 KB``, ``184 KB``, ``2.3 MB``."""
    if size < 1000:
        return f"{size} B"
    for unit, scale in (("KB", 1000), ("MB", 1000**2)):
        value = size / scale
        if value < 1000 or unit == "MB":
            return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


class _Evidence(Protocol):
    @property
    def kind(self) -> EvidenceKind: ...
    @property
    def media_type(self) -> str: ...
    @property
    def label(self) -> str | None: ...


def evidence_text(evidence: _Evidence, size: int | None = None, lang: Lang | None = None) -> str:
    """One piece of evidence: ``ICチップの顔写真（JPEG 2000画像、1.9 KB）``."""
    in_japanese = (lang or current_language()) == "ja"
    name = label_text(labels.EVIDENCE_KINDS, evidence.kind.value, lang)
    which = labels.EVIDENCE_LABELS.get(evidence.label or "")
    if which is not None and evidence.kind.value in ("face_photo", "card_image", "chip_photo"):
        name += f"・{_pick(which, lang)}" if in_japanese else f" ({_pick(which, lang)})"
    details = [label_text(labels.MEDIA_TYPES, evidence.media_type, lang)]
    if size is not None:
        details.append(size_text(size))
    return f"{name}（{'、'.join(details)}）" if in_japanese else f"{name} ({', '.join(details)})"


#: Evidence listed one by one; the rest (chip files, certificates, proofs) are kept as read and summed up.
_SHOWN_ONE_BY_ONE: Final = ("chip_photo", "face_photo", "card_image", "document", "other")


def evidence_lines(evidence: Sequence[StoredEvidence], lang: Lang | None = None) -> list[str]:
    """What a record keeps, as lines: photos and images one by one, the chip's files and certificates
    summed up (``ICチップの読取データ 8件（計 5.3 KB、読み取ったまま保存）``)."""
    in_japanese = (lang or current_language()) == "ja"
    lines = [evidence_text(e, e.size, lang) for e in evidence if e.kind.value in _SHOWN_ONE_BY_ONE]
    for kind in ("chip_data", "certificate"):
        group = [e for e in evidence if e.kind.value == kind]
        if not group:
            continue
        name, total = label_text(labels.EVIDENCE_KINDS, kind, lang), size_text(sum(e.size for e in group))
        lines.append(f"{name} {len(group)}件（計 {total}、読み取ったまま保存）" if in_japanese
                     else f"{name}: {len(group)} file{'s' if len(group) > 1 else ''} ({total} in all, kept as read)")
    return lines


# --- which checks a record shows, and what they confirmed ---------------------------------------------

_NOT_COMPARED: Final = ("照合対象外", "Not compared")  # the note says why (item.not_on_document)

#: Checks a method cannot make with a document, by (method value, document type). A ヘ submission of a My
#: Number card carries neither the text AP's signed record (EF 0003 would reveal the individual number), so
#: its attributes stay unverified and are not compared, nor the signature certificate (that is ワ): the
#: signature checks and every cross-check (which needs two of card face, signed text AP, certificate) never
#: have data. Such a check is left out of the record's list and summary while it has no data (NOT_PRESENT);
#: one that has data is always shown, whatever its verdict.
def applies(check: Check, method: str, document_type: str) -> bool:
    """False for a check the method cannot make with the document and that has no data (the records
    layer's rule, :data:`kyc_desk.records.decision.NOT_APPLICABLE`, so what is hidden is never a gap)."""
    from kyc_desk.records.decision import applies as decision_applies
    from kyc_desk.records.legal import Method

    try:
        legal = Method(method)
    except ValueError:
        return True
    return decision_applies(check, legal, document_type)


def shown_checks(report: Iterable[Check], method: str, document_type: str) -> list[Check]:
    """The checks a record shows (:func:`applies`), in the order they were made."""
    return [c for c in report if applies(c, method, document_type)]


def report_summary(report: Iterable[Check], method: str, document_type: str, lang: Lang | None = None) -> list[str]:
    """What the checks confirmed, in words, instead of a count that makes a complete read look failed:
    ``確認できたこと: 券面情報の署名、…`` then, only if there are any, what needs a look (with its badge)
    and what was not done."""
    in_japanese = (lang or current_language()) == "ja"
    separator = "、" if in_japanese else ", "
    checks = shown_checks(report, method, document_type)
    confirmed = [check_name_text(c.name, lang) for c in checks if c.verdict.ok]
    flagged = [f"{check_name_text(c.name, lang)}（{_badge(c, lang)}）" if in_japanese
               else f"{check_name_text(c.name, lang)} ({_badge(c, lang)})"
               for c in checks if not c.verdict.ok and c.verdict.value != "not_present"]
    missing = [check_name_text(c.name, lang) for c in checks if c.verdict.value == "not_present"]
    lines = []
    if confirmed:
        lines.append(("確認できたこと: " if in_japanese else "Confirmed: ") + separator.join(confirmed))
    if flagged:
        lines.append(("要確認: " if in_japanese else "Needs a look: ") + separator.join(flagged))
    if missing:
        lines.append(("データがなく行っていない確認: " if in_japanese else "Not done (no data): ")
                     + separator.join(missing))
    if not lines:
        lines.append("確認の結果はありません" if in_japanese else "No checks were made")
    return lines


def _badge(check: Check, lang: Lang | None) -> str:
    return check.verdict.badge_ja if (lang or current_language()) == "ja" else check.verdict.badge_en
