"""顔の重複確認 — stored face embeddings and the local duplicate-face check (mixed into the record store).

Each verification's face match leaves the embeddings of the chip photo and of the live capture
(:attr:`FaceResult.embeddings`); :meth:`FaceIndexStore` writes them to ``face_embeddings`` in the save's
own transaction, and the purge deletes them with the record (``CHILD_TABLES``). They are read back only
here, as one matrix per engine (:class:`kyc_desk.faces.search.FaceGallery`), kept in memory while the
stored set is unchanged. Faces are only ever compared with faces of the same engine, in that engine's
metric and against that engine's thresholds (:mod:`kyc_desk.faces.engine`); faces of an engine this desk
does not know (a newer desk's, or a retired engine's) are left out of the check rather than judged on
another engine's scale.

Two leads, as neutral codes with their figures (:class:`DuplicateLead`):

- ``same_face_other_identity``: a stored face of another identity (another folded name or another birth
  date) lies within :attr:`DuplicateThresholds.same_face_at_most` of one of the record's faces;
- ``other_face_same_identity``: another record of the same identity (same folded name and birth date) has
  faces, and even the closest pair is at least :attr:`DuplicateThresholds.different_face_at_least` apart.

Both are leads for the scrivener to look at (the records side by side), never a refusal: the desk does
not change a record's status or decision because of them.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from kyc_desk.faces.engine import MATCH_ENGINES, MatchEngine, match_engine
from kyc_desk.faces.search import FaceGallery
from kyc_desk.faces.thresholds import DuplicateThresholds
from kyc_desk.records._db import translate_errors
from kyc_desk.records._orm import FaceEmbeddingRow
from kyc_desk.records.errors import RecordNotFound
from kyc_desk.records.model import FaceEmbedding, FaceSource

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from kyc_desk.records._orm import FaceResultRow

log = logging.getLogger(__name__)

#: The codes of the two leads.
SAME_FACE_OTHER_IDENTITY: Final = "same_face_other_identity"
OTHER_FACE_SAME_IDENTITY: Final = "other_face_same_identity"

_DTYPE: Final = np.dtype("<f4")


def match_embeddings(
    reference: Sequence[float] | NDArray[np.floating[Any]] | None,
    probe: Sequence[float] | NDArray[np.floating[Any]] | None,
    *,
    engine: str,
    engine_version: str | None,
) -> tuple[FaceEmbedding, ...]:
    """The record's embeddings of one face match: the chip photo's (``reference``) and the live capture's."""
    out = []
    for source, vector in ((FaceSource.CHIP_PHOTO, reference), (FaceSource.LIVE_CAPTURE, probe)):
        if vector is not None and len(vector):
            values = tuple(float(v) for v in np.asarray(vector, dtype=np.float64).reshape(-1))
            out.append(FaceEmbedding(source, engine, values, engine_version))
    return tuple(out)


def embedding_rows(face_rows: Sequence[tuple[FaceResultRow, Sequence[FaceEmbedding]]]) -> list[FaceEmbeddingRow]:
    """Rows for the embeddings carried by the face results just flushed (so each knows its result's id)."""
    rows = []
    for face_row, embeddings in face_rows:
        for e in embeddings:
            vector = np.asarray(e.vector, dtype=_DTYPE)
            if not np.all(np.isfinite(vector)):
                raise ValueError("a face embedding with a value that is not a finite number")
            rows.append(FaceEmbeddingRow(
                verification_id=face_row.verification_id, face_result_id=face_row.id, source=e.source.value,
                engine=e.engine, engine_version=e.engine_version, dims=len(vector), vector=vector.tobytes(),
            ))
    return rows


@dataclass(frozen=True)
class StoredFace:
    """A stored face near a probe: whose record it is and how far (``kyc-desk face search``)."""

    verification_id: int
    source: FaceSource
    distance: float
    subject_name: str
    birth_date: dt.date | None
    verified_on: dt.date
    engine: str


@dataclass(frozen=True)
class DuplicateLead:
    """A lead of the duplicate-face check: ``code`` (:data:`SAME_FACE_OTHER_IDENTITY` or
    :data:`OTHER_FACE_SAME_IDENTITY`), the other record, the distance of the closest pair of faces, the
    threshold it was judged against and the engine — figures, never a verdict."""

    code: str
    verification_id: int
    other_verification_id: int
    distance: float
    threshold: float
    engine: str
    source: FaceSource  # this record's face in the closest pair
    other_source: FaceSource

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "verification_id": self.verification_id,
                "other_verification_id": self.other_verification_id, "distance": round(self.distance, 4),
                "threshold": self.threshold, "engine": self.engine, "source": self.source.value,
                "other_source": self.other_source.value}


