"""記録データベースの鍵 — the database key, where it is kept, and the recovery key.

The record store is one SQLCipher file encrypted with a random 256-bit **database key**. A small JSON
**key header** beside it (``records.keys``) says how the key is kept and holds the wrapped copies:

``keyring``
    The database key sits in the OS keyring (Windows Credential Manager, macOS Keychain, Secret
    Service) under service :data:`KEYRING_SERVICE` and the store's id. Plaintext and failing keyring
    backends are refused (:func:`is_secure_keyring`).
``passphrase``
    Where no secure keyring exists: a key-encryption key is derived from the user's passphrase with
    scrypt (salt and cost in the header) and wraps the database key with AES-256-GCM.
``keyfile``
    Only when the user opts in explicitly: the database key in a file (``records.key``, mode 0600)
    beside the database. Anyone who copies the folder can read the records; the CLI warns.

In every mode the header also holds the database key wrapped by the **recovery key**: 32 random bytes
shown once at set-up as 13 groups of 4 base32 characters. The wrapping key is
``HKDF-SHA256(recovery key, salt=header salt, info="kyc-desk records recovery v1")`` and the wrap is
AES-256-GCM with the store id as associated data. A slow KDF is not needed: the recovery key is itself
256 random bits. With the recovery key alone the store (or a backup, which carries the same block) opens
on a machine with an empty keyring.

A ``key_check`` (HMAC-SHA256 of a constant under the database key) lets a wrong key be refused before
the database file is touched.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final, Literal, Protocol

from kyc_desk.crypto import kdf, keywrap
from kyc_desk.crypto.errors import DecryptionFailed
from kyc_desk.paths import write_private
from kyc_desk.records.errors import (
    CorruptStore,
    InsecureKeyring,
    KeyUnavailable,
    WrongDatabaseKey,
    WrongRecoveryKey,
)

KEY_BYTES: Final = 32
HEADER_FORMAT: Final = "kyc-desk-record-keys/1"
KEYRING_SERVICE: Final = "kyc-desk records"
_KEY_CHECK_LABEL: Final = b"kyc-desk records key check v1"
_RECOVERY_INFO: Final = b"kyc-desk records recovery v1"
_PASSPHRASE_AAD: Final = b"kyc-desk records passphrase v1|"
_RECOVERY_AAD: Final = b"kyc-desk records recovery v1|"
_B32_GROUP: Final = 4

KeyMode = Literal["keyring", "passphrase", "keyfile"]


@dataclass(frozen=True)
class ScryptParams:
    """scrypt cost. The default (n=2**17, r=8, p=1: 128 MiB, about half a second) is for real use; tests
    pass a lower ``n`` explicitly. The parameters used are stored in the header, so opening always uses
    the cost the passphrase was set with."""

    n: int = 2**17
    r: int = 8
    p: int = 1


@dataclass(frozen=True)
class WrappedKey:
    """The database key encrypted with AES-256-GCM under a key-encryption key."""

    salt: bytes
    nonce: bytes
    ciphertext: bytes
    scrypt: ScryptParams | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.ciphertext),
        }
        if self.scrypt is not None:
            data["kdf"] = {"name": "scrypt", "n": self.scrypt.n, "r": self.scrypt.r, "p": self.scrypt.p}
        else:
            data["kdf"] = {"name": "hkdf-sha256"}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WrappedKey:
        kdf = data["kdf"]
        params = ScryptParams(int(kdf["n"]), int(kdf["r"]), int(kdf["p"])) if kdf["name"] == "scrypt" else None
        return cls(_unb64(data["salt"]), _unb64(data["nonce"]), _unb64(data["wrapped_key"]), params)


@dataclass(frozen=True)
class KeyHeader:
    """The contents of ``records.keys``: how the database key is kept, and its wrapped copies."""

    store_id: str
    mode: KeyMode
    key_check: bytes
    recovery: WrappedKey
    passphrase: WrappedKey | None = None
    created_at: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": HEADER_FORMAT,
            "store_id": self.store_id,
            "mode": self.mode,
            "created_at": self.created_at,
            "key_check": _b64(self.key_check),
            "recovery": self.recovery.to_json(),
        }
        if self.passphrase is not None:
            data["passphrase"] = self.passphrase.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KeyHeader:
        try:
            if data.get("format") != HEADER_FORMAT:
                raise CorruptStore("unknown key header format")
            mode = data["mode"]
            if mode not in ("keyring", "passphrase", "keyfile"):
                raise CorruptStore("unknown key mode in the key header")
            return cls(
                store_id=str(data["store_id"]),
                mode=mode,
                key_check=_unb64(data["key_check"]),
                recovery=WrappedKey.from_json(data["recovery"]),
                passphrase=WrappedKey.from_json(data["passphrase"]) if "passphrase" in data else None,
                created_at=str(data.get("created_at", "")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise CorruptStore("the key header is damaged") from exc

    def verify_key(self, key: bytes) -> None:
        """Raise :class:`WrongDatabaseKey` unless ``key`` is this store's database key."""
        if not hmac.compare_digest(key_check(key), self.key_check):
            raise WrongDatabaseKey("the key does not open this record store")


