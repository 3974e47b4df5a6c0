"""Card links: the user-authentication certificate (issuer, serial) a verification was proven with.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05

Returning clients are recognised by the card (kyc_desk.verify.card_link); only the certificate's issuer,
issuer key id, serial number and end of validity are kept.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TIME = sa.String(40)  # kyc_desk.records._orm.AwareDateTime: ISO-8601 text with the UTC offset


def upgrade() -> None:
    op.create_table(
        "card_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("verification_id", sa.Integer, sa.ForeignKey("verifications.id"), nullable=False),
        sa.Column("issuer", sa.Text, nullable=False),
        sa.Column("issuer_key_id", sa.String(64), nullable=False),
        sa.Column("serial", sa.String(64), nullable=False),
        sa.Column("not_after", _TIME, nullable=False),
        sa.Column("linked_at", _TIME, nullable=False),
    )
    op.create_index("ix_card_links_verification_id", "card_links", ["verification_id"])
    op.create_index("ix_card_links_issuer_serial", "card_links", ["issuer", "serial"])


def downgrade() -> None:
    op.drop_table("card_links")
