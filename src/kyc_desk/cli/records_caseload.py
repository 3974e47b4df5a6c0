"""``kyc-desk records client|matter|transaction|meeting|verification|operator …`` and ``kyc-desk meeting
add|list|show``: the caseload from the command line, for scripts and bulk entry (docs/records.md). The
verification actions live in :mod:`kyc_desk.cli.records_verification`.

::

    records client add --name N [--kana K] [--birth-date D] [--address A] [--occupation O] [--company]
    records client list [--name N] [--birth-date D] [--company | --individual] [--limit N]
    records client show ID
    records client edit ID [--name N] [--kana K] [--birth-date D | --no-birth-date] [--address A] …
    records client find --name N (--birth-date D | --address A) [--company]   existing clients to reuse
    records matter add --title T --kind K --opened D --party CLIENT[:ROLE[:NOTE]] … [--reference R] [--note N]
    records matter list [--text T] [--client ID] [--open] [--kind K] [--limit N]
    records matter show ID                        parties, verifications, 取引記録, meetings, retention
    records matter edit ID [--title T] [--kind K] [--reference R] [--opened D] [--note N]
    records matter close ID --on D                the end date; retention 10 years from it
    records matter party-add ID --party CLIENT[:ROLE[:NOTE]]
    records matter party-remove ID --client ID --role ROLE
    records transaction add --matter ID --verification ID --on D --kind K [--amount YEN] [--from X] [--to Y]
    records transaction list --matter ID
    records meeting add|list|show|status|minutes|link      (also as ``kyc-desk meeting …``)
    records verification add --method M (--client ID | --name N …) --at T | --event E=T … [--document …] …
    records verification gaps ID                  what still needs a reason before 確認済み
    records verification decide ID [--result R --reason GAP=TEXT … --note N] [--engagement E] --decided-by NAME
    records verification mail-outcome ID delivered|returned --on D
    records verification high-risk ID --reason R … [--additional KIND[:NUMBER]] [--note N]
    records operator list | add NAME [--role scrivener|assistant] | remove NAME   the office's operators

Every action takes ``--json`` (one JSON document on standard output) and ``--stdin`` (the store's
passphrase from standard input). Dates are ``YYYY-MM-DD``; times ISO 8601, Japan time when no offset is
given. Every change is audited under the operator's login name. 確認者・記録作成者・同席職員 are checked
against the office's operators (settings) by the application layer, as in the window.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kyc_desk.errors import KycDeskError
from kyc_desk.i18n import tr

if TYPE_CHECKING:
    from kyc_desk.app.caseload import CaseloadService
    from kyc_desk.records.model import Party

#: Sub-commands under ``records`` and the actions of each.
GROUPS = ("client", "matter", "transaction", "meeting", "verification", "operator")


class CaseloadCommandError(KycDeskError):
    """A caseload command was given an option it cannot use (the message says which)."""

    default_ja = "コマンドの指定に誤りがあります。"


# --- argument types ----------------------------------------------------------------------------------


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("YYYY-MM-DD で指定してください", "expected YYYY-MM-DD")) from None


def iso_time(text: str) -> dt.datetime:
    """An ISO 8601 time; without an offset it is Japan time."""
    from kyc_desk.jp.time import JAPAN_TIME

    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr("ISO 8601 の日時で指定してください（例 2026-12-05T14:00+09:00）", "expected ISO 8601")
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=JAPAN_TIME)


def _role_names() -> tuple[str, ...]:
    from kyc_desk.records.model import PartyRole

    return tuple(r.value for r in PartyRole)


def _party(text: str) -> Party:
    """``CLIENT[:ROLE[:NOTE]]`` — a client id, its role in the matter (default ``client``), a note."""
    from kyc_desk.records.model import Party, PartyRole

    client, _, rest = text.partition(":")
    role, _, note = rest.partition(":")
    try:
        return Party(int(client), PartyRole(role or "client"), note or None)
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr(f"依頼者番号:立場 の形で指定してください（立場: {', '.join(_role_names())}）",
               f"expected CLIENT_ID[:ROLE[:NOTE]] (roles: {', '.join(_role_names())})")
        ) from None


# --- registration ------------------------------------------------------------------------------------


def register(actions: argparse._SubParsersAction[argparse.ArgumentParser],
             common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add ``client``, ``matter``, ``transaction`` and ``meeting`` under ``records``; ``common`` adds the
    shared ``--json``/``--stdin`` options and the handler."""

    def group(name: str, help_ja: str, help_en: str) -> argparse._SubParsersAction[argparse.ArgumentParser]:
        parser = actions.add_parser(name, help=tr(help_ja, help_en))
        parser.set_defaults(records_action=name)
        return parser.add_subparsers(dest="caseload_action", metavar="ACTION", required=True)

    def sub(parent: argparse._SubParsersAction[argparse.ArgumentParser], name: str, ja: str,
            en: str) -> argparse.ArgumentParser:
        parser = parent.add_parser(name, help=tr(ja, en))
        common(parser)
        return parser

    clients = group("client", "依頼者等（個人・法人）", "clients (individuals and companies)")
    add = sub(clients, "add", "依頼者等を登録", "add a client")
    _person_options(add, required=True)
    listing = sub(clients, "list", "依頼者等を一覧・検索", "list or search clients")
    listing.add_argument("--name", help=tr("氏名・名称（漢字・かな）", "name (kanji or kana)"))
    listing.add_argument("--birth-date", type=iso_date, metavar="YYYY-MM-DD")
    kind = listing.add_mutually_exclusive_group()
    kind.add_argument("--company", action="store_true", help=tr("法人のみ", "companies only"))
    kind.add_argument("--individual", action="store_true", help=tr("個人のみ", "individuals only"))
    listing.add_argument("--limit", type=_positive, default=200)
    show = sub(clients, "show", "依頼者等を表示", "show a client")
    show.add_argument("id", type=int)
    edit = sub(clients, "edit", "依頼者等を訂正", "correct a client's details")
    edit.add_argument("id", type=int)
    _person_options(edit, required=False)
    find = sub(clients, "find", "登録済みの依頼者等を探す（氏名＋生年月日、法人は名称＋所在地）",
               "find a stored client to reuse (name + birth date; company: name + address)")
    _person_options(find, required=True)

    matters = group("matter", "事件（関係者・終了日・保存期限）", "matters (parties, end date, retention)")
    add = sub(matters, "add", "事件を登録", "open a matter")
    add.add_argument("--title", required=True, help=tr("事件名", "title"))
    add.add_argument("--kind", required=True, help=tr("種類（real_estate_sale, inheritance …）", "kind"))
    add.add_argument("--opened", type=iso_date, required=True, metavar="YYYY-MM-DD", help=tr("受任日", "opened on"))
    add.add_argument("--reference", help=tr("事件番号", "the office's reference"))
    add.add_argument("--note", help=tr("メモ", "note"))
    add.add_argument("--party", type=_party, action="append", required=True, metavar="CLIENT[:ROLE[:NOTE]]",
                     help=tr("関係者（複数可。最初の人が依頼者）", "a party (repeat; the first is the client)"))
    listing = sub(matters, "list", "事件を一覧・絞り込み", "list matters")
    listing.add_argument("--text", help=tr("事件名・事件番号", "title or reference"))
    listing.add_argument("--client", type=int, help=tr("関係者の依頼者番号", "a party's client id"))
    listing.add_argument("--open", action="store_true", help=tr("終了していない事件のみ", "open matters only"))
    listing.add_argument("--kind")
    listing.add_argument("--limit", type=_positive, default=200)
    show = sub(matters, "show", "事件の詳細（関係者・記録・取引記録・面談）", "show a matter")
    show.add_argument("id", type=int)
    edit = sub(matters, "edit", "事件を変更", "edit a matter")
    edit.add_argument("id", type=int)
    edit.add_argument("--title")
    edit.add_argument("--kind")
    edit.add_argument("--reference")
    edit.add_argument("--opened", type=iso_date, metavar="YYYY-MM-DD")
    edit.add_argument("--note")
    close = sub(matters, "close", "事件の終了日を登録（保存期限を再計算）", "close a matter with its end date")
    close.add_argument("id", type=int)
    close.add_argument("--on", type=iso_date, required=True, metavar="YYYY-MM-DD")
    party_add = sub(matters, "party-add", "関係者を追加", "add a party")
    party_add.add_argument("id", type=int)
    party_add.add_argument("--party", type=_party, required=True, metavar="CLIENT[:ROLE[:NOTE]]")
    party_remove = sub(matters, "party-remove", "関係者を外す", "remove a party")
    party_remove.add_argument("id", type=int)
    party_remove.add_argument("--client", type=int, required=True)
    party_remove.add_argument("--role", choices=_role_names(), required=True)

    transactions = group("transaction", "取引記録（事件ごと）", "transaction records (per matter)")
    add = sub(transactions, "add", "取引記録を登録", "add a transaction record")
    add.add_argument("--matter", type=int, required=True)
    add.add_argument("--verification", type=int, required=True,
                     help=tr("対応する本人確認記録の番号", "the verification it refers to"))
    add.add_argument("--on", type=iso_date, required=True, metavar="YYYY-MM-DD", help=tr("取引日", "date"))
    add.add_argument("--kind", required=True, help=tr("取引の種類", "kind of transaction"))
    add.add_argument("--amount", type=int, help=tr("価額（円）", "value in yen"))
    add.add_argument("--from", dest="property_from", help=tr("財産の移転元", "where property came from"))
    add.add_argument("--to", dest="property_to", help=tr("財産の移転先", "where property went"))
    add.add_argument("--note")
    listing = sub(transactions, "list", "事件の取引記録を一覧", "list a matter's transaction records")
    listing.add_argument("--matter", type=int, required=True)

    meetings = group("meeting", "面談カード・面談記録", "meetings (cards and records)")
    register_meeting_actions(meetings, common)

    verifications = group(
        "verification", "本人確認記録（確認方法・書類・判断）", "verifications (method, documents, decision)"
    )
    from kyc_desk.cli.records_verification import register_verification_actions

    register_verification_actions(verifications, sub)

    operators = group("operator", "事務所の担当者（確認者・記録作成者の選択肢）", "the office's operators")
    sub(operators, "list", "担当者を一覧", "list the operators")
    add = sub(operators, "add", "担当者を追加（役割の変更も）", "add an operator (or change their role)")
    add.add_argument("name")
    add.add_argument("--role", choices=("scrivener", "assistant"), default="scrivener",
                     help=tr("司法書士（scrivener）か補助者（assistant）", "scrivener or assistant"))
    remove = sub(operators, "remove", "担当者を一覧から外す", "remove an operator")
    remove.add_argument("name")


