"""Render the desk's SVG icon to the PNG sizes of the hicolor icon theme (installers/deb runs it).

Menus that cannot draw SVG pick the nearest PNG size; Qt's own SVG renderer (PySide6, already in the
locked environment) draws them, so the package needs no image tool of its own.
Usage: python installers/linux/render_icons.py ICON.svg OUT_DIR  → OUT_DIR/<n>x<n>/apps/kyc-desk.png
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: hicolor sizes desktop menus and launchers ask for.
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, out_dir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out_dir / f"{size}x{size}" / "apps" / "kyc-desk.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target)):  # the format follows the .png suffix
            raise SystemExit(f"could not write {target}")
        written.append(target)
    del app
    return written


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: render_icons.py ICON.svg OUT_DIR")
    for path in render(Path(sys.argv[1]), Path(sys.argv[2])):
        print(path)
