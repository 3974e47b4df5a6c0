"""顔照合エンジン — the face engine: match the chip photo to the person, check liveness, judge image quality.

No UI and no Qt. Models load lazily on first use (or with :func:`warm_up`, e.g. from a ``QThreadPool``
task), never at import time; every function may be called from any thread (model calls are serialised by
one lock). Images go in as numpy RGB arrays, encoded bytes (JPEG, PNG, JPEG 2000) or paths. The names below
load on first use (:mod:`kyc_desk._lazy`), so importing one light module — ``kyc_desk.faces.engine`` for
``doctor``, say — imports nothing else.

- :func:`compare_faces` → :class:`FaceMatch` (*match* / *no_match* / *inconclusive*, score, threshold,
  quality of both images, readable reasons)
- :func:`assess_quality` → :class:`Quality`
- :func:`check_liveness` with a :class:`Challenge` (:func:`make_challenge`, :func:`parse_challenge`) →
  :class:`LivenessResult`
- frame sources: :class:`CameraSource`, :class:`VideoFileSource`, :class:`ImageSequenceSource`,
  :func:`open_frames`

The results support the scrivener's judgement and never replace it. See docs/faces.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kyc_desk._lazy import lazy_names

if TYPE_CHECKING:
    from kyc_desk.faces.capture import (
        CameraSource,
        FrameSource,
        ImageSequenceSource,
        VideoFileSource,
        iter_frames,
        open_frames,
    )
    from kyc_desk.faces.compare import FaceMatch, MatchResult, PreparedReference, compare_faces, prepare_reference
    from kyc_desk.faces.errors import (
        CameraUnavailable,
        FaceError,
        FramesUnusable,
        ImageUnreadable,
        InvalidChallenge,
        ModelDamaged,
        ModelUnavailable,
    )
    from kyc_desk.faces.images import ImageInput, load_rgb
    from kyc_desk.faces.liveness import (
        Action,
        Challenge,
        LivenessCheck,
        LivenessLimits,
        LivenessResult,
        LivenessVerdict,
        check_liveness,
        make_challenge,
        parse_challenge,
    )
    from kyc_desk.faces.models import warm_up
    from kyc_desk.faces.quality import Quality, QualityLimits, assess_quality
    from kyc_desk.faces.reasons import Reason
    from kyc_desk.faces.thresholds import DEFAULT_THRESHOLDS, Thresholds

_WHERE: dict[str, str] = {
    "Action": "kyc_desk.faces.liveness",
    "CameraSource": "kyc_desk.faces.capture",
    "CameraUnavailable": "kyc_desk.faces.errors",
    "Challenge": "kyc_desk.faces.liveness",
    "DEFAULT_THRESHOLDS": "kyc_desk.faces.thresholds",
    "FaceError": "kyc_desk.faces.errors",
    "FaceMatch": "kyc_desk.faces.compare",
    "FrameSource": "kyc_desk.faces.capture",
    "FramesUnusable": "kyc_desk.faces.errors",
    "ImageInput": "kyc_desk.faces.images",
    "ImageSequenceSource": "kyc_desk.faces.capture",
    "ImageUnreadable": "kyc_desk.faces.errors",
    "InvalidChallenge": "kyc_desk.faces.errors",
    "LivenessCheck": "kyc_desk.faces.liveness",
    "LivenessLimits": "kyc_desk.faces.liveness",
    "LivenessResult": "kyc_desk.faces.liveness",
    "LivenessVerdict": "kyc_desk.faces.liveness",
    "MatchResult": "kyc_desk.faces.compare",
    "ModelDamaged": "kyc_desk.faces.errors",
    "ModelUnavailable": "kyc_desk.faces.errors",
    "PreparedReference": "kyc_desk.faces.compare",
    "Quality": "kyc_desk.faces.quality",
    "QualityLimits": "kyc_desk.faces.quality",
    "Reason": "kyc_desk.faces.reasons",
    "Thresholds": "kyc_desk.faces.thresholds",
    "VideoFileSource": "kyc_desk.faces.capture",
    "assess_quality": "kyc_desk.faces.quality",
    "check_liveness": "kyc_desk.faces.liveness",
    "compare_faces": "kyc_desk.faces.compare",
    "iter_frames": "kyc_desk.faces.capture",
    "load_rgb": "kyc_desk.faces.images",
    "make_challenge": "kyc_desk.faces.liveness",
    "open_frames": "kyc_desk.faces.capture",
    "parse_challenge": "kyc_desk.faces.liveness",
    "prepare_reference": "kyc_desk.faces.compare",
    "warm_up": "kyc_desk.faces.models",
}

__all__ = [
    "DEFAULT_THRESHOLDS",
    "Action",
    "CameraSource",
    "CameraUnavailable",
    "Challenge",
    "FaceError",
    "FaceMatch",
    "FrameSource",
    "FramesUnusable",
    "ImageInput",
    "ImageSequenceSource",
    "ImageUnreadable",
    "InvalidChallenge",
    "LivenessCheck",
    "LivenessLimits",
    "LivenessResult",
    "LivenessVerdict",
    "MatchResult",
    "ModelDamaged",
    "ModelUnavailable",
    "PreparedReference",
    "Quality",
    "QualityLimits",
    "Reason",
    "Thresholds",
    "VideoFileSource",
    "assess_quality",
    "check_liveness",
    "compare_faces",
    "iter_frames",
    "load_rgb",
    "make_challenge",
    "open_frames",
    "parse_challenge",
    "prepare_reference",
    "warm_up",
]

__getattr__ = lazy_names(__name__, _WHERE)
