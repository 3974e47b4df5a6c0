"""画像の読み込み — turning what callers hand us into one RGB array.

Every public function of the face engine accepts an *image input*: a numpy array (H×W grey, H×W×3 RGB or
H×W×4 RGBA, ``uint8``), the bytes of an encoded image, or a path. Encoded images may be JPEG, PNG or JPEG 2000
(both the raw codestream ``.j2k`` that card chips hold and the ``.jp2`` box format); Pillow decodes all of
them. Anything else raises :class:`~kyc_desk.faces.errors.ImageUnreadable`, never a library exception.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import numpy as np
from numpy.typing import NDArray

from kyc_desk.faces.errors import ImageUnreadable
from kyc_desk.imaging import ImageRefused, ImageUse, open_image

if TYPE_CHECKING:
    from PIL import Image

#: What the face engine's functions accept as an image.
ImageInput: TypeAlias = "NDArray[np.uint8] | bytes | bytearray | memoryview | Path | str"
RGB: TypeAlias = NDArray[np.uint8]

#: Refuse images above this many pixels (a decompression bomb, or a scan nobody meant to compare). A JPEG
#: that claims up to this is decoded at a reduced scale to fit :data:`MAX_DECODED_PIXELS`.
MAX_PIXELS = 40_000_000
#: The most the face engine decodes: 8 megapixels (3264×2448), about 65 MB at the peak for an RGB PNG (the
#: decoded image and the RGB copy). A larger JPEG is decoded at 1/2, 1/4 or 1/8 scale to fit; face detection
#: works on 800 pixels a side anyway.
MAX_DECODED_PIXELS = 8_000_000
#: Smallest image side worth decoding (a chip photo is 96×128 or more).
MIN_SIDE = 16
#: Selfies, webcam frames and chip photos: what the face engine accepts through the image gate.
FACE_IMAGE = ImageUse(
    "face image",
    formats=frozenset({"jpeg", "png", "jpeg2000"}),
    max_pixels=MAX_DECODED_PIXELS,
    max_claimed_pixels=MAX_PIXELS,
    max_side=20_000,
    min_side=MIN_SIDE,
)
_EXIF_ORIENTATION = 0x0112

_UNREADABLE_EN = "the image could not be decoded (JPEG, PNG and JPEG 2000 are supported)"
_BAD_ARRAY_JA = "画像データの形式が正しくありません。"


def load_rgb(image: ImageInput) -> RGB:
    """The image as a C-contiguous ``H×W×3`` ``uint8`` RGB array (a copy; the caller's array is untouched)."""
    if isinstance(image, np.ndarray):
        return _from_array(image)
    if isinstance(image, bytes | bytearray | memoryview):
        return _decode(bytes(image))
    if isinstance(image, str | Path):
        try:
            data = Path(image).read_bytes()
        except OSError as exc:
            raise ImageUnreadable("the image file could not be read", ja="画像ファイルを読み込めませんでした。") \
                from exc
        return _decode(data)
    raise ImageUnreadable(f"unsupported image input type: {type(image).__name__}", ja="対応していない入力です。")


def _from_array(array: NDArray[np.generic]) -> RGB:
    if array.dtype != np.uint8:
        raise ImageUnreadable(f"image arrays must be uint8, not {array.dtype}", ja=_BAD_ARRAY_JA)
    if array.ndim == 2:
        array = np.repeat(array[:, :, None], 3, axis=2)
    elif array.ndim == 3 and array.shape[2] == 4:
        array = array[:, :, :3]
    elif array.ndim == 3 and array.shape[2] == 1:
        array = np.repeat(array, 3, axis=2)
    if array.ndim != 3 or array.shape[2] != 3:
        raise ImageUnreadable(f"image arrays must be H×W or H×W×3, not {array.shape}", ja=_BAD_ARRAY_JA)
    _check_size(array.shape[1], array.shape[0])
    return np.ascontiguousarray(array, dtype=np.uint8).copy()


def _check_size(width: int, height: int) -> None:
    if width < MIN_SIDE or height < MIN_SIDE:
        raise ImageUnreadable(
            f"the image is too small to contain a face ({width}×{height} pixels)",
            ja="画像が小さすぎます。",
        )
    if width * height > MAX_PIXELS:
        raise ImageUnreadable("the image is too large to process", ja="画像が大きすぎます。")


def _decode(data: bytes) -> RGB:
    """Through the image gate, then one RGB copy in numpy (converted in bands, oriented as EXIF says)."""
    if not data:
        raise ImageUnreadable("the image is empty", ja="画像が空です。")
    try:
        image = open_image(data, FACE_IMAGE)
        with image:
            orientation = _orientation(image)
            rgb = _rgb_copy(image)
    except ImageRefused as exc:
        # a size refusal says so; any other keeps the faces' own text ("could not read; JPEG, PNG, JPEG 2000")
        sized = exc.reason == "size"
        raise ImageUnreadable(exc.message, ja=exc.ja if sized else None) from exc
    except Exception as exc:  # Pillow's converters on a decoded but odd image (mode, palette)
        raise ImageUnreadable(_UNREADABLE_EN, ja=ImageUnreadable.default_ja) from exc
    return _oriented(rgb, orientation)


#: Rows converted to RGB at a time: the only copy beside the decoded image and the result.
_BAND_ROWS = 256


def _rgb_copy(image: Image.Image) -> RGB:
    """The decoded image as ``H×W×3`` ``uint8``, without a full-size intermediate RGB image."""
    width, height = image.size
    out = np.empty((height, width, 3), dtype=np.uint8)
    for top in range(0, height, _BAND_ROWS):
        band = image.crop((0, top, width, min(height, top + _BAND_ROWS)))
        out[top : top + band.height] = np.asarray(band if band.mode == "RGB" else band.convert("RGB"))
    return out


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(_EXIF_ORIENTATION, 1)
    except Exception:  # a broken EXIF block only loses the orientation hint
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _oriented(rgb: RGB, orientation: int) -> RGB:
    """``rgb`` turned upright as EXIF orientation ``orientation`` says (TIFF/EXIF values 1–8)."""
    if orientation == 1:
        return rgb
    sideways = orientation in (5, 6, 7, 8)  # stored on its side: swap the axes first
    turned = np.transpose(rgb, (1, 0, 2)) if sideways else rgb
    flip_rows = orientation in ((7, 8) if sideways else (3, 4))
    flip_cols = orientation in ((6, 7) if sideways else (2, 3))
    if flip_rows:
        turned = turned[::-1]
    if flip_cols:
        turned = turned[:, ::-1]
    return np.ascontiguousarray(turned)


def is_greyscale(rgb: RGB, *, tolerance: float = 4.0) -> bool:
    """True if the three channels are (nearly) equal everywhere, as in a monochrome chip photo."""
    sample = rgb[:: max(1, rgb.shape[0] // 128), :: max(1, rgb.shape[1] // 128)].astype(np.int16)
    spread = np.abs(sample[:, :, 0] - sample[:, :, 1]) + np.abs(sample[:, :, 1] - sample[:, :, 2])
    return float(spread.mean()) <= tolerance


def to_grey(rgb: RGB) -> RGB:
    """Luminance only (ITU-R BT.601 weights), still as three channels so every model accepts it."""
    import cv2

    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    return np.ascontiguousarray(np.repeat(grey[:, :, None], 3, axis=2))


def luminance(rgb: RGB) -> NDArray[np.uint8]:
    """The single-channel luminance image."""
    import cv2

    return np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
