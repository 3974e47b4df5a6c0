"""User settings (設定): a small JSON file in the platform's config folder, readable without Qt.

The file is ``desk_paths().config / "settings.json"`` (``KYC_DESK_HOME`` moves it with everything else).
It holds preferences only, never personal data: the interface language, the operator's display name
(who did the check, recorded with each verification), where the window was on each screen and the camera
choice.

Why not ``QSettings``: the CLI and lower layers read the same preferences (e.g. the language) without a
``QApplication``, and a plain JSON file is easy to inspect and back up with the desk's data.

Unknown keys are kept on save, so an older desk does not drop a newer desk's preferences. A damaged
file is reported as :class:`~kyc_desk.errors.ConfigError` rather than silently replaced, because
overwriting it would lose the user's choices; the window offers to reset it.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Final

from kyc_desk.errors import ConfigError
from kyc_desk.i18n import LANGUAGES, Lang
from kyc_desk.paths import desk_paths

log = logging.getLogger(__name__)

SETTINGS_FILE: Final = "settings.json"


#: An operator's role in the office: the 司法書士, or a 補助者 (assistant) who may record but is told apart.
OPERATOR_ROLES: Final = ("scrivener", "assistant")


@dataclass(frozen=True)
class Operator:
    """One of the office's operators (事務所の担当者), chosen as 確認者 or 記録作成者."""

    name: str
    role: str = "scrivener"

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "role": self.role}


@dataclass(frozen=True)
class Settings:
    """設定 — the desk's preferences.

    ``language``: interface language, applied when the window starts (a change takes effect on the next
    start). ``operator``: the name recorded as the person who checked (確認を行った者). ``window_placement``:
    the window's rectangle per screen (JSON object; read and validated by ``kyc_desk.ui.models.placement``,
    where a malformed entry only costs the window its remembered place). ``camera``: ``""`` for the system
    default camera. ``ocsp_url``: the OCSP responder for JPKI revocation checks (a platform operator's;
    ``""`` = none, docs/trust-store.md), ``ocsp_client_certificate``: a PEM file with the client
    certificate and key that responder wants. ``operators``: the office's operators (司法書士 and 補助者),
    from whom the window and the CLI choose 確認者 and 記録作成者. ``office_name``/``office_address``: printed on
    every exported 本人確認記録. ``signing_module``, ``signing_token``, ``signing_key``: the vendor's PKCS#11
    module, the token label and the key label of the scrivener's signing certificate for signed PDFs
    (docs/export-pdf.md). ``face_engine``: the face-match engine (``kyc_desk.faces.engine``; ``""`` = the
    default, dlib's ResNet); set in the file only, no window offers it.
    """

    language: Lang = "ja"
    operator: str = ""
    camera: str = ""
    ocsp_url: str = ""
    ocsp_client_certificate: str = ""
    operators: tuple[Operator, ...] = ()
    office_name: str = ""
    office_address: str = ""
    signing_module: str = ""
    signing_token: str = ""
    signing_key: str = ""
    face_engine: str = ""
    window_placement: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def but(self, **changes: Any) -> Settings:
        """A copy with some preferences changed."""
        return replace(self, **changes)

    def revocation_options(self) -> dict[str, str]:
        """The keyword arguments of :func:`kyc_desk.verify.revocation_ocsp.desk_revocation`."""
        return {"ocsp_url": self.ocsp_url, "ocsp_client_certificate": self.ocsp_client_certificate}


_KNOWN: Final = tuple(f.name for f in fields(Settings) if f.name != "extra")
#: The settings that are plain text (read and checked alike).
_TEXT: Final = tuple(f.name for f in fields(Settings) if f.type == "str")
#: Keys of earlier versions that are dropped on reading: ``window_geometry`` was Qt's one-rectangle blob,
#: replaced by ``window_placement`` (per screen).
_RETIRED: Final = ("window_geometry",)


def settings_path() -> Path:
    """Where the settings file lives for this process."""
    return desk_paths().config / SETTINGS_FILE


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings; a missing file gives the defaults."""
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(
            "The settings file cannot be read.",
            ja="設定ファイルを読み込めません。",
        ) from exc
    if not isinstance(raw, dict):
        raise ConfigError("The settings file is not a JSON object.", ja="設定ファイルの形式が正しくありません。")
    language = raw.get("language", "ja")
    if language not in LANGUAGES:
        raise ConfigError("The settings file names an unknown language.", ja="設定ファイルの言語指定が不正です。")
    values: dict[str, Any] = {"language": language}
    for name in _TEXT:
        value = raw.get(name, "")
        if not isinstance(value, str):
            raise ConfigError(f"The setting {name!r} must be text.", ja="設定ファイルの値が不正です。")
        values[name] = value
    values["operators"] = _operators(raw.get("operators", []))
    placement = raw.get("window_placement", {})
    if not isinstance(placement, dict):
        log.warning("ignoring a malformed window placement")  # only the window's position is lost
        placement = {}
    values["window_placement"] = placement
    extra = {key: value for key, value in raw.items() if key not in _KNOWN and key not in _RETIRED}
    return Settings(**values, extra=extra)


def _operators(raw: Any) -> tuple[Operator, ...]:
    """The operators list as stored: ``[{"name": …, "role": "scrivener"|"assistant"}, …]``."""
    if not isinstance(raw, list):
        raise ConfigError("The setting 'operators' must be a list.", ja="設定ファイルの担当者一覧が不正です。")
    found: list[Operator] = []
    for item in raw:
        name = item.get("name") if isinstance(item, dict) else None
        role = item.get("role", "scrivener") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name.strip() or role not in OPERATOR_ROLES:
            raise ConfigError("An operator in the settings is malformed.", ja="設定ファイルの担当者一覧が不正です。")
        found.append(Operator(name.strip(), role))
    return tuple(found)


def saved_office_name() -> str:
    """The office name from the settings file, for pre-filling a mail's sender (``""`` when none is set or
    the file cannot be read: a form's default must never stop the form from opening)."""
    try:
        return load_settings().office_name
    except ConfigError:
        return ""


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically (a crash mid-write leaves the old file intact)."""
    path = path or settings_path()
    data = {**settings.extra, **{name: getattr(settings, name) for name in _KNOWN}}
    data["operators"] = [o.to_json() for o in settings.operators]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=2, sort_keys=True)
        os.replace(tmp, path)
    except OSError as exc:
        raise ConfigError("The settings file cannot be written.", ja="設定ファイルを保存できません。") from exc
    log.info("settings saved")
