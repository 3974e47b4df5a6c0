"""The endpoint's tables (SQLAlchemy Core, the same on SQLite and PostgreSQL); see :mod:`.store`."""

from __future__ import annotations

from typing import Final

import sqlalchemy as sa

metadata: Final = sa.MetaData()

desks: Final = sa.Table(
    "desks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("label", sa.String(64), nullable=False),
    sa.Column("office", sa.String(64), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.BigInteger, nullable=False),
)

requests: Final = sa.Table(
    "requests",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("office", sa.String(64), nullable=False, index=True),
    sa.Column("desk_id", sa.Integer, sa.ForeignKey("desks.id"), nullable=False),
    sa.Column("link_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("methods", sa.String(16), nullable=False),
    sa.Column("office_key", sa.String(64), nullable=False),
    sa.Column("key_id", sa.String(32), nullable=False),
    sa.Column("challenge", sa.String(64), nullable=False),
    sa.Column("reference", sa.String(64), nullable=False, default=""),
    sa.Column("liveness", sa.String(64), nullable=False, default=""),
    sa.Column("created_at", sa.BigInteger, nullable=False),
    sa.Column("expires_at", sa.BigInteger, nullable=False, index=True),
    sa.Column("status", sa.String(16), nullable=False),  # open | submitted | claimed
    sa.Column("submission_id", sa.String(32), nullable=True, unique=True),
    #: Complete uploads so far (a client may replace its submission until a desk pulls it).
    sa.Column("uploads", sa.Integer, nullable=False, default=0),
    #: A desk has downloaded the submission: no more replacements.
    sa.Column("pulled", sa.Boolean, nullable=False, default=False),
)

submissions: Final = sa.Table(
    "submissions",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("request_id", sa.String(32), sa.ForeignKey("requests.id"), nullable=False, unique=True),
    sa.Column("office", sa.String(64), nullable=False, index=True),
    sa.Column("method", sa.String(4), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("received_at", sa.BigInteger, nullable=False),
    #: The envelope's file name in the data folder's ``envelopes/`` (ciphertext only).
    sa.Column("blob", sa.String(64), nullable=False),
)

rate_events: Final = sa.Table(
    "rate_events",
    metadata,
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(160), nullable=False),
    sa.Column("at", sa.Float, nullable=False),
    sa.Index("rate_events_key_at", "key", "at"),
)
