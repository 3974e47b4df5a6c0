"""``kyc-desk export pdf``: the 本人確認記録 of records or a matter, or a matter's 取引記録 or minutes, as PDF.

::

    kyc-desk export pdf [--record ID …] [--matter ID] [--from YYYY-MM-DD --to YYYY-MM-DD] --out FILE
                        [--kind record|transactions|minutes] [--sign] [--force] [--stdin] [--json]

The records are selected as every export selects them (all the conditions given; at least one is needed).

``--sign`` signs with the scrivener's certificate on the token the settings name (``signing_module``,
``signing_token``, ``signing_key``); the token's PIN warnings are shown before the PIN is asked, and the
PIN is tried once. ``--stdin`` reads the record store's passphrase (if it has one) and then the PIN as lines
of standard input instead of prompting. Registered under ``kyc-desk export`` by :mod:`kyc_desk.cli.export`.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import TYPE_CHECKING, Any

from kyc_desk.i18n import current_language, tr

if TYPE_CHECKING:
    from kyc_desk.export.pdf import PdfSigner
    from kyc_desk.settings import Settings


def register_pdf(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``pdf`` to the ``export`` command's kinds."""
    from kyc_desk.cli.export import selection_options

    parser = kinds.add_parser(
        "pdf", help=tr("本人確認記録・取引記録・面談記録のPDF", "PDF records, transactions, minutes")
    )
    selection_options(parser)  # --record/--matter/--from/--to/--out, as every export takes them
    parser.add_argument(
        "--kind",
        choices=("record", "transactions", "minutes"),
        default="record",
        help=tr("本人確認記録・取引記録・面談記録", "verification record, transactions or minutes"),
    )
    parser.add_argument(
        "--sign",
        action="store_true",
        help=tr("設定のICカード（PKCS#11）の証明書で電子署名する", "sign with the token in the settings"),
    )
    parser.add_argument(
        "--force", action="store_true", help=tr("既存のファイルを上書きする", "replace an existing file")
    )
    parser.add_argument(
        "--stdin",
        action="store_true",
        help=tr("パスフレーズ・暗証番号を標準入力から1行ずつ読む", "read passphrase/PIN lines from stdin"),
    )
    parser.add_argument("--json", action="store_true", help=tr("JSON で出力", "JSON output"))
    parser.set_defaults(handler=run_pdf)


def _token_signer(settings: Settings, ask: Any) -> PdfSigner:
    """The signer of the configured token, after showing its PIN warnings and asking the PIN once."""
    from kyc_desk.errors import ConfigError
    from kyc_desk.export.signing import SigningPinLocked, TokenSettings, sign_pdf, token_status

    if not (settings.signing_module and settings.signing_token and settings.signing_key):
        raise ConfigError(
            "signing needs signing_module, signing_token and signing_key in the settings",
            ja="電子署名には設定ファイルの「signing_module」「signing_token」「signing_key」が必要です。",
        )
    token = TokenSettings(settings.signing_module, settings.signing_token, settings.signing_key)
    status = token_status(token)
    if status.pin_locked:
        raise SigningPinLocked("the token's user PIN is locked")
    print(tr(f"署名に使うトークン: {status.label}", f"Signing token: {status.label}"), file=sys.stderr)
    if status.pin_final_try:
        print(
            tr(
                "警告: 暗証番号の残り回数は1回です。誤るとロックされます。",
                "WARNING: one PIN try left; a wrong PIN locks the token.",
            ),
            file=sys.stderr,
        )
    elif status.pin_count_low:
        print(tr("警告: 暗証番号の残り回数が少なくなっています。", "WARNING: few PIN tries left."), file=sys.stderr)
    pin = ask(tr("電子署名用の暗証番号: ", "Signing PIN: "))
    reason = tr("本人確認記録の出力", "exported verification record")
    return lambda data: sign_pdf(data, token, pin, reason=reason, location=settings.office_name)


def run_pdf(args: argparse.Namespace) -> int:
    from kyc_desk.app import texts
    from kyc_desk.cli.export import warn_unencrypted
    from kyc_desk.cli.records import _open, _Secrets
    from kyc_desk.export.pdf import Office, export_pdf
    from kyc_desk.settings import load_settings

    settings = load_settings()
    if not settings.office_name:
        print(
            tr(
                "注意: 設定ファイルに事務所名（office_name）がないため、事務所欄は空欄で出力します。",
                "Note: the settings name no office (office_name); the office line is left blank.",
            ),
            file=sys.stderr,
        )
    secrets = _Secrets(args.stdin)
    with _open(secrets) as store:
        signer = _token_signer(settings, secrets.ask) if args.sign else None
        result = export_pdf(
            store,
            kind=args.kind,
            out=args.out,
            actor=settings.operator or getpass.getuser(),
            office=Office(settings.office_name, settings.office_address),
            wording=texts,
            lang=current_language(),
            record_ids=args.records,
            matter_id=args.matter,
            date_from=args.date_from,
            date_to=args.date_to,
            signer=signer,
            overwrite=args.force,
        )
    warn_unencrypted()  # the same note as the other exports': a PDF is never encrypted
    if args.json:
        document = {
            "path": str(result.path),
            "kind": result.kind,
            "records": list(result.record_ids),
            "seals": {str(i): {"seq": s.seq, "hash": s.hash} for i, s in result.seals.items()},
            "signed": result.signed,
            "sha256": result.sha256,
            "size": result.size,
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        ids = ", ".join(f"#{i}" for i in result.record_ids)
        signed = tr("（電子署名付き）", " (signed)") if result.signed else ""
        print(
            tr(
                f"PDFを書き出しました: {result.path}（記録 {ids}）{signed}",
                f"PDF written: {result.path} (records {ids}){signed}",
            )
        )
    return 0
