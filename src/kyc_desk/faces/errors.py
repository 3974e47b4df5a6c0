"""Errors of the face engine.

Hierarchy::

    KycDeskError
    └── FaceError                  the face engine could not do what was asked
        ├── ImageUnreadable        the bytes or file are not an image we can decode (JPEG, PNG, JPEG 2000)
        ├── ModelUnavailable       a model file or library is missing or broken (installation problem)
        │   └── ModelDamaged       a model file differs from its recorded SHA-256 (damaged or replaced)
        ├── InvalidChallenge       a liveness challenge names an unknown action or is empty
        ├── FramesUnusable         a liveness frame sequence is empty, too short, or unreadable
        └── CameraUnavailable      the webcam cannot be opened or stopped delivering frames

Images that decode but are unusable for a comparison (no face, two faces, a face far too small, a black
frame) are *not* errors: :func:`~kyc_desk.faces.compare_faces` answers ``inconclusive`` with reasons, because
the scrivener needs to know why, and the other image's quality is still worth showing.

Messages never contain personal data; in particular no file names (they may carry a client's name).
"""

from __future__ import annotations

from kyc_desk.errors import KycDeskError


class FaceError(KycDeskError):
    """The face engine could not do what was asked."""

    default_ja = "顔の照合処理を完了できませんでした。"


class ImageUnreadable(FaceError):
    """The input is not an image the desk can decode."""

    default_ja = "画像を読み込めませんでした（JPEG・PNG・JPEG 2000 に対応）。"


class ModelUnavailable(FaceError):
    """A face model or its library is missing or cannot be loaded: the installation is incomplete."""

    default_ja = "顔認識モデルを読み込めませんでした。インストールを確認してください。"


class ModelDamaged(ModelUnavailable):
    """A model file differs from the hash recorded for it (:mod:`kyc_desk.faces.model_files`): the engine
    refuses rather than compare faces with a damaged or substituted model."""

    default_ja = (
        "顔認識モデルのファイルが記録と一致しません（破損または差し替えの可能性があります）。顔照合は行いません。"
        "本人確認デスクを入れ直してください（該当ファイルは kyc-desk doctor で確認できます）。"
    )


class InvalidChallenge(FaceError):
    """A liveness challenge names an unknown action, repeats one, or is empty."""

    default_ja = "生体確認の指示（チャレンジ）が正しくありません。"


class FramesUnusable(FaceError):
    """A liveness frame sequence cannot be judged at all (empty, too short, unreadable)."""

    default_ja = "生体確認用の映像を判定できませんでした。"


class CameraUnavailable(FaceError):
    """The webcam could not be opened, or it stopped delivering frames."""

    default_ja = "カメラを使用できませんでした。接続と他のアプリでの使用状況を確認してください。"
