"""``kyc-desk readers``: the card readers, whether a card is on each, and which kind of card.

``kyc-desk readers [--json]`` lists once; ``kyc-desk readers --watch [--count N] [--timeout S] [--json]``
prints reader and card events as they happen until Ctrl-C (or N events / S seconds). With ``--json`` the
list is one JSON document (with each reader's family as doctor names it) and the watch is JSON lines.
Detection probes applications only (no PIN is ever sent). pyscard is imported inside :func:`run`.
"""

from __future__ import annotations

import argparse
import json
import queue
import sys
import time
from typing import Any

from kyc_desk.i18n import tr


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``readers`` sub-command."""
    parser = subparsers.add_parser(
        "readers",
        help=tr("カードリーダーとカードの種類を表示", "list card readers and the kind of card on each"),
    )
    parser.add_argument("--json", action="store_true", help=tr("JSON で出力", "JSON output"))
    parser.add_argument("--watch", action="store_true", help=tr("変化を表示し続ける", "print events as they happen"))
    parser.add_argument("--count", type=int, metavar="N", help=tr("N 件で終了 (--watch)", "stop after N events"))
    parser.add_argument(
        "--timeout", type=float, metavar="S", help=tr("S 秒で終了 (--watch)", "stop after S seconds")
    )
    parser.set_defaults(handler=run)


def _card_type(reader: str) -> tuple[str, str]:
    """(kind value, label) of the card on ``reader``, or a state such as "busy" (the probe of
    :func:`kyc_desk.cards.survey.probe_reader`, which doctor uses too)."""
    from kyc_desk.cards.survey import CardState, probe_reader

    survey = probe_reader(reader)
    if survey.kind is not None:
        return survey.kind.value, survey.kind.label()
    if survey.state is CardState.IN_USE:
        return "busy", tr("他のプログラムが使用中", "in use by another program")
    if survey.state is CardState.ABSENT:
        return "absent", tr("カードなし", "no card")
    return "error", tr("読み取れません", "cannot be read")


def _list(args: argparse.Namespace) -> int:
    from kyc_desk.cards.transport.pcsc import reader_states
    from kyc_desk.cards.transport.readers import identify_reader

    rows: list[dict[str, Any]] = []
    for state in reader_states():
        match = identify_reader(state.name)
        row: dict[str, Any] = {
            "name": state.name,
            "reader_family": match.family.key if match else None,  # cards/transport/readers.py
            "reader_label": match.label() if match else None,
            "card_present": state.card_present,
        }
        if state.card_present:
            row["card_type"], row["card_label"] = _card_type(state.name)
            row["atr"] = state.atr.hex().upper()
        rows.append(row)
    if args.json:
        print(json.dumps({"readers": rows}, ensure_ascii=False))
        return 0
    if not rows:
        print(tr("カードリーダーが見つかりません。", "No card reader found."))
    for row in rows:
        print(f"{row['name']}: {row['card_label'] if row['card_present'] else tr('カードなし', 'no card')}")
    return 0


def _watch(args: argparse.Namespace) -> int:
    from kyc_desk.cards.monitor import CardEvent, CardMonitor
    from kyc_desk.errors import KycDeskError

    events: queue.Queue[CardEvent | KycDeskError] = queue.Queue()
    monitor = CardMonitor(events.put, on_error=events.put)
    deadline = None if args.timeout is None else time.monotonic() + args.timeout
    printed = 0
    labels = {
        "reader_added": tr("リーダー接続", "reader added"),
        "reader_removed": tr("リーダー切断", "reader removed"),
        "card_inserted": tr("カード検出", "card inserted"),
        "card_removed": tr("カード取り外し", "card removed"),
    }
    monitor.start()
    try:
        while args.count is None or printed < args.count:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                break
            try:
                item = events.get(timeout=min(left, 0.5) if left is not None else 0.5)
            except queue.Empty:
                continue
            if isinstance(item, KycDeskError):
                raise item
            row: dict[str, Any] = {"event": item.kind, "reader": item.reader}
            if item.kind == "card_inserted":
                row["card_type"], row["card_label"] = _card_type(item.reader)
                row["atr"] = item.atr.hex().upper()
            if args.json:
                print(json.dumps(row, ensure_ascii=False), flush=True)
            else:
                extra = f" ({row['card_label']})" if "card_label" in row else ""
                print(f"{labels[item.kind]}: {item.reader}{extra}", flush=True)
            printed += 1
    except KeyboardInterrupt:
        pass
    finally:
        monitor.stop()
    return 0


def run(args: argparse.Namespace) -> int:
    """List the readers, or watch them."""
    if args.count is not None and args.count < 1:
        from kyc_desk.errors import ConfigError

        raise ConfigError("--count must be at least 1", ja="--count には 1 以上を指定してください。")
    code = _watch(args) if args.watch else _list(args)
    sys.stdout.flush()
    return code