def register_meeting_actions(meetings: argparse._SubParsersAction[argparse.ArgumentParser],
                             common: Callable[[argparse.ArgumentParser], None]) -> None:
    """``add|list|show|status|minutes|link`` — under ``records meeting`` and ``kyc-desk meeting``."""
    from kyc_desk.records.model import Confirmed, MeetingStatus

    def sub(name: str, ja: str, en: str) -> argparse.ArgumentParser:
        parser = meetings.add_parser(name, help=tr(ja, en))
        common(parser)
        parser.set_defaults(records_action="meeting", caseload_action=name)
        return parser

    statuses = tuple(s.value for s in MeetingStatus)
    add = sub("add", "面談カードを登録（--paste で招待文から）", "add a meeting card (--paste: from an invitation)")
    add.add_argument("--paste", action="store_true",
                     help=tr("標準入力の招待文から日時・URLなどを読み取る（指定した項目が優先）",
                             "read start, URL … from an invitation on standard input (options win)"))
    add.add_argument("--start", type=iso_time, help=tr("開始（ISO 8601、日本時間）", "start (ISO 8601)"))
    add.add_argument("--end", type=iso_time, help=tr("終了", "end"))
    add.add_argument("--matter", type=int, help=tr("事件番号", "matter id"))
    add.add_argument("--status", choices=statuses, default="planned")
    add.add_argument("--place", help=tr("場所（対面）", "place (in person)"))
    add.add_argument("--url", help=tr("会議のURL（オンライン）", "meeting link (online)"))
    add.add_argument("--platform", choices=("zoom", "teams", "meet", "webex", "other"))
    add.add_argument("--meeting-id")
    add.add_argument("--passcode")
    add.add_argument("--attendee", type=_party, action="append", default=[], metavar="CLIENT[:ROLE[:NOTE]]",
                     help=tr("出席した依頼者等（複数可）", "a client attending (repeat)"))
    add.add_argument("--staff", action="append", default=[], help=tr("同席した職員（複数可）", "office staff"))
    add.add_argument("--recorded-by", help=tr("記録作成者", "who wrote the record"))
    add.add_argument("--note", help=tr("メモ", "notes"))
    listing = sub("list", "面談を一覧", "list meetings")
    listing.add_argument("--matter", type=int)
    listing.add_argument("--client", type=int)
    listing.add_argument("--status", choices=statuses)
    listing.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD")
    listing.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD")
    listing.add_argument("--limit", type=_positive, default=200)
    show = sub("show", "面談の詳細", "show a meeting")
    show.add_argument("id", type=int)
    status = sub("status", "面談の状態を変更（planned/held/cancelled）", "set a meeting's status")
    status.add_argument("id", type=int)
    status.add_argument("status", choices=statuses)
    minutes = sub("minutes", "議事録と人・物・意思の確認を記録", "write the minutes and what was confirmed")
    minutes.add_argument("id", type=int)
    minutes.add_argument("--kind", required=True, help=tr("テンプレート（不動産売買 …）", "template kind"))
    minutes.add_argument("--section", action="append", default=[], metavar="KEY=TEXT",
                         help=tr("項目と内容（person, thing, intent, explained, answers, staff, notes）",
                                 "a section and its text"))
    minutes.add_argument("--confirmed", action="append", default=[], choices=tuple(c.value for c in Confirmed),
                         help=tr("確認したこと（person=人, thing=物, intent=意思。複数可）", "what was confirmed"))
    minutes.add_argument("--note")
    link = sub("link", "面談で行った本人確認記録を結び付ける", "link a verification done at the meeting")
    link.add_argument("id", type=int)
    link.add_argument("--verification", type=int, required=True)


