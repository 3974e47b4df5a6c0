"""The trust-store dialog: reachable from the File menu, lists fingerprints, adds after confirmation."""

from __future__ import annotations

from pathlib import Path

import pytest
from asn1crypto import pem
from pytestqt.qtbot import QtBot

from kyc_desk.settings import Settings
from kyc_desk.ui.dialogs.trust_store import TrustStoreDialog
from kyc_desk.verify.trust import fingerprint_text, load_trust_store
from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors
from kyc_desk_testkit.softcard.residence import residence_issuer_certificate

SHIPPED_03 = "D2:27:F6:CD:E1:1D:35:C5:25:21:78:F1:06:F8:43:D2:46:51:94:49:75:41:3B:53:9F:A2:FB:68:DB:FA:36:5F"


def test_dialog_lists_adds_and_removes(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "trust"
    write_trust_anchors(folder, softcard_issuers())
    candidate = tmp_path / "issuer.pem"
    candidate.write_bytes(pem.armor("CERTIFICATE", residence_issuer_certificate()))
    asked: list[str] = []
    answers = [False, True, True]
    saved: list[Settings] = []

    def confirm(_title: str, text: str) -> bool:
        asked.append(text)
        return answers.pop(0)

    dialog = TrustStoreDialog(
        Settings(), saved.append, folder=folder, confirm=confirm, choose_file=lambda: candidate
    )
    qtbot.addWidget(dialog)
    fingerprints = [dialog.table.item(row, 3).text().replace("\n", "") for row in range(dialog.table.rowCount())]
    assert SHIPPED_03 in fingerprints
    assert not dialog.add_file()  # the user said no: nothing installed
    assert fingerprint_text(residence_issuer_certificate()) in asked[0]
    assert not (folder / "issuer.pem").exists()
    assert dialog.add_file()
    assert residence_issuer_certificate() in {ca.der for ca in load_trust_store(folder).certificates}
    row = next(i for i, e in enumerate(dialog.entries) if e.file == "issuer.pem")
    dialog.table.selectRow(row)
    assert dialog.remove_selected()
    assert not (folder / "issuer.pem").exists()
    shipped_row = next(i for i, e in enumerate(dialog.entries) if e.source == "shipped")
    dialog.table.selectRow(shipped_row)
    assert not dialog.remove_selected()
    dialog.ocsp_url.setText("http://127.0.0.1:18850/ocsp")
    dialog.save_ocsp()
    assert saved[-1].ocsp_url == "http://127.0.0.1:18850/ocsp"


def test_the_file_menu_opens_it(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QAction

    from kyc_desk.ui.main_window import DeskWindow

    monkeypatch.setenv("KYC_DESK_TRUST_DIR", str(tmp_path))
    saved: list[Settings] = []
    window = DeskWindow([], Settings(), save=saved.append)
    qtbot.addWidget(window)
    action = window.findChild(QAction, "trust_store")
    assert action is not None
    action.trigger()
    dialog = window.findChild(TrustStoreDialog, "trust_store_dialog")
    assert dialog is not None
    dialog.ocsp_url.setText("https://ocsp.example.invalid/")
    dialog.save_ocsp()
    assert window.settings.ocsp_url == "https://ocsp.example.invalid/" and saved
    dialog.close()


def test_dialog_refuses_an_unpinned_isa_named_root_and_names_a_pinned_one(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window applies the residence pins like ``kyc-desk trust add`` (a pin injected for the test root)."""
    from kyc_desk.verify import residence_anchors
    from kyc_desk_testkit.softcard.residence2 import isa_named_issuer_certificate

    folder = tmp_path / "trust"
    folder.mkdir()
    der = isa_named_issuer_certificate()
    candidate = tmp_path / "ZairyuCardCA2.pem"
    candidate.write_bytes(pem.armor("CERTIFICATE", der))
    asked: list[str] = []

    def confirm(_title: str, text: str) -> bool:
        asked.append(text)
        return True

    dialog = TrustStoreDialog(
        Settings(), lambda _s: None, folder=folder, confirm=confirm, choose_file=lambda: candidate
    )
    qtbot.addWidget(dialog)
    assert not dialog.add_file()
    assert asked == [] and any(w in dialog.message.text() for w in ("出入国在留管理庁", "ISA"))
    assert not list(folder.iterdir())
    pin = residence_anchors.PinnedAnchor("ZairyuCard CA2 (injected)", 2, "05", "-", fingerprint_text(der))
    monkeypatch.setattr(residence_anchors, "RESIDENCE_ANCHORS", (pin,))
    assert dialog.add_file()
    assert "ZairyuCard CA2 (injected)" in asked[0]
