"""``kyc-desk card read``: read the identity card on a reader, verify it, print the result.

::

    kyc-desk card read [--json] [--reader SUBSTRING] [--secrets-stdin] [--allow-last-try]
                       [--photo-out FILE] [--trust-dir DIR] [--at ISO-TIME]

The card on the chosen reader (``--reader``: a part of the reader's name; default: the only reader
with a card) is identified by probing its applications, then read by the handler of its kind. Secrets
are asked at the terminal (getpass), each after the tries left are shown, or read from standard input
with ``--secrets-stdin`` as ``name=value`` lines (``code_b``, ``text_pin``, ``sign_pin`` for the My
Number card; ``pin1``, ``pin2``, ``card_number`` for the other cards) — never from the command line,
where other users could see them. A secret with one try left is used only after the user confirms at the
prompt, or with ``--allow-last-try``.

Exit status: 0 when the card was read, whatever the checks say (the checks are in the output); 1 with a
one-line reason when it was not (wrong secret with tries left, blocked, card removed, unknown card…).

Every kind of card goes through the one registry of documents (:mod:`kyc_desk.documents`): it detects the
card, reads it and verifies the reading; this command only asks for the secrets and prints. A new kind of
card is a new registry entry, not a change here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import hashlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kyc_desk.app.texts import check_name_text, check_text
from kyc_desk.cli.input import stdin_text
from kyc_desk.errors import KycDeskError
from kyc_desk.i18n import tr

if TYPE_CHECKING:
    from kyc_desk.cards.apps.mynumber.unlock import Secret, SecretPrompt, SecretRequest
    from kyc_desk.cards.reading import CardReading
    from kyc_desk.verify.report import VerificationReport

#: Every secret name ``--secrets-stdin`` accepts (a card ignores the ones it does not take).
SECRET_NAMES: tuple[str, ...] = ("code_b", "text_pin", "sign_pin", "auth_pin", "pin1", "pin2", "card_number")


class CardCommandError(KycDeskError):
    """The command cannot go on (bad options or input, no card, unsupported card)."""

    default_ja = "カードを読み取れませんでした。"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``card read``."""
    parser = subparsers.add_parser("card", help=tr("本人確認書類のICを読み取る", "read an identity card's chip"))
    actions = parser.add_subparsers(dest="card_action", metavar="ACTION", required=True)
    read = actions.add_parser("read", help=tr("カードを読み取り検証する", "read and verify the card on a reader"))
    read.add_argument("--json", action="store_true", help=tr("JSON で出力", "print one JSON document"))
    read.add_argument("--reader", metavar="SUBSTRING", help=tr("リーダー名の一部", "part of the reader's name"))
    read.add_argument(
        "--secrets-stdin",
        action="store_true",
        help=tr("暗証番号等を標準入力から name=value で読む", "read secrets from standard input as name=value lines"),
    )
    read.add_argument(
        "--allow-last-try",
        action="store_true",
        help=tr("残り1回でも送信する (--secrets-stdin)", "send a secret even with one try left (--secrets-stdin)"),
    )
    read.add_argument(
        "--photo-out", type=Path, metavar="FILE", help=tr("顔写真を PNG で保存", "write the photo as PNG")
    )
    read.add_argument("--trust-dir", type=Path, metavar="DIR", help=tr("信頼済み発行者フォルダ", "trust store folder"))
    read.add_argument(
        "--by-card",
        action="store_true",
        help=tr(
            "利用者証明用暗証番号でカードに署名させ、再来の依頼者をカードで確認する（マイナンバーカード）",
            "have the card prove itself with the user-authentication PIN, to recognise a returning client",
        ),
    )
    read.add_argument(
        "--at", metavar="ISO-TIME", help=tr("検証時刻 (既定: 現在)", "verify as of this time (default: now)")
    )
    read.set_defaults(handler=run)


# --- secrets ---------------------------------------------------------------------------------------------


def parse_secret_lines(text: str) -> dict[str, str]:
    """``name=value`` lines → dict. Unknown names and repeated names are errors (values never shown)."""
    secrets: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        name = name.strip()
        if not sep or name not in SECRET_NAMES:
            raise CardCommandError(
                f"standard input line {number}: expected name=value with a name from {', '.join(SECRET_NAMES)}",
                ja=f"標準入力の {number} 行目: 「名前=値」の形式で、名前は {', '.join(SECRET_NAMES)} のいずれかです。",
            )
        if name in secrets:
            raise CardCommandError(f"{name} given twice on standard input", ja=f"{name} が2回指定されています。")
        secrets[name] = value.strip()
    return secrets


