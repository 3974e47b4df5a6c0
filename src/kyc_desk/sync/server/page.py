"""撮影ページ — the capture page a client's phone opens at the link (``/s/<token>``), and its files.

The page (``capture/``: HTML, CSS and ES modules) takes the document photos and the selfie, builds the
submission container and seals it with HPKE in the browser (docs/submission-format.md; WebCrypto for
X25519, SHA-256 and HMAC, ChaCha20-Poly1305 from ``capture/chacha20poly1305.js``), and uploads it to
``/v1/submit/<token>`` like any other client. The files ship inside the package (package data), so an
installed or frozen endpoint serves them with no build step and no network.

Every answer carries a strict Content-Security-Policy: scripts, styles and connections to this origin
only, images and video from the page itself (``blob:``/``mediastream:``), no frames, forms, plugins or
base changes — so the page makes no third-party request even if a file were altered in transit. The
files are read once and kept; the folder is fixed, and only the names in :data:`ASSETS` are served.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Final

from starlette.responses import Response

#: The files the page loads, with their media types; nothing else under ``/capture/`` exists.
ASSETS: Final = {
    "app.js": "text/javascript; charset=utf-8",
    "chacha20poly1305.js": "text/javascript; charset=utf-8",
    "envelope.js": "text/javascript; charset=utf-8",
    "hpke.js": "text/javascript; charset=utf-8",
    "quality.js": "text/javascript; charset=utf-8",
    "texts.js": "text/javascript; charset=utf-8",
    "page.css": "text/css; charset=utf-8",
}
PAGE: Final = "page.html"

CONTENT_SECURITY_POLICY: Final = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob:",
    "media-src 'self' blob: mediastream:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
])

_HEADERS: Final = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=(), payment=(), usb=()",
}


@cache
def read_asset(name: str) -> bytes:
    """The bytes of one of the page's files, exactly as served."""
    return resources.files(__package__).joinpath("capture", name).read_bytes()


def page_response(status: int = 200) -> Response:
    """The page; it asks ``/v1/submit/<token>`` itself, so a refused link shows the same page with the
    refusal's status, and the page says what it means (expired, used, unknown)."""
    return Response(read_asset(PAGE), status_code=status, media_type="text/html; charset=utf-8",
                    headers={**_HEADERS, "Cache-Control": "no-store"})


def asset_response(name: str) -> Response | None:
    """One of the page's files, or None for any other name."""
    media_type = ASSETS.get(name)
    if media_type is None:
        return None
    return Response(read_asset(name), media_type=media_type, headers={**_HEADERS, "Cache-Control": "no-cache"})


def asset_names() -> tuple[str, ...]:
    """Every file the page is made of (the page first)."""
    return (PAGE, *ASSETS)
