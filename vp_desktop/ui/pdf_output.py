"""PDFs in the UI: render off the UI thread, preview from memory, print, or save on request.

A generated PDF lives only in memory (a QBuffer inside the QPdfDocument). It reaches the disk
only when the user saves it explicitly, after a warning that the file is not encrypted.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRect,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QAccessible, QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter

from ..i18n import N_, _
from ..services.errors import user_message
from . import main_thread_gc
from .widgets import named, save_file_name

PRINT_DPI = 300  # pages are painted as images: sharp on paper, and fast enough to wait for

SAVE_WARNING = N_(
    "Een opgeslagen pdf is níet versleuteld: iedereen die het bestand kan openen, kan het "
    "lezen. Bewaar het alleen op uw eigen apparaat of versleutelde opslag, nooit op een "
    "netwerkschijf van de gemeente, en verwijder het zodra het niet meer nodig is.")


class _JobSignals(QObject):
    done = Signal(int, bytes)
    failed = Signal(int, str)


class _RenderJob(QRunnable):
    def __init__(self, number: int, make_pdf: Callable[[], bytes], signals: _JobSignals):
        super().__init__()
        self.number, self.make_pdf, self.signals = number, make_pdf, signals

    def run(self) -> None:
        try:
            data = self.make_pdf()
        except Exception as exc:  # reported to the UI thread as a fixed sentence
            self.signals.failed.emit(self.number, user_message(exc))
            return
        self.signals.done.emit(self.number, data)


class PdfRenderer(QObject):
    """Runs PDF builds on the thread pool; only the newest request's result is delivered."""

    ready = Signal(bytes)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._numbers = itertools.count(1)
        self._latest = 0

    def request(self, make_pdf: Callable[[], bytes]) -> None:
        """``make_pdf`` must use only plain data captured now, not widgets."""
        main_thread_gc.install()
        self._latest = next(self._numbers)
        self.busy_changed.emit(True)
        # One sender per job, owned by the job: if the dialog closes while the job runs,
        # Qt drops the connection and the result goes nowhere.
        signals = _JobSignals()
        signals.done.connect(self._done)
        signals.failed.connect(self._failed)
        QThreadPool.globalInstance().start(_RenderJob(self._latest, make_pdf, signals))

    def _done(self, number: int, data: bytes) -> None:
        if number == self._latest:
            self.busy_changed.emit(False)
            self.ready.emit(data)

    def _failed(self, number: int, message: str) -> None:
        if number == self._latest:
            self.busy_changed.emit(False)
            self.failed.emit(message)


def load_pdf(document: QPdfDocument, data: bytes) -> bool:
    """Load PDF bytes into ``document`` from memory; no file is involved."""
    document.close()
    buffer = QBuffer(document)  # parented: lives as long as the document needs it
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document.status() == QPdfDocument.Status.Ready


class PdfPreview(QPdfView):
    def __init__(self, object_name: str, accessible_name: str, parent=None):
        super().__init__(parent)
        named(self, object_name, accessible_name)
        # Not a child of the view: Qt 6.12 crashes when a multi-page QPdfView is destroyed
        # together with its own child document. Python owns it and frees it after the view.
        self.pdf = QPdfDocument(None)
        self.setDocument(self.pdf)
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # With the scroll bar 'as needed', fit-to-width can swing for ever: with the bar the
        # page is narrower and fits without it, without it wider and needs it. QPdfView then
        # re-renders at two widths in turn and shows images of the other width (the broken
        # glyphs of the first jaarverslag preview) or nothing. A fixed bar ends the swing.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.data = b""
        self._text: str | None = None  # the description, made when a reader asks

    def show_pdf(self, data: bytes) -> None:
        self.data = data
        self._text = None
        load_pdf(self.pdf, data)
        self._describe()

    def _describe(self) -> None:
        """A screen reader gets the document's text as the preview's description, page by
        page (the pages themselves are pictures to it) — only while the preview is shown and
        an assistive technology listens: a hidden window (closed dialogs are hidden, also
        after a lock) keeps no readable text, and nobody pays for it without a reader."""
        if not (self.isVisible() and QAccessible.isActive()
                and self.pdf.status() == QPdfDocument.Status.Ready):
            if self.accessibleDescription():
                self.setAccessibleDescription("")
            return
        if self._text is None:
            self._text = "\n".join(_("Pagina {number}: {text}").format(
                number=index + 1, text=self.pdf.getAllText(index).text().replace("\r\n", "\n"))
                for index in range(self.pdf.pageCount()))
        if self.accessibleDescription() != self._text:
            self.setAccessibleDescription(self._text)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._describe()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().hideEvent(event)
        self.setAccessibleDescription("")

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._describe()  # a reader started after the preview was shown
        super().focusInEvent(event)


