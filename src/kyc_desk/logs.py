"""Logging: a rotating log file in the data folder, scrubbed of personal data.

Logs are kept for support and travel by e-mail, so they must never carry what the desk protects: names
and addresses (in Japanese, any non-ASCII text), dates of birth, card and document numbers, PINs, e-mail
addresses, raw card data. Code should not log such values in the first place; :class:`ScrubbingFormatter`
is the guard behind that rule. It rewrites the *formatted* text, tracebacks included, so nothing slips
through ``%r`` of an object or an exception message:

- any run of non-ASCII characters (with the spaces inside it) → ``‹text›``
- e-mail addresses → ``‹email›``
- numbers with four or more digits, also when split by ``-``, ``/``, ``.``, ``:`` or spaces
  (dates, PINs, card numbers, phone numbers) → ``‹number›``
- hex dumps: eight or more bytes, spaced or not → ``‹hex›``

Log messages are therefore written in English, and identifiers worth logging are short (record ids are
small integers or UUID prefixes).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path
from typing import Final

from kyc_desk.paths import desk_paths

LOG_FILE_NAME: Final = "kyc-desk.log"
_MAX_BYTES: Final = 2 * 1024 * 1024
_BACKUPS: Final = 5

_SCRUBBERS: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"[^\x00-\x7F]+(?:\s+[^\x00-\x7F]+)*"), "‹text›"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "‹email›"),
    (re.compile(r"\b(?:[0-9A-Fa-f]{2}[ :]?){8,}"), "‹hex›"),
    (re.compile(r"\d(?:[\s\-/.:]?\d){3,}"), "‹number›"),
)


def scrub(text: str) -> str:
    """Remove anything that could be personal data from a log line."""
    for pattern, replacement in _SCRUBBERS:
        text = pattern.sub(replacement, text)
    return text


class ScrubbingFormatter(logging.Formatter):
    """A formatter whose output, traceback included, has passed through :func:`scrub`.

    The time stamp is added after scrubbing, so it survives.
    """

    def __init__(self) -> None:
        super().__init__("%(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        body = scrub(super().format(record))
        return f"{self.formatTime(record, '%Y-%m-%dT%H:%M:%S')} {body}"


def log_file() -> Path:
    """The current log file's path."""
    return desk_paths().logs / LOG_FILE_NAME


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files (the current one and each new one after a rotation) are 0600."""

    def _open(self):  # type: ignore[no-untyped-def]
        os.close(os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        os.chmod(self.baseFilename, 0o600)
        return super()._open()


def setup_logging(level: int = logging.INFO) -> logging.Logger:
    """Send the ``kyc_desk`` loggers to the rotating, scrubbed log file (idempotent)."""
    logger = logging.getLogger("kyc_desk")
    if any(isinstance(h.formatter, ScrubbingFormatter) for h in logger.handlers):
        return logger
    handler: logging.Handler
    try:
        path = desk_paths().ensure().logs / LOG_FILE_NAME
        handler = _PrivateRotatingFileHandler(path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8")
    except OSError:
        # No writable log folder (``kyc-desk doctor`` reports why): run on, logging to standard error.
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
    handler.setFormatter(ScrubbingFormatter())
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    return logger
