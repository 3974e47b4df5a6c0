"""Exports: the CSV for Excel of 10,000 verifications, and a hand-off bundle out of one store into another."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Measurement, median

TITLE = "Exports"
NOTES = """
A store in key-file mode (no KDF cost timed) holds **10,000 verifications** saved through the store's own
API (`save_verifications`, 500 a transaction): each a face-to-face chip check with a client (one of 400
kanji names, some with 髙/﨑), a matter shared by ten verifications, two method events, two item checks,
two face results, two report checks, a decision, a 取引記録, a meeting note and two pieces of evidence
(4 kB cut from a real sample photo each — the CSV never reads evidence, so its size does not matter to it).

"CSV of 10,000" is `export_csv` end to end as the CLI and the window call it: choosing the records (a search
of the whole store), reading them in batches of 200 without their evidence (plain rows, no ORM objects),
building the 69 cells of each row, checking every cell for formula characters, encoding the text (cell by cell
only when a character does not fit cp932), writing the file beside its destination and renaming it into place,
and the audit entry that lists all 10,000 rows with their digests. Median of five runs on a warm cache; the
machine is shared with other developers' test runs (2 cores, load average 5–8 while this ran), which inflates
single figures.

AES-256 encryption (pyzipper: AES in C from pycryptodomex, the WinZip AE-2 framing and HMAC in Python)
writes about 2 MB/s here: minutes, not seconds, for a bundle of thousands of verifications with photos.

