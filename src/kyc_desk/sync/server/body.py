"""受信 — reading a request body under the endpoint's rules: a size cap while reading, an idle limit and
a minimum average rate, and a disconnect that is a clean, one-line event instead of a traceback.

The reader takes ASGI ``receive`` messages directly (not Starlette's stream, whose generator cannot
survive a timeout), hands each chunk to a sink as it arrives and keeps nothing itself, so the server's
memory does not grow with the body: uvicorn buffers at most 64 KiB per connection before it stops reading
from the socket.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from typing import Final

from starlette.requests import Request

from kyc_desk.sync.server.limits import Timeouts

#: How often a waiting reader wakes to apply the rate rule.
_TICK: Final = 0.5


class ClientGone(Exception):
    """The client closed the connection before the body ended."""

    def __init__(self, received: int) -> None:
        super().__init__(f"client disconnected after {received} bytes")
        self.received = received


class TooLarge(Exception):
    """The body is (or declares to be) larger than the cap."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the body is larger than {limit} bytes")
        self.limit = limit


class TooSlow(Exception):
    """The client sends the body too slowly (idle too long, or below the minimum rate)."""


def declared_length(request: Request, limit: int) -> int | None:
    """The Content-Length, if given; raises :class:`TooLarge` when it is over ``limit`` or not a number."""
    declared = request.headers.get("content-length")
    if declared is None:
        return None
    if not declared.isdigit() or int(declared) > limit:
        raise TooLarge(limit)
    return int(declared)


async def read_body(
    request: Request, limit: int, timeouts: Timeouts, sink: Callable[[bytes], None],
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Feed the body to ``sink`` chunk by chunk; returns its length.

    Raises :class:`TooLarge` as soon as the cap is passed, :class:`TooSlow` when the rate rule of
    ``timeouts`` is broken, and :class:`ClientGone` when the client disconnects.
    """
    declared_length(request, limit)
    start = last = clock()
    size = 0
    recent: deque[tuple[float, int]] = deque()
    in_window = 0
    while True:
        try:
            message = await asyncio.wait_for(request.receive(), timeout=min(_TICK, timeouts.body_idle))
        except TimeoutError:
            message = None
        now = clock()
        if message is not None:
            if message["type"] == "http.disconnect":
                raise ClientGone(size)
            chunk = message.get("body", b"")
            if chunk:
                size += len(chunk)
                if size > limit:
                    raise TooLarge(limit)
                sink(chunk)
                last = now
                recent.append((now, len(chunk)))
                in_window += len(chunk)
            if not message.get("more_body", False):
                return size
        while recent and recent[0][0] < now - timeouts.body_window:
            in_window -= recent.popleft()[1]
        if now - last > timeouts.body_idle:
            raise TooSlow(f"no data for {timeouts.body_idle:g} s")
        elapsed = now - start
        if elapsed > timeouts.body_grace and in_window / min(elapsed, timeouts.body_window) < timeouts.body_min_rate:
            raise TooSlow(f"slower than {timeouts.body_min_rate} bytes/s")
