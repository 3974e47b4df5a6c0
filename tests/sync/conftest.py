"""Fixtures of the remote-submission tests: a real endpoint on loopback, desks, office keys, parts."""

from __future__ import annotations

import contextlib
import io
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from cryptography.hazmat.primitives.asymmetric import x25519
from PIL import Image

from kyc_desk_testkit.samples import sample_photo

if TYPE_CHECKING:  # the endpoint is imported only by tests that run it
    from kyc_desk.sync.server import ServerConfig, Store
    from kyc_desk.verify.trust import TrustStore


@dataclass
class LiveServer:
    """An endpoint served by uvicorn in a thread on a free loopback port."""

    url: str
    store: Store
    desk_token: str
    config: ServerConfig

    def add_desk(self, office: str = "office-a", label: str = "desk") -> str:
        _desk, token = self.store.add_desk(label, office, int(time.time()))
        return token


@contextlib.contextmanager
def serve(config: ServerConfig) -> Iterator[LiveServer]:
    """Run the endpoint for ``config`` until the block ends (real HTTP on 127.0.0.1)."""
    import uvicorn

    from kyc_desk.sync.server import Store, create_app
    from kyc_desk.sync.server.run import uvicorn_config

    store = Store(config.database_url)
    app = create_app(config, store)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config.public_url = f"http://127.0.0.1:{port}"
    # the product's uvicorn settings (header deadline, keep-alive, no proxy headers), on this app object
    server = uvicorn.Server(uvicorn_config(config, host="127.0.0.1", port=port, app=app))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test endpoint did not start")
        time.sleep(0.02)
    try:
        _desk, token = store.add_desk("test desk", "office-a", int(time.time()))
        yield LiveServer(config.public_url, store, token, config)
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()
        store.close()


@pytest.fixture
def live_server(tmp_path) -> Iterator[LiveServer]:
    """An endpoint on SQLite in a temporary folder, with default limits."""
    from kyc_desk.sync.server import ServerConfig

    with serve(ServerConfig(database_url=f"sqlite:///{tmp_path / 'endpoint.db'}")) as live:
        yield live


@pytest.fixture
def open_server(tmp_path) -> Iterator[LiveServer]:
    """An endpoint on SQLite with the rate limits off (for tests that make many calls)."""
    from kyc_desk.sync.server import Limits, ServerConfig

    config = ServerConfig(database_url=f"sqlite:///{tmp_path / 'endpoint.db'}", limits=Limits.off())
    with serve(config) as live:
        yield live


@pytest.fixture
def office_key() -> x25519.X25519PrivateKey:
    return x25519.X25519PrivateKey.generate()


def jpeg_of(photo: str, *, width: int = 480, rotate: float = 0.0) -> bytes:
    """A real sample photo, resized (and optionally rotated), as JPEG bytes."""
    with Image.open(sample_photo(photo)) as im:
        im = im.convert("RGB")
        if rotate:
            im = im.rotate(rotate, expand=False, fillcolor=(0, 0, 0))
        im.thumbnail((width, width))
        out = io.BytesIO()
        im.save(out, "JPEG", quality=85)
        return out.getvalue()


@pytest.fixture(scope="session")
def selfie_frames() -> list[bytes]:
    """Three frames of a real face (not a liveness sequence: for format and transport tests)."""
    return [jpeg_of("obama.jpg"), jpeg_of("obama2.jpg"), jpeg_of("obama3.jpg")]


@pytest.fixture
def japanese() -> Iterator[None]:
    """Japanese messages for the test (the texts these tests read), whatever ran before."""
    from kyc_desk.i18n import set_language

    set_language("ja")
    yield
    set_language(None)


@pytest.fixture(scope="module")
def anchors(tmp_path_factory: pytest.TempPathFactory) -> TrustStore:
    """A trust store with the software cards' test issuers."""
    from kyc_desk.verify.trust import load_trust_store
    from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors

    folder = tmp_path_factory.mktemp("trust")
    write_trust_anchors(folder, softcard_issuers())
    return load_trust_store(folder)
