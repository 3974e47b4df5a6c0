"""Errors of the records layer.

Hierarchy::

    KycDeskError
    └── RecordsError                 the verification records could not be read or written
        ├── StoreNotInitialised      no record store here yet (run ``kyc-desk records init``)
        ├── StoreAlreadyExists       init/restore would overwrite an existing store
        ├── WrongDatabaseKey         the key, passphrase or key file does not open this store
        ├── WrongRecoveryKey         the recovery key does not unwrap this store's or backup's key
        ├── KeyUnavailable           no key source can be used (no secure keyring, no passphrase given)
        ├── InsecureKeyring          the OS keyring is a plaintext or failing backend
        ├── CorruptStore             the key header, database or backup is damaged or of an unknown format
        ├── StoreUnavailable         the database could not be read or written (locked, disk full, I/O)
        ├── RecordNotFound           no verification with that id
        ├── InvalidRecord            the data to save is incomplete or contradicts itself
        │   ├── MissingMethodTimestamp   a timestamp the identification method requires is missing
        │   └── MethodNotAllowed     the method is not allowed on that date (e.g. ホ after 2027-03-31)
        └── PurgeRefused             a purge was not confirmed or names a record still under retention

Messages never carry personal data: ids, counts, method letters and dates of the law only.
"""

from __future__ import annotations

from kyc_desk.errors import KycDeskError


class RecordsError(KycDeskError):
    """The verification records could not be read or written."""

    default_ja = "本人確認記録を処理できませんでした。"


class StoreNotInitialised(RecordsError):
    """There is no record store in this folder yet."""

    default_ja = "記録データベースがまだ作成されていません（kyc-desk records init）。"


class StoreAlreadyExists(RecordsError):
    """Creating or restoring a store would overwrite an existing one."""

    default_ja = "記録データベースが既に存在します。上書きはしません。"


class WrongDatabaseKey(RecordsError):
    """The key, passphrase or key file does not open this store. Nothing was written."""

    default_ja = "鍵またはパスフレーズが違います。記録データベースは変更されていません。"


class WrongRecoveryKey(RecordsError):
    """The recovery key does not unwrap the key of this store or backup."""

    default_ja = "回復キーが違います。"


class KeyUnavailable(RecordsError):
    """No usable key source: the keyring has no key for this store, or no passphrase was given."""

    default_ja = "記録データベースの鍵を取得できません。"


class InsecureKeyring(RecordsError):
    """The OS keyring backend stores secrets in plain text or does not work."""

    default_ja = "安全なキーリングがありません。パスフレーズを設定してください。"


class CorruptStore(RecordsError):
    """The key header, the database or a backup file is damaged or of an unknown format."""

    default_ja = "記録データベースまたはバックアップが破損しているか、形式が不明です。"


class StoreUnavailable(RecordsError):
    """SQLite could not read or write the database (locked by another program, disk full, I/O error)."""

    default_ja = "記録データベースを読み書きできません（他のプログラムが使用中、ディスク容量不足、読み書きエラー）。"


class RecordNotFound(RecordsError):
    """No verification record with that id."""

    default_ja = "該当する本人確認記録がありません。"


class InvalidRecord(RecordsError):
    """The verification to save is incomplete or contradicts itself; nothing was saved."""

    default_ja = "本人確認記録の内容に不備があります。保存していません。"


class MissingMethodTimestamp(InvalidRecord):
    """A timestamp that the identification method requires (規則20条) is missing."""

    default_ja = "確認方法に必要な日時が入力されていません。"


class MethodNotAllowed(InvalidRecord):
    """The identification method is not allowed on the date it was used."""

    default_ja = "この日付ではこの確認方法は使えません。"


class DocumentsMissing(InvalidRecord):
    """The documents recorded do not meet what the identification method needs."""

    default_ja = "確認方法に必要な本人確認書類がそろっていません。保存していません。"


class UnknownDocumentKind(InvalidRecord):
    """A document kind the desk's table does not know (:data:`~kyc_desk.records.legal.DOCUMENT_KINDS`)."""

    default_ja = "書類の種類が不明です。保存していません。"


class ReasonRequired(InvalidRecord):
    """本人確認の結果 needs a reason for a check that is missing, failed or not done."""

    default_ja = "確認できなかった項目・実施しなかった確認について理由を入力してください。保存していません。"


class HighRiskUnresolved(InvalidRecord):
    """A high-risk case (法4条2項) marked confirmed without the additional document it requires."""

    default_ja = "ハイリスク取引（法4条2項）は追加の本人確認書類を確認するまで「確認済み」にできません。"


class PurgeRefused(RecordsError):
    """A purge was not confirmed, or names a record whose retention period has not ended."""

    default_ja = "保存期間中の記録は削除できません。"
