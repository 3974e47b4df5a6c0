"""The CSV for Excel: BOM, cp932 refusal naming the record, replacements, formula cells, round trip, audit."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kyc_desk.export import (
    CsvOptions,
    DestinationRefused,
    NothingToExport,
    Selection,
    UnencodableText,
    export_csv,
)
from kyc_desk.export.columns import COLUMNS, HEADER
from kyc_desk.export.table import unneutralise
from kyc_desk.records import Person, RecordStore, VerificationRecord
from tests.records.conftest import full_verification


def read_rows(path: Path, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


def test_utf8_with_bom_one_row_per_verification_round_trips(
    desk_a: RecordStore, saved: list[VerificationRecord], tmp_path: Path
) -> None:
    out = tmp_path / "records.csv"
    result = export_csv(desk_a, Selection(), out, actor="tester")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    assert b"\r\n" in raw
    rows = read_rows(out)
    assert result.records == 2 and len(rows) == 2
    assert tuple(rows[0]) == HEADER
    individual, company = rows
    assert individual["記録番号"] == str(saved[0].id)
    assert individual["依頼者の氏名・名称"] == "髙橋 﨑子"
    assert individual["依頼者の住居・本店所在地"] == "東京都千代田区霞が関1-1-1"
    assert individual["確認方法"] == "対面・ICチップ読取"
    assert individual["ICチップの情報を読み取った日時"] == "2026-11-20 10:32:00"
    assert individual["判断"] == "受任可"
    assert individual["顔照合の値"] == "0.35"
    assert individual["確認日（和暦）"] == "令和8年11月20日"
    assert company["依頼者の区分"] == "法人"
    assert company["確認した者の立場"] == "代表者"
    assert company["確認した者の氏名"] == "鈴木 一郎"
    assert company["事件名"] == individual["事件名"] == "所有権移転登記"
    # every cell as the column table gives it (nothing else changed it on the way)
    by_id = {r.id: r for r in saved}
    for row in rows:
        record = desk_a.get(int(row["記録番号"]))
        assert [unneutralise(row[c.header]) for c in COLUMNS] == [c.cell(record) for c in COLUMNS]
        assert int(row["記録番号"]) in by_id


def test_cp932_refuses_a_character_it_cannot_hold_and_names_record_and_column(
    desk_a: RecordStore, tmp_path: Path
) -> None:
    ok = desk_a.save_verification(full_verification(), actor="t")  # 髙 and 﨑 are in cp932
    bad = desk_a.save_verification(full_verification(client=Person("𠮷田 花子", address="大阪府")), actor="t")
    out = tmp_path / "sjis.csv"
    with pytest.raises(UnencodableText) as caught:
        export_csv(desk_a, Selection(), out, actor="t", options=CsvOptions(encoding="cp932"))
    assert caught.value.record_id == bad.id
    assert caught.value.column == "依頼者の氏名・名称"
    assert str(bad.id) in caught.value.user_text("ja") and "依頼者の氏名・名称" in caught.value.user_text("ja")
    assert "𠮷" not in str(caught.value)  # part of a name: kept out of the message (and so out of logs)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "desk-a"]  # no temporary file left behind
    only_ok = export_csv(desk_a, Selection(record_ids=(ok.id,)), out, actor="t", options=CsvOptions(encoding="cp932"))
    assert only_ok.records == 1
    assert read_rows(out, "cp932")[0]["依頼者の氏名・名称"] == "髙橋 﨑子"


@pytest.mark.parametrize(("choice", "written"), [("geta", "〓田 花子"), ("codepoint", "[U+20BB7]田 花子")])
def test_cp932_writes_the_replacement_the_user_chose(
    desk_a: RecordStore, tmp_path: Path, choice: str, written: str
) -> None:
    desk_a.save_verification(full_verification(client=Person("𠮷田 花子 😀", address="大阪府")), actor="t")
    out = tmp_path / "sjis.csv"
    export_csv(desk_a, Selection(), out, actor="t", options=CsvOptions("cp932", choice))  # type: ignore[arg-type]
    name = read_rows(out, "cp932")[0]["依頼者の氏名・名称"]
    assert name.startswith(written)
    assert name.endswith("〓" if choice == "geta" else "[U+1F600]")


def test_formula_cells_are_neutralised(desk_a: RecordStore, tmp_path: Path) -> None:
    hostile = {
        "name": '=HYPERLINK("http://evil.example/","x")',
        "address": "+81-3-0000",
        "occupation": "-2+3",
        "name_kana": "@SUM(A1)",
    }
    desk_a.save_verification(
        full_verification(client=Person(**hostile), purpose="\tcmd", checked_by="\r=1+1"), actor="t"
    )
    out = tmp_path / "f.csv"
    export_csv(desk_a, Selection(), out, actor="t")
    row = read_rows(out)[0]
    cells = {
        "依頼者の氏名・名称": hostile["name"],
        "依頼者の住居・本店所在地": hostile["address"],
        "依頼者のフリガナ": hostile["name_kana"],
        "取引の目的": "\tcmd",
        "確認者": "\r=1+1",
    }
    for header, value in cells.items():
        assert row[header] == "'" + value  # Excel shows it as text, never evaluates it
        assert unneutralise(row[header]) == value
    assert row["依頼者の生年月日"] == ""  # empty cells stay empty


def test_every_export_is_audited_with_who_what_and_where(
    desk_a: RecordStore, saved: list[VerificationRecord], tmp_path: Path
) -> None:
    out = tmp_path / "audited.csv"
    export_csv(desk_a, Selection(record_ids=(saved[1].id,)), out, actor="司法書士 山田")
    with desk_a.engine.connect() as conn:
        actor, action, rows = conn.exec_driver_sql(
            "SELECT actor, action, rows FROM audit_log ORDER BY seq DESC LIMIT 1"
        ).one()
    assert (actor, action) == ("司法書士 山田", "export_csv")
    assert f'["verifications",{saved[1].id},"read"' in rows
    assert str(out) in rows.encode().decode("unicode_escape") or str(out) in rows
    assert desk_a.verify_audit().ok  # the chain still verifies, the export entry included


def test_nothing_is_overwritten_and_an_empty_selection_is_refused(
    desk_a: RecordStore, saved: list[VerificationRecord], tmp_path: Path
) -> None:
    out = tmp_path / "exists.csv"
    out.write_text("keep me")
    with pytest.raises(DestinationRefused):
        export_csv(desk_a, Selection(), out, actor="t")
    assert out.read_text() == "keep me"
    export_csv(desk_a, Selection(), out, actor="t", overwrite=True)  # the user confirmed in the save dialog
    assert len(read_rows(out)) == 2
    import datetime as dt

    with pytest.raises(NothingToExport):
        export_csv(desk_a, Selection(date_from=dt.date(2030, 1, 1)), tmp_path / "none.csv", actor="t")
    assert not (tmp_path / "none.csv").exists()


def test_selection_by_matter_and_dates(desk_a: RecordStore, saved: list[VerificationRecord], tmp_path: Path) -> None:
    other = desk_a.save_verification(full_verification(matter=None), actor="t")
    assert saved[0].matter is not None
    out = tmp_path / "matter.csv"
    export_csv(desk_a, Selection(matter_id=saved[0].matter.id), out, actor="t")
    assert [int(r["記録番号"]) for r in read_rows(out)] == [saved[0].id, saved[1].id]
    everything = tmp_path / "all.csv"
    day = saved[0].verified_on
    export_csv(desk_a, Selection(date_from=day, date_to=day), everything, actor="t")
    assert [int(r["記録番号"]) for r in read_rows(everything)] == [saved[0].id, saved[1].id, other.id]


def test_csv_round_trips_through_the_csv_module_with_line_breaks_and_quotes(
    desk_a: RecordStore, tmp_path: Path
) -> None:
    awkward = 'line one\r\nline "two", with comma'
    desk_a.save_verification(full_verification(purpose=awkward), actor="t")
    out = tmp_path / "awkward.csv"
    export_csv(desk_a, Selection(), out, actor="t")
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert len(rows) == 2
    assert rows[1][HEADER.index("取引の目的")] == awkward
