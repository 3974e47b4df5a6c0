"""接続の時間制限 — uvicorn's HTTP/1.1 protocol with a deadline for the request's headers.

uvicorn closes an idle keep-alive connection (``timeout_keep_alive``) but waits for ever for headers that
arrive slowly or not at all, so a thousand half-open sockets stay open. :class:`HeaderTimeoutProtocol`
starts a timer when a connection opens and again when a response ends, stops it when a request's headers
are complete, and closes the connection when it fires. The deadline comes from :class:`EndpointConfig`
(a uvicorn ``Config`` that carries it, and pickles to worker processes).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger(__name__)


class EndpointConfig(uvicorn.Config):
    """uvicorn's configuration plus the header deadline (seconds)."""

    def __init__(self, *args: Any, header_timeout: float = 10.0, **kwargs: Any) -> None:
        kwargs.setdefault("http", HeaderTimeoutProtocol)
        super().__init__(*args, **kwargs)
        self.header_timeout = header_timeout


class HeaderTimeoutProtocol(H11Protocol):
    """h11 with a header deadline (see the module)."""

    def __init__(self, config: uvicorn.Config, *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        self._header_deadline = float(getattr(config, "header_timeout", 10.0))
        self._header_timer: asyncio.TimerHandle | None = None
        self._timed_cycle: object | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def handle_events(self) -> None:
        super().handle_events()
        if self._header_timer is not None and self.cycle is not None and self.cycle is not self._timed_cycle:
            self._disarm()  # a new request's headers are complete

    def on_response_complete(self) -> None:
        self._arm()  # before the base class handles pipelined requests, which disarm it again
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._timed_cycle = self.cycle
        self._header_timer = self.loop.call_later(self._header_deadline, self._expired)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _expired(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            log.debug("closing a connection whose request headers did not arrive in time")
            self.transport.close()
