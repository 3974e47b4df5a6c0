"""Which engine measured a face result — the names and versions records store with each figure.

A stored face result names its engine and version so that a later reader knows what a figure means and
which thresholds it was judged against: the face match is the Euclidean distance between dlib ResNet
embeddings (lower is more alike, :mod:`.thresholds`), liveness is judged from MediaPipe landmarks.
"""

from __future__ import annotations

import functools
from importlib import metadata
from typing import Final

#: The face match: dlib's ResNet embedding (``dlib_face_recognition_resnet_model_v1``), compared by distance.
MATCH_ENGINE: Final = "kyc_desk.faces/dlib-resnet-v1"
#: Active liveness: MediaPipe face landmarks against the request's challenge.
LIVENESS_ENGINE: Final = "kyc_desk.faces/mediapipe-liveness"
#: What the match engine's figures are: an embedding distance (a match at or below the threshold).
MATCH_METRIC: Final = "distance"


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


@functools.cache
def engine_version(engine: str) -> str:
    """``kyc-desk <version>`` and the version of the library behind ``engine`` (read from the installed
    distributions, without importing them)."""
    from kyc_desk import __version__

    library = None
    if engine == MATCH_ENGINE:
        library = next((f"dlib {v}" for d in ("dlib", "dlib-bin") if (v := _version(d))), None)
    elif engine == LIVENESS_ENGINE:
        library = next((f"mediapipe {v}" for d in ("mediapipe",) if (v := _version(d))), None)
    return f"kyc-desk {__version__}" + (f"; {library}" if library else "")
