"""Photos into Qt images: chip photos are JPEG 2000, which Qt cannot decode, so Pillow decodes them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QImage

from kyc_desk.errors import KycDeskError
from kyc_desk.imaging import EVIDENCE_IMAGE, ImageRefused, open_image

if TYPE_CHECKING:
    from PIL import Image


class ImageUnreadable(KycDeskError):
    """A photo's bytes do not decode as an image."""

    default_ja = "画像を読み込めません。"


def qimage_from_pil(image: Image.Image) -> QImage:
    """A deep copy of a Pillow image as a QImage (RGB888; greyscale photos are expanded)."""
    rgb = image.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    return QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()


def qimage_from_bytes(data: bytes) -> QImage:
    """Decode JPEG, PNG, JPEG 2000 (chip photos) or MMR TIFF bytes; raises :class:`ImageUnreadable`."""
    try:
        with open_image(data, EVIDENCE_IMAGE) as image:
            return qimage_from_pil(image)
    except ImageRefused as exc:
        raise ImageUnreadable("The image data does not decode.") from exc


def jpeg_bytes(image: QImage, quality: int = 92) -> bytes:
    """The image encoded as JPEG (what records store for the live photo)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, b"JPG", quality):
        raise ImageUnreadable("The image could not be encoded as JPEG.", ja="画像をJPEGに変換できません。")
    return bytes(array.data())
