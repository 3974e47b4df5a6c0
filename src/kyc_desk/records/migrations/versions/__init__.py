"""Alembic revisions, oldest first. Bump ``kyc_desk.records._db.HEAD_REVISION`` with every new one.

A revision that renames a column of an audited table or rewrites its values must also append an audit
entry (``kyc_desk.records.audit.append_entry``, action ``"migration"``) for the rows it changed; adding a
nullable column needs nothing (NULL columns are left out of row digests).
"""