# --- the recovery key -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RecoveryKey:
    """回復キー: 32 random bytes, shown once as ``XXXX-XXXX-…`` (13 groups of base32)."""

    secret: bytes

    def __post_init__(self) -> None:
        if len(self.secret) != KEY_BYTES:
            raise ValueError("a recovery key has 32 bytes")

    @classmethod
    def generate(cls) -> RecoveryKey:
        return cls(secrets.token_bytes(KEY_BYTES))

    @classmethod
    def parse(cls, text: str) -> RecoveryKey:
        """Read a typed recovery key: case, spaces and hyphens do not matter."""
        compact = "".join(ch for ch in text.upper() if ch.isalnum())
        try:
            raw = base64.b32decode(compact + "=" * (-len(compact) % 8))
        except ValueError as exc:  # binascii.Error is a ValueError
            raise WrongRecoveryKey(
                "the recovery key is not well formed",
                ja="回復キーの形式が正しくありません。入力した回復キーを確認してください。",
            ) from exc
        if len(raw) != KEY_BYTES:
            raise WrongRecoveryKey(
                "the recovery key has the wrong length",
                ja="回復キーの桁数が正しくありません。入力した回復キーを確認してください。",
            )
        return cls(raw)

    def formatted(self) -> str:
        """The form shown to the user and written down."""
        text = base64.b32encode(self.secret).decode("ascii").rstrip("=")
        return "-".join(text[i : i + _B32_GROUP] for i in range(0, len(text), _B32_GROUP))

    def __repr__(self) -> str:  # never print the secret by accident
        return "RecoveryKey(…)"


# --- wrapping ---------------------------------------------------------------------------------------


def new_database_key() -> bytes:
    """A fresh random 256-bit database key."""
    return secrets.token_bytes(KEY_BYTES)


def key_check(key: bytes) -> bytes:
    """The value stored in the header to recognise the database key without touching the database."""
    return hmac.new(key, _KEY_CHECK_LABEL, hashlib.sha256).digest()


def _recovery_kek(recovery: RecoveryKey, salt: bytes) -> bytes:
    return kdf.hkdf_sha256(recovery.secret, salt=salt, info=_RECOVERY_INFO, length=KEY_BYTES)


def _passphrase_kek(passphrase: str, salt: bytes, params: ScryptParams) -> bytes:
    return kdf.scrypt(passphrase.encode("utf-8"), salt=salt, length=KEY_BYTES, n=params.n, r=params.r, p=params.p)


def _wrap(kek: bytes, key: bytes, aad: bytes, salt: bytes, params: ScryptParams | None) -> WrappedKey:
    nonce, ciphertext = keywrap.wrap(kek, key, aad)
    return WrappedKey(salt, nonce, ciphertext, params)


def _unwrap(kek: bytes, wrapped: WrappedKey, aad: bytes) -> bytes | None:
    try:
        return keywrap.unwrap(kek, wrapped.nonce, wrapped.ciphertext, aad)
    except DecryptionFailed:
        return None