@dataclass(frozen=True)
class _Gallery:
    """One engine's stored faces with, per row, the record, the image it came from and the identity."""

    stamp: tuple[int, int]
    faces: FaceGallery
    verification: NDArray[np.int64]
    source: tuple[str, ...]
    identity: NDArray[np.int64]  # equal numbers = same folded name and birth date


class FaceIndexStore:
    """The face-embedding part of the record store."""

    _engine: Engine
    _gallery_lock: threading.Lock
    _galleries: dict[str, _Gallery]

    def _gallery(self, conn: Connection, match: MatchEngine) -> _Gallery:
        """The engine's stored faces, reloaded only when rows were added or removed since the last call
        (by any process: the key is the row count and the largest id, and ids are never reused)."""
        engine = match.name
        if not hasattr(self, "_galleries"):
            self._galleries, self._gallery_lock = {}, threading.Lock()
        raw = conn.exec_driver_sql(
            "SELECT count(*), coalesce(max(id), 0) FROM face_embeddings WHERE engine = ?", (engine,)
        ).one()
        stamp = (int(raw[0]), int(raw[1]))
        with self._gallery_lock:
            cached = self._galleries.get(engine)
            if cached is not None and cached.stamp == stamp:
                return cached
        rows = conn.exec_driver_sql(
            "SELECT e.id, e.verification_id, e.source, e.dims, e.vector, c.name_key, c.birth_date"
            " FROM face_embeddings e JOIN verifications v ON v.id = e.verification_id"
            " JOIN clients c ON c.id = v.subject_id WHERE e.engine = ? ORDER BY e.id", (engine,)
        ).all()
        dims = {int(r[3]) for r in rows}
        if dims - {match.dims}:  # one engine, one size; anything else is a corrupt row, never guessed around
            raise ValueError(f"face embeddings of engine {engine} with sizes {sorted(dims)}, not {match.dims}")
        width = match.dims
        matrix = np.frombuffer(b"".join(bytes(r[4]) for r in rows), dtype=_DTYPE).reshape(len(rows), width)
        identities: dict[tuple[str, str | None], int] = {}
        identity = np.array([identities.setdefault((str(r[5]), r[6]), len(identities)) for r in rows],
                            dtype=np.int64)
        gallery = _Gallery(stamp, FaceGallery(matrix, np.array([int(r[0]) for r in rows], dtype=np.int64),
                                              match.metric),
                           np.array([int(r[1]) for r in rows], dtype=np.int64), tuple(str(r[2]) for r in rows),
                           identity)
        with self._gallery_lock:
            self._galleries[engine] = gallery
        return gallery

    @translate_errors
    def face_embeddings(self, verification_id: int) -> tuple[FaceEmbedding, ...]:
        """The stored embeddings of one verification (empty for records saved without them)."""
        with Session(self._engine) as session:
            rows = session.query(FaceEmbeddingRow).filter_by(verification_id=verification_id).order_by(
                FaceEmbeddingRow.id).all()
            return tuple(
                FaceEmbedding(FaceSource(r.source), r.engine,
                              tuple(float(v) for v in np.frombuffer(r.vector, dtype=_DTYPE)), r.engine_version)
                for r in rows
            )

    @translate_errors
    def nearest_faces(self, vector: Sequence[float] | NDArray[np.floating[Any]], *, engine: str,
                      limit: int = 10) -> list[StoredFace]:
        """The ``limit`` stored records whose faces (of ``engine``) are closest to ``vector``, closest first;
        one line per record (its closest face). ``vector`` must be that engine's embedding: an unknown
        engine raises :class:`~kyc_desk.errors.ConfigError`, a vector of another size ``ValueError``."""
        match = match_engine(engine)
        if np.asarray(vector).size != match.dims:
            raise ValueError(f"a {np.asarray(vector).size}-value face for engine {match.name} ({match.dims} values)")
        with self._engine.connect() as conn:
            g = self._gallery(conn, match)
            if len(g.faces) == 0:
                return []
            distances = g.faces.distances(np.asarray(vector))
            order = np.argsort(distances, kind="stable")
            best: dict[int, int] = {}  # verification → row of its closest face
            for row in order:
                best.setdefault(int(g.verification[row]), int(row))
                if len(best) >= limit:
                    break
            if not best:
                return []
            marks = ",".join(str(v) for v in best)
            people = {int(r[0]): r for r in conn.exec_driver_sql(
                "SELECT v.id, c.name, c.birth_date, v.verified_on FROM verifications v"
                f" JOIN clients c ON c.id = v.subject_id WHERE v.id IN ({marks})")}
        return [
            StoredFace(vid, FaceSource(g.source[row]), float(distances[row]), str(people[vid][1]),
                       _date(people[vid][2]), _date(people[vid][3]) or dt.date.min, match.name)
            for vid, row in best.items()
        ]

    @translate_errors
    def duplicate_leads(
        self, verification_id: int, *, thresholds: DuplicateThresholds | None = None
    ) -> list[DuplicateLead]:
        """The duplicate-face leads of one stored verification against every other stored record, closest
        first (empty when the record has no stored faces). Leads for a person, never a decision.

        Each engine's faces are compared only with that engine's faces, against that engine's
        :attr:`~kyc_desk.faces.engine.MatchEngine.duplicates` (``thresholds`` overrides them for every
        engine: for a desk re-measuring on its own data). Faces of an engine this desk does not know are
        skipped."""
        with self._engine.connect() as conn:
            found = conn.exec_driver_sql("SELECT 1 FROM verifications WHERE id = ?", (verification_id,)).first()
            if found is None:
                raise RecordNotFound(f"no verification {verification_id}")
            engines = [str(r[0]) for r in conn.exec_driver_sql(
                "SELECT DISTINCT engine FROM face_embeddings WHERE verification_id = ?", (verification_id,))]
            known = [MATCH_ENGINES[e] for e in engines if e in MATCH_ENGINES]
            if len(known) < len(engines):
                log.warning("duplicate-face check: faces of an unknown engine skipped (%s)",
                            ", ".join(sorted(set(engines) - set(MATCH_ENGINES))))
            galleries = {match: self._gallery(conn, match) for match in known}
        leads: list[DuplicateLead] = []
        for match, g in galleries.items():
            leads += _leads_in(g, verification_id, match.name, thresholds or match.duplicates)
        return sorted(leads, key=lambda lead: (lead.code, lead.distance, lead.other_verification_id))


