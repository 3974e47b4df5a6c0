"""Face embeddings are stored with their record (same transaction, audited), purged with it, and a store made
before migration 0006 gains the table on open. The duplicate-face check's logic over stored vectors is
tested here with constructed vectors; tests/faces/test_duplicates.py runs it on real photos."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest
from alembic import command
from alembic.config import Config

from kyc_desk.records import (
    OTHER_FACE_SAME_IDENTITY,
    SAME_FACE_OTHER_IDENTITY,
    FaceEmbedding,
    FaceSource,
    InvalidRecord,
    Matter,
    PassphraseKeySource,
    Person,
    RecordStore,
)
from kyc_desk.records._db import HEAD_REVISION, MIGRATIONS, current_revision
from tests.records.conftest import PASSPHRASE, full_verification

ENGINE = "kyc_desk.faces/dlib-resnet-v1"
ENDED = Matter("相続登記", "inheritance", dt.date(2026, 1, 5), ended_on=dt.date(2026, 3, 1))


def _vector(seed: int, near: tuple[float, ...] | None = None, spread: float = 0.02) -> tuple[float, ...]:
    """A 128-value vector on dlib's scale (norm ≈ 1): random, or within ``spread`` per value of ``near``."""
    rng = np.random.default_rng(seed)
    if near is None:
        v = rng.normal(size=128)
        return tuple(float(x) for x in v / np.linalg.norm(v))
    return tuple(float(x) for x in np.asarray(near) + rng.normal(scale=spread, size=128))


def _with_faces(chip: tuple[float, ...], live: tuple[float, ...], **overrides: object):  # type: ignore[no-untyped-def]
    new = full_verification(**overrides)
    match = dataclasses.replace(new.face_results[0], engine=ENGINE, embeddings=(
        FaceEmbedding(FaceSource.CHIP_PHOTO, ENGINE, chip, "test 1"),
        FaceEmbedding(FaceSource.LIVE_CAPTURE, ENGINE, live, "test 1"),
    ))
    return dataclasses.replace(new, face_results=(match, *new.face_results[1:]))


def _count(store: RecordStore) -> int:
    with store.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM face_embeddings").scalar_one())


def test_embeddings_are_saved_with_the_record_and_audited(store: RecordStore) -> None:
    chip = _vector(1)
    record = store.save_verification(_with_faces(chip, _vector(2, chip)), actor="a")
    stored = store.face_embeddings(record.id)
    assert [e.source for e in stored] == [FaceSource.CHIP_PHOTO, FaceSource.LIVE_CAPTURE]
    assert stored[0].engine == ENGINE and stored[0].engine_version == "test 1"
    assert np.allclose(stored[0].vector, chip, atol=1e-6)  # float32 on disk: dlib computes in float32
    assert "0." not in repr(stored[0])  # the vector is never printed
    assert store.verify_audit().ok
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT rows FROM audit_log ORDER BY seq DESC LIMIT 1").scalar_one()
    assert '"face_embeddings"' in rows


def test_a_failed_save_leaves_no_embedding(store: RecordStore) -> None:
    with pytest.raises(InvalidRecord):
        store.save_verification(_with_faces(_vector(1), _vector(2), matter=999), actor="a")
    assert _count(store) == 0


def test_embeddings_are_purged_with_their_record(store: RecordStore) -> None:
    old = store.save_verification(_with_faces(_vector(1), _vector(2), matter=ENDED), actor="a")
    kept = store.save_verification(_with_faces(_vector(3), _vector(4)), actor="a")
    assert _count(store) == 4
    store.purge([old.id], today=dt.date(2036, 3, 2), actor="a", confirmed=True)
    assert _count(store) == 2
    assert store.face_embeddings(old.id) == ()
    assert len(store.face_embeddings(kept.id)) == 2
    assert store.duplicate_leads(kept.id) == []  # the purged faces are no longer searched
    assert store.verify_audit().ok


def test_upgrade_from_0005_adds_the_table(store: RecordStore) -> None:
    before = store.save_verification(full_verification(), actor="a")
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    with store.engine.execution_options(kyc_write=True).begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")
        assert current_revision(conn) == "0005"
        assert conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'face_embeddings'").first() is None
    store.close()
    with RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=store.location.folder) as again:
        with again.engine.connect() as conn:
            assert current_revision(conn) == HEAD_REVISION
        assert again.face_embeddings(before.id) == ()
        after = again.save_verification(_with_faces(_vector(1), _vector(2)), actor="a")
        assert len(again.face_embeddings(after.id)) == 2
        assert again.duplicate_leads(before.id) == []
        assert again.verify_audit().ok


def test_leads_follow_identity_and_distance(store: RecordStore) -> None:
    """Constructed vectors: A's faces are close together, B's far from A's (random 128-d unit vectors lie
    ≈1.4 apart). The same face under another name is a lead, and so is another face under the same name."""
    a = _vector(1)
    first = store.save_verification(_with_faces(a, _vector(2, a)), actor="a")
    other_name = Person("山本 太郎", birth_date=dt.date(1975, 5, 5))
    other_birth = Person("髙橋 﨑子", birth_date=dt.date(1981, 2, 17))
    alias = store.save_verification(_with_faces(_vector(3, a), _vector(4, a), client=other_name), actor="a")
    alias2 = store.save_verification(_with_faces(_vector(5, a), _vector(6, a), client=other_birth), actor="a")
    b = _vector(7)
    stranger = store.save_verification(_with_faces(b, _vector(8, b)), actor="a")  # A's name, B's face
    leads = store.duplicate_leads(first.id)
    same = {lead.other_verification_id for lead in leads if lead.code == SAME_FACE_OTHER_IDENTITY}
    other = {lead.other_verification_id for lead in leads if lead.code == OTHER_FACE_SAME_IDENTITY}
    assert same == {alias.id, alias2.id}
    assert other == {stranger.id}
    lead = next(lead for lead in leads if lead.other_verification_id == alias.id)
    assert lead.engine == ENGINE and lead.threshold == 0.50 and 0 < lead.distance <= 0.50
    assert lead.to_dict()["code"] == SAME_FACE_OTHER_IDENTITY
    # the closest stored records to A's face: A's own records first, the stranger last
    nearest = store.nearest_faces(a, engine=ENGINE, limit=10)
    assert nearest[0].verification_id == first.id and nearest[-1].verification_id == stranger.id
    assert [n.distance for n in nearest] == sorted(n.distance for n in nearest)
    assert store.nearest_faces(a, engine="another-engine") == []


def test_the_search_sees_a_purge_followed_by_a_save(store: RecordStore) -> None:
    """The cached matrix is keyed by row count and largest id; ids are never reused, so deleting the newest
    faces and saving as many new ones still reloads it."""
    a = _vector(1)
    kept = store.save_verification(_with_faces(a, _vector(2, a)), actor="a")
    old = store.save_verification(_with_faces(_vector(3, a), _vector(4, a), matter=ENDED,
                                              client=Person("山本 太郎", birth_date=dt.date(1975, 5, 5))), actor="a")
    assert [lead.other_verification_id for lead in store.duplicate_leads(kept.id)] == [old.id]
    store.purge([old.id], today=dt.date(2036, 3, 2), actor="a", confirmed=True)
    b = _vector(9)
    new = store.save_verification(_with_faces(b, _vector(10, b), client=Person("鈴木 一郎")), actor="a")
    assert store.duplicate_leads(kept.id) == []
    assert store.nearest_faces(b, engine=ENGINE, limit=1)[0].verification_id == new.id
