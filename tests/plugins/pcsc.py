"""Shared pytest fixtures for tests that use pcscd and the vpcd virtual reader.

Owned by the card stack; filled in as the software-card bridge lands.
"""
