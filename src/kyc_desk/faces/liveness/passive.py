"""受動的な偽装検知 — signs of a photo or a screen held up to the camera, whatever the person does.

Three measures, each explained where it is computed:

- **rigid planar motion** (:func:`planar_residual`): a face is a 3-D object; when a real head turns, the
  nose moves against the cheeks and no single homography maps one frame's landmarks onto another's. A
  printed photo or a phone screen is a plane, and a homography maps its landmarks almost exactly, however
  it is tilted.
- **screen pattern** (:func:`screen_pattern_score`): a screen is a grid of pixels and coloured
  sub-pixel stripes. Filmed by a camera it aliases into moiré: sharp, isolated peaks in the spatial
  frequency spectrum of the face, which skin does not have.
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


def repeated_share(changes: Sequence[float | None], *, still: float = 0.25) -> float:
    """Share of consecutive frame pairs that are (almost) identical: mean grey change below ``still``."""
    known = [c for c in changes if c is not None]
    if not known:
        return 0.0
    return sum(c < still for c in known) / len(known)
