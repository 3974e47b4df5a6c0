"""``kyc-desk sync``, ``kyc-desk sync-server`` and ``kyc-desk submit``: remote submissions from the command line.

Desk side (``sync``)::

    sync init --endpoint URL [--passphrase]       office key pair + endpoint; desk token asked (or --stdin)
    sync request --method he [--method wa] [--name N --birth-date D --address A | --client-id ID]
                 [--expires-hours H] [--office-name X] [--to MAIL] [--eml FILE]
    sync pull                                     download, decrypt, verify, store; confirm each
    sync quarantine                               submissions kept but not imported, with the reason

Endpoint (``sync-server``)::

    sync-server serve [--host 127.0.0.1] [--port 8765] [--database URL] [--data-folder DIR] [--public-url URL]
                      [--workers N] [--trusted-proxy ADDR/NET ...] [--header-timeout S] [--body-timeout S]
                      [--min-upload-rate KIB_PER_S] [--keep-alive-timeout S]
    sync-server add-desk --label L [--office O]   prints the desk's token once
    sync-server purge | status

Client (``submit``)::

    submit LINK --method he --document mynumber (--reader NAME | --chip PART=FILE ...) --selfie F ...
    submit LINK --method ho --document driver_licence --front F --back F --thickness F --selfie F ...
    submit LINK --method wa (--reader NAME | --signature F --certificate F [--ca F])

Every action takes ``--json`` (one JSON document on stdout). Secrets — desk token, passphrases, card PINs —
are never taken from the command line: they are typed at a prompt, or with ``--stdin`` read one per line
(card secrets as ``name=value`` lines, e.g. ``code_b=…``). Heavy imports happen inside :func:`run`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kyc_desk.cli.input import positive_float, positive_int, stdin_text
from kyc_desk.i18n import tr

if TYPE_CHECKING:
    from kyc_desk.records import RecordStore
    from kyc_desk.sync.office_key import KeyProtection

DEFAULT_PORT = 8765


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``sync``, ``sync-server`` and ``submit``."""
    _register_sync(subparsers)
    _register_server(subparsers)
    _register_submit(subparsers)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=tr("JSON で出力", "JSON output"))
    parser.add_argument("--stdin", action="store_true",
                        help=tr("秘密情報を標準入力から1行ずつ読む", "read secrets from stdin, one per line"))
    parser.set_defaults(handler=run)


