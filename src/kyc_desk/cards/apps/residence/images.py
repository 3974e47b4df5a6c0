"""券面（表）イメージと顔画像 — the residence card's front image (TIFF/MMR) and colour photo (JPEG 2000).

The front image is the card face without its pre-printed parts and photo, stored as a bilevel TIFF
compressed with MMR (ITU-T T.6, "CCITT Group 4"). Pillow decodes Group 4 TIFF through libtiff; the
result is a 1-bit image the UI can show and PNG can store losslessly.

Both images are ``00``-padded to their fixed size on the card; the padding is part of what the check code
signs, so the raw values are kept for verification and only the *displayed* images are trimmed.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Final

from kyc_desk.cards.errors import MalformedData
from kyc_desk.imaging import ImageRefused, ImageUse, open_image, sniff

if TYPE_CHECKING:
    from PIL import Image

_J2K_EOC = b"\xff\xd9"


#: The front image: a bilevel MMR TIFF, 7000 bytes on the card (the software card's is 640×404).
FRONT_IMAGE_USE: Final = ImageUse(
    "residence card front image",
    formats=frozenset({"tiff"}),
    max_pixels=4_000_000,
    max_claimed_pixels=4_000_000,
    max_side=8192,
    tiff_compressions=frozenset({"group4"}),
)


def decode_front_image(tiff: bytes) -> Image.Image:
    """The front image as a 1-bit Pillow image; MalformedData unless it is an MMR (Group 4) TIFF."""
    if sniff(tiff) != "tiff":
        raise MalformedData("the front image is not a TIFF", ef="residence/DF1/EF01", tag=0xD0)
    try:
        return open_image(tiff, FRONT_IMAGE_USE)
    except ImageRefused as exc:
        raise MalformedData(
            f"the front image is refused: {exc.message}", ef="residence/DF1/EF01", tag=0xD0
        ) from exc


def front_image_png(tiff: bytes) -> bytes:
    """The front image as PNG bytes (lossless, shows in any viewer)."""
    out = io.BytesIO()
    decode_front_image(tiff).save(out, format="PNG")
    return out.getvalue()


def trim_padding(image: bytes) -> bytes:
    """Drop the ``00`` padding after an image's last byte (a JPEG 2000 codestream ends with ``FF D9``).

    If the data does not end with an end marker once the zeros are gone, it is returned unchanged, so
    nothing that might be image data is ever cut off (a TIFF may legitimately end in zeros: it is never
    trimmed; Pillow ignores bytes after its last directory).
    """
    stripped = image.rstrip(b"\x00")
    if stripped.endswith(_J2K_EOC):
        return stripped
    return image
