"""Migration 0004: records saved with rendered sentences and engine-dependent face scores become neutral.

A store is taken back to 0003 and given the rows older desks wrote (a face-to-face distance under the
window's engine name, a remote similarity under the importer's, sentences in either language), then
opened again: the migration converts them by engine name, both face results end in the same metric, the
sentences become reason codes, and the audit chain stays intact."""

from __future__ import annotations

import json

from alembic import command
from alembic.config import Config

from kyc_desk.app.texts import check_text, face_text
from kyc_desk.records import PassphraseKeySource, RecordStore
from kyc_desk.records._db import HEAD_REVISION, MIGRATIONS, current_revision
from kyc_desk.records.audit import append_entry
from kyc_desk.records.model import FaceMetric
from tests.records.conftest import PASSPHRASE, full_verification


def _downgrade(store: RecordStore, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    with store.engine.execution_options(kyc_write=True).begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)


def test_old_rows_are_converted_by_engine_name(store: RecordStore) -> None:
    window = store.save_verification(full_verification(), actor="a")
    remote = store.save_verification(full_verification(external_id="sync:s-1"), actor="a")
    _downgrade(store, "0003")
    with store.engine.execution_options(kyc_write=True).begin() as conn:
        sql = conn.exec_driver_sql
        faces = {vid: sql("SELECT id FROM face_results WHERE verification_id = ? AND kind = 'match'", (vid,)).scalar()
                 for vid in (window.id, remote.id)}
        # what the window wrote: the distance and the decision distance, reasons in Japanese
        sql("UPDATE face_results SET engine = 'dlib ResNet (kyc_desk.faces)', score = 0.412, threshold = 0.6,"
            " detail = '顔の特徴が一致しています（判断の補助です。最終判断は目視で行ってください）。' WHERE id = ?",
            (faces[window.id],))
        # what the importer wrote: a similarity 1 - distance and 1 - decision, reasons in English
        sql("UPDATE face_results SET engine = 'kyc_desk.faces', score = 0.588, threshold = 0.4,"
            " detail = 'The faces are similar (an aid only; the final judgement is yours)' WHERE id = ?",
            (faces[remote.id],))
        checks = [r[0] for r in sql("SELECT id FROM report_checks WHERE verification_id = ? ORDER BY position",
                                    (remote.id,))]
        sql("UPDATE report_checks SET detail = '事務所鍵で復号・認証済み（改ざんなし）' WHERE id = ?", (checks[0],))
        sql("UPDATE report_checks SET detail = 'differ: card_face = text_ap ≠ sign_cert' WHERE id = ?", (checks[1],))
        unknown = [r[0] for r in sql("SELECT id FROM report_checks WHERE verification_id = ?", (window.id,))]
        sql("UPDATE report_checks SET detail = 'a sentence no table knows' WHERE id = ?", (unknown[0],))
        append_entry(conn, actor="old desk", action="update", verification_id=None,
                     changes=[("face_results", i, "update") for i in faces.values()]
                     + [("report_checks", i, "update") for i in (*checks[:2], unknown[0])])
    store.close()

    with RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=store.location.folder) as again:
        with again.engine.connect() as conn:
            assert current_revision(conn) == HEAD_REVISION
            assert conn.exec_driver_sql("SELECT COUNT(*) FROM report_checks WHERE detail IS NOT NULL").scalar() == 0
        assert again.verify_audit().ok  # the migration recorded every row it rewrote
        window_face = next(f for f in again.get(window.id).face_results if f.kind.value == "match")
        remote_face = next(f for f in again.get(remote.id).face_results if f.kind.value == "match")
        for face in (window_face, remote_face):
            assert face.engine == "kyc_desk.faces/dlib-resnet-v1"
            assert face.metric is FaceMetric.DISTANCE
            assert face.reasons == ("similar@comparison",)
        assert window_face.value == 0.412 and window_face.threshold == 0.6
        assert remote_face.value == 0.412 and remote_face.threshold == 0.6  # the similarity, back to the distance
        assert face_text(window_face, "ja") == face_text(remote_face, "ja")
        assert face_text(window_face, "en") == face_text(remote_face, "en")

        report = again.get(remote.id).report
        assert (report[0].reason, report[0].params) == ("submission.decrypted", {})
        assert (report[1].reason, report[1].params) == ("cross.differ", {"groups": "card_face = text_ap ≠ sign_cert"})
        assert check_text(report[0], "en") == "decrypted and authenticated with the office key"
        assert check_text(report[1], "ja") == "不一致: 券面情報 = 券面事項入力補助AP ≠ 署名用電子証明書"
        kept = again.get(window.id).report[0]
        assert (kept.reason, kept.params) == ("legacy.text", {"text": "a sentence no table knows"})
        assert check_text(kept, "ja") == "a sentence no table knows"  # kept, visible, not guessed


def test_an_unknown_engines_figures_are_not_guessed(store: RecordStore) -> None:
    saved = store.save_verification(full_verification(), actor="a")
    _downgrade(store, "0003")
    with store.engine.execution_options(kyc_write=True).begin() as conn:
        face = conn.exec_driver_sql("SELECT id FROM face_results WHERE kind = 'match'").scalar()
        conn.exec_driver_sql("UPDATE face_results SET engine = 'vendor-x', score = 0.9, threshold = 0.8,"
                             " detail = NULL WHERE id = ?", (face,))
        append_entry(conn, actor="old desk", action="update", verification_id=None,
                     changes=[("face_results", face, "update")])
    store.close()
    with RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=store.location.folder) as again:
        match = next(f for f in again.get(saved.id).face_results if f.kind.value == "match")
        assert match.value is None and match.metric is None
        assert any("vendor-x" in r and "0.9" in r for r in match.reasons)  # visible as kept text
        assert again.verify_audit().ok
        with again.engine.connect() as conn:
            row = conn.exec_driver_sql("SELECT reasons FROM face_results WHERE id = ?", (face,)).scalar()
        assert row is None or json.loads(row) == []
