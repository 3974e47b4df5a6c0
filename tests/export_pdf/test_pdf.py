"""The PDF 本人確認記録, 取引記録 and minutes, read back with poppler: every item the record form must carry is
on the page, for an individual and for a company; the Japanese font is embedded; pages render; every export
leaves an audit entry and the audit chain stays intact."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PIL import Image

from kyc_desk.export.errors import DestinationRefused, NothingToExport
from kyc_desk.export.pdf import export_pdf, render_pdf
from kyc_desk.records import EvidenceItem, EvidenceKind
from kyc_desk.records.printing import audit_seal
from tests.export_pdf.conftest import OFFICE, WHEN, WORDING, Saved, individual
from tests.export_pdf.pdf_tools import pdf_fonts, pdf_pages, pdf_text, pdf_text_compact

PRINTED = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)


def _missing(expected: list[str], out: Path) -> list[str]:
    """The expected texts not in the PDF (compared without whitespace: narrow cells wrap anywhere)."""
    compact = pdf_text_compact(out)
    return [item for item in expected if item.replace(" ", "") not in compact]


def _assert_pages_render(pdf: Path, folder: Path) -> list[Path]:
    """Every page renders (pdftoppm) as a portrait A4 page with something printed on it."""
    pages = pdf_pages(pdf, folder)
    assert pages
    for page in pages:
        with Image.open(page) as image:
            assert abs(image.size[0] / image.size[1] - 210 / 297) < 0.01  # A4, portrait
            assert image.convert("L").getextrema()[0] < 100  # something dark is printed on every page
    return pages


def _export(saved: Saved, tmp_path: Path, name: str, **kwargs: object) -> Path:
    out = tmp_path / name
    export_pdf(saved.store, out=out, actor="山田", office=OFFICE, wording=WORDING, lang="ja", now=PRINTED, **kwargs)  # type: ignore[arg-type]
    return out


def test_individual_record_carries_every_item(saved: Saved, tmp_path: Path) -> None:
    out = _export(saved, tmp_path, "person.pdf", kind="record", record_ids=[saved.person.id])
    _assert_pages_render(out, tmp_path / "pages")
    compact = pdf_text_compact(out)
    seal = audit_seal(saved.store, saved.person.id)
    expected = [
        "本人確認記録",
        "記録番号",
        # office, who checked, who recorded
        "山田司法書士事務所",
        "東京都千代田区丸の内1-2-3",
        "確認を行った者",
        "司法書士 山田太郎",
        "記録を作成した者",
        "補助者 佐藤花子",
        # 本人特定事項
        "髙橋 﨑子",
        "タカハシ サキコ",
        "昭和55年2月17日（1980年）",
        "東京都千代田区霞が関1-1-1",
        "会社員",
        "不動産売買による所有権移転登記",
        # the method with each required time
        "イ 対面・ICチップ読取",
        "本人確認書類の提示を受けた日時",
        "令和8年11月20日（2026年） 10:30",
        "ICチップの情報を読み取った日時",
        "令和8年11月20日（2026年） 10:32",
        # document, number, expiry
        "個人番号カード",
        "AB12 3456-78",
        "有効期限",
        # what the chip proved, per check, with verdicts
        "券面情報の署名",
        "署名検証OK",
        "証明書の鍵で署名を確認",
        "一致: 券面情報、券面事項入力補助AP",
        # face comparison: metric, value, threshold, engine; liveness
        "顔照合",
        "同一人物の可能性が高い",
        "距離",
        "小さいほど類似",
        "0.352",
        "0.600",
        "dlib-resnet [19.24]",
        "生体確認",
        "指示どおりの動作を確認",
        "mediapipe-blink",
        # item checks and notes
        "記載事項の照合",
        "訂正済み",
        "ICチップ",
        "転居届の控えで確認",
        # decision and reasons
        "本人確認の結果",
        "確認済み",
        "受任の判断",
        "受任する",
        "ICチップの署名と顔写真を確認",
        "令和8年11月20日（2026年） 10:40",
        # images
        "ICチップの顔写真",
        "本人の顔写真",
        "本人確認書類の画像",
        # matter and retention
        "丸の内一丁目 売買",
        "2026-123",
        "令和8年11月1日（2026年）",
        "保存期限",
        "案件の終了まで保存",
        # the audit seal
        f"#{seal.seq}",
    ]
    assert not _missing(expected, out)
    assert seal.hash in compact
    assert "東京都港区芝5-5" in compact  # the stated value of the corrected item


def test_company_record_names_the_company_and_the_person_acting(saved: Saved, tmp_path: Path) -> None:
    out = _export(saved, tmp_path, "company.pdf", kind="record", record_ids=[saved.company.id])
    _assert_pages_render(out, tmp_path / "pages")
    text = pdf_text(out)
    expected = [
        "名称（商号）",
        "株式会社みなと商事",
        "本店又は主たる事務所の所在地",
        "東京都港区港南2-16-1",
        "取引の任に当たっている者",
        "代表者",
        "港 一郎",
        "ミナト イチロウ",
        "昭和40年7月7日（1965年）",
        "神奈川県横浜市中区1-1",
        "代表取締役（登記事項証明書で確認）",
        "イ 対面・写真付き本人確認書類の提示",
        "令和8年11月20日（2026年） 11:30",
        "運転免許証",
        "第123456789012号",
        "追加確認が必要",
        "印鑑証明書の原本を追って確認",
        "丸の内一丁目 売買",
    ]
    assert not _missing(expected, out)
    assert audit_seal(saved.store, saved.company.id).hash in pdf_text_compact(out)
    # the matter names its parties, but another record's particulars stay on that record
    assert "昭和55年2月17日" not in text and "霞が関" not in text


def test_matter_prints_each_record_on_its_own_pages(saved: Saved, tmp_path: Path) -> None:
    assert saved.person.matter is not None
    out = _export(saved, tmp_path, "matter.pdf", kind="record", matter_id=saved.person.matter.id)
    text = pdf_text(out)
    assert "髙橋 﨑子" in text and "株式会社みなと商事" in text
    assert len(_assert_pages_render(out, tmp_path / "pages")) >= 4


def test_font_is_embedded(saved: Saved, tmp_path: Path) -> None:
    out = _export(saved, tmp_path, "fonts.pdf", kind="record", record_ids=[saved.person.id])
    fonts = [line for line in pdf_fonts(out).splitlines() if "IPAexGothic" in line]
    assert fonts
    assert all(" yes " in line for line in fonts)  # emb column


def test_chip_photo_in_jpeg2000_is_printed(saved: Saved, tmp_path: Path) -> None:
    """The chip photo (a JPEG 2000 codestream) is decoded and embedded at its own resolution."""
    import subprocess

    out = _export(saved, tmp_path, "images.pdf", kind="record", record_ids=[saved.person.id])
    listing = subprocess.run(["pdfimages", "-list", str(out)], check=True, capture_output=True).stdout.decode()
    sizes = {tuple(int(v) for v in line.split()[3:5]) for line in listing.splitlines()[2:]}
    assert (240, 320) in sizes  # the chip portrait, decoded from JPEG 2000, not a thumbnail
    assert (856, 540) in sizes  # the card face


def test_unreadable_image_is_named_and_the_record_still_prints(saved: Saved, tmp_path: Path) -> None:
    broken = individual()
    broken = type(broken)(
        **{
            **broken.__dict__,
            "matter": None,
            "evidence": (EvidenceItem(EvidenceKind.CHIP_PHOTO, "image/jp2", b"\xff\x4f\xff\x51" + b"\x00" * 40),),
        }
    )
    record = saved.store.save_verification(broken, actor="山田")
    out = _export(saved, tmp_path, "broken.pdf", kind="record", record_ids=[record.id])
    assert "この画像は復号できませんでした" in pdf_text(out)


def test_transactions_and_minutes(saved: Saved, tmp_path: Path) -> None:
    assert saved.person.matter is not None
    matter = saved.person.matter.id
    tx_out = _export(saved, tmp_path, "tx.pdf", kind="transactions", matter_id=matter)
    assert not _missing(
        [
            "取引記録",
            "山田司法書士事務所",
            "丸の内一丁目 売買（2026-123）",
            f"#{saved.person.id}",
            f"#{saved.company.id}",
            "令和8年11月20日（2026年）",
            "令和8年11月21日（2026年）",
            "所有権移転登記の代理",
            "30,000,000円",
            "売主 髙橋 﨑子",
            "株式会社みなと商事",
        ],
        tx_out,
    )
    compact = pdf_text_compact(tx_out)
    assert compact.index("令和8年11月20日（2026年）") < compact.index("令和8年11月21日（2026年）")
    _assert_pages_render(tx_out, tmp_path / "tx-pages")
    minutes_out = _export(saved, tmp_path, "minutes.pdf", kind="minutes", matter_id=matter)
    _assert_pages_render(minutes_out, tmp_path / "minutes-pages")
    minutes = pdf_text(minutes_out)
    for item in (
        "面談記録",
        "売却の意思を本人から確認した。",
        "代金の受領方法も確認済み。",
        "事務所",
        "先方本社",
        "代表者と面談。購入の意思を確認。",
        "令和8年11月20日（2026年） 10:30",
    ):
        assert item in minutes, item


def test_english_record(saved: Saved, tmp_path: Path) -> None:
    seal = audit_seal(saved.store, saved.person.id)
    data = render_pdf(
        "record", [saved.person], {saved.person.id: seal}, office=OFFICE, wording=WORDING, lang="en", printed_at=PRINTED
    )
    out = tmp_path / "en.pdf"
    out.write_bytes(data)
    text = pdf_text(out)
    for item in (
        "Record of identity verification",
        "Checked by",
        "My Number card",
        "likely the same person",
        "20 Nov 2026 (Reiwa 8) 10:30 JST",
        "Accepted",
    ):
        assert item in text, item


def test_every_export_is_audited_and_the_chain_stays_intact(saved: Saved, tmp_path: Path) -> None:
    before = audit_seal(saved.store, saved.person.id)
    out = _export(saved, tmp_path, "audited.pdf", kind="record", record_ids=[saved.person.id])
    with saved.store.engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT actor, action, rows, at FROM audit_log ORDER BY seq DESC").first()
    assert row is not None
    actor, action, rows, at = row
    assert actor == "山田" and action == "export_pdf"
    entry = json.loads(rows)
    assert ["verifications", saved.person.id, "read"] == entry[0][:3]  # what left the desk, in its state
    detail = entry[-1]["detail"]
    assert detail["destination"] == str(out) and detail["pdf"] == "record" and detail["signed"] is False
    assert dt.datetime.fromisoformat(at) > WHEN
    assert saved.store.verify_audit().ok
    assert audit_seal(saved.store, saved.person.id) == before  # an export does not move the seal
    assert (out.stat().st_mode & 0o777) == 0o600


def test_an_existing_file_is_never_replaced_unasked(saved: Saved, tmp_path: Path) -> None:
    out = tmp_path / "taken.pdf"
    out.write_bytes(b"someone else's file")
    with pytest.raises(DestinationRefused):
        _export(saved, tmp_path, "taken.pdf", kind="record", record_ids=[saved.person.id])
    assert out.read_bytes() == b"someone else's file"
    _export(saved, tmp_path, "taken.pdf", kind="record", record_ids=[saved.person.id], overwrite=True)
    assert out.read_bytes().startswith(b"%PDF-")


def test_nothing_named_is_refused(saved: Saved, tmp_path: Path) -> None:
    with pytest.raises(NothingToExport):
        _export(saved, tmp_path, "none.pdf", kind="record")
    assert not (tmp_path / "none.pdf").exists()


def test_agent_for_an_individual_pending_without_matter(saved: Saved, tmp_path: Path) -> None:
    """The person acting is printed for an individual's agent too; a pending record says so; no matter is
    printed as none recorded, not as an empty line."""
    import dataclasses

    from kyc_desk.records import Person, SubjectRole

    new = dataclasses.replace(
        individual(),
        subject=Person(
            "代田 理人", name_kana="ダイタ リヒト", birth_date=dt.date(1975, 3, 3), address="埼玉県さいたま市1-1"
        ),
        subject_role=SubjectRole.AGENT,
        authority="委任状（令和8年11月15日付）",
        matter=None,
        decision=None,
        transactions=(),
        notes=(),
    )
    record = saved.store.save_verification(new, actor="山田")
    out = _export(saved, tmp_path, "agent.pdf", kind="record", record_ids=[record.id])
    assert not _missing(
        [
            "髙橋 﨑子",
            "取引の任に当たっている者",
            "代理人",
            "代田 理人",
            "委任状（令和8年11月15日付）",
            "未判断",
            "案件 記録なし",
        ],
        out,
    )


def test_a_character_the_font_lacks_is_marked_never_dropped(saved: Saved, tmp_path: Path) -> None:
    """𠮷 (tsuchi-yoshi, a real surname character) is not in IPAexGothic: the print shows 〓 and the code
    point instead of a blank or a look-alike."""
    import dataclasses

    from kyc_desk.records import Person

    new = dataclasses.replace(individual(), client=Person("𠮷田 太郎😀", birth_date=dt.date(1990, 1, 1)), matter=None)
    record = saved.store.save_verification(new, actor="山田")
    out = _export(saved, tmp_path, "glyph.pdf", kind="record", record_ids=[record.id])
    assert not _missing(["〓[U+20BB7]田 太郎〓[U+1F600]"], out)


def test_no_pdf_without_its_audit_entry(saved: Saved, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the audit entry cannot be written, the PDF is not left behind (nor a partial file)."""
    from kyc_desk.export import audit
    from kyc_desk.records import StoreUnavailable

    def failing(*args: object, **kwargs: object) -> str:
        raise StoreUnavailable("the store is busy")

    monkeypatch.setattr(audit, "audit_export", failing)
    with pytest.raises(StoreUnavailable):
        _export(saved, tmp_path, "unaudited.pdf", kind="record", record_ids=[saved.person.id])
    assert list(tmp_path.glob("*unaudited*")) == []
