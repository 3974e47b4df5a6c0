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

import functools
import string
from collections.abc import Mapping
from typing import TYPE_CHECKING

from kyc_desk.i18n import Lang, current_language

if TYPE_CHECKING:
    from kyc_desk.records.model import FaceResult, ItemCheck
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


def _crl_reason_text(reason: str, lang: Lang | None) -> str:
    from kyc_desk.verify.revocation import REASONS as CRL_REASONS

    pair = CRL_REASONS.get(reason, (f"失効理由: {reason}", f"reason: {reason}"))
    return _pick(pair, lang)


#: Names of the checks other layers produce (the My Number card's come with verify.mynumber.CHECK_LABELS).
_CHECK_NAMES: dict[str, tuple[str, str]] = {
    "residence.check_code": ("在留カード等のチェックコード（署名）", "residence card check code (signature)"),
    "driver_licence.signature": ("運転免許証の電子署名", "driver's licence signature"),
    "driver_licence.recorded_changes": ("交付後の記載事項変更", "changes recorded after issue"),
    "jpki.signature": ("署名用電子証明書による電子署名", "electronic signature (signature certificate)"),
    "face.match": ("顔の照合", "face match"),
    "face.liveness": ("生体確認（なりすまし検知）", "liveness"),
    "submission.envelope": ("提出データの暗号化封筒", "submission envelope"),
    "submission.request": ("依頼との対応", "matches the request"),
    "submission.text_unsigned": ("ICチップの署名対象外の文字情報", "text not covered by the chip's signature"),
    "submission.address_unsigned": ("裏面記載の住居地（署名対象外）", "address on the back (not signed)"),
}


def check_name_text(name: str, lang: Lang | None = None) -> str:
    """A check's name as the reader says it (its stable code when no label is known)."""
    from kyc_desk.verify.mynumber import CHECK_LABELS

    pair = CHECK_LABELS.get(name) or _CHECK_NAMES.get(name)
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
    name = ("距離" if distance else "類似度") if in_japanese else ("distance" if distance else "similarity")
    way = ("小さいほど類似" if distance else "大きいほど類似") if in_japanese else (
        "lower is more alike" if distance else "higher is more alike")
    if result.threshold is None:
        return f"{name} {result.value:.3f}（{way}）" if in_japanese else f"{name} {result.value:.3f} ({way})"
    if in_japanese:
        return f"{name} {result.value:.3f}（判定しきい値 {result.threshold:.3f}、{way}）"
    return f"{name} {result.value:.3f} (decision threshold {result.threshold:.3f}; {way})"


def face_engine_text(result: FaceResult) -> str:
    return result.engine + (f" [{result.engine_version}]" if result.engine_version else "")


def face_text(result: FaceResult, lang: Lang | None = None) -> str:
    """One face result as a line: verdict, labelled figure, reasons, engine."""
    in_japanese = (lang or current_language()) == "ja"
    kind = ("顔照合" if result.kind.value == "match" else "生体確認") if in_japanese else (
        "Face match" if result.kind.value == "match" else "Liveness")
    parts = [f"{kind}: {face_verdict_text(result, lang)}"]
    if measure := face_measure_text(result, lang):
        parts.append(measure)
    reasons = _face_reasons("|".join(result.reasons), lang)
    if reasons:
        parts.append(reasons)
    parts.append(face_engine_text(result))
    return " — ".join(parts)
