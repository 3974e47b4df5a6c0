"""Nothing is lost: a desk killed mid-pull re-pulls what it had not confirmed, and a submission imported twice
makes one record; a submission that cannot be imported is kept, flagged and explained, never dropped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import x25519

from kyc_desk.records import PassphraseKeySource, RecordStore
from kyc_desk.sync.client import LinkClient
from kyc_desk.sync.desk import ALREADY_IMPORTED, IMPORTED, QUARANTINED
from kyc_desk.sync.envelope import encode_public_key, open_envelope, seal
from kyc_desk.sync.face_checks import NoFaceEngine
from kyc_desk.sync.format import Method, build_submission
from kyc_desk.sync.submitter import link_challenge, submit

from .desk_fixtures import PASSPHRASE, make_desk, taro, wa_parts

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_sigkill_mid_pull_loses_nothing_and_imports_once(tmp_path, open_server):
    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    count = 4
    for _ in range(count):
        created = desk.sync.create_request((Method.WA,), person=taro())
        submit(created.link, Method.WA, None, wa_parts(link_challenge(created.link)))
    desk.store.close()

    child = subprocess.Popen(
        [sys.executable, "-m", "tests.sync._pull_child", str(tmp_path), open_server.url, open_server.desk_token],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])},  # this tree's code
    )
    marker = tmp_path / "confirming-2"
    deadline = time.monotonic() + 120
    while not marker.exists():  # the 2nd submission is stored and its confirmation not yet sent
        assert child.poll() is None, "the pull process ended before it could be killed"
        assert time.monotonic() < deadline, "the pull process made no progress"
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    # whatever was not confirmed is still on the endpoint; some of it is already stored on the desk
    remaining = open_server.store.counts()["submissions"]
    with RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=tmp_path / "records") as store:
        stored = store.count()
        confirmed = count - remaining
        assert confirmed < 2 <= stored  # the 2nd submission was stored and not confirmed when killed
        result = desk.sync.pull(store, anchors=desk.anchors, faces=NoFaceEngine())
        outcomes = [i.outcome for i in result.items]
        assert outcomes.count(ALREADY_IMPORTED) == stored - confirmed >= 1
        assert outcomes.count(IMPORTED) == remaining - (stored - confirmed)
        assert store.count() == count  # one record per submission, none twice
        ids = [store.get(i.record_id).external_id for i in result.items if i.record_id]
        assert len(set(ids)) == len(ids)
    assert open_server.store.counts()["submissions"] == 0


def test_undecryptable_and_refused_submissions_are_quarantined_with_their_reason(tmp_path, open_server):
    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    # encrypted to the right key id but altered in transit is impossible to forge without the key, so
    # use a desk that lost its key: a request made with another key pair, pulled by this desk
    stranger = x25519.X25519PrivateKey.generate()
    from kyc_desk.sync.client import DeskClient

    with DeskClient(open_server.url, open_server.desk_token) as other_desk:
        foreign = other_desk.create_request((Method.WA,), encode_public_key(stranger.public_key()))
    with LinkClient(foreign.link) as phone:
        info = phone.info()
        sub = build_submission(request_id=info.request_id, method=Method.WA, document=None,
                               parts=wa_parts(info))
        envelope = seal(sub, stranger.public_key())
        phone.upload(envelope)

    result = desk.sync.pull(desk.store, anchors=desk.anchors, faces=NoFaceEngine())
    [item] = result.items
    assert item.outcome == QUARANTINED and "another office key" in item.reason
    assert open_server.store.counts()["submissions"] == 0  # confirmed only because the desk keeps it
    [entry] = desk.sync.quarantine.entries()
    assert entry.reason_code == "EnvelopeInvalid" and entry.request_id == foreign.request_id
    kept = desk.sync.quarantine.envelope(item.submission_id)
    assert kept == envelope and open_envelope(kept, stranger).request_id == foreign.request_id
    assert desk.store.count() == 0
    # pulling again changes nothing
    assert desk.sync.pull(desk.store, anchors=desk.anchors, faces=NoFaceEngine()).items == ()


def test_desk_refuses_ho_received_from_2027_04_01_even_if_an_endpoint_accepted_it(tmp_path, selfie_frames):
    import datetime as dt

    from kyc_desk.sync.format import DocumentKind, Method
    from kyc_desk.sync.server import Limits, ServerConfig

    from .conftest import jpeg_of, serve
    from .desk_fixtures import ho_parts

    jst = dt.timezone(dt.timedelta(hours=9))
    lenient = ServerConfig(database_url=f"sqlite:///{tmp_path / 'lenient.db'}", limits=Limits.off(),
                           methods_allowed_on=lambda _day: frozenset(Method))  # a non-compliant endpoint
    lenient.clock = lambda: dt.datetime(2027, 4, 2, 10, 0, tzinfo=jst).timestamp()
    with serve(lenient) as live:
        desk = make_desk(tmp_path, live.url, live.desk_token)
        created = desk.sync.create_request((Method.HO,), person=taro())
        photo = jpeg_of("obama.jpg")
        from kyc_desk.sync.client import LinkClient
        from kyc_desk.sync.submitter import prepare

        with LinkClient(created.link) as phone:  # a client that skips the date check too
            info = phone.info()
            parts = ho_parts(selfie_frames, photo, photo, photo)
            _sub, envelope = prepare(info, Method.HO, DocumentKind.DRIVER_LICENCE, parts,
                                     expected_key_id=None, now=dt.datetime(2027, 3, 31, 12, tzinfo=jst))
            phone.upload(envelope)
        [item] = desk.sync.pull(desk.store, anchors=desk.anchors, faces=NoFaceEngine()).items
        assert item.outcome == QUARANTINED and "2027-03-31" in item.reason
        [entry] = desk.sync.quarantine.entries()
        assert entry.reason_code == "MethodNotAllowed" and "ホ" in entry.reason_ja
        assert desk.store.count() == 0
        assert desk.sync.registry.request_ids() == [created.request_id]  # kept for a later import


def test_a_download_damaged_in_transit_is_neither_kept_nor_confirmed(tmp_path, open_server):
    from kyc_desk.sync.errors import SyncError

    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    created = desk.sync.create_request((Method.WA,), person=taro())
    submit(created.link, Method.WA, None, wa_parts(link_challenge(created.link)))
    real = desk.sync.client.download

    def damaged(submission_id: str) -> bytes:
        data = bytearray(real(submission_id))
        data[-1] ^= 0x01
        return bytes(data)

    desk.sync.client.download = damaged  # type: ignore[method-assign]
    with pytest.raises(SyncError, match="digest"):
        desk.sync.pull(desk.store, anchors=desk.anchors, faces=NoFaceEngine())
    assert open_server.store.counts()["submissions"] == 1
    assert desk.sync.quarantine.entries() == [] and desk.store.count() == 0
    desk.sync.client.download = real  # type: ignore[method-assign]
    assert [i.outcome for i in desk.sync.pull(desk.store, anchors=desk.anchors, faces=NoFaceEngine()).items] == [
        IMPORTED]


def test_a_quarantined_submission_imports_once_the_right_key_is_back(tmp_path, open_server):
    from kyc_desk.sync.office_key import OfficeKey

    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    created = desk.sync.create_request((Method.WA,), person=taro())
    submit(created.link, Method.WA, None, wa_parts(link_challenge(created.link)))
    desk.sync.office_key = OfficeKey(x25519.X25519PrivateKey.generate())  # e.g. a desk reinstalled without its key
    [item] = desk.sync.pull(desk.store, anchors=desk.anchors, faces=NoFaceEngine()).items
    assert item.outcome == QUARANTINED and open_server.store.counts()["submissions"] == 0

    desk.sync.office_key = desk.office  # the key restored from the backup
    retried = desk.sync.retry_quarantined(item.submission_id, desk.store, anchors=desk.anchors, faces=NoFaceEngine())
    assert retried.outcome == IMPORTED and "jpki.signature" not in retried.flagged
    assert desk.sync.quarantine.entries() == [] and desk.store.count() == 1
    assert desk.store.get(retried.record_id).external_id == f"sync:{item.submission_id}"
