"""判定理由 — reasons a person can read, in Japanese and English.

Every reason has a stable ``code`` (for programs and records), the image it is about (``subject``), whether
it makes a comparison unusable (``blocking``: the result becomes *inconclusive*), and its text in both
languages. The texts are one table, :data:`REASON_TEXTS`; :func:`reason` fills in the subject.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from kyc_desk.i18n import tr

Subject = Literal["reference", "probe", "image", "comparison", "frames"]

#: How each subject is named in the texts: (Japanese, English).
SUBJECT_NAMES: Final[dict[str, tuple[str, str]]] = {
    "reference": ("カードの顔写真", "card photo"),
    "probe": ("本人の撮影画像", "selfie"),
    "image": ("画像", "image"),
    "comparison": ("照合", "comparison"),
    "frames": ("映像", "video"),
}

#: code → (blocking, Japanese template, English template); ``{s}`` is the subject's name.
REASON_TEXTS: Final[dict[str, tuple[bool, str, str]]] = {
    "no_face": (True, "{s}に顔が見つかりません。", "no face found in the {s}"),
    "multiple_faces": (True, "{s}に複数の顔が写っています。", "more than one face in the {s}"),
    "face_too_small": (True, "{s}の顔が小さすぎます。", "{s}: the face is far too small"),
    "face_small": (False, "{s}の顔の解像度が低く、精度が下がります。", "{s}: the face is small, accuracy is lower"),
    "too_dark": (True, "{s}が暗すぎます。", "{s} too dark"),
    "dark": (False, "{s}がやや暗いです。", "{s} somewhat dark"),
    "too_bright": (True, "{s}が明るすぎます（白飛び）。", "{s} too bright (overexposed)"),
    "too_blurry": (True, "{s}がぼやけすぎています。", "{s} too blurry"),
    "blurry": (False, "{s}がややぼやけています。", "{s} somewhat blurry"),
    "pose_extreme": (True, "{s}の顔が正面を向いていません。", "{s}: the face is turned too far from the camera"),
    "pose": (False, "{s}の顔がやや斜めを向いています。", "{s}: the face is turned somewhat away"),
    "eyes_closed": (False, "{s}の目が閉じている可能性があります。", "{s}: the eyes may be closed"),
    "face_cut_off": (False, "{s}の顔が画像の端で切れています。", "{s}: the face is cut off at the edge"),
    "greyscale": (False, "{s}は白黒です（比較のため相手側も白黒にしました）。",
                  "{s} is greyscale (the other image was converted to match)"),
    "near_threshold": (True, "類似度が判定の境界付近のため、機械では判断できません。目視で確認してください。",
                       "the similarity is too close to the threshold to decide; check by eye"),
    "face_lost": (True, "{s}の多くのフレームで顔が見えません。", "the face is not visible in enough frames of the {s}"),
    "challenge_not_done": (True, "指示された動作（{detail}）が確認できませんでした。",
                           "the requested actions ({detail}) were not seen"),
    "no_motion": (True, "{s}に顔の動きがありません（写真の可能性）。",
                  "no facial movement in the {s} (possibly a photo)"),
    "repeated_frames": (True, "{s}に同一のフレームが続いています（静止画の可能性）。",
                        "the {s} repeats identical frames (possibly a still image)"),
    "planar_motion": (True, "顔の動きが平面的です（印刷物や画面の可能性）。",
                      "the face moves like a flat surface (possibly a print or a screen)"),
    "screen_pattern": (True, "画面特有の模様（モアレ）が検出されました（画面再生の可能性）。",
                       "a screen pattern (moiré) was found (possibly a replay on a screen)"),
    "screen_edge": (True, "{s}で顔の周りに画面や用紙の縁が写っています（画面再生や印刷物の可能性）。",
                    "the edge of a screen or sheet frames the face in the {s} (possibly a replay or a print)"),
    "live": (False, "指示どおりの動作と自然な顔の動きを確認しました（判断の補助です）。",
             "the requested actions and natural facial movement were seen (an aid only)"),
    "similar": (False, "顔の特徴が一致しています（判断の補助です。最終判断は目視で行ってください）。",
                "the faces are similar (an aid only; the final judgement is yours)"),
    "dissimilar": (False, "顔の特徴が一致しません。別人の可能性があります。",
                   "the faces are not similar; they may be different people"),
}


@dataclass(frozen=True)
class Reason:
    """One readable reason. Free of personal data by construction (fixed texts)."""

    code: str
    subject: Subject
    blocking: bool
    ja: str
    en: str
    detail: str = ""

    @property
    def key(self) -> str:
        """The stored form (records keep this, never the text): ``code@subject`` or ``code@subject=detail``."""
        return f"{self.code}@{self.subject}" + (f"={self.detail}" if self.detail else "")

    @property
    def text(self) -> str:
        """The text in the interface language."""
        return tr(self.ja, self.en)

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "subject": self.subject, "blocking": self.blocking, "text": self.text,
                "ja": self.ja, "en": self.en}


def reason(code: str, subject: Subject, *, detail: str = "") -> Reason:
    """The reason ``code`` about ``subject`` (``KeyError`` for an unknown code: a programming error).

    ``detail`` fills a ``{detail}`` slot; it must be fixed vocabulary (action names), never personal data.
    """
    blocking, ja, en = REASON_TEXTS[code]
    ja_name, en_name = SUBJECT_NAMES[subject]
    text_en = en.format(s=en_name, detail=detail)
    return Reason(code, subject, blocking, ja.format(s=ja_name, detail=detail), text_en[:1].upper() + text_en[1:],
                  detail)


def reason_from_key(key: str) -> Reason:
    """The reason a stored :attr:`Reason.key` names (``KeyError``/``ValueError`` for one this desk does not
    know, so a caller can show the key itself instead of guessing)."""
    head, _, detail = key.partition("=")
    code, _, subject = head.partition("@")
    if subject not in SUBJECT_NAMES:
        raise ValueError(f"unknown reason subject in {key!r}")
    return reason(code, subject, detail=detail)  # type: ignore[arg-type]
