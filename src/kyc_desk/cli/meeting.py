"""``kyc-desk meeting parse|invite|template``: meetings (面談) from the command line (docs/meetings.md).

::

    meeting parse [--today YYYY-MM-DD] [--json]   read an invitation text on standard input; exit 0 when the
                                                 start was read, 1 when it was not (the problems say why)
    meeting invite (--meeting ID | --start ISO --end ISO (--url URL | --place TEXT)) --out DIR [--to MAIL]
                   [--verification-link URL] [--bring ic-card|documents] [--item TEXT ...] [--json]
                                                 write invitation.eml (with invitation.ics) and
                                                 invitation.ics into DIR; print the mailto: URL
    meeting template KIND [--json]               a minutes template (real_estate_sale, inheritance,
                                                 company_formation, generic, or 不動産売買 …)

    meeting add|list|show|status|minutes|link  meetings in the records (the same as ``records meeting …``,
                                                 cli/records_caseload.py)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from kyc_desk.errors import KycDeskError
from kyc_desk.i18n import tr

EXIT_OK = 0
EXIT_NOT_PARSED = 1


class MeetingCommandError(KycDeskError):
    """A meeting command was given something it cannot use (the message says which option)."""

    default_ja = "面談のコマンドを実行できませんでした。"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``meeting parse|invite|template`` and the stored meetings' actions."""
    parser = subparsers.add_parser(
        "meeting", help=tr("面談: 招待文の読み取り・案内メール・議事録テンプレート", "meetings: invitations, minutes")
    )
    actions = parser.add_subparsers(dest="meeting_action", metavar="ACTION", required=True)
    parse = actions.add_parser(
        "parse", help=tr("標準入力の招待文から日時・URLなどを読み取る", "read an invitation text on standard input")
    )
    parse.add_argument(
        "--today",
        type=_date,
        metavar="YYYY-MM-DD",
        help=tr(
            "年のない日付の基準日（既定: 今日・日本時間）", "the day a year-less date counts from (default: today)"
        ),
    )
    parse.add_argument("--json", action="store_true", help=tr("JSON で出力", "print JSON"))
    parse.set_defaults(handler=run_parse)

    invite = actions.add_parser("invite", help=tr("面談の案内メール（.eml と .ics）", "write the invitation mail"))
    invite.add_argument(
        "--meeting", type=int, help=tr("登録済みの面談カードから作る（番号）", "from a stored meeting card (its id)")
    )
    invite.add_argument(
        "--stdin", action="store_true", help=tr("パスフレーズを標準入力から読む", "passphrase on stdin")
    )
    invite.add_argument("--start", type=_when, help=tr("開始（ISO 8601）", "start (ISO 8601)"))
    invite.add_argument("--end", type=_when, help=tr("終了（ISO 8601）", "end (ISO 8601)"))
    invite.add_argument("--url", default="", help=tr("会議のURL", "the meeting link"))
    invite.add_argument("--place", default="", help=tr("面談の場所（対面の場合）", "the place (face to face)"))
    invite.add_argument("--meeting-id", default="", help=tr("ミーティングID", "meeting id"))
    invite.add_argument("--passcode", default="", help=tr("パスコード", "passcode"))
    invite.add_argument("--to", default="", help=tr("メールの宛先", "e-mail recipient"))
    invite.add_argument("--client-name", default="", help=tr("宛名（氏名）", "the client's name for the greeting"))
    invite.add_argument("--office-name", default=tr("当事務所", "our office"))
    invite.add_argument(
        "--bring",
        choices=("ic-card", "documents"),
        default="ic-card",
        help=tr("持参するもの: ICカードと暗証番号／本人確認書類", "what to bring: IC card and PIN, or documents"),
    )
    invite.add_argument(
        "--item", action="append", default=[], help=tr("持参するものの追加（複数可）", "another thing to bring")
    )
    invite.add_argument(
        "--verification-link", default="", help=tr("事前のオンライン本人確認のリンク", "remote verification link")
    )
    invite.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help=tr("保存先フォルダ", "folder to write into")
    )
    invite.add_argument("--json", action="store_true", help=tr("JSON で出力", "print JSON"))
    invite.set_defaults(handler=run_invite)

    template = actions.add_parser("template", help=tr("議事録テンプレート", "a minutes template"))
    template.add_argument("kind", metavar="KIND")
    template.add_argument("--json", action="store_true", help=tr("JSON で出力", "print JSON"))
    template.set_defaults(handler=run_template)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--json", action="store_true", help=tr("JSON で出力", "print JSON"))
        sub.add_argument(
            "--stdin", action="store_true", help=tr("パスフレーズを標準入力から読む", "read the passphrase from stdin")
        )
        sub.set_defaults(handler=run_stored)

    from kyc_desk.cli.records_caseload import register_meeting_actions

    register_meeting_actions(actions, common)


def run_stored(args: argparse.Namespace) -> int:
    """``meeting add|list|show|status|minutes|link``: the meetings in the record store."""
    from kyc_desk.cli.records import run_caseload

    return run_caseload(args)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("YYYY-MM-DD で指定してください", "expected YYYY-MM-DD")) from None


def _when(text: str) -> dt.datetime:
    """An ISO 8601 date and time; without an offset it is Japan time (the desk's only time zone)."""
    from kyc_desk.jp.time import JAPAN_TIME

    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr("ISO 8601 の日時で指定してください（例 2025-12-05T14:00+09:00）", "expected ISO 8601")
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=JAPAN_TIME)


