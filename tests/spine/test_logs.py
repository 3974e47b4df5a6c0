"""The log guard keeps personal data out of the log file."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kyc_desk import logs


@pytest.mark.parametrize(
    ("secret", "kind"),
    [
        ("山田 太郎", "‹text›"),
        ("東京都千代田区霞が関一丁目1番1号", "‹text›"),
        ("ヤマダタロウ", "‹text›"),
        ("1961-08-04", "‹number›"),
        ("19610804", "‹number›"),
        ("1234", "‹number›"),  # a PIN
        ("123456789012", "‹number›"),  # what an individual number looks like
        ("AB12345678CD", "‹number›"),  # a residence card number
        ("taro.yamada@example.jp", "‹email›"),
        ("30 31 32 33 34 35 36 37 38 39", "‹hex›"),
        ("0123456789ABCDEF0123", "‹hex›"),
    ],
)
def test_scrub_removes_personal_values(secret: str, kind: str) -> None:
    line = logs.scrub(f"read holder {secret} from card")
    assert secret not in line
    assert "read holder" in line


def test_log_file_never_receives_personal_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path))
    logger = logging.getLogger("kyc_desk")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    log = logs.setup_logging()
    try:
        log.info("saving verification for %s born %s", "山田 太郎", "1961-08-04")
        try:
            raise ValueError("bad PIN 1234 for 山田")
        except ValueError:
            log.exception("failure")
        for handler in log.handlers:
            handler.flush()
        text = (tmp_path / "logs" / logs.LOG_FILE_NAME).read_text(encoding="utf-8")
    finally:
        for handler in list(logger.handlers):
            handler.close()
            logger.removeHandler(handler)
    assert "saving verification for ‹text› born ‹number›" in text
    assert "Traceback" in text  # the traceback is kept for support ...
    for secret in ("山田", "太郎", "1961", "1234"):
        assert secret not in text  # ... but scrubbed


def test_setup_logging_is_idempotent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path))
    logger = logging.getLogger("kyc_desk")
    before = len(logger.handlers)
    logs.setup_logging()
    logs.setup_logging()
    try:
        assert len(logger.handlers) <= before + 1
    finally:
        for handler in list(logger.handlers):
            handler.close()
            logger.removeHandler(handler)
