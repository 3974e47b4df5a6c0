"""受付サーバー — the submission endpoint (``kyc-desk sync-server``): ASGI app, storage, limits, OpenAPI."""

from kyc_desk.sync.server.app import ServerConfig, create_app
from kyc_desk.sync.server.limits import Limits, Rate
from kyc_desk.sync.server.store import Store

__all__ = ["Limits", "Rate", "ServerConfig", "Store", "create_app"]
