"""Entry point of the ``kyc-desk`` command.

With no arguments it opens the desk window. Sub-commands serve scripting; each lives in its own module
under ``kyc_desk.cli`` and is listed in :data:`COMMAND_MODULES`. A command module defines::

    def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        parser = subparsers.add_parser("name", help=...)
        parser.set_defaults(handler=run)

    def run(args: argparse.Namespace) -> int: ...

Command modules import heavy libraries (Qt, dlib, SQLAlchemy, pyscard) inside ``run``, never at module
level: every invocation imports all of them to build the parser, and the window's cold start must stay
fast.

Errors: a :class:`~kyc_desk.errors.KycDeskError` is printed as one line in the interface language and
exits with status 1; anything else is a bug, logged with its traceback, and reported as an internal error
(status 70) without a traceback on screen.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from kyc_desk import __version__
from kyc_desk.errors import ConfigError, KycDeskError
from kyc_desk.i18n import set_language, tr

#: Modules that add sub-commands, in the order ``--help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "kyc_desk.cli.doctor",
    "kyc_desk.cli.readers",
    "kyc_desk.cli.card",
    "kyc_desk.cli.trust",
    "kyc_desk.cli.records",
    "kyc_desk.cli.sync",
    "kyc_desk.cli.client",
    "kyc_desk.cli.face",
    "kyc_desk.cli.meeting",
)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INTERNAL = 70


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every registered sub-command."""
    parser = argparse.ArgumentParser(
        prog="kyc-desk",
        description="本人確認デスク / KYC Desk — identity verification for judicial scriveners",
    )
    parser.add_argument("--version", action="version", version=f"kyc-desk {__version__}")
    parser.add_argument("--lang", choices=("ja", "en"), help="interface language (default: ja)")
    parser.add_argument("--demo", action="store_true", help="demo mode (development set-up only: scripts/demo)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    from kyc_desk.logs import setup_logging

    log = setup_logging()
    try:
        handler = getattr(args, "handler", None)
        if handler is None:
            if args.demo:
                # Demo mode trusts test issuers and serves software cards: it lives in the test kit, which
                # the product never imports or ships.
                raise ConfigError(
                    "Demo mode comes with the development set-up: run scripts/demo "
                    "(python -m kyc_desk_testkit.demo) from a checkout.",
                    ja="デモモードは開発用の環境に含まれています。リポジトリの scripts/demo から起動してください。",
                )
            from kyc_desk.ui.app import run_desk

            return run_desk()
        result: int = handler(args)
        return result
    except KycDeskError as exc:
        print(f"kyc-desk: {exc.user_text()}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(tr("kyc-desk: 中断しました。", "kyc-desk: interrupted."), file=sys.stderr)
        return 130
    except Exception:
        log.exception("internal error in %s", getattr(args, "command", None) or "window")
        print(
            tr(
                "kyc-desk: 内部エラーが発生しました。詳細はログファイルに記録されました。",
                "kyc-desk: internal error; the details are in the log file.",
            ),
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
