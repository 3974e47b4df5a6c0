"""The hand-off bundle: documented files, round trip between two stores, duplicates, conflicts, bad bundles."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from kyc_desk.export import (
    FORMAT,
    BundleConflict,
    BundleCorrupt,
    BundleIncomplete,
    BundlePassphraseRequired,
    BundleVersionUnsupported,
    BundleWrongPassphrase,
    Selection,
    export_bundle,
    import_bundle,
    record_digest,
)
from kyc_desk.records import RecordStore, TransactionEntry, VerificationRecord
from tests.records.conftest import full_verification

PASS = "長いパスフレーズ correct horse"


def csv_rows(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"), newline="")))


def test_bundle_holds_manifest_participants_methods_images_and_records(
    desk_a: RecordStore, saved: list[VerificationRecord], tmp_path: Path
) -> None:
    out = tmp_path / "handoff.zip"
    result = export_bundle(desk_a, Selection(), out, actor="t")
    assert result.records == 2
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert (manifest["format"], manifest["version"], manifest["adapter"]) == (FORMAT, 1, "kyc-desk")
        assert set(manifest["files"]) == set(archive.namelist()) - {"manifest.json"}
        assert [r["origin"] for r in manifest["records"]] == [
            f"kyc-desk:{desk_a.header.store_id}:{saved[0].id}",
            f"kyc-desk:{desk_a.header.store_id}:{saved[1].id}",
        ]
        participants = csv_rows(archive, "participants.csv")
        assert [(p["記録番号"], p["立場"], p["本人確認の対象"], p["区分"]) for p in participants] == [
            (str(saved[0].id), "依頼者", "はい", "個人"),
            (str(saved[1].id), "依頼者", "いいえ", "法人"),
            (str(saved[1].id), "代表者", "はい", "個人"),
        ]
        assert participants[2]["代表権・代理権の確認"] == "登記事項証明書（代表取締役）"
        methods = csv_rows(archive, "methods.csv")
        assert [m["確認方法（号）"] for m in methods] == ["イ", "イ"]
        assert methods[0]["確認者"] == "司法書士 山田" and methods[0]["記録作成者"] == "補助者 佐藤"
        assert methods[0]["本人確認書類の提示を受けた日時"] == "2026-11-20 10:30:00"
        images = [n for n in archive.namelist() if n.startswith("images/")]
        company = f"2026-11-20_株式会社サンプル商事_{saved[1].id}"
        assert f"images/{company}/2026-11-20_株式会社サンプル商事_chip-photo.png" in images


def test_round_trip_between_two_stores_then_duplicates_are_skipped(
    desk_a: RecordStore, desk_b: RecordStore, saved: list[VerificationRecord], tmp_path: Path
) -> None:
    out = tmp_path / "handoff.zip"
    export_bundle(desk_a, Selection(), out, actor="t")
    result = import_bundle(desk_b, out, actor="受入担当")
    assert len(result.imported) == 2 and result.duplicates == 0
    moved = [desk_b.get(i) for i in result.imported]
    for original, copy in zip(saved, moved, strict=True):
        assert record_digest(copy) == record_digest(original)
        assert [e.data for e in copy.evidence] == [e.data for e in original.evidence]  # chip files, JPEG 2000
        assert copy.external_id == f"kyc-desk:{desk_a.header.store_id}:{original.id}"
        assert copy.retention_until == original.retention_until
    assert moved[0].matter is not None and moved[1].matter is not None
    assert moved[0].matter.id == moved[1].matter.id  # one matter, as on desk A
    assert moved[1].subject.id != moved[1].client.id  # the company and its representative

    again = import_bundle(desk_b, out, actor="t")  # the same bundle twice: nothing new
    assert again.imported == () and again.duplicates == 2
    assert desk_b.count() == 2
    back = tmp_path / "back.zip"
    export_bundle(desk_b, Selection(), back, actor="t")
    home = import_bundle(desk_a, back, actor="t")  # desk A recognises its own verifications
    assert home.imported == () and home.duplicates == 2
    assert desk_a.count() == 2
    assert desk_a.verify_audit().ok and desk_b.verify_audit().ok


def test_a_changed_record_is_a_conflict_and_nothing_is_imported(
    desk_a: RecordStore, desk_b: RecordStore, saved: list[VerificationRecord], tmp_path: Path
) -> None:
    first = tmp_path / "first.zip"
    export_bundle(desk_a, Selection(record_ids=(saved[0].id,)), first, actor="t")
    import_bundle(desk_b, first, actor="t")
    desk_a.add_transaction(saved[0].id, TransactionEntry(dt.date(2026, 12, 1), "決済立会い"), actor="t")
    new = desk_a.save_verification(full_verification(matter=None), actor="t")
    later = tmp_path / "later.zip"
    export_bundle(desk_a, Selection(record_ids=(saved[0].id, new.id)), later, actor="t")
    with pytest.raises(BundleConflict) as caught:
        import_bundle(desk_b, later, actor="t")
    assert "1件目" in caught.value.user_text("ja")
    assert desk_b.count() == 1  # the new verification of the same bundle was not imported either


def _rewrite(source: Path, target: Path, change: dict[str, bytes | None]) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change.get(info.filename, old.read(info))
            if data is not None:
                new.writestr(info.filename, data)


def test_bad_bundles_get_typed_errors_and_leave_nothing(
    desk_a: RecordStore, desk_b: RecordStore, saved: list[VerificationRecord], tmp_path: Path
) -> None:
    good = tmp_path / "good.zip"
    export_bundle(desk_a, Selection(), good, actor="t")
    with zipfile.ZipFile(good) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        record = archive.read("records/2.json")
    altered = bytearray(record)
    altered[altered.index(b"\xe9\x88\xb4")] ^= 0x01  # one byte of a name (鈴)
    cases = {
        "altered.zip": {"records/2.json": bytes(altered)},
        "missing.zip": {"evidence/2/1.bin": None},
        "newer.zip": {"manifest.json": json.dumps({**manifest, "version": 2}).encode()},
        "foreign.zip": {"manifest.json": json.dumps({**manifest, "format": "other"}).encode()},
        "nomanifest.zip": {"manifest.json": None},
    }
    expected = {
        "altered.zip": BundleCorrupt,
        "missing.zip": BundleCorrupt,
        "newer.zip": BundleVersionUnsupported,
        "foreign.zip": BundleVersionUnsupported,
        "nomanifest.zip": BundleCorrupt,
    }
    for name, change in cases.items():
        _rewrite(good, tmp_path / name, change)
        with pytest.raises(expected[name]):
            import_bundle(desk_b, tmp_path / name, actor="t")
    # a consistent forgery (file and manifest hash both changed) still fails: the digest no longer matches
    forged = dict(manifest)
    forged["files"] = {**manifest["files"], "records/2.json": hashlib.sha256(altered).hexdigest()}
    forgery = {"records/2.json": bytes(altered), "manifest.json": json.dumps(forged).encode()}
    _rewrite(good, tmp_path / "forged.zip", forgery)
    with pytest.raises(BundleCorrupt):
        import_bundle(desk_b, tmp_path / "forged.zip", actor="t")
    (tmp_path / "text.zip").write_text("not a zip")
    with pytest.raises(BundleCorrupt):
        import_bundle(desk_b, tmp_path / "text.zip", actor="t")
    assert desk_b.count() == 0
    assert desk_b.verify_audit().ok


def test_encrypted_bundle_needs_its_passphrase(
    desk_a: RecordStore, desk_b: RecordStore, saved: list[VerificationRecord], tmp_path: Path
) -> None:
    out = tmp_path / "secret.zip"
    assert export_bundle(desk_a, Selection(), out, actor="t", passphrase=PASS).encrypted
    with pytest.raises(BundlePassphraseRequired):
        import_bundle(desk_b, out, actor="t")
    with pytest.raises(BundleWrongPassphrase):
        import_bundle(desk_b, out, actor="t", passphrase="wrong passphrase!")
    assert desk_b.count() == 0
    assert len(import_bundle(desk_b, out, actor="t", passphrase=PASS).imported) == 2


def test_the_caseload_fields_travel_with_documents_mailing_high_risk_decisions_and_reliance(
    desk_a: RecordStore, desk_b: RecordStore, tmp_path: Path
) -> None:
    """Issue 15's fields move too: every document (with its image), the 転送不要郵便, the high-risk flag,
    the split decision, and a reliance on an earlier record — inside the bundle or already on the desk."""
    from kyc_desk.records import (
        DocumentEntry,
        DocumentPurpose,
        EvidenceItem,
        EvidenceKind,
        HighRisk,
        Mailing,
        MatchBasis,
        Method,
        Reliance,
        RiskReason,
    )
    from kyc_desk.records.legal import Event
    from tests.records.conftest import WHEN, photo_bytes
    from tests.records.test_caseload import verification

    scan = EvidenceItem(EvidenceKind.DOCUMENT, "image/jpeg", photo_bytes("biden.jpg"), WHEN)
    extra = DocumentEntry("resident_record", DocumentPurpose.ADDITIONAL, issued_on=dt.date(2026, 11, 18))
    risky = desk_a.save_verification(
        verification(
            Method.I,
            high_risk=HighRisk((RiskReason.IMPERSONATION,), note="署名の筆跡が異なる"),
            documents=(DocumentEntry("passport", number="TK1234567", expires_on=dt.date(2031, 5, 1), image=scan),
                       extra),
        ),
        actor="a",
    )  # fmt: skip
    mailed = desk_a.save_verification(
        verification(Method.RO, events={Event.PRESENTED: WHEN},
                     mailing=Mailing(WHEN + dt.timedelta(hours=1), tracking_number="1234-5678-9012")),
        actor="a",
    )  # fmt: skip
    earlier = desk_a.save_verification(verification(Method.FACE_TO_FACE_CHIP), actor="a")
    later = desk_a.save_verification(
        verification(Method.RELIANCE, client=earlier.client.id,
                     reliance=Reliance(earlier.id, MatchBasis.KNOWN_IN_PERSON, "前回面談時と同一人物")),
        actor="a",
    )  # fmt: skip
    only_later = tmp_path / "later.zip"
    export_bundle(desk_a, Selection(record_ids=(later.id,)), only_later, actor="t")
    with pytest.raises(BundleIncomplete):  # the earlier record is neither here nor in the bundle
        import_bundle(desk_b, only_later, actor="t")
    assert desk_b.count() == 0

    everything = tmp_path / "all.zip"
    export_bundle(desk_a, Selection(), everything, actor="t")
    result = import_bundle(desk_b, everything, actor="t")  # the reliance finds its record in the same bundle
    assert len(result.imported) == 4
    moved = {desk_b.get(i).external_id: desk_b.get(i) for i in result.imported}
    origin = f"kyc-desk:{desk_a.header.store_id}:"
    for original in (risky, mailed, earlier, later):
        copy = moved[origin + str(original.id)]
        assert record_digest(copy) == record_digest(desk_a.get(original.id))
    risky_copy = moved[origin + str(risky.id)]
    assert risky_copy.high_risk == risky.high_risk and risky_copy.identity == risky.identity
    passport = next(d for d in risky_copy.documents if d.kind == "passport")
    image = next(e for e in risky_copy.evidence if e.id == passport.evidence_id)
    assert image.data == photo_bytes("biden.jpg")
    assert moved[origin + str(mailed.id)].mailing == mailed.mailing
    later_copy = moved[origin + str(later.id)]
    assert later_copy.reliance is not None
    assert later_copy.reliance.verification_id == moved[origin + str(earlier.id)].id  # this desk's copy
    assert import_bundle(desk_b, only_later, actor="t").duplicates == 1  # now it is here: a duplicate

    with zipfile.ZipFile(everything) as archive:
        methods = {m["記録番号"]: m for m in csv_rows(archive, "methods.csv")}
    row = methods[str(risky.id)]
    assert row["ハイリスク取引"] == "なりすましの疑い"
    documents = "本人確認: 旅券（パスポート） TK1234567（有効期限 2031-05-01）、追加: 住民票の写し（2026-11-18）"
    assert row["確認書類（すべて）"] == documents
    assert row["本人確認の結果"] == "確認済み" and row["受任の判断"] == "受任する"
    assert methods[str(mailed.id)]["転送不要郵便の送付日時"] == "2026-11-20 11:30:00"
    assert methods[str(later.id)]["依拠した本人確認記録"] == f"記録番号 {earlier.id}（面識）"
