"""顔特徴量 — align a face with dlib's 5-point model and embed it with dlib's ResNet.

The embedding is the 128-dimensional descriptor of ``dlib_face_recognition_resnet_model_v1``; two faces of
one person lie close together in Euclidean distance (dlib's authors use 0.6 as the same-person threshold
on photo pairs; our card-versus-selfie thresholds are in :mod:`kyc_desk.faces.thresholds`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kyc_desk.faces.detect import FaceBox, dlib_box
from kyc_desk.faces.images import RGB
from kyc_desk.faces.models import MODEL_LOCK, models

Embedding = NDArray[np.float64]


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
    """The 5-point alignment and the 128-d descriptor of one detected face."""
    import dlib

    left, top, right, bottom = dlib_box(rgb, face)
    m = models()
    with MODEL_LOCK:
        shape = m.shape5(rgb, dlib.rectangle(left, top, right, bottom))
        descriptor = m.resnet.compute_face_descriptor(rgb, shape, 0)
    points = tuple((float(shape.part(i).x), float(shape.part(i).y)) for i in range(shape.num_parts))
    return Alignment(points), np.asarray(descriptor, dtype=np.float64)


def embedding_distance(a: Embedding, b: Embedding) -> float:
    """Euclidean distance between two descriptors (0 = identical; dlib's scale)."""
    return float(np.linalg.norm(a - b))
