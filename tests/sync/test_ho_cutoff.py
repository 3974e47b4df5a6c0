"""The ホ cut-off pinned at the import, in Japan time: a submission the endpoint received at
2027-03-31T23:59+09:00 (14:59 UTC) is imported as ホ, one received at 2027-04-01T00:00+09:00 (15:00 UTC on
the 31st) is refused by the desk and kept in quarantine — the date the law counts is the Japanese one,
whatever the UTC date of the timestamp."""

from __future__ import annotations

import datetime as dt

import pytest

from kyc_desk.records.legal import Event
from kyc_desk.sync.client import LinkClient
from kyc_desk.sync.desk import IMPORTED, QUARANTINED
from kyc_desk.sync.face_checks import NoFaceEngine
from kyc_desk.sync.format import DocumentKind, Method
from kyc_desk.sync.server import Limits, ServerConfig
from kyc_desk.sync.submitter import prepare

from .conftest import jpeg_of, serve
from .desk_fixtures import ho_parts, make_desk, taro

JST = dt.timezone(dt.timedelta(hours=9))


@pytest.mark.parametrize(
    ("received", "outcome"),
    [
        (dt.datetime(2027, 3, 31, 23, 59, tzinfo=JST), IMPORTED),
        (dt.datetime(2027, 4, 1, 0, 0, tzinfo=JST), QUARANTINED),
    ],
)
def test_an_import_of_ho_is_eligible_until_midnight_japan_time(tmp_path, selfie_frames, received, outcome) -> None:
    # the endpoint does not check the method's date itself, so the desk's own rule is what is tested
    config = ServerConfig(database_url=f"sqlite:///{tmp_path / 'endpoint.db'}", limits=Limits.off(),
                          methods_allowed_on=lambda _day: frozenset(Method))
    config.clock = lambda: received.timestamp()
    with serve(config) as live:
        desk = make_desk(tmp_path, live.url, live.desk_token)
        created = desk.sync.create_request((Method.HO,), person=taro())
        photo = jpeg_of("obama.jpg")
        with LinkClient(created.link) as phone:
            _sub, envelope = prepare(phone.info(), Method.HO, DocumentKind.DRIVER_LICENCE,
                                     ho_parts(selfie_frames, photo, photo, photo), expected_key_id=None,
                                     now=received - dt.timedelta(minutes=1))
            phone.upload(envelope)
        [item] = desk.sync.pull(desk.store, anchors=desk.anchors, faces=NoFaceEngine()).items
        assert item.outcome == outcome, item.reason
        if outcome == IMPORTED:
            assert item.record_id is not None
            record = desk.store.get(item.record_id)
            assert record.method.value == "ho" and record.verified_on == dt.date(2027, 3, 31)
            assert record.events[Event.IMAGE_RECEIVED] == received  # the moment, stored aware
            assert record.events[Event.IMAGE_RECEIVED].astimezone(dt.UTC).date() == dt.date(2027, 3, 31)
        else:
            assert "2027-03-31" in item.reason and desk.store.count() == 0
            [entry] = desk.sync.quarantine.entries()
            assert entry.reason_code == "MethodNotAllowed"
