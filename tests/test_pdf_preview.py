"""The PDF preview settles: fit-to-width must not swing between two widths.

The first jaarverslag preview showed broken glyphs (or an empty page) although the exported
PDF was fine. Cause: with the scroll bar shown only when needed, a page that fits the height
without the bar but not with it makes QPdfView toggle the bar for ever, re-rendering at two
widths in turn and drawing images of the other width.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from vp_desktop.pdf.page import build_pdf
from vp_desktop.ui.pdf_output import PdfPreview

ROOT = Path(__file__).resolve().parents[1]


def _one_page_pdf() -> bytes:
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph

    from vp_desktop.pdf.fonts import FONT_REGULAR, register_fonts

    register_fonts()
    style = getSampleStyleSheet()["Normal"]
    style.fontName = FONT_REGULAR
    return build_pdf([Paragraph("Belastingsamenwerking Noorderplassen", style)],
                     title="Voorbeeld", confidential=True)


def settled_widths() -> list[int]:
    """Run in a child process (a swinging view never lets the event loop rest)."""
    app = QApplication.instance() or QApplication([])
    holder = QWidget()
    preview = PdfPreview("testPreview", "Voorbeeld", holder)
    holder.resize(700, 1200)
    holder.show()
    app.processEvents()
    preview.show_pdf(_one_page_pdf())
    bar = preview.style().pixelMetric(preview.style().PixelMetric.PM_ScrollBarExtent)
    points = preview.pdf.pagePointSize(0)
    ratio = points.height() / points.width()
    margins = preview.documentMargins()
    frame = preview.frameWidth() * 2
    width = 500
    widest_page = width - frame - margins.left() - margins.right()
    # A height where the page fits only once the scroll bar has made it narrower.
    page_height = (widest_page - bar / 2) * ratio
    preview.setFixedSize(width, round(page_height + margins.top() + margins.bottom() + frame))
    widths = []
    deadline = time.monotonic() + 0.6
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
        widths.append(preview.viewport().width())
    return widths


def test_the_preview_width_settles_where_the_page_just_fits():
    code = ("import sys; sys.path.insert(0, 'tests'); import test_pdf_preview as t; "
            "print(sorted(set(t.settled_widths()[10:])))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=60, env=env, cwd=ROOT)
    except subprocess.TimeoutExpired:
        pytest.fail("the preview never settles: fit-to-width swings between two widths")
    assert done.returncode == 0, done.stderr[-2000:]
    widths = done.stdout.strip().splitlines()[-1]
    assert len(widths.strip("[]").split(",")) == 1, f"the view keeps changing width: {widths}"
