"""Errors of the remote-submission layer (endpoint, submitter, desk-side pull).

Hierarchy::

    KycDeskError
    └── SyncError                    remote submissions could not be made, sent, pulled or imported
        ├── SyncUnreachable          the endpoint cannot be reached (network, TLS, timeout)
        ├── SyncRejected             the endpoint answered with a 4xx/5xx (``status``, ``code``)
        ├── LinkInvalid              a one-time link is malformed, unknown, used or expired
        ├── SubmissionMalformed      a submission or envelope does not follow the format
        │   └── ForbiddenContent     it carries data the desk must never hold (the individual number)
        ├── EnvelopeInvalid          the envelope cannot be opened: wrong key, altered or moved
        ├── MethodNotAllowed         the method (ホ after 2027-03-31, or one the request excludes) is refused
        ├── OfficeKeyError           the office key pair is missing, unreadable or does not match
        ├── FaceWorkerStopped        a face-check worker process died; the pull stops, nothing is confirmed
        └── ImportFailed             importing a submission failed in a way the desk did not foresee (a bug)

Messages carry no personal data: a submission's contents never appear in them, only part names
(``chip/mynumber/surface/0002``), sizes and ids.
"""

from __future__ import annotations

from kyc_desk.errors import KycDeskError


class SyncError(KycDeskError):
    """A remote submission could not be made, sent, pulled or imported."""

    default_ja = "リモート本人確認の処理に失敗しました。"


class SyncUnreachable(SyncError):
    """The endpoint cannot be reached (network down, wrong address, TLS failure, timeout)."""

    default_ja = "受付サーバーに接続できません。"


class SyncRejected(SyncError):
    """The endpoint refused the call; ``status`` is the HTTP status, ``code`` its stable error code."""

    default_ja = "受付サーバーが要求を拒否しました。"

    def __init__(self, message: str, *, status: int, code: str = "", ja: str | None = None) -> None:
        super().__init__(message, ja=ja)
        self.status = status
        self.code = code


class LinkInvalid(SyncError):
    """A one-time link is malformed, unknown, already used or expired; ``code`` is the endpoint's reason
    (``unknown_link``, ``link_expired``, ``link_used``; empty when the link itself is malformed), so a client
    can tell the person which of these happened."""

    default_ja = "本人確認用リンクが無効です（使用済みまたは期限切れ）。"

    def __init__(self, message: str, *, code: str = "", ja: str | None = None) -> None:
        super().__init__(message, ja=ja)
        self.code = code


class SubmissionMalformed(SyncError):
    """A submission or its envelope does not follow the submission format."""

    default_ja = "提出データの形式が不正です。"


class ForbiddenContent(SubmissionMalformed):
    """The submission carries data the desk must never read or store (the individual number)."""

    default_ja = "提出データに受け取れない情報（個人番号など）が含まれています。"


class EnvelopeInvalid(SyncError):
    """The envelope cannot be opened: encrypted to another key, altered, or moved to another request."""

    default_ja = "提出データを復号できません（鍵の不一致または改ざんの疑い）。"


class MethodNotAllowed(SyncError):
    """The verification method is not allowed for this request or on this date (ホ after 2027-03-31)."""

    default_ja = "この確認方法は利用できません。"


class OfficeKeyError(SyncError):
    """The office key pair is missing, unreadable, or does not match the submission."""

    default_ja = "事務所の暗号鍵を利用できません。"


class FaceWorkerStopped(SyncError):
    """A face-check worker process stopped (killed, out of memory): the submission was not checked, so the
    pull stops without saving or confirming it (it is pulled again next time, never quarantined)."""

    default_ja = "顔照合の処理が停止しました。この提出データは保存していません。"


class ImportFailed(SyncError):
    """Importing one submission raised something other than a :class:`KycDeskError`: a bug in the desk.

    The pull quarantines the submission with this reason (never loses it) and logs the bug with the
    submission's id; the original exception is the ``__cause__``.
    """

    default_ja = "提出データを取り込めませんでした（プログラムの不具合です。隔離して保管しました）。"
