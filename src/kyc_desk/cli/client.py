"""``kyc-desk client LINK``: the client app — a small window that reads the client's card, records the
selfie and sends the submission (docs/client-app.md). Qt is imported inside :func:`run`."""

from __future__ import annotations

import argparse

from kyc_desk.i18n import tr


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``client``."""
    parser = subparsers.add_parser("client", help=tr("本人確認の提出アプリ（依頼者用のウィンドウ）",
                                                     "the client app: a window for clients to submit"))
    parser.add_argument("link", help=tr("事務所から届いたリンク（#k= まで全部）",
                                        "the link from the office (all of it, with #k=)"))
    parser.add_argument("--camera", type=int, default=0, metavar="N",
                        help=tr("使うカメラの番号（既定 0）", "the camera to use (default 0)"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kyc_desk.app.client import webcam
    from kyc_desk.sync.client import parse_link
    from kyc_desk.ui.client import run_client

    parse_link(args.link)  # a mistyped link is said on the command line, before any window opens
    return run_client(args.link, open_camera=webcam(args.camera))
