"""The first schema: clients, matters, verifications and their children, and the audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TIME = sa.String(40)  # kyc_desk.records._orm.AwareDateTime: ISO-8601 text with the UTC offset


def _vid() -> sa.Column[int]:
    return sa.Column("verification_id", sa.Integer, sa.ForeignKey("verifications.id"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "clients",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_kana", sa.Text),
        sa.Column("name_key", sa.Text, nullable=False),
        sa.Column("birth_date", sa.Date),
        sa.Column("address", sa.Text),
        sa.Column("occupation", sa.Text),
        sa.Column("created_at", _TIME, nullable=False),
    )
    op.create_index("ix_clients_name_key", "clients", ["name_key"])
    op.create_index("ix_clients_birth_date", "clients", ["birth_date"])

    op.create_table(
        "matters",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("client_id", sa.Integer, sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("reference", sa.String(64)),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("opened_on", sa.Date, nullable=False),
        sa.Column("ended_on", sa.Date),
    )
    op.create_index("ix_matters_client_id", "matters", ["client_id"])
    op.create_index("ix_matters_reference", "matters", ["reference"])

    op.create_table(
        "verifications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("external_id", sa.String(128), unique=True),
        sa.Column("client_id", sa.Integer, sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("subject_id", sa.Integer, sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("subject_role", sa.String(16), nullable=False),
        sa.Column("authority", sa.Text),
        sa.Column("matter_id", sa.Integer, sa.ForeignKey("matters.id")),
        sa.Column("method", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("document_type", sa.String(64), nullable=False),
        sa.Column("document_number", sa.Text),
        sa.Column("document_number_key", sa.String(64)),
        sa.Column("document_has_chip", sa.Boolean, nullable=False),
        sa.Column("purpose", sa.Text),
        sa.Column("checked_by", sa.Text, nullable=False),
        sa.Column("recorded_by", sa.Text, nullable=False),
        sa.Column("verified_on", sa.Date, nullable=False),
        sa.Column("decision", sa.String(16)),
        sa.Column("decision_reason", sa.Text),
        sa.Column("decided_by", sa.Text),
        sa.Column("decided_at", _TIME),
        sa.Column("retention_until", sa.Date),
        sa.Column("created_at", _TIME, nullable=False),
    )
    for column in ("matter_id", "document_number_key", "verified_on", "retention_until"):
        op.create_index(f"ix_verifications_{column}", "verifications", [column])
    # (…, date): searches sort by date from the index alone and read only the page they show
    for column in ("client_id", "subject_id", "status"):
        op.create_index(f"ix_verifications_{column}_verified_on", "verifications", [column, "verified_on"])

    op.create_table(
        "method_events",
        sa.Column("id", sa.Integer, primary_key=True),
        _vid(),
        sa.Column("event", sa.String(32), nullable=False),
        sa.Column("at", _TIME, nullable=False),
        sa.UniqueConstraint("verification_id", "event"),
    )
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True),
        _vid(),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("label", sa.String(64)),
        sa.Column("media_type", sa.String(64), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("captured_at", _TIME),
    )
    op.create_table(
        "item_checks",
        sa.Column("id", sa.Integer, primary_key=True),
        _vid(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("item", sa.String(32), nullable=False),
        sa.Column("document_value", sa.Text),
        sa.Column("stated_value", sa.Text),
        sa.Column("result", sa.String(16), nullable=False),
        sa.Column("confirmed_by", sa.Text, nullable=False),
        sa.Column("note", sa.Text),
    )
    op.create_table(
        "face_results",
        sa.Column("id", sa.Integer, primary_key=True),
        _vid(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("engine", sa.String(64), nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("threshold", sa.Float),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text),
    )
    op.create_table(
        "report_checks",
        sa.Column("id", sa.Integer, primary_key=True),
        _vid(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text),
    )
    op.create_table(
        "transaction_records",
        sa.Column("id", sa.Integer, primary_key=True),
        _vid(),
        sa.Column("transacted_on", sa.Date, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("amount_yen", sa.Integer),
        sa.Column("property_from", sa.Text),
        sa.Column("property_to", sa.Text),
        sa.Column("note", sa.Text),
    )
    op.create_table(
        "meeting_notes",
        sa.Column("id", sa.Integer, primary_key=True),
        _vid(),
        sa.Column("written_at", _TIME, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("place", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
    )
    for table in (
        "method_events",
        "evidence",
        "item_checks",
        "face_results",
        "report_checks",
        "transaction_records",
        "meeting_notes",
    ):
        op.create_index(f"ix_{table}_verification_id", table, ["verification_id"])

    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("verification_id", sa.Integer),
        sa.Column("rows", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "audit_log",
        "meeting_notes",
        "transaction_records",
        "report_checks",
        "face_results",
        "item_checks",
        "evidence",
        "method_events",
        "verifications",
        "matters",
        "clients",
    ):
        op.drop_table(table)
