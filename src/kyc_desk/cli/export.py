"""``kyc-desk export``: records that leave the desk. Each kind registers itself here (``pdf``:
:mod:`kyc_desk.cli.export_pdf`)."""

from __future__ import annotations

import argparse

from kyc_desk.cli.export_pdf import register_pdf
from kyc_desk.i18n import tr


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export`` command and its kinds."""
    parser = subparsers.add_parser("export", help=tr("記録の書き出し（PDF）", "export records (PDF)"))
    kinds = parser.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    register_pdf(kinds)
