"""本人確認依頼メール — the e-mail that carries a one-time link to the client.

The desk never sends mail itself: the scrivener sends it from their own mail program, as with the
commercial eKYC services. The desk offers the message two ways, both built on the desk (the client's name
and address never reach the endpoint):

- a ``mailto:`` URL (RFC 6068: UTF-8, percent-encoded) that opens a new message in the mail program;
- an ``.eml`` file (RFC 5322 with MIME: the subject as an RFC 2047 encoded-word, the body as UTF-8 with a
  transfer encoding safe for 7-bit transports) for mail programs that open message files.

The meeting invitation (kyc_desk.meetings.invite) uses the same message type with an attachment (the
``.ics``): only the ``.eml`` carries attachments, as a ``mailto:`` URL cannot.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import urllib.parse
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Final

from kyc_desk.jp.era import format_with_western_year
from kyc_desk.jp.time import JAPAN_TIME as JST
from kyc_desk.sync.format import Method

_METHOD_TEXT_JA: Final = {
    Method.HE: "マイナンバーカード・運転免許証・在留カードのICチップ読み取りと顔写真の撮影",
    Method.HO: "本人確認書類の撮影と顔写真の撮影",
    Method.WA: "マイナンバーカードの署名用電子証明書による電子署名",
}


@dataclass(frozen=True)
class Attachment:
    """A file the ``.eml`` carries: ``content_type`` as ``maintype/subtype``; ``params`` go on its
    Content-Type header (``method=PUBLISH`` for a calendar)."""

    filename: str
    content_type: str
    data: bytes
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RequestMail:
    """One e-mail to a client: recipient (may be empty), subject, plain-text body and the attachments the
    ``.eml`` carries (the ``mailto:`` URL cannot carry any)."""

    to: str
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = ()

    def mailto_url(self) -> str:
        """A ``mailto:`` URL that opens this message in the user's mail program (RFC 6068)."""
        query = urllib.parse.urlencode(
            {"subject": self.subject, "body": self.body.replace("\n", "\r\n")}, quote_via=urllib.parse.quote
        )
        return f"mailto:{urllib.parse.quote(self.to, safe='@')}?{query}"

    def to_eml(self, *, sender: str = "") -> bytes:
        """The message as an ``.eml`` file (RFC 5322, MIME, CRLF line ends)."""
        msg = EmailMessage(policy=email.policy.SMTP)
        if sender:
            msg["From"] = sender
        if self.to:
            msg["To"] = self.to
        msg["Subject"] = self.subject
        msg["Date"] = formatdate(localtime=False)
        msg["Message-ID"] = make_msgid(domain="kyc-desk.invalid")
        msg["X-Unsent"] = "1"  # Outlook and Thunderbird open it as a draft to send
        msg.set_content(self.body, charset="utf-8", cte="base64")
        for attachment in self.attachments:
            maintype, _, subtype = attachment.content_type.partition("/")
            msg.add_attachment(
                attachment.data,
                maintype=maintype,
                subtype=subtype,
                filename=attachment.filename,
                params=dict(attachment.params),
            )
        return msg.as_bytes()


def request_mail(
    *,
    link: str,
    expires_at: dt.datetime,
    methods: tuple[Method, ...],
    office_name: str,
    client_name: str = "",
    to: str = "",
) -> RequestMail:
    """The Japanese request e-mail for one link.

    ``client_name`` and ``to`` stay on the desk; pass them only when the scrivener wants them in the mail.
    """
    local = expires_at.astimezone(JST)
    deadline = f"{format_with_western_year(local.date())} {local:%H:%M}"
    salutation = f"{client_name} 様" if client_name else "お客様"
    ways = "\n".join(f"・{_METHOD_TEXT_JA[m]}（{m.letter_ja}方式）" for m in methods)
    subject = f"【{office_name}】オンライン本人確認のお願い"
    body = (
        f"{salutation}\n\n"
        f"{office_name}です。\n"
        "犯罪収益移転防止法に基づく本人確認（取引時確認）のため、下記のリンクからお手続きをお願いいたします。\n\n"
        f"{link}\n\n"
        f"ご利用いただける方法:\n{ways}\n\n"
        f"有効期限: {deadline}（日本時間）\n"
        "このリンクは一度だけ使用できます。期限を過ぎた場合は、改めてご連絡ください。\n"
        "お送りいただいた情報は暗号化され、当事務所のみが読むことができます。\n\n"
        "お心当たりのない場合は、このメールを破棄してください。\n\n"
        f"{office_name}\n"
    )
    return RequestMail(to=to, subject=subject, body=body)