def _leads_in(g: _Gallery, verification_id: int, engine: str, t: DuplicateThresholds) -> list[DuplicateLead]:
    """Both kinds of lead within one engine's faces (vectorised over every stored face)."""
    mine = np.flatnonzero(g.verification == verification_id)
    others = g.verification != verification_id
    if len(mine) == 0 or not others.any():
        return []
    my_identity = int(g.identity[mine[0]])
    # distances from each of this record's faces to every stored face: one row per own face
    d = np.stack([g.faces.distances(g.faces.vectors[i]) for i in mine])
    closest_own = np.argmin(d, axis=0)  # which own face is nearest to each stored face
    closest = d[closest_own, np.arange(d.shape[1])]
    leads = []
    # (a) only the faces within the threshold can make a lead (the closest of a record is among them);
    # (b) every face of the same identity counts (its record's closest pair decides), and they are few
    for code, rows, threshold in (
        (SAME_FACE_OTHER_IDENTITY, others & (g.identity != my_identity) & (closest <= t.same_face_at_most),
         t.same_face_at_most),
        (OTHER_FACE_SAME_IDENTITY, others & (g.identity == my_identity), t.different_face_at_least),
    ):
        per_record: dict[int, int] = {}
        for row in np.flatnonzero(rows):
            vid = int(g.verification[row])
            if vid not in per_record or closest[row] < closest[per_record[vid]]:
                per_record[vid] = int(row)
        for vid, row in per_record.items():
            hit = closest[row] <= threshold if code == SAME_FACE_OTHER_IDENTITY else closest[row] >= threshold
            if hit:
                leads.append(DuplicateLead(
                    code, verification_id, vid, float(closest[row]), threshold, engine,
                    FaceSource(g.source[mine[closest_own[row]]]), FaceSource(g.source[row]),
                ))
    return leads


def _date(value: object) -> dt.date | None:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