def wrap_for_recovery(key: bytes, recovery: RecoveryKey, store_id: str) -> WrappedKey:
    """The database key wrapped by the recovery key (the header's ``recovery`` block)."""
    salt = secrets.token_bytes(16)
    return _wrap(_recovery_kek(recovery, salt), key, _RECOVERY_AAD + store_id.encode(), salt, None)


def unwrap_with_recovery(wrapped: WrappedKey, recovery: RecoveryKey, store_id: str) -> bytes:
    """The database key from the recovery block; :class:`WrongRecoveryKey` if it does not fit."""
    key = _unwrap(_recovery_kek(recovery, wrapped.salt), wrapped, _RECOVERY_AAD + store_id.encode())
    if key is None:
        raise WrongRecoveryKey(
            "the recovery key does not fit this store",
            ja="この回復キーはこの記録データベースのものではありません。",
        )
    return key


def wrap_for_passphrase(key: bytes, passphrase: str, store_id: str, params: ScryptParams) -> WrappedKey:
    """The database key wrapped by a scrypt key derived from ``passphrase``."""
    if not passphrase:
        raise KeyUnavailable("an empty passphrase is not allowed", ja="空のパスフレーズは使えません。")
    salt = secrets.token_bytes(16)
    return _wrap(_passphrase_kek(passphrase, salt, params), key, _PASSPHRASE_AAD + store_id.encode(), salt, params)


# --- key sources ------------------------------------------------------------------------------------


class KeySource(Protocol):
    """Where the database key comes from when a store is opened."""

    def unlock(self, header: KeyHeader, folder: Path) -> bytes:
        """The database key, checked against the header; raises a :class:`RecordsError`."""
        ...


def is_secure_keyring(backend: Any) -> bool:
    """False for keyring's fail/null backends and anything from keyrings.alt (plaintext or legacy files).

    A chained backend is secure only if every backend in the chain is. Anything else must claim a
    priority of at least 1, as the OS keyrings (Windows, macOS, Secret Service, KWallet) do.
    """
    module = type(backend).__module__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")):
        return False
    if module.startswith("keyring.backends.chainer"):
        chained = tuple(getattr(backend, "backends", ()))
        return bool(chained) and all(is_secure_keyring(b) for b in chained)
    try:
        return float(backend.priority) >= 1
    except Exception:  # a backend that cannot even say how good it is
        return False


def secure_keyring_available() -> bool:
    """True when the process's keyring backend may hold the database key (see :func:`is_secure_keyring`).

    The desk's first-run set-up uses it to choose: keyring if True, otherwise ask for a passphrase.
    """
    import keyring

    try:
        return is_secure_keyring(keyring.get_keyring())
    except Exception:  # a broken keyring configuration is not a secure keyring
        return False


@dataclass(frozen=True)
class KeyringKeySource:
    """The database key from the OS keyring.

    ``backend`` defaults to :func:`keyring.get_keyring`. Insecure backends are refused unless
    ``allow_insecure`` is set, which only tests do (with keyrings.alt's file backend in a temp folder).
    """

    backend: Any = None
    allow_insecure: bool = False

    def _backend(self) -> Any:
        import keyring

        backend = self.backend if self.backend is not None else keyring.get_keyring()
        if not self.allow_insecure and not is_secure_keyring(backend):
            raise InsecureKeyring(f"the keyring backend {type(backend).__name__} is not secure")
        return backend

    def store(self, store_id: str, key: bytes) -> None:
        """Put the database key into the keyring."""
        try:
            self._backend().set_password(KEYRING_SERVICE, store_id, key.hex())
        except InsecureKeyring:
            raise
        except Exception as exc:  # keyring backends raise their own error types
            raise KeyUnavailable(
                "the keyring refused to store the key",
                ja="キーリングに鍵を保存できませんでした。",
            ) from exc

    def unlock(self, header: KeyHeader, folder: Path) -> bytes:
        try:
            value = self._backend().get_password(KEYRING_SERVICE, header.store_id)
        except InsecureKeyring:
            raise
        except Exception as exc:
            raise KeyUnavailable("the keyring could not be read", ja="キーリングを読み取れませんでした。") from exc
        if not value:
            raise KeyUnavailable(
                "the keyring has no key for this record store",
                ja="キーリングにこの記録データベースの鍵がありません。回復キーで復旧してください。",
            )
        try:
            key = bytes.fromhex(value)
        except ValueError as exc:
            raise WrongDatabaseKey("the keyring entry is not a database key") from exc
        header.verify_key(key)
        return key


