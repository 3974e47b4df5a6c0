"""Reading exported PDFs back the way a person would: poppler's pdftotext and pdftoppm."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def pdf_text(path: Path) -> str:
    """The PDF's text with every run of whitespace folded to one space (table cells wrap anywhere)."""
    raw = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, timeout=60).stdout
    return re.sub(r"\s+", " ", raw.decode("utf-8"))


def pdf_text_compact(path: Path) -> str:
    """The text with all whitespace removed, for values a narrow cell wraps mid-word."""
    return re.sub(r"\s+", "", pdf_text(path))


def pdf_pages(path: Path, out: Path, *, dpi: int = 50) -> list[Path]:
    """Each page as a PNG (pdftoppm); the files in page order."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(path), str(out / "page")], check=True, capture_output=True, timeout=120
    )
    return sorted(out.glob("page-*.png"))


def pdf_fonts(path: Path) -> str:
    """pdffonts' table: each font with its embedded flag."""
    return subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, timeout=60).stdout.decode()
