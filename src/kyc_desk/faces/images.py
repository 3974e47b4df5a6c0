"""画像の読み込み — turning what callers hand us into one RGB array.

Every public function of the face engine accepts an *image input*: a numpy array (H×W grey, H×W×3 RGB or
H×W×4 RGBA, ``uint8``), the bytes of an encoded image, or a path. Encoded images may be JPEG, PNG or JPEG 2000
(both the raw codestream ``.j2k`` that card chips hold and the ``.jp2`` box format); Pillow decodes all of
them. Anything else raises :class:`~kyc_desk.faces.errors.ImageUnreadable`, never a library exception.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray

from kyc_desk.faces.errors import ImageUnreadable

#: What the face engine's functions accept as an image.
ImageInput: TypeAlias = "NDArray[np.uint8] | bytes | bytearray | memoryview | Path | str"
RGB: TypeAlias = NDArray[np.uint8]

#: Refuse images above this many pixels (a decompression bomb, or a scan nobody meant to compare).
MAX_PIXELS = 40_000_000
#: Smallest image side worth decoding (a chip photo is 96×128 or more).
MIN_SIDE = 16

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
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not data:
        raise ImageUnreadable("the image is empty", ja="画像が空です。")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as opened:
                _check_size(*opened.size)
                opened.load()
                upright = ImageOps.exif_transpose(opened) or opened
                rgb = upright.convert("RGB")
    except ImageUnreadable:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise ImageUnreadable(_UNREADABLE_EN, ja=ImageUnreadable.default_ja) from exc
    return np.ascontiguousarray(np.asarray(rgb, dtype=np.uint8))


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
