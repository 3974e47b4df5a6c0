"""The command line's own words in the interface language: help headings, usage, argparse's errors.

argparse writes ``usage:``, ``positional arguments:``, ``options:``, ``show this help message and exit``
and its error messages in English whatever the language. :class:`DeskArgumentParser` is the one parser
class of ``kyc-desk``: :func:`kyc_desk.cli.main.build_parser` makes the top parser one, and every
sub-command parser inherits the class (``add_subparsers`` makes its parsers of the parent's class), so a
command module needs nothing of its own. A module that builds a parent parser (``parents=[…]``) makes it
with :class:`DeskArgumentParser` too, so that its options land under the same heading.

The language is the one :mod:`kyc_desk.i18n` knows when the parser is built; ``main`` reads ``--lang``
from the command line first (:func:`language_from_argv`), so that ``kyc-desk --lang en records --help``
is English from the first line. Sub-command help texts use :func:`kyc_desk.i18n.tr` at build time and
follow the same choice.

Error messages are translated through :data:`ERRORS`, a table of argparse's message forms (Python 3.11–3.13
wording); a message no row matches is shown as argparse wrote it, after the translated prefix.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Any, Final, NoReturn

from kyc_desk.i18n import LANGUAGES, Lang, current_language, tr

#: argparse's error forms → the Japanese form; ``{0}``, ``{1}`` are the pattern's groups. An ``argument X:``
#: message is translated again inside (its part after the colon is itself one of these forms).
ERRORS: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"the following arguments are required: (.+)"), "次の引数が必要です: {0}"),
    (re.compile(r"unrecognized arguments: (.+)"), "使えない引数です: {0}"),
    (re.compile(r"one of the arguments (.+) is required"), "次のどれかを指定してください: {0}"),
    (re.compile(r"argument (.+?): (.+)"), "引数 {0}: {1}"),
    (re.compile(r"invalid choice: (.+?) \(choose from (.+)\)"), "{0} は指定できません（指定できるもの: {1}）"),
    (re.compile(r"invalid (\w+) value: (.+)"), "{1} は{0}として正しくありません"),
    (re.compile(r"expected one argument"), "値を1つ指定してください"),
    (re.compile(r"expected at least one argument"), "値を1つ以上指定してください"),
    (re.compile(r"expected at most one argument"), "値は1つまでです"),
    (re.compile(r"expected (\d+) arguments?"), "値を{0}個指定してください"),
    (re.compile(r"not allowed with argument (.+)"), "{0} と一緒には使えません"),
    (re.compile(r"ignored explicit argument (.+)"), "{0} は値を取りません"),
    (re.compile(r"ambiguous option: (.+?) could match (.+)"), "{0} は複数のオプションに当てはまります: {1}"),
)
#: What an argparse type's name means to a reader (``invalid fromisoformat value`` is a date).
TYPE_NAMES: Final[dict[str, str]] = {
    "fromisoformat": "日付（YYYY-MM-DD）",
    "int": "整数",
    "float": "数値",
    "Path": "パス",
}


def translate_error(message: str) -> str:
    """argparse's English error ``message`` in Japanese (unchanged when no form matches)."""
    for pattern, japanese in ERRORS:
        found = pattern.fullmatch(message)
        if found is None:
            continue
        parts = list(found.groups())
        if pattern.pattern.startswith("argument "):
            parts[1] = translate_error(parts[1])
        elif pattern.pattern.startswith("invalid (\\w+)"):
            parts[0] = TYPE_NAMES.get(parts[0], parts[0])
        return japanese.format(*parts)
    return message


class DeskHelpFormatter(argparse.HelpFormatter):
    """``使い方:`` instead of ``usage:`` in Japanese."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, tr("使い方: ", "usage: ") if prefix is None else prefix)


class DeskArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose headings, ``-h`` help and errors speak the interface language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", DeskHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        parents = kwargs.pop("parents", ())
        kwargs["add_help"] = False  # added below, with its help in the interface language
        super().__init__(*args, **kwargs)
        self._positionals.title = tr("引数", "positional arguments")
        self._optionals.title = tr("オプション", "options")
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS,
                help=tr("このヘルプを表示して終了", "show this help message and exit"),
            )
        for parent in parents:  # as argparse does, but after the headings are named: the groups merge
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def error(self, message: str) -> NoReturn:
        """Usage, then ``kyc-desk: エラー: …`` (status 2, as argparse)."""
        self.print_usage(sys.stderr)
        if current_language() == "ja":
            self.exit(2, f"{self.prog}: エラー: {translate_error(message)}\n")
        self.exit(2, f"{self.prog}: error: {message}\n")


def language_from_argv(argv: Sequence[str]) -> Lang | None:
    """The ``--lang`` given before the command (``--lang en`` or ``--lang=en``), read before the parser is
    built so that every help text is made in that language; ``None`` when not given or not a language
    (the parser then reports it)."""
    for index, token in enumerate(argv):
        if not token.startswith("-"):
            return None  # the command: options after it belong to the command
        value = token.removeprefix("--lang=") if token.startswith("--lang=") else None
        if token == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value is not None:
            return next((lang for lang in LANGUAGES if lang == value), None)
    return None