def _positive(text: str) -> int:
    from kyc_desk.cli.input import positive_int

    return positive_int(text)


def _person_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--name", required=required, help=tr("氏名・名称", "name"))
    parser.add_argument("--kana", help=tr("フリガナ", "name in kana"))
    birth = parser.add_mutually_exclusive_group()
    birth.add_argument("--birth-date", type=iso_date, metavar="YYYY-MM-DD",
                       help=tr("生年月日（省略時は「未入力」）", "birth date (not entered when omitted)"))
    if not required:
        birth.add_argument("--no-birth-date", action="store_true", help=tr("生年月日を未入力に戻す", "clear it"))
    parser.add_argument("--address", help=tr("住所（法人は本店所在地）", "address (company: head office)"))
    parser.add_argument("--occupation", help=tr("職業・事業内容（任意）", "occupation (optional)"))
    if required:
        parser.add_argument("--company", action="store_true", help=tr("法人", "a company"))


# --- running -----------------------------------------------------------------------------------------


def emit(args: argparse.Namespace, data: Any, human: Callable[[], None]) -> None:
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        human()


def run(args: argparse.Namespace, service: CaseloadService) -> int:
    """Run one caseload action with ``service`` (over the opened store)."""
    from kyc_desk.cli import records_verification

    key = (args.records_action, args.caseload_action)
    handler = _HANDLERS.get(key) or records_verification.HANDLERS[key]
    return handler(args, service)


