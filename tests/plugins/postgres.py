"""Shared pytest fixtures that start a real PostgreSQL server (owned by the remote-submission tests)."""
