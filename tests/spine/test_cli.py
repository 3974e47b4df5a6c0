"""The ``kyc-desk`` command: version, help, error handling, settings folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kyc_desk import __version__
from kyc_desk.cli import main as cli
from kyc_desk.errors import KycDeskError
from kyc_desk.paths import desk_paths


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"kyc-desk {__version__}"


def test_every_registered_command_builds() -> None:
    parser = cli.build_parser()
    help_text = parser.format_help()
    assert "doctor" in help_text


def test_console_script_is_installed() -> None:
    exe = Path(sys.executable).with_name("kyc-desk")
    done = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    assert __version__ in done.stdout


def test_a_desk_error_is_one_line_in_japanese(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> list[object]:
        raise KycDeskError("the card was removed", ja="カードが取り外されました。")

    monkeypatch.setattr("kyc_desk.doctor.run_checks", broken)
    assert cli.main(["doctor"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err == "kyc-desk: カードが取り外されました。\n"


def test_a_bug_shows_no_traceback(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def buggy() -> list[object]:
        raise ZeroDivisionError("secret 山田")

    monkeypatch.setattr("kyc_desk.doctor.run_checks", buggy)
    assert cli.main(["--lang", "en", "doctor"]) == cli.EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "Traceback" not in err and "山田" not in err
    assert "internal error" in err


def test_home_override_moves_every_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "portable"))
    paths = desk_paths().ensure()
    for folder in (paths.config, paths.data, paths.logs, paths.cache):
        assert folder.is_dir()
        assert folder.is_relative_to(tmp_path / "portable")
        if os.name == "posix":
            assert folder.stat().st_mode & 0o077 == 0


def test_default_folders_follow_the_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KYC_DESK_HOME", raising=False)
    paths = desk_paths()
    if sys.platform.startswith("linux"):
        assert paths.config == Path(os.path.expanduser("~/.config/kyc-desk"))
        assert paths.data == Path(os.path.expanduser("~/.local/share/kyc-desk"))
