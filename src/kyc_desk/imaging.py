"""画像の関所 — the one gate every untrusted image passes before Pillow decodes it.

Images reach the desk from chips (photos, the residence card's front image, the My Number card's
text images) and from strangers (selfie frames and document photos in remote submissions). Pillow
will open dozens of formats and raises whatever each plugin raises; an image that claims a huge size
costs memory before anything can refuse it. So every caller names an :class:`ImageUse` — the formats
that use allows and the size it needs — and :func:`open_image`:

1. sniffs the format from the signature and refuses anything not on the use's allow-list before Pillow
   sees it (Pillow is then told to try only that one plugin);
2. reads the size (and, for TIFF, the compression) from the header and refuses what is out of bounds
   *before* decoding;
3. decodes at the size needed: a JPEG larger than the use needs is decoded at 1/2, 1/4 or 1/8 scale by
   libjpeg itself (``draft``), other formats must fit as they are;
4. turns every failure of the decoder, whatever its type, into :class:`ImageRefused`.

The pixel limits are memory limits: a decoded image costs up to 4 bytes a pixel (CMYK, RGBA), a JPEG
2000 decode about 16 more inside OpenJPEG, so the limits below keep one decode well under 100 MB.
Callers translate :class:`ImageRefused` into their own layer's error with ``raise … from``.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from kyc_desk.errors import KycDeskError

if TYPE_CHECKING:
    from PIL import Image

ImageKind = Literal["jpeg", "png", "jpeg2000", "tiff"]
RefusalReason = Literal["format", "size", "decode"]

#: Pillow's plugin name for each kind (passed as ``formats=`` so no other plugin is tried).
_PILLOW_FORMAT: Final[dict[ImageKind, str]] = {
    "jpeg": "JPEG", "png": "PNG", "jpeg2000": "JPEG2000", "tiff": "TIFF",
}
#: The scales libjpeg can decode at directly (``Image.draft``).
_JPEG_SCALES: Final = (1, 2, 4, 8)


class ImageRefused(KycDeskError):
    """An untrusted image is not allowed for its use, out of bounds, or does not decode.

    ``reason`` says which: ``"format"`` (not on the use's allow-list), ``"size"`` (too large or too small
    for the use) or ``"decode"`` (the decoder failed), so a caller can word its own message.
    """

    default_ja = "画像を読み込めませんでした。"

    def __init__(self, message: str, *, ja: str | None = None, reason: RefusalReason = "decode") -> None:
        super().__init__(message, ja=ja)
        self.reason = reason


@dataclass(frozen=True)
class ImageUse:
    """What one use of untrusted images allows: formats, sizes and (for TIFF) compressions.

    ``max_pixels`` is the most the decoder may produce. ``max_claimed_pixels`` is the most a header may
    claim; it is larger only where the format decodes at a reduced scale (JPEG). ``max_jpeg2000_pixels``
    is lower because OpenJPEG holds 4 bytes per sample and component while it decodes.
    """

    name: str
    formats: frozenset[ImageKind]
    max_pixels: int
    max_claimed_pixels: int
    max_side: int
    min_side: int = 1
    max_jpeg2000_pixels: int = 2_000_000
    tiff_compressions: frozenset[str] = frozenset({"group4"})

    def __post_init__(self) -> None:
        if self.max_claimed_pixels < self.max_pixels:
            raise ValueError("max_claimed_pixels must be at least max_pixels")


#: Evidence images as the records keep them (chip photos in JPEG 2000, card images, selfies, MMR TIFF
#: scans): what the records view shows and the PDF prints.
EVIDENCE_IMAGE: Final = ImageUse(
    "evidence image",
    formats=frozenset({"jpeg", "png", "jpeg2000", "tiff"}),
    max_pixels=8_000_000,
    max_claimed_pixels=50_000_000,
    max_side=20_000,
)


def sniff(data: bytes) -> ImageKind | None:
    """The kind of image ``data`` holds, judged from its signature alone (``None`` if none we know)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\x4f\xff\x51") or data.startswith(b"\x00\x00\x00\x0cjP  \r\n\x87\n"):
        return "jpeg2000"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    return None


def open_image(data: bytes, use: ImageUse) -> Image.Image:
    """``data`` decoded (loaded, in its own mode) within ``use``'s limits; raises :class:`ImageRefused`."""
    from PIL import Image

    kind = sniff(data)
    if kind is None or kind not in use.formats:
        allowed = ", ".join(sorted(use.formats))
        raise ImageRefused(
            f"the {use.name} is not in an allowed format ({allowed})",
            ja="画像の形式に対応していません。",
            reason="format",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's notes on broken data: the refusal below says enough
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[_PILLOW_FORMAT[kind]])
            _check_header(image, kind, use)
            if kind == "jpeg":
                _draft_to_fit(image, use)
            image.load()
    except ImageRefused:
        raise
    except Exception as exc:  # Pillow's plugins raise many kinds (TypeError, OverflowError, …) on bad data
        raise ImageRefused(f"the {use.name} does not decode", ja="画像を復号できませんでした。") from exc
    width, height = image.size
    if width * height > use.max_pixels:  # the decoder gave more than the header promised
        raise ImageRefused(f"the {use.name} is too large", ja="画像が大きすぎます。", reason="size")
    return image


def _check_header(image: Image.Image, kind: ImageKind, use: ImageUse) -> None:
    width, height = image.size
    if min(width, height) < use.min_side:
        raise ImageRefused(
            f"the {use.name} is too small ({width}×{height} pixels)", ja="画像が小さすぎます。", reason="size"
        )
    limit = {"jpeg": use.max_claimed_pixels, "jpeg2000": min(use.max_pixels, use.max_jpeg2000_pixels)}.get(
        kind, use.max_pixels
    )
    if max(width, height) > use.max_side or width * height > limit:
        raise ImageRefused(
            f"the {use.name} is too large ({width}×{height} pixels)", ja="画像が大きすぎます。", reason="size"
        )
    if kind == "tiff":
        compression = image.info.get("compression")
        if compression not in use.tiff_compressions:
            raise ImageRefused(
                f"the {use.name} uses {compression!r} compression"
                f" (allowed: {', '.join(sorted(use.tiff_compressions))})",
                ja="画像の圧縮方式に対応していません。",
                reason="format",
            )
        if getattr(image, "n_frames", 1) != 1:
            raise ImageRefused(
                f"the {use.name} holds more than one page", ja="画像の形式に対応していません。", reason="format"
            )


def _draft_to_fit(image: Image.Image, use: ImageUse) -> None:
    """Ask libjpeg for the smallest reduction that brings the JPEG within ``use.max_pixels``."""
    width, height = image.size
    for scale in _JPEG_SCALES:
        reduced = (-(-width // scale), -(-height // scale))
        if reduced[0] * reduced[1] <= use.max_pixels:
            if scale > 1:
                image.draft(image.mode, reduced)
            return
    raise ImageRefused(
        f"the {use.name} is too large ({width}×{height} pixels)", ja="画像が大きすぎます。", reason="size"
    )
