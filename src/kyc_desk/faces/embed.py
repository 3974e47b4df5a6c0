"""顔特徴量 — embed a detected face with the chosen match engine, and measure how far two embeddings lie.

:func:`embed_face` runs the engine's embedder (:attr:`~kyc_desk.faces.engine.MatchEngine.embedder`, loaded
on first use) and checks what it returns; :func:`embedding_distance` compares two embeddings in the engine's
metric. The default engine's embedder is :func:`dlib_embedding`: dlib's 5-point alignment and the
128-dimensional descriptor of ``dlib_face_recognition_resnet_model_v1``; two faces of one person lie close
together in Euclidean distance (dlib's authors use 0.6 as the same-person threshold on photo pairs; our
card-versus-selfie thresholds are the engine's, :mod:`kyc_desk.faces.engine`).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from kyc_desk.faces.detect import FaceBox, dlib_box
from kyc_desk.faces.images import RGB
from kyc_desk.faces.models import MODEL_LOCK, models

if TYPE_CHECKING:
    from kyc_desk.faces.engine import MatchEngine, Metric

Embedding = NDArray[np.float64]
Embedder = Callable[[RGB, FaceBox], Embedding]


@dataclass(frozen=True)
class Alignment:
    """The five points dlib aligns with: both corners of each eye and the base of the nose (pixels)."""

    points: tuple[tuple[float, float], ...]

    @property
    def interocular(self) -> float:
        """Distance between the eye centres (points 0–1 are one eye's corners, 2–3 the other's)."""
        p = np.array(self.points)
        return float(np.linalg.norm(p[0:2].mean(axis=0) - p[2:4].mean(axis=0)))


def align_and_embed(rgb: RGB, face: FaceBox) -> tuple[Alignment, Embedding]:
    """The 5-point alignment and the 128-d dlib descriptor of one detected face."""
    import dlib

    left, top, right, bottom = dlib_box(rgb, face)
    m = models()
    with MODEL_LOCK:
        shape = m.shape5(rgb, dlib.rectangle(left, top, right, bottom))
        descriptor = m.resnet.compute_face_descriptor(rgb, shape, 0)
    points = tuple((float(shape.part(i).x), float(shape.part(i).y)) for i in range(shape.num_parts))
    return Alignment(points), np.asarray(descriptor, dtype=np.float64)


def dlib_embedding(rgb: RGB, face: FaceBox) -> Embedding:
    """The dlib ResNet engine's embedder (:data:`kyc_desk.faces.engine.DLIB_RESNET`)."""
    return align_and_embed(rgb, face)[1]


@functools.cache
def _embedder(path: str) -> Embedder:
    module, _, function = path.partition(":")
    found: Embedder = getattr(importlib.import_module(module), function)
    return found


def embed_face(rgb: RGB, face: FaceBox, engine: MatchEngine) -> Embedding:
    """One detected face's embedding by ``engine``, checked to be the engine's size and finite (a model
    that answers otherwise is broken, and a wrong-sized vector must never reach a comparison or the store)."""
    vector = np.asarray(_embedder(engine.embedder)(rgb, face), dtype=np.float64).reshape(-1)
    if vector.shape != (engine.dims,) or not np.all(np.isfinite(vector)):
        raise ValueError(f"engine {engine.name} returned a malformed embedding")
    return vector


def embedding_distance(a: Embedding, b: Embedding, metric: Metric = "euclidean") -> float:
    """How far apart two embeddings of one engine lie (0 = identical, lower is more alike): the Euclidean
    distance (dlib's scale), or ``1 − cosine similarity`` (0–2) for engines that compare by angle."""
    if metric == "cosine":
        norms = float(np.linalg.norm(a) * np.linalg.norm(b))
        return 1.0 - (float(np.dot(a, b)) / norms if norms > 0 else 0.0)
    return float(np.linalg.norm(a - b))
