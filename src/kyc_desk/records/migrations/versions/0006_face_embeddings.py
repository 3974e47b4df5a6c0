"""Face embeddings: the chip photo's and the live capture's embedding of each verification, for the local
duplicate-face check.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

Only a table is added; no existing row changes, so no audit entry is needed. Records saved before 0006
have no embeddings (their photos are not re-measured: the check covers verifications saved from now on).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "face_embeddings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("verification_id", sa.Integer, sa.ForeignKey("verifications.id"), nullable=False),
        sa.Column("face_result_id", sa.Integer, sa.ForeignKey("face_results.id"), nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("engine", sa.String(64), nullable=False),
        sa.Column("engine_version", sa.String(64), nullable=True),
        sa.Column("dims", sa.Integer, nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
        sqlite_autoincrement=True,  # ids never reused: (count, max id) is the search cache's key
    )
    op.create_index("ix_face_embeddings_verification_id", "face_embeddings", ["verification_id"])
    op.create_index("ix_face_embeddings_engine", "face_embeddings", ["engine"])


def downgrade() -> None:
    op.drop_table("face_embeddings")
