"""Checks that every component the desk needs is present and working (``kyc-desk doctor``).

Each check is fast (no model is loaded; a card on a reader only answers the SELECTs of card detection, never
a PIN) and returns a :class:`Finding` that says, in the interface language, what is wrong and how to fix
it. The checks import what they test lazily, so one broken component never hides the others.
"""

from __future__ import annotations

import enum
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kyc_desk.faces.model_files import MODEL_FILES, ModelFile
from kyc_desk.i18n import tr

if TYPE_CHECKING:
    from kyc_desk.cards.survey import ReaderSurvey


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
    #: Structured findings for ``doctor --json`` (only checks that have them, e.g. pcsc's readers).
    data: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        document: dict[str, object] = {
            "name": self.name, "status": self.status.value, "detail": self.detail, "fix": self.fix
        }
        if self.data:
            document["data"] = self.data
        return document


def check_pcsc() -> Finding:
    """The PC/SC service answers; each reader is named by its family (:mod:`kyc_desk.cards.transport.readers`)
    and a card on it by its kind, with the desk's own detection (SELECT only: no PIN, no personal data; see
    :mod:`kyc_desk.cards.survey`). ``data["readers"]`` carries the same for ``doctor --json``."""
    from kyc_desk.cards.survey import survey_readers
    from kyc_desk.errors import KycDeskError

    try:
        surveys = survey_readers()
    except KycDeskError as exc:
        return Finding(
            "pcsc",
            Status.FAIL,
            tr("PC/SC サービスに接続できません。", "The PC/SC service is not reachable.")
            + f" ({type(exc).__name__})",
            _pcsc_fix(),
        )
    hints = _hidden_reader_hints(surveys)
    data: dict[str, object] = {"readers": [_reader_json(s) for s in surveys], "hints": hints}
    if not surveys:
        return Finding(
            "pcsc",
            Status.WARN,
            tr(
                "PC/SC サービスは動作していますが、カードリーダーがありません。",
                "PC/SC works, but no reader is connected.",
            ),
            " ".join(hints) or tr("NFC カードリーダーを接続してください。", "Connect an NFC card reader."),
            data,
        )
    lines = [tr(f"リーダー {len(surveys)} 台:", f"{len(surveys)} reader(s):")]
    lines += [f"- {_reader_line(s)}" for s in surveys]
    fixes = _reader_fixes(surveys) + hints
    return Finding("pcsc", Status.WARN if fixes else Status.OK, "\n".join(lines), " ".join(fixes), data)


def _card_text(survey: ReaderSurvey) -> str:
    from kyc_desk.cards.survey import CardState

    state = survey.state
    if state is CardState.DETECTED and survey.kind is not None:
        return tr(f"{survey.kind.label()}を検出しました", f"{survey.kind.label()} detected")
    return {
        CardState.ABSENT: tr("カードなし（読み取りの準備ができています）", "no card (ready to read)"),
        CardState.UNKNOWN: tr(
            "カードを検出しましたが、対応する種類ではありません（マイナンバーカード・運転免許証・在留カード・特別永住者証明書のいずれでもありません）",
            "a card is present, but not of a kind the desk reads (not a My Number card, driver's licence, "
            "residence card or special permanent resident certificate)",
        ),
        CardState.IN_USE: tr("カードは他のプログラムが使用中です（種類は確認していません）",
                             "the card is in use by another program (its kind was not checked)"),
        CardState.MUTE: tr("カードが応答しません", "the card does not answer"),
        CardState.ERROR: tr(f"カードを確認できませんでした（{survey.reason}）",
                            f"the card could not be checked ({survey.reason})"),
        CardState.NOT_PROBED: tr("SAM スロット（本人確認書類用ではありません）", "SAM slot (not for identity cards)"),
    }[state]


def _reader_line(survey: ReaderSurvey) -> str:
    family = survey.match.label() if survey.match else tr("機種不明のリーダー", "unrecognised reader")
    return tr(f"{family} 「{survey.name}」 — ", f'{family} "{survey.name}" — ') + _card_text(survey)


