"""The embedded fonts of every PDF: DejaVu Sans, shipped in ``resources/fonts``.

reportlab's built-in Helvetica is never embedded and lacks ĳ/Ĳ and ő, so every document
uses these TrueType fonts instead; reportlab embeds a subset of the glyphs used.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from vp_desktop.resources import resources_dir

FONT_FAMILY = "DejaVuSans"
FONT_REGULAR = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"

_FILES = {
    FONT_REGULAR: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
}

_lock = threading.Lock()
_registered = False


class FontsMissingError(RuntimeError):
    """The shipped font files are not where the app expects them (broken install)."""


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def register_fonts() -> None:
    """Register the PDF fonts with reportlab. Cheap after the first call; safe from threads."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        folder = fonts_dir()
        for name, filename in _FILES.items():
            path = folder / filename
            if not path.is_file():
                raise FontsMissingError(f"font file not found: {path}")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        # Map the family so <b> (and a stray <i>, which we have no oblique for) resolve
        # inside Paragraph markup.
        addMapping(FONT_FAMILY, 0, 0, FONT_REGULAR)
        addMapping(FONT_FAMILY, 1, 0, FONT_BOLD)
        addMapping(FONT_FAMILY, 0, 1, FONT_REGULAR)
        addMapping(FONT_FAMILY, 1, 1, FONT_BOLD)
        _registered = True
