"""顔照合 — does the person in the selfie match the chip photo?

:func:`compare_faces` decodes both images, checks their quality, brings the probe (selfie or webcam frame)
to the chip photo's condition, embeds both faces and places their distance against
:class:`~kyc_desk.faces.thresholds.Thresholds`. The answer is a :class:`FaceMatch`: *match*, *no_match* or
*inconclusive*, always with reasons a person can read. It supports the scrivener's judgement and never
replaces it.

**Bringing the probe to the chip's condition.** Chip photos are small (a face about 45 pixels wide),
heavily compressed and often greyscale, while selfies are large and in colour. Comparing them as they are
adds a systematic gap to every same-person distance. The probe is therefore scaled so that its face is as
wide as the reference's, and made greyscale if the reference is greyscale. On the sample set this lowered
the median same-person distance from 0.541 to 0.508 against greyscale cards (0.496 to 0.489 against colour
ones) and widened the gap between the largest same-person and the smallest different-person distance from
0.079 to 0.092 (the benchmark reports both ways; ``condition=False`` turns it off).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from enum import StrEnum

import numpy as np

from kyc_desk.faces.detect import FaceBox
from kyc_desk.faces.embed import Embedding, embed_face, embedding_distance
from kyc_desk.faces.engine import MATCH_ENGINE, MatchEngine, Metric, match_engine
from kyc_desk.faces.images import RGB, ImageInput, load_rgb, to_grey
from kyc_desk.faces.quality import Quality, measure
from kyc_desk.faces.reasons import Reason, reason
from kyc_desk.faces.thresholds import Thresholds

log = logging.getLogger(__name__)


class MatchResult(StrEnum):
    """The three answers."""

    MATCH = "match"
    NO_MATCH = "no_match"
    INCONCLUSIVE = "inconclusive"


@dataclass(frozen=True)
class FaceMatch:
    """The outcome of one comparison.

    ``distance`` is the embedding distance (lower is more alike); ``score`` is the same figure as a
    similarity, ``1 − distance`` clipped to [0, 1] (higher is more alike), and ``threshold`` is the decision
    distance expressed the same way. Both are ``None`` if no comparison could be made. ``engine`` names the
    match engine whose scale and thresholds these are (:mod:`kyc_desk.faces.engine`).
    """

    result: MatchResult
    score: float | None
    threshold: float
    distance: float | None
    thresholds: Thresholds
    reference_quality: Quality
    probe_quality: Quality
    reasons: tuple[Reason, ...]
    conditioned: bool
    #: The two faces as measured (the probe's after conditioning), for the duplicate-face check; biometric
    #: data, never printed. ``None`` when no comparison was possible.
    reference_embedding: Embedding | None = field(default=None, repr=False, compare=False)
    probe_embedding: Embedding | None = field(default=None, repr=False, compare=False)
    engine: str = MATCH_ENGINE

    def to_dict(self) -> dict[str, object]:
        """The JSON document of ``kyc-desk face compare --json``."""
        return {
            "result": self.result.value,
            "engine": self.engine,
            "score": None if self.score is None else round(self.score, 4),
            "threshold": round(self.threshold, 4),
            "distance": None if self.distance is None else round(self.distance, 4),
            "band": {"match_at_most": self.thresholds.match_at_most,
                     "no_match_at_least": self.thresholds.no_match_at_least},
            "conditioned": self.conditioned,
            "quality": {"reference": self.reference_quality.to_dict(), "probe": self.probe_quality.to_dict()},
            "reasons": [r.to_dict() for r in self.reasons],
        }


@dataclass(frozen=True, repr=False)
class PreparedReference:
    """A chip photo analysed once, for comparing with several probes (e.g. successive webcam frames).

    Holds the quality, the face box and the embedding (``None`` if the photo is unusable) by ``engine``. The
    embedding is biometric data: keep it in memory for the session only; storing it is the records layer's
    decision.
    """

    quality: Quality
    face: FaceBox | None
    embedding: Embedding | None
    engine: str = MATCH_ENGINE

    def __repr__(self) -> str:  # never print the embedding
        return f"PreparedReference(usable={self.quality.usable})"


def prepare_reference(reference: ImageInput, *, engine: str | MatchEngine | None = None) -> PreparedReference:
    """Decode, check and embed the chip photo with ``engine`` (default: the default engine); raises
    ``ImageUnreadable`` for undecodable input."""
    chosen = match_engine(engine)
    rgb = load_rgb(reference)
    ref = measure(rgb, "reference")
    if not ref.quality.usable or ref.face is None:
        return PreparedReference(ref.quality, None, None, chosen.name)
    return PreparedReference(ref.quality, ref.face, embed_face(rgb, ref.face, chosen), chosen.name)


def compare_faces(
    reference: ImageInput | PreparedReference,
    probe: ImageInput,
    *,
    engine: str | MatchEngine | None = None,
    thresholds: Thresholds | None = None,
    condition: bool = True,
) -> FaceMatch:
    """Compare the chip photo ``reference`` with the selfie or webcam frame ``probe``.

    ``engine`` is the match engine (:func:`kyc_desk.faces.engine.match_engine`; default: a prepared
    reference's engine, else the default engine) and ``thresholds`` default to that engine's own.
    ``reference`` may be a :class:`PreparedReference` (from :func:`prepare_reference`) to skip its analysis
    when one chip photo is compared with many probes; it must have been prepared with the same engine.
    Raises :class:`~kyc_desk.faces.errors.ImageUnreadable` if either image cannot be decoded and
    :class:`~kyc_desk.faces.errors.ModelUnavailable` if the models are missing; an image that decodes but is
    unusable gives ``inconclusive`` with its reasons. Thread-safe (models run under one lock).
    """
    prepared = reference if isinstance(reference, PreparedReference) else None
    chosen = match_engine(engine if engine is not None or prepared is None else prepared.engine)
    if prepared is not None and prepared.engine != chosen.name:
        raise ValueError(f"a reference prepared with {prepared.engine} cannot be compared by {chosen.name}")
    thresholds = thresholds or chosen.thresholds
    probe_rgb = load_rgb(probe)
    ref = reference if isinstance(reference, PreparedReference) else prepare_reference(reference, engine=chosen)
    prb = measure(probe_rgb, "probe")
    quality_reasons = ref.quality.reasons + prb.quality.reasons
    if ref.embedding is None or ref.face is None or not prb.quality.usable or prb.face is None:
        return FaceMatch(MatchResult.INCONCLUSIVE, None, 1 - thresholds.decision, None, thresholds,
                         ref.quality, prb.quality, quality_reasons, conditioned=False, engine=chosen.name)
    conditioned = False
    if condition:
        probe_rgb, probe_face, conditioned = condition_probe(probe_rgb, prb.face, ref.face, ref.quality.greyscale)
    else:
        probe_face = prb.face
    probe_embedding = embed_face(probe_rgb, probe_face, chosen)
    extra: list[Reason] = []
    if ref.quality.greyscale and not prb.quality.greyscale and conditioned:
        extra.append(reason("greyscale", "reference"))
    match = decide(ref.embedding, probe_embedding, thresholds=thresholds, reference_quality=ref.quality,
                   probe_quality=prb.quality, extra_reasons=tuple(extra), conditioned=conditioned,
                   metric=chosen.metric)
    return replace(match, reference_embedding=ref.embedding, probe_embedding=probe_embedding, engine=chosen.name)


def decide(
    reference: Embedding,
    probe: Embedding,
    *,
    thresholds: Thresholds,
    reference_quality: Quality,
    probe_quality: Quality,
    extra_reasons: tuple[Reason, ...] = (),
    conditioned: bool = False,
    metric: Metric = "euclidean",
) -> FaceMatch:
    """Place the distance of two embeddings against the thresholds (the pure part of :func:`compare_faces`);
    ``metric`` is the engine's."""
    distance = embedding_distance(reference, probe, metric)
    if distance <= thresholds.match_at_most:
        result, verdict = MatchResult.MATCH, reason("similar", "comparison")
    elif distance >= thresholds.no_match_at_least:
        result, verdict = MatchResult.NO_MATCH, reason("dissimilar", "comparison")
    else:
        result, verdict = MatchResult.INCONCLUSIVE, reason("near_threshold", "comparison")
    log.info("face comparison: %s (distance %.3f)", result.value, distance)
    reasons = (verdict, *reference_quality.reasons, *probe_quality.reasons, *extra_reasons)
    return FaceMatch(result, float(np.clip(1 - distance, 0, 1)), 1 - thresholds.decision, distance, thresholds,
                     reference_quality, probe_quality, reasons, conditioned)


def condition_probe(probe: RGB, face: FaceBox, reference_face: FaceBox, greyscale: bool) -> tuple[RGB, FaceBox, bool]:
    """The probe scaled so its face is as wide as the reference's, greyscale if the reference is.

    Returns the new image, the face box in it, and whether anything changed. Probes whose face is already
    no larger than the reference's are not enlarged (that adds nothing).
    """
    import cv2

    changed = False
    scale = reference_face.width / face.width
    if scale < 0.9:
        probe = np.ascontiguousarray(cv2.resize(probe, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA))
        face = FaceBox(round(face.left * scale), round(face.top * scale), max(1, round(face.width * scale)),
                       max(1, round(face.height * scale)), face.score, face.detector, face.background)
        changed = True
    if greyscale:
        probe = to_grey(probe)
        changed = True
    return probe, face, changed
