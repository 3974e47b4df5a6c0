"""Name search index: every suffix of each client's folded name and kana, for substring search by index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21

The keys are computed with ``kyc_desk.records._convert.search_keys`` (the same function the app uses on
every insert), from the ``name_key`` column that 0001 already stores.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kyc_desk.records._convert import search_keys

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "name_search",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("client_id", sa.Integer, sa.ForeignKey("clients.id"), primary_key=True),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_name_search_client_id", "name_search", ["client_id"])
    bind = op.get_bind()
    rows = bind.exec_driver_sql("SELECT id, name_key FROM clients").all()
    keys = [(key, client_id) for client_id, name_key in rows for key in search_keys(name_key)]
    if keys:
        bind.exec_driver_sql("INSERT INTO name_search (key, client_id) VALUES (?, ?)", keys)


def downgrade() -> None:
    op.drop_table("name_search")