class StdinPrompt:
    """Answers from ``--secrets-stdin``; a secret not given is skipped."""

    def __init__(self, secrets: dict[str, str], *, allow_last_try: bool) -> None:
        self._secrets = secrets
        self._allow_last_try = allow_last_try

    def __call__(self, request: SecretRequest) -> Secret | None:
        from kyc_desk.cards.apps.mynumber.unlock import Secret

        value = self._secrets.get(request.name)
        if value is None:
            return None
        if request.last_try and not self._allow_last_try:
            raise CardCommandError(
                f"only one try is left for {request.name}; nothing was sent (add --allow-last-try to use it)",
                ja=f"{request.spec.label_ja}の残り回数が1回です。送信していません（使う場合は --allow-last-try）。",
            )
        return Secret(value, confirm_last_try=self._allow_last_try)


class TerminalPrompt:
    """Asks at the terminal with getpass, after showing the tries left (or that the card keeps no count, as
    for the residence card number, which is then required); an empty answer skips."""

    def __call__(self, request: SecretRequest) -> Secret | None:
        from kyc_desk.cards.apps.mynumber.unlock import Secret

        label = tr(request.spec.label_ja, request.spec.label_en)
        if request.spec.max_tries is None:
            print(tr(f"{label}: 入力回数の制限はありません", f"{label}: no limit on tries"), file=sys.stderr)
            typed = getpass.getpass(tr(f"{label}（{request.spec.rule_ja}）: ", f"{label} ({request.spec.rule_en}): "))
            return Secret(typed) if typed.strip() else None
        if request.tries_left < 0:  # 6300 to the empty VERIFY: the card keeps no counter for this key
            print(tr(f"{label}: 入力回数の制限なし", f"{label}: no limit on tries"), file=sys.stderr)
        else:
            print(
                tr(f"{label}: 残り {request.tries_left} 回", f"{label}: {request.tries_left} tries left"),
                file=sys.stderr,
            )
        confirmed = False
        if request.last_try:
            answer = input(
                tr(
                    "残り1回です。誤るとロックされ、窓口での手続きが必要になります。入力しますか? [y/N] ",
                    "One try left: a wrong entry blocks it until the issuing office unblocks it. Enter it? [y/N] ",
                )
            )
            if answer.strip().lower() not in ("y", "yes", "はい"):
                return None
            confirmed = True
        value = getpass.getpass(tr(f"{label}（空欄で省略）: ", f"{label} (empty to skip): "))
        return Secret(value, confirm_last_try=confirmed) if value.strip() else None


# --- reader ----------------------------------------------------------------------------------------------


def choose_reader(substring: str | None) -> str:
    """The reader to use: the one matching ``substring`` (with a card), else the only one with a card."""
    from kyc_desk.cards.errors import CardAbsent, NoReader
    from kyc_desk.cards.transport.pcsc import reader_states

    states = reader_states()
    if not states:
        raise NoReader("no card reader is connected")
    if substring:
        states = [s for s in states if substring.lower() in s.name.lower()]
        if not states:
            raise NoReader(f"no reader name contains {substring!r}")
    with_card = [s for s in states if s.card_present]
    if not with_card:
        raise CardAbsent("no card on the reader")
    if len(with_card) > 1:
        raise CardCommandError(
            "cards are on several readers; choose one with --reader",
            ja="複数のリーダーにカードがあります。--reader で指定してください。",
        )
    return with_card[0].name


def _at(text: str | None) -> dt.datetime:
    if not text:
        return dt.datetime.now(dt.UTC)
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise CardCommandError("--at must be an ISO date or time", ja="--at は ISO 形式の日付か日時です。") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


# --- output ----------------------------------------------------------------------------------------------


def reading_json(reading: CardReading, report: VerificationReport) -> dict[str, Any]:
    """The ``--json`` document (see docs/mynumber.md)."""
    holder: dict[str, Any] = {
        "name": reading.holder.name,
        "address": reading.holder.address,
        "birth_date": reading.holder.birth_date.isoformat() if reading.holder.birth_date else None,
        "sex": reading.holder.sex,
    }
    if reading.holder.name_kana:
        holder["name_kana"] = reading.holder.name_kana
    photo: dict[str, Any] | None = None
    if reading.photo is not None:
        photo = {"format": reading.photo.format, "sha256": hashlib.sha256(reading.photo.data).hexdigest()}
        try:
            image = reading.photo.decode()
            photo["width"], photo["height"] = image.size
        except KycDeskError:  # the image gate refused it (MalformedData)
            photo["width"] = photo["height"] = None
    return {
        "card_type": reading.card_type,
        "holder": holder,
        "card": reading.card.to_json(),
        "photo": photo,
        # what the card holds beyond the holder's four items, as read (e.g. a licence's original address
        # and change history, a residence card's status of residence)
        "extra": dict(sorted(reading.extra.items())),
        "checks": [{**c.to_json(), "detail": check_text(c)} for c in report],
        "pin_tries": dict(reading.pin_tries),
    }


