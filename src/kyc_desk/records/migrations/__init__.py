"""Alembic migrations of the record store (package data; run by :func:`kyc_desk.records._db.upgrade`)."""
