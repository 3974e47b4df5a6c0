"""画質の判定 — is this image good enough to compare a face?

Checks on each image, in this order: exactly one face (bystanders far smaller than the main face do not
count, see :mod:`~kyc_desk.faces.detect`), the face's size in pixels, exposure (mean luminance of the face
and the share of clipped pixels), sharpness (variance of the Laplacian), pose (yaw and pitch from the face
mesh) and open eyes (eye aspect ratio). Each failed check adds a :class:`~kyc_desk.faces.reasons.Reason`;
a *blocking* one makes the image unusable for a comparison.

Limits depend on the image's role: a chip photo (``reference``) is 96×128 pixels or so with a face about 45
pixels wide, which would be far too small for a selfie (``probe``). The limits are
:class:`QualityLimits` values, measured on the sample photos and their degraded copies; docs/faces.md
lists them with the measurements.

Sharpness is measured on the face resized to :data:`SHARPNESS_FACE_WIDTH` pixels, the scale at which the
embedding model sees it, so that it does not depend on the image's resolution.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Final, Literal

import numpy as np
from numpy.typing import NDArray

from kyc_desk.faces.detect import FaceBox, detect_faces
from kyc_desk.faces.images import RGB, ImageInput, is_greyscale, load_rgb, luminance
from kyc_desk.faces.landmarks import Mesh, eye_aspect_ratio, face_meshes, head_pose, interocular
from kyc_desk.faces.reasons import Reason, reason

Role = Literal["reference", "probe", "image"]

#: The face is resized to this width before the Laplacian is taken (dlib's aligned chip is 150 pixels).
SHARPNESS_FACE_WIDTH: Final = 150


@dataclass(frozen=True)
class QualityLimits:
    """Where each check draws its lines, for one role. Sizes are face-box widths in pixels."""

    face_too_small: float
    face_small: float
    too_dark: float = 40.0  # mean face luminance, 0–255
    dark: float = 70.0
    too_bright: float = 225.0
    clipped_share: float = 0.25  # share of face pixels at 250 or more
    too_blurry: float = 4.0  # variance of the Laplacian at SHARPNESS_FACE_WIDTH
    blurry: float = 12.0
    pose_extreme: float = 35.0  # degrees, yaw or pitch
    pose: float = 20.0
    eyes_closed: float = 0.12  # eye aspect ratio


#: Limits per role. Chip photos are small and soft by design, so only extreme values count against them.
LIMITS: Final[dict[str, QualityLimits]] = {
    "reference": QualityLimits(face_too_small=28, face_small=40, too_blurry=2.0, blurry=4.0),
    "probe": QualityLimits(face_too_small=40, face_small=80, too_blurry=5.0, blurry=20.0),
    "image": QualityLimits(face_too_small=28, face_small=60),
}


@dataclass(frozen=True)
class Quality:
    """The measurements and verdicts for one image. ``None`` means "not measured" (e.g. no face found)."""

    role: Role
    width: int
    height: int
    greyscale: bool
    face_count: int
    face_width: int | None
    interocular: float | None
    brightness: float | None  # mean luminance of the face (of the whole image if no face), 0–255
    clipped: float | None  # share of clipped (≤5 or ≥250) face pixels
    sharpness: float | None
    yaw: float | None
    pitch: float | None
    eye_aspect_ratio: float | None
    reasons: tuple[Reason, ...]

    @property
    def usable(self) -> bool:
        """True unless a blocking reason was found."""
        return not any(r.blocking for r in self.reasons)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (numbers rounded for humans)."""
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, float):
                data[key] = round(value, 3)
        data["reasons"] = [r.to_dict() for r in self.reasons]
        data["usable"] = self.usable
        return data


@dataclass(frozen=True)
class _Measured:
    quality: Quality
    face: FaceBox | None
    mesh: Mesh | None


def assess_quality(image: ImageInput, *, role: Role = "image") -> Quality:
    """Judge one image's quality for face comparison (raises ``ImageUnreadable`` for undecodable input)."""
    return measure(load_rgb(image), role).quality


