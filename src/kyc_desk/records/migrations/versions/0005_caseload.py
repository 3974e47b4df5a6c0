"""The caseload: documents per verification, 転送不要郵便, reliance, high risk, the split decision, matter
parties, 取引記録 per matter, and meetings (面談カード・面談記録).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

Only tables and nullable columns are added, so no existing row changes shape and its audit digest stays
as it was; nothing is rebuilt or dropped. Two kinds of rows gain values:

- every matter gets its client as its first party (``matter_parties``, role ``client``), so matters can
  be listed and filtered by party the same way whether made before or after 0005;
- a verification decided before 0005 keeps its old decision and gains the split one where the old one
  said it: 「受任可（本人確認できた）」 → identity ``confirmed`` and engagement ``accepted``;
  「要追加確認」 → identity ``needs_more``; 「受任不可」 → engagement ``declined`` (it did not say whether
  the identity was confirmed, so the identity result stays empty).

One audit entry (action ``migration``) records every row added or changed, so ``verify-audit`` stays clean.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kyc_desk.records.audit import append_entry

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ACTOR = "kyc-desk migration 0005"
_TIME = sa.String(40)  # kyc_desk.records._orm.AwareDateTime: ISO-8601 text with the UTC offset

#: Old decision → (identity result, engagement), as the old decision's words said it.
_SPLIT = {
    "accepted": ("confirmed", "accepted"),
    "follow_up": ("needs_more", None),
    "rejected": (None, "declined"),
}

_VERIFICATION_COLUMNS = (
    ("match_basis", sa.String(32)),
    ("match_note", sa.Text),
    ("risk_reasons", sa.Text),
    ("risk_note", sa.Text),
    ("identity_result", sa.String(16)),
    ("identity_reasons", sa.Text),
    ("identity_note", sa.Text),
    ("identity_by", sa.Text),
    ("identity_at", _TIME),
    ("engagement", sa.String(16)),
    ("engagement_note", sa.Text),
    ("engagement_by", sa.Text),
    ("engagement_at", _TIME),
)


def upgrade() -> None:
    # relied_on_id is a plain integer, not a foreign key: SQLite cannot drop a foreign-key column in place,
    # and the store itself refuses to purge a record a kept one relies on (RecordStore.purge)
    op.add_column("verifications", sa.Column("relied_on_id", sa.Integer))
    for name, type_ in _VERIFICATION_COLUMNS:
        op.add_column("verifications", sa.Column(name, type_))
    op.create_index("ix_verifications_identity_result", "verifications", ["identity_result"])
    op.add_column("matters", sa.Column("note", sa.Text))
    with op.batch_alter_table("transaction_records") as batch:  # nothing refers to it: a rebuild is safe
        batch.add_column(sa.Column("matter_id", sa.Integer))
        batch.create_foreign_key("fk_transaction_records_matter_id", "matters", ["matter_id"], ["id"])
    op.create_index("ix_transaction_records_matter_id", "transaction_records", ["matter_id"])

    op.create_table(
        "matter_parties",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("matter_id", sa.Integer, sa.ForeignKey("matters.id"), nullable=False),
        sa.Column("client_id", sa.Integer, sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("role_note", sa.Text),
        sa.UniqueConstraint("matter_id", "client_id", "role"),
    )
    op.create_index("ix_matter_parties_matter_id", "matter_parties", ["matter_id"])
    op.create_index("ix_matter_parties_client_id", "matter_parties", ["client_id"])

    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("verification_id", sa.Integer, sa.ForeignKey("verifications.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("number", sa.Text),
        sa.Column("number_key", sa.String(64)),
        sa.Column("issued_on", sa.Date),
        sa.Column("expires_on", sa.Date),
        sa.Column("note", sa.Text),
        sa.Column("evidence_id", sa.Integer, sa.ForeignKey("evidence.id")),
    )
    op.create_index("ix_documents_verification_id", "documents", ["verification_id"])
    op.create_index("ix_documents_number_key", "documents", ["number_key"])

    op.create_table(
        "mailings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("verification_id", sa.Integer, sa.ForeignKey("verifications.id"), nullable=False, unique=True),
        sa.Column("mailed_at", _TIME, nullable=False),
        sa.Column("tracking_number", sa.String(64)),
        sa.Column("address", sa.Text),
        sa.Column("outcome", sa.String(16)),
        sa.Column("outcome_on", sa.Date),
    )

    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("matter_id", sa.Integer, sa.ForeignKey("matters.id")),
        sa.Column("starts_at", _TIME, nullable=False),
        sa.Column("ends_at", _TIME),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("place", sa.Text),
        sa.Column("platform", sa.String(16)),
        sa.Column("url", sa.Text),
        sa.Column("meeting_code", sa.String(64)),
        sa.Column("passcode", sa.String(64)),
        sa.Column("staff", sa.Text, nullable=False),
        sa.Column("confirmed", sa.Text, nullable=False),
        sa.Column("minutes_kind", sa.String(64)),
        sa.Column("minutes", sa.Text, nullable=False),
        sa.Column("notes", sa.Text),
        sa.Column("recorded_by", sa.Text),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
    )
    op.create_index("ix_meetings_matter_id", "meetings", ["matter_id"])
    op.create_index("ix_meetings_day", "meetings", ["day"])

    op.create_table(
        "meeting_attendees",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id"), nullable=False),
        sa.Column("client_id", sa.Integer, sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("role_note", sa.Text),
    )
    op.create_index("ix_meeting_attendees_meeting_id", "meeting_attendees", ["meeting_id"])
    op.create_index("ix_meeting_attendees_client_id", "meeting_attendees", ["client_id"])

    op.create_table(
        "meeting_verifications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id"), nullable=False),
        sa.Column("verification_id", sa.Integer, sa.ForeignKey("verifications.id"), nullable=False),
        sa.UniqueConstraint("meeting_id", "verification_id"),
    )
    op.create_index("ix_meeting_verifications_meeting_id", "meeting_verifications", ["meeting_id"])
    op.create_index("ix_meeting_verifications_verification_id", "meeting_verifications", ["verification_id"])

    bind = op.get_bind()
    changed: list[tuple[str, int, str]] = []
    for matter_id, client_id in bind.exec_driver_sql("SELECT id, client_id FROM matters ORDER BY id").all():
        bind.exec_driver_sql(
            "INSERT INTO matter_parties (matter_id, client_id, role) VALUES (?, ?, 'client')", (matter_id, client_id)
        )
        party = bind.exec_driver_sql("SELECT last_insert_rowid()").scalar_one()
        changed.append(("matter_parties", int(party), "insert"))
    rows = bind.exec_driver_sql(
        "SELECT id, decision, decided_by, decided_at, decision_reason FROM verifications"
        " WHERE decision IS NOT NULL AND decided_by IS NOT NULL AND decided_at IS NOT NULL ORDER BY id"
    ).all()
    for row_id, decision, by, at, reason in rows:
        identity, engagement = _SPLIT.get(decision, (None, None))
        if identity is None and engagement is None:
            continue
        bind.exec_driver_sql(
            "UPDATE verifications SET identity_result = ?, identity_by = ?, identity_at = ?, identity_note = ?,"
            " engagement = ?, engagement_by = ?, engagement_at = ? WHERE id = ?",
            (identity, by if identity else None, at if identity else None, reason if identity else None,
             engagement, by if engagement else None, at if engagement else None, row_id),
        )
        changed.append(("verifications", int(row_id), "update"))
    if changed:
        append_entry(bind, actor=ACTOR, action="migration", verification_id=None, changes=changed)  # type: ignore[arg-type]


def downgrade() -> None:
    """Drop what 0005 added (the split decision, documents, mailings, meetings and parties are lost)."""
    bind = op.get_bind()
    changed: list[tuple[str, int, str]] = []
    for table in ("meeting_verifications", "meeting_attendees", "meetings", "mailings", "documents",
                  "matter_parties"):
        changed += [(table, int(i), "delete") for (i,) in bind.exec_driver_sql(f"SELECT id FROM {table}")]
    split = bind.exec_driver_sql(
        "SELECT id FROM verifications WHERE identity_result IS NOT NULL OR engagement IS NOT NULL"
        " OR relied_on_id IS NOT NULL OR risk_reasons IS NOT NULL"
    ).all()
    moved = bind.exec_driver_sql("SELECT id FROM transaction_records WHERE matter_id IS NOT NULL").all()
    for table in ("meeting_verifications", "meeting_attendees", "meetings", "mailings", "documents",
                  "matter_parties"):
        op.drop_table(table)
    # columns go with ALTER TABLE … DROP COLUMN (SQLite 3.35+), never by rebuilding a table: rebuilding
    # a table others refer to fails under foreign keys, which a migration's transaction cannot turn off
    op.drop_index("ix_transaction_records_matter_id", "transaction_records")
    with op.batch_alter_table("transaction_records") as batch:  # nothing refers to it: a rebuild is safe
        batch.drop_column("matter_id")
    op.drop_index("ix_verifications_identity_result", "verifications")
    bind.exec_driver_sql("ALTER TABLE matters DROP COLUMN note")
    for name in ("relied_on_id", *(n for n, _t in _VERIFICATION_COLUMNS)):
        bind.exec_driver_sql(f"ALTER TABLE verifications DROP COLUMN {name}")
    changed += [("verifications", int(i), "update") for (i,) in split]
    changed += [("transaction_records", int(i), "update") for (i,) in moved]
    if changed:
        append_entry(bind, actor=ACTOR, action="migration", verification_id=None, changes=changed)  # type: ignore[arg-type]
