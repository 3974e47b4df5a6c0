"""``kyc-desk export``: records that leave the desk — CSV for Excel, images, the hand-off bundle — and the
import of a hand-off bundle from another desk.

Sub-commands (each takes ``--json`` for one JSON document on stdout)::

    export csv     SELECTION --out FILE [--encoding utf-8-sig|cp932] [--unencodable refuse|geta|codepoint]
    export images  SELECTION --out NEW_FOLDER [--zip [--encrypt]]
    export bundle  SELECTION --out FILE.zip [--format kyc-desk] [--encrypt]
    export import-bundle FILE.zip
    export pdf     …   (the PDF 本人確認記録: :mod:`kyc_desk.cli.export_pdf` registers it, see below)

    SELECTION:  [--record ID ...] [--matter ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD]   (none: every record)

An existing file is replaced only with ``--force``; a folder never. Passphrases (the record store's, the
export's) are typed at a prompt, or with ``--stdin`` read from standard input one per line in the order
the prompts would ask (the store's first); never from the command line. Every export is an audit entry.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import importlib
import importlib.util
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kyc_desk.cli.input import positive_int
from kyc_desk.i18n import tr

if TYPE_CHECKING:
    from kyc_desk.cli.records import _Secrets
    from kyc_desk.export import ExportResult, Selection

#: The module of the PDF kind (``register_pdf(kinds)`` adds ``export pdf`` with its own handler).
PDF_MODULE = "kyc_desk.cli.export_pdf"


def selection_options(sub: argparse.ArgumentParser) -> None:
    """The options that choose records, the same for every export (the PDF's too)."""
    sub.add_argument(
        "--record", dest="records", type=positive_int, action="append", default=[], metavar="ID",
        help=tr("記録番号（複数可）", "verification id (repeatable)"),
    )  # fmt: skip
    sub.add_argument("--matter", type=positive_int, metavar="ID", help=tr("事件番号", "matter id"))
    sub.add_argument("--from", dest="date_from", type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    sub.add_argument("--to", dest="date_to", type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    sub.add_argument("--out", type=Path, required=True, help=tr("書き出し先", "where to write"))


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export`` sub-command and its actions."""
    parser = subparsers.add_parser(
        "export",
        help=tr("記録の書き出し（PDF・CSV・画像・引き継ぎファイル）と取り込み", "export and import records"),
    )
    kinds = parser.add_subparsers(dest="export_kind", metavar="KIND", required=True)

    def action(name: str, help_ja: str, help_en: str) -> argparse.ArgumentParser:
        sub = kinds.add_parser(name, help=tr(help_ja, help_en))
        sub.add_argument("--json", action="store_true", help=tr("JSON で出力", "JSON output"))
        sub.add_argument(
            "--stdin",
            action="store_true",
            help=tr("パスフレーズを標準入力から1行ずつ読む", "read passphrase lines from stdin"),
        )
        sub.set_defaults(handler=run)
        return sub

    def encrypt_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--encrypt",
            action="store_true",
            help=tr("ZIP をパスフレーズで暗号化（AES-256）", "encrypt the ZIP with a passphrase (AES-256)"),
        )

    def force_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--force", action="store_true", help=tr("既存のファイルを置き換える", "replace an existing file")
        )

    csv_ = action("csv", "CSV（Excel 用、1件1行）", "CSV for Excel, one row per verification")
    selection_options(csv_)
    csv_.add_argument("--encoding", choices=("utf-8-sig", "cp932"), default="utf-8-sig")
    csv_.add_argument(
        "--unencodable",
        choices=("refuse", "geta", "codepoint"),
        default="refuse",
        help=tr(
            "cp932 で表せない文字: refuse=中止（既定）、geta=〓、codepoint=[U+XXXX]",
            "characters cp932 cannot hold: refuse (default), geta (〓), codepoint ([U+XXXX])",
        ),
    )
    force_option(csv_)
    images = action("images", "画像（記録ごとのフォルダまたは ZIP）", "images, a folder or ZIP per verification")
    selection_options(images)
    images.add_argument("--zip", action="store_true", help=tr("記録ごとに ZIP にする", "one ZIP per verification"))
    encrypt_option(images)
    bundle = action("bundle", "業務システムへの引き継ぎファイル（ZIP）", "practice-system hand-off bundle (ZIP)")
    selection_options(bundle)
    bundle.add_argument("--format", default="kyc-desk", help=tr("引き継ぎ形式", "hand-off format"))
    encrypt_option(bundle)
    force_option(bundle)
    imported = action("import-bundle", "他の端末の引き継ぎファイルを取り込む", "import a hand-off bundle")
    imported.add_argument("file", type=Path)

    # --- `export pdf`: the PDF 本人確認記録 (export/pdf*.py) registers its own kind and handler -----------
    if importlib.util.find_spec(PDF_MODULE) is not None:
        importlib.import_module(PDF_MODULE).register_pdf(kinds)


def _selection(args: argparse.Namespace) -> Selection:
    from kyc_desk.export import Selection

    return Selection(tuple(args.records), args.matter, args.date_from, args.date_to)


def warn_unencrypted() -> None:
    """The note every export prints that leaves the encrypted store unencrypted (a PDF is never encrypted)."""
    print(
        tr(
            "注意: 暗号化していない書き出しです。個人情報が暗号化された記録データベースの外に出ます。"
            "保管場所と受け渡しに注意し、不要になったら削除してください。",
            "Note: this export is not encrypted; personal data leaves the encrypted record store. Keep it safe "
            "and delete it when no longer needed.",
        ),
        file=sys.stderr,
    )


def _export_passphrase(secrets: _Secrets) -> str:
    return secrets.new_passphrase()


def _emit(args: argparse.Namespace, data: dict[str, Any], human: str) -> None:
    print(json.dumps(data, ensure_ascii=False) if args.json else human)


def _done(args: argparse.Namespace, result: ExportResult) -> int:
    _emit(
        args,
        result.to_json(),
        tr(
            f"{result.records} 件を書き出しました（{result.files} ファイル）: {result.destination}",
            f"Exported {result.records} verifications ({result.files} files) to {result.destination}",
        ),
    )
    return 0


def _csv(args: argparse.Namespace, secrets: _Secrets) -> int:
    from kyc_desk.cli.records import _open
    from kyc_desk.export import CsvOptions, export_csv

    options = CsvOptions(args.encoding, args.unencodable)
    with _open(secrets) as store:
        result = export_csv(
            store, _selection(args), args.out, actor=getpass.getuser(), options=options, overwrite=args.force
        )
    warn_unencrypted()
    return _done(args, result)


def _images(args: argparse.Namespace, secrets: _Secrets) -> int:
    from kyc_desk.cli.records import _open
    from kyc_desk.export import export_images

    if args.encrypt and not args.zip:
        from kyc_desk.export import ExportError

        raise ExportError("--encrypt needs --zip", ja="暗号化するには --zip を指定してください。")
    with _open(secrets) as store:
        passphrase = _export_passphrase(secrets) if args.encrypt else None
        result = export_images(
            store, _selection(args), args.out, actor=getpass.getuser(), as_zip=args.zip, passphrase=passphrase
        )
    if not args.encrypt:
        warn_unencrypted()
    return _done(args, result)


def _bundle(args: argparse.Namespace, secrets: _Secrets) -> int:
    from kyc_desk.cli.records import _open
    from kyc_desk.export import ADAPTERS, ExportError, export_bundle

    if args.format not in ADAPTERS:
        raise ExportError(
            f"unknown hand-off format {args.format!r} (known: {', '.join(ADAPTERS)})",
            ja="指定の引き継ぎ形式には対応していません。",
        )
    with _open(secrets) as store:
        passphrase = _export_passphrase(secrets) if args.encrypt else None
        result = export_bundle(
            store,
            _selection(args),
            args.out,
            actor=getpass.getuser(),
            adapter=args.format,
            passphrase=passphrase,
            overwrite=args.force,
        )
    if not args.encrypt:
        warn_unencrypted()
    return _done(args, result)


def _import(args: argparse.Namespace, secrets: _Secrets) -> int:
    from kyc_desk.cli.records import _open
    from kyc_desk.export import BundlePassphraseRequired, import_bundle

    with _open(secrets) as store:
        try:
            result = import_bundle(store, args.file, actor=getpass.getuser())
        except BundlePassphraseRequired:
            passphrase = secrets.ask(tr("引き継ぎファイルのパスフレーズ: ", "Bundle passphrase: "))
            result = import_bundle(store, args.file, actor=getpass.getuser(), passphrase=passphrase)
    _emit(
        args,
        result.to_json(),
        tr(
            f"{len(result.imported)} 件を取り込みました（登録済みのため省略: {result.duplicates} 件）。",
            f"Imported {len(result.imported)} verifications ({result.duplicates} already here, skipped).",
        ),
    )
    return 0


_ACTIONS = {
    "csv": _csv,
    "images": _images,
    "bundle": _bundle,
    "import-bundle": _import,
}


def run(args: argparse.Namespace) -> int:
    """Run one ``export`` action."""
    from kyc_desk.cli.records import _Secrets

    return _ACTIONS[args.export_kind](args, _Secrets(args.stdin))
