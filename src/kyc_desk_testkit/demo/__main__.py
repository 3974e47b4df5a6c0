"""``python -m kyc_desk_testkit.demo`` — open the desk window in demo mode (what scripts/demo runs).

Demo mode belongs to the test kit, not to the product: it puts a software card on the vpcd virtual
reader and trusts the software cards' *test* issuers, which a real desk must never do. The desk itself
(:func:`kyc_desk.ui.app.run_desk`) receives the demo environment from here and knows nothing of it.

The demo runs in its own home: ``KYC_DESK_HOME`` when set (scripts/demo uses ``.cache/demo-home``),
otherwise a ``kyc-desk-demo`` folder in the user cache; :func:`claim_demo_home` refuses the real desk's
folders.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kyc_desk.errors import KycDeskError
from kyc_desk.i18n import set_language
from kyc_desk.paths import HOME_ENV
from kyc_desk_testkit.demo.environment import CARD_ENV, claim_demo_home, default_demo_home


def main(argv: Sequence[str] | None = None) -> int:
    """Claim the demo home, start the demo environment and run the window; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m kyc_desk_testkit.demo", description="本人確認デスク デモモード")
    parser.add_argument("--lang", choices=("ja", "en"), help="interface language of messages (default: ja)")
    parser.add_argument("--card", help="software card kind to put on the reader (default: mynumber)")
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    try:
        chosen = os.environ.get(HOME_ENV)
        home = claim_demo_home(Path(chosen) if chosen else default_demo_home())
        os.environ[HOME_ENV] = str(home)
        if args.card:
            os.environ[CARD_ENV] = args.card
        from kyc_desk.logs import setup_logging
        from kyc_desk.ui.app import run_desk
        from kyc_desk_testkit.demo.environment import DemoEnvironment

        setup_logging()
        return run_desk(DemoEnvironment.start())
    except KycDeskError as exc:
        print(f"kyc-desk demo: {exc.user_text()}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
