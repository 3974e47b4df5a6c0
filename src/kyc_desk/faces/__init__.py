"""顔照合エンジン — the face engine: match the chip photo to the person, check liveness, judge image quality.

No UI and no Qt. Models load lazily on first use (or with :func:`warm_up`, e.g. from a ``QThreadPool``
task), never at import time; every function may be called from any thread (model calls are serialised
by one lock). Images go in as numpy RGB arrays, encoded bytes (JPEG, PNG, JPEG 2000) or paths.

- :func:`compare_faces` → :class:`FaceMatch` (*match* / *no_match* / *inconclusive*, score, threshold,
  quality of both images, readable reasons)
- :func:`assess_quality` → :class:`Quality`
- :func:`check_liveness` with a :class:`Challenge` (:func:`make_challenge`, :func:`parse_challenge`) →
  :class:`LivenessResult`
- frame sources: :class:`CameraSource`, :class:`VideoFileSource`, :class:`ImageSequenceSource`,
  :func:`open_frames`

The results support the scrivener's judgement and never replace it. See docs/faces.md.
"""

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