def _read_text(limit: int) -> str:
    """Standard input as text: UTF-8 (with or without a BOM), else Shift_JIS (cp932), as mails saved on
    Japanese Windows often are. At most ``4 * limit + 1`` bytes are read: more is too long in any case."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # already text (tests, embedding)
        return sys.stdin.read()
    data: bytes = buffer.read(4 * limit + 1)
    if len(data) > 4 * limit:
        return data.decode("utf-8", "replace")  # over the limit: the parser says so
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise MeetingCommandError(
        "standard input is neither UTF-8 nor Shift_JIS text",
        ja="標準入力を文字として読めませんでした。メールの本文をテキストとして渡してください。",
    )


def run_parse(args: argparse.Namespace) -> int:
    """``meeting parse``: exit 0 when the start was read, 1 when it was not."""
    from kyc_desk.jp.time import JAPAN_TIME
    from kyc_desk.meetings.parse import MAX_TEXT_CHARS, parse_invitation

    today = args.today or dt.datetime.now(JAPAN_TIME).date()
    parsed = parse_invitation(_read_text(MAX_TEXT_CHARS), reference=today)
    if args.json:
        print(json.dumps(parsed.to_json(), ensure_ascii=False, indent=2))
    else:
        from kyc_desk.app.texts import moment_text, platform_text

        def when(value: dt.datetime | None) -> str:
            return tr("（読み取れず）", "(not read)") if value is None else moment_text(value) + tr("（日本時間）", "")

        none = tr("（なし）", "(none)")
        print(f"{tr('開始', 'start')}: {when(parsed.start)}")
        print(f"{tr('終了', 'end')}: {when(parsed.end)}")
        print(f"URL: {parsed.url or none}")
        print(f"{tr('サービス', 'platform')}: {platform_text(parsed.platform) if parsed.platform else none}")
        print(f"{tr('ミーティングID', 'meeting id')}: {parsed.meeting_id or none}")
        print(f"{tr('パスコード', 'passcode')}: {parsed.passcode or none}")
        for problem in parsed.problems:
            text = tr(problem.ja, problem.en)
            detail = tr(f"「{problem.fragment}」", f' "{problem.fragment}"') if problem.fragment else ""
            print(f"{tr('要確認', 'check')}: {text}{detail} [{problem.code}]")
    return EXIT_OK if parsed.start is not None else EXIT_NOT_PARSED


def run_invite(args: argparse.Namespace) -> int:
    """``meeting invite``: write invitation.eml and invitation.ics, print the mailto: URL."""
    from kyc_desk.meetings.invite import ICS_FILENAME, invitation
    from kyc_desk.meetings.parse import platform_of

    if args.meeting is not None:
        built = _stored_invitation(args)
    elif args.start is None or args.end is None:
        raise MeetingCommandError(
            "give --start and --end (or --meeting)",
            ja="開始と終了（--start と --end）か、面談カード（--meeting）を指定してください。",
        )
    else:
        built = invitation(
            start=args.start,
            end=args.end,
            office_name=args.office_name,
            url=args.url,
            platform=platform_of(args.url) if args.url else None,
            place=args.place,
            meeting_id=args.meeting_id,
            passcode=args.passcode,
            bring="ic_card" if args.bring == "ic-card" else "documents",
            extra_items=tuple(args.item),
            verification_link=args.verification_link,
            client_name=args.client_name,
            to=args.to,
            stamp=dt.datetime.now(dt.UTC),
        )
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        eml = args.out / "invitation.eml"
        ics = args.out / ICS_FILENAME
        eml.write_bytes(built.mail.to_eml())
        ics.write_bytes(built.ics)
    except OSError as exc:
        raise MeetingCommandError(
            f"cannot write into {args.out}: {exc.strerror}",
            ja="保存先フォルダに書き込めませんでした。",
        ) from None
    mailto = built.mail.mailto_url()
    if args.json:
        print(
            json.dumps(
                {"mailto": mailto, "eml": str(eml), "ics": str(ics), "subject": built.mail.subject},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(f"{tr('メール（.eml、.ics 添付）', 'mail (.eml, .ics attached)')}: {eml}")
        print(f"{tr('カレンダー', 'calendar')}: {ics}")
        print(tr("mailto: で開く場合は .ics を手で添付してください:", "with mailto:, attach the .ics yourself:"))
        print(mailto)
    return EXIT_OK


def _stored_invitation(args: argparse.Namespace) -> Any:
    """The invitation of a stored meeting card, through the caseload service (the window's way)."""
    from kyc_desk.cli.records import open_for_caseload
    from kyc_desk.cli.records_caseload import service_for

    with open_for_caseload(args) as store:
        return service_for(store).invitation_for(
            args.meeting, office_name=args.office_name, stamp=dt.datetime.now(dt.UTC), to=args.to,
            client_name=args.client_name or None, bring="ic_card" if args.bring == "ic-card" else "documents",
            extra_items=tuple(args.item), verification_link=args.verification_link,
        )


def run_template(args: argparse.Namespace) -> int:
    """``meeting template KIND``."""
    from kyc_desk.meetings.minutes import minutes_template

    template = minutes_template(args.kind)
    if args.json:
        print(json.dumps(template.to_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(tr(template.ja, template.en))
    for section in template.sections:
        print(f"■ {tr(section.ja, section.en)}")
        for item in section.items:
            print(f"  ・{tr(item.ja, item.en)}")
    return EXIT_OK
