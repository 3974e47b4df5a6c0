"""``kyc-desk trust list|add|remove``: the trust store (docs/trust-store.md) from the command line.

``list`` shows every trusted item with its subject, validity, SHA-256 fingerprint and source (shipped /
installed). ``add FILE`` shows what the file holds — the fingerprint above all, to compare with the
issuer's published value — and installs it only after the user confirms (``--yes`` confirms in advance,
for scripts that compared the fingerprint themselves). ``remove`` takes a fingerprint (or a prefix of at
least 8 hex digits) or a file name, shows the entry and asks again. Without a terminal and without
``--yes`` nothing is changed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kyc_desk.cli.help import DeskArgumentParser
from kyc_desk.errors import KycDeskError
from kyc_desk.i18n import tr

if TYPE_CHECKING:
    from kyc_desk.verify.trust_admin import TrustEntry


class TrustCommandError(KycDeskError):
    """A trust command could not run (the message says why; nothing was changed)."""

    default_ja = "信頼済み発行者の操作ができませんでした。"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``trust list|add|remove``."""
    parser = subparsers.add_parser(
        "trust", help=tr("信頼済み発行者の一覧・追加・削除", "list, add or remove trust anchors")
    )
    actions = parser.add_subparsers(dest="trust_action", metavar="ACTION", required=True)
    common = DeskArgumentParser(add_help=False)  # its options under the same heading as the action's
    common.add_argument("--trust-dir", type=Path, metavar="DIR", help=tr("信頼済み発行者フォルダ", "the trust folder"))
    common.add_argument("--json", action="store_true", help=tr("JSON で出力", "print JSON"))
    listing = actions.add_parser("list", parents=[common], help=tr("一覧", "list what is trusted"))
    listing.set_defaults(handler=run_list)
    add = actions.add_parser("add", parents=[common], help=tr("追加（指紋を確認してから）", "install a file"))
    add.add_argument("file", type=Path)
    add.add_argument("--yes", action="store_true", help=tr("確認済みとして追加", "the fingerprint was compared"))
    add.add_argument(
        "--test-mode",
        action="store_true",
        help=tr(
            "出入国在留管理庁のテスト用ルートも受け付ける（真正性の確認にはなりません）",
            "also accept ISA's TEST root (never production authenticity)",
        ),
    )
    add.set_defaults(handler=run_add)
    drop = actions.add_parser("remove", parents=[common], help=tr("削除", "remove an installed item"))
    drop.add_argument("key", metavar="FINGERPRINT|FILE")
    drop.add_argument("--yes", action="store_true", help=tr("確認済みとして削除", "confirm in advance"))
    drop.set_defaults(handler=run_remove)


def _print_entries(entries: list[TrustEntry]) -> None:
    from kyc_desk.app.texts import date_text
    from kyc_desk.jp.time import legal_date

    for entry in entries:
        labels = {"shipped": tr("同梱", "shipped"), "installed": tr("追加", "installed")}
        source = labels.get(entry.source, entry.source)
        print(f"[{source}] {entry.subject}")
        if entry.anchor:
            label = tr("在留カード等の発行者（公表指紋と一致）", "residence-card root (published fingerprint)")
            print(f"    {label}: {entry.anchor}")
        if entry.not_before or entry.not_after:  # Japanese calendar days, as the desk shows dates
            start = date_text(legal_date(entry.not_before)) if entry.not_before else "-"
            end = date_text(legal_date(entry.not_after)) if entry.not_after else "-"
            print(f"    {tr('有効期間', 'validity')}: {start} – {end}")
        print(f"    SHA-256: {entry.fingerprint}")
        print(f"    {tr('ファイル', 'file')}: {entry.file}" + (f"  ({entry.status})" if entry.status else ""))


def _confirm(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise TrustCommandError(
            "no terminal to confirm: compare the fingerprint, then run again with --yes",
            ja="確認する端末がありません。指紋を確認してから --yes を付けて実行してください。",
        )
    answer = input(f"{question} [y/N] ").strip().lower()
    return answer in ("y", "yes", "はい")


def run_list(args: argparse.Namespace) -> int:
    """``trust list``."""
    from kyc_desk.verify.trust_admin import list_entries

    entries = list_entries(args.trust_dir)
    if args.json:
        print(json.dumps({"entries": [e.to_json() for e in entries]}, ensure_ascii=False))
    else:
        _print_entries(entries)
    return 0


def run_add(args: argparse.Namespace) -> int:
    """``trust add FILE``."""
    from kyc_desk.verify.trust_admin import inspect_file, install

    entries = inspect_file(args.file, args.trust_dir, test_mode=args.test_mode)
    if not args.json:
        _print_entries(entries)
    question = tr(
        "発行者が公表している SHA-256 指紋と一致することを確認しましたか？ 追加しますか？",
        "Does the SHA-256 fingerprint match the one the issuer publishes? Install it?",
    )
    if not _confirm(question, args.yes):
        print(tr("追加しませんでした。", "Not installed."), file=sys.stderr)
        if args.json:
            print(json.dumps({"installed": False, "entries": [e.to_json() for e in entries]}, ensure_ascii=False))
        return 1
    target = install(args.file, args.trust_dir, test_mode=args.test_mode)
    if args.json:
        document = {"installed": True, "file": str(target), "entries": [e.to_json() for e in entries]}
        print(json.dumps(document, ensure_ascii=False))
    else:
        print(tr(f"追加しました: {target}", f"Installed: {target}"))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """``trust remove FINGERPRINT|FILE``."""
    from kyc_desk.verify.trust_admin import find_installed, remove

    entry = find_installed(args.key, args.trust_dir)
    if not args.json:
        _print_entries([entry])
    if not _confirm(tr("この項目を信頼済みから削除しますか？", "Remove this from the trust store?"), args.yes):
        print(tr("削除しませんでした。", "Not removed."), file=sys.stderr)
        return 1
    path = remove(entry, args.trust_dir)
    if args.json:
        print(json.dumps({"removed": True, "file": str(path), "entry": entry.to_json()}, ensure_ascii=False))
    else:
        print(tr(f"削除しました: {entry.fingerprint}", f"Removed: {entry.fingerprint}"))
    return 0
