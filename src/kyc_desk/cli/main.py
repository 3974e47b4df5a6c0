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

Help and argparse's own words (``使い方:``, ``オプション``, its errors) are in the interface language through
one parser class, :class:`~kyc_desk.cli.help.DeskArgumentParser`, which every sub-command parser inherits;
``--lang`` is read before the parser is built, so help texts are made in the language asked for.

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
from kyc_desk.cli.help import DeskArgumentParser, language_from_argv
from kyc_desk.errors import ConfigError, KycDeskError
from kyc_desk.i18n import set_language, tr

#: Modules that add sub-commands, in the order ``--help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "kyc_desk.cli.doctor",
    "kyc_desk.cli.readers",
    "kyc_desk.cli.card",
    "kyc_desk.cli.trust",
    "kyc_desk.cli.records",
    "kyc_desk.cli.export",
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
    parser = DeskArgumentParser(
        prog="kyc-desk",
        description=tr("本人確認デスク — 司法書士のための本人確認",
                       "KYC Desk — identity verification for judicial scriveners"),
    )
    parser.add_argument("--version", action="version", version=f"kyc-desk {__version__}",
                        help=tr("バージョンを表示して終了", "show the version and exit"))
    parser.add_argument("--lang", choices=("ja", "en"),
                        help=tr("表示言語（既定: ja）。コマンドより前に指定",
                                "interface language (default: ja); before the command"))
    parser.add_argument("--demo", action="store_true",
                        help=tr("デモモード（開発用の環境のみ: scripts/demo）",
                                "demo mode (development set-up only: scripts/demo)"))
    subparsers = parser.add_subparsers(
        title=tr("コマンド", "commands"), dest="command", metavar=tr("コマンド", "COMMAND")
    )
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    if (lang := language_from_argv(sys.argv[1:] if argv is None else argv)) is not None:
        set_language(lang)  # before the parser is built: its help texts are made in this language
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
