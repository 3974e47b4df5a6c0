"""Screenshots of the リモート申請 place and the first-run dialogs (run under Xvfb, never part of the test run).

    Xvfb :58 -screen 0 1600x1000x24 &
    DISPLAY=:58 .venv/bin/python -m tests.ui.remote_screenshots [--out DIR]

A real endpoint runs on loopback; a ヘ submission (the software My Number card's chip files read in memory,
and a selfie clip of a real sample photo performing the liveness challenge), a ワ submission and one
encrypted to another office key are uploaded; the view pulls them with the real face engine (in its own
process). Writes docs/screenshots/remote-*.png and first-run-*.png (or into ``--out``).

The place is shown in the desk window (menus, tabs, status bar), which takes the size it takes for users on
that screen: the small-screen checks of docs/ui.md run this on a 1280x720 Xvfb and with
``QT_SCALE_FACTOR=1.5`` on a 1920x1080 one.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"


def _wait(condition: Callable[[], bool], timeout_s: float = 180.0) -> None:
    from PySide6.QtTest import QTest

    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("timed out")
        QTest.qWait(50)


def main() -> int:
    import argparse

    global OUT
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs (default docs/screenshots)")
    OUT = parser.parse_args().out.resolve()
    home = Path(tempfile.mkdtemp(prefix="kyc-remote-shots-"))
    os.environ["KYC_DESK_HOME"] = str(home)
    from cryptography.hazmat.primitives.asymmetric import x25519
    from PySide6.QtTest import QTest

    from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService, default_store_opener
    from kyc_desk.app.remote import RemoteService
    from kyc_desk.i18n import set_language
    from kyc_desk.records import RecordStore
    from kyc_desk.records.keys import RecoveryKey
    from kyc_desk.settings import Settings
    from kyc_desk.sync.client import DeskClient, LinkClient
    from kyc_desk.sync.envelope import encode_public_key, seal
    from kyc_desk.sync.format import DocumentKind, Method, build_submission
    from kyc_desk.sync.office_key import KeyProtection
    from kyc_desk.sync.server import Limits, ServerConfig
    from kyc_desk.sync.submitter import link_challenge, submit
    from kyc_desk.ui.app import application
    from kyc_desk.ui.dialogs.first_run import FirstRunDialog, RecoveryKeyDialog
    from kyc_desk.ui.main_window import DeskWindow, Place
    from kyc_desk.ui.translation import install_language
    from kyc_desk.ui.views.remote import RemoteView
    from kyc_desk.ui.workers.tasks import TaskRunner
    from kyc_desk.verify.trust import load_trust_store
    from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors
    from tests.sync.conftest import serve
    from tests.sync.desk_fixtures import FAST_SCRYPT, LIVENESS, PASSPHRASE, he_parts, live_frames, taro, wa_parts

    app = application()
    install_language(app, "ja")
    set_language("ja")
    OUT.mkdir(parents=True, exist_ok=True)

    # first run ------------------------------------------------------------------------------------
    tasks = TaskRunner()
    first = FirstRunDialog(tasks, secure_keyring=False)
    first.passphrase.setText("kawa-no-nagare-wa-taezu")
    first.again.setText("kawa-no-nagare-wa-taezu")
    first.resize(620, 330)
    first.show()
    QTest.qWait(300)
    first.grab().save(str(OUT / "first-run-store.png"))
    first.close()
    recovery = RecoveryKeyDialog(RecoveryKey.generate())  # a fresh key that opens nothing
    recovery.show()
    QTest.qWait(300)
    recovery.grab().save(str(OUT / "first-run-recovery-key.png"))
    recovery.confirm.setChecked(True)
    recovery.accept()

    # remote ---------------------------------------------------------------------------------------
    store, _key = RecordStore.create(mode="keyfile")
    store.close()
    trust = home / "trust"
    write_trust_anchors(trust, softcard_issuers())
    remote = RemoteService(
        folder=home / "sync",
        protection=lambda mode, p: KeyProtection(mode="passphrase", passphrase=p, scrypt=FAST_SCRYPT),
        secure_keyring=lambda: False,
        anchors=lambda: load_trust_store(trust),
    )
    config = ServerConfig(database_url=f"sqlite:///{home / 'endpoint.db'}", limits=Limits.off())
    with serve(config) as live:
        services = DeskServices(CardService(), RecordsService(default_store_opener), FaceService(), "鈴木 一郎", None)
        view = RemoteView(services, tasks, remote)
        window = DeskWindow([Place("remote", "リモート申請", view)], Settings(), save=lambda _s: None)
        window.show()
        view.apply_settings(live.url, live.desk_token, PASSPHRASE, minutes=5)
        _wait(lambda: view.session.running and "最終取込み" in view.pull_status.text())

        dialog = view.new_request()
        person = taro()
        dialog.client.name.setText(person.name)  # type: ignore[attr-defined]
        dialog.client.birth.set_value(person.birth_date)  # type: ignore[attr-defined]
        dialog.client.address.setText(person.address or "")  # type: ignore[attr-defined]
        dialog.office.setText("みなと司法書士事務所")  # type: ignore[attr-defined]
        dialog.to.setText("client@example.jp")  # type: ignore[attr-defined]
        dialog.create_button.click()  # type: ignore[attr-defined]
        _wait(lambda: dialog.created is not None)  # type: ignore[attr-defined]
        QTest.qWait(200)
        dialog.grab().save(str(OUT / "remote-request.png"))
        dialog.close()

        desk = remote.unlock()
        he = desk.create_request((Method.HE,), person=person, liveness=LIVENESS)
        submit(he.link, Method.HE, DocumentKind.MYNUMBER, he_parts(list(live_frames("obama.jpg"))))
        wa = desk.create_request((Method.WA,), person=person)
        submit(wa.link, Method.WA, None, wa_parts(link_challenge(wa.link)))
        stranger = x25519.X25519PrivateKey.generate()
        with DeskClient(live.url, live.desk_token) as other:
            foreign = other.create_request((Method.WA,), encode_public_key(stranger.public_key()))
        with LinkClient(foreign.link) as phone:
            info = phone.info()
            sub = build_submission(request_id=info.request_id, method=Method.WA, document=None, parts=wa_parts(info))
            phone.upload(seal(sub, stranger.public_key()))
        view.pull_now()
        _wait(lambda: view.table.rowCount() == 3, 600)
        QTest.qWait(300)
        window.grab().save(str(OUT / "remote-queue.png"))
        he_row = next(i for i, r in enumerate(view.rows) if r.method.startswith("ヘ"))
        view.table.selectRow(he_row)
        view.open_row(he_row)
        _wait(lambda: view.opened is not None)
        QTest.qWait(500)
        window.grab().save(str(OUT / "remote-review.png"))
        q_row = next(i for i, r in enumerate(view.rows) if r.kind == "quarantine")
        view.table.selectRow(q_row)
        view.open_row(q_row)
        QTest.qWait(300)
        window.grab().save(str(OUT / "remote-quarantine.png"))
        window.close()  # stops the view's pull
        services.records.close()
    shots = [*OUT.glob("remote-*.png"), *OUT.glob("first-run-*.png")]
    print("written:", *sorted(p.name for p in shots))
    return 0


if __name__ == "__main__":
    sys.exit(main())
