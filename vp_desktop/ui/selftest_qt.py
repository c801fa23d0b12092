"""The Qt part of ``vp-desktop --selftest``: QtPdf reads the PDFs the self-test made (page
count), draws page 1 of each and checks the picture is not blank, and Qt's Dutch texts are
found. No window is shown; without a display on Linux Qt runs offscreen."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from ..i18n import N_, _, ngettext
from ..services.selftest import CheckResult

RENDER_WIDTH = 420  # pixels; A4 page 1 at about 50 dpi
MIN_INK = 0.002  # share of non-white colour bytes below which a page counts as blank
LABELS = {"brief": N_("de brief"), "jaarverslag": N_("het jaarverslag")}


def _application():
    """The running QApplication, or a new one (offscreen when Linux has no display). A
    QApplication, not a QGuiApplication: in one process widgets may follow."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        return app
    if sys.platform.startswith("linux") and not (
            os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY")
            or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QApplication(sys.argv[:1])


def ink_share(image) -> float:
    """The share of colour bytes that are not white in an RGB32 image (0.0 = blank)."""
    from PySide6.QtGui import QImage

    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    raw = bytes(rgb.constBits())
    pixels = rgb.width() * rgb.height()
    if not pixels:
        return 0.0
    # RGB32 is B, G, R, 0xFF per pixel: the fourth byte is always 255.
    return (len(raw) - raw.count(255)) / (3 * pixels)


def render_first_page(data: bytes):
    """(page count, page 1 painted on white as a QImage) read by QtPdf from memory."""
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    from .pdf_output import load_pdf

    document = QPdfDocument()
    try:
        if not load_pdf(document, data) or document.pageCount() < 1:
            return 0, None
        size = document.pagePointSize(0)
        height = round(RENDER_WIDTH * size.height() / size.width()) if size.width() else 594
        rendered = document.render(0, QSize(RENDER_WIDTH, height))
        page = QImage(rendered.size(), QImage.Format.Format_RGB32)
        page.fill(Qt.GlobalColor.white)
        painter = QPainter(page)
        painter.drawImage(0, 0, rendered)  # render() is transparent: paint on white paper
        painter.end()
        return document.pageCount(), page
    finally:
        document.close()


def check_pdf(name: str, data: bytes) -> CheckResult:
    label = _(LABELS[name]) if name in LABELS else name
    try:
        pages, image = render_first_page(data)
    except Exception as exc:
        return CheckResult(False, _("QtPdf: {label} kon niet worden gelezen ({error})").format(
            label=label, error=type(exc).__name__))
    if image is None:
        return CheckResult(False, _("QtPdf: {label} kon niet worden gelezen").format(
            label=label))
    share = ink_share(image)
    if share < MIN_INK:
        return CheckResult(False, _("QtPdf: pagina 1 van {label} is leeg getekend").format(
            label=label))
    return CheckResult(True, ngettext(
        "QtPdf leest {label} ({n} pagina) en tekent pagina 1, niet leeg",
        "QtPdf leest {label} ({n} pagina's) en tekent pagina 1, niet leeg",
        pages).format(label=label, n=pages))


def check_dutch_qt_texts() -> CheckResult:
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    if translator.load(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands),
                       "qtbase", "_", folder):
        return CheckResult(True, _("Nederlandse teksten van Qt gevonden (qtbase_nl)"))
    return CheckResult(False, _("Qt-vertalingen: qtbase_nl ontbreekt in {folder}").format(
        folder=folder))


def qt_checks(pdfs: Mapping[str, bytes]) -> list[CheckResult]:
    """QtPdf on every PDF the self-test made, then Qt's Dutch texts."""
    try:
        _application()
    except Exception as exc:
        return [CheckResult(False, _("Qt kan niet starten ({error})").format(
            error=type(exc).__name__))]
    results = [check_pdf(name, data) for name, data in pdfs.items()]
    if not pdfs:
        results.append(CheckResult(False, _("QtPdf: overgeslagen, er zijn geen pdf's gemaakt")))
    results.append(check_dutch_qt_texts())
    return results