def _register_sync(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("sync", help=tr("リモート本人確認（依頼の作成・提出データの取込み）",
                                                   "remote submissions: requests and pulling"))
    actions = parser.add_subparsers(dest="sync_action", metavar="ACTION", required=True)
    init = actions.add_parser("init", help=tr("事務所鍵を作成し受付サーバーを設定", "create the office key"))
    init.add_argument("--endpoint", required=True, help=tr("受付サーバーのURL", "endpoint URL"))
    init.add_argument("--passphrase", action="store_true",
                      help=tr("事務所鍵をパスフレーズで保護（安全なキーリングがない場合）",
                              "protect the office key with a passphrase"))
    _common(init)
    request = actions.add_parser("request", help=tr("本人確認の依頼とリンクを作成", "create a request and its link"))
    request.add_argument("--method", action="append", choices=("he", "ho", "wa"), required=True)
    request.add_argument("--name", help=tr("依頼者の氏名（デスク内にのみ保存）", "client name (kept on the desk)"))
    request.add_argument("--birth-date", type=dt.date.fromisoformat)
    request.add_argument("--address")
    request.add_argument("--client-id", type=int, help=tr("既存の依頼者ID", "existing client id"))
    request.add_argument("--expires-hours", type=int, default=72)
    request.add_argument("--reference", default="", help=tr("受付サーバーに送る参照番号（個人情報不可）",
                                                             "opaque reference sent to the endpoint"))
    request.add_argument("--office-name", default=tr("当事務所", "our office"))
    request.add_argument("--to", default="", help=tr("メールの宛先", "e-mail recipient"))
    request.add_argument("--eml", type=Path, help=tr(".eml ファイルの保存先", "write the e-mail as .eml"))
    _common(request)
    pull = actions.add_parser("pull", help=tr("提出データを取り込む", "pull submissions into the records"))
    pull.add_argument("--trust-dir", type=Path)
    _common(pull)
    quarantine = actions.add_parser("quarantine", help=tr("取り込めなかった提出データ", "quarantined submissions"))
    quarantine.add_argument("--retry", metavar="SUBMISSION_ID",
                            help=tr("隔離中の提出データを再度取り込む", "import a quarantined submission again"))
    quarantine.add_argument("--trust-dir", type=Path)
    _common(quarantine)


def _register_server(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("sync-server", help=tr("リモート提出の受付サーバー", "the submission endpoint"))
    actions = parser.add_subparsers(dest="server_action", metavar="ACTION", required=True)
    serve = actions.add_parser("serve", help=tr("サーバーを起動", "run the endpoint"))
    serve.add_argument("--host", default="127.0.0.1",
                       help=tr("待ち受けアドレス（既定はループバックのみ）", "bind address (loopback by default)"))
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--public-url", help=tr("リンクの先頭（TLSプロキシのURL）", "link prefix (the TLS proxy's URL)"))
    serve.add_argument("--max-upload-mb", type=float, default=12.0)
    from kyc_desk.sync.server.limits import Limits, Timeouts  # plain values: no server code is loaded

    serve.add_argument("--trusted-proxy", action="append", default=[],
                       help=tr("X-Forwarded-Forを信用するプロキシ（アドレスまたはネットワーク、複数可）",
                               "proxy whose X-Forwarded-For is believed (address or network; repeatable)"))
    serve.add_argument("--workers", type=positive_int, default=1,
                       help=tr("ワーカープロセス数（2以上はPostgreSQLで）",
                               "worker processes (more than 1: use PostgreSQL)"))
    serve.add_argument("--data-folder", type=Path,
                       help=tr("封筒ファイルの保存先（既定はデータフォルダ内 sync-server）",
                               "where envelopes are kept (default: sync-server in the data folder)"))
    defaults = Timeouts()
    serve.add_argument("--header-timeout", type=positive_float, default=defaults.header,
                       help=tr("リクエストヘッダーの受信期限（秒）", "seconds to receive a request's headers"))
    serve.add_argument("--keep-alive-timeout", type=positive_float, default=defaults.keep_alive,
                       help=tr("待機中の接続を閉じるまでの秒数", "seconds an idle connection is kept"))
    serve.add_argument("--body-timeout", type=positive_float, default=defaults.body_idle,
                       help=tr("本文の受信が止まってよい秒数", "seconds a body may stall"))
    serve.add_argument("--body-grace", type=positive_float, default=defaults.body_grace,
                       help=tr("最低受信速度を適用するまでの秒数", "seconds before the minimum rate applies"))
    serve.add_argument("--body-window", type=positive_float, default=defaults.body_window,
                       help=tr("受信速度を平均する秒数", "seconds the upload rate is averaged over"))
    serve.add_argument("--min-upload-rate", type=positive_float, default=defaults.body_min_rate / 1024,
                       help=tr("--body-grace 秒以降の最低受信速度（KiB/秒）",
                               "minimum upload rate after --body-grace seconds (KiB/s)"))
    serve.add_argument("--concurrent-uploads", type=positive_int, default=Limits.concurrent_uploads,
                       help=tr("同時に受信するアップロードの上限（ワーカーごと）",
                               "uploads in progress at once, per worker"))
    serve.add_argument("--concurrent-uploads-per-link", type=positive_int,
                       default=Limits.concurrent_uploads_per_link,
                       help=tr("1つのリンクで同時に受信するアップロードの上限",
                               "uploads in progress at once, per link"))
    serve.add_argument("--no-rate-limits", action="store_true",
                       help=tr("利用回数制限を無効化（負荷試験専用）", "turn rate limits off (load tests only)"))
    for sub in (serve, actions.add_parser("add-desk", help=tr("デスクを登録しトークンを発行", "add a desk")),
                actions.add_parser("purge", help=tr("期限切れのデータを削除", "purge expired data")),
                actions.add_parser("status", help=tr("件数を表示", "show counts"))):
        sub.add_argument("--database", help=tr("データベースURL（既定はSQLite）", "database URL (default SQLite)"))
        _common(sub)
    add = actions.choices["add-desk"]
    add.add_argument("--label", required=True)
    add.add_argument("--office", default="default")


def _register_submit(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("submit", help=tr("提出データを作成して送信（テスト・窓口端末用）",
                                                     "build and upload a submission (tests, kiosks)"))
    parser.add_argument("link")
    parser.add_argument("--info", action="store_true",
                        help=tr("依頼の内容（方式・期限・生体確認の指示）を表示するだけ",
                                "only show what the request asks for (methods, expiry, liveness actions)"))
    parser.add_argument("--method", choices=("he", "ho", "wa"))
    parser.add_argument("--document", choices=("mynumber", "driver_licence", "residence_card"))
    parser.add_argument("--reader", help=tr("カードを読むリーダー名", "read the card on this reader"))
    parser.add_argument("--chip", action="append", default=[], metavar="PART=FILE")
    parser.add_argument("--selfie", action="append", default=[], type=Path)
    for side in ("front", "back", "thickness", "tilt"):
        parser.add_argument(f"--{side}", type=Path)
    parser.add_argument("--signature", type=Path)
    parser.add_argument("--certificate", type=Path)
    parser.add_argument("--ca", action="append", default=[], type=Path)
    parser.add_argument("--confirm-last-try", action="store_true",
                        help=tr("残り1回でも入力を送る", "send a secret even when one try is left"))
    parser.add_argument("--card-proof", action="store_true",
                        help=tr("ヘ・マイナンバーカード: 依頼者が利用者証明用電子証明書の暗証番号（4桁）を入力し、"
                                "再来の確認用にカードの署名を添える（--reader と併用）",
                                "ヘ with a My Number card: the client types the 4-digit user-authentication PIN and "
                                "the card's proof for a returning client is added (with --reader)"))
    _common(parser)


# --- running ------------------------------------------------------------------------------------------


class _Secrets:
    """Secrets from a prompt, or from stdin lines with ``--stdin`` (never argv)."""

    def __init__(self, use_stdin: bool) -> None:
        self.use_stdin = use_stdin
        self._lines: list[str] | None = None

    def ask(self, prompt: str) -> str:
        if self.use_stdin:
            if self._lines is None:
                self._lines = stdin_text().splitlines()
            if not self._lines:
                from kyc_desk.sync.errors import SyncError

                raise SyncError("not enough secret lines on stdin", ja="標準入力の秘密情報が足りません。")
            return self._lines.pop(0)
        return getpass.getpass(prompt)


def _out(args: argparse.Namespace, data: dict[str, Any], text: str) -> int:
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(text)
    return 0


def run(args: argparse.Namespace) -> int:
    """Dispatch to the chosen action."""
    secrets = _Secrets(args.stdin)
    if args.command == "sync-server":
        return _run_server(args)
    if args.command == "submit":
        return _run_submit(args, secrets)
    return {"init": _sync_init, "request": _sync_request, "pull": _sync_pull,
            "quarantine": _sync_quarantine}[args.sync_action](args, secrets)


# --- sync-server --------------------------------------------------------------------------------------


def _server_folder(args: argparse.Namespace) -> Path:
    """The endpoint's data folder: ``--data-folder``, ``KYC_DESK_SYNC_DATA``, or sync-server/ in the data folder."""
    if getattr(args, "data_folder", None):
        return Path(args.data_folder)
    if os.environ.get("KYC_DESK_SYNC_DATA"):
        return Path(os.environ["KYC_DESK_SYNC_DATA"])
    from kyc_desk.paths import desk_paths

    return desk_paths().ensure().data / "sync-server"


def _database(args: argparse.Namespace) -> str:
    if args.database:
        return str(args.database)
    if os.environ.get("KYC_DESK_SYNC_DATABASE"):
        return os.environ["KYC_DESK_SYNC_DATABASE"]
    return f"sqlite:///{_server_folder(args) / 'sync-server.db'}"


def _run_server(args: argparse.Namespace) -> int:
    import dataclasses
    import ipaddress
    import time

    from kyc_desk.sync.errors import SyncError
    from kyc_desk.sync.server import Limits, ServerConfig, Store, Timeouts
    from kyc_desk.sync.server.run import serve

    url = _database(args)
    if args.server_action == "serve":
        public = args.public_url or f"http://{args.host}:{args.port}"
        max_bytes = int(args.max_upload_mb * 1024 * 1024)
        limits = Limits.off(max_bytes) if args.no_rate_limits else Limits(max_upload_bytes=max_bytes)
        limits = dataclasses.replace(
            limits, concurrent_uploads=args.concurrent_uploads,
            concurrent_uploads_per_link=args.concurrent_uploads_per_link, timeouts=Timeouts(
            header=args.header_timeout, keep_alive=args.keep_alive_timeout, body_idle=args.body_timeout,
            body_grace=args.body_grace, body_window=args.body_window, body_min_rate=int(args.min_upload_rate * 1024)))
        for proxy in args.trusted_proxy:
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError as exc:
                raise SyncError(f"--trusted-proxy {proxy!r} is not an address or network",
                                ja="--trusted-proxy の値がアドレスでもネットワークでもありません。") from exc
        if args.workers > 1 and url.startswith("sqlite"):
            print(tr("注意: 複数ワーカーではPostgreSQLを推奨します（docs/sync-server.md）",
                     "note: with several workers, PostgreSQL is recommended (docs/sync-server.md)"), file=sys.stderr)
        config = ServerConfig(database_url=url, public_url=public, limits=limits,
                              trusted_proxies=tuple(args.trusted_proxy), data_folder=_server_folder(args))
        where = f"http://{args.host}:{args.port}"
        print(tr(f"受付サーバーを起動します: {where}（リンク: {public}、ワーカー {args.workers}）",
                 f"serving on http://{args.host}:{args.port} (links: {public}, {args.workers} workers)"),
              file=sys.stderr)
        serve(config, host=args.host, port=args.port, workers=args.workers)
        return 0
    store = Store(url)
    try:
        now = int(time.time())
        if args.server_action == "add-desk":
            desk, token = store.add_desk(args.label, args.office, now)
            return _out(args, {"desk_id": desk.id, "label": desk.label, "office": desk.office, "token": token},
                        tr(f"デスク {desk.id} を登録しました。トークン（再表示できません）:\n{token}",
                           f"desk {desk.id} added. Token (shown once):\n{token}"))
        if args.server_action == "purge":
            defaults = ServerConfig(url)
            subs, reqs = store.purge(now, keep_claimed_seconds=defaults.keep_claimed_seconds,
                                     keep_unclaimed_seconds=defaults.keep_unclaimed_seconds)
            text = tr(f"削除: 提出データ {subs} 件、依頼 {reqs} 件", f"purged {subs} submissions, {reqs} requests")
            return _out(args, {"submissions": subs, "requests": reqs}, text)
        counts = store.counts()
        return _out(args, counts, ", ".join(f"{k}: {v}" for k, v in counts.items()))
    finally:
        store.close()


# --- sync (desk) --------------------------------------------------------------------------------------


def _folder() -> Path:
    from kyc_desk.sync.desk import sync_folder

    return sync_folder()


def _protection(mode: str, secrets: _Secrets, *, new: bool = False) -> KeyProtection:
    from kyc_desk.sync.office_key import KeyProtection

    if mode == "passphrase":
        phrase = secrets.ask(tr("事務所鍵のパスフレーズ: ", "Office key passphrase: "))
        if new and not secrets.use_stdin and phrase != secrets.ask(tr("もう一度: ", "Again: ")):
            from kyc_desk.sync.errors import OfficeKeyError

            raise OfficeKeyError("the passphrases differ", ja="パスフレーズが一致しません。")
        return KeyProtection(mode="passphrase", passphrase=phrase)
    return KeyProtection(mode="keyring")


def _sync_init(args: argparse.Namespace, secrets: _Secrets) -> int:
    from kyc_desk.app.remote import set_up_sync

    token = secrets.ask(tr("デスクのトークン: ", "Desk token: ")).strip()
    config, key = set_up_sync(
        _folder(), args.endpoint, token, new_key_mode="passphrase" if args.passphrase else "keyring",
        protection=lambda mode, new: _protection(mode, secrets, new=new),
    )
    return _out(args, {"endpoint": config.endpoint, "key_id": key.key_id, "public_key": key.public_text,
                       "key_mode": config.key_mode},
                tr(f"設定しました。事務所鍵ID: {key.key_id}", f"set up. Office key id: {key.key_id}"))


def _unlocked_desk(secrets: _Secrets) -> Any:
    from kyc_desk.app.remote import open_sync

    return open_sync(_folder(), lambda mode, new: _protection(mode, secrets, new=new))


def _sync_request(args: argparse.Namespace, secrets: _Secrets) -> int:
    from kyc_desk.records import Person
    from kyc_desk.sync.format import Method

    person = None
    if args.name:
        person = Person(name=args.name, birth_date=args.birth_date, address=args.address)
    desk = _unlocked_desk(secrets)
    methods = tuple(Method(m) for m in dict.fromkeys(args.method))
    created = desk.create_request(methods, person=person, client_id=args.client_id,
                                  expires_in_minutes=args.expires_hours * 60, reference=args.reference)
    mail = desk.mail_for(created, office_name=args.office_name, client_name=args.name or "", to=args.to)
    if args.eml:
        args.eml.write_bytes(mail.to_eml())
    data = {"request_id": created.request_id, "link": created.link, "expires_at": created.expires_at.isoformat(),
            "methods": [m.value for m in created.methods], "mailto": mail.mailto_url(),
            "eml": str(args.eml) if args.eml else None}
    from kyc_desk.app.texts import moment_text

    until = moment_text(created.expires_at)  # 和暦, Japan time, as the desk shows dates
    text = tr(f"依頼を作成しました（期限 {until}）\nリンク: {created.link}\nメール: {mail.mailto_url()}",
              f"request created (expires {until})\nlink: {created.link}\nmail: {mail.mailto_url()}")
    return _out(args, data, text)


def _open_records(secrets: _Secrets) -> RecordStore:
    from kyc_desk.records import RecordStore
    from kyc_desk.records.store import key_source_for

    ask = lambda: secrets.ask(tr("記録データベースのパスフレーズ: ", "Records passphrase: "))  # noqa: E731
    return RecordStore.open(key_source_for(ask_passphrase=ask))


def _sync_pull(args: argparse.Namespace, secrets: _Secrets) -> int:
    from kyc_desk.sync.desk import IMPORTED, QUARANTINED
    from kyc_desk.sync.face_checks import default_face_checker
    from kyc_desk.verify.trust import load_trust_store

    desk = _unlocked_desk(secrets)
    with _open_records(secrets) as store:
        result = desk.pull(store, anchors=load_trust_store(args.trust_dir), faces=default_face_checker())
    data = {"items": [i.to_json() for i in result.items], "bytes": result.bytes}
    lines = [tr(f"取込み {result.count(IMPORTED)} 件、保留（隔離） {result.count(QUARANTINED)} 件",
                f"imported {result.count(IMPORTED)}, quarantined {result.count(QUARANTINED)}")]
    from kyc_desk.app.texts import check_name_text

    outcomes = {IMPORTED: tr("取込み", "imported"), QUARANTINED: tr("隔離", "quarantined")}
    for item in result.items:  # check names and outcomes as words (the --json form keeps the codes)
        names = tr("、", ", ").join(check_name_text(name) for name in item.flagged)
        flagged = tr(f" 要確認: {names}", f" needs a look: {names}") if item.flagged else ""
        record = f" #{item.record_id}" if item.record_id else ""
        reason = f" {item.reason}" if item.reason else ""
        outcome = outcomes.get(item.outcome, item.outcome)
        lines.append(f"  {item.submission_id[:8]} {item.method.letter_ja} {outcome}{record}{flagged}{reason}")
    return _out(args, data, "\n".join(lines))


def _sync_quarantine(args: argparse.Namespace, secrets: _Secrets) -> int:
    from kyc_desk.sync.desk import Quarantine

    if args.retry:
        from kyc_desk.sync.face_checks import default_face_checker
        from kyc_desk.verify.trust import load_trust_store

        desk = _unlocked_desk(secrets)
        with _open_records(secrets) as store:
            item = desk.retry_quarantined(args.retry, store, anchors=load_trust_store(args.trust_dir),
                                          faces=default_face_checker())
        text = tr(f"取り込みました: 記録 #{item.record_id}", f"imported as record #{item.record_id}")
        return _out(args, item.to_json(), text)

    from kyc_desk.app.texts import moment_text
    from kyc_desk.sync.format import Method

    def received(text: str) -> str:
        try:
            return moment_text(dt.datetime.fromisoformat(text))
        except ValueError:  # a naive or unreadable time: as stored
            return text

    def letter(method: str) -> str:
        return Method(method).letter_ja if method in {m.value for m in Method} else method

    entries = Quarantine(_folder() / "quarantine").entries()
    lines = [f"{e.submission_id[:8]} {letter(e.method)} {received(e.received_at)}: {tr(e.reason_ja, e.reason)}"
             for e in entries]
    return _out(args, {"entries": [e.__dict__ for e in entries]},
                "\n".join(lines) or tr("隔離中の提出データはありません", "nothing in quarantine"))


# --- submit -------------------------------------------------------------------------------------------


def _card_prompt(args: argparse.Namespace, secrets: _Secrets) -> Any:
    """A SecretPrompt: shows the tries left first; never sends a last try without confirmation."""
    from kyc_desk.cards.apps.mynumber import Secret, SecretRequest

    given: dict[str, str] = {}
    if args.stdin:
        for line in stdin_text().splitlines():
            name, _, value = line.partition("=")
            given[name.strip()] = value.strip()

    def prompt(request: SecretRequest) -> Secret | None:
        name, left = request.name, request.tries_left
        if left < 0:  # the card keeps no counter (the residence card number)
            print(tr(f"{name}: 入力回数の制限はありません", f"{name}: no limit on tries"), file=sys.stderr)
        else:
            print(tr(f"{name}: 残り {left} 回", f"{name}: {left} tries left"), file=sys.stderr)
        if request.last_try and not args.confirm_last_try:
            print(tr("残り1回のため送信しません（--confirm-last-try で確認）",
                     "one try left: not sent (confirm with --confirm-last-try)"), file=sys.stderr)
            return None
        value = given.get(request.name) if args.stdin else getpass.getpass(f"{request.name}: ")
        if not value:
            return None
        return Secret(value, confirm_last_try=request.last_try and args.confirm_last_try)

    return prompt


def _run_submit(args: argparse.Namespace, secrets: _Secrets) -> int:
    from kyc_desk.sync import submitter as sub
    from kyc_desk.sync.errors import SubmissionMalformed
    from kyc_desk.sync.format import DocumentKind, Method

    if args.info:
        info = sub.link_challenge(args.link)
        actions = [a for a in info.liveness.split(",") if a]
        from kyc_desk.app.texts import moment_text

        until = moment_text(info.expires_at)  # 和暦 (English: the Western date), Japan time
        text = tr(
            f"方式: {'・'.join(m.letter_ja for m in info.methods)}  期限: {until}\n"
            f"自撮り映像で行う動作（順に）: {', '.join(actions) or 'なし'}",
            f"methods: {', '.join(m.letter_ja for m in info.methods)}  expires: {until}\n"
            f"selfie clip must show, in order: {', '.join(actions) or 'nothing'}",
        )
        return _out(args, {"request_id": info.request_id, "methods": [m.value for m in info.methods],
                           "expires_at": info.expires_at.isoformat(), "liveness": actions,
                           "max_upload_bytes": info.max_upload_bytes}, text)
    if args.method is None:
        raise SubmissionMalformed("--method is required to submit", ja="--method を指定してください。")
    method = Method(args.method)
    document = DocumentKind(args.document) if args.document else None
    parts = sub.selfie_parts(args.selfie) if args.selfie else []
    if method is Method.WA:
        if args.reader:
            info = sub.link_challenge(args.link)
            with _card(args.reader) as card:
                parts += sub.sign_wa(card, _card_prompt(args, secrets), info)
        else:
            if not (args.signature and args.certificate):
                raise SubmissionMalformed("ワ needs --reader, or --signature and --certificate")
            parts += sub.jpki_parts(args.signature.read_bytes(), args.certificate.read_bytes(),
                                    [p.read_bytes() for p in args.ca])
    elif method is Method.HE:
        if args.card_proof and not args.reader:
            raise SubmissionMalformed("--card-proof needs --reader", ja="--card-proof は --reader と併用してください。")
        if args.reader:
            info = sub.link_challenge(args.link)  # the request's challenge, for the card key to sign
            with _card(args.reader) as card:
                parts += sub.read_he_parts(card, _card_prompt(args, secrets), info, card_proof=args.card_proof)
        else:
            chips: dict[str, Path | bytes] = {}
            for spec in args.chip:
                name, _, path = spec.partition("=")
                chips[name] = Path(path)
            parts += sub.chip_parts(chips)
    else:
        sides = {side: getattr(args, side) for side in ("front", "back", "thickness", "tilt") if getattr(args, side)}
        parts += sub.document_parts(sides)
    receipt = sub.submit(args.link, method, document, parts)
    return _out(args, {"submission_id": receipt.submission_id, "request_id": receipt.request_id,
                       "method": receipt.method.value, "bytes": receipt.size},
                tr(f"送信しました（{receipt.size} バイト、暗号化済み）", f"sent ({receipt.size} bytes, encrypted)"))


class _card:
    """A Card over PC/SC on ``reader`` (exclusive while open)."""

    def __init__(self, reader: str) -> None:
        self.reader = reader

    def __enter__(self) -> Any:
        from kyc_desk.cards.card import Card
        from kyc_desk.cards.transport.pcsc import PcscTransport

        self.transport = PcscTransport.connect(self.reader)
        return Card(self.transport)

    def __exit__(self, *exc: object) -> None:
        self.transport.close()