def _reader_fixes(surveys: list[ReaderSurvey]) -> list[str]:
    """What to do about what the survey found (empty when all is well)."""
    from kyc_desk.cards.survey import CardState
    from kyc_desk.cards.transport.readers import Interface, Slot

    fixes = []
    # real card slots only: a test machine's virtual readers read nothing an office brings
    card_slots = [s for s in surveys
                  if s.match is None or (s.match.slot is Slot.CARD and s.match.interface is not Interface.VIRTUAL)]
    if card_slots and all(s.match is not None and s.match.interface is Interface.CONTACT for s in card_slots):
        fixes.append(tr(
            "接触型リーダーでは運転免許証・在留カード・特別永住者証明書は読めません（マイナンバーカードのみ）。"
            "非接触リーダー（Sony RC-S300、ACS ACR1252U など）を接続してください。",
            "A contact reader cannot read driver's licences, residence cards or special permanent resident "
            "certificates (only My Number cards): connect a contactless reader (Sony RC-S300, ACS ACR1252U…).",
        ))
    states = {s.state for s in surveys}
    if CardState.UNKNOWN in states:
        fixes.append(tr("本人確認書類（マイナンバーカード・運転免許証・在留カード）を置いてください。",
                        "Put an identity card (My Number card, driver's licence, residence card) on the reader."))
    if CardState.MUTE in states or CardState.ERROR in states:
        fixes.append(tr("カードを置き直してください。", "Put the card on the reader again."))
    return fixes


def _hidden_reader_hints(surveys: list[ReaderSurvey]) -> list[str]:
    """Linux: a known reader on USB that pcscd does not list (only virtual readers, or none). A hint only:
    the USB id says the reader is plugged in, not why pcscd cannot use it."""
    from kyc_desk.cards.transport.readers import Interface, sysfs_usb_devices, usb_readers_present

    if not sys.platform.startswith("linux"):
        return []
    if any(s.match is None or s.match.interface is not Interface.VIRTUAL for s in surveys):
        return []
    return [f.hidden_hint.text() for f in usb_readers_present(sysfs_usb_devices()) if f.hidden_hint]


def _reader_json(survey: ReaderSurvey) -> dict[str, object]:
    match = survey.match
    return {
        "name": survey.name,
        "family": match.family.key if match else None,
        "label": match.label() if match else None,
        "interface": match.interface.value if match else None,
        "slot": match.slot.value if match else None,
        "reads": list(match.reads) if match else None,
        "driver": match.family.driver_note(sys.platform) if match else "",
        "card": survey.state.value,
        "card_kind": survey.kind.value if survey.kind else None,
        "message": _card_text(survey),
    }


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


#: The model files the face engine loads, with their recorded SHA-256 (the table lives with the engine:
#: :data:`kyc_desk.faces.model_files.MODEL_FILES`, which the engine checks before it loads a model and the
#: frozen build bundles). Entries unpack as (package, relative path, SHA-256).
FACE_MODEL_FILES: tuple[ModelFile, ...] = MODEL_FILES


def check_face_models() -> Finding:
    """The face models ship with their packages (nothing is downloaded at run time), and are the files
    recorded in :data:`FACE_MODEL_FILES`: every file is hashed here (no cache), and each one that differs
    is named."""
    from kyc_desk.faces.model_files import ModelFile, check_model_files

    report = check_model_files(ModelFile(*entry) for entry in FACE_MODEL_FILES)
    missing, changed = list(report.missing), list(report.changed)
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
            tr("本人確認デスクを入れ直してください。顔照合はそれまで行われません。",
               "Reinstall KYC Desk; face matching is refused until then."),
        )
    return Finding("face_models", Status.OK,
                   tr(f"顔照合モデルあり（{report.checked} 件、SHA-256 一致）",
                      f"face models present ({report.checked}, SHA-256 as recorded)"))


def check_face_engine() -> Finding:
    """The face-match engine the settings choose (``face_engine``), its version, and its model files with
    their SHA-256 as recorded with the engine (an unknown name fails: it is never replaced by another)."""
    from kyc_desk.errors import ConfigError
    from kyc_desk.faces.engine import engine_version, selected_engine

    try:
        engine = selected_engine()
    except ConfigError as exc:
        return Finding("face_engine", Status.FAIL, exc.user_text(),
                       tr("設定ファイルの face_engine を直すか消してください。",
                          "Correct or remove face_engine in the settings file."))
    from kyc_desk.faces.model_files import check_model_files

    files = [f"{f.name} {f.sha256[:12]}" for f in engine.model_files]
    report = check_model_files(engine.model_files)
    bad = [label.rsplit("/", 1)[-1] for label in (*report.missing, *report.changed)]
    summary = f"{engine.key} ({engine_version(engine.name)}); " + ", ".join(files)
    if bad:
        return Finding("face_engine", Status.FAIL,
                       tr("顔照合エンジンのモデルが記録と一致しません: ",
                          "The face engine's models differ from the record: ") + ", ".join(bad) + f" — {summary}",
                       tr("本人確認デスクを入れ直してください。", "Reinstall KYC Desk."))
    return Finding("face_engine", Status.OK, tr("顔照合エンジン: ", "face engine: ") + summary
                   + tr("（SHA-256 一致）", " (SHA-256 as recorded)"))


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
    check_face_engine,
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
