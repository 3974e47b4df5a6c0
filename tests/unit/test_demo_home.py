"""Demo mode never touches a real desk: it runs in a home of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyc_desk_testkit.demo.environment import (
    DEMO_MARKER,
    DemoEnvironment,
    DemoUnavailable,
    claim_demo_home,
    real_desk_folders,
)


def test_real_desk_folders_are_refused() -> None:
    for real in real_desk_folders():
        with pytest.raises(DemoUnavailable):
            claim_demo_home(real)
        with pytest.raises(DemoUnavailable):
            claim_demo_home(real / "sub")


def test_a_home_holding_a_store_the_demo_did_not_make_is_refused(tmp_path: Path) -> None:
    (tmp_path / "data" / "records").mkdir(parents=True)
    with pytest.raises(DemoUnavailable) as caught:
        claim_demo_home(tmp_path)
    assert "デモ" in caught.value.user_text("ja")
    assert not (tmp_path / DEMO_MARKER).exists()


def test_a_new_home_is_claimed_and_can_be_claimed_again(tmp_path: Path) -> None:
    home = claim_demo_home(tmp_path / "demo")
    assert (home / DEMO_MARKER).is_file()
    (home / "data" / "records").mkdir(parents=True)  # the demo's own store
    assert claim_demo_home(home) == home


def test_start_without_a_home_of_its_own_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KYC_DESK_HOME")
    with pytest.raises(DemoUnavailable):
        DemoEnvironment.start(serve_card=False)
