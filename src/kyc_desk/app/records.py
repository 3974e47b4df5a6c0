"""The record store as the window uses it: opened once, lazily, from a worker thread.

The key source is the records layer's one choice (:func:`kyc_desk.records.store.key_source_for`, which
reads the store's key header): the keyring, the key file, or a passphrase the window asked for.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Protocol

from kyc_desk.errors import KycDeskError

if TYPE_CHECKING:
    from kyc_desk.records.store import RecordStore


class PassphraseRequired(KycDeskError):
    """The record store is protected by a passphrase and none was given yet."""

    default_ja = "記録データベースのパスフレーズを入力してください。"


class StoreOpener(Protocol):
    def __call__(self, passphrase: str | None) -> RecordStore: ...


class RecordsService:
    """Opens the record store once, on first use, from a worker thread (opening may take a second).

    A passphrase-protected store raises :class:`PassphraseRequired` until the window hands over the
    passphrase the user typed (:meth:`set_passphrase`); it is used for one opening attempt and then
    dropped, whether the attempt succeeded or not.
    """

    def __init__(self, opener: StoreOpener) -> None:
        self._opener = opener
        self._store: RecordStore | None = None
        self._passphrase: str | None = None
        self._lock = threading.Lock()
        #: True while the window shows the passphrase prompt (one prompt at a time).
        self.prompting = False

    def set_passphrase(self, passphrase: str) -> None:
        self._passphrase = passphrase

    def store(self) -> RecordStore:
        with self._lock:
            if self._store is None:
                passphrase, self._passphrase = self._passphrase, None
                self._store = self._opener(passphrase)
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def default_store_opener(passphrase: str | None = None) -> RecordStore:
    """The desk's own store in the data folder, unlocked the way its key header says."""
    from kyc_desk.records import RecordStore
    from kyc_desk.records.store import key_source_for

    def ask() -> str:
        if passphrase is None:
            raise PassphraseRequired("The record store needs its passphrase.")
        return passphrase

    return RecordStore.open(key_source_for(ask_passphrase=ask))
