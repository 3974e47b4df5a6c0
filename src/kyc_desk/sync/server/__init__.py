"""受付サーバー — the submission endpoint (``kyc-desk sync-server``): ASGI app, storage, limits, OpenAPI.

The one part of KYC Desk that strangers reach. It imports nothing of the desk (records, verification,
cards, faces, UI); pyproject.toml's import-linter contract and tests/sync/test_server_isolation.py hold it
to that. Names load on first use, so ``kyc_desk.sync.server.limits`` stays cheap to import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kyc_desk._lazy import lazy_names

if TYPE_CHECKING:
    from kyc_desk.sync.server.app import ServerConfig, create_app
    from kyc_desk.sync.server.limits import Limits, Rate, Timeouts
    from kyc_desk.sync.server.store import Store

_WHERE: dict[str, str] = {
    "Limits": "kyc_desk.sync.server.limits",
    "Rate": "kyc_desk.sync.server.limits",
    "ServerConfig": "kyc_desk.sync.server.app",
    "Store": "kyc_desk.sync.server.store",
    "Timeouts": "kyc_desk.sync.server.limits",
    "create_app": "kyc_desk.sync.server.app",
}

__all__ = ["Limits", "Rate", "ServerConfig", "Store", "Timeouts", "create_app"]


__getattr__ = lazy_names(__name__, _WHERE)
