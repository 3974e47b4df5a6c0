"""The one place httpx errors and refusals become :mod:`kyc_desk.sync.errors` (style.md §2.5)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from kyc_desk.sync.errors import LinkInvalid, MethodNotAllowed, SyncRejected, SyncUnreachable

_JA: dict[str, str] = {
    "unauthorized": "受付サーバーがこのデスクのトークンを受け付けません。",
    "rate_limited": "受付サーバーへのアクセスが多すぎます。しばらくしてから再度お試しください。",
    "too_large": "提出データが大きすぎます。",
    "malformed_envelope": "提出データの形式が不正です。",
    "wrong_key": "提出データが事務所の鍵で暗号化されていません。",
    "request_mismatch": "提出データが別の依頼のものです。",
    "unknown_submission": "受付サーバーにその提出データがありません。",
}
#: What a client is told when the endpoint refuses its link (the link's holder reads these, not the desk).
_LINK_JA: dict[str, str] = {
    "unknown_link": "このリンクは受付サーバーに登録されていません。メールのリンクをそのまま使ってください。",
    "link_expired": "このリンクは有効期限が切れています。事務所に新しいリンクを依頼してください。",
    "link_used": "このリンクは使用済みです（提出は受け付け済みか、送信回数の上限に達しました）。",
}


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn transport failures into :class:`SyncUnreachable`; refusals are raised by :func:`check`."""
    try:
        yield
    except httpx.TimeoutException as exc:
        raise SyncUnreachable("the endpoint did not answer in time", ja="受付サーバーが応答しません。") from exc
    except httpx.TransportError as exc:
        raise SyncUnreachable(f"cannot reach the endpoint ({type(exc).__name__})") from exc


def check(response: httpx.Response) -> httpx.Response:
    """Return a 2xx response; raise the matching :class:`SyncError` for anything else."""
    if response.is_success:
        return response
    code, message = "", f"HTTP {response.status_code}"
    try:
        body = response.json()
        if isinstance(body, dict):
            code = str(body.get("error", ""))[:64]
            message = str(body.get("message", message))[:300]
    except ValueError:
        pass
    text = f"the endpoint refused the call: {message} (HTTP {response.status_code})"
    if code in _LINK_JA:
        raise LinkInvalid(text, code=code, ja=_LINK_JA[code])
    if code == "method_not_allowed":
        raise MethodNotAllowed(text, ja="この確認方法は利用できません（ホ方式は2027年3月31日まで）。")
    raise SyncRejected(text, status=response.status_code, code=code, ja=_JA.get(code))
