"""``kyc-desk records``: the verification records — set-up, listing, search, backup, audit, purge.

Sub-commands (each takes ``--json`` for one JSON document on stdout)::

    records init [--keyring | --passphrase | --key-file --accept-plaintext-key]
                                             first run; shows the recovery key ONCE. Without a choice the
                                             key goes to the OS keyring if it is secure, else a passphrase
                                             is asked for
    records list [--limit N]
    records show ID
    records search [--name T] [--birth-date D] [--document-number N] [--from D] [--to D] [--status S]
    records backup FILE
    records restore FILE [--passphrase | --key-file --accept-plaintext-key]
    records recover [--passphrase | --key-file --accept-plaintext-key]   lost keyring entry or passphrase
    records end-matter MATTER_ID --on D                                enter the end date (retention restarts)
    records verify-audit                                               exit status 2 when something is found
    records purge [--today D] [--yes]                                  lists what it deletes, then asks
    records client|matter|transaction|meeting ACTION …                 the caseload (cli/records_caseload.py)

Secrets (passphrase, recovery key) are typed at a prompt, or with ``--stdin`` read from standard input
one per line in the order the prompts would ask; never from the command line. SQLAlchemy and the rest of
the records layer are imported inside :func:`run`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kyc_desk.cli.input import positive_int, stdin_text
from kyc_desk.i18n import tr

if TYPE_CHECKING:
    from kyc_desk.records import KeySource, RecordStore

EXIT_FINDINGS = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``records`` sub-command and its actions."""
    parser = subparsers.add_parser(
        "records", help=tr("本人確認記録（暗号化保存・検索・バックアップ・監査）", "verification records")
    )
    actions = parser.add_subparsers(dest="records_action", metavar="ACTION", required=True)

    def action(name: str, help_ja: str, help_en: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=tr(help_ja, help_en))
        sub.add_argument("--json", action="store_true", help=tr("JSON で出力", "JSON output"))
        sub.add_argument(
            "--stdin",
            action="store_true",
            help=tr("パスフレーズ・回復キーを標準入力から1行ずつ読む", "read passphrase/recovery key lines from stdin"),
        )
        sub.set_defaults(handler=run)
        return sub

    def key_mode_options(sub: argparse.ArgumentParser) -> None:
        group = sub.add_mutually_exclusive_group()
        group.add_argument(
            "--keyring",
            action="store_true",
            help=tr(
                "鍵を OS のキーリングに置く（既定。安全なキーリングがなければエラー）", "keep the key in the OS keyring"
            ),
        )
        group.add_argument(
            "--passphrase",
            action="store_true",
            help=tr("鍵をパスフレーズで保護する（安全なキーリングがない場合）", "protect the key with a passphrase"),
        )
        group.add_argument(
            "--key-file",
            action="store_true",
            help=tr("鍵を平文のファイルに置く（非推奨）", "keep the key in a plaintext file (not recommended)"),
        )
        sub.add_argument(
            "--accept-plaintext-key",
            action="store_true",
            help=tr("--key-file の危険を理解した", "I understand --key-file stores the key unprotected"),
        )

    key_mode_options(action("init", "記録データベースを作成し回復キーを表示", "create the record store"))
    listing = action("list", "最近の記録を一覧", "list recent verifications")
    listing.add_argument("--limit", type=positive_int, default=50)
    show = action("show", "記録の詳細を表示", "show one verification")
    show.add_argument("id", type=int)
    search = action("search", "記録を検索", "search verifications")
    search.add_argument("--name", help=tr("氏名（漢字・かな、全角半角・空白は無視）", "name (kanji or kana)"))
    search.add_argument("--birth-date", type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    search.add_argument("--document-number")
    search.add_argument("--from", dest="date_from", type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    search.add_argument("--to", dest="date_to", type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    search.add_argument("--status", choices=("pending_review", "decided"))
    search.add_argument("--matter", type=int, help=tr("事件番号で絞り込む", "only this matter's verifications"))
    search.add_argument(
        "--result", choices=("confirmed", "not_confirmed", "needs_more"), help=tr("本人確認の結果", "identity result")
    )
    search.add_argument("--limit", type=positive_int, default=200)
    backup = action("backup", "暗号化バックアップを作成", "write an encrypted backup")
    backup.add_argument("file", type=Path)
    restore = action("restore", "バックアップから復元（回復キーが必要）", "restore a backup (needs the recovery key)")
    restore.add_argument("file", type=Path)
    key_mode_options(restore)
    key_mode_options(action("recover", "回復キーで鍵を再設定", "regain access with the recovery key"))
    end = action("end-matter", "事件の終了日を登録（保存期限を再計算）", "enter a matter's end date")
    end.add_argument("matter_id", type=int)
    end.add_argument("--on", type=dt.date.fromisoformat, required=True, metavar="YYYY-MM-DD")
    action("verify-audit", "監査ログと記録の改ざんを検査", "check the audit chain against every row")
    purge = action("purge", "保存期間を過ぎた記録を削除", "delete verifications past retention")
    purge.add_argument("--today", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    purge.add_argument("--yes", action="store_true", help=tr("確認せずに削除", "do not ask for confirmation"))

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--json", action="store_true", help=tr("JSON で出力", "JSON output"))
        sub.add_argument(
            "--stdin", action="store_true", help=tr("パスフレーズを標準入力から読む", "read the passphrase from stdin")
        )
        sub.set_defaults(handler=run)

    from kyc_desk.cli import records_caseload

    records_caseload.register(actions, common)


# --- secrets --------------------------------------------------------------------------------------------


class _Secrets:
    """Secrets from the prompt, or from stdin lines with ``--stdin`` (never argv)."""

    def __init__(self, from_stdin: bool) -> None:
        self._lines: Iterator[str] | None = iter(stdin_text().splitlines()) if from_stdin else None

    def ask(self, prompt: str) -> str:
        if self._lines is not None:
            value = next(self._lines, None)
            if value is None:
                from kyc_desk.records import KeyUnavailable

                raise KeyUnavailable(
                    "standard input ended before all secrets were given", ja="標準入力に値が足りません。"
                )
            return value
        return getpass.getpass(prompt, stream=sys.stderr)

    def new_passphrase(self) -> str:
        first = self.ask(tr("新しいパスフレーズ: ", "New passphrase: "))
        if self._lines is None and self.ask(tr("もう一度: ", "Again: ")) != first:
            from kyc_desk.records import KeyUnavailable

            raise KeyUnavailable("the passphrases differ", ja="パスフレーズが一致しません。")
        return first


def _mode(args: argparse.Namespace) -> str:
    if args.key_file:
        if not args.accept_plaintext_key:
            from kyc_desk.records import KeyUnavailable

            raise KeyUnavailable(
                "--key-file keeps the key unprotected; add --accept-plaintext-key to confirm",
                ja="--key-file は鍵を保護せずに保存します。承知のうえなら --accept-plaintext-key を付けてください。",
            )
        print(
            tr(
                "警告: 鍵を平文ファイルに保存します。フォルダを複製できる人は記録を読めます。",
                "WARNING: the key is stored in a plaintext file; anyone who copies the folder can read the records.",
            ),
            file=sys.stderr,
        )
        return "keyfile"
    if args.passphrase:
        return "passphrase"
    if args.keyring:
        return "keyring"
    from kyc_desk.records import secure_keyring_available

    if secure_keyring_available():
        return "keyring"
    print(
        tr(
            "安全なキーリングがないため、鍵をパスフレーズで保護します。",
            "No secure OS keyring here: the key will be protected by a passphrase.",
        ),
        file=sys.stderr,
    )
    return "passphrase"


def _key_mode_kwargs(args: argparse.Namespace, secrets: _Secrets) -> dict[str, Any]:
    mode = _mode(args)
    kwargs: dict[str, Any] = {"mode": mode}
    if mode == "passphrase":
        kwargs["passphrase"] = secrets.new_passphrase()
    elif mode == "keyring":
        from kyc_desk.records import InsecureKeyring, KeyringKeySource, secure_keyring_available

        if not secure_keyring_available():
            raise InsecureKeyring(
                "no secure OS keyring here; use --passphrase",
                ja="安全なキーリングがありません。--passphrase を指定してパスフレーズで保護してください。",
            )
        kwargs["keyring"] = KeyringKeySource()
    return kwargs


def _key_source(secrets: _Secrets) -> KeySource:
    from kyc_desk.records import key_source_for

    return key_source_for(ask_passphrase=lambda: secrets.ask(tr("パスフレーズ: ", "Passphrase: ")))


def _open(secrets: _Secrets) -> RecordStore:
    from kyc_desk.records import RecordStore

    return RecordStore.open(_key_source(secrets))


def _recovery(secrets: _Secrets) -> Any:
    from kyc_desk.records import RecoveryKey

    return RecoveryKey.parse(secrets.ask(tr("回復キー: ", "Recovery key: ")))


# --- actions --------------------------------------------------------------------------------------------


def _emit(args: argparse.Namespace, data: Any, human: Callable[[], None]) -> None:
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        human()


def _init(args: argparse.Namespace, secrets: _Secrets) -> int:
    from kyc_desk.records import RecordStore

    store, recovery = RecordStore.create(**_key_mode_kwargs(args, secrets))
    with store:
        data = {
            "store": str(store.location.folder),
            "key_mode": store.header.mode,
            "recovery_key": recovery.formatted(),
        }

    def human() -> None:
        print(tr("記録データベースを作成しました: ", "Record store created: ") + data["store"])
        print(tr("鍵の保管方法: ", "Key kept in: ") + data["key_mode"])
        print()
        print(
            tr(
                "回復キー（今回だけ表示します。紙に書き写して金庫など安全な場所に保管してください）:",
                "Recovery key (shown only this once; write it down and keep it somewhere safe):",
            )
        )
        print()
        print("    " + data["recovery_key"])
        print()
        print(
            tr(
                "キーリングやパスフレーズを失っても、回復キーとバックアップがあれば記録を復元できます。",
                "With the recovery key and a backup, the records can be restored even if the key is lost.",
            )
        )

    _emit(args, data, human)
    return 0


def _summary_line(s: Any) -> str:
    from kyc_desk.app import texts

    until = texts.date_text(s.retention_until) if s.retention_until else texts.word_text("matter_open")
    decision = texts.decision_text(s.decision.value) if s.decision else texts.status_text(s.status.value)
    return (
        f"{s.id:>6}  {texts.date_text(s.verified_on)}  {s.method.rule.letter}  {decision}  "
        f"{texts.document_text(s.document_type)}  {tr('保存期限', 'keep until')} {until}  {s.client_name}"
    )


def _print_summaries(args: argparse.Namespace, items: list[Any]) -> None:
    from kyc_desk.records.json_form import summary_to_json

    def human() -> None:
        if not items:
            print(tr("該当する記録はありません。", "No verifications."))
        for s in items:
            print(_summary_line(s))

    _emit(args, {"verifications": [summary_to_json(s) for s in items]}, human)


def _list(args: argparse.Namespace, secrets: _Secrets) -> int:
    with _open(secrets) as store:
        _print_summaries(args, store.list_recent(args.limit))
    return 0


def _search(args: argparse.Namespace, secrets: _Secrets) -> int:
    from kyc_desk.records import IdentityResult, SearchQuery, Status

    query = SearchQuery(
        name=args.name,
        birth_date=args.birth_date,
        document_number=args.document_number,
        verified_from=args.date_from,
        verified_to=args.date_to,
        status=Status(args.status) if args.status else None,
        limit=args.limit,
        matter_id=args.matter,
        identity_result=IdentityResult(args.result) if args.result else None,
    )
    with _open(secrets) as store:
        _print_summaries(args, store.search(query))
    return 0


def _show(args: argparse.Namespace, secrets: _Secrets) -> int:
    from kyc_desk.records.json_form import record_to_json

    with _open(secrets) as store:
        record = store.get(args.id)
    data = record_to_json(record)

    def human() -> None:  # stored codes and ISO dates, rendered here in the reader's language (app.texts)
        from kyc_desk.app import texts

        person = record.subject.person
        article = tr(f"（{record.method.rule.article}）", f" ({record.method.rule.article})")
        print(f"#{record.id}  {texts.date_text(record.verified_on)}  {texts.method_text(record.method)}{article}"
              f"  {texts.status_text(record.status.value)}")
        client = record.client.person
        company = texts.client_kind_text(client.kind.value) if client.kind.value == "company" else ""
        print(tr("依頼者: ", "Client: ") + client.name + (tr(f"（{company}）", f" ({company})") if company else ""))
        if record.subject.id != record.client.id:
            print(f"{texts.role_text(record.subject_role.value)}: {person.name}")
        print(tr("生年月日: ", "Born: ") + texts.date_text(person.birth_date))
        print(tr("住所: ", "Address: ") + (person.address or texts.word_text("not_entered")))
        print(tr("書類: ", "Document: ") + texts.document_text(record.document_type)
              + (f" {record.document_number}" if record.document_number else ""))
        for event, at in record.events.items():
            print(f"  {texts.event_text(event.value)}: {texts.moment_text(at)}")
        print(
            tr("確認者: ", "Checked by: ")
            + record.checked_by
            + " / "
            + tr("記録者: ", "recorded by: ")
            + record.recorded_by
        )
        method, document = record.method.value, record.document_type
        for line in texts.report_summary(record.report, method, document):
            print(line)
        for check in texts.shown_checks(record.report, method, document):
            badge = tr(check.verdict.badge_ja, check.verdict.badge_en)
            print(f"  [{badge}] {texts.check_name_text(check.name)}: {texts.check_text(check)}")
        for item in record.item_checks:
            note = texts.item_note_text(item)
            source = texts.source_text(item.confirmed_by)
            print(f"  {texts.item_text(item.item)}: {texts.item_check_result_text(item)} ({source})"
                  + (f" {note}" if note else ""))
        for face in record.face_results:
            print(f"  {texts.face_text(face)}")
        print(tr("証跡:", "Evidence:"))
        for line in texts.evidence_lines(record.evidence):
            print(f"  {line}")
        if record.decision and record.identity is None and record.engagement is None:
            # the single decision line of records saved before the split decision (schema 0005); a newer
            # record's identity result and engagement say it in full (_show_caseload)
            d = record.decision
            print(
                tr("判断: ", "Decision: ")
                + f"{texts.decision_text(d.decision.value)} {d.decided_by} {texts.moment_text(d.decided_at)}"
                + (f" {d.reason}" if d.reason else "")
            )
        for t in record.transactions:
            amount = f" {t.amount_yen:,}円" if t.amount_yen is not None else ""
            print(tr("取引記録: ", "Transaction: ") + f"{texts.date_text(t.transacted_on)} {t.kind}{amount}")
        for n in record.notes:
            print(tr("面談記録: ", "Meeting note: ") + f"{texts.moment_text(n.written_at)} {n.author}: {n.text}")
        _show_caseload(record)
        until = record.retention_until
        print(tr("保存期限: ", "Keep until: ") + (texts.date_text(until) if until else texts.word_text("matter_open")))

    _emit(args, data, human)
    return 0


def _show_caseload(record: Any) -> None:
    """The caseload part of ``records show``: documents, mailing, reliance, high risk, the split decision —
    in words (:mod:`kyc_desk.app.texts`), dates in 和暦 and moments in Japan time."""
    from kyc_desk.app import texts

    if record.documents:
        print(tr("提示を受けた書類:", "Documents:"))
    for d in record.documents:
        parts = [texts.document_text(d.kind), d.number or ""]
        if d.expires_on:
            parts.append(tr("有効期限 ", "expires ") + texts.date_text(d.expires_on))
        if d.issued_on:
            parts.append(tr("発行日 ", "issued ") + texts.date_text(d.issued_on))
        parts.append(d.note or "")
        print(f"  {texts.document_purpose_text(d.purpose.value)}: " + " ".join(p for p in parts if p))
    if record.mailing is not None:
        m = record.mailing
        line = tr("転送不要郵便: 発送 ", "No-forwarding mail: sent ") + texts.moment_text(m.mailed_at)
        if m.tracking_number:
            line += tr(" 追跡番号 ", " tracking number ") + m.tracking_number
        if m.outcome is not None:
            line += f" → {texts.mail_outcome_text(m.outcome.value)}"
            line += f" {texts.date_text(m.outcome_on)}" if m.outcome_on else ""
        print(line)
    if record.reliance is not None:
        r = record.reliance
        print(tr(f"以前の本人確認記録に依拠: #{r.verification_id}（確認の方法: ",
                 f"Relies on verification #{r.verification_id} (matched by: ")
              + texts.match_basis_text(r.matched_by.value) + tr("）", ")") + (f" {r.note}" if r.note else ""))
    if record.high_risk is not None:
        print(tr("ハイリスク取引（法4条2項）: ", "High-risk transaction: ")
              + tr("、", ", ").join(texts.risk_reason_text(r.value) for r in record.high_risk.reasons)
              + (f" {record.high_risk.note}" if record.high_risk.note else ""))
    if record.identity is not None:
        i = record.identity
        print(tr("本人確認の結果: ", "Identity: ")
              + f"{texts.identity_result_text(i.result.value)} {i.decided_by} {texts.moment_text(i.decided_at)}"
              + (f" {i.note}" if i.note else ""))
        kinds = [d.kind for d in record.documents]
        for gap in i.reasons:
            print(f"  {texts.gap_text(gap.check, kinds)}: {gap.reason}")
    if record.engagement is not None:
        e = record.engagement
        print(tr("受任の判断: ", "Engagement: ")
              + f"{texts.engagement_text(e.engagement.value)} {e.decided_by} {texts.moment_text(e.decided_at)}"
              + (f" {e.note}" if e.note else ""))
    if record.meetings:
        print(tr("面談: ", "Meetings: ") + ", ".join(f"#{m}" for m in record.meetings))


def _backup(args: argparse.Namespace, secrets: _Secrets) -> int:
    from kyc_desk.records import create_backup

    with _open(secrets) as store:
        info = create_backup(store, args.file)
    data = {
        "file": str(args.file),
        "verifications": info.verifications,
        "audit_head": info.audit_head,
        "size": info.size,
    }
    _emit(
        args,
        data,
        lambda: print(
            tr(
                f"バックアップを作成しました: {args.file}（{info.verifications} 件）",
                f"Backup written: {args.file} ({info.verifications} verifications)",
            )
        ),
    )
    return 0


def _restore(args: argparse.Namespace, secrets: _Secrets) -> int:
    from kyc_desk.records import StoreAlreadyExists, StoreLocation, restore_backup

    if StoreLocation.default().exists():
        raise StoreAlreadyExists("a record store already exists; restore only into an empty desk")
    recovery = _recovery(secrets)
    kwargs = _key_mode_kwargs(args, secrets)
    with restore_backup(args.file, recovery, **kwargs) as store:
        count = store.count()
        audit = store.verify_audit()
    data = {"verifications": count, "key_mode": kwargs["mode"], "audit_ok": audit.ok, "audit_head": audit.head_hash}
    _emit(args, data, lambda: print(tr(f"{count} 件の記録を復元しました。", f"Restored {count} verifications.")))
    return 0


def _recover(args: argparse.Namespace, secrets: _Secrets) -> int:
    from kyc_desk.records import recover_access

    recovery = _recovery(secrets)
    kwargs = _key_mode_kwargs(args, secrets)
    header = recover_access(recovery, **kwargs)
    _emit(
        args,
        {"key_mode": header.mode},
        lambda: print(tr("鍵を再設定しました: ", "Key access restored: ") + header.mode),
    )
    return 0


def _end_matter(args: argparse.Namespace, secrets: _Secrets) -> int:
    with _open(secrets) as store:
        store.end_matter(args.matter_id, args.on, actor=getpass.getuser())
    data = {"matter_id": args.matter_id, "ended_on": args.on.isoformat()}
    _emit(args, data, lambda: print(tr("事件の終了日を登録しました。", "Matter end date entered.")))
    return 0


def _verify_audit(args: argparse.Namespace, secrets: _Secrets) -> int:
    with _open(secrets) as store:
        result = store.verify_audit()
        problems = store.integrity_check()
    data = {**result.to_json(), "integrity": problems}
    ok = result.ok and not problems

    def human() -> None:
        print(
            tr(
                f"監査ログ {result.entries} 件、記録行 {result.rows} 行を検査しました。",
                f"Checked {result.entries} audit entries and {result.rows} rows.",
            )
        )
        print(tr("先頭ハッシュ: ", "Head hash: ") + result.head_hash)
        for f in result.findings:
            where = f"{f.table} #{f.row_id}" if f.table else tr(f"監査ログ #{f.seq}", f"audit entry #{f.seq}")
            print(f"  {f.kind}: {where}")
        for p in problems:
            print(f"  integrity: {p}")
        print(
            tr("問題は見つかりませんでした。", "No problems found.")
            if ok
            else tr("問題が見つかりました。", "Problems found.")
        )

    _emit(args, {**data, "ok": ok}, human)
    return 0 if ok else EXIT_FINDINGS


def _purge(args: argparse.Namespace, secrets: _Secrets) -> int:
    from kyc_desk.records.json_form import summary_to_json

    today = args.today or dt.date.today()
    with _open(secrets) as store:
        candidates = store.purge_candidates(today)
        if not args.json:
            if not candidates:
                print(tr("保存期間を過ぎた記録はありません。", "Nothing is past its retention period."))
            else:
                print(
                    tr(
                        f"次の {len(candidates)} 件を削除します（保存期間経過）:",
                        f"These {len(candidates)} verifications are past retention and will be deleted:",
                    )
                )
                for s in candidates:
                    print(_summary_line(s))
        confirmed = bool(candidates) and (args.yes or (not args.json and _confirm()))
        deleted = 0
        if confirmed:
            deleted = store.purge([s.id for s in candidates], today=today, actor=getpass.getuser(), confirmed=True)
    data = {"today": today.isoformat(), "candidates": [summary_to_json(s) for s in candidates], "deleted": deleted}
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    elif candidates:
        print(
            tr(f"{deleted} 件を削除しました。", f"Deleted {deleted}.")
            if confirmed
            else tr("削除しませんでした。", "Nothing deleted.")
        )
    return 0


def _confirm() -> bool:
    try:
        answer = input(tr("削除してよろしいですか？ [y/N]: ", "Delete them? [y/N]: "))
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes", "はい")


_ACTIONS: dict[str, Callable[[argparse.Namespace, _Secrets], int]] = {
    "init": _init,
    "list": _list,
    "show": _show,
    "search": _search,
    "backup": _backup,
    "restore": _restore,
    "recover": _recover,
    "end-matter": _end_matter,
    "verify-audit": _verify_audit,
    "purge": _purge,
}


def run(args: argparse.Namespace) -> int:
    """Run one ``records`` action."""
    from kyc_desk.cli import records_caseload

    if args.records_action in records_caseload.GROUPS:
        return run_caseload(args)
    return _ACTIONS[args.records_action](args, _Secrets(args.stdin))


def run_caseload(args: argparse.Namespace) -> int:
    """Run one caseload action (``records client|matter|transaction|meeting``, ``meeting add|list|…``) on
    the desk's store. With ``--stdin`` and ``--paste`` together, the first line is the passphrase and the
    rest the invitation text."""
    from kyc_desk.cli import records_caseload

    if args.records_action == "operator":  # the settings only: no store needed
        return records_caseload.run(args, records_caseload.service_for(None))
    with open_for_caseload(args) as store:
        return records_caseload.run(args, records_caseload.service_for(store))


def open_for_caseload(args: argparse.Namespace) -> RecordStore:
    """The desk's store for a caseload command; with ``--stdin`` and ``--paste`` together the first line
    of standard input is the passphrase and the rest the invitation text (``args.invitation_text``)."""
    secrets = _Secrets(args.stdin and not getattr(args, "paste", False))
    if args.stdin and getattr(args, "paste", False):
        first, _, args.invitation_text = stdin_text().partition("\n")
        secrets._lines = iter([first])
    return _open(secrets)
