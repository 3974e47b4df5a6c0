"""Card portraits: a real photo turned into the small JPEG 2000 image a card chip holds.

Chip photos are small: the driver's licence keeps a monochrome JPEG 2000 of about 2 kB, the My Number
card a greyscale one, the residence card a colour one (cards.md §A.4.3, §B.2, §C.3). Software cards
must hold the same kind of image, or the face engine and the UI would be tested on photos far better
than real chips give them.

The face is found with OpenCV's bundled Haar cascade (no download) to crop a passport-style portrait;
if none is found, the centre of the photo is used.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

#: Portrait size in pixels (width, height), 3:4 as on the cards.
DEFAULT_SIZE = (96, 128)


def _face_box(image: Image.Image) -> tuple[int, int, int, int] | None:
    import cv2
    import numpy as np

    grey = np.asarray(image.convert("L"))
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")  # type: ignore[attr-defined]
    faces = cascade.detectMultiScale(grey, scaleFactor=1.1, minNeighbors=5, minSize=(40, 40))
    if len(faces) == 0:
        return None
    x, y, w, h = max(faces, key=lambda f: f[2] * f[3])
    return int(x), int(y), int(w), int(h)


def crop_portrait(image: Image.Image) -> Image.Image:
    """Crop a 3:4 head-and-shoulders portrait around the largest face."""
    width, height = image.size
    box = _face_box(image)
    if box is None:
        cx, cy, face = width / 2, height / 2, min(width, height) / 2
    else:
        x, y, w, h = box
        cx, cy, face = x + w / 2, y + h / 2 + 0.1 * h, max(w, h)
    crop_w = min(face * 1.9, width)
    crop_h = min(crop_w * 4 / 3, height)
    crop_w = crop_h * 3 / 4
    left = min(max(cx - crop_w / 2, 0), width - crop_w)
    top = min(max(cy - crop_h / 2, 0), height - crop_h)
    return image.crop((round(left), round(top), round(left + crop_w), round(top + crop_h)))


def card_portrait(
    photo: Path | bytes,
    *,
    colour: bool = False,
    size: tuple[int, int] = DEFAULT_SIZE,
    max_bytes: int = 2048,
) -> bytes:
    """A JPEG 2000 codestream (``.j2k``) of the face in ``photo``, no larger than ``max_bytes``.

    ``colour=False`` gives greyscale (My Number card, driver's licence); ``True`` keeps colour (residence
    card). The compression is raised until the file fits.
    """
    source = Image.open(io.BytesIO(photo) if isinstance(photo, bytes) else photo)
    portrait = crop_portrait(source.convert("RGB")).resize(size, Image.Resampling.LANCZOS)
    if not colour:
        portrait = portrait.convert("L")
    ratio = 10.0
    while True:
        out = io.BytesIO()
        portrait.save(out, format="JPEG2000", irreversible=True, quality_mode="rates", quality_layers=[ratio])
        data = out.getvalue()
        if len(data) <= max_bytes or ratio > 400:
            if len(data) > max_bytes:
                raise ValueError(f"cannot compress the portrait below {max_bytes} bytes")
            return data
        ratio *= 1.25
