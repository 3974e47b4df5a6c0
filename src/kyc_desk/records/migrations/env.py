"""Alembic environment: runs on the connection the desk passes in ``config.attributes["connection"]``.

There is no URL and no offline mode: the database is encrypted, and only the desk holds its key.
"""

from __future__ import annotations

from alembic import context

from kyc_desk.records._orm import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("the record store's migrations run only from kyc_desk.records (they need the key)")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
