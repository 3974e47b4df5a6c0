"""Fixtures for the window's tests: a fresh settings file per test and the window built as the app does."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kyc_desk.i18n import set_language


@pytest.fixture
def desk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private KYC_DESK_HOME for one test (settings, data and logs start empty)."""
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture(autouse=True)
def desk_switch_interval() -> Iterator[None]:
    """The interpreter switch interval the desk sets in :func:`kyc_desk.ui.app.application` (the tests'
    QApplication comes from pytest-qt, not from the desk)."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    yield
    sys.setswitchinterval(before)


@pytest.fixture
def japanese() -> Iterator[None]:
    """The interface language is Japanese for the test and reset afterwards."""
    set_language("ja")
    yield
    set_language(None)
