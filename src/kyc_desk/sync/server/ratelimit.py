"""共有レート制限 — sliding-window counts kept in the endpoint's database.

Every worker process, and the next run after a restart, counts in the same table, so an office that
runs three workers behind its proxy still allows 30 link calls a minute per address, not 90. One call is
one short transaction: drop the key's events older than the window, count the rest, record this call if
there is room. The transaction holds a lock on the key (PostgreSQL: an advisory transaction lock on a hash
of the key; SQLite: the database's single write lock), so two workers never both take the last place.

Keys name a group and a subject (``link:203.0.113.7``); subjects that could be secret (a presented desk
token's prefix) are hashed by the caller. Refused calls are not recorded, so a flood does not grow the
table past ``count`` rows per key.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kyc_desk.sync.server.limits import Rate
from kyc_desk.sync.server.tables import rate_events


class SharedRateLimiter:
    """Sliding-window limits over ``rate_events``; thread- and process-safe."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._postgres = engine.dialect.name == "postgresql"

    def allow(self, key: str, rate: Rate, now: float) -> float:
        """0.0 if a call may go ahead (and count it), else the seconds until it may."""
        with self.engine.begin() as conn:
            if self._postgres:
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": key})
            # (on SQLite this DELETE takes the write lock for the rest of the transaction)
            conn.execute(rate_events.delete().where(rate_events.c.key == key,
                                                    rate_events.c.at <= now - rate.seconds))
            count, oldest = conn.execute(
                sa.select(sa.func.count(), sa.func.min(rate_events.c.at)).where(rate_events.c.key == key)
            ).one()
            if count >= rate.count:
                return max(0.001, float(oldest) + rate.seconds - now)
            conn.execute(rate_events.insert().values(key=key, at=now))
        return 0.0

    def exceeded(self, key: str, rate: Rate, now: float) -> bool:
        """True if the window for ``key`` is full now (nothing is counted)."""
        with self.engine.connect() as conn:
            count = conn.execute(
                sa.select(sa.func.count()).where(rate_events.c.key == key, rate_events.c.at > now - rate.seconds)
            ).scalar_one()
        return int(count) >= rate.count

    def purge(self, now: float, longest_window: float) -> int:
        """Drop events no window can still see; returns how many."""
        with self.engine.begin() as conn:
            return int(conn.execute(rate_events.delete().where(rate_events.c.at <= now - longest_window)).rowcount)
