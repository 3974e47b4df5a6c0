"""顔検出 — where the faces are in an image.

mediapipe's BlazeFace runs first, short range and full range, and their boxes are merged: the short-range
model is best on selfies and chip portraits, the full-range one finds the small face in a photo taken
from a few metres. dlib's HOG detector is the fallback when mediapipe finds nothing (it is slower on
large images, so they are scaled down first, and small chip portraits are upsampled).

Faces much smaller than the largest one (less than :data:`BYSTANDER_RATIO` of its width) are returned but
marked as background: a bystander far behind the client is not a second face in the selfie.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kyc_desk.faces.images import RGB
from kyc_desk.faces.models import MODEL_LOCK, models, run_graph

#: A face narrower than this share of the largest face counts as background.
BYSTANDER_RATIO = 0.4
#: Boxes overlapping more than this (intersection over union) are the same face.
SAME_FACE_IOU = 0.3
#: Longest image side handed to the HOG fallback.
HOG_MAX_SIDE = 800


@dataclass(frozen=True)
class FaceBox:
    """One detected face, in pixels of the image it was found in."""

    left: int
    top: int
    width: int
    height: int
    score: float
    detector: str  # "mediapipe" or "dlib_hog"
    background: bool = False

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def centre(self) -> tuple[float, float]:
        return self.left + self.width / 2, self.top + self.height / 2

    def iou(self, other: FaceBox) -> float:
        """Intersection over union with another box."""
        ix = max(0, min(self.right, other.right) - max(self.left, other.left))
        iy = max(0, min(self.bottom, other.bottom) - max(self.top, other.top))
        inter = ix * iy
        union = self.width * self.height + other.width * other.height - inter
        return inter / union if union else 0.0


def detect_faces(rgb: RGB) -> tuple[FaceBox, ...]:
    """Every face in the image, largest first; background faces are marked, not dropped."""
    height, width = rgb.shape[:2]
    found: list[FaceBox] = []
    m = models()
    with MODEL_LOCK:
        for detector in (m.detect_short, m.detect_full):
            result = run_graph(detector, rgb)
            for det in result.detections or ():
                box = det.location_data.relative_bounding_box
                left, top = round(box.xmin * width), round(box.ymin * height)
                right, bottom = round((box.xmin + box.width) * width), round((box.ymin + box.height) * height)
                left, top, right, bottom = max(0, left), max(0, top), min(width, right), min(height, bottom)
                if right - left < 4 or bottom - top < 4:
                    continue
                candidate = FaceBox(left, top, right - left, bottom - top, float(det.score[0]), "mediapipe")
                if not any(candidate.iou(kept) > SAME_FACE_IOU for kept in found):
                    found.append(candidate)
    if not found:
        found = list(_detect_hog(rgb))
    found.sort(key=lambda f: f.width * f.height, reverse=True)
    if not found:
        return ()
    largest = found[0].width
    return tuple(
        FaceBox(f.left, f.top, f.width, f.height, f.score, f.detector, background=f.width < BYSTANDER_RATIO * largest)
        for f in found
    )


def _detect_hog(rgb: RGB) -> tuple[FaceBox, ...]:
    import cv2

    height, width = rgb.shape[:2]
    scale = min(1.0, HOG_MAX_SIDE / max(height, width))
    small = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else rgb
    upsample = 2 if max(height, width) < 300 else (1 if max(height, width) < 700 else 0)
    m = models()
    with MODEL_LOCK:
        rects, scores, _ = m.hog.run(small, upsample, 0.0)
    return tuple(
        FaceBox(
            max(0, round(r.left() / scale)), max(0, round(r.top() / scale)),
            round(r.width() / scale), round(r.height() / scale), float(s), "dlib_hog",
        )
        for r, s in zip(rects, scores, strict=True)
    )


def dlib_box(rgb: RGB, face: FaceBox) -> tuple[int, int, int, int]:
    """The (left, top, right, bottom) box dlib's 5-point predictor expects for ``face``.

    The predictor was trained on HOG detector boxes, which are framed differently from mediapipe's. HOG is
    run again on a small crop around the face (fast); if it misses, mediapipe's box is mapped with the
    offsets measured on the sample photos (HOG boxes there were 0.93–1.13 times as wide and sat 1–15% of
    the height higher; we use the same width and 5% higher).
    """
    import cv2

    if face.detector == "dlib_hog":
        return face.left, face.top, face.right, face.bottom
    height, width = rgb.shape[:2]
    pad = face.width * 0.6
    x0, y0 = max(0, int(face.left - pad)), max(0, int(face.top - pad))
    x1, y1 = min(width, int(face.right + pad)), min(height, int(face.bottom + pad))
    crop = rgb[y0:y1, x0:x1]
    scale = 160.0 / max(face.width, 1)
    resized = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    m = models()
    with MODEL_LOCK:
        rects = m.hog(np.ascontiguousarray(resized), 0)
    if len(rects):
        cx, cy = (face.width / 2 + face.left - x0) * scale, (face.height / 2 + face.top - y0) * scale
        best = min(rects, key=lambda r: (r.center().x - cx) ** 2 + (r.center().y - cy) ** 2)
        return (
            round(best.left() / scale + x0), round(best.top() / scale + y0),
            round(best.right() / scale + x0), round(best.bottom() / scale + y0),
        )
    side = float(face.width)
    cx, cy = face.left + face.width / 2, face.top + face.height / 2 - 0.05 * face.height
    return round(cx - side / 2), round(cy - side / 2), round(cx + side / 2), round(cy + side / 2)
