"""The desk's sealed request copies: readable only with the office key, pruned after expiry."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric import x25519

from kyc_desk.sync.errors import EnvelopeInvalid
from kyc_desk.sync.format import Method
from kyc_desk.sync.registry import DeskRequest, RequestRegistry

from .desk_fixtures import taro

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


def entry(request_id: str, expires: dt.datetime) -> DeskRequest:
    return DeskRequest(request_id, f"https://kyc.example.jp/s/{request_id}", (Method.HE,), "challenge",
                       expires - dt.timedelta(days=3), expires, "ref", None, taro(), "blink,turn_left")


def test_round_trip_sealed_and_pruned(tmp_path, office_key):
    registry = RequestRegistry(tmp_path)
    old, new, kept = "Old_request_0000001", "New_request_0000001", "Kept_request_000001"
    for request_id, expires in ((old, NOW - dt.timedelta(days=10)), (new, NOW + dt.timedelta(days=1)),
                                (kept, NOW - dt.timedelta(days=10))):
        registry.save(entry(request_id, expires), office_key.public_key())
    raw = (tmp_path / f"{new}.sealed").read_bytes()
    assert taro().name.encode() not in raw and b"blink" not in raw  # sealed, not just encoded
    back = registry.load(new, office_key)
    assert back is not None and back.person == taro() and back.liveness == "blink,turn_left"
    with pytest.raises(EnvelopeInvalid):
        registry.load(new, x25519.X25519PrivateKey.generate())
    assert registry.prune(office_key, NOW, grace=dt.timedelta(days=8), keep={kept}) == 1
    assert registry.request_ids() == sorted([new, kept])
    assert registry.load("Missing_request_0001", office_key) is None
