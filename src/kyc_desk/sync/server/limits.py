"""利用制限 — the endpoint's size and rate limits.

Rates are token buckets kept in memory per (client address, group): a burst of ``burst`` calls, then
``per_minute`` calls a minute. They reset when the server restarts and are not shared between server
processes; an office that runs several behind a proxy should also limit at the proxy (docs/sync-server.md).
Nothing about a refused call is stored.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

#: Largest envelope the endpoint accepts (bytes). A ヘ submission with 10 selfie frames is well under 4 MB.
DEFAULT_MAX_UPLOAD_BYTES: Final = 12 * 1024 * 1024
#: Largest JSON body a desk may send.
MAX_JSON_BYTES: Final = 8 * 1024


@dataclass(frozen=True)
class Rate:
    """``burst`` calls at once, refilled at ``per_minute`` a minute."""

    per_minute: float
    burst: int


@dataclass(frozen=True)
class Limits:
    """All the endpoint's limits; ``Limits.off()`` for load tests."""

    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    #: Calls by link holders (phones): request info and upload.
    link: Rate = Rate(per_minute=30, burst=10)
    #: Calls by desks (token holders).
    desk: Rate = Rate(per_minute=600, burst=200)
    #: Failed authentications (unknown desk token or link), per client address.
    auth_failures: Rate = Rate(per_minute=20, burst=20)

    @classmethod
    def off(cls, max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES) -> Limits:
        huge = Rate(per_minute=1e9, burst=10**9)
        return cls(max_upload_bytes=max_upload_bytes, link=huge, desk=huge, auth_failures=huge)


@dataclass
class _Bucket:
    tokens: float
    stamp: float


@dataclass
class RateLimiter:
    """Token buckets keyed by any string; thread-safe."""

    clock: Callable[[], float] = time.monotonic
    _buckets: dict[tuple[str, str], _Bucket] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def allow(self, key: str, group: str, rate: Rate) -> float:
        """0.0 if a call may go ahead (and count it), else the seconds to wait."""
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get((key, group))
            if bucket is None:
                bucket = self._buckets[(key, group)] = _Bucket(float(rate.burst), now)
            bucket.tokens = min(float(rate.burst), bucket.tokens + (now - bucket.stamp) * rate.per_minute / 60.0)
            bucket.stamp = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            if len(self._buckets) > 100_000:  # bound memory under a flood of addresses
                self._buckets.clear()
            return (1.0 - bucket.tokens) * 60.0 / rate.per_minute

    def peek(self, key: str, group: str, rate: Rate) -> bool:
        """True if a call would be allowed now (nothing is counted)."""
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get((key, group))
            if bucket is None:
                return True
            tokens = min(float(rate.burst), bucket.tokens + (now - bucket.stamp) * rate.per_minute / 60.0)
            return tokens >= 1.0
