"""取込みの検証結果の理由 — what the sync layer's check ``reason`` codes mean, in Japanese and English.

Stored checks and item checks carry these codes with their params, never sentences; the desk renders
them in the reader's language (:mod:`kyc_desk.app.texts`). Plain data: importing this module loads
nothing else of the sync layer's code.
"""

from __future__ import annotations

from typing import Final

#: The importer's own check reasons, item-note reasons and item sources (:mod:`kyc_desk.sync.importer`).
IMPORT_REASONS: Final[dict[str, tuple[str, str]]] = {
    "submission.decrypted": (
        "事務所鍵で復号・認証済み（改ざんなし）",
        "decrypted and authenticated with the office key",
    ),
    "submission.no_request": ("このデスクに依頼の控えがありません（別のデスクで作成）",
                              "this desk has no copy of the request (created on another desk)"),
    "face.no_chip_photo": (
        "ICチップの顔写真を利用できないため顔照合は未実施",
        "no usable chip photo: the face was not compared",
    ),
    "document.undecodable": ("画像として読み込めません", "the image does not decode"),
    "document.judge_by_eye": ("ホ方式：書類の真正性（厚み・特徴）は画像で目視確認してください",
                              "method ホ: judge the document's authenticity (thickness, features) from the images"),
    "presence.old_format": ("カードの実在は未証明（提出データ形式 {version} はカード鍵の署名を含みません）",
                            "presence not proven: submission format {version} carries no card key signature"),
    "presence.challenge_unknown": ("依頼の控えがないためチャレンジが分からず、カードの実在を確認できません",
                                   "no copy of the request: the challenge is unknown, presence not proven"),
    "jpki.challenge_unknown": ("依頼の控えがないためチャレンジを確認できません",
                               "no copy of the request: the challenge is unknown"),
    "jpki.request_challenge_signed": ("この依頼のチャレンジに署名用鍵で署名", "signed this request's challenge"),
    "source:ic_chip": ("ICチップ", "IC chip"),
    "source:jpki_sign_certificate": ("署名用電子証明書", "signature certificate"),
}


#: The face checks' reasons (:mod:`kyc_desk.sync.face_checks`); ``face_reasons`` is a ``|``-separated list of
#: the face layer's reason keys.
FACE_REASONS: Final[dict[str, tuple[str, str]]] = {
    "face.no_engine": ("顔照合エンジンが利用できないため未実施。写真を目視で照合してください",
                       "no face engine available: compare the photos by eye"),
    "face.no_challenge": ("この依頼には生体確認の指示がありません（依頼の控えなし）",
                          "no liveness challenge is known for this request"),
    "face.no_frames": ("自撮り映像がありません", "no selfie frames"),
    "face.compared": ("{face_reasons}（距離 {value:.3f}、判定しきい値 {threshold:.3f}、小さいほど類似）",
                      "{face_reasons} (distance {value:.3f}; decision threshold {threshold:.3f}; lower is more alike)"),
    "face.not_compared": ("{face_reasons}", "{face_reasons}"),
    "face.liveness_judged": ("{face_reasons}（指示: {challenge}）", "{face_reasons} (challenge: {challenge})"),
    "face.engine_error": (
        "顔照合エンジンが画像を処理できません（{error}）",
        "the face engine could not use the images ({error})",
    ),
}
