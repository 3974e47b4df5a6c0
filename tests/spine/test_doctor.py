"""``kyc-desk doctor`` passes on a set-up machine and names the fix when something is missing.

Run as a real subprocess with a changed environment: pcscd "stopped" by pointing the PC/SC client
library at a socket where no daemon listens (PCSCLITE_CSOCK_NAME), and "no Japanese font" by an empty
fontconfig configuration (FONTCONFIG_FILE).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def doctor(tmp_path: Path, lang: str = "ja", **env: str) -> tuple[int, dict[str, dict[str, str]], str]:
    environment = {**os.environ, "KYC_DESK_HOME": str(tmp_path / "home"), "KYC_DESK_LANG": lang, **env}
    done = subprocess.run(
        [sys.executable, "-m", "kyc_desk.cli.main", "doctor", "--json"],
        capture_output=True, text=True, env=environment, timeout=120, check=False,
    )
    document = json.loads(done.stdout)
    return done.returncode, {c["name"]: c for c in document["checks"]}, done.stderr


@pytest.mark.pcsc
def test_doctor_passes_on_a_set_up_machine(tmp_path: Path) -> None:
    status, checks, _ = doctor(tmp_path)
    assert set(checks) == {
        "pcsc", "keyring", "sqlcipher", "face_models", "face_engine", "face_cpu", "japanese_font", "data_dir",
        "trust_store",
        "residence_anchors",
    }  # fmt: skip
    assert checks["residence_anchors"]["status"] == "warn"  # no ISA root in a fresh home
    failed = {name: c for name, c in checks.items() if c["status"] == "fail"}
    assert failed == {}
    assert status == 0
    assert checks["pcsc"]["status"] == "ok"  # scripts/test runs pcscd with the virtual readers
    assert "Virtual PCD" in checks["pcsc"]["detail"]


def test_doctor_names_the_fix_when_pcscd_is_stopped(tmp_path: Path) -> None:
    status, checks, _ = doctor(tmp_path, PCSCLITE_CSOCK_NAME=str(tmp_path / "no-pcscd.comm"))
    assert status == 1
    assert checks["pcsc"]["status"] == "fail"
    assert "pcscd" in checks["pcsc"]["fix"]
    assert "起動" in checks["pcsc"]["fix"]


def test_doctor_names_the_fix_in_english(tmp_path: Path) -> None:
    _, checks, _ = doctor(tmp_path, lang="en", PCSCLITE_CSOCK_NAME=str(tmp_path / "no-pcscd.comm"))
    assert checks["pcsc"]["fix"].startswith("Start pcscd")


def test_doctor_names_the_fix_when_no_japanese_font(tmp_path: Path) -> None:
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    status, checks, _ = doctor(tmp_path, FONTCONFIG_FILE=str(config))
    assert status == 1
    assert checks["japanese_font"]["status"] == "fail"
    assert "fonts-ipaexfont-gothic" in checks["japanese_font"]["fix"]


def test_doctor_reports_an_unwritable_data_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    status, checks, _ = doctor(tmp_path, KYC_DESK_HOME=str(blocker))
    assert status == 1
    assert checks["data_dir"]["status"] == "fail"
    assert "KYC_DESK_HOME" in checks["data_dir"]["fix"]



def test_face_models_do_not_need_the_face_recognition_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine calls dlib directly; the set-up no longer installs face_recognition, and doctor agrees."""
    import importlib.util

    from kyc_desk import doctor as doctor_module

    real_find_spec = importlib.util.find_spec

    def hide(missing: str) -> None:
        monkeypatch.setattr(
            importlib.util, "find_spec", lambda name, *args: None if name == missing else real_find_spec(name, *args)
        )

    hide("face_recognition")
    assert doctor_module.check_face_models().status is doctor_module.Status.OK
    hide("dlib")
    finding = doctor_module.check_face_models()
    assert finding.status is doctor_module.Status.FAIL and "dlib" in finding.detail


def test_face_models_are_checked_against_their_recorded_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A model file that differs from the recorded SHA-256 (damaged, replaced, or a package upgrade) fails
    doctor by name; the installed ones match."""
    from kyc_desk import doctor as doctor_module

    assert doctor_module.check_face_models().status is doctor_module.Status.OK
    package, relative, _recorded = doctor_module.FACE_MODEL_FILES[1]
    wrong = (package, relative, "0" * 64)
    monkeypatch.setattr(doctor_module, "FACE_MODEL_FILES", (doctor_module.FACE_MODEL_FILES[0], wrong))
    finding = doctor_module.check_face_models()
    assert finding.status is doctor_module.Status.FAIL
    assert relative in finding.detail and doctor_module.FACE_MODEL_FILES[0][1] not in finding.detail
