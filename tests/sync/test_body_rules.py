"""The body reader's rules on a simulated clock: the rate rule, the idle rule, the cap while reading, and a
disconnect — decided by the bytes and the (fake) times, so nothing here depends on the machine's speed."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from kyc_desk.sync.server.body import ClientGone, TooLarge, TooSlow, read_body
from kyc_desk.sync.server.limits import Timeouts

RULES = Timeouts(body_idle=30, body_grace=10, body_window=30, body_min_rate=16 * 1024)


class FakeRequest:
    """ASGI messages, each arriving ``gap`` simulated seconds after the last."""

    def __init__(self, messages: list[dict[str, Any]], gap: float, headers: dict[str, str] | None = None,
                 silence: float = 0.0) -> None:
        self.messages, self.gap, self.headers, self.now = list(messages), gap, headers or {}, 0.0
        self.silence = silence

    async def receive(self) -> dict[str, Any]:
        if not self.messages:  # nothing more ever comes: ``silence`` simulated seconds pass per wait
            self.now += self.silence
            await asyncio.sleep(3600)
        self.now += self.gap
        return self.messages.pop(0)

    def clock(self) -> float:
        return self.now


def _read(request: FakeRequest, limit: int = 12 * 2**20) -> tuple[int, bytes]:
    got = bytearray()
    size = asyncio.run(read_body(request, limit, RULES, got.extend, clock=request.clock))  # type: ignore[arg-type]
    return size, bytes(got)


def _chunks(count: int, size: int, *, last: bool = True) -> list[dict[str, Any]]:
    out = [{"type": "http.request", "body": b"x" * size, "more_body": True} for _ in range(count)]
    if last:
        out.append({"type": "http.request", "body": b"", "more_body": False})
    return out


def test_a_steady_upload_at_the_minimum_rate_is_taken():
    # 16 KiB a second for 60 s
    size, body = _read(FakeRequest(_chunks(60, 16 * 1024), gap=1.0))
    assert size == len(body) == 60 * 16 * 1024


def test_a_slow_start_is_forgiven_within_the_grace_period():
    slow = _chunks(5, 100, last=False)  # 5 s of a trickle (far below the minimum) ...
    fast = _chunks(60, 64 * 1024)  # ... then a normal upload, which lifts the average in time
    request = FakeRequest(slow + fast, gap=1.0)
    assert _read(request)[0] == 5 * 100 + 60 * 64 * 1024


def test_a_stall_after_a_fast_start_is_refused_by_the_idle_rule():
    # 10 MiB in 2 s, then silence: the average over the window is still high, the gap is not
    request = FakeRequest(_chunks(2, 5 * 1024 * 1024, last=False), gap=1.0, silence=31.0)
    with pytest.raises(TooSlow, match="no data"):
        _read(request)


def test_one_byte_every_two_seconds_is_refused_after_the_grace_period():
    request = FakeRequest(_chunks(100, 1), gap=2.0)
    with pytest.raises(TooSlow):
        _read(request)
    assert 10 <= request.now <= 14  # refused at the first check after the grace period, not at the end


def test_a_body_that_passes_the_cap_is_refused_while_reading():
    request = FakeRequest(_chunks(100, 64 * 1024), gap=0.01)
    with pytest.raises(TooLarge):
        _read(request, limit=1024 * 1024)
    assert len(request.messages) > 50  # most of it never read


def test_a_declared_length_over_the_cap_is_refused_before_reading():
    request = FakeRequest(_chunks(1, 10), gap=0.01, headers={"content-length": str(2**30)})
    with pytest.raises(TooLarge):
        _read(request, limit=1024)
    assert request.now == 0.0


def test_a_disconnect_is_reported_with_what_was_received():
    request = FakeRequest([*_chunks(3, 1000, last=False), {"type": "http.disconnect"}], gap=0.01)
    with pytest.raises(ClientGone) as gone:
        _read(request)
    assert gone.value.received == 3000
