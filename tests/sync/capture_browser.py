"""Helpers of the capture-page tests: Debian's chromium through Playwright, a fake camera fed from a Y4M
clip made of real photos, and document photos composed from a real face photo.

The browser is the system's (``/usr/bin/chromium``, apt package ``chromium``); Playwright never downloads
one. Chromium's fake capture device plays the clip from its first frame when the page opens the camera
and loops it, for the rear and the front camera alike.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = os.environ.get("KYC_DESK_CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
#: Every browser wait is bounded; a step that hangs fails the test instead of the CI job.
STEP_MS = 30_000


def need_chromium() -> None:
    if not Path(CHROMIUM).is_file() and not shutil.which("chromium"):
        pytest.fail(f"{CHROMIUM} is missing: scripts/setup installs Debian's chromium package")


@contextlib.contextmanager
def chromium(clip: Path | None = None, *, camera_allowed: bool = True) -> Iterator[Browser]:
    """A headless chromium whose camera is ``clip`` (a Y4M file); ``camera_allowed=False`` denies it."""
    from playwright.sync_api import sync_playwright

    need_chromium()
    # --disable-dev-shm-usage: CI containers often have a small /dev/shm, which crashes the renderer
    args = ["--use-fake-device-for-media-stream", "--no-first-run", "--disable-gpu", "--mute-audio",
            "--disable-dev-shm-usage"]
    if os.geteuid() == 0:
        args.append("--no-sandbox")
    if clip is not None:
        args.append(f"--use-file-for-fake-video-capture={clip}")
    args.append("--use-fake-ui-for-media-stream" if camera_allowed else "--deny-permission-prompts")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=args, timeout=STEP_MS)
        try:
            yield browser
        finally:
            browser.close()


def phone_page(browser: Browser, **kwargs: Any) -> Any:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  locale="ja-JP", **kwargs)
    context.set_default_timeout(STEP_MS)
    return context.new_page()


def write_y4m(path: Path, frames: Sequence[np.ndarray], fps: int = 15) -> Path:
    """Frames (H×W×3 RGB, even sizes) as a YUV4MPEG2 4:2:0 clip (JPEG full-range YCbCr)."""
    height, width = frames[0].shape[:2]
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n".encode("ascii"))
        for rgb in frames:
            y, cb, cr = Image.fromarray(rgb).convert("YCbCr").split()
            out.write(b"FRAME\n")
            out.write(y.tobytes())
            half = (width // 2, height // 2)
            out.write(cb.resize(half, Image.Resampling.BOX).tobytes())
            out.write(cr.resize(half, Image.Resampling.BOX).tobytes())
    return path


def genuine_clip(path: Path, liveness: str, photo: str = "obama.jpg") -> Path:
    """One person (a real photo, animated by the face engine's test generator) doing ``liveness`` in
    order, with still lead-in and tail so that the page's recording starts and ends on a neutral face."""
    from kyc_desk.faces import parse_challenge
    from kyc_desk_testkit.faces.synth import genuine_sequence
    from kyc_desk_testkit.samples import sample_photo

    frames = genuine_sequence(sample_photo(photo), parse_challenge(liveness).actions, seed=3)
    # 3 s of lead-in: the recording starts when the page's start button is pressed, some time after the
    # camera (and so the clip) started; a busy machine's delay must still begin on a neutral face
    lead = [frames[0]] * 45
    tail = [frames[-1]] * 30
    # a still lead-in would be a run of identical frames: give it the sensor noise a camera has
    rng = np.random.default_rng(5)
    noisy = [np.clip(f.astype(np.int16) + rng.normal(0, 2.0, f.shape).astype(np.int16), 0, 255).astype(np.uint8)
             for f in [*lead, *frames, *tail]]
    return write_y4m(path, noisy)


def still_clip(path: Path, photo: str = "obama.jpg") -> Path:
    """A presentation attack: one still photo as every frame."""
    from kyc_desk_testkit.faces.synth import static_photo_attack
    from kyc_desk_testkit.samples import sample_photo

    return write_y4m(path, static_photo_attack(sample_photo(photo), frames=45))


def _face_crop(photo: str) -> Image.Image:
    from kyc_desk.faces.detect import detect_faces
    from kyc_desk.faces.images import load_rgb
    from kyc_desk_testkit.samples import sample_photo

    rgb = load_rgb(sample_photo(photo))
    face = detect_faces(rgb)[0]
    cx, cy = face.centre
    half = face.width * 0.95
    box = (max(0, int(cx - half)), max(0, int(cy - half * 1.3)), min(rgb.shape[1], int(cx + half)),
           min(rgb.shape[0], int(cy + half * 1.3)))
    return Image.fromarray(rgb).crop(box)


def document_photos(photo: str = "obama.jpg") -> dict[str, bytes]:
    """Front, back and thickness photos of an ID-1 card lying on a table, the front bearing ``photo``'s
    face (JPEG bytes, 1280×960)."""
    rng = np.random.default_rng(11)

    def table() -> Image.Image:
        base = np.full((960, 1280, 3), (78, 62, 50), np.float32) + rng.normal(0, 5, (960, 1280, 3))
        return Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))

    def card(front: bool) -> tuple[Image.Image, Image.Image]:
        im = Image.new("RGB", (960, 606), (226, 232, 238))
        draw = ImageDraw.Draw(im)
        draw.rectangle((0, 0, 959, 70), fill=(190, 214, 196))
        for i in range(6):  # lines of print
            right = 48 + (520 if front else 800) - 40 * (i % 3)
            draw.rectangle((48, 120 + i * 62, right, 146 + i * 62), fill=(40, 44, 52))
        if front:
            face = _face_crop(photo).resize((250, 330))
            im.paste(face, (660, 150))
        mask = Image.new("L", im.size, 0)
        ImageDraw.Draw(mask).rounded_rectangle((0, 0, 959, 605), radius=36, fill=255)
        return im, mask

    def jpeg(im: Image.Image) -> bytes:
        out = io.BytesIO()
        im.save(out, "JPEG", quality=90)
        return out.getvalue()

    shots = {}
    for name in ("front", "back"):
        bg = table()
        im, mask = card(name == "front")
        bg.paste(im, (160, 177), mask)
        shots[name] = jpeg(bg)
    bg = table()  # the card seen at a low angle: its face foreshortened, its edge a light band below it
    im, mask = card(True)
    ImageDraw.Draw(bg).rounded_rectangle((180, 380, 1100, 682), radius=30, fill=(200, 204, 210))
    bg.paste(im.resize((920, 290)), (180, 380), mask.resize((920, 290)))
    shots["thickness"] = jpeg(bg)
    return shots


def blurred(jpeg_bytes: bytes, radius: float = 6) -> bytes:
    out = io.BytesIO()
    Image.open(io.BytesIO(jpeg_bytes)).filter(ImageFilter.GaussianBlur(radius)).save(out, "JPEG", quality=90)
    return out.getvalue()


def with_glare(jpeg_bytes: bytes) -> bytes:
    im = Image.open(io.BytesIO(jpeg_bytes)).convert("RGB")
    spot = Image.new("L", im.size, 0)
    ImageDraw.Draw(spot).ellipse((420, 360, 700, 560), fill=255)
    im.paste((255, 255, 255), (0, 0), spot.filter(ImageFilter.GaussianBlur(12)))
    out = io.BytesIO()
    im.save(out, "JPEG", quality=90)
    return out.getvalue()


def cut_off(jpeg_bytes: bytes) -> bytes:
    """The same photo with the card's right edge outside the picture (camera moved to the right)."""
    im = Image.open(io.BytesIO(jpeg_bytes)).convert("RGB")
    shifted = Image.new("RGB", im.size, (78, 62, 50))
    shifted.paste(im, (260, 90))
    out = io.BytesIO()
    shifted.save(out, "JPEG", quality=90)
    return out.getvalue()
