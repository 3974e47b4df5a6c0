"""顔の重複検索 — the nearest stored faces to a new face, in one vectorised pass.

The duplicate-face check compares each new face with every face the desk has stored **by the same
engine** (a distance between two engines' embeddings means nothing). The stored embeddings of one engine
are one float32 matrix (one row per face) with their squared norms computed once; a probe's squared
distances to all rows are ``‖g‖² − 2·g·p + ‖p‖²`` — one matrix–vector product — and the ``k`` smallest are
picked with a partial sort. An engine that compares by angle (``metric="cosine"``) has its rows normalised
once and gets ``1 − ĝ·p̂`` from the same product. On 100,000 faces of 128 values this is a 51 MB matrix and
a few milliseconds of BLAS (benchmarks/bench_face_search.py; docs/benchmarks.md).

What a hit means (each engine's :class:`~kyc_desk.faces.thresholds.DuplicateThresholds`) is a lead for a
person to look at, never a decision.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from kyc_desk.faces.embed import Embedding
    from kyc_desk.faces.engine import MatchEngine, Metric
    from kyc_desk.faces.images import ImageInput
    from kyc_desk.faces.quality import Quality

Matrix = NDArray[np.float32]


#: A chip photo's face is about 45 pixels wide (docs/faces.md); a face searched for on its own is brought to
#: that size and to greyscale, the condition most stored faces are in (the live captures are stored as they
#: were compared: brought to their chip photo's condition).
CHIP_FACE_WIDTH: Final = 45


def search_embedding(image: ImageInput, engine: str | MatchEngine | None = None) -> tuple[Quality, Embedding | None]:
    """The embedding by ``engine`` (default: the default engine) to search that engine's stored faces with,
    from any face image (chip photo or selfie), with its quality (the chip photo's limits, since it may be
    one); ``None`` if no usable face was found.

    On the sample set, a full-size colour photo searched as it is lay 0.05–0.10 further from the same
    person's stored faces than the same photo brought to the chip's size in greyscale."""
    from kyc_desk.faces.compare import condition_probe
    from kyc_desk.faces.detect import FaceBox
    from kyc_desk.faces.embed import embed_face
    from kyc_desk.faces.engine import match_engine
    from kyc_desk.faces.images import load_rgb
    from kyc_desk.faces.quality import measure

    chosen = match_engine(engine)
    rgb = load_rgb(image)
    found = measure(rgb, "reference")
    if not found.quality.usable or found.face is None:
        return found.quality, None
    chip_sized = FaceBox(0, 0, CHIP_FACE_WIDTH, CHIP_FACE_WIDTH, 1.0, "nominal")
    rgb, face, _ = condition_probe(rgb, found.face, chip_sized, greyscale=True)
    return found.quality, embed_face(rgb, face, chosen)


class FaceGallery:
    """Stored embeddings of one engine as one matrix, searchable by that engine's distance (``metric``:
    Euclidean, or ``1 − cosine similarity``).

    ``labels`` gives each row's owner (the records layer uses the embedding row id). Immutable after
    construction; build a new gallery when the stored set changes.
    """

    def __init__(self, vectors: Matrix, labels: NDArray[np.int64], metric: Metric = "euclidean") -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or len(labels) != len(vectors):
            raise ValueError("a gallery needs one label per row of a 2-D matrix")
        if metric == "cosine":  # unit rows once, so a search is one product (a zero row stays zero)
            lengths = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors = np.ascontiguousarray(vectors / np.where(lengths > 0, lengths, 1), dtype=np.float32)
        self.metric: Metric = metric
        self.vectors = vectors
        self.labels = np.asarray(labels, dtype=np.int64)
        self._norms = np.einsum("ij,ij->i", vectors, vectors)

    def __len__(self) -> int:
        return len(self.vectors)

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def distances(self, probe: NDArray[np.floating[Any]]) -> NDArray[np.float32]:
        """The distance from ``probe`` to every stored face (row order), in the gallery's metric."""
        p = np.asarray(probe, dtype=np.float32).reshape(-1)
        if len(self) == 0:
            return np.zeros(0, dtype=np.float32)
        if p.shape[0] != self.dims:
            raise ValueError(f"a {p.shape[0]}-value probe against a gallery of {self.dims}-value faces")
        if self.metric == "cosine":
            length = np.float32(np.linalg.norm(p))
            cosine: NDArray[np.float32] = self.vectors @ (p / length if length > 0 else p)
            return np.clip(np.float32(1.0) - cosine, 0.0, 2.0, out=cosine)
        squared: NDArray[np.float32] = self._norms - 2.0 * (self.vectors @ p) + np.float32(p @ p)
        np.maximum(squared, 0.0, out=squared)  # rounding can dip a zero distance just below 0
        return np.sqrt(squared, out=squared)

    def nearest(self, probe: NDArray[np.floating[Any]], k: int) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """The labels and distances of the ``k`` stored faces closest to ``probe``, closest first."""
        d = self.distances(probe)
        if k <= 0 or len(d) == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        k = min(k, len(d))
        part = np.argpartition(d, k - 1)[:k] if k < len(d) else np.arange(len(d))
        order = part[np.argsort(d[part], kind="stable")]
        return self.labels[order], d[order]
