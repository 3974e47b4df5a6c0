"""Neutral records: checks as reason codes with parameters, face results with metric, engine and version.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

Before 0004 a check's ``detail`` and a face result's ``detail`` were sentences rendered in the language of
the desk that saved them, and a face result's ``score`` meant different things by engine:

``dlib ResNet (kyc_desk.faces)`` (face-to-face, the window)
    the embedding *distance* and the decision distance — kept as they are, metric ``distance``;
``kyc_desk.faces`` (remote import)
    a *similarity* ``1 − distance`` (clipped to [0, 1]) and ``1 − decision`` — converted back to the
    distance (exact for distances up to 1; a similarity clipped to 0 becomes distance 1.0), metric
    ``distance``, so both paths show the same figure;
any other engine with a score
    the meaning is unknown: the figures are not guessed; they move into the row's kept text, visible.

Old sentences are turned back into reason codes where they match a known text exactly (in either
language); a sentence that matches none is kept as it was (``legacy.text`` / a ``legacy:`` reason), never
dropped. One audit entry (action ``migration``) records every row changed, so ``verify-audit`` stays
clean. The import layer's old texts are a frozen copy here (a migration must read what older desks wrote,
whatever later versions say).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

import sqlalchemy as sa
from alembic import op

from kyc_desk.faces.reasons import REASON_TEXTS, SUBJECT_NAMES
from kyc_desk.records.audit import append_entry
from kyc_desk.verify.reasons import REASONS

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ACTOR = "kyc-desk migration 0004"
OLD_WINDOW_ENGINE = "dlib ResNet (kyc_desk.faces)"
OLD_IMPORT_ENGINE = "kyc_desk.faces"
MATCH_ENGINE = "kyc_desk.faces/dlib-resnet-v1"
LIVENESS_ENGINE = "kyc_desk.faces/mediapipe-liveness"

#: The import layer's texts as desks before 0004 wrote them (code → (ja, en)).
OLD_IMPORT_TEXTS: dict[str, tuple[str, str]] = {
    "submission.decrypted": (
        "事務所鍵で復号・認証済み（改ざんなし）",
        "decrypted and authenticated with the office key",
    ),
    "submission.no_request": ("このデスクに依頼の控えがありません（別のデスクで作成）",
                              "this desk has no copy of the request (created on another desk)"),
    "submission.address_unsigned": (
        "住居地（裏面追記）はチェックコードの対象外。券面イメージ・裏面で確認してください",
        "the address written on the back is not covered by the check code; confirm it on the card",
    ),
    "face.no_chip_photo": (
        "ICチップの顔写真を利用できないため顔照合は未実施",
        "no usable chip photo: the face was not compared",
    ),
    "document.undecodable": ("画像として読み込めません", "the image does not decode"),
    "document.judge_by_eye": ("ホ方式：書類の真正性（厚み・特徴）は画像で目視確認してください",
                              "method ホ: judge the document's authenticity (thickness, features) from the images"),
    "jpki.challenge_unknown": ("依頼の控えがないためチャレンジを確認できません",
                               "no copy of the request: the challenge is unknown"),
    "jpki.request_challenge_signed": ("この依頼のチャレンジに署名用鍵で署名", "signed this request's challenge"),
    "face.no_engine": ("顔照合エンジンが利用できないため未実施。写真を目視で照合してください",
                       "no face engine available: compare the photos by eye"),
    "face.no_challenge": ("この依頼には生体確認の指示がありません（依頼の控えなし）",
                          "no liveness challenge is known for this request"),
    "face.no_frames": ("自撮り映像がありません", "no selfie frames"),
}
#: Old texts recognised by their unambiguous opening (the rest names what the desk never stores).
OLD_OPENINGS: dict[str, str] = {
    "氏名・住所の文字データは署名の対象外（EF0003は": "submission.text_unsigned",
    "name and address text is not covered by a signature (EF 0003 is refused": "submission.text_unsigned",
}
#: Old texts that now have another code, or whose old wording differs from today's template.
OLD_ALIASES: dict[str, tuple[str, dict[str, str]]] = {
    "署名用電子証明書は信頼済みのCAが発行し有効期間内": ("jpki.sign_certificate_valid", {}),
    "issued by a trusted CA and valid": ("jpki.sign_certificate_valid", {}),
}


def _pattern(template: str) -> re.Pattern[str]:
    """A template (``str.format`` fields) as a regular expression with one named group per field."""
    out, pos = [], 0
    for match in re.finditer(r"\{(\w+)(?::[^}]*)?\}", template):
        out.append(re.escape(template[pos:match.start()]))
        out.append(f"(?P<{match.group(1)}>.+?)")
        pos = match.end()
    out.append(re.escape(template[pos:]))
    return re.compile("".join(out) + r"\Z", re.S)


def _literal(template: str) -> int:
    """How much fixed text a template has (its fields removed): more is more specific."""
    return len(re.sub(r"\{\w+(?::[^}]*)?\}", "", template))


def _check_table() -> list[tuple[str, re.Pattern[str]]]:
    """Known templates, most specific first; one with almost no fixed text (``{scheme}: {detail}``) could
    match anything and is left out."""
    pairs = [(code, text) for code, pair in {**REASONS, **OLD_IMPORT_TEXTS}.items() for text in pair]
    pairs = [(code, text) for code, text in pairs if _literal(text) >= 5]
    return [(code, _pattern(text)) for code, text in sorted(pairs, key=lambda p: -_literal(p[1]))]


#: The subject the face layer gave the reasons whose text names none.
_NO_SUBJECT: dict[str, tuple[str, ...]] = {
    "similar": ("comparison",), "dissimilar": ("comparison",), "near_threshold": ("comparison",),
    "live": ("frames",), "planar_motion": ("frames",), "screen_pattern": ("frames",),
}


def _face_texts() -> dict[str, str]:
    """Every face reason text (both languages, every subject) → its key, for reasons without a detail."""
    found: dict[str, str] = {}
    for code, (_blocking, ja, en) in REASON_TEXTS.items():
        if "{detail}" in ja:
            continue
        subjects = SUBJECT_NAMES.items() if "{s}" in ja else [(s, SUBJECT_NAMES[s]) for s in _NO_SUBJECT[code]]
        for subject, (ja_name, en_name) in subjects:
            found[ja.format(s=ja_name)] = f"{code}@{subject}"
            text_en = en.format(s=en_name)
            found[text_en[:1].upper() + text_en[1:]] = f"{code}@{subject}"
    return found


def _face_keys(detail: str, texts: dict[str, str]) -> list[str] | None:
    """The face reason keys an old detail (texts joined by ``"; "``, which some texts contain themselves)
    consists of, or None if any part is not recognised."""
    keys, rest = [], detail.strip()
    by_length = sorted(texts, key=len, reverse=True)
    while rest:
        text = next((t for t in by_length if rest.startswith(t) and rest[len(t):][:2] in ("", "; ")), None)
        if text is None:
            return None
        keys.append(texts[text])
        rest = rest[len(text):].removeprefix("; ")
    return keys


def _convert_check(
    detail: str, table: list[tuple[str, re.Pattern[str]]], faces: dict[str, str]
) -> tuple[str, dict[str, str]]:
    if detail in OLD_ALIASES:
        return OLD_ALIASES[detail]
    for opening, code in OLD_OPENINGS.items():
        if detail.startswith(opening):
            return code, {}
    for code, pattern in table:
        if match := pattern.match(detail):
            return code, match.groupdict()
    if (keys := _face_keys(detail, faces)) is not None:
        return "face.not_compared", {"face_reasons": "|".join(keys)}
    return "legacy.text", {"text": detail}


def _json(params: dict[str, str]) -> str | None:
    return json.dumps(params, ensure_ascii=False, sort_keys=True, separators=(",", ":")) if params else None


def _round(value: float) -> float:
    return round(value, 6)


def upgrade() -> None:
    with op.batch_alter_table("report_checks") as batch:
        batch.add_column(sa.Column("reason", sa.String(64)))
        batch.add_column(sa.Column("params", sa.Text))
    with op.batch_alter_table("face_results") as batch:
        batch.add_column(sa.Column("metric", sa.String(16)))
        batch.add_column(sa.Column("engine_version", sa.String(64)))
        batch.add_column(sa.Column("reasons", sa.Text))
    with op.batch_alter_table("item_checks") as batch:
        batch.add_column(sa.Column("note_reason", sa.String(64)))
    bind = op.get_bind()
    changed: list[tuple[str, int, str]] = []
    table, faces = _check_table(), _face_texts()
    for row_id, detail in bind.exec_driver_sql("SELECT id, detail FROM report_checks").all():
        reason, params = _convert_check(detail, table, faces) if detail else ("", {})
        bind.exec_driver_sql(
            "UPDATE report_checks SET reason = ?, params = ?, detail = NULL WHERE id = ?",
            (reason or None, _json(params), row_id),
        )
        changed.append(("report_checks", row_id, "update"))
    rows = bind.exec_driver_sql("SELECT id, kind, engine, score, threshold, detail FROM face_results").all()
    for row_id, kind, engine, score, threshold, detail in rows:
        metric: str | None = None
        kept: list[str] = []
        if engine == OLD_WINDOW_ENGINE:  # the distance already
            engine, metric = MATCH_ENGINE, "distance"
        elif engine == OLD_IMPORT_ENGINE:
            if kind == "match":
                engine, metric = MATCH_ENGINE, "distance"
                score = None if score is None else _round(1 - score)
                threshold = None if threshold is None else _round(1 - threshold)
            else:
                engine = LIVENESS_ENGINE
        elif score is not None or threshold is not None:  # an engine whose figures this desk cannot read
            kept.append(f"{engine}: score {score}, threshold {threshold} (metric unknown)")
            score = threshold = None
        keys = _face_keys(detail, faces) if detail else []
        if keys is None:
            kept.insert(0, detail)
            keys = []
        bind.exec_driver_sql(
            "UPDATE face_results SET engine = ?, metric = ?, score = ?, threshold = ?, reasons = ?, detail = ?"
            " WHERE id = ?",
            (engine, metric if score is not None or threshold is not None else None, score, threshold,
             json.dumps(keys, ensure_ascii=False) if keys else None, "; ".join(kept) or None, row_id),
        )
        changed.append(("face_results", row_id, "update"))
    _audit(bind, changed)


def _audit(bind: sa.Connection, changed: Iterable[tuple[str, int, str]]) -> None:
    changes = list(changed)
    if changes:
        append_entry(bind, actor=ACTOR, action="migration", verification_id=None, changes=changes)  # type: ignore[arg-type]


def downgrade() -> None:
    """Back to sentences (Japanese) in ``detail``; the codes and face metadata are dropped."""
    bind = op.get_bind()
    changed: list[tuple[str, int, str]] = []
    for row_id, reason, params in bind.exec_driver_sql("SELECT id, reason, params FROM report_checks").all():
        text = ""
        if reason:
            template = {**REASONS, **OLD_IMPORT_TEXTS}.get(reason, ("{text}", "{text}"))[0]
            values = json.loads(params) if params else {}
            try:
                text = template.format(**values)
            except (KeyError, ValueError, IndexError):
                text = f"{reason} {values}"
        bind.exec_driver_sql("UPDATE report_checks SET detail = ? WHERE id = ?", (text or None, row_id))
        changed.append(("report_checks", row_id, "update"))
    with op.batch_alter_table("report_checks") as batch:
        batch.drop_column("params")
        batch.drop_column("reason")
    with op.batch_alter_table("face_results") as batch:
        batch.drop_column("reasons")
        batch.drop_column("engine_version")
        batch.drop_column("metric")
    with op.batch_alter_table("item_checks") as batch:
        batch.drop_column("note_reason")
    changed += [("face_results", i, "update") for (i,) in bind.exec_driver_sql("SELECT id FROM face_results")]
    changed += [("item_checks", i, "update") for (i,) in bind.exec_driver_sql("SELECT id FROM item_checks")]
    _audit(bind, changed)
