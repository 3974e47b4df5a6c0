"""リモート申請 against a real endpoint on loopback (uvicorn in a thread): set up the desk, create a
request from the window, the client submits a ワ submission made by the software My Number card (in
memory, no reader needed), the window pulls it off the UI thread, the scrivener opens and decides it,
and the decision is read back from the encrypted record store. Also: an unreachable endpoint is reported
while the stored queue stays usable; a submission encrypted to another office key is shown as
quarantined, with its reason, and stays so when a retry fails."""

from __future__ import annotations

import datetime as dt
import gc
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import x25519
from pytestqt.qtbot import QtBot

from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService, default_store_opener
from kyc_desk.app.remote import RemoteService, RemoteSetupError, check_endpoint
from kyc_desk.records import KeyFileKeySource, RecordStore
from kyc_desk.records.model import Decision, Engagement, IdentityResult
from kyc_desk.records.store import StoreLocation
from kyc_desk.settings import Settings, load_settings, save_settings
from kyc_desk.sync.client import DeskClient, LinkClient
from kyc_desk.sync.desk import DeskSync
from kyc_desk.sync.envelope import encode_public_key, seal
from kyc_desk.sync.face_checks import NoFaceEngine
from kyc_desk.sync.format import Method, build_submission
from kyc_desk.sync.office_key import KeyProtection
from kyc_desk.sync.submitter import link_challenge, submit
from kyc_desk.ui.app import build_window
from kyc_desk.ui.dialogs.request_dialog import RequestDialog
from kyc_desk.ui.views.remote import RemoteView
from kyc_desk.ui.workers.tasks import TaskRunner
from kyc_desk.verify.trust import load_trust_store
from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors
from tests.sync.conftest import LiveServer, serve
from tests.sync.desk_fixtures import FAST_SCRYPT, PASSPHRASE, taro, wa_parts
from tests.ui.conftest import OPERATOR
from tests.ui.offthread import BlockingCalls

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def unfreeze() -> Iterator[None]:
    """The view freezes the long-lived heap after its first pull (gc.freeze); undo it for other tests."""
    yield
    gc.unfreeze()


@pytest.fixture
def endpoint(tmp_path: Path) -> Iterator[LiveServer]:
    from kyc_desk.sync.server import Limits, ServerConfig

    with serve(ServerConfig(database_url=f"sqlite:///{tmp_path / 'endpoint.db'}", limits=Limits.off())) as live:
        yield live


def _remote(home: Path) -> RemoteService:
    trust = home / "trust"
    write_trust_anchors(trust, softcard_issuers())
    return RemoteService(
        folder=home / "sync",
        protection=lambda mode, p: KeyProtection(mode="passphrase", passphrase=p, scrypt=FAST_SCRYPT),
        secure_keyring=lambda: False,
        anchors=lambda: load_trust_store(trust),
        faces=NoFaceEngine,
    )


def _view(qtbot: QtBot, remote: RemoteService) -> tuple[RemoteView, DeskServices]:
    if not StoreLocation.default().exists():
        store, _recovery = RecordStore.create(mode="keyfile")
        store.close()
    services = DeskServices(CardService(), RecordsService(default_store_opener), FaceService(), OPERATOR, None)
    tasks = TaskRunner()
    view = RemoteView(services, tasks, remote)
    tasks.setParent(view)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    return view, services


def _set_up(qtbot: QtBot, view: RemoteView, url: str, token: str) -> None:
    view.apply_settings(url, token, PASSPHRASE, minutes=60)
    qtbot.waitUntil(lambda: view.session.running, timeout=30000)


def _wait_rows(qtbot: QtBot, view: RemoteView, count: int) -> None:
    qtbot.waitUntil(lambda: view.table.rowCount() == count, timeout=60000)