The bundle rows export 200 of the verifications with their evidence as a hand-off bundle (plain and
AES-256 encrypted) and import the plain one into a second, empty store (all checks of the importer, one
transaction).
"""

N_VERIFICATIONS = int(os.environ.get("KYC_DESK_BENCH_EXPORT", "10000"))
BUNDLE = 200
SURNAMES = ["佐藤", "鈴木", "髙橋", "田中", "伊藤", "渡邉", "山本", "中村", "小林", "加藤",
            "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "山﨑"]  # fmt: skip
GIVEN = ["一郎", "花子", "太郎", "恵子", "健", "直樹", "美咲", "翔太", "陽子", "大輔",
         "由美", "誠", "真由美", "拓也", "裕子", "浩", "明美", "学", "智子", "剛"]  # fmt: skip


def _fill(store: object, n: int) -> None:
    from kyc_desk.records import (
        Decision,
        DecisionEntry,
        Event,
        EvidenceItem,
        EvidenceKind,
        FaceKind,
        FaceMetric,
        FaceResult,
        FaceVerdict,
        ItemCheck,
        ItemResult,
        Matter,
        MeetingNote,
        Method,
        NewVerification,
        Person,
        RecordStore,
        TransactionEntry,
    )
    from kyc_desk.verify.report import Check, Verdict
    from kyc_desk_testkit.samples import sample_photo

    assert isinstance(store, RecordStore)
    jst = dt.timezone(dt.timedelta(hours=9))
    photo = sample_photo("obama.jpg").read_bytes()
    batch: list[NewVerification] = []
    matter: Matter | None = None
    for i in range(n):
        when = dt.datetime(2026, 1, 5, 10, 0, tzinfo=jst) + dt.timedelta(hours=7 * i)
        if i % 10 == 0:
            matter = Matter(f"所有権移転登記 {i // 10}", "real_estate_sale", when.date(), reference=f"2026-{i // 10}")
        name = f"{SURNAMES[i % 20]} {GIVEN[(i // 20) % 20]}"
        batch.append(
            NewVerification(
                client=Person(
                    name, name_kana="ヤマダ タロウ", birth_date=dt.date(1960 + i % 40, 1 + i % 12, 1 + i % 28),
                    address=f"東京都千代田区霞が関{1 + i % 3}-{1 + i % 9}-{1 + i % 20}", occupation="会社員",
                ),
                method=Method.FACE_TO_FACE_CHIP,
                events={Event.PRESENTED: when, Event.CHIP_READ: when + dt.timedelta(minutes=2)},
                document_type="mynumber",
                document_number=f"AB{i:08d}",
                document_has_chip=True,
                checked_by="司法書士 山田",
                recorded_by="補助者 佐藤",
                purpose="不動産売買による所有権移転登記",
                matter=matter,
                evidence=(
                    EvidenceItem(EvidenceKind.CHIP_PHOTO, "image/jpeg", photo[:4096] + i.to_bytes(4, "big"), when),
                    EvidenceItem(EvidenceKind.FACE_PHOTO, "image/jpeg", photo[4096:8192] + i.to_bytes(4, "big"), when),
                ),
                item_checks=(
                    ItemCheck("name", ItemResult.MATCH, "山田"),
                    ItemCheck("address", ItemResult.MATCH, "山田"),
                ),
                face_results=(
                    FaceResult(FaceKind.MATCH, "dlib-resnet", FaceVerdict.PASS, 0.35, 0.6, FaceMetric.DISTANCE),
                    FaceResult(FaceKind.LIVENESS, "mediapipe-blink", FaceVerdict.PASS),
                ),
                report=(
                    Check("surface.signature", Verdict.VALID, "signature.certified_key"),
                    Check("cross.birth_date", Verdict.CONSISTENT, "cross.agree"),
                ),
                decision=DecisionEntry(Decision.ACCEPTED, "司法書士 山田", when + dt.timedelta(minutes=10)),
                transactions=(TransactionEntry(when.date(), "所有権移転登記の代理", 30_000_000),),
                notes=(MeetingNote(when, "山田", "意思確認済み。", place="事務所"),),
            )
        )
        if len(batch) == 500:
            store.save_verifications(batch, actor="bench")
            batch = []
    if batch:
        store.save_verifications(batch, actor="bench")


def run() -> list[Measurement]:
    from kyc_desk.export import CsvOptions, Selection, export_bundle, export_csv, import_bundle
    from kyc_desk.records import RecordStore

    out: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="kyc-desk-bench-export-") as tmp:
        folder = Path(tmp)
        store, _recovery = RecordStore.create(mode="keyfile", folder=folder / "desk-a")
        start = time.perf_counter()
        _fill(store, N_VERIFICATIONS)
        fill = time.perf_counter() - start
        times = []
        for k in range(5):
            start = time.perf_counter()
            export_csv(store, Selection(), folder / f"all-{k}.csv", actor="bench")
            times.append(time.perf_counter() - start)
        size = (folder / "all-0.csv").stat().st_size
        out.append(
            Measurement(
                f"CSV of {N_VERIFICATIONS:,} verifications (UTF-8 with BOM)", median(times), "s", "< 5 s",
                median(times) < 5, f"{size / 1e6:.1f} MB; fastest {min(times):.2f} s; store filled in {fill:.0f} s",
            )
        )  # fmt: skip
        sjis_times = []
        for k in range(3):
            start = time.perf_counter()
            options = CsvOptions("cp932", "geta")
            export_csv(store, Selection(), folder / f"all-sjis-{k}.csv", actor="bench", options=options)
            sjis_times.append(time.perf_counter() - start)
        sjis = median(sjis_times)
        out.append(
            Measurement(f"CSV of {N_VERIFICATIONS:,} verifications (cp932)", sjis, "s", "< 5 s", sjis < 5,
                        f"median of 3; fastest {min(sjis_times):.2f} s")
        )  # fmt: skip
        selection = Selection(record_ids=tuple(range(1, BUNDLE + 1)))
        start = time.perf_counter()
        export_bundle(store, selection, folder / "bundle.zip", actor="bench")
        plain = time.perf_counter() - start
        start = time.perf_counter()
        export_bundle(store, selection, folder / "secret.zip", actor="bench", passphrase="bench passphrase")
        secret = time.perf_counter() - start
        other, _recovery = RecordStore.create(mode="keyfile", folder=folder / "desk-b")
        start = time.perf_counter()
        result = import_bundle(other, folder / "bundle.zip", actor="bench")
        imported = time.perf_counter() - start
        assert len(result.imported) == BUNDLE
        zipped = (folder / "bundle.zip").stat().st_size
        out.append(Measurement(f"hand-off bundle of {BUNDLE} verifications", plain, "s", note=f"{zipped / 1e6:.1f} MB"))
        out.append(Measurement("the same, AES-256 encrypted", secret, "s"))
        out.append(Measurement("import of that bundle into an empty store", imported, "s"))
        other.close()
        store.close()
    return out
