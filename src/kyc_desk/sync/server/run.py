"""起動 — running the endpoint under uvicorn, in one process or several workers.

Workers are separate processes that build the app themselves (:func:`app_from_environment`), so the
configuration travels as JSON in ``KYC_DESK_ENDPOINT_CONFIG``. Every worker shares the database — rate
limits included — and the data folder. uvicorn's own handling of ``X-Forwarded-For`` is off: the app
decides which proxies to believe (``trusted_proxies``), and uvicorn's default would believe any local peer.
"""

from __future__ import annotations

import ctypes
import dataclasses
import json
import logging
import os
from pathlib import Path
from typing import Any, Final

import uvicorn
from starlette.applications import Starlette
from uvicorn.supervisors import Multiprocess

from kyc_desk.sync.server.app import ServerConfig, create_app
from kyc_desk.sync.server.limits import Limits, Rate, Timeouts
from kyc_desk.sync.server.protocol import EndpointConfig
from kyc_desk.sync.server.store import Store

ENV_CONFIG: Final = "KYC_DESK_ENDPOINT_CONFIG"
_RATES: Final = ("link", "link_failures", "desk", "auth_failures")
_M_MMAP_THRESHOLD: Final = -3  # mallopt parameter (malloc.h)


def config_to_json(config: ServerConfig) -> str:
    """The parts of ``config`` a worker needs (the clock and the method rule are the defaults)."""
    limits = dataclasses.asdict(config.limits)
    return json.dumps({
        "database_url": config.database_url, "public_url": config.public_url,
        "data_folder": str(config.data_folder) if config.data_folder else None,
        "trusted_proxies": list(config.trusted_proxies), "limits": limits,
        "purge_interval_seconds": config.purge_interval_seconds,
        "keep_claimed_seconds": config.keep_claimed_seconds, "keep_unclaimed_seconds": config.keep_unclaimed_seconds,
    })


def config_from_json(text: str) -> ServerConfig:
    obj: dict[str, Any] = json.loads(text)
    raw = obj.pop("limits")
    limits = Limits(**{
        **raw, **{name: Rate(**raw[name]) for name in _RATES}, "timeouts": Timeouts(**raw["timeouts"]),
    })
    folder = obj.pop("data_folder")
    proxies = tuple(obj.pop("trusted_proxies"))
    return ServerConfig(**obj, limits=limits, data_folder=Path(folder) if folder else None, trusted_proxies=proxies)


def app_from_environment() -> Starlette:
    """The app a worker process serves (uvicorn factory). Its log goes to standard error (the service
    manager's journal), one line per event, through the same scrubbing formatter as the desk's log."""
    log_to_stderr()
    release_large_buffers()
    return create_app(config_from_json(os.environ[ENV_CONFIG]))


def release_large_buffers() -> None:
    """Keep socket-sized buffers in their own memory mappings (glibc), so memory goes back when they go.

    glibc raises its mmap threshold each time a large mapped block is freed; after that, the 256 KiB reads
    of many concurrent uploads are carved from the heap, which keeps its high-water mark for ever (a
    hundred stalled uploads left about 90 MiB behind). A fixed 128 KiB threshold stops that (about 30 MiB).
    Elsewhere than glibc this does nothing.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_MMAP_THRESHOLD, 128 * 1024)
    except (OSError, AttributeError):
        return


def log_to_stderr(level: int = logging.INFO) -> None:
    """Send the endpoint's loggers to standard error (idempotent)."""
    from kyc_desk.logs import ScrubbingFormatter

    logger = logging.getLogger("kyc_desk.sync.server")
    if not any(getattr(h, "_endpoint", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(ScrubbingFormatter())
        handler._endpoint = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


def uvicorn_config(config: ServerConfig, *, host: str, port: int, workers: int = 1, app: Any = None) -> EndpointConfig:
    """uvicorn's configuration for ``config``: our header deadline, the keep-alive timeout, no proxy headers,
    no access log (request paths carry one-time link tokens)."""
    os.environ[ENV_CONFIG] = config_to_json(config)
    timeouts = config.limits.timeouts
    return EndpointConfig(
        app if app is not None else "kyc_desk.sync.server.run:app_from_environment", factory=app is None,
        host=host, port=port, workers=workers, proxy_headers=False, access_log=False, log_level="warning",
        timeout_keep_alive=max(1, round(timeouts.keep_alive)), header_timeout=timeouts.header, server_header=False,
        lifespan="on",
    )


def serve(config: ServerConfig, *, host: str, port: int, workers: int = 1) -> None:
    """Run until interrupted. The database schema is created here, once, before any worker starts."""
    Store(config.database_url).close()
    ucfg = uvicorn_config(config, host=host, port=port, workers=workers)
    if workers > 1:
        Multiprocess(ucfg, sockets=[ucfg.bind_socket()]).run()
    else:
        uvicorn.Server(ucfg).run()