def measure(rgb: RGB, role: Role) -> _Measured:
    """Run every check on a decoded image; also returns the main face and its mesh for reuse."""
    limits = LIMITS[role]
    height, width = rgb.shape[:2]
    grey = luminance(rgb)
    faces = [f for f in detect_faces(rgb) if not f.background]
    reasons: list[Reason] = []
    greyscale = is_greyscale(rgb)
    if not faces:
        brightness = float(grey.mean())
        reasons.append(reason("no_face", role))
        if brightness < limits.too_dark:
            reasons.append(reason("too_dark", role))
        elif brightness > limits.too_bright:
            reasons.append(reason("too_bright", role))
        quality = Quality(role, width, height, greyscale, len(faces), face_width=None, interocular=None,
                          brightness=brightness, clipped=None, sharpness=None, yaw=None, pitch=None,
                          eye_aspect_ratio=None, reasons=tuple(reasons))
        return _Measured(quality, None, None)
    face = faces[0]
    if len(faces) > 1:
        reasons.append(reason("multiple_faces", role))
    if face.width < limits.face_too_small:
        reasons.append(reason("face_too_small", role))
    elif face.width < limits.face_small:
        reasons.append(reason("face_small", role))
    if face.left <= 0 or face.top <= 0 or face.right >= width or face.bottom >= height:
        reasons.append(reason("face_cut_off", role))
    region = grey[face.top : face.bottom, face.left : face.right]
    brightness = float(region.mean())
    clipped_high = float((region >= 250).mean())
    clipped = float((region <= 5).mean()) + clipped_high
    if brightness < limits.too_dark:
        reasons.append(reason("too_dark", role))
    elif brightness < limits.dark:
        reasons.append(reason("dark", role))
    elif brightness > limits.too_bright or clipped_high > limits.clipped_share:
        reasons.append(reason("too_bright", role))
    sharpness = face_sharpness(grey, face)
    if sharpness < limits.too_blurry:
        reasons.append(reason("too_blurry", role))
    elif sharpness < limits.blurry:
        reasons.append(reason("blurry", role))
    mesh = _mesh_for(rgb, face)
    yaw = pitch = ear = eyes = None
    if mesh is not None:
        yaw, pitch = head_pose(mesh)
        ear = eye_aspect_ratio(mesh)
        eyes = interocular(mesh)
        turn = max(abs(yaw), abs(pitch))
        if turn > limits.pose_extreme:
            reasons.append(reason("pose_extreme", role))
        elif turn > limits.pose:
            reasons.append(reason("pose", role))
        if ear < limits.eyes_closed:
            reasons.append(reason("eyes_closed", role))
    quality = Quality(role, width, height, greyscale, len(faces), face_width=face.width, interocular=eyes,
                      brightness=brightness, clipped=clipped, sharpness=sharpness, yaw=yaw, pitch=pitch,
                      eye_aspect_ratio=ear, reasons=tuple(reasons))
    return _Measured(quality, face, mesh)


def face_sharpness(grey: NDArray[np.uint8], face: FaceBox) -> float:
    """Variance of the Laplacian of the inner face, resized to :data:`SHARPNESS_FACE_WIDTH` pixels."""
    import cv2

    # The inner face (eyes, nose, mouth): hair and background edges would dominate otherwise.
    x0, x1 = face.left + face.width // 6, face.right - face.width // 6
    y0, y1 = face.top + face.height // 6, face.bottom - face.height // 8
    region = grey[max(0, y0) : max(y0 + 1, y1), max(0, x0) : max(x0 + 1, x1)]
    if region.size < 16:
        return 0.0
    scale = SHARPNESS_FACE_WIDTH / face.width
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    resized = cv2.resize(region, None, fx=scale, fy=scale, interpolation=interpolation)
    return float(cv2.Laplacian(resized.astype(np.float64), cv2.CV_64F).var())


def _mesh_for(rgb: RGB, face: FaceBox) -> Mesh | None:
    """The face mesh of ``face`` (the mesh whose nose lies inside its box), if the mesh model finds it."""
    for mesh in face_meshes(rgb):
        x, y = mesh[1, 0], mesh[1, 1]
        if face.left <= x <= face.right and face.top <= y <= face.bottom:
            return mesh
    return None
