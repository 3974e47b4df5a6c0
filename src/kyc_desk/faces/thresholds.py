"""照合の閾値 — where *match*, *no match* and *inconclusive* begin.

The score is the Euclidean distance between dlib ResNet embeddings. A single threshold would pretend to a
precision the model does not have on 2 kB chip photos, so there is a band around the decision distance in
which the engine says *inconclusive* and leaves the judgement to the scrivener's eyes::

    distance ≤ decision − margin        → match
    distance ≥ decision + margin        → no_match
    otherwise                           → inconclusive ("near_threshold")

How the defaults were chosen (docs/faces.md has the full table; ``python -m benchmarks.run faces``
re-measures it): on the sample set (chip-like greyscale and colour JPEG 2000 portraits of three photos of
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
    """Decision distance and half-width of the inconclusive band (dlib embedding distance)."""

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


DEFAULT_THRESHOLDS: Final = Thresholds()
