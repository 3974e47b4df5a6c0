"""顔のランドマーク — face-mesh points and what they tell: head pose and open eyes.

mediapipe's face mesh (``refine_landmarks=True``) gives 478 points: 468 on the face surface and 10 on the
irises. Each point has x, y in pixels and a relative depth z (same scale as x; smaller is nearer the
camera). The index tables below are the mesh's published topology; only the points used here are named.

Conventions (used by liveness too):

- **yaw** is positive when the person turns to *their own* left (their nose moves to the right of a raw,
  unmirrored camera image); **pitch** is positive when they look up.
- the **eye aspect ratio** (EAR) is the mean lid opening over the eye's width, averaged over both eyes:
  about 0.25–0.35 open, below 0.15 closed.
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
from numpy.typing import NDArray

from kyc_desk.faces.images import RGB
from kyc_desk.faces.models import models, run_graph

Mesh = NDArray[np.float64]  # (478, 3): x, y in pixels, z relative depth in pixels

#: Eye contour points per eye: outer corner, two upper-lid points, inner corner, two lower-lid points
#: (the order of the six-point EAR formula: p1, p2, p3, p4, p5, p6).
RIGHT_EYE_EAR: Final = (33, 160, 158, 133, 153, 144)  # the person's right eye (left in the image)
LEFT_EYE_EAR: Final = (362, 385, 387, 263, 373, 380)
#: Upper and lower lids, corner to corner, for warping (synth) and drawing.
RIGHT_UPPER_LID: Final = (246, 161, 160, 159, 158, 157, 173)
RIGHT_LOWER_LID: Final = (7, 163, 144, 145, 153, 154, 155)
LEFT_UPPER_LID: Final = (466, 388, 387, 386, 385, 384, 398)
LEFT_LOWER_LID: Final = (249, 390, 373, 374, 380, 381, 382)
RIGHT_IRIS: Final = (468, 469, 470, 471, 472)
LEFT_IRIS: Final = (473, 474, 475, 476, 477)
RIGHT_EYE_CORNERS: Final = (33, 133)
LEFT_EYE_CORNERS: Final = (362, 263)
#: Face outline at the cheeks (person's right, person's left), forehead top and chin, nose tip.
RIGHT_CHEEK: Final = 234
LEFT_CHEEK: Final = 454
FOREHEAD: Final = 10
CHIN: Final = 152
NOSE_TIP: Final = 1
#: Points that move with a blink or speech; left out of rigid-motion fits.
MOVING_POINTS: Final = frozenset(
    RIGHT_UPPER_LID + RIGHT_LOWER_LID + LEFT_UPPER_LID + LEFT_LOWER_LID + RIGHT_IRIS + LEFT_IRIS
    + (0, 13, 14, 17, 37, 39, 40, 61, 78, 80, 81, 82, 84, 87, 88, 91, 95, 146, 178, 181, 185, 191,
       267, 269, 270, 291, 308, 310, 311, 312, 314, 317, 318, 321, 324, 375, 402, 405, 409, 415)
)


def mesh_from_result(face_landmarks: object, width: int, height: int) -> Mesh:
    """A mediapipe ``NormalizedLandmarkList`` as a (478, 3) pixel array."""
    points = face_landmarks.landmark  # type: ignore[attr-defined]
    return np.array([(p.x * width, p.y * height, p.z * width) for p in points], dtype=np.float64)


def face_meshes(rgb: RGB) -> tuple[Mesh, ...]:
    """Face meshes of up to three faces in a still image (static mode)."""
    height, width = rgb.shape[:2]
    result = run_graph(models().mesh, rgb)
    return tuple(mesh_from_result(f, width, height) for f in result.multi_face_landmarks or ())


def eye_aspect_ratio(mesh: Mesh) -> float:
    """Mean eye aspect ratio of both eyes (lid opening over eye width)."""
    return (_ear(mesh, RIGHT_EYE_EAR) + _ear(mesh, LEFT_EYE_EAR)) / 2


def _ear(mesh: Mesh, idx: tuple[int, ...]) -> float:
    p = mesh[list(idx), :2]
    width = float(np.linalg.norm(p[0] - p[3]))
    if width <= 0:
        return 0.0
    return float(np.linalg.norm(p[1] - p[5]) + np.linalg.norm(p[2] - p[4])) / (2 * width)


def head_pose(mesh: Mesh) -> tuple[float, float]:
    """(yaw, pitch) in degrees, from the mesh's 3-D points (see the module docstring for the signs).

    Yaw is the angle of the cheek-to-cheek line in the x–z plane, pitch that of the forehead-to-chin line
    in the y–z plane. It is an estimate (mediapipe's depth is relative), good to a few degrees near frontal.
    """
    right, left = mesh[RIGHT_CHEEK], mesh[LEFT_CHEEK]
    top, chin = mesh[FOREHEAD], mesh[CHIN]
    yaw = math.degrees(math.atan2(left[2] - right[2], left[0] - right[0]))
    pitch = math.degrees(math.atan2(top[2] - chin[2], chin[1] - top[1]))
    return yaw, pitch


def interocular(mesh: Mesh) -> float:
    """Distance between the eye centres in pixels (the face's scale)."""
    right = mesh[list(RIGHT_EYE_CORNERS), :2].mean(axis=0)
    left = mesh[list(LEFT_EYE_CORNERS), :2].mean(axis=0)
    return float(np.linalg.norm(right - left))
