"""Render resources/icons/vp-desktop.svg to the PNG sizes, a Windows .ico and a macOS .icns.

Run once after changing the SVG (the results are committed, so a build needs no SVG tools):

    QT_QPA_PLATFORM=offscreen python installer/render_icons.py

Uses QtSvg from PySide6-Essentials (already a dependency) and Pillow for .ico/.icns.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def render(svg: Path, size: int, out: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"kon {out} niet schrijven")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    svg = ICONS / "vp-desktop.svg"
    for size in SIZES:
        render(svg, size, ICONS / "hicolor" / f"{size}x{size}" / "apps" / "vp-desktop.png")
    from PIL import Image

    biggest = Image.open(ICONS / "hicolor" / "512x512" / "apps" / "vp-desktop.png")
    biggest.save(ICONS / "vp-desktop.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    biggest.save(ICONS / "vp-desktop.icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