def service_for(store: Any) -> CaseloadService:
    """The caseload service over an opened store, audited under the login name."""
    from kyc_desk.app.caseload import desk_caseload

    actor = getpass.getuser()
    return desk_caseload(lambda: store, lambda: actor)


# clients


def _person(args: argparse.Namespace, base: Any = None) -> Any:
    from kyc_desk.records.model import ClientKind, Person

    if base is None:
        kind = ClientKind.COMPANY if getattr(args, "company", False) else ClientKind.INDIVIDUAL
        return Person(args.name, kind, args.kana, args.birth_date, args.address, args.occupation)
    birth = None if getattr(args, "no_birth_date", False) else (args.birth_date or base.birth_date)
    return Person(args.name or base.name, base.kind, args.kana or base.name_kana, birth,
                  args.address or base.address, args.occupation or base.occupation)


def _client_line(c: Any) -> str:
    from kyc_desk.app import texts

    if c.person.kind.value == "company":
        kind = texts.client_kind_text(c.person.kind.value)
    else:
        kind = tr("生年月日 ", "born ") + texts.date_text(c.person.birth_date)
    return f"#{c.id}  {c.person.name}  {kind}  {c.person.address or ''}".rstrip()


def _clients_out(args: argparse.Namespace, clients: list[Any]) -> int:
    from kyc_desk.records.json_form import client_to_json

    def human() -> None:
        for c in clients:
            print(_client_line(c))
        if not clients:
            print(tr("該当する依頼者等はありません", "no clients found"))

    emit(args, [client_to_json(c) for c in clients], human)
    return 0