def test_request_pull_review_and_decide(qtbot: QtBot, desk_home: Path, endpoint: LiveServer, japanese: None,
                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    remote = _remote(desk_home)
    view, services = _view(qtbot, remote)
    _set_up(qtbot, view, endpoint.url, endpoint.desk_token)
    qtbot.waitUntil(lambda: "最終取込み" in view.pull_status.text(), timeout=60000)  # the first round: nothing
    assert view.table.rowCount() == 0
    sealed = (remote.folder / "desk-token.sealed").read_bytes()
    assert endpoint.desk_token.encode() not in sealed  # the token is kept sealed to the office key
    assert endpoint.desk_token not in (remote.folder / "sync.json").read_text(encoding="utf-8")

    # 新しい依頼: the client, ワ only, 48 hours; the sender is the office of 事務所情報の設定
    save_settings(load_settings().but(office_name="テスト司法書士事務所"))
    dialog = view.new_request()
    assert isinstance(dialog, RequestDialog)
    assert dialog.office.text() == "テスト司法書士事務所"
    person = taro()
    dialog.client.name.setText(person.name)
    assert person.birth_date is not None
    dialog.client.birth.set_value(person.birth_date)
    dialog.methods["he"].setChecked(False)
    dialog.methods["wa"].setChecked(True)
    dialog.hours.setValue(48)
    assert dialog.create_button.isEnabled()
    dialog.create_button.click()
    qtbot.waitUntil(lambda: dialog.created is not None, timeout=60000)
    created = dialog.created
    assert created is not None and dialog.link.text() == created.link
    assert created.methods == (Method.WA,)
    assert dt.timedelta(hours=47) < created.expires_at - created.created_at <= dt.timedelta(hours=48, minutes=1)
    assert dialog.mail is not None and dialog.mail.mailto_url().startswith("mailto:")
    eml = tmp_path / "request.eml"
    dialog.save_eml(eml)
    assert b"X-Unsent: 1" in eml.read_bytes() and "保存しました" in dialog.status.text()
    dialog.close()

    # the client answers from their phone: a ワ submission signed by the (software) My Number card
    submit(created.link, Method.WA, None, wa_parts(link_challenge(created.link)))

    blocking = BlockingCalls(monkeypatch)
    blocking.watch(DeskSync, "pull")  # download, decrypt, verify, store
    blocking.watch(DeskClient, "_call")  # every HTTP call to the endpoint
    view.pull_button.click()
    _wait_rows(qtbot, view, 1)
    blocking.assert_all_off_ui_thread()  # the window never waited for the endpoint or the import
    assert view.table.item(0, 0).text() == person.name
    assert view.table.item(0, 1).text() == "ワ"
    assert view.table.item(0, 3).text() in ("確認結果すべて正常", "要確認の項目あり")
    assert "新着 1 件" in view.pull_status.text()

    view.open_row(0)
    qtbot.waitUntil(lambda: view.opened is not None, timeout=30000)
    record = view.opened
    assert record is not None and record.decision is None
    html_text = view.detail.toPlainText()
    # the checks by their names, with their reasons (no internal codes)
    assert "署名用電子証明書による電子署名" in html_text and "失効確認" in html_text
    assert "jpki.signature" not in html_text and "jpki.revocation" not in html_text
    # the split decision: 本人確認の結果 apart from 受任, a reason for each gap before 確認済み
    decision = view.decision
    assert decision.checked_by.currentData() == OPERATOR  # the one operator, chosen
    assert not decision.recorded_by.isVisible()  # the imported record keeps its 記録作成者
    gaps = list(decision.gap_reasons())
    decision.needs_more.setChecked(True)
    decision.undecided.setChecked(True)
    assert not decision.save.isEnabled()  # 追加確認が必要 needs a reason
    decision.reason.setPlainText("住所の確認のため補完書類を依頼")
    assert decision.save.isEnabled()
    decision.accept.setChecked(True)  # taking the engagement needs the identity 確認済み
    assert not decision.save.isEnabled() and "受任する" in decision.save.toolTip()
    decision.undecided.setChecked(True)
    assert decision.save.isEnabled()
    if gaps:  # 確認済み asks a reason on every row of the table
        decision.confirmed.setChecked(True)
        assert not decision.save.isEnabled()
        decision.needs_more.setChecked(True)
    decision.save.click()
    qtbot.waitUntil(lambda: "判断を保存しました" in decision.status.text(), timeout=30000)
    _wait_rows(qtbot, view, 0)  # decided: no longer waiting for review
    view.shutdown()
    services.records.close()

    with RecordStore.open(KeyFileKeySource()) as store:
        saved = store.get(record.id)
        assert saved.identity is not None and saved.identity.result is IdentityResult.NEEDS_MORE
        assert saved.identity.decided_by == OPERATOR and saved.identity.note == "住所の確認のため補完書類を依頼"
        assert saved.engagement is not None and saved.engagement.engagement is Engagement.PENDING
        assert saved.decision is not None and saved.decision.decision is Decision.FOLLOW_UP  # the old one in step
        assert saved.decision.decided_by == OPERATOR and saved.decision.reason == "住所の確認のため補完書類を依頼"
        assert saved.external_id is not None and saved.external_id.startswith("sync:")
        assert store.verify_audit().ok


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_endpoint_is_reported_and_the_queue_still_works(
    qtbot: QtBot, desk_home: Path, endpoint: LiveServer, japanese: None
) -> None:
    remote = _remote(desk_home)
    view, services = _view(qtbot, remote)
    _set_up(qtbot, view, endpoint.url, endpoint.desk_token)
    desk = remote.unlock()
    created = desk.create_request((Method.WA,), person=taro())
    submit(created.link, Method.WA, None, wa_parts(link_challenge(created.link)))
    view.pull_now()
    _wait_rows(qtbot, view, 1)

    # the endpoint moves away (or the network is down): same office key, a port nobody listens on
    dead = f"http://127.0.0.1:{_free_port()}"
    view.apply_settings(dead, endpoint.desk_token, PASSPHRASE, minutes=60)
    qtbot.waitUntil(lambda: "接続できません" in view.pull_status.text(), timeout=60000)
    assert "取り込み済みの申請は引き続き確認・判断できます" in view.pull_status.text()
    view.refresh()
    qtbot.wait(200)
    _wait_rows(qtbot, view, 1)
    view.open_row(0)
    qtbot.waitUntil(lambda: view.opened is not None, timeout=30000)  # reviewing needs no network
    view.shutdown()
    services.records.close()


def test_quarantined_submission_is_shown_with_its_reason(
    qtbot: QtBot, desk_home: Path, endpoint: LiveServer, japanese: None
) -> None:
    remote = _remote(desk_home)
    view, services = _view(qtbot, remote)
    _set_up(qtbot, view, endpoint.url, endpoint.desk_token)
    # a submission encrypted to a key this desk does not hold (e.g. a request made before a reinstall)
    stranger = x25519.X25519PrivateKey.generate()
    with DeskClient(endpoint.url, endpoint.desk_token) as other_desk:
        foreign = other_desk.create_request((Method.WA,), encode_public_key(stranger.public_key()))
    with LinkClient(foreign.link) as phone:
        info = phone.info()
        submission = build_submission(request_id=info.request_id, method=Method.WA, document=None,
                                      parts=wa_parts(info))
        phone.upload(seal(submission, stranger.public_key()))
    view.pull_now()
    _wait_rows(qtbot, view, 1)
    assert view.table.item(0, 3).text() == "隔離（取込み不可）"
    view.open_row(0)
    assert view.review.currentIndex() == 2
    text = view.quarantine_text.toPlainText()
    assert "削除はしていません" in text and view.rows[0].reason in text and view.rows[0].reason
    before = view.queue_status.text()
    view.retry_button.click()  # still the wrong key: the entry stays and the error is shown
    qtbot.waitUntil(lambda: view.queue_status.text() != before, timeout=30000)
    assert "取り込みました" not in view.queue_status.text()
    assert len(remote.unlock().quarantine.entries()) == 1
    view.shutdown()
    services.records.close()


def test_the_window_has_the_remote_place(qtbot: QtBot, desk_home: Path, japanese: None) -> None:
    window = build_window(Settings())
    qtbot.addWidget(window)
    view = window.places["remote"]
    assert isinstance(view, RemoteView)
    window.tabs.setCurrentWidget(view)
    window.show()
    qtbot.waitUntil(lambda: "未設定" in view.pull_status.text(), timeout=30000)
    assert not view.pull_button.isEnabled()


def test_endpoint_url_rules() -> None:
    assert check_endpoint("https://kyc.example.jp/") == "https://kyc.example.jp"
    assert check_endpoint("http://127.0.0.1:8765") == "http://127.0.0.1:8765"
    for bad in ("http://kyc.example.jp", "ftp://x", "kyc.example.jp", ""):
        with pytest.raises(RemoteSetupError):
            check_endpoint(bad)


def test_a_passphrase_office_key_is_asked_when_the_place_is_shown(
    qtbot: QtBot, desk_home: Path, endpoint: LiveServer, japanese: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At start-up (place hidden) nothing is asked; showing the place asks once, then pulling starts."""
    remote = _remote(desk_home)
    remote.set_up(endpoint.url, endpoint.desk_token, pull_minutes=60, passphrase=PASSPHRASE)
    fresh = _remote(desk_home)  # a new session: the office key is locked again
    asked: list[bool] = []

    def ask(_self: RemoteView, why: object) -> str:
        asked.append(True)
        return PASSPHRASE

    monkeypatch.setattr(RemoteView, "_ask_office_passphrase", ask)
    store, _recovery = RecordStore.create(mode="keyfile")
    store.close()
    services = DeskServices(CardService(), RecordsService(default_store_opener), FaceService(), OPERATOR, None)
    tasks = TaskRunner()
    view = RemoteView(services, tasks, fresh)
    tasks.setParent(view)
    qtbot.addWidget(view)
    view.activate(prompt=False)  # what the app does at start, with the place not shown
    qtbot.waitUntil(lambda: "ロックが解除されていない" in view.pull_status.text(), timeout=30000)
    assert asked == [] and not view.session.running
    view.show()
    qtbot.waitUntil(lambda: view.session.running, timeout=30000)
    assert asked == [True]
    view.shutdown()
    services.records.close()


def test_ho_is_not_offered_from_2027_04_01(qtbot: QtBot, desk_home: Path, japanese: None) -> None:
    services = DeskServices(CardService(), RecordsService(default_store_opener), FaceService(), OPERATOR, None)
    tasks = TaskRunner()
    for day, offered in ((dt.date(2027, 3, 31), True), (dt.date(2027, 4, 1), False)):
        dialog = RequestDialog(services, tasks, _remote(desk_home), today=lambda day=day: day)
        qtbot.addWidget(dialog)
        assert dialog.methods["ho"].isEnabled() is offered
        assert dialog.methods["he"].isEnabled() and dialog.methods["wa"].isEnabled()
        if not offered:
            dialog.methods["ho"].setChecked(True)  # even if ticked somehow, a disabled method is not sent
            assert "ho" not in dialog.chosen_methods()
