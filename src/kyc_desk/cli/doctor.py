"""``kyc-desk doctor``: check every component the desk needs and say how to fix what is wrong.

Exit status 0 when nothing failed (warnings allowed), 1 otherwise. ``--json`` prints one document:
``{"ok": bool, "environment": {...}, "checks": [{"name", "status": "ok|warn|fail", "detail", "fix"}]}``; a
check with structured findings adds ``"data"`` (pcsc: ``{"readers": [{"name", "family", "label", "interface",
"slot", "reads", "driver", "card", "card_kind", "message"}], "hints": [...]}``).
"""

from __future__ import annotations

import argparse
import json

from kyc_desk.i18n import tr


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "doctor", help=tr("必要な構成要素を確認する", "check the components the desk needs")
    )
    parser.add_argument("--json", action="store_true", help=tr("JSON で出力", "machine-readable output"))
    parser.set_defaults(handler=run)


_MARK = {"ok": "✔", "warn": "!", "fail": "✘"}


def run(args: argparse.Namespace) -> int:
    from kyc_desk.doctor import Status, environment_summary, run_checks

    findings = run_checks()
    ok = all(f.status is not Status.FAIL for f in findings)
    if args.json:
        document = {"ok": ok, "environment": environment_summary(), "checks": [f.to_json() for f in findings]}
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            detail = finding.detail.replace("\n", "\n    ")  # pcsc: one line per reader
            print(f"{_MARK[finding.status.value]} {finding.name}: {detail}")
            if finding.fix:
                print(f"    → {finding.fix}")
        print(tr("問題はありません。", "All good.") if ok else tr("問題があります。", "Problems found."))
    return 0 if ok else 1