def _print_text(reading: CardReading, report: VerificationReport) -> None:
    """The holder and the checks for a person: labels, dates in 和暦 with the Western year (app.texts)."""
    from kyc_desk.app import texts

    holder = reading.holder
    expiry = reading.card.expiry
    rows = [
        (tr("書類", "Document"), texts.document_text(reading.card_type)),
        (tr("氏名", "Name"), holder.name or "-"),
        (tr("住所", "Address"), holder.address or "-"),
        (tr("生年月日", "Date of birth"), texts.date_text(holder.birth_date) if holder.birth_date else "-"),
        (tr("性別", "Sex"), texts.sex_text(holder.sex)),
        (tr("有効期限", "Expiry"), texts.date_text(expiry) if isinstance(expiry, dt.date) else "-"),
    ]
    for label, value in rows:
        print(f"{label}: {value}")
    for line in texts.report_summary(report, "face_to_face_chip", reading.card_type):
        print(line)
    for check in report:
        badge = tr(check.verdict.badge_ja, check.verdict.badge_en)
        print(f"[{badge}] {check_name_text(check.name)}: {check_text(check)}")


def _write_photo(reading: CardReading, path: Path) -> None:
    if reading.photo is None:
        print(tr("顔写真は読み取られていません。", "No photo was read."), file=sys.stderr)
        return
    try:
        reading.photo.decode().save(path, format="PNG")
    except (OSError, KycDeskError) as exc:
        raise CardCommandError(f"cannot write the photo to {path}", ja=f"顔写真を {path} に保存できません。") from exc


# --- run -------------------------------------------------------------------------------------------------


def _card_link_json(reading: CardReading, report: VerificationReport) -> dict[str, Any]:
    """The ``card_link`` part of ``--json`` with ``--by-card``: the certificate's issuer and serial, or why
    there is none (the record keeps exactly this; :mod:`kyc_desk.verify.card_link`)."""
    from kyc_desk.verify.card_link import card_link

    result = card_link(reading, report)
    if result.link is None:
        return {"linked": False, "reason": result.reason}
    link = result.link
    return {"linked": True, "issuer": link.issuer, "issuer_key_id": link.issuer_key_id, "serial": link.serial,
            "not_after": link.not_after.isoformat()}  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """``card read``."""
    from kyc_desk.app.cards import desk_revocation
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.transport.pcsc import PcscTransport
    from kyc_desk.documents import documents
    from kyc_desk.verify.trust import load_trust_store

    at = _at(args.at)
    given: dict[str, str] | None = None
    if args.secrets_stdin:
        given = parse_secret_lines(stdin_text())
    elif not sys.stdin.isatty():
        raise CardCommandError(
            "no terminal to ask for secrets: use --secrets-stdin",
            ja="暗証番号を入力する端末がありません。--secrets-stdin を使ってください。",
        )
    anchors = load_trust_store(args.trust_dir)  # a broken trust folder fails before any try is spent
    with PcscTransport(choose_reader(args.reader)) as transport:
        card = Card(transport)
        by_card = getattr(args, "by_card", False)
        kind = documents().detect(card)
        if by_card and kind.key != "mynumber":
            raise CardCommandError(
                "--by-card needs a My Number card", ja="--by-card はマイナンバーカードでのみ使えます。"
            )
        secrets = (*kind.secrets, "auth_pin") if by_card else kind.secrets
        prompt: SecretPrompt = TerminalPrompt()
        if given is not None:
            unused = sorted(set(given) - set(secrets))
            if unused:
                names = ", ".join(unused)
                print(tr(f"このカードでは使いません: {names}", f"not used by this card: {names}"), file=sys.stderr)
            taken = {name: value for name, value in given.items() if name in secrets}
            prompt = StdinPrompt(taken, allow_last_try=args.allow_last_try)
        reading = kind.read_card(card, prompt, purpose="card_proof" if by_card else "desk")
    report = kind.verify_reading(reading, anchors, at, revocation=desk_revocation(anchors))  # CRLs, then OCSP
    document = reading_json(reading, report)
    if by_card:
        document["card_link"] = _card_link_json(reading, report)
    if args.photo_out:
        _write_photo(reading, args.photo_out)
    if args.json:
        print(json.dumps(document, ensure_ascii=False))
    else:
        _print_text(reading, report)
        if "card_link" in document:
            link = document["card_link"]
            if link["linked"]:
                print(tr(f"カードによる確認: {link['issuer']} シリアル {link['serial']}",
                         f"Card proof: {link['issuer']} serial {link['serial']}"))  # fmt: skip
            else:
                print(tr(f"カードによる確認なし: {link['reason']}", f"No card proof: {link['reason']}"))
    return 0
