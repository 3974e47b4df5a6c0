"""受動的な偽装検知 — signs of a photo or a screen held up to the camera, whatever the person does.

Four measures, each explained where it is computed:

- **rigid planar motion** (:func:`planar_residual`): a face is a 3-D object; when a real head turns, the
  nose moves against the cheeks and no single homography maps one frame's landmarks onto another's. A
  printed photo or a phone screen is a plane, and a homography maps its landmarks almost exactly, however
  it is tilted.
- **screen pattern** (:func:`screen_pattern_score`): a screen is a grid of pixels and coloured
  sub-pixel stripes. Filmed by a camera it aliases into moiré: sharp, isolated peaks in the spatial
  frequency spectrum of the face, which skin does not have.
- **screen edge** (:func:`edge_sides`): a phone, tablet or sheet held up to the camera has edges — a bezel,
  a paper margin — that are long straight lines *in front of* the person's body: one crosses the whole
  width of the face below the chin, and others frame it above or beside. A real person occludes whatever
  is behind them, so no background line can run unbroken across the body below the chin. This does not
  depend on the screen's pixel grid: a screen dense or defocused enough not to alias into moiré must be
  held far enough from the camera for its edge to be in view; to crop the edge out, it must fill the view,
  which magnifies the grid again.
- **repeated frames**: a still image fed as video gives identical consecutive frames; a real camera never
  does (sensor noise alone changes every frame).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from kyc_desk.faces.landmarks import MOVING_POINTS, Mesh

#: Landmarks used for rigid fits: the 468 surface points minus lids, irises and lips.
RIGID_POINTS = np.array([i for i in range(468) if i not in MOVING_POINTS])
#: Side of the square face patch whose spectrum is examined.
PATTERN_SIZE = 128

#: The sides of the face on which :func:`edge_sides` looks for an edge.
EDGE_SIDES = ("below", "above", "left", "right")
#: Edges are looked for at half the frame's resolution: a bezel or paper edge is tens of pixels long at
#: any resolution, and Canny + Hough cost a quarter as much (≈3 ms instead of ≈12 ms on the 2-core machine).
EDGE_SCALE = 0.5
#: Canny thresholds (grey levels, after a σ = 0.7 px blur). A bezel against a wall or a paper margin against
#: a background differs by 50–200 grey levels; 40/100 keeps those edges and drops most skin texture.
EDGE_CANNY = (40, 100)
#: A line counts as an edge of a held screen or sheet if it is at least this many face widths long —
#: longer than any straight line of a face — and spans the face's whole width (height for a side edge).
EDGE_MIN_LENGTH = 1.2
#: Hough: votes needed, as a share of the face width; gaps bridged, in (half-resolution) pixels. A bezel's
#: edge after hand shake, perspective and JPEG is ragged by a pixel or two; 8 px bridges a small occlusion
#: (a finger) without joining unrelated segments.
EDGE_VOTES = 0.5
EDGE_MAX_GAP = 8
#: How far from horizontal (vertical) a line may lean and still count: a phone held at an angle.
EDGE_MAX_LEAN = 20.0
#: How far an edge must lie from the face: (below the chin, in face heights — the jaw line itself is not an
#: edge; beside the cheeks, in face widths; above the mesh's top, in face heights — the hairline).
EDGE_CLEARANCE = (0.15, 0.15, 0.10)


def planar_residual(reference: Mesh, current: Mesh) -> float:
    """RMS error of the best homography from ``reference`` to ``current`` rigid landmarks, in interocular units."""
    import cv2

    src = reference[RIGID_POINTS, :2].astype(np.float64)
    dst = current[RIGID_POINTS, :2].astype(np.float64)
    matrix, _ = cv2.findHomography(src, dst, 0)
    if matrix is None:
        return float("nan")
    projected = cv2.perspectiveTransform(src.reshape(-1, 1, 2), matrix).reshape(-1, 2)
    scale = float(np.linalg.norm(current[33, :2] - current[263, :2])) or 1.0
    return float(np.sqrt(((projected - dst) ** 2).sum(axis=1).mean()) / scale)


def screen_pattern_score(grey: NDArray[np.uint8], mesh: Mesh) -> float:
    """How strongly periodic the face's fine texture is (moiré from a filmed screen scores high).

    The inner face is cut out, resized to :data:`PATTERN_SIZE` pixels, stripped of its coarse shading, and
    windowed; in its Fourier spectrum each coefficient is divided by the median of its ring (the same
    spatial frequency), which flattens the natural 1/f fall-off. The score is the mean of the ten
    strongest such ratios in the mid-to-high frequency band: a few large, isolated peaks mean a
    periodic pattern.
    """
    import cv2

    xs, ys = mesh[:468, 0], mesh[:468, 1]
    x0, x1 = np.percentile(xs, [15, 85])
    y0, y1 = np.percentile(ys, [15, 85])
    height, width = grey.shape
    x0, y0 = int(max(0, x0)), int(max(0, y0))
    x1, y1 = int(min(width, x1)), int(min(height, y1))
    if x1 - x0 < 24 or y1 - y0 < 24:
        return 0.0
    patch = cv2.resize(grey[y0:y1, x0:x1], (PATTERN_SIZE, PATTERN_SIZE), interpolation=cv2.INTER_AREA)
    patch = np.asarray(patch, dtype=np.float64)
    patch = patch - cv2.GaussianBlur(patch, (0, 0), 4)
    window = np.outer(np.hanning(PATTERN_SIZE), np.hanning(PATTERN_SIZE))
    spectrum = np.abs(np.fft.fftshift(np.fft.fft2(patch * window)))
    return _peak_ratio(spectrum)


@functools.lru_cache(maxsize=4)
def _rings(size: int) -> tuple[NDArray[np.bool_], NDArray[np.intp], int, tuple[tuple[int, NDArray[np.intp]], ...]]:
    """The ring geometry of a ``size``² spectrum, computed once per size (it was rebuilt for every frame):
    the band mask, each band coefficient's ring, the largest ring, and the flat indices of every band ring."""
    yy, xx = np.mgrid[0:size, 0:size] - size // 2
    radius = np.hypot(xx, yy).astype(int)
    band = (radius >= 10) & (radius <= size // 2 - 4)
    flat = radius.ravel()
    rings = tuple((int(r), np.flatnonzero(flat == r)) for r in np.unique(radius[band]))
    return band, radius[band], int(radius.max()), rings


def _peak_ratio(spectrum: NDArray[np.float64]) -> float:
    band, band_radius, largest, rings = _rings(spectrum.shape[0])
    values = spectrum.ravel()
    ring_median = np.zeros(largest + 1)
    for r, where in rings:
        ring_median[r] = np.median(values[where]) + 1e-9
    ratios = spectrum[band] / ring_median[band_radius]
    top = np.sort(ratios)[-10:]
    return float(top.mean())


def edge_sides(grey: NDArray[np.uint8], mesh: Mesh) -> frozenset[str]:
    """On which sides of the face a long straight edge frames it (see the module docstring).

    Straight segments are found with Canny and a probabilistic Hough transform at :data:`EDGE_SCALE`;
    a segment counts for ``below``/``above`` if it is nearly horizontal (within :data:`EDGE_MAX_LEAN`),
    spans the face's whole width and lies clear of the chin/forehead, and for ``left``/``right`` (in the
    image) if it is nearly vertical, spans the face's whole height and lies clear of the cheeks.
    """
    import cv2

    height, width = grey.shape
    small = cv2.resize(grey, (round(width * EDGE_SCALE), round(height * EDGE_SCALE)), interpolation=cv2.INTER_AREA)
    xs, ys = mesh[:468, 0] * EDGE_SCALE, mesh[:468, 1] * EDGE_SCALE
    left, right, top, bottom = float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max())
    face_w, face_h = right - left, bottom - top
    if face_w < 8 or face_h < 8:
        return frozenset()
    edges = cv2.Canny(cv2.GaussianBlur(small, (0, 0), 0.7), *EDGE_CANNY)
    lines = cv2.HoughLinesP(edges, 1, np.pi / 180, threshold=max(8, round(EDGE_VOTES * face_w)),
                            minLineLength=round(EDGE_MIN_LENGTH * face_w), maxLineGap=EDGE_MAX_GAP)
    if lines is None:
        return frozenset()
    below, beside, above = EDGE_CLEARANCE
    found = set()
    for x0, y0, x1, y1 in lines[:, 0].astype(np.float64):
        lean = abs(np.degrees(np.arctan2(y1 - y0, x1 - x0))) % 180
        lean = min(lean, 180 - lean)  # 0 = horizontal, 90 = vertical
        if lean <= EDGE_MAX_LEAN and min(x0, x1) <= left and max(x0, x1) >= right:
            middle = (y0 + y1) / 2
            if middle > bottom + below * face_h:
                found.add("below")
            elif middle < top - above * face_h:
                found.add("above")
        elif lean >= 90 - EDGE_MAX_LEAN and min(y0, y1) <= top and max(y0, y1) >= bottom:
            middle = (x0 + x1) / 2
            if middle < left - beside * face_w:
                found.add("left")
            elif middle > right + beside * face_w:
                found.add("right")
    return frozenset(found)


def framed(sides: frozenset[str]) -> bool:
    """Whether edges frame the face like a held screen or sheet: one below the chin and two more sides.

    The edge below is required because it is the one a real scene cannot produce (the body hides what is
    behind it); a door or window frame behind a person gives the other three.
    """
    return "below" in sides and len(sides) >= 3


def repeated_share(changes: Sequence[float | None], *, still: float = 0.25) -> float:
    """Share of consecutive frame pairs that are (almost) identical: mean grey change below ``still``."""
    known = [c for c in changes if c is not None]
    if not known:
        return 0.0
    return sum(c < still for c in known) / len(known)
