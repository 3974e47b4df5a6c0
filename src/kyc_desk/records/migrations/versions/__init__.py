"""Alembic revisions, oldest first. Bump ``kyc_desk.records._db.HEAD_REVISION`` with every new one."""
