#!/usr/bin/env python3
"""Make the Windows .ico (and the macOS .icns) from the project's icon at build time.

    python installer/windows/make_ico.py OUT.ico [--icns OUT.icns] [--icons resources/icons]

Source, in this order:
1. ``resources/icons/vp-desktop.svg`` (the bundle slice's icon), rendered with QtSvg at
   every size needed;
2. square PNGs under ``resources/icons/`` (any name; the size is read from the PNG header),
   the nearest larger one scaled down where a size is missing;
3. neither present: a PLACEHOLDER (a plain blue square with "VP") and a warning on stderr.

The .ico holds 16, 24, 32, 48, 64 and 128 px as 32-bit BMP images (what every part of
Windows, Inno Setup's SetupIconFile and WiX's Icon element read) and 256 px as PNG.
The .icns holds PNG images (icp4 … ic10: 16 … 1024 px).

Needs PySide6 (the build venv has it). Not part of the app.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = ((16, b"icp4"), (32, b"icp5"), (64, b"icp6"), (128, b"ic07"),
              (256, b"ic08"), (512, b"ic09"), (1024, b"ic10"))


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    # A QApplication (not just a QGuiApplication): when called inside a process that later
    # shows widgets (the test suite), the one application object must be the full one.
    return QApplication.instance() or QApplication([])


def _png_size(path: Path) -> tuple[int, int] | None:
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


class IconSource:
    """Renders the icon at any size as a QImage (ARGB32)."""

    def __init__(self, icons_dir: Path):
        _app()
        self.placeholder = False
        self.svg = icons_dir / "vp-desktop.svg"
        self.pngs: dict[int, Path] = {}
        if not self.svg.is_file():
            self.svg = None  # type: ignore[assignment]
            for path in sorted(icons_dir.rglob("*.png")) if icons_dir.is_dir() else []:
                size = _png_size(path)
                if size and size[0] == size[1]:
                    self.pngs.setdefault(size[0], path)
            self.placeholder = not self.pngs

    @property
    def description(self) -> str:
        if self.svg:
            return str(self.svg)
        if self.pngs:
            return f"{len(self.pngs)} PNG-bestanden"
        return "plaatsvervanger (geen pictogram in resources/icons)"

    def image(self, size: int):
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QColor, QFont, QImage, QPainter

        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        if self.svg:
            from PySide6.QtSvg import QSvgRenderer

            renderer = QSvgRenderer(str(self.svg))
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter, QRectF(0, 0, size, size))
            painter.end()
            return image
        if self.pngs:
            larger = [s for s in self.pngs if s >= size]
            chosen = min(larger) if larger else max(self.pngs)
            source = QImage(str(self.pngs[chosen]))
            return source.scaled(size, size, Qt.AspectRatioMode.IgnoreAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation
                                 ).convertToFormat(QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#1f5f8b"))
        margin = size / 16
        painter.drawRoundedRect(QRectF(margin, margin, size - 2 * margin, size - 2 * margin),
                                size / 6, size / 6)
        if size >= 24:
            font = QFont("DejaVu Sans")
            font.setBold(True)
            font.setPixelSize(max(8, int(size * 0.42)))
            painter.setFont(font)
            painter.setPen(QColor("white"))
            painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, "VP")
        painter.end()
        return image


def _png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def _bmp_entry(image) -> bytes:
    """A 32-bit DIB for an ICO entry: header (height doubled), BGRA rows bottom-up, AND mask."""
    size = image.width()
    rows = []
    for y in range(size - 1, -1, -1):
        row = bytearray()
        for x in range(size):
            argb = image.pixel(x, y)
            row += struct.pack("<I", argb)  # little endian ARGB32 = B, G, R, A bytes
        rows.append(bytes(row))
    mask_stride = ((size + 31) // 32) * 4
    mask = bytes(mask_stride * size)  # all zero: the alpha channel decides
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0,
                         len(b"".join(rows)) + len(mask), 0, 0, 0, 0)
    return header + b"".join(rows) + mask


def ico_bytes(source: IconSource, sizes=ICO_SIZES) -> bytes:
    entries = []
    for size in sizes:
        image = source.image(size)
        entries.append((size, _png_bytes(image) if size >= 256 else _bmp_entry(image)))
    header = struct.pack("<HHH", 0, 1, len(entries))
    offset = 6 + 16 * len(entries)
    directory = b""
    for size, data in entries:
        edge = 0 if size >= 256 else size
        directory += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + directory + b"".join(data for _, data in entries)


def icns_bytes(source: IconSource) -> bytes:
    chunks = b""
    for size, kind in ICNS_TYPES:
        data = _png_bytes(source.image(size))
        chunks += kind + struct.pack(">I", len(data) + 8) + data
    return b"icns" + struct.pack(">I", len(chunks) + 8) + chunks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Maak vp-desktop.ico (en .icns).")
    parser.add_argument("out", type=Path, help="het .ico-bestand")
    parser.add_argument("--icns", type=Path, help="ook een .icns voor macOS")
    parser.add_argument("--icons", type=Path, default=ROOT / "resources" / "icons")
    args = parser.parse_args(argv)
    source = IconSource(args.icons)
    if source.placeholder:
        print("make_ico: LET OP: geen pictogram in resources/icons gevonden; "
              "er is een plaatsvervanger gemaakt.", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(ico_bytes(source))
    if args.icns:
        args.icns.parent.mkdir(parents=True, exist_ok=True)
        args.icns.write_bytes(icns_bytes(source))
    print(f"make_ico: {args.out} uit {source.description}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