@dataclass(frozen=True)
class PassphraseKeySource:
    """The database key unwrapped with a passphrase the user typed (never from argv)."""

    passphrase: str = field(repr=False)

    def unlock(self, header: KeyHeader, folder: Path) -> bytes:
        if header.passphrase is None:
            raise KeyUnavailable(
                "this record store has no passphrase set",
                ja="この記録データベースにはパスフレーズが設定されていません。",
            )
        assert header.passphrase.scrypt is not None
        kek = _passphrase_kek(self.passphrase, header.passphrase.salt, header.passphrase.scrypt)
        key = _unwrap(kek, header.passphrase, _PASSPHRASE_AAD + header.store_id.encode())
        if key is None:
            raise WrongDatabaseKey("wrong passphrase for this record store")
        header.verify_key(key)
        return key


KEY_FILE_NAME: Final = "records.key"


@dataclass(frozen=True)
class KeyFileKeySource:
    """The database key from the plaintext key file beside the database (explicit opt-in only)."""

    def unlock(self, header: KeyHeader, folder: Path) -> bytes:
        path = folder / KEY_FILE_NAME
        try:
            key = bytes.fromhex(path.read_text(encoding="ascii").strip())
        except FileNotFoundError as exc:
            raise KeyUnavailable("the key file is missing", ja="鍵ファイルが見つかりません。") from exc
        except (OSError, ValueError) as exc:
            raise WrongDatabaseKey(
                "the key file does not hold a database key",
                ja="鍵ファイルの内容がこの記録データベースの鍵ではありません。",
            ) from exc
        header.verify_key(key)
        return key

    @staticmethod
    def write(folder: Path, key: bytes) -> Path:
        path = folder / KEY_FILE_NAME
        write_private(path, key.hex().encode("ascii") + b"\n")
        return path


@dataclass(frozen=True)
class RecoveryKeySource:
    """The database key unwrapped with the recovery key (lost keyring, forgotten passphrase)."""

    recovery: RecoveryKey

    def unlock(self, header: KeyHeader, folder: Path) -> bytes:
        key = unwrap_with_recovery(header.recovery, self.recovery, header.store_id)
        header.verify_key(key)
        return key


# --- the header file --------------------------------------------------------------------------------


def read_header(path: Path) -> KeyHeader:
    """Load ``records.keys``; :class:`CorruptStore` if it is not a key header."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CorruptStore("the key header cannot be read") from exc
    if not isinstance(data, dict):
        raise CorruptStore("the key header is damaged")
    return KeyHeader.from_json(data)


def write_header(path: Path, header: KeyHeader) -> None:
    """Save ``records.keys`` atomically."""
    write_private(path, json.dumps(header.to_json(), indent=2, sort_keys=True).encode("utf-8") + b"\n")


def new_header(
    key: bytes,
    recovery: RecoveryKey,
    mode: KeyMode,
    *,
    passphrase: str | None = None,
    scrypt: ScryptParams | None = None,
    store_id: str | None = None,
) -> KeyHeader:
    """A header for ``key`` in ``mode`` (``passphrase`` needed in passphrase mode)."""
    sid = store_id or str(uuid.uuid4())
    header = KeyHeader(sid, mode, key_check(key), wrap_for_recovery(key, recovery, sid))
    if mode == "passphrase":
        if passphrase is None:
            raise KeyUnavailable("a passphrase is needed", ja="パスフレーズが必要です。")
        header = replace(header, passphrase=wrap_for_passphrase(key, passphrase, sid, scrypt or ScryptParams()))
    return header


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
