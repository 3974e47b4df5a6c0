"""``kyc-desk records client|matter|transaction|meeting …`` and ``kyc-desk meeting add|list|show`` end to
end, in-process, against a real key-file store in a per-test KYC_DESK_HOME, with the office's operators in
the settings."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from kyc_desk.cli.main import main
from kyc_desk.records import ClientKind, KeyFileKeySource, Person, RecordStore, SubjectRole
from kyc_desk.settings import Operator, Settings, save_settings
from tests.records.conftest import full_verification


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KYC_DESK_LANG", "en")
    save_settings(Settings(operators=(Operator("司法書士 山田"), Operator("補助者 佐藤", "assistant"))))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["records", "init", "--key-file", "--accept-plaintext-key", "--json"]) == 0
    capsys.readouterr()
    return tmp_path / "home"


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> Any:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main([*argv])
    out, err = capsys.readouterr()
    return status, out, err


def as_json(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> Any:
    status, out, err = run(capsys, monkeypatch, *argv, "--json", stdin=stdin)
    assert status == 0, err
    return json.loads(out)


def test_clients_matters_and_transactions_from_the_command_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seller = as_json(capsys, monkeypatch, "records", "client", "add", "--name", "売主 一郎",
                     "--kana", "ウリヌシ イチロウ", "--birth-date", "1950-03-03", "--address", "東京都港区")
    buyer = as_json(capsys, monkeypatch, "records", "client", "add", "--name", "株式会社買主", "--company",
                    "--address", "大阪府大阪市")
    assert seller["birth_date"] == "1950-03-03" and buyer["kind"] == "company" and buyer["birth_date"] is None
    assert [c["id"] for c in as_json(capsys, monkeypatch, "records", "client", "find", "--name", "売主　一郎",
                                     "--birth-date", "1950-03-03")] == [seller["id"]]
    assert [c["id"] for c in as_json(capsys, monkeypatch, "records", "client", "list", "--company")] == [buyer["id"]]
    edited = as_json(capsys, monkeypatch, "records", "client", "edit", str(seller["id"]), "--address", "東京都港区芝")
    assert edited["address"] == "東京都港区芝" and edited["birth_date"] == "1950-03-03"

    matter = as_json(capsys, monkeypatch, "records", "matter", "add", "--title", "所有権移転登記", "--kind",
                     "real_estate_sale", "--opened", "2026-11-01", "--reference", "2026-123",
                     "--party", f"{seller['id']}:seller", "--party", f"{buyer['id']}:buyer")
    assert [(p["client"]["id"], p["role"]) for p in matter["parties"]] == [(seller["id"], "seller"),
                                                                          (buyer["id"], "buyer")]
    with RecordStore.open(KeyFileKeySource()) as store:
        vid = store.save_verification(full_verification(client=seller["id"], matter=matter["id"]), actor="a").id
    tx = as_json(capsys, monkeypatch, "records", "transaction", "add", "--matter", str(matter["id"]),
                 "--verification", str(vid), "--on", "2026-12-10", "--kind", "所有権移転登記の代理",
                 "--amount", "30000000", "--from", "売主 一郎", "--to", "株式会社買主")
    assert (tx["amount_yen"], tx["verification_id"], tx["matter_id"]) == (30_000_000, vid, matter["id"])
    listed = as_json(capsys, monkeypatch, "records", "transaction", "list", "--matter", str(matter["id"]))
    # the matter's own and those its verifications carry, by date
    assert [t["transacted_on"] for t in listed] == ["2026-11-20", "2026-12-10"] and listed[-1]["id"] == tx["id"]

    closed = as_json(capsys, monkeypatch, "records", "matter", "close", str(matter["id"]), "--on", "2026-12-20")
    assert closed["ended_on"] == "2026-12-20" and closed["retention_until"] == "2036-12-20"
    shown = as_json(capsys, monkeypatch, "records", "matter", "show", str(matter["id"]))
    assert [v["id"] for v in shown["verifications"]] == [vid]
    assert shown["verifications"][0]["retention_until"] == "2036-12-20"
    assert as_json(capsys, monkeypatch, "records", "matter", "list", "--open") == []
    assert [m["id"] for m in as_json(capsys, monkeypatch, "records", "matter", "list", "--text", "移転")] == [
        matter["id"]
    ]
    removed = as_json(capsys, monkeypatch, "records", "matter", "party-remove", str(matter["id"]),
                      "--client", str(buyer["id"]), "--role", "buyer")
    assert [p["role"] for p in removed["parties"]] == ["seller"]
    # the human form says it in words
    status, out, _err = run(capsys, monkeypatch, "records", "matter", "show", str(matter["id"]))
    assert status == 0 and "所有権移転登記" in out and "keep until 20 Dec 2036 (Reiwa 18)" in out
    # bad input: one clear line, nothing saved
    status, _out, err = run(capsys, monkeypatch, "records", "matter", "close", str(matter["id"]), "--on", "2020-01-01")
    assert status == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    with RecordStore.open(KeyFileKeySource()) as store:
        assert store.verify_audit().ok


INVITATION = (
    "面談のご案内\n日時：2026年12月5日（土）14:00〜15:00\n"
    "Zoomミーティングに参加する\nhttps://us02web.zoom.us/j/81234567890?pwd=abc\n"
    "ミーティングID: 812 3456 7890\nパスコード: 123456\n"
)


def test_meetings_from_an_invitation_to_minutes_and_a_linked_verification(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = as_json(capsys, monkeypatch, "records", "client", "add", "--name", "売主 一郎", "--birth-date",
                     "1950-03-03")
    matter = as_json(capsys, monkeypatch, "records", "matter", "add", "--title", "売買", "--kind",
                     "real_estate_sale", "--opened", "2026-11-01", "--party", f"{client['id']}:seller")
    card = as_json(capsys, monkeypatch, "meeting", "add", "--paste", "--matter", str(matter["id"]),
                   "--attendee", f"{client['id']}:seller", "--staff", "補助者 佐藤", stdin=INVITATION)
    assert card["starts_at"] == "2026-12-05T14:00:00+09:00" and card["ends_at"] == "2026-12-05T15:00:00+09:00"
    assert (card["platform"], card["meeting_id"], card["passcode"]) == ("zoom", "81234567890", "123456")
    assert card["mode"] == "online" and card["status"] == "planned" and card["staff"] == ["補助者 佐藤"]
    status, _out, err = run(capsys, monkeypatch, "meeting", "add", "--start", "2026-12-05T10:00",
                            "--staff", "外部の人")
    assert status == 1 and "operator" in err
    in_person = as_json(capsys, monkeypatch, "records", "meeting", "add", "--start", "2026-12-06T10:00",
                        "--place", "当事務所", "--matter", str(matter["id"]))
    assert in_person["starts_at"] == "2026-12-06T10:00:00+09:00" and in_person["mode"] == "in_person"

    held = as_json(capsys, monkeypatch, "meeting", "status", str(card["id"]), "held")
    assert held["status"] == "held"
    minutes = as_json(capsys, monkeypatch, "records", "meeting", "minutes", str(card["id"]), "--kind", "不動産売買",
                      "--section", "person=運転免許証で確認", "--section", "intent=売却の意思を確認",
                      "--confirmed", "person", "--confirmed", "intent")
    assert minutes["minutes_kind"] == "real_estate_sale"
    assert minutes["minutes"] == {"person": "運転免許証で確認", "intent": "売却の意思を確認"}
    assert minutes["confirmed"] == ["intent", "person"]
    with RecordStore.open(KeyFileKeySource()) as store:
        vid = store.save_verification(full_verification(client=client["id"], matter=matter["id"]), actor="a").id
    linked = as_json(capsys, monkeypatch, "meeting", "link", str(card["id"]), "--verification", str(vid))
    assert linked["verifications"] == [vid]
    assert [m["id"] for m in as_json(capsys, monkeypatch, "meeting", "list", "--matter", str(matter["id"]))] == [
        card["id"], in_person["id"]
    ]
    assert [m["id"] for m in as_json(capsys, monkeypatch, "records", "meeting", "list", "--status", "held")] == [
        card["id"]
    ]
    assert as_json(capsys, monkeypatch, "meeting", "show", str(card["id"]))["verifications"] == [vid]
    status, out, _err = run(capsys, monkeypatch, "meeting", "show", str(card["id"]))
    assert status == 0 and "5 Dec 2026 (Reiwa 8) 14:00–15:00 JST Held Online (Zoom)" in out
    # an invitation without a time: nothing is saved, the message says what to give
    status, _out, err = run(capsys, monkeypatch, "meeting", "add", "--paste", stdin="よろしくお願いします")
    assert status == 1 and "--start" in err
    # the parser of last session still answers
    parsed = as_json(capsys, monkeypatch, "meeting", "parse", "--today", "2026-12-01", stdin=INVITATION)
    assert parsed["start"] == "2026-12-05T14:00:00+09:00"


def test_search_filters_by_matter_and_identity_result(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with RecordStore.open(KeyFileKeySource()) as store:
        first = store.save_verification(full_verification(), actor="a")
        assert first.matter is not None
        store.save_verification(full_verification(decision=None), actor="a")
    found = as_json(capsys, monkeypatch, "records", "search", "--matter", str(first.matter.id))
    assert [s["id"] for s in found["verifications"]] == [first.id]
    assert found["verifications"][0]["identity_result"] == "confirmed"
    found = as_json(capsys, monkeypatch, "records", "search", "--result", "confirmed")
    assert [s["id"] for s in found["verifications"]] == [first.id]


def test_verifications_by_other_methods_and_their_decisions_from_the_command_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # ハ: two photo-less documents, face to face, no decision yet
    two = as_json(capsys, monkeypatch, "records", "verification", "add", "--method", "ha", "--name", "山田 花子",
                  "--birth-date", "1985-04-02", "--address", "東京都新宿区", "--at", "2026-11-20T10:30",
                  "--document", "identity:health_insurance:H-1:2027-03-31",
                  "--document", "identity:utility_receipt:::2026-11-01",
                  "--checked-by", "司法書士 山田", "--recorded-by", "補助者 佐藤")
    assert two["method"] == "ha" and two["events"] == {"presented": "2026-11-20T10:30:00+09:00"}
    assert [(d["kind"], d["number"], d["expires_on"], d["issued_on"]) for d in two["documents"]] == [
        ("health_insurance", "H-1", "2027-03-31", None), ("utility_receipt", None, None, "2026-11-01")
    ]
    assert two["identity"] is None and two["checked_by"] != two["recorded_by"]
    assert as_json(capsys, monkeypatch, "records", "verification", "gaps", str(two["id"]))["gaps"] == []
    decided = as_json(capsys, monkeypatch, "records", "verification", "decide", str(two["id"]), "--result",
                      "confirmed", "--engagement", "accepted", "--decided-by", "司法書士 山田")
    assert decided["identity"]["result"] == "confirmed" and decided["engagement"]["engagement"] == "accepted"

    # イ by sight without the comparison recorded: the gap needs a reason
    status, _out, err = run(capsys, monkeypatch, "records", "verification", "add", "--method", "i", "--client",
                            str(two["client"]["id"]), "--at", "2026-11-21T10:00", "--document",
                            "identity:passport:TK1:2031-01-01", "--checked-by", "司法書士 山田", "--recorded-by",
                            "補助者 佐藤", "--result", "confirmed", "--decided-by", "司法書士 山田")
    assert status == 1 and "face.match" in err
    sight = as_json(capsys, monkeypatch, "records", "verification", "add", "--method", "i", "--client",
                    str(two["client"]["id"]), "--at", "2026-11-21T10:00",
                    "--document", "identity:passport:TK1:2031-01-01", "--checked-by", "司法書士 山田",
                    "--recorded-by", "補助者 佐藤", "--face-by-eye",
                    "--result", "confirmed", "--decided-by", "司法書士 山田")
    assert sight["identity"]["result"] == "confirmed" and sight["face_results"][0]["engine"] == "by_eye"

    # ロ: documents + 転送不要郵便, its return recorded later
    mailed = as_json(capsys, monkeypatch, "records", "verification", "add", "--method", "ro", "--client",
                     str(two["client"]["id"]), "--event", "presented=2026-11-22T10:00", "--event",
                     "mailed=2026-11-22T15:00", "--tracking-number", "1234-5678", "--document",
                     "identity:pension_book", "--checked-by", "司法書士 山田", "--recorded-by", "補助者 佐藤",
                     "--result", "confirmed", "--decided-by", "司法書士 山田")
    assert mailed["mailing"]["tracking_number"] == "1234-5678" and mailed["mailing"]["outcome"] is None
    back = as_json(capsys, monkeypatch, "records", "verification", "mail-outcome", str(mailed["id"]), "returned",
                   "--on", "2026-11-28")
    assert back["mailing"]["outcome"] == "returned" and back["identity"]["result"] == "needs_more"

    # reliance on the earlier record, and a high-risk flag on another
    relied = as_json(capsys, monkeypatch, "records", "verification", "add", "--method", "reliance", "--client",
                     str(two["client"]["id"]), "--at", "2026-12-01T09:00", "--relies-on", str(two["id"]),
                     "--matched-by", "known_in_person", "--checked-by", "司法書士 山田", "--recorded-by",
                     "司法書士 山田")
    assert relied["reliance"] == {"verification_id": two["id"], "matched_by": "known_in_person", "note": None}
    status, _out, err = run(capsys, monkeypatch, "records", "verification", "high-risk", str(sight["id"]),
                            "--reason", "foreign_pep")
    assert status == 1 and "additional" in err
    flagged = as_json(capsys, monkeypatch, "records", "verification", "high-risk", str(sight["id"]),
                      "--reason", "foreign_pep", "--additional", "resident_record:::2026-11-20")
    assert flagged["high_risk"]["reasons"] == ["foreign_pep"]
    assert flagged["documents"][-1]["purpose"] == "additional"

    # a company through its representative, with the authority document
    company = as_json(capsys, monkeypatch, "records", "verification", "add", "--method", "face_to_face_chip",
                      "--name", "株式会社サンプル", "--company", "--address", "大阪府", "--subject",
                      str(two["client"]["id"]), "--role", "representative", "--at", "2026-12-02T10:00",
                      "--document", "identity:mynumber", "--document", "company:registry_certificate:1200-01",
                      "--document", "authority:registry_certificate:::2026-11-30", "--face-by-eye",
                      "--checked-by", "司法書士 山田", "--recorded-by", "補助者 佐藤")
    assert company["client"]["kind"] == "company" and company["subject_role"] == "representative"
    assert [d["purpose"] for d in company["documents"]] == ["identity", "company", "authority"]
    with RecordStore.open(KeyFileKeySource()) as store:
        assert store.verify_audit().ok


def test_records_show_says_the_caseload_in_words(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    added = as_json(capsys, monkeypatch, "records", "verification", "add", "--method", "ro", "--name", "山田 花子",
                    "--event", "presented=2026-11-22T10:00", "--event", "mailed=2026-11-22T15:00",
                    "--tracking-number", "1234-5678", "--document", "identity:pension_book:P-9",
                    "--checked-by", "司法書士 山田", "--recorded-by", "補助者 佐藤", "--result", "needs_more",
                    "--note", "返送待ち", "--decided-by", "司法書士 山田")
    status, out, _err = run(capsys, monkeypatch, "records", "show", str(added["id"]))
    assert status == 0
    assert "  Identity document: Pension book P-9" in out
    assert "No-forwarding mail: sent 22 Nov 2026 (Reiwa 8) 15:00 JST tracking number 1234-5678" in out
    assert "Identity: Needs further checks 司法書士 山田" in out and "返送待ち" in out


def test_operators_are_kept_in_the_settings(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = as_json(capsys, monkeypatch, "records", "operator", "add", "補助者 鈴木", "--role", "assistant")
    assert listed[-1] == {"name": "補助者 鈴木", "role": "assistant"} and len(listed) == 3
    changed = as_json(capsys, monkeypatch, "records", "operator", "add", "補助者 佐藤", "--role", "scrivener")
    assert changed[1] == {"name": "補助者 佐藤", "role": "scrivener"}  # the role changed, the place kept
    assert [o["name"] for o in as_json(capsys, monkeypatch, "records", "operator", "remove", "補助者 鈴木")] == [
        "司法書士 山田", "補助者 佐藤"
    ]
    status, _out, err = run(capsys, monkeypatch, "records", "operator", "remove", "誰か")
    assert status == 1 and "Traceback" not in err


def test_an_invitation_from_a_stored_meeting_card(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from icalendar import Calendar

    client = as_json(capsys, monkeypatch, "records", "client", "add", "--name", "売主 一郎")
    card = as_json(capsys, monkeypatch, "meeting", "add", "--paste", "--attendee", f"{client['id']}:seller",
                   stdin=INVITATION)
    out = as_json(capsys, monkeypatch, "meeting", "invite", "--meeting", str(card["id"]), "--out", str(tmp_path),
                  "--to", "client@example.jp", "--office-name", "山田司法書士事務所")
    mail = Path(out["eml"]).read_text(encoding="utf-8", errors="replace")
    assert "client@example.jp" in mail
    [event] = Calendar.from_ical(Path(out["ics"]).read_bytes()).walk("VEVENT")
    assert event.decoded("DTSTART").isoformat() == "2026-12-05T14:00:00+09:00"
    assert event.decoded("DTEND").isoformat() == "2026-12-05T15:00:00+09:00"
    assert f"kyc-desk-meeting-{card['id']}-" in str(event["UID"])
    assert "https://us02web.zoom.us/j/81234567890" in str(event.get("DESCRIPTION", "")) + mail
    # a card without its end: a clear refusal, nothing written
    open_ended = as_json(capsys, monkeypatch, "meeting", "add", "--start", "2026-12-06T10:00", "--place", "当事務所")
    status, _out, err = run(capsys, monkeypatch, "meeting", "invite", "--meeting", str(open_ended["id"]),
                            "--out", str(tmp_path / "none"), "--json")
    assert status == 1 and "end time" in err and not (tmp_path / "none").exists()
    status, _out, err = run(capsys, monkeypatch, "meeting", "invite", "--out", str(tmp_path / "none"))
    assert status == 1 and "--start" in err


def test_client_show_lists_their_matters_and_verifications(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with RecordStore.open(KeyFileKeySource()) as store:
        own = store.save_verification(full_verification(), actor="a")
        assert own.matter is not None
        company = store.save_verification(
            full_verification(client=Person("株式会社テスト", kind=ClientKind.COMPANY), subject=own.client.id,
                              subject_role=SubjectRole.AGENT, authority="委任状", matter=None),
            actor="a",
        )
        store.save_verification(full_verification(client=own.client.id, decision=None, matter=None,
                                                  external_id="other"), actor="a")
    shown = as_json(capsys, monkeypatch, "records", "client", "show", str(own.client.id))
    assert shown["name"] == "髙橋 﨑子"
    assert [m["id"] for m in shown["matters"]] == [own.matter.id]
    ids = [v["id"] for v in shown["verifications"]]
    assert own.id in ids and company.id in ids and len(ids) == 3  # their own, and where they acted
