"""事務所鍵 — the office's X25519 key pair that remote submissions are encrypted to.

Generated on the desk; only the public key leaves it (to the endpoint, which hands it to the client with
each request, and in the link's ``#k=`` key id). The private key is kept in ``office-key.json`` in the
desk's data folder, wrapped with AES-256-GCM (associated data ``b"kyc-desk office key v1|" + key id``)
under a key-encryption key from one of two sources:

``keyring``
    32 random bytes in the OS keyring (service :data:`KEYRING_SERVICE`, user = key id). Plaintext and
    failing keyring backends are refused with the records layer's rule
    (:func:`kyc_desk.records.keys.is_secure_keyring`) unless ``allow_insecure`` is set (tests only).
``passphrase``
    scrypt of the user's passphrase (salt and cost in the file), as the record store does without a
    keyring.

Lose the private key and pending submissions cannot be opened: they stay on the endpoint until their
request expires, and the quarantine keeps the envelopes (docs/sync-server.md, "Office key").
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from kyc_desk.crypto import hpke, kdf, keywrap
from kyc_desk.crypto.errors import CryptoError, DecryptionFailed
from kyc_desk.records.keys import ScryptParams, is_secure_keyring
from kyc_desk.sync.envelope import encode_public_key, key_id_of
from kyc_desk.sync.errors import OfficeKeyError

FILE_NAME: Final = "office-key.json"
FORMAT: Final = "kyc-desk-office-key/1"
KEYRING_SERVICE: Final = "kyc-desk office key"
_AAD: Final = b"kyc-desk office key v1|"
Mode = Literal["keyring", "passphrase"]


@dataclass(frozen=True)
class KeyProtection:
    """Where the key-encryption key comes from (see the module docstring)."""

    mode: Mode = "keyring"
    passphrase: str | None = None
    scrypt: ScryptParams = field(default_factory=ScryptParams)
    keyring_backend: Any = None
    allow_insecure: bool = False

    def _backend(self) -> Any:
        import keyring

        backend = self.keyring_backend if self.keyring_backend is not None else keyring.get_keyring()
        if not self.allow_insecure and not is_secure_keyring(backend):
            raise OfficeKeyError(
                f"the keyring backend {type(backend).__name__} is not secure; use a passphrase",
                ja="安全なキーリングがありません。パスフレーズで保護してください。",
            )
        return backend

    def _need_passphrase(self) -> str:
        if not self.passphrase:
            raise OfficeKeyError("the office key is protected by a passphrase; none was given",
                                 ja="事務所鍵のパスフレーズが入力されていません。")
        return self.passphrase


@dataclass(frozen=True)
class OfficeKey:
    """The office key pair, unlocked."""

    private_key: hpke.PrivateKey

    @property
    def public_key(self) -> hpke.PublicKey:
        return self.private_key.public_key()

    @property
    def public_text(self) -> str:
        """The public key as the endpoint takes it (43 characters of base64url)."""
        return encode_public_key(self.public_key)

    @property
    def key_id(self) -> str:
        return key_id_of(self.public_key)

    def __repr__(self) -> str:
        return f"OfficeKey({self.key_id})"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not text")
    return base64.b64decode(text, validate=True)


def _scrypt_kek(passphrase: str, salt: bytes, params: ScryptParams) -> bytes:
    return kdf.scrypt(passphrase.encode("utf-8"), salt=salt, length=32, n=params.n, r=params.r, p=params.p)


def create_office_key(folder: Path, protection: KeyProtection) -> OfficeKey:
    """Generate and store a new office key pair in ``folder``; refuses to overwrite an existing one."""
    path = folder / FILE_NAME
    if path.exists():
        raise OfficeKeyError("an office key already exists here; it is never overwritten",
                             ja="事務所鍵は既に存在します。上書きはしません。")
    key = OfficeKey(hpke.generate_private_key())
    raw = hpke.private_key_raw(key.private_key)
    record: dict[str, Any] = {"format": FORMAT, "key_id": key.key_id, "public_key": key.public_text,
                              "mode": protection.mode}
    if protection.mode == "keyring":
        kek = secrets.token_bytes(32)
        try:
            protection._backend().set_password(KEYRING_SERVICE, key.key_id, kek.hex())
        except OfficeKeyError:
            raise
        except Exception as exc:  # keyring backends raise their own types
            raise OfficeKeyError(
                "the keyring refused to store the office key",
                ja="キーリングに事務所の鍵を保存できませんでした。",
            ) from exc
    else:
        salt = secrets.token_bytes(16)
        params = protection.scrypt
        kek = _scrypt_kek(protection._need_passphrase(), salt, params)
        record["salt"] = _b64(salt)
        record["scrypt"] = {"n": params.n, "r": params.r, "p": params.p}
    nonce, wrapped = keywrap.wrap(kek, raw, _AAD + key.key_id.encode("ascii"))
    record["nonce"] = _b64(nonce)
    record["wrapped"] = _b64(wrapped)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        json.dump(record, out, indent=2)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(tmp, 0o600)
    tmp.replace(path)
    return key


def office_key_exists(folder: Path) -> bool:
    return (folder / FILE_NAME).exists()


def read_public_key(folder: Path) -> tuple[str, str]:
    """(public key text, key id) without unlocking anything."""
    record = _read(folder)
    return str(record["public_key"]), str(record["key_id"])


def office_key_mode(folder: Path) -> Mode:
    """How the office key in ``folder`` is protected (``keyring`` or ``passphrase``), as its file says."""
    mode = _read(folder).get("mode")
    if mode not in ("keyring", "passphrase"):
        raise OfficeKeyError("the office key file names no known protection", ja="事務所鍵ファイルの形式が不正です。")
    return "keyring" if mode == "keyring" else "passphrase"


def _read(folder: Path) -> dict[str, Any]:
    path = folder / FILE_NAME
    if not path.exists():
        raise OfficeKeyError("no office key on this desk yet (kyc-desk sync init)",
                             ja="事務所鍵がまだ作成されていません（kyc-desk sync init）。")
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise OfficeKeyError("the office key file is unreadable", ja="事務所の鍵のファイルを読み取れません。") from exc
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise OfficeKeyError("the office key file has an unknown format", ja="事務所の鍵のファイルの形式が不明です。")
    return record


def load_office_key(folder: Path, protection: KeyProtection) -> OfficeKey:
    """Unlock the stored office key; :class:`OfficeKeyError` for a wrong passphrase or missing keyring entry."""
    record = _read(folder)
    key_id = str(record.get("key_id", ""))
    try:
        nonce, wrapped = _unb64(record["nonce"]), _unb64(record["wrapped"])
        if record.get("mode") == "keyring":
            value = protection._backend().get_password(KEYRING_SERVICE, key_id)
            if not value:
                raise OfficeKeyError("the keyring has no entry for the office key",
                                     ja="キーリングに事務所鍵がありません。")
            kek = bytes.fromhex(value)
        else:
            params = ScryptParams(**record["scrypt"])
            kek = _scrypt_kek(protection._need_passphrase(), _unb64(record["salt"]), params)
        raw = keywrap.unwrap(kek, nonce, wrapped, _AAD + key_id.encode("ascii"))
        private_key = hpke.private_key_from_raw(raw)
    except OfficeKeyError:
        raise
    except DecryptionFailed as exc:
        raise OfficeKeyError("the passphrase or keyring entry does not open the office key",
                             ja="パスフレーズが違うか、キーリングの鍵が一致しません。") from exc
    except (KeyError, TypeError, ValueError, CryptoError) as exc:
        raise OfficeKeyError("the office key file is damaged", ja="事務所の鍵のファイルが破損しています。") from exc
    except Exception as exc:  # keyring backends
        raise OfficeKeyError(
            "the keyring could not be read",
            ja="キーリングから事務所の鍵を読み取れませんでした。",
        ) from exc
    key = OfficeKey(private_key)
    if key.key_id != key_id:
        raise OfficeKeyError(
            "the office key file is inconsistent (key id)",
            ja="事務所の鍵のファイルが破損しています（鍵の識別子が一致しません）。",
        )
    return key
