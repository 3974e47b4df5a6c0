"""The Qt-free background pull the desk window wraps: pulls on its own thread, reports through callbacks."""

from __future__ import annotations

import threading

from kyc_desk.records import PassphraseKeySource, RecordStore
from kyc_desk.sync.desk import IMPORTED, BackgroundPull, PullResult
from kyc_desk.sync.errors import SyncError
from kyc_desk.sync.face_checks import NoFaceEngine
from kyc_desk.sync.format import Method
from kyc_desk.sync.submitter import link_challenge, submit

from .desk_fixtures import PASSPHRASE, make_desk, taro, wa_parts


def test_background_pull_imports_and_reports_on_its_own_thread(tmp_path, open_server):
    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    desk.store.close()
    created = desk.sync.create_request((Method.WA,), person=taro())
    submit(created.link, Method.WA, None, wa_parts(link_challenge(created.link)))

    results: list[tuple[PullResult, str]] = []
    errors: list[Exception] = []
    done = threading.Event()

    def on_result(result: PullResult) -> None:
        results.append((result, threading.current_thread().name))
        if result.items:
            done.set()

    pull = BackgroundPull(
        desk.sync, lambda: RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=tmp_path / "records"),
        anchors=lambda: desk.anchors, faces=NoFaceEngine(), interval=3600, on_result=on_result,
        on_error=errors.append,
    )
    pull.start()
    assert done.wait(60), "the background pull did not report"
    pull.stop()
    [(result, thread)] = [r for r in results if r[0].items]
    assert thread == "kyc-desk-sync-pull" and [i.outcome for i in result.items] == [IMPORTED]
    assert errors == []
    with RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=tmp_path / "records") as store:
        assert store.count() == 1


def test_background_pull_reports_errors_and_keeps_running(tmp_path, open_server):
    desk = make_desk(tmp_path, open_server.url, "kd_not-a-valid-token-at-all")
    desk.store.close()
    errors: list[Exception] = []
    once, twice = threading.Event(), threading.Event()

    def on_error(exc: Exception) -> None:
        errors.append(exc)
        (twice if once.is_set() else once).set()

    pull = BackgroundPull(
        desk.sync, lambda: RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=tmp_path / "records"),
        anchors=lambda: desk.anchors, faces=NoFaceEngine(), interval=3600, on_error=on_error,
    )
    pull.start()
    assert once.wait(60), "the first round did not report its error"
    pull.pull_now()  # the thread survived the error and runs another round on demand
    assert twice.wait(60), "no second round after pull_now()"
    pull.stop()
    assert errors and all(isinstance(e, SyncError) for e in errors)
    assert "HTTP 401" in errors[0].message
