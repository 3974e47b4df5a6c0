"""合成映像（テスト・デモ専用） — webcam-like frame sequences made from a real photo. TEST AND DEMO ONLY.

Nothing in the desk's real work uses this module. It exists because liveness must be tested on moving
faces and this project has, by rule, only real *still* photos (kyc_desk_testkit.samples) and no network. From one
real photo it makes:

- :func:`genuine_sequence` — the person doing a blink and/or a head turn. The face mesh of the photo is
  moved in 3-D (a rotation about a vertical axis behind the face, so the nose moves more than the cheeks
  and the background stays put: parallax) and the upper lids are pulled down onto the lower lids; the
  image follows by a piecewise-affine warp of the mesh triangles. Camera noise, a slight shake, exposure
  flicker and JPEG compression are added per frame, as a webcam's MJPEG stream has them.
- :func:`static_photo_attack` — one still image fed again and again (a photo instead of a camera).
- :func:`print_attack` — the photo printed on paper (ink contrast, paper texture, white margin) and held
  in front of the camera, moved by hand and tilted at the moments the challenge asks for a turn.
- :func:`screen_replay_attack` — any frame sequence (a still photo, or a recorded genuine clip doing the
  right challenge) shown on a phone screen and filmed: pixel grid and sub-pixel stripes aliased into moiré
  by the camera, a black bezel, glare, hand motion.

What it cannot show: real skin, real 3-D heads, real lighting, real cameras and real attackers. The
motion is synthetic and made by the same team that wrote the detectors; docs/faces.md says so next to
every figure measured on it. All randomness comes from the ``seed`` arguments, so a sequence is
reproducible.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kyc_desk.faces.capture import ImageSequenceSource
from kyc_desk.faces.detect import detect_faces
from kyc_desk.faces.errors import FramesUnusable
from kyc_desk.faces.images import RGB, ImageInput, load_rgb
from kyc_desk.faces.landmarks import (
    LEFT_IRIS,
    LEFT_LOWER_LID,
    LEFT_UPPER_LID,
    RIGHT_IRIS,
    RIGHT_LOWER_LID,
    RIGHT_UPPER_LID,
    Mesh,
    face_meshes,
)
from kyc_desk.faces.liveness.challenge import Action, Challenge

#: Points just above each upper lid (the lid crease); they follow the lid halfway, so the skin stretches.
RIGHT_CREASE = (247, 30, 29, 27, 28, 56, 190)
LEFT_CREASE = (467, 260, 259, 257, 258, 286, 414)

FRAME_SIZE = (640, 480)  # width, height of a webcam frame
TURN_DEGREES = 32.0


@dataclass(frozen=True)
class Keyframes:
    """Per-frame yaw (degrees, + = the person's left) and eye closure (0 open … 1 closed)."""

    yaw: NDArray[np.float64]
    closure: NDArray[np.float64]


def action_keyframes(actions: Sequence[Action], *, fps: float = 15.0, seed: int = 0) -> Keyframes:
    """A timeline doing ``actions`` in order: a short neutral lead-in, each action, pauses between them."""
    rng = np.random.default_rng(seed)

    def frames(seconds: float) -> int:
        return max(1, round(seconds * fps))

    yaw: list[float] = [0.0] * frames(0.5 + 0.2 * rng.random())
    closure: list[float] = [0.0] * len(yaw)
    for action in actions:
        if action is Action.BLINK:
            shape = [0.5, 1.0, 1.0, 0.6, 0.2]  # about a third of a second at 15 frames/s
            closure += shape
            yaw += [0.0] * len(shape)
        else:
            target = TURN_DEGREES * (1 if action is Action.TURN_LEFT else -1) * (0.9 + 0.2 * rng.random())
            go, hold = frames(0.45), frames(0.25)
            ramp = [target * (i + 1) / go for i in range(go)]
            path = ramp + [target] * hold + ramp[::-1][1:] + [0.0]
            yaw += path
            closure += [0.0] * len(path)
        pause = frames(0.3 + 0.2 * rng.random())
        yaw += [0.0] * pause
        closure += [0.0] * pause
    return Keyframes(np.array(yaw), np.array(closure))


def webcam_frame(photo: ImageInput, *, size: tuple[int, int] = FRAME_SIZE, face_width: int = 190) -> RGB:
    """The photo cropped and scaled as a webcam would see the person: face centred, about ``face_width`` wide."""
    import cv2

    rgb = load_rgb(photo)
    faces = detect_faces(rgb)
    if not faces:
        raise FramesUnusable("no face in the photo to animate")
    face = faces[0]
    scale = face_width / face.width
    width, height = size
    cx, cy = face.centre
    matrix = np.array([[scale, 0, width / 2 - cx * scale], [0, scale, height * 0.45 - cy * scale]])
    return np.ascontiguousarray(
        cv2.warpAffine(rgb, matrix, size, flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REFLECT)
    )


def genuine_sequence(
    photo: ImageInput, actions: Sequence[Action], *, fps: float = 15.0, seed: int = 0
) -> list[RGB]:
    """A bona fide presentation: the person in ``photo`` performing ``actions`` in front of a webcam."""
    base = webcam_frame(photo)
    meshes = face_meshes(base)
    if not meshes:
        raise FramesUnusable("no face mesh in the photo to animate")
    warper = _MeshWarper(base, meshes[0])
    keys = action_keyframes(actions, fps=fps, seed=seed)
    rng = np.random.default_rng(seed + 1)
    frames = []
    for yaw, closure in zip(keys.yaw, keys.closure, strict=True):
        shake = rng.normal(0, 0.6, 2)
        frame = warper.render(yaw=float(yaw), closure=float(closure), shift=(float(shake[0]), float(shake[1])))
        frames.append(_camera(frame, rng, gain=1 + rng.normal(0, 0.015)))
    return frames


def demo_source(
    challenge: Challenge, *, photo: ImageInput | None = None, seed: int = 0, loop: bool = False
) -> ImageSequenceSource:
    """A webcam stand-in for demo mode: a real sample photo performing ``challenge`` (takes a few seconds).

    ``photo`` defaults to the sample photo ``obama.jpg`` (kyc_desk_testkit.samples). Frames are made up front.
    """
    from kyc_desk_testkit.samples import sample_photo

    frames = genuine_sequence(photo if photo is not None else sample_photo("obama.jpg"), challenge.actions, seed=seed)
    return ImageSequenceSource(frames, loop=loop, fps=15.0)


def static_photo_attack(photo: ImageInput, *, frames: int = 30) -> list[RGB]:
    """A still image fed as every frame (identical frames, no sensor noise)."""
    base = webcam_frame(photo)
    return [base.copy() for _ in range(frames)]


def print_attack(photo: ImageInput, actions: Sequence[Action], *, fps: float = 15.0, seed: int = 0) -> list[RGB]:
    """A printed photo held to the camera, tilted about its vertical axis when a turn is asked for."""
    import cv2

    rng = np.random.default_rng(seed)
    content = webcam_frame(photo, size=(480, 600), face_width=220)
    paper = _print_on_paper(content, rng)
    keys = action_keyframes(actions, fps=fps, seed=seed)
    background = _office_background(FRAME_SIZE, rng)
    width, height = FRAME_SIZE
    out = []
    for yaw in keys.yaw:
        corners = _held_sheet_corners(paper.shape[1], paper.shape[0], width, height, tilt=float(yaw), rng=rng)
        source = _corners_of(paper)
        matrix = cv2.getPerspectiveTransform(source, corners)
        warped = cv2.warpPerspective(paper, matrix, FRAME_SIZE, flags=cv2.INTER_LINEAR)
        mask = cv2.warpPerspective(np.full(paper.shape[:2], 255, np.uint8), matrix, FRAME_SIZE)
        frame = np.where(mask[:, :, None] > 127, warped, background)
        out.append(_camera(frame, rng, gain=1 + rng.normal(0, 0.015)))
    return out


def screen_replay_attack(
    frames: Sequence[RGB], *, seed: int = 0, fine: bool = False, focused: bool = False, fill: float = 0.9,
    tilt: float = 0.0,
) -> list[RGB]:
    """Frames shown on a phone screen and filmed by the webcam (pixel grid moiré, bezel, glare, hand motion).

    ``fine=True`` imitates a denser screen (twice the pixels per face) filmed slightly out of focus (a
    softer lens): the grid barely survives, which is the case the moiré check is weakest against;
    ``focused=True`` keeps the dense screen in focus (the lens blur of the coarse screen).
    ``fill`` is the phone's size in the frame (0.9: the whole phone, bezel included, nearly fills the
    height). Above about 1.1 the phone is held so close that its bezel is outside the camera's view on
    every side; being closer, the camera then sees each screen pixel larger — the geometry of a real
    phone brought towards a lens, not a free choice. ``tilt`` turns the phone about its vertical axis by
    that many degrees for the whole clip (a screen held at an angle: perspective, one edge nearer).
    """
    import cv2

    rng = np.random.default_rng(seed)
    background = _office_background(FRAME_SIZE, rng)
    width, height = FRAME_SIZE
    screen_w, screen_h = (600, 800) if fine else (300, 400)  # screen pixels showing the clip
    lens_blur = 2.2 if fine and not focused else 0.7  # in magnified screen pixels
    bezel = 18
    out = []
    glare_x, glare_y = rng.uniform(0.2, 0.8), rng.uniform(0.2, 0.5)
    yy, xx = np.mgrid[0:height, 0:width]
    glare = (70 * np.exp(-(((xx - glare_x * width) / 120) ** 2 + ((yy - glare_y * height) / 80) ** 2)))[:, :, None]
    for frame in frames:
        shown = _on_screen(frame, screen_w, screen_h, lens_blur)
        phone = np.zeros((shown.shape[0] + 2 * bezel * 3, shown.shape[1] + 2 * bezel * 3, 3), np.uint8) + 12
        phone[bezel * 3 : bezel * 3 + shown.shape[0], bezel * 3 : bezel * 3 + shown.shape[1]] = shown
        corners = _held_sheet_corners(phone.shape[1], phone.shape[0], width, height, tilt=tilt, rng=rng, fill=fill)
        source = _corners_of(phone)
        matrix = cv2.getPerspectiveTransform(source, corners)
        warped = cv2.warpPerspective(phone, matrix, FRAME_SIZE, flags=cv2.INTER_LINEAR)
        mask = cv2.warpPerspective(np.full(phone.shape[:2], 255, np.uint8), matrix, FRAME_SIZE)
        inside = mask[:, :, None] > 127
        image = np.where(inside, warped, background).astype(np.float32) + glare * inside
        out.append(_camera(np.clip(image, 0, 255).astype(np.uint8), rng, gain=1.0))
    return out


class _MeshWarper:
    """Moves a photo's face mesh in 3-D and warps the photo to follow (piecewise affine over triangles)."""

    def __init__(self, image: RGB, mesh: Mesh) -> None:
        self.image = image
        height, width = image.shape[:2]
        self.mesh = mesh
        centre = mesh[:468, :2].mean(axis=0)
        face_width = float(mesh[:468, 0].max() - mesh[:468, 0].min())
        self.centre = centre
        self.face_width = face_width
        # A ring of head points (hair, ears, neck) around the mesh, and the fixed frame border.
        angles = np.linspace(0, 2 * math.pi, 24, endpoint=False)
        ring = np.stack([centre[0] + 0.85 * face_width * np.cos(angles),
                         centre[1] + 1.05 * face_width * np.sin(angles)], axis=1)
        border = [(x, y) for x in np.linspace(0, width - 1, 9) for y in (0, height - 1)]
        border += [(x, y) for y in np.linspace(0, height - 1, 7)[1:-1] for x in (0, width - 1)]
        self.ring = ring
        self.border = np.array(border, dtype=np.float64)
        self.source = np.vstack([mesh[:, :2], ring, self.border])
        self.triangles = _delaunay(self.source, width, height)
        self.pivot_z = float(mesh[:468, 2].mean()) + 0.75 * face_width
        self.mean_z = float(mesh[:468, 2].mean())

    def render(self, *, yaw: float, closure: float, shift: tuple[float, float]) -> RGB:
        import cv2

        theta = math.radians(yaw)
        face = self.mesh.copy()
        if closure > 0:
            for upper, lower, crease, iris in (
                (RIGHT_UPPER_LID, RIGHT_LOWER_LID, RIGHT_CREASE, RIGHT_IRIS),
                (LEFT_UPPER_LID, LEFT_LOWER_LID, LEFT_CREASE, LEFT_IRIS),
            ):
                # The lower lid rises a little, the upper lid comes down onto it, the crease follows.
                opening = self.mesh[list(lower), 1] - self.mesh[list(upper), 1]
                rise = opening * closure * 0.2
                drop = opening * closure * 0.8
                face[list(lower), 1] -= rise
                face[list(upper), 1] += drop
                face[list(crease), 1] += drop * 0.6
                face[list(iris), 1] += float(drop.mean()) * 0.5
        x = face[:, 0] - self.centre[0]
        z = face[:, 2] - self.pivot_z
        target_face = np.stack([self.centre[0] + x * math.cos(theta) - z * math.sin(theta), face[:, 1]], axis=1)
        rx = self.ring[:, 0] - self.centre[0]
        rz = self.mean_z - self.pivot_z + 0.35 * self.face_width
        target_ring = np.stack([self.centre[0] + rx * math.cos(theta) - rz * math.sin(theta), self.ring[:, 1]], axis=1)
        target = np.vstack([target_face, target_ring, self.border]) + np.array(shift)
        target[-len(self.border):] = self.border  # the frame edge does not move
        background = np.full(len(self.ring) + len(self.border), 1e9)
        depth = np.concatenate([z * math.cos(theta) + x * math.sin(theta), background])
        height, width = self.image.shape[:2]
        map_x, map_y = _backward_maps(self.source, target, self.triangles, depth, width, height)
        warped = cv2.remap(self.image, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
        return np.ascontiguousarray(warped)


def _delaunay(points: NDArray[np.float64], width: int, height: int) -> NDArray[np.int64]:
    import cv2

    subdiv = cv2.Subdiv2D((-1, -1, width + 2, height + 2))
    lookup: dict[tuple[float, float], int] = {}
    for i, (x, y) in enumerate(points):
        px, py = float(np.clip(x, 0, width - 1)), float(np.clip(y, 0, height - 1))
        lookup.setdefault((round(px, 3), round(py, 3)), i)
        subdiv.insert((px, py))
    triangles = []
    for t in subdiv.getTriangleList():
        idx = [lookup.get((round(float(t[k]), 3), round(float(t[k + 1]), 3))) for k in (0, 2, 4)]
        if all(i is not None for i in idx):
            triangles.append(idx)
    return np.array(triangles, dtype=np.int64)


def _backward_maps(
    source: NDArray[np.float64], target: NDArray[np.float64], triangles: NDArray[np.int64],
    depth: NDArray[np.float64], width: int, height: int,
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """For every output pixel, where to sample the input: the affine map of the target triangle it lies in.

    Computed on a half-resolution grid and interpolated (the maps are smooth inside triangles)."""
    import cv2

    half_w, half_h = (width + 1) // 2, (height + 1) // 2
    index = np.zeros((half_h, half_w), np.int32)
    order = np.argsort(-depth[triangles].mean(axis=1))  # far triangles first, near ones drawn over them
    matrices = np.zeros((len(triangles) + 1, 2, 3))
    matrices[0] = [[1, 0, 0], [0, 1, 0]]
    for n, t in enumerate(order, start=1):
        tri = triangles[t]
        dst, src = target[tri].astype(np.float32), source[tri].astype(np.float32)
        area = abs(float(np.cross(dst[1] - dst[0], dst[2] - dst[0])))
        if area < 1e-3:
            continue
        matrices[n] = cv2.getAffineTransform(dst, src)
        cv2.fillConvexPoly(index, np.round(dst / 2).astype(np.int32), (n,))
    yy, xx = (np.mgrid[0:half_h, 0:half_w] * 2).astype(np.float64)
    m = matrices[index]
    map_x = (m[:, :, 0, 0] * xx + m[:, :, 0, 1] * yy + m[:, :, 0, 2]).astype(np.float32)
    map_y = (m[:, :, 1, 0] * xx + m[:, :, 1, 1] * yy + m[:, :, 1, 2]).astype(np.float32)
    full = (half_w * 2, half_h * 2)
    map_x = cv2.resize(map_x, full, interpolation=cv2.INTER_LINEAR)[:height, :width]
    map_y = cv2.resize(map_y, full, interpolation=cv2.INTER_LINEAR)[:height, :width]
    return np.ascontiguousarray(map_x), np.ascontiguousarray(map_y)


def _camera(frame: RGB, rng: np.random.Generator, *, gain: float) -> RGB:
    """Sensor noise, exposure flicker and MJPEG compression, as a webcam adds them."""
    import cv2

    noisy = frame.astype(np.float64) * gain + rng.normal(0, 2.0, frame.shape)
    clipped = np.clip(noisy, 0, 255).astype(np.uint8)
    ok, encoded = cv2.imencode(".jpg", cv2.cvtColor(clipped, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 85])
    if not ok:  # pragma: no cover - OpenCV always encodes a valid array
        return clipped
    return np.ascontiguousarray(cv2.cvtColor(cv2.imdecode(encoded, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB))


def _print_on_paper(content: RGB, rng: np.random.Generator) -> RGB:
    """Ink on paper: compressed contrast, a warm cast, fibre texture and halftone grain, a white margin."""
    import cv2

    image = content.astype(np.float64)
    image = 28 + image * (205 / 255)  # ink cannot reach paper white or true black
    image *= np.array([1.02, 1.0, 0.94])
    height, width = image.shape[:2]
    fibre = cv2.GaussianBlur(rng.normal(0, 1, (height, width)), (0, 0), 3) * 6
    grain = rng.normal(0, 5, (height, width))
    image += (fibre + grain)[:, :, None]
    margin = 24
    paper = np.full((height + 2 * margin, width + 2 * margin, 3), 238.0)
    paper[margin : margin + height, margin : margin + width] = image
    return np.clip(paper, 0, 255).astype(np.uint8)


def _office_background(size: tuple[int, int], rng: np.random.Generator) -> RGB:
    """A plain, softly lit wall (what is behind a sheet or phone held up to the camera)."""
    width, height = size
    yy, xx = np.mgrid[0:height, 0:width]
    base = 150 + 30 * (xx / width) - 20 * (yy / height)
    wall = np.stack([base, base * 0.97, base * 0.9], axis=2) + rng.normal(0, 1.5, (height, width, 1))
    image: NDArray[np.uint8] = np.clip(wall, 0, 255).astype(np.uint8)
    return image


def _held_sheet_corners(
    src_w: int, src_h: int, width: int, height: int, *, tilt: float, rng: np.random.Generator, fill: float = 0.95
) -> NDArray[np.float32]:
    """Where the corners of a held sheet (or phone) land in the frame: hand shake, and a tilt about the
    vertical axis of ``tilt`` degrees (the near edge grows, the far edge shrinks: a homography)."""
    scale = fill * min(width / src_w, height / src_h)
    w, h = src_w * scale, src_h * scale
    cx, cy = width / 2 + rng.normal(0, 1.2), height / 2 + rng.normal(0, 1.2)
    squeeze = math.cos(math.radians(tilt))
    persp = 0.18 * math.sin(math.radians(tilt))  # the edge nearer the camera looks taller
    half_w = w * squeeze / 2
    left_h, right_h = h / 2 * (1 - persp), h / 2 * (1 + persp)
    corners = np.array([
        [cx - half_w, cy - left_h], [cx + half_w, cy - right_h],
        [cx + half_w, cy + right_h], [cx - half_w, cy + left_h],
    ], dtype=np.float32)
    return corners + rng.normal(0, 0.5, (4, 2)).astype(np.float32)


def _corners_of(image: NDArray[np.generic]) -> NDArray[np.float32]:
    height, width = image.shape[:2]
    return np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)


def _subpixels() -> NDArray[np.float32]:
    stripes = np.full((3, 3, 3), 0.3)
    for channel in range(3):
        stripes[:, channel, channel] = 1.0
    stripes[2, :, :] *= 0.75  # the darker row between pixel rows
    stripes /= stripes.mean(axis=(0, 1), keepdims=True)
    mask: NDArray[np.float32] = (stripes * np.array([0.95, 1.0, 1.06])).astype(np.float32)
    return mask


#: One screen pixel seen 3× magnified: R, G, B stripes with leakage, a darker gap row, a bluish white.
_SUBPIXELS = _subpixels()


def _on_screen(frame: RGB, screen_w: int, screen_h: int, lens_blur: float) -> RGB:
    """The frame as a phone screen emits it, magnified 3×: each pixel is an R, a G and a B stripe (with some
    leakage between them) above a darker row gap, so the camera's resampling aliases the grid into moiré.
    Brightness is kept; contrast drops a little and the white point turns bluish, as on a phone."""
    import cv2

    height, width = frame.shape[:2]
    scale = min(screen_w / width, screen_h / height)
    shown = cv2.resize(frame, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA)
    big = np.repeat(np.repeat(shown, 3, axis=0), 3, axis=1).astype(np.float32)
    emitted = (12 + big * 0.9) * np.tile(_SUBPIXELS, (shown.shape[0], shown.shape[1], 1))
    softened = cv2.GaussianBlur(emitted, (0, 0), lens_blur)  # the camera lens softens the grid
    return np.clip(softened, 0, 255).astype(np.uint8)
