"""The caseload on paper (records schema 0005): documents with purposes and expiry, 転送不要郵便, reliance on
an earlier record, high risk, the split decision with its gap reasons, a matter's parties, 取引記録 entered
for the matter, and meetings with their minutes — each read back from the PDF."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from kyc_desk.export.pdf import export_pdf
from kyc_desk.records import RecordStore
from tests.export_pdf.examples import OFFICE, WORDING, save_caseload
from tests.export_pdf.pdf_tools import pdf_pages, pdf_text_compact
from tests.records.conftest import FAST_SCRYPT, PASSPHRASE


@dataclasses.dataclass(frozen=True)
class Caseload:
    store: RecordStore
    matter_id: int
    ids: dict[str, int]


@pytest.fixture
def caseload(tmp_path: Path) -> Iterator[Caseload]:
    store, _recovery = RecordStore.create(
        mode="passphrase", folder=tmp_path / "records", passphrase=PASSPHRASE, scrypt=FAST_SCRYPT
    )
    with store:
        matter_id, ids = save_caseload(store)
        yield Caseload(store, matter_id, ids)


def _export(c: Caseload, tmp_path: Path, name: str, **kwargs: object) -> str:
    out = tmp_path / name
    export_pdf(c.store, out=out, actor="山田", office=OFFICE, wording=WORDING, lang="ja", **kwargs)  # type: ignore[arg-type]
    assert pdf_pages(out, tmp_path / f"{name}-pages")
    return pdf_text_compact(out)


def _missing(expected: list[str], text: str) -> list[str]:
    return [item for item in expected if item.replace(" ", "") not in text]


def test_company_with_documents_high_risk_and_split_decision(caseload: Caseload, tmp_path: Path) -> None:
    text = _export(caseload, tmp_path, "firm.pdf", kind="record", record_ids=[caseload.ids["firm"]])
    assert not _missing(
        [
            "株式会社みなと商事",
            "東京都港区港南2-16-1",
            "代表者",
            "港 一郎",
            "本人確認書類等",
            "運転免許証",
            "第123456789012号",
            "令和11年8月7日（2029年）",
            "登記事項証明書",
            "法人の本人確認書類",
            "0104-01-123456",
            "令和8年11月10日（2026年）",
            "代表権・代理権",
            "代表取締役として登記",
            "登記事項証明書（代表取締役として登記）",
            "住民票の写し",
            "追加の本人確認書類（法4条2項）",
            "厳格な取引時確認（法4条2項）",
            "外国PEPs",
            "外国の元閣僚の親族",
            "本人確認の結果",
            "確認済み",
            "追加書類で再確認",
            "確認できなかった事項とその理由",
            "顔の照合",
            "免許証の写真と本人を目視で照合した",
            "受任の判断",
            "受任する",
            "不動産売買",
            "関係者",
            "髙橋 﨑子（売主）",
            "株式会社みなと商事（買主）",
            "決済は12月中旬の予定",
            "KB）：登記事項証明書",
        ],
        text,
    )


def test_agent_by_mail_and_reliance(caseload: Caseload, tmp_path: Path) -> None:
    text = _export(caseload, tmp_path, "agent.pdf", kind="record", record_ids=[caseload.ids["agent"]])
    assert not _missing(
        [
            "代理人",
            "代田 理人",
            "委任状",
            "代表権・代理権",
            "健康保険",
            "記号12 番号345",
            "ロ 対面・写真なし書類の提示＋転送不要郵便",
            "転送不要郵便",
            "1234-5678-9012",
            "到達（返送なし）",
            "令和8年11月24日（2026年）",
            "本人確認の結果",
            "未判断",
        ],
        text,
    )
    text = _export(caseload, tmp_path, "relied.pdf", kind="record", record_ids=[caseload.ids["relied"]])
    assert not _missing(
        [
            "取引時確認済みの顧客等であることの確認（規則16条）",
            f"#{caseload.ids['first']}",
            "面識がある",
            "前回の決済で面談済み",
            "確認済みの顧客等であることを確かめた日時",
            "受任する",
        ],
        text,
    )


def test_matter_transactions_and_meetings(caseload: Caseload, tmp_path: Path) -> None:
    text = _export(caseload, tmp_path, "tx.pdf", kind="transactions", matter_id=caseload.matter_id)
    assert not _missing(
        [
            "取引記録",
            "髙橋 﨑子（売主）",
            "所有権移転登記の代理（決済）",
            "31,000,000円",
            f"#{caseload.ids['relied']}",
            "令和8年12月15日（2026年）",
        ],
        text,
    )
    text = _export(caseload, tmp_path, "minutes.pdf", kind="minutes", matter_id=caseload.matter_id)
    assert not _missing(
        [
            "面談記録（議事録）",
            "令和8年11月22日（2026年）",
            "実施済み",
            "対面",
            "事務所 第1会議室",
            "髙橋 﨑子（売主）",
            "株式会社みなと商事（買主）",
            "司法書士 山田太郎",
            "人・物・意思",
            "不動産売買",
            "人（本人確認）",
            "売主本人と買主代表者を確認",
            "物（対象）",
            "丸の内一丁目1番1の土地",
            "意思（依頼の意思）",
            "売る意思・買う意思を確認",
            f"#{caseload.ids['first']}",
        ],
        text,
    )


def test_minutes_in_english(caseload: Caseload, tmp_path: Path) -> None:
    out = tmp_path / "minutes-en.pdf"
    export_pdf(
        caseload.store,
        out=out,
        actor="山田",
        office=OFFICE,
        wording=WORDING,
        lang="en",
        kind="minutes",
        matter_id=caseload.matter_id,
    )
    text = pdf_text_compact(out)
    for item in (
        "Meetingminutes",
        "22Nov2026(Reiwa8)10:30–11:30JST",
        "Held",
        "Inperson",
        "Seller",
        "Buyer",
        "Person,Thing,Intent",
        "saleofrealestate",
    ):
        assert item in text, item


def test_the_seal_moves_when_the_matter_rewrites_the_record(caseload: Caseload) -> None:
    """Closing the matter recomputes its records' retention (an entry of the matter, not of the record):
    the seal follows, so a print made before no longer matches."""
    from kyc_desk.records.printing import audit_seal

    before = audit_seal(caseload.store, caseload.ids["firm"])
    caseload.store.close_matter(caseload.matter_id, dt.date(2026, 12, 20), actor="山田")
    after = audit_seal(caseload.store, caseload.ids["firm"])
    assert after.seq > before.seq and after.hash != before.hash
    assert caseload.store.get(caseload.ids["firm"]).retention_until is not None
