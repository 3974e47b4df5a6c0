"""`kyc-desk readers`: list, --json, --watch with --count/--timeout, and pcscd down."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from kyc_desk.cli.main import main
from kyc_desk_testkit.softcard.registry import build_card

pytestmark = pytest.mark.pcsc


def test_list_json_names_the_card_kind(vpcd_slot, capsys):
    soft = vpcd_slot.insert(build_card("minimal-residence"))
    assert main(["readers", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    row = next(r for r in document["readers"] if r["name"] == vpcd_slot.reader)
    assert row == {
        "name": vpcd_slot.reader,
        "reader_family": "virtual",
        "reader_label": "仮想リーダー（テスト用）",
        "card_present": True,
        "card_type": "residence_card",
        "card_label": "在留カード",
        "atr": soft.atr.hex().upper(),
    }
    assert soft.verify_attempts == 0 and soft.verify_queries == 0


def test_list_text_in_english(vpcd_slot, capsys):
    vpcd_slot.insert(build_card("minimal-mynumber"))
    assert main(["--lang", "en", "readers"]) == 0
    assert f"{vpcd_slot.reader}: My Number card" in capsys.readouterr().out.splitlines()


def test_watch_prints_json_lines_until_interrupted(vpcd_slot):
    proc = subprocess.Popen(
        [sys.executable, "-m", "kyc_desk.cli.main", "readers", "--watch", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = json.loads(proc.stdout.readline())
        assert first["event"] == "reader_added"
        vpcd_slot.insert(build_card("minimal-licence"))
        while True:
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else ""
            event = json.loads(line)
            if event["event"] == "card_inserted" and event["reader"] == vpcd_slot.reader:
                break
        assert event["card_type"] == "driver_licence"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) in (0, 130)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_watch_stops_after_count(capsys):
    assert main(["readers", "--watch", "--json", "--count", "1"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["event"] == "reader_added"


def test_watch_stops_at_timeout(capsys):
    assert main(["readers", "--watch", "--timeout", "0.5"]) == 0


def test_pcscd_down_is_one_line_with_the_fix_and_exit_1(tmp_path):
    env = dict(os.environ, PCSCLITE_CSOCK_NAME=str(tmp_path / "none.comm"), KYC_DESK_LANG="en")
    result = subprocess.run(
        [sys.executable, "-m", "kyc_desk.cli.main", "readers"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "pcscd" in result.stderr and "start" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_card_held_by_another_program_is_reported_busy(vpcd_slot, capsys):
    vpcd_slot.insert(build_card("minimal-mynumber"))
    vpcd_slot.connect()  # exclusive, as a reading desk holds it
    assert main(["readers", "--json"]) == 0
    row = next(r for r in json.loads(capsys.readouterr().out)["readers"] if r["name"] == vpcd_slot.reader)
    assert row["card_present"] is True and row["card_type"] == "busy"


def test_watch_with_pcscd_down_is_one_line_and_exit_1(tmp_path):
    env = dict(os.environ, PCSCLITE_CSOCK_NAME=str(tmp_path / "none.comm"), KYC_DESK_LANG="ja")
    result = subprocess.run(
        [sys.executable, "-m", "kyc_desk.cli.main", "readers", "--watch", "--timeout", "20"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "pcscd" in result.stderr and "起動" in result.stderr
