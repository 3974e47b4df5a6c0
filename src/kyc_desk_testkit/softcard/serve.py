"""Run a software card on a vpcd virtual reader as its own process (demo mode, and tests that kill it).

::

    python -m kyc_desk_testkit.softcard.serve --port 35963 --card minimal-mynumber --persona taro
    python -m kyc_desk_testkit.softcard.serve --list

It prints one line ``ready <port>`` on stdout once connected to vpcd, then serves until SIGTERM/SIGINT
(clean removal) or until it is killed (the card vanishes mid-exchange, as a card pulled off a reader).
Kinds come from :mod:`kyc_desk_testkit.softcard.registry`.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from kyc_desk.cards.errors import CardStackError
from kyc_desk_testkit.softcard.registry import build_card, card_kinds
from kyc_desk_testkit.softcard.vpcd import DEFAULT_PORT, VpcdBridge


def main(argv: Sequence[str] | None = None) -> int:
    """Serve one card until told to stop; exit 1 with one line on a KYC Desk error."""
    parser = argparse.ArgumentParser(prog="python -m kyc_desk_testkit.softcard.serve", description=__doc__)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="vpcd TCP port (default 35963)")
    parser.add_argument("--card", help="software-card kind (see --list)")
    parser.add_argument("--persona", default="taro", help="demo persona id (default taro)")
    parser.add_argument("--list", action="store_true", help="list the card kinds and exit")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(card_kinds()))
        return 0
    if not args.card:
        parser.error("--card is required")
    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    bridge = VpcdBridge(args.port)
    try:
        bridge.insert(build_card(args.card, args.persona))
    except CardStackError as exc:
        print(f"serve: {exc.message}", file=sys.stderr)
        return 1
    print(f"ready {args.port}", flush=True)
    try:
        while not stop.wait(0.2):
            if not bridge.inserted:
                print("serve: vpcd closed the connection", file=sys.stderr)
                return 1
    finally:
        bridge.remove()
    return 0


if __name__ == "__main__":
    sys.exit(main())