def output_buttons(prefix: str, what: str):
    """The row of a window that shows a finished PDF: Afdrukken (Ctrl+P), Opslaan als pdf and
    Sluiten (rejects). ``what`` names the document in the buttons' accessible names ("Brief
    opnieuw" -> "Brief opnieuw afdrukken"); pass it translated. Returns the button box and the
    print and save buttons."""
    from PySide6.QtWidgets import QDialogButtonBox, QPushButton

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    print_button = named(QPushButton(_("Af&drukken… (Ctrl+P)")), f"{prefix}Print",
                         _("{what} afdrukken").format(what=what))
    pdf_button = named(QPushButton(_("Opslaan als &pdf…")), f"{prefix}SavePdf",
                       _("{what} opslaan als pdf").format(what=what))
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    close.setText(_("Sluiten"))
    named(close, f"{prefix}Close", _("Sluiten"))
    buttons.addButton(print_button, QDialogButtonBox.ButtonRole.ActionRole)
    buttons.addButton(pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
    return buttons, print_button, pdf_button


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Paint every page of ``data`` onto ``printer``; returns the number of pages."""
    document = QPdfDocument()
    if not load_pdf(document, data):
        raise ValueError(_("pdf kan niet worden gelezen"))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(_("de printer kan niet worden gebruikt"))
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            points = document.pagePointSize(index)
            size = QSize(int(points.width() / 72 * dpi), int(points.height() / 72 * dpi))
            image = document.render(index, size)
            page = QImage(size, QImage.Format.Format_RGB32)
            page.fill(QColor("white"))  # render() is transparent: paint it on white paper
            composer = QPainter(page)
            composer.drawImage(0, 0, image)
            composer.end()
            target = painter.viewport()
            scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), scaled), page)
        return document.pageCount()
    finally:
        painter.end()
        document.close()


def choose_printer(parent) -> QPrinter | None:
    """The print dialog, real printers only: 'print to file' would write an unprotected PDF
    behind the user's back (saving as PDF has its own warning). None when cancelled."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinterInfo
    from PySide6.QtWidgets import QMessageBox

    if not QPrinterInfo.availablePrinters():
        QMessageBox.information(parent, _("Geen printer"),
                                _("Er is geen printer gevonden. Sluit een printer aan, of kies "
                                  "bewust 'Opslaan als pdf'."))
        return None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    if printer.outputFileName():  # some platforms still offer it; refuse
        QMessageBox.warning(parent, _("Niet afgedrukt"),
                            _("Afdrukken naar een bestand kan niet; kies 'Opslaan als pdf'."))
        return None
    return printer


def choose_save_path(parent, title: str, suggested_name: str) -> str | None:
    """Warn that a saved PDF is not encrypted, then ask where; None when the user declines."""
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.warning(parent, _("Pdf is niet versleuteld"), _(SAVE_WARNING),
                                 QMessageBox.StandardButton.Save
                                 | QMessageBox.StandardButton.Cancel,
                                 QMessageBox.StandardButton.Cancel)
    if answer != QMessageBox.StandardButton.Save:
        return None
    path, _filter = save_file_name(parent, title, suggested_name, _("Pdf (*.pdf)"))
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
        if not confirm_replace(parent, path):  # the dialog asked about the name without it
            return None
    return path or None


def confirm_replace(parent, path: str) -> bool:
    """Ask before replacing an existing file (the services refuse a file of another kind)."""
    import os

    from PySide6.QtWidgets import QMessageBox

    if not os.path.exists(path):
        return True
    answer = QMessageBox.question(
        parent, _("Bestand vervangen?"),
        _("{name} bestaat al. Wilt u het vervangen?").format(name=os.path.basename(path)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
