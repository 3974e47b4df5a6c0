"""Draw the desk's application icon (``kyc-desk.png``, 1024 × 1024) from shapes, without a font.

The icon is the same on every platform: PyInstaller turns the PNG into Windows' ``.ico`` and macOS' ``.icns``
with Pillow at build time (installers/kyc-desk.spec). An identity card with its chip and photo, and a check
badge: the desk checks identity cards. Run ``python installers/icons/draw.py`` to make it again.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 1024
NAVY = (31, 58, 104, 255)
CARD = (246, 248, 251, 255)
CHIP = (214, 170, 62, 255)
PHOTO = (150, 170, 196, 255)
LINE = (190, 200, 214, 255)
GREEN = (46, 160, 90, 255)
WHITE = (255, 255, 255, 255)


def draw() -> Image.Image:
    """The icon at full size (transparent corners)."""
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((40, 40, SIZE - 40, SIZE - 40), radius=190, fill=NAVY)
    # the card (ID-1 proportions, 85.6 × 54 mm)
    left, top, right, bottom = 150, 270, 874, 727
    pen.rounded_rectangle((left, top, right, bottom), radius=48, fill=CARD)
    pen.rounded_rectangle((200, 350, 330, 450), radius=18, fill=CHIP)
    for y in (383, 417):
        pen.line((200, y, 330, y), fill=NAVY, width=6)
    pen.line((265, 350, 265, 450), fill=NAVY, width=6)
    for y in (500, 560, 620):
        pen.rounded_rectangle((200, y, 560, y + 26), radius=13, fill=LINE)
    # the holder's photo
    pen.rounded_rectangle((630, 330, 824, 560), radius=20, fill=PHOTO)
    pen.ellipse((685, 360, 769, 444), fill=CARD)
    pen.pieslice((650, 450, 804, 620), start=180, end=360, fill=CARD)
    # the check badge
    pen.ellipse((640, 600, 900, 860), fill=GREEN, outline=NAVY, width=14)
    pen.line([(700, 730), (755, 785), (845, 675)], fill=WHITE, width=34, joint="curve")
    return image


if __name__ == "__main__":
    draw().save(Path(__file__).with_name("kyc-desk.png"), optimize=True)
