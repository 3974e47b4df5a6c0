"""Checks that every component the desk needs is present and working (``kyc-desk doctor``).

Each check is fast (no model is loaded, no card is touched) and returns a :class:`Finding` that says, in
the interface language, what is wrong and how to fix it. The checks import what they test lazily, so one
broken component never hides the others.
"""

from __future__ import annotations

import enum
import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kyc_desk.i18n import tr


class Status(enum.Enum):
    """How a check came out; the value is the JSON name."""

    OK = "ok"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True)
class Finding:
    """The outcome of one check: what it looked at, how it came out, and the fix if any."""

    name: str
    status: Status
    detail: str
    fix: str = ""

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "status": self.status.value, "detail": self.detail, "fix": self.fix}


def check_pcsc() -> Finding:
    """The PC/SC service answers and lists its readers."""
    from kyc_desk.cards.transport.pcsc import list_readers
    from kyc_desk.errors import KycDeskError

    try:
        readers = list_readers()
    except KycDeskError as exc:
        return Finding(
            "pcsc",
            Status.FAIL,
            tr("PC/SC サービスに接続できません。", "The PC/SC service is not reachable.")
            + f" ({type(exc).__name__})",
            _pcsc_fix(),
        )
    if not readers:
        return Finding(
            "pcsc",
            Status.WARN,
            tr(
                "PC/SC サービスは動作していますが、カードリーダーがありません。",
                "PC/SC works, but no reader is connected.",
            ),
            tr("NFC カードリーダーを接続してください。", "Connect an NFC card reader."),
        )
    names = ", ".join(readers)
    return Finding("pcsc", Status.OK, tr(f"リーダー {len(readers)} 台: {names}", f"{len(readers)} reader(s): {names}"))


def _pcsc_fix() -> str:
    if sys.platform.startswith("win"):
        return tr(
            "「サービス」で Smart Card (SCardSvr) を開始してください。",
            "Start the Smart Card service (SCardSvr) in Services.",
        )
    if sys.platform == "darwin":  # pragma: no cover - macOS starts it on demand
        return tr("リーダーを接続し直してください。", "Reconnect the reader.")
    return tr(
        "pcscd を起動してください（例: sudo systemctl start pcscd、または sudo pcscd）。"
        "未インストールなら sudo apt-get install pcscd。",
        "Start pcscd (e.g. `sudo systemctl start pcscd`, or `sudo pcscd`); "
        "if it is not installed: `sudo apt-get install pcscd`.",
    )


def check_keyring() -> Finding:
    """A keyring backend is present and keeps secrets encrypted (the records layer's rule)."""
    import keyring

    from kyc_desk.records.keys import is_secure_keyring

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    if not is_secure_keyring(backend):
        return Finding(
            "keyring",
            Status.WARN,
            tr(f"安全なキーリングがありません（{name}）。", f"No secure keyring ({name})."),
            tr(
                "データベースの鍵はパスフレーズから作られます（起動時に入力）。OS のキーリング"
                "（Windows 資格情報マネージャー、macOS キーチェーン、Secret Service）を使うと入力は不要です。",
                "The database key will be derived from a passphrase typed at start-up. With the OS keyring "
                "(Windows Credential Manager, macOS Keychain, Secret Service) no passphrase is needed.",
            ),
        )
    return Finding("keyring", Status.OK, tr(f"キーリング: {name}", f"keyring: {name}"))


def check_sqlcipher() -> Finding:
    """SQLCipher is importable and encrypts."""
    try:
        import sqlcipher3

        conn = sqlcipher3.connect(":memory:")
        try:
            conn.execute("PRAGMA key = 'doctor'")
            row = conn.execute("PRAGMA cipher_version").fetchone()
        finally:
            conn.close()
    except Exception as exc:  # any failure here means the component is unusable
        return Finding(
            "sqlcipher",
            Status.FAIL,
            tr("SQLCipher を利用できません。", "SQLCipher is not available.") + f" ({type(exc).__name__})",
            tr("scripts/setup を実行し直してください（sqlcipher3）。", "Re-run scripts/setup (sqlcipher3)."),
        )
    if not row or not row[0]:
        return Finding(
            "sqlcipher",
            Status.FAIL,
            tr("sqlcipher3 が暗号化に対応していません。", "sqlcipher3 was built without encryption."),
            tr("sqlcipher3 を入れ直してください。", "Reinstall sqlcipher3."),
        )
    return Finding("sqlcipher", Status.OK, f"SQLCipher {row[0]}")


