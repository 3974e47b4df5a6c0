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

from kyc_desk.errors import ConfigError
from kyc_desk.faces import engine as engines
from kyc_desk.faces.engine import DLIB_RESNET, MatchEngine
from kyc_desk.faces.thresholds import DuplicateThresholds, Thresholds
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


def _with_faces(chip: tuple[float, ...], live: tuple[float, ...], engine: str = ENGINE,  # type: ignore[no-untyped-def]
                **overrides: object):
    new = full_verification(**overrides)
    match = dataclasses.replace(new.face_results[0], engine=engine, embeddings=(
        FaceEmbedding(FaceSource.CHIP_PHOTO, engine, chip, "test 1"),
        FaceEmbedding(FaceSource.LIVE_CAPTURE, engine, live, "test 1"),
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
    with pytest.raises(ConfigError):  # an engine this desk does not know: refused, never searched on a guess
        store.nearest_faces(a, engine="another-engine")
    with pytest.raises(ValueError):  # another engine's size of face
        store.nearest_faces(a[:64], engine=ENGINE)


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


#: A second engine for the engine plumbing: another name, compared by angle, with thresholds of its own
#: that differ from dlib's (tests/faces/test_engines.py runs a real one on photos).
ANGLE = MatchEngine(
    name="tests/angle-engine", key="angle", dims=128, metric="cosine",
    thresholds=Thresholds(decision=0.18, margin=0.03),
    duplicates=DuplicateThresholds(same_face_at_most=0.05, different_face_at_least=0.20),
    embedder="kyc_desk.faces.embed:dlib_embedding", model_files=DLIB_RESNET.model_files,
    libraries=DLIB_RESNET.libraries, description="test engine",
)


@pytest.fixture
def angle_engine(monkeypatch: pytest.MonkeyPatch) -> MatchEngine:
    monkeypatch.setitem(engines._ENGINES, ANGLE.name, ANGLE)
    return ANGLE


def test_faces_of_one_engine_are_never_compared_with_another_engines(store: RecordStore,
                                                                      angle_engine: MatchEngine) -> None:
    """The same vectors stored under two engines: each record's leads come only from its own engine's
    faces, and the search of one engine never returns the other's."""
    a = _vector(1)
    alias = Person("山本 太郎", birth_date=dt.date(1975, 5, 5))
    dlib_first = store.save_verification(_with_faces(a, _vector(2, a)), actor="a")
    angle_alias = store.save_verification(_with_faces(_vector(3, a), _vector(4, a), engine=ANGLE.name,
                                                      client=alias), actor="a")
    assert store.duplicate_leads(dlib_first.id) == []  # the only close face is the other engine's
    assert store.duplicate_leads(angle_alias.id) == []
    dlib_alias = store.save_verification(_with_faces(_vector(5, a), _vector(6, a), client=alias), actor="a")
    assert [(lead.other_verification_id, lead.engine) for lead in store.duplicate_leads(dlib_first.id)] == [
        (dlib_alias.id, ENGINE)]
    assert {f.verification_id for f in store.nearest_faces(a, engine=ANGLE.key)} == {angle_alias.id}
    assert {f.engine for f in store.nearest_faces(a, engine=ANGLE.name)} == {ANGLE.name}


def test_each_engine_judges_its_faces_by_its_own_thresholds(store: RecordStore, angle_engine: MatchEngine) -> None:
    """Two pairs of records, identical vectors, one pair per engine. 0.1 apart by angle is a lead for dlib's
    Euclidean limit (0.50) but not for the angle engine's (0.05): each engine's thresholds apply, and the
    lead reports the threshold it was judged against."""
    base = np.zeros(128)
    base[0] = 1.0
    near = np.zeros(128)
    near[0], near[1] = 0.9, float(np.sqrt(1 - 0.9**2))  # cosine 0.9: 0.1 by angle, 0.447 by Euclid
    chip, live = tuple(base), tuple(near)
    alias = Person("山本 太郎", birth_date=dt.date(1975, 5, 5))
    by_dlib = store.save_verification(_with_faces(chip, chip), actor="a")
    store.save_verification(_with_faces(live, live, client=alias), actor="a")
    by_angle = store.save_verification(_with_faces(chip, chip, engine=ANGLE.name), actor="a")
    store.save_verification(_with_faces(live, live, engine=ANGLE.name, client=alias), actor="a")
    [lead] = store.duplicate_leads(by_dlib.id)
    assert lead.threshold == DLIB_RESNET.duplicates.same_face_at_most
    assert lead.distance == pytest.approx(0.447, abs=1e-3)
    assert store.duplicate_leads(by_angle.id) == []
    [nearest] = store.nearest_faces(chip, engine=ANGLE.name, limit=1)
    assert nearest.verification_id == by_angle.id and nearest.distance == pytest.approx(0.0, abs=1e-6)
    far = store.nearest_faces(chip, engine=ANGLE.name, limit=2)[1]
    assert far.distance == pytest.approx(0.1, abs=1e-5)  # 1 − cosine, not the Euclidean 0.447
    # an override (a desk re-measuring on its own data) applies to every engine
    loose = DuplicateThresholds(same_face_at_most=0.5, different_face_at_least=0.9)
    assert [lead.engine for lead in store.duplicate_leads(by_angle.id, thresholds=loose)] == [ANGLE.name]


def test_faces_of_an_unknown_engine_are_left_out(store: RecordStore, angle_engine: MatchEngine,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Faces stored by an engine this desk no longer (or not yet) knows are skipped, not judged on another
    engine's scale."""
    a = _vector(1)
    alias = Person("山本 太郎", birth_date=dt.date(1975, 5, 5))
    first = store.save_verification(_with_faces(a, _vector(2, a), engine=ANGLE.name), actor="a")
    store.save_verification(_with_faces(_vector(3, a), _vector(4, a), engine=ANGLE.name, client=alias), actor="a")
    assert len(store.duplicate_leads(first.id)) == 1
    monkeypatch.delitem(engines._ENGINES, ANGLE.name)
    assert store.duplicate_leads(first.id) == []
