"""``kyc-desk records show`` and ``list`` speak to people: labels instead of stored codes, dates in 和暦 with
the Western year (moments in Japan time), 未入力 for a birth date nobody entered, evidence described — in
Japanese and in English. The ``--json`` form stays neutral (codes, ISO dates)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from kyc_desk.cli.main import main
from kyc_desk.i18n import set_language
from kyc_desk.records import KeyFileKeySource, Person, RecordStore
from kyc_desk.records.legal import Event
from kyc_desk.records.model import EvidenceItem, EvidenceKind, ItemCheck, ItemResult
from tests.records.conftest import full_verification, photo_bytes

#: What the issue saw: dotted check names, snake_case codes, ISO moments, bytes.
LEAKS = re.compile(r"\b[a-z]+(?:[._][a-z0-9]+)+\b|\d{4}-\d{2}-\d{2}T|\bbytes\b|image/|\bmismatch\b")


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "home"))
    yield tmp_path / "home"
    set_language(None)


def _seed(capsys: pytest.CaptureFixture[str]) -> int:
    assert main(["records", "init", "--key-file", "--accept-plaintext-key", "--json"]) == 0
    capsys.readouterr()
    chip_read = dt.datetime(2026, 12, 5, 20, 45, 53, 317765, tzinfo=dt.UTC)  # 6 Dec in Japan
    verification = full_verification(
        client=Person("髙橋 﨑子", name_kana="タカハシ サキコ", address="東京都千代田区霞が関1-1-1"),  # no birth date
        document_type="mynumber",
        events={Event.PRESENTED: chip_read, Event.CHIP_READ: chip_read},
        evidence=(
            EvidenceItem(EvidenceKind.CHIP_PHOTO, "image/jp2", photo_bytes("obama.jpg"), label="photo"),
            EvidenceItem(EvidenceKind.FACE_PHOTO, "image/jpeg", photo_bytes("obama2.jpg"), label="desk"),
            EvidenceItem(EvidenceKind.CHIP_DATA, "application/octet-stream", bytes(300), label="surface.ef0002"),
            EvidenceItem(EvidenceKind.CHIP_DATA, "application/octet-stream", bytes(700), label="text.ef0002"),
        ),
        item_checks=(
            ItemCheck("name", ItemResult.MATCH, "source:ic_chip", "髙橋 﨑子", "髙橋 﨑子"),
            ItemCheck("name_kana", ItemResult.NOT_CHECKED, "source:ic_chip", stated_value="タカハシ サキコ",
                      note_reason="item.not_on_document"),
        ),
    )
    with RecordStore.open(KeyFileKeySource()) as store:
        return store.save_verification(verification, actor="a").id


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_show_renders_labels_and_era_dates(lang: str, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    record_id = _seed(capsys)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--lang", lang, "records", "show", str(record_id)]) == 0
    out = capsys.readouterr().out
    assert not LEAKS.search(out), LEAKS.search(out)
    if lang == "ja":
        assert "本人確認書類の提示を受けた日時: 令和8年12月6日（2026年） 05:45" in out
        assert "生年月日: 未入力" in out
        assert "書類: 個人番号カード" in out
        assert "生年月日の一致: 一致: 券面情報、券面事項入力補助AP" in out
        assert "フリガナ: 照合対象外 (ICチップ) 書類に記載がないため照合していません" in out and "不一致" not in out
        assert "ICチップの顔写真（JPEG 2000画像、" in out and "本人の顔写真・デスクで撮影（JPEG画像、" in out
        assert "ICチップの読取データ 2件（計 1.0 KB、読み取ったまま保存）" in out
        assert "受任の判断: 受任する 司法書士 山田 令和8年11月20日（2026年） 10:40" in out
        assert "\n判断: " not in out  # the split decision says it; no second, older line beside it
        assert out.startswith(f"#{record_id}  令和8年12月6日（2026年）  イ 対面・ICチップ読取")
    else:
        assert "Document presented: 6 Dec 2026 (Reiwa 8) 05:45 JST" in out
        assert "Born: Not entered" in out and "Document: My Number card" in out
        assert "Name in kana: Not compared (IC chip) not on the document, so not compared" in out
        assert "birth date agrees: agree: card face, text AP" in out


def test_list_and_json(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    record_id = _seed(capsys)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--lang", "ja", "records", "list"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"{record_id}  令和8年12月6日（2026年）  イ  受任可  個人番号カード  保存期限 事件継続中")
    assert main(["records", "show", str(record_id), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)  # the neutral form is unchanged: codes and ISO values
    assert data["document_type"] == "mynumber" and data["client"]["birth_date"] is None
    assert data["events"]["presented"].startswith("2026-12-05T20:45:53")


# --- the caseload: a company through its representative, mailing, reliance, high risk, the split decision ---

#: Dates too: a caseload line showing ``2026-11-20`` is as raw as an ISO moment.
RAW = re.compile(LEAKS.pattern + r"|\b\d{4}-\d{2}-\d{2}\b")


def _cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    status = main([*argv])
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


def _json_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str) -> dict[str, object]:
    found = json.loads(_cli(capsys, monkeypatch, *argv, "--json"))
    assert isinstance(found, dict)
    return found


def _id(data: dict[str, object]) -> str:
    return str(data["id"])


def _seed_caseload(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A company identified through its representative (expired passport explained, registry certificate,
    power of attorney, high risk with its additional document, confirmed and accepted); a ロ whose mail came
    back; a reliance on the first; a matter with parties, a transaction and a held meeting with minutes."""
    _cli(capsys, monkeypatch, "records", "init", "--key-file", "--accept-plaintext-key", "--json")
    rep = _json_cli(capsys, monkeypatch, "records", "client", "add", "--name", "代表 一郎", "--birth-date",
                    "1960-05-05", "--address", "東京都港区")
    firm = _json_cli(capsys, monkeypatch, "records", "client", "add", "--name", "株式会社サンプル", "--company",
                     "--address", "大阪府")
    buyer = _json_cli(capsys, monkeypatch, "records", "client", "add", "--name", "買主 次郎", "--birth-date",
                      "1970-01-01")
    matter = _json_cli(
        capsys, monkeypatch, "records", "matter", "add", "--title", "本社不動産の売却", "--kind", "real_estate_sale",
        "--opened", "2026-11-01", "--party", f"{_id(firm)}:seller", "--party", f"{_id(buyer)}:buyer",
        "--party", f"{_id(rep)}:other:立会う代表者")
    v = ("records", "verification", "add")
    staff = ("--checked-by", "司法書士 山田", "--recorded-by", "補助者 佐藤")
    company = _json_cli(
        capsys, monkeypatch, *v, "--method", "i", "--client", _id(firm), "--matter", _id(matter),
        "--subject", _id(rep), "--role", "representative", "--at", "2026-12-02T10:00",
        "--document", "identity:passport:TK1:2026-11-30", "--document", "company:registry_certificate:1200-01",
        "--document", "authority:power_of_attorney:::2026-11-25", "--document-note", "2=代表取締役の委任",
        "--document", "additional:resident_record:::2026-11-20", "--high-risk", "foreign_pep",
        "--risk-note", "外国の元閣僚", "--face-by-eye", *staff,
        "--result", "confirmed", "--reason", "document.0.expired=更新申請中の旅券と申請受理票で確認",
        "--engagement", "accepted", "--decided-by", "司法書士 山田")
    mailed = _json_cli(
        capsys, monkeypatch, *v, "--method", "ro", "--client", _id(rep), "--event", "presented=2026-11-22T10:00",
        "--event", "mailed=2026-11-22T15:00", "--tracking-number", "1234-5678",
        "--document", "identity:health_insurance:H-1:2027-03-31", *staff,
        "--result", "confirmed", "--decided-by", "司法書士 山田")
    _cli(capsys, monkeypatch, "records", "verification", "mail-outcome", _id(mailed), "returned", "--on", "2026-11-28")
    relied = _json_cli(
        capsys, monkeypatch, *v, "--method", "reliance", "--client", _id(rep), "--at", "2026-12-03T09:00",
        "--relies-on", _id(company), "--matched-by", "known_in_person", *staff)
    _cli(capsys, monkeypatch, "records", "transaction", "add", "--matter", _id(matter), "--verification",
         _id(company), "--on", "2026-12-10", "--kind", "所有権移転登記の代理", "--amount", "30000000")
    meeting = _json_cli(
        capsys, monkeypatch, "meeting", "add", "--start", "2026-12-05T14:00", "--end", "2026-12-05T15:00",
        "--place", "当事務所", "--matter", _id(matter), "--attendee", f"{_id(rep)}:representative",
        "--staff", "補助者 佐藤", "--status", "held")
    _cli(capsys, monkeypatch, "meeting", "minutes", _id(meeting), "--kind", "real_estate_sale",
         "--section", "person=旅券で確認", "--section", "intent=売却の意思を確認",
         "--confirmed", "person", "--confirmed", "intent")
    _cli(capsys, monkeypatch, "meeting", "link", _id(meeting), "--verification", _id(company))
    return {"company": _id(company), "mailed": _id(mailed), "relied": _id(relied), "matter": _id(matter),
            "meeting": _id(meeting), "rep": _id(rep)}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_caseload_commands_speak_in_words(lang: str, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _seed_caseload(capsys, monkeypatch)
    ja = lang == "ja"
    shown = {
        "company": _cli(capsys, monkeypatch, "--lang", lang, "records", "show", ids["company"]),
        "mailed": _cli(capsys, monkeypatch, "--lang", lang, "records", "show", ids["mailed"]),
        "relied": _cli(capsys, monkeypatch, "--lang", lang, "records", "show", ids["relied"]),
        "matter": _cli(capsys, monkeypatch, "--lang", lang, "records", "matter", "show", ids["matter"]),
        "meeting": _cli(capsys, monkeypatch, "--lang", lang, "meeting", "show", ids["meeting"]),
        "meetings": _cli(capsys, monkeypatch, "--lang", lang, "records", "meeting", "list"),
        "clients": _cli(capsys, monkeypatch, "--lang", lang, "records", "client", "list"),
        "client": _cli(capsys, monkeypatch, "--lang", lang, "records", "client", "show", ids["rep"]),
        "matters": _cli(capsys, monkeypatch, "--lang", lang, "records", "matter", "list"),
        "transactions": _cli(capsys, monkeypatch, "--lang", lang, "records", "transaction", "list", "--matter",
                             ids["matter"]),
        "decided": _cli(capsys, monkeypatch, "--lang", lang, "records", "verification", "decide", ids["mailed"],
                        "--result", "not_confirmed", "--note", "住所を確認できず", "--decided-by", "司法書士 山田"),
        "operators": _cli(capsys, monkeypatch, "--lang", lang, "records", "operator", "add", "補助者 佐藤",
                          "--role", "assistant"),
    }
    for name, out in shown.items():
        assert out.strip(), name
        assert not RAW.search(out), (name, RAW.search(out), out)
    company, mailed, relied = shown["company"], shown["mailed"], shown["relied"]
    if ja:
        assert "依頼者: 株式会社サンプル（法人）" in company and "代表者等: 代表 一郎" in company
        assert "  本人確認書類: 旅券（パスポート） TK1 有効期限 令和8年11月30日（2026年）" in company
        assert "  法人の本人確認書類: 登記事項証明書 1200-01" in company
        assert "  代表権・代理権の確認書類: 委任状 発行日 令和8年11月25日（2026年） 代表取締役の委任" in company
        assert "  追加の本人確認書類（法4条2項）: 住民票の写し" in company
        assert "ハイリスク取引（法4条2項）: 外国の重要な公的地位にある者（外国PEPs） 外国の元閣僚" in company
        assert "本人確認の結果: 確認済み 司法書士 山田 " in company
        assert "  1点目の書類（旅券（パスポート））の有効期限切れ: 更新申請中の旅券と申請受理票で確認" in company
        assert "受任の判断: 受任する 司法書士 山田 " in company and "目視で照合" in company
        assert ("転送不要郵便: 発送 令和8年11月22日（2026年） 15:00 追跡番号 1234-5678 → 返送された "
                "令和8年11月28日（2026年）") in mailed
        assert "本人確認の結果: 追加確認が必要" in mailed and "  転送不要郵便の返送: " in mailed
        assert f"以前の本人確認記録に依拠: #{ids['company']}（確認の方法: 面識がある）" in relied
        assert "確認済 取引時確認済みの顧客等" in relied and "書類: 書類なし" in relied
        assert "  売主: " in shown["matter"] and "  その他（立会う代表者）: " in shown["matter"]
        assert shown["matter"].startswith(
            f"#{ids['matter']}  本社不動産の売却  不動産売買  令和8年11月1日（2026年）〜事件継続中\n")
        assert "本人確認記録 #" in shown["matter"] and " ハイリスク取引" in shown["matter"]
        assert "令和8年12月10日（2026年） 所有権移転登記の代理 30,000,000円" in shown["transactions"]
        assert "令和8年12月5日（2026年） 14:00〜15:00 実施済み 対面 当事務所" in shown["meeting"]
        assert "  代表者: #" in shown["meeting"] and "  確認したこと: 人・意思" in shown["meeting"]
        assert "  [人（本人確認）] 旅券で確認" in shown["meeting"] and "議事録: 不動産売買" in shown["meeting"]
        assert "生年月日 昭和35年5月5日（1960年）" in shown["client"] and "法人" in shown["clients"]
        assert "本人確認の結果: 確認できず / 受任の判断: 未判断" in shown["decided"]
        assert "補助者 佐藤（補助者）" in shown["operators"]
        assert shown["meeting"].index("[人（本人確認）]") < shown["meeting"].index("[意思（依頼の意思）]")
    else:
        assert "Client: 株式会社サンプル (Company)" in company and "Representative: 代表 一郎" in company
        assert "  Identity document: Passport TK1 expires 30 Nov 2026 (Reiwa 8)" in company
        assert "  Proof of authority: Power of attorney issued 25 Nov 2026 (Reiwa 8)" in company
        assert "High-risk transaction: Foreign politically exposed person" in company
        assert "  document 1 (Passport) expired: " in company and "Engagement: Accepted" in company
        assert "→ Returned 28 Nov 2026 (Reiwa 8)" in mailed and "  No-forwarding mail returned: " in mailed
        assert f"Relies on verification #{ids['company']} (matched by: Known in person)" in relied
        assert "Document: No document" in relied
        assert "  Seller: " in shown["matter"] and "  Other (立会う代表者): " in shown["matter"]
        assert "5 Dec 2026 (Reiwa 8) 14:00–15:00 JST Held In person 当事務所" in shown["meeting"]
        assert "  confirmed: Person, Intent" in shown["meeting"]
        assert "identity: Not confirmed / engagement: Not decided" in shown["decided"]
        assert "補助者 佐藤 (Assistant)" in shown["operators"]
    gaps = _cli(capsys, monkeypatch, "--lang", lang, "records", "verification", "gaps", ids["company"])
    assert ("1点目の書類（旅券（パスポート））の有効期限切れ" if ja else "document 1 (Passport) expired") in gaps
    assert "--reason document.0.expired=" in gaps  # the key the decide command takes, as an argument


def test_caseload_json_stays_neutral(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _seed_caseload(capsys, monkeypatch)
    record = _json_cli(capsys, monkeypatch, "--lang", "ja", "records", "show", ids["company"])
    assert record["high_risk"] == {"reasons": ["foreign_pep"], "note": "外国の元閣僚"}
    assert record["identity"]["result"] == "confirmed"  # type: ignore[index]
    assert record["documents"][0]["expires_on"] == "2026-11-30"  # type: ignore[index]
    meeting = _json_cli(capsys, monkeypatch, "--lang", "ja", "meeting", "show", ids["meeting"])
    assert meeting["status"] == "held" and meeting["starts_at"] == "2026-12-05T14:00:00+09:00"