#: Model files the face engine loads, by package: (package, relative path, SHA-256 of the file as the pinned
#: package ships it). A frozen build bundles the same files (installers/kyc-desk.spec); a changed hash means
#: a damaged or substituted model, or a package upgrade whose models must be re-checked before it ships.
FACE_MODEL_FILES: tuple[tuple[str, str, str], ...] = (
    ("face_recognition_models", "models/dlib_face_recognition_resnet_model_v1.dat",
     "55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30"),
    ("face_recognition_models", "models/shape_predictor_5_face_landmarks.dat",
     "c4b1e9804792707d3a405c2c16a80a20269e6675021f64a41d30fffafbc41888"),
    ("mediapipe", "modules/face_detection/face_detection_short_range.tflite",
     "bbff11cebd1eb27a1e004cae0b0e63ec8c551cbf34a4451148b4908b8db3eca8"),
    ("mediapipe", "modules/face_landmark/face_landmark_with_attention.tflite",
     "e06a804e0144f9929eda782122916b35d60c697c3c9344013ca2bbe76a6ce2b4"),
)


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_face_models() -> Finding:
    """The face models ship with their packages (nothing is downloaded at run time), and are the files
    recorded in :data:`FACE_MODEL_FILES` (checked by SHA-256)."""
    missing, changed = [], []
    for package, relative, sha256 in FACE_MODEL_FILES:
        folder = _package_dir(package)
        if folder is None or not (folder / relative).is_file():
            missing.append(f"{package}/{relative}")
        elif _sha256(folder / relative) != sha256:
            changed.append(f"{package}/{relative}")
    if importlib.util.find_spec("dlib") is None:  # the engine calls dlib directly (faces/models.py)
        missing.append("dlib (dlib-bin)")
    if missing:
        return Finding(
            "face_models",
            Status.FAIL,
            tr("顔照合のモデルがありません: ", "Face models missing: ") + ", ".join(missing),
            tr("scripts/setup を実行し直してください。", "Re-run scripts/setup."),
        )
    if changed:
        return Finding(
            "face_models",
            Status.FAIL,
            tr("顔照合のモデルが記録と一致しません（破損または差し替え）: ",
               "Face models differ from the recorded ones (damaged or replaced): ") + ", ".join(changed),
            tr("本人確認デスクを入れ直してください。", "Reinstall KYC Desk."),
        )
    return Finding("face_models", Status.OK,
                   tr(f"顔照合モデルあり（{len(FACE_MODEL_FILES)} 件、SHA-256 一致）",
                      f"face models present ({len(FACE_MODEL_FILES)}, SHA-256 as recorded)"))


def check_face_cpu() -> Finding:
    """The processor runs the instructions the installed dlib was built for (AVX on x86-64): dlib would
    otherwise die of an illegal instruction at the first comparison (kyc_desk/faces/cpu.py)."""
    from kyc_desk.faces import cpu

    lacking = cpu.missing()
    if lacking:
        names = ", ".join(name.upper() for name in lacking)
        return Finding(
            "face_cpu",
            Status.FAIL,
            tr(f"CPU が {names} 命令に対応していないため、顔照合エンジンは動きません",
               f"the processor lacks {names}: the face engine cannot run"),
            tr("顔写真は目視で確認してください（AVX 対応の PC なら照合できます）。",
               "Compare faces by eye (a PC with AVX can run the engine)."),
        )
    return Finding("face_cpu", Status.OK, tr("CPU は顔照合エンジンに対応", "processor supports the face engine"))


def japanese_fonts() -> list[str]:
    """Font families with Japanese coverage, as fontconfig lists them (empty without fontconfig)."""
    if shutil.which("fc-list") is None:
        return []
    out = subprocess.run(
        ["fc-list", ":lang=ja", "family"], capture_output=True, text=True, check=False, timeout=20
    ).stdout
    return sorted({line.split(",")[0].strip() for line in out.splitlines() if line.strip()})


def check_japanese_font() -> Finding:
    """A font with Japanese glyphs is installed (without one, the window shows empty boxes)."""
    if sys.platform.startswith("win") or sys.platform == "darwin":
        return Finding("japanese_font", Status.OK, tr("OS 標準の日本語フォント", "the system's Japanese fonts"))
    fonts = japanese_fonts()
    if not fonts:
        return Finding(
            "japanese_font",
            Status.FAIL,
            tr("日本語フォントがありません。", "No Japanese font is installed."),
            tr(
                "sudo apt-get install fonts-ipaexfont-gothic を実行してください。",
                "Run `sudo apt-get install fonts-ipaexfont-gothic`.",
            ),
        )
    return Finding("japanese_font", Status.OK, ", ".join(fonts[:3]))


