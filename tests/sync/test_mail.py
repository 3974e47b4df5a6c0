"""The request e-mail: a mailto: URL and an .eml file that mail programs decode back to the Japanese text."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import urllib.parse

from kyc_desk.sync.format import Method
from kyc_desk.sync.mail import request_mail

LINK = "https://kyc.example.jp/s/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde#k=0123456789abcdef0123456789abcdef"


def mail(**kw):
    return request_mail(link=LINK, expires_at=dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC),
                        methods=(Method.HE, Method.WA), office_name="やまだ司法書士事務所", **kw)


def test_body_is_japanese_with_link_deadline_and_methods():
    m = mail(client_name="山田 太郎")
    assert m.subject == "【やまだ司法書士事務所】オンライン本人確認のお願い"
    assert m.body.startswith("山田 太郎 様")
    assert LINK in m.body
    assert "令和8年12月1日（2026年） 12:00" in m.body  # 03:00 UTC is noon in Japan; the Western year beside
    assert "（ヘ方式）" in m.body and "（ワ方式）" in m.body and "ホ方式" not in m.body


def test_mailto_url_round_trips():
    m = mail(to="client@example.jp")
    url = m.mailto_url()
    assert url.startswith("mailto:client@example.jp?") and url.isascii()
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    assert query["subject"] == [m.subject]
    assert query["body"][0].replace("\r\n", "\n") == m.body


def test_eml_is_seven_bit_and_decodes_back():
    m = mail(to="client@example.jp", client_name="山田 太郎")
    raw = m.to_eml(sender="office@example.jp")
    assert all(b < 0x80 for b in raw), "an .eml must survive 7-bit transports"
    assert b"\r\n" in raw
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == m.subject
    assert parsed["To"] == "client@example.jp"
    assert parsed["X-Unsent"] == "1"
    assert parsed.get_content_charset() == "utf-8"
    assert parsed.get_content().replace("\r\n", "\n") == m.body


def test_without_client_name_the_mail_says_okyakusama():
    assert mail().body.startswith("お客様")
