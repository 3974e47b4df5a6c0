"""Cell values as Excel and 「権」 read them: dates, Japan time, 和暦, names of codes.

One place turns a record's typed values into the text of a CSV cell, so the CSV for Excel and the
hand-off bundle's CSVs write a date, a time or a document name the same way.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Final

from kyc_desk.jp.era import EraDateError, format_japanese
from kyc_desk.jp.time import JAPAN_TIME

DECISION_JA: Final = {"accepted": "受任可", "rejected": "受任不可", "follow_up": "要追加確認"}
STATUS_JA: Final = {"pending_review": "審査待ち", "decided": "判断済み"}
CLIENT_KIND_JA: Final = {"individual": "個人", "company": "法人"}
ROLE_JA: Final = {"self": "本人", "representative": "代表者", "agent": "代理人"}
ITEM_JA: Final = {"name": "氏名", "name_kana": "フリガナ", "birth_date": "生年月日", "address": "住所"}
ITEM_RESULT_JA: Final = {"match": "一致", "mismatch": "不一致", "corrected": "訂正済み", "not_checked": "未確認"}
FACE_VERDICT_JA: Final = {"pass": "合格", "fail": "不合格", "inconclusive": "判定不能"}
METRIC_JA: Final = {"distance": "距離（小さいほど類似）", "similarity": "類似度（大きいほど類似）"}
IDENTITY_JA: Final = {"confirmed": "確認済み", "not_confirmed": "確認できず", "needs_more": "追加確認が必要"}
ENGAGEMENT_JA: Final = {"accepted": "受任する", "declined": "受任しない", "pending": "保留"}
RISK_JA: Final = {
    "impersonation": "なりすましの疑い",
    "false_statement": "本人特定事項を偽っていた疑い",
    "foreign_pep": "外国の重要な公的地位にある者等",
    "specified_country": "特定国等に居住・所在する者との取引",
}
MAIL_OUTCOME_JA: Final = {"delivered": "到達", "returned": "返戻"}
MATCH_BASIS_JA: Final = {
    "card_link": "同じカードの電子証明書",
    "document_shown": "本人確認書類の提示",
    "known_in_person": "面識",
    "shared_secret": "本人しか知り得ない事項の申告",
}
DOCUMENT_PURPOSE_JA: Final = {"identity": "本人確認", "company": "法人", "authority": "権限", "additional": "追加"}
EVIDENCE_JA: Final = {
    "face_photo": "容貌画像",
    "chip_photo": "ICチップの顔写真",
    "chip_data": "ICチップの読取データ",
    "certificate": "電子証明書",
    "card_image": "券面画像",
    "document": "書類画像",
    "other": "その他",
}


def date_text(value: dt.date | None) -> str:
    """``2026-11-20`` (Excel reads it as a date)."""
    return "" if value is None else value.isoformat()


def wareki_text(value: dt.date | None) -> str:
    """``令和8年11月20日`` (empty before the eras the desk knows)."""
    if value is None:
        return ""
    try:
        return format_japanese(value)
    except EraDateError:
        return ""


def time_text(value: dt.datetime | None) -> str:
    """``2026-11-20 10:30:00`` in Japan time (the clock the law counts by; Excel reads it as a date and time)."""
    return "" if value is None else value.astimezone(JAPAN_TIME).strftime("%Y-%m-%d %H:%M:%S")


@functools.cache
def _document_labels() -> dict[str, str]:
    from kyc_desk.documents import documents
    from kyc_desk.records.legal import DOCUMENT_KINDS

    return {**{d.key: d.label_ja for d in documents()}, **{k: d.name_ja for k, d in DOCUMENT_KINDS.items()}}


def document_text(key: str) -> str:
    """The document's Japanese name from the records' table of document kinds and the registry of card
    documents (the stored key if neither knows it: visible, never dropped)."""
    return _document_labels().get(key, key)
