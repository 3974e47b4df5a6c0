"""What every PDF the desk prints shares: the embedded Japanese font, A4 pages with a running footer,
text styles, label/value tables, and evidence images at print size (dates are the desk's own, through
:class:`~kyc_desk.export.pdf_words.Wording`).

Why an embedded TrueType font: reportlab's built-in CID font (HeiseiKakuGo-W5) is not embedded, and a
viewer without Adobe-Japan1 data shows empty boxes; IPAexGothic (Debian ``fonts-ipaexfont-gothic``) is
embedded as a subset and renders everywhere (platform.md, PDF). Noto CJK ``.ttc`` files do not load in
reportlab (PostScript outlines), so they are not a fallback.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final
from xml.sax.saxutils import escape

from kyc_desk.errors import KycDeskError
from kyc_desk.i18n import Lang
from kyc_desk.imaging import EVIDENCE_IMAGE, ImageRefused, open_image

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

FONT_NAME: Final = "IPAexGothic"
#: Where Debian's fonts-ipaexfont-gothic puts the font; ``KYC_DESK_PDF_FONT`` names another TrueType file.
FONT_CANDIDATES: Final = (
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
)
FONT_ENV: Final = "KYC_DESK_PDF_FONT"

#: Print resolution: images finer than this at their printed size are scaled down to it, never up.
PRINT_DPI: Final = 300


class PdfUnavailable(KycDeskError):
    """The PDF cannot be made on this machine (no Japanese font)."""

    default_ja = "PDFを作成できません。日本語フォント「IPAexゴシック」がインストールされていません。"


@functools.cache
def font_name() -> str:
    """Register the Japanese TrueType font once; its name for styles. Raises :class:`PdfUnavailable`."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    configured = os.environ.get(FONT_ENV)
    candidates = (configured,) if configured else FONT_CANDIDATES
    for candidate in candidates:
        if Path(candidate).is_file():
            try:
                pdfmetrics.registerFont(TTFont(FONT_NAME, candidate))
            except TTFError as exc:
                raise PdfUnavailable(f"the font {candidate} cannot be embedded") from exc
            return FONT_NAME
    raise PdfUnavailable("no Japanese TrueType font found (install fonts-ipaexfont-gothic)")


# --- styles and building blocks ------------------------------------------------------------------------


@dataclass(frozen=True)
class Styles:
    title: Any
    heading: Any
    subheading: Any
    body: Any
    small: Any
    cell: Any
    label: Any


@functools.cache
def styles() -> Styles:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    font = font_name()
    base = ParagraphStyle("kyc-body", fontName=font, fontSize=9.5, leading=13.5, wordWrap="CJK")
    return Styles(
        title=ParagraphStyle("kyc-title", parent=base, fontSize=16, leading=22, spaceAfter=4),
        heading=ParagraphStyle(
            "kyc-heading",
            parent=base,
            fontSize=11.5,
            leading=16,
            spaceBefore=8,
            spaceAfter=3,
            textColor=colors.HexColor("#1f3a5f"),
            keepWithNext=1,
        ),
        subheading=ParagraphStyle(
            "kyc-subheading",
            parent=base,
            fontSize=9.5,
            spaceBefore=4,
            spaceAfter=2,
            textColor=colors.HexColor("#1f3a5f"),
        ),
        body=base,
        small=ParagraphStyle("kyc-small", parent=base, fontSize=7.5, leading=10),
        cell=ParagraphStyle("kyc-cell", parent=base, fontSize=9, leading=12.5),
        label=ParagraphStyle("kyc-label", parent=base, fontSize=8.5, leading=12, textColor=colors.HexColor("#333333")),
    )


#: Printed in place of a character the font does not have, followed by its code point: the geta mark
#: Japanese printing uses for a missing glyph. A name written with 𠮷 (U+20BB7, not in IPAexGothic) must
#: not print as 吉 or as a blank, so the reader sees that the paper differs from the record and how.
MISSING_GLYPH: Final = "〓"


@functools.cache
def _font_characters() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(font_name()).face.charToGlyph)


def printable(text: str) -> str:
    """``text`` with every character the font cannot draw replaced by 〓 and its code point (``〓[U+20BB7]``)."""
    known = _font_characters()
    return "".join(ch if ord(ch) in known or ch in "\n\t" else f"{MISSING_GLYPH}[U+{ord(ch):04X}]" for ch in text)


def para(text: str, style: Any = None) -> Flowable:
    """A paragraph of plain text (escaped: names and notes are data, never markup; characters the font
    lacks are marked, :func:`printable`)."""
    from reportlab.platypus import Paragraph

    return Paragraph(escape(printable(text)).replace("\n", "<br/>"), style or styles().body)