def _client_out(args: argparse.Namespace, client: Any) -> int:
    from kyc_desk.records.json_form import client_to_json

    emit(args, client_to_json(client), lambda: print(_client_line(client)))
    return 0


def _client_add(args: argparse.Namespace, service: CaseloadService) -> int:
    return _client_out(args, service.add_client(_person(args)))


def _client_list(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.records.model import ClientKind, ClientQuery

    kind = ClientKind.COMPANY if args.company else ClientKind.INDIVIDUAL if args.individual else None
    return _clients_out(args, service.find_clients(ClientQuery(args.name, args.birth_date, kind, args.limit)))


def _client_show(args: argparse.Namespace, service: CaseloadService) -> int:
    """The client with their matters and verifications (their own and where they acted for someone)."""
    from kyc_desk.records.json_form import client_to_json, matter_to_json, summary_to_json
    from kyc_desk.records.model import MatterQuery, SearchQuery

    client = service.get_client(args.id)
    matters = service.list_matters(MatterQuery(client_id=args.id, limit=-1))
    verifications = service.search(SearchQuery(client_id=args.id, limit=-1))
    data = {
        **client_to_json(client),
        "matters": [matter_to_json(m) for m in matters],
        "verifications": [summary_to_json(v) for v in verifications],
    }

    def human() -> None:
        from kyc_desk.app import texts

        print(_client_line(client))
        for m in matters:
            print("  " + _matter_line(m))
        for v in verifications:
            result = texts.identity_result_text(v.identity_result.value if v.identity_result else None)
            print(tr("  本人確認記録 #", "  verification #") + f"{v.id} {texts.date_text(v.verified_on)} "
                  f"{texts.method_text(v.method)} {v.client_name} {result}")

    emit(args, data, human)
    return 0


def _client_edit(args: argparse.Namespace, service: CaseloadService) -> int:
    current = service.get_client(args.id)
    return _client_out(args, service.edit_client(args.id, _person(args, current.person)))


def _client_find(args: argparse.Namespace, service: CaseloadService) -> int:
    return _clients_out(args, service.find_existing(_person(args)))


# matters


def _matter_line(m: Any) -> str:
    from kyc_desk.app import texts

    ended = texts.date_text(m.matter.ended_on) if m.matter.ended_on else texts.word_text("open")
    # while the matter is open its retention is not fixed yet: the open end says so
    until = "  " + tr("保存期限 ", "keep until ") + texts.date_text(m.retention_until) if m.retention_until else ""
    ref = f" [{m.matter.reference}]" if m.matter.reference else ""
    return (f"#{m.id}{ref}  {m.matter.title}  {texts.matter_kind_text(m.matter.kind)}  "
            + tr(f"{texts.date_text(m.matter.opened_on)}〜{ended}", f"{texts.date_text(m.matter.opened_on)} – {ended}")
            + until)


def _matter_out(args: argparse.Namespace, matter: Any) -> int:
    from kyc_desk.records.json_form import matter_to_json

    def human() -> None:
        from kyc_desk.app import texts

        print(_matter_line(matter))
        for p in matter.parties:
            print(f"  {texts.party_role_text(p.role.value, p.role_note)}: {_client_line(p.client)}")
        if matter.note:
            print(tr("  メモ: ", "  note: ") + matter.note)

    emit(args, matter_to_json(matter), human)
    return 0


def _matter_add(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.records.model import Matter

    matter = Matter(args.title, args.kind, args.opened, args.reference)
    return _matter_out(args, service.create_matter(matter, args.party, note=args.note))


def _matter_list(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.records.json_form import matter_to_json
    from kyc_desk.records.model import MatterQuery

    found = service.list_matters(MatterQuery(args.text, args.client, args.open, args.kind, args.limit))

    def human() -> None:
        for m in found:
            print(_matter_line(m))
        if not found:
            print(tr("該当する事件はありません", "no matters found"))

    emit(args, [matter_to_json(m) for m in found], human)
    return 0


def _matter_show(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.records.json_form import matter_to_json, meeting_to_json, summary_to_json, transaction_to_json
    from kyc_desk.records.model import MeetingQuery

    matter = service.get_matter(args.id)
    verifications = service.matter_verifications(args.id)
    transactions = service.transactions(args.id)
    meetings = service.list_meetings(MeetingQuery(matter_id=args.id, limit=-1))
    data = {
        **matter_to_json(matter),
        "verifications": [summary_to_json(s) for s in verifications],
        "transactions": [transaction_to_json(t) for t in transactions],
        "meetings": [meeting_to_json(m) for m in meetings],
    }

    def human() -> None:
        from kyc_desk.app import texts

        _matter_out(argparse.Namespace(json=False), matter)
        for s in verifications:
            result = texts.identity_result_text(s.identity_result.value if s.identity_result else None)
            risk = tr("  ハイリスク取引", "  high-risk") if s.high_risk else ""
            print(tr("  本人確認記録 ", "  verification ") + f"#{s.id} {texts.date_text(s.verified_on)} "
                  f"{s.method.rule.letter} {s.subject_name} {result}{risk}")
        for t in transactions:
            print(tr("  取引記録 ", "  transaction ") + _transaction_line(t))
        for m in meetings:
            print(tr("  面談 ", "  meeting ") + _meeting_line(m))

    emit(args, data, human)
    return 0


def _matter_edit(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.records.model import Matter

    current = service.get_matter(args.id)
    m = current.matter
    changed = Matter(args.title or m.title, args.kind or m.kind, args.opened or m.opened_on,
                     args.reference if args.reference is not None else m.reference, m.ended_on)
    note = args.note if args.note is not None else current.note
    return _matter_out(args, service.edit_matter(args.id, changed, note=note))


def _matter_close(args: argparse.Namespace, service: CaseloadService) -> int:
    return _matter_out(args, service.close_matter(args.id, args.on))


def _matter_party_add(args: argparse.Namespace, service: CaseloadService) -> int:
    return _matter_out(args, service.add_party(args.id, args.party))


def _matter_party_remove(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.records.model import PartyRole

    return _matter_out(args, service.remove_party(args.id, args.client, PartyRole(args.role)))


# transactions


def _transaction_line(t: Any) -> str:
    from kyc_desk.app import texts

    e = t.entry
    amount = f" {e.amount_yen:,}円" if e.amount_yen is not None else ""
    moved = f" {e.property_from or '-'} → {e.property_to or '-'}" if e.property_from or e.property_to else ""
    refers = tr(f"（本人確認記録 #{t.verification_id}）", f" (verification #{t.verification_id})") if (
        t.verification_id is not None) else ""
    return f"#{t.id} {texts.date_text(e.transacted_on)} {e.kind}{amount}{moved}{refers}"


def _transaction_add(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.records.json_form import transaction_to_json
    from kyc_desk.records.model import TransactionEntry

    entry = TransactionEntry(args.on, args.kind, args.amount, args.property_from, args.property_to, args.note)
    stored = service.add_transaction(args.matter, entry, verification_id=args.verification)
    emit(args, transaction_to_json(stored), lambda: print(_transaction_line(stored)))
    return 0


def _transaction_list(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.records.json_form import transaction_to_json

    found = service.transactions(args.matter)

    def human() -> None:
        for t in found:
            print(_transaction_line(t))
        if not found:
            print(tr("取引記録はありません", "no transaction records"))

    emit(args, [transaction_to_json(t) for t in found], human)
    return 0


# meetings


def _meeting_line(m: Any) -> str:
    """``#3 令和8年12月5日（2026年） 14:00〜15:00 実施済み オンライン（Zoom） URL`` (Japan time)."""
    from kyc_desk.app import texts

    mode = texts.meeting_mode_text(m.mode.value)
    if m.platform:
        mode += tr(f"（{texts.platform_text(m.platform)}）", f" ({texts.platform_text(m.platform)})")
    where = " ".join(x for x in (mode, m.place or "", m.url or "") if x)
    return f"#{m.id} {texts.period_text(m.starts_at, m.ends_at)} {texts.meeting_status_text(m.status.value)} {where}"


def _meeting_out(args: argparse.Namespace, meeting: Any) -> int:
    from kyc_desk.records.json_form import meeting_to_json

    def human() -> None:
        from kyc_desk.app import texts

        print(_meeting_line(meeting))
        if meeting.matter_id is not None:
            print(tr("  事件: #", "  matter: #") + str(meeting.matter_id))
        if meeting.meeting_code:
            print(tr("  ミーティングID: ", "  meeting ID: ") + meeting.meeting_code)
        for p in meeting.attendees:
            print(f"  {texts.party_role_text(p.role.value, p.role_note)}: {_client_line(p.client)}")
        if meeting.staff:
            print(tr("  同席職員: ", "  staff: ") + tr("、", ", ").join(meeting.staff))
        if meeting.recorded_by:
            print(tr("  記録作成者: ", "  recorded by: ") + meeting.recorded_by)
        if meeting.confirmed:
            print(tr("  確認したこと: ", "  confirmed: ") + texts.confirmed_text(c.value for c in meeting.confirmed))
        if meeting.minutes_kind:
            print(tr("  議事録: ", "  minutes: ") + texts.matter_kind_text(meeting.minutes_kind))
        for key, text in texts.minutes_in_order(meeting.minutes_kind, meeting.minutes):
            print(f"  [{texts.minutes_section_text(meeting.minutes_kind, key)}] {text}")
        if meeting.notes:
            print(tr("  メモ: ", "  notes: ") + meeting.notes)
        if meeting.verifications:
            print(tr("  本人確認記録: ", "  verifications: ") + ", ".join(f"#{v}" for v in meeting.verifications))

    emit(args, meeting_to_json(meeting), human)
    return 0


def _read_invitation(args: argparse.Namespace) -> str:
    """The invitation text: standard input (after the passphrase line when ``--stdin`` is given too)."""
    from kyc_desk.cli.input import stdin_text

    given = getattr(args, "invitation_text", None)
    if given is not None:
        return str(given)
    return stdin_text() if not sys.stdin.isatty() else ""


def _meeting_add(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.jp.time import now_in_japan
    from kyc_desk.records.model import MeetingMode, MeetingStatus, NewMeeting

    proposal: NewMeeting | None = None
    if args.paste:
        proposal, parsed = service.meeting_from_invitation(_read_invitation(args), reference=now_in_japan().date())
        if proposal is None and args.start is None:
            problems = "; ".join(f"{p.code}" for p in parsed.problems) or "start"
            raise CaseloadCommandError(
                f"the invitation gave no start time ({problems}); give --start",
                ja="招待文から開始日時を読み取れませんでした。--start で指定してください。",
            )
    if proposal is None:
        if args.start is None:
            raise CaseloadCommandError("--start is required (or --paste)",
                                       ja="開始日時（--start）を指定してください。")
        proposal = NewMeeting(starts_at=args.start)
    url = args.url if args.url is not None else proposal.url
    meeting = replace(
        proposal,
        starts_at=args.start or proposal.starts_at,
        ends_at=args.end or proposal.ends_at,
        matter_id=args.matter,
        status=MeetingStatus(args.status),
        mode=MeetingMode.ONLINE if url else MeetingMode.IN_PERSON,
        place=args.place,
        url=url,
        platform=args.platform or proposal.platform or (_platform(url) if url else None),
        meeting_code=args.meeting_id or proposal.meeting_code,
        passcode=args.passcode or proposal.passcode,
        attendees=tuple(args.attendee),
        staff=tuple(args.staff),
        recorded_by=args.recorded_by,
        notes=args.note,
    )
    return _meeting_out(args, service.add_meeting(meeting))


def _platform(url: str) -> str | None:
    from kyc_desk.meetings.parse import platform_of

    return platform_of(url)


def _meeting_list(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.records.json_form import meeting_to_json
    from kyc_desk.records.model import MeetingQuery, MeetingStatus

    query = MeetingQuery(args.matter, args.client, MeetingStatus(args.status) if args.status else None,
                         args.date_from, args.date_to, args.limit)
    found = service.list_meetings(query)

    def human() -> None:
        for m in found:
            print(_meeting_line(m))
        if not found:
            print(tr("該当する面談はありません", "no meetings found"))

    emit(args, [meeting_to_json(m) for m in found], human)
    return 0


def _meeting_show(args: argparse.Namespace, service: CaseloadService) -> int:
    return _meeting_out(args, service.get_meeting(args.id))


def _meeting_status(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.records.model import MeetingStatus

    return _meeting_out(args, service.set_meeting_status(args.id, MeetingStatus(args.status)))


def _meeting_minutes(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.records.model import Confirmed

    sections: dict[str, str] = {}
    for item in args.section:
        key, sep, text = item.partition("=")
        if not sep or not key.strip():
            raise CaseloadCommandError(f"--section {item!r}: expected KEY=TEXT",
                                       ja="--section は「項目=内容」の形で指定してください。")
        sections[key.strip()] = text
    confirmed = frozenset(Confirmed(c) for c in args.confirmed)
    return _meeting_out(
        args, service.write_minutes(args.id, kind=args.kind, minutes=sections, confirmed=confirmed, notes=args.note)
    )


def _meeting_link(args: argparse.Namespace, service: CaseloadService) -> int:
    return _meeting_out(args, service.link_verification(args.id, args.verification))


# operators


def _operators_out(args: argparse.Namespace, operators: tuple[Any, ...]) -> int:
    from kyc_desk.app.texts import operator_role_text

    def human() -> None:
        for o in operators:
            print(o.name + tr(f"（{operator_role_text(o.role)}）", f" ({operator_role_text(o.role)})"))
        if not operators:
            print(tr("担当者は登録されていません（どの名前でも記録できます）",
                     "no operators listed (any name is taken)"))

    emit(args, [o.to_json() for o in operators], human)
    return 0


def _operator_list(args: argparse.Namespace, service: CaseloadService) -> int:
    return _operators_out(args, service.operators())


def _operator_add(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.app.caseload import add_operator

    return _operators_out(args, add_operator(args.name, args.role))


def _operator_remove(args: argparse.Namespace, service: CaseloadService) -> int:
    from kyc_desk.app.caseload import remove_operator

    return _operators_out(args, remove_operator(args.name))


_HANDLERS: dict[tuple[str, str], Callable[[argparse.Namespace, CaseloadService], int]] = {
    ("operator", "list"): _operator_list,
    ("operator", "add"): _operator_add,
    ("operator", "remove"): _operator_remove,
    ("client", "add"): _client_add,
    ("client", "list"): _client_list,
    ("client", "show"): _client_show,
    ("client", "edit"): _client_edit,
    ("client", "find"): _client_find,
    ("matter", "add"): _matter_add,
    ("matter", "list"): _matter_list,
    ("matter", "show"): _matter_show,
    ("matter", "edit"): _matter_edit,
    ("matter", "close"): _matter_close,
    ("matter", "party-add"): _matter_party_add,
    ("matter", "party-remove"): _matter_party_remove,
    ("transaction", "add"): _transaction_add,
    ("transaction", "list"): _transaction_list,
    ("meeting", "add"): _meeting_add,
    ("meeting", "list"): _meeting_list,
    ("meeting", "show"): _meeting_show,
    ("meeting", "status"): _meeting_status,
    ("meeting", "minutes"): _meeting_minutes,
    ("meeting", "link"): _meeting_link,
}
