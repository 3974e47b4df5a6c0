"""利用制限 — the endpoint's sizes, rates, timeouts and concurrency caps, as plain values.

Rates are sliding windows — at most ``count`` calls in any ``seconds`` — counted in the endpoint's own
database (:mod:`.ratelimit`), so every worker process sees the same counts and a restart resets nothing.
Timeouts and concurrency caps are enforced inside each worker process (:mod:`.protocol`, :mod:`.body`,
:mod:`.app`); with several workers the overall upload cap is per worker (docs/sync-server.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

#: Largest envelope the endpoint accepts (bytes). A ヘ submission with 10 selfie frames is well under 4 MB.
DEFAULT_MAX_UPLOAD_BYTES: Final = 12 * 1024 * 1024
#: Largest JSON body a desk may send.
MAX_JSON_BYTES: Final = 8 * 1024
#: A rate with at least this count is no limit (``Limits.off``): calls are not even counted.
UNLIMITED: Final = 10**9


@dataclass(frozen=True)
class Rate:
    """At most ``count`` calls in any ``seconds`` (a sliding window)."""

    count: int
    seconds: float = 60.0


@dataclass(frozen=True)
class Timeouts:
    """How long a client may take. The body rule: after ``body_grace`` seconds, the bytes received in the
    last ``body_window`` seconds must average at least ``body_min_rate`` bytes a second, and no gap
    between two reads may exceed ``body_idle``."""

    #: From connecting (or the end of the previous response) to the end of the request's headers.
    header: float = 10.0
    #: An idle keep-alive connection is closed after this long.
    keep_alive: float = 5.0
    body_idle: float = 30.0
    body_grace: float = 10.0
    body_window: float = 30.0
    body_min_rate: int = 16 * 1024


@dataclass(frozen=True)
class Limits:
    """All the endpoint's limits; ``Limits.off()`` for tests that make many calls."""

    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    #: Calls by link holders (phones), per client address: request info and upload.
    link: Rate = Rate(30)
    #: Unknown links, per client address (guessing).
    link_failures: Rate = Rate(20)
    #: Calls by one desk (token holder).
    desk: Rate = Rate(600)
    #: Failed desk authentications, counted per address and per presented token prefix separately.
    auth_failures: Rate = Rate(20)
    #: Uploads one link may make before a desk pulls it (the last complete one is kept).
    uploads_per_link: int = 3
    #: Uploads in progress at once, per worker process, and per link.
    concurrent_uploads: int = 200
    concurrent_uploads_per_link: int = 2
    timeouts: Timeouts = field(default_factory=Timeouts)

    @classmethod
    def off(cls, max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES) -> Limits:
        """No rate limits (the sizes, timeouts and upload counts stay)."""
        huge = Rate(UNLIMITED)
        return cls(max_upload_bytes=max_upload_bytes, link=huge, link_failures=huge, desk=huge, auth_failures=huge)