def heading(text: str) -> Flowable:
    return para(text, styles().heading)


def field_table(rows: Iterable[tuple[str, str]], *, label_width: float = 48) -> Flowable:
    """Label/value rows as a ruled two-column table (``label_width`` in mm); an empty value prints as a dash,
    so a blank on paper is visibly blank rather than missing."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table

    s = styles()
    data = [[para(label, s.label), para(value if value else "—", s.cell)] for label, value in rows]
    table = Table(data, colWidths=[label_width * mm, CONTENT_WIDTH_MM * mm - label_width * mm])
    table.setStyle(_ruled(colors, label_column=True))
    return table


def grid_table(header: Sequence[str], rows: Iterable[Sequence[str]], widths_mm: Sequence[float]) -> Flowable:
    """A ruled table with a header row (repeated on each page)."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table

    s = styles()
    data = [[para(h, s.label) for h in header]] + [[para(c if c else "—", s.cell) for c in row] for row in rows]
    table = Table(data, colWidths=[w * mm for w in widths_mm], repeatRows=1)
    table.setStyle(_ruled(colors, label_column=False))
    return table


def _ruled(colors: Any, *, label_column: bool) -> Any:
    from reportlab.platypus import TableStyle

    shade = colors.HexColor("#eef2f7")
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8a97a8")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    commands.append(("BACKGROUND", (0, 0), (0, -1), shade) if label_column else ("BACKGROUND", (0, 0), (-1, 0), shade))
    return TableStyle(commands)


# --- images ------------------------------------------------------------------------------------------


def print_image(data: bytes, *, max_width_mm: float, max_height_mm: float) -> Flowable:
    """Evidence bytes as an image flowable at most this size, keeping proportions.

    JPEG is embedded as it was captured (no second lossy encoding); JPEG 2000 (chip photos), PNG and TIFF
    are decoded through the image gate and embedded losslessly. Pixels beyond :data:`PRINT_DPI` at the
    printed size are scaled away; smaller images are printed as they are (never invented detail).
    Raises :class:`~kyc_desk.imaging.ImageRefused` for bytes that do not decode.
    """
    from PIL import Image as PilImage
    from reportlab.lib.units import mm
    from reportlab.platypus import Image

    image = open_image(data, EVIDENCE_IMAGE)
    width, height = image.size
    scale = min(max_width_mm / width, max_height_mm / height)
    shown_w, shown_h = width * scale, height * scale
    most = (round(shown_w / 25.4 * PRINT_DPI), round(shown_h / 25.4 * PRINT_DPI))
    if data.startswith(b"\xff\xd8\xff") and image.mode in ("RGB", "L") and width <= most[0] * 2:
        source: Any = io.BytesIO(data)
    else:
        if width > most[0]:
            image = image.resize(most, PilImage.Resampling.LANCZOS)
        source = io.BytesIO()  # reportlab reads it back through Pillow and embeds the pixels losslessly
        image.convert("L" if image.mode in ("L", "1", "I;16") else "RGB").save(source, format="PNG", compress_level=1)
        source.seek(0)
    return Image(source, width=shown_w * mm, height=shown_h * mm)


def image_or_note(data: bytes, note: Callable[[], str], **size: float) -> Flowable:
    """The image, or a visible note where the stored bytes do not decode (the record still prints)."""
    try:
        return print_image(data, **size)
    except ImageRefused:
        return para(note(), styles().small)


# --- the page -----------------------------------------------------------------------------------------

PAGE_MARGIN_MM: Final = 16.0
CONTENT_WIDTH_MM: Final = 210.0 - 2 * PAGE_MARGIN_MM


def build_pdf(story: list[Flowable], *, title: str, author: str, footer: str, lang: Lang) -> bytes:
    """Lay ``story`` out on A4 pages with ``footer`` and the page number on each; the PDF's bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    font = font_name()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=PAGE_MARGIN_MM * mm,
        rightMargin=PAGE_MARGIN_MM * mm,
        topMargin=PAGE_MARGIN_MM * mm,
        bottomMargin=(PAGE_MARGIN_MM + 6) * mm,
        title=title,
        author=author,
        creator="KYC Desk",
        lang="ja-JP" if lang == "ja" else "en",
    )

    def on_page(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 7)
        page = f"{document.page}頁" if lang == "ja" else f"page {document.page}"
        canvas.drawString(PAGE_MARGIN_MM * mm, 10 * mm, footer)
        canvas.drawRightString((210 - PAGE_MARGIN_MM) * mm, 10 * mm, page)
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return out.getvalue()