def check_data_dir() -> Finding:
    """The desk's folders can be created and written."""
    from kyc_desk.paths import desk_paths

    paths = desk_paths()
    try:
        paths.ensure()
        probe = paths.data / ".doctor-probe"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        return Finding(
            "data_dir",
            Status.FAIL,
            tr("データフォルダに書き込めません: ", "Cannot write the data folder: ") + str(paths.data),
            tr("フォルダの権限を確認するか、KYC_DESK_HOME で別の場所を指定してください。",
               "Check the folder's permissions, or choose another place with KYC_DESK_HOME.")
            + f" ({exc.strerror})",
        )
    return Finding("data_dir", Status.OK, str(paths.data))


def check_trust_store() -> Finding:
    """The trust folder loads; the shipped JPKI roots are there (fingerprints to compare with J-LIS's list)."""
    from kyc_desk.verify.errors import TrustStoreInvalid
    from kyc_desk.verify.trust import load_trust_store, trust_dir

    try:
        store = load_trust_store()
    except TrustStoreInvalid as exc:
        return Finding(
            "trust_store", Status.FAIL, exc.user_text(),
            tr(f"{trust_dir()} の該当ファイルを直すか取り除いてください（kyc-desk trust list）。",
               f"Fix or remove that file in {trust_dir()} (kyc-desk trust list)."),
        )  # fmt: skip
    shipped = [ca.fingerprint for ca in store.certificates if ca.source == "shipped"]
    installed = len(store.certificates) - len(shipped) + len(store.cvc_issuers)
    prints = ", ".join(f"{fp[:8]}…{fp[-8:]}" for fp in shipped)
    detail = tr(
        f"同梱のJPKI署名用CA {len(shipped)}件（SHA-256 {prints}）、追加 {installed}件、失効リスト {len(store.crls)}件",
        f"{len(shipped)} shipped JPKI signature CA roots (SHA-256 {prints}), {installed} installed, "
        f"{len(store.crls)} CRLs",
    )
    full = tr("（全指紋: kyc-desk trust list）", " (full: kyc-desk trust list)")
    return Finding("trust_store", Status.OK, detail + full)


def check_residence_anchors() -> Finding:
    """A production residence-card root (one of ISA's pinned fingerprints) is installed, else residence card
    check codes can only read "untrusted"."""
    from kyc_desk.verify.errors import TrustStoreInvalid
    from kyc_desk.verify.residence_anchors import installed_production_anchors
    from kyc_desk.verify.trust import load_trust_store

    try:
        store = load_trust_store()
    except TrustStoreInvalid as exc:
        return Finding("residence_anchors", Status.FAIL, exc.user_text())
    found = installed_production_anchors([ca.der for ca in store.certificates])
    if not found:
        return Finding(
            "residence_anchors", Status.WARN,
            tr("在留カード等の発行者証明書（出入国在留管理庁のルート証明書）が登録されていません。"
               "在留カード等のチェックコードは「未確認の発行者」になります。",
               "No residence-card root (ISA's ZairyuCard CA / CA2) is installed: residence card check codes "
               "read 'untrusted issuer'."),
            tr("出入国在留管理庁が公表するルート証明書（ZIP可）を kyc-desk trust add で登録してください。",
               "Install ISA's published root certificates (or their ZIP archive) with kyc-desk trust add."),
        )  # fmt: skip
    labels = ", ".join(pin.label for pin in found)
    return Finding("residence_anchors", Status.OK, tr(f"登録済み: {labels}", f"installed: {labels}"))


CHECKS: tuple[Callable[[], Finding], ...] = (
    check_pcsc,
    check_keyring,
    check_sqlcipher,
    check_face_models,
    check_face_cpu,
    check_japanese_font,
    check_data_dir,
    check_trust_store,
    check_residence_anchors,
)


def run_checks() -> list[Finding]:
    """Run every check; a check that crashes is itself reported as a failure, never raised."""
    findings = []
    for check in CHECKS:
        name = check.__name__.removeprefix("check_")
        try:
            findings.append(check())
        except Exception as exc:
            findings.append(
                Finding(name, Status.FAIL, tr("確認中にエラー: ", "error while checking: ") + type(exc).__name__)
            )
    return findings


def environment_summary() -> dict[str, str]:
    """Non-personal facts about the installation, for support."""
    from kyc_desk import __version__

    return {"version": __version__, "python": sys.version.split()[0], "platform": sys.platform,
            "home_override": "yes" if os.environ.get("KYC_DESK_HOME") else "no"}
