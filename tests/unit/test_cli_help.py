"""The command line's help speaks the language asked for, headings included: every command and action's
``--help`` in Japanese has no argparse English (usage:, options:, positional arguments:), and with
``--lang en`` before the command it is English from the first line (it was Japanese: the help texts were
made before ``--lang`` was read). argparse's errors follow too."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from kyc_desk.cli.help import DeskArgumentParser, language_from_argv, translate_error
from kyc_desk.cli.main import build_parser, main
from kyc_desk.i18n import set_language

ENGLISH_HEADINGS = re.compile(r"^(usage:|options:|positional arguments:)|show this help message", re.MULTILINE)
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@pytest.fixture(autouse=True)
def _language_back_to_default() -> Iterator[None]:
    yield
    set_language(None)


def command_paths(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command and action of the parser tree (``("records", "show")`` …)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name)
                yield from command_paths(sub, (*path, name))


def help_of(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


def test_every_help_is_japanese_with_japanese_headings(capsys: pytest.CaptureFixture[str]) -> None:
    set_language("ja")
    paths = list(command_paths(build_parser()))
    assert ("records", "show") in paths and len(paths) > 30
    for path in [(), *paths]:
        text = help_of(list(path), capsys)
        assert text.startswith("使い方: kyc-desk"), path
        assert not ENGLISH_HEADINGS.search(text), (path, text)
        assert "このヘルプを表示して終了" in text


def test_lang_en_before_the_command_gives_english_help(capsys: pytest.CaptureFixture[str]) -> None:
    for path in [(), *command_paths(build_parser())]:
        text = help_of(["--lang", "en", *path], capsys)
        assert text.startswith("usage: kyc-desk"), path
        assert "使い方" not in text and "オプション" not in text
        # what the commands say about themselves is English too (a legal letter such as ヘ or a Japanese term
        # in brackets may stay, a Japanese sentence may not)
        for line in text.splitlines():
            assert len(JAPANESE.findall(line)) <= 6, (path, line)
    assert help_of(["--lang=en", "records"], capsys).startswith("usage:")


def test_argparse_errors_are_translated(capsys: pytest.CaptureFixture[str]) -> None:
    set_language("ja")
    with pytest.raises(SystemExit) as done:
        main(["records", "show"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("使い方: kyc-desk records show")
    assert "kyc-desk records show: エラー: 次の引数が必要です: id" in err
    with pytest.raises(SystemExit):
        main(["records", "search", "--from", "2026/1/1"])
    assert "引数 --from: '2026/1/1' は日付（YYYY-MM-DD）として正しくありません" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--lang", "en", "records", "show"])
    assert "error: the following arguments are required: id" in capsys.readouterr().err
    assert translate_error("argument --status: invalid choice: 'x' (choose from 'a', 'b')") == (
        "引数 --status: 'x' は指定できません（指定できるもの: 'a', 'b'）"
    )
    assert translate_error("something argparse says one day") == "something argparse says one day"


def test_language_is_read_before_the_command_only() -> None:
    assert language_from_argv(["--lang", "en", "records"]) == "en"
    assert language_from_argv(["--demo", "--lang=en"]) == "en"
    assert language_from_argv(["records", "--lang", "en"]) is None  # an option of the command, not ours
    assert language_from_argv(["--lang", "fr"]) is None  # the parser refuses it


def test_a_parent_parser_s_options_share_the_heading() -> None:
    set_language("ja")
    common = DeskArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true")
    text = DeskArgumentParser(prog="x", parents=[common]).format_help()
    assert text.count("オプション:") == 1 and "--json" in text
