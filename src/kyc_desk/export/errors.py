"""Errors of the export layer (CSV, images, the hand-off bundle and its import).

Hierarchy::

    KycDeskError
    └── ExportError                  records could not be exported or imported
        ├── NothingToExport          the selection holds no verification
        ├── ExportCancelled          the user stopped the export; nothing was written
        ├── DestinationRefused       the destination exists, is not writable, or was not chosen
        ├── PassphraseTooShort       an encrypted export needs a passphrase of at least 10 characters
        ├── UnencodableText          a character the chosen encoding (cp932) cannot hold, with no
        │                            replacement chosen: names the record and the column
        └── BundleError              a hand-off bundle cannot be imported; nothing was imported
            ├── BundlePassphraseRequired  the bundle is encrypted and no passphrase was given
            ├── BundleWrongPassphrase     the passphrase does not open the bundle
            ├── BundleVersionUnsupported  a format or version this desk does not read
            ├── BundleCorrupt        not a ZIP, a file missing, a hash that does not match, bad JSON
            ├── BundleIncomplete     a record relies on an earlier verification this desk does not hold
            └── BundleConflict       a record in the bundle is already here with different contents

Messages carry no personal data: record ids, column names, file names inside the bundle, counts.
"""

from __future__ import annotations

from kyc_desk.errors import KycDeskError


class ExportError(KycDeskError):
    """Records could not be exported or imported."""

    default_ja = "記録を書き出せませんでした。"


class NothingToExport(ExportError):
    """The selection (ids, matter, dates) holds no verification."""

    default_ja = "書き出す記録がありません。条件を確認してください。"


class ExportCancelled(ExportError):
    """The user stopped the export; nothing was written."""

    default_ja = "書き出しを中止しました。何も書き出していません。"


class DestinationRefused(ExportError):
    """The destination exists (nothing is overwritten), cannot be written, or was not chosen."""

    default_ja = "書き出し先に書き込めません。別の場所を選んでください（既存のファイルは上書きしません）。"


class PassphraseTooShort(ExportError):
    """An encrypted export needs a passphrase of at least :data:`MIN_PASSPHRASE` characters."""

    default_ja = "暗号化のパスフレーズは10文字以上にしてください。"


#: The shortest passphrase an encrypted export accepts (AES-256 is only as strong as the passphrase).
MIN_PASSPHRASE = 10


class UnencodableText(ExportError):
    """A character the chosen encoding cannot hold, with no replacement chosen; nothing was written.

    ``record_id`` and ``column`` (the CSV header) say where; ``character`` is kept as an attribute for
    the window, never in the message (it is part of a name).
    """

    default_ja = "選んだ文字コードで表せない文字があります。書き出していません。"

    def __init__(self, record_id: int, column: str, character: str) -> None:
        column_ja = column  # the CSV header, a Japanese label
        super().__init__(
            f"record {record_id}, column {column!r}: a character cp932 (Shift_JIS) cannot hold",
            ja=f"記録番号 {record_id} の「{column_ja}」に「Shift_JIS」で表せない文字があります。"
            "「UTF-8」で書き出すか、置き換え方法を選んでください。何も書き出していません。",
        )
        self.record_id = record_id
        self.column = column
        self.character = character


class BundleError(ExportError):
    """A hand-off bundle cannot be imported; nothing of it was imported."""

    default_ja = "引き継ぎファイルを取り込めませんでした。何も取り込んでいません。"


class BundlePassphraseRequired(BundleError):
    """The bundle is encrypted and no passphrase was given."""

    default_ja = "引き継ぎファイルは暗号化されています。パスフレーズを入力してください。"


class BundleWrongPassphrase(BundleError):
    """The passphrase does not open the bundle."""

    default_ja = "パスフレーズが違います。何も取り込んでいません。"


class BundleVersionUnsupported(BundleError):
    """The bundle's format or version is not one this desk reads."""

    default_ja = "この引き継ぎファイルの形式・版には対応していません。何も取り込んでいません。"


class BundleCorrupt(BundleError):
    """Not a ZIP, a file missing, a hash that does not match, or unreadable content."""

    default_ja = "引き継ぎファイルが壊れているか、改変されています。何も取り込んでいません。"


class BundleIncomplete(BundleError):
    """A record of the bundle relies on an earlier verification (規則16条) that is not on this desk; nothing
    was imported (import the bundle holding that verification first)."""

    default_ja = "引き継ぎファイルの記録が依拠する以前の本人確認記録がこの端末にありません。何も取り込んでいません。"


class BundleConflict(BundleError):
    """A record of the bundle is already in this store with different contents (``record`` is its
    bundle-wide id); nothing was imported."""

    default_ja = "引き継ぎファイルの記録が、内容の異なる同じ記録としてすでに登録されています。何も取り込んでいません。"
