"""照合の閾値 — where *match*, *no match* and *inconclusive* begin, and where a stored face is a duplicate lead.

Every match engine has its own thresholds (:mod:`kyc_desk.faces.engine`): a figure means nothing outside
the engine that measured it. All engines report a *distance* (lower is more alike). For the dlib ResNet
engine (the default) the score is the Euclidean distance between its embeddings.

A single threshold would pretend to a precision the model does not have on 2 kB chip photos, so there is a
band around the decision distance in which the engine says *inconclusive* and leaves the judgement to the
scrivener's eyes::

    distance ≤ decision − margin        → match
    distance ≥ decision + margin        → no_match
    otherwise                           → inconclusive ("near_threshold")

How the dlib engine's thresholds were chosen (docs/faces.md has the full table; ``python -m benchmarks.run
faces`` re-measures it): on the sample set (chip-like greyscale and colour JPEG 2000 portraits of three photos of
one person and one of another, against selfie-like copies — rotated, darker, blurred, smaller,
recompressed — brought to the chip's condition), same-person distances ran from 0.46 to 0.56 and
different-person distances from 0.655 upward. dlib's published same-person threshold on photo pairs is
0.6; chip photos push genuine distances up towards it (photo-to-photo pairs of the same set lie at
0.34–0.44), so the decision stays at 0.60 and the band is ±0.05: the largest same-person distance lands in
*inconclusive*, not in *no_match*, and the closest different-person pair sits just beyond the band. One
identity pair cannot estimate error rates at these thresholds; the band is deliberately wide for that
reason, and a desk with its own consented data should re-measure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Thresholds:
    """Decision distance and half-width of the inconclusive band, in the engine's distance (the defaults
    are the dlib ResNet engine's)."""

    decision: float = 0.60
    margin: float = 0.05

    def __post_init__(self) -> None:
        if not (0 < self.margin < self.decision < 2):
            raise ValueError("thresholds must satisfy 0 < margin < decision < 2")

    @property
    def match_at_most(self) -> float:
        """Largest distance still judged a match."""
        return self.decision - self.margin

    @property
    def no_match_at_least(self) -> float:
        """Smallest distance judged a non-match."""
        return self.decision + self.margin


#: The default engine's (dlib ResNet) 1:1 thresholds; each engine carries its own (:mod:`.engine`).
DEFAULT_THRESHOLDS: Final = Thresholds()


@dataclass(frozen=True)
class DuplicateThresholds:
    """Where a stored face counts as a lead of the duplicate-face check, in the engine's distance (the
    defaults are the dlib ResNet engine's; :mod:`kyc_desk.faces.search`, docs/faces.md).

    ``same_face_at_most``: a stored face this close to a new one under *another* identity is reported as
    possibly the same person. It is stricter than the 1:1 match (0.55) because one new face is compared
    with every stored face: each extra face is another chance of a chance resemblance. On the sample set
    (six verifications with real photos, docs/faces.md), the closest pair of faces between two records of
    one person lay at 0.19–0.43 and between records of different people at 0.62–0.75.
    ``different_face_at_least``: an earlier record of the *same* identity whose faces are all at least this
    far from the new ones is reported as possibly a different person (the 1:1 *no match* limit, 0.65).
    """

    same_face_at_most: float = 0.50
    different_face_at_least: float = 0.65

    def __post_init__(self) -> None:
        if not (0 < self.same_face_at_most < self.different_face_at_least < 2):
            raise ValueError("duplicate thresholds must satisfy 0 < same_face_at_most < different_face_at_least < 2")
