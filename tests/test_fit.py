"""The windows fit a laptop screen: the main window and every dialog open inside the
available screen with all their buttons visible, at 1280×720, 1366×768 and 1024×700.

Each size runs tests/fit_probe.py in its own X server (xvfb-run), so the screen geometry is
a real one. Without xvfb-run the test is skipped on a developer's machine and fails in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from vp_desktop.ui.widgets import fit_to_screen

PROBE = Path(__file__).with_name("fit_probe.py")
ROOT = PROBE.parent.parent
SIZES = ((1280, 720), (1366, 768), (1024, 700))
EXPECTED = {"unlock", "main_tab0", "main_tab1", "main_tab2", "case_new_tab0", "case_new_tab1",
            "case_new_tab2", "case_edit_tab0", "consultation", "follow_up", "letter", "report",
            "templates_tab0", "templates_tab1", "kept_letter", "help", "about_tab0", "about_tab1", "evidence", "welcome",
            "annual_report", "activity", "settings", "backups", "passphrase",
            "handover", "take_over", "create_journal"}


def probe(width: int, height: int, tmp_path: Path) -> dict:
    if shutil.which("xvfb-run") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("xvfb-run is missing (installer/setup-debian.sh test installs xvfb)")
        pytest.skip("xvfb-run is not installed")
    out = tmp_path / f"fit-{width}x{height}.json"
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    subprocess.run(["xvfb-run", "-a", "-s", f"-screen 0 {width}x{height}x24",
                    sys.executable, str(PROBE), str(out)],
                   env=env, cwd=ROOT, check=True, timeout=60, capture_output=True)
    return json.loads(out.read_text())


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_window_and_its_buttons_lie_inside_the_screen(width, height, tmp_path):
    result = probe(width, height, tmp_path)
    assert result["screen"] == [0, 0, width, height]
    assert set(result["windows"]) >= EXPECTED, EXPECTED - set(result["windows"])
    problems = {name: window for name, window in result["windows"].items()
                if not window["inside"] or window["buttons"]}
    assert problems == {}
    assert result["main_minimum_width"] <= 980
    main_w, main_h = result["main_size"]
    assert main_w <= width and main_h <= height


def test_fit_to_screen_keeps_a_preferred_size_that_fits_and_shrinks_one_that_does_not(qtbot):
    from PySide6.QtWidgets import QDialog

    area = QApplication.primaryScreen().availableGeometry()
    small = QDialog()
    qtbot.addWidget(small)
    assert fit_to_screen(small, 300, 200).toTuple() == (300, 200)
    assert small.size().toTuple() == (300, 200)
    large = QDialog()
    qtbot.addWidget(large)
    size = fit_to_screen(large, area.width() + 500, area.height() + 500)
    assert size.width() < area.width() and size.height() < area.height()
    assert large.size() == size


def ring_pixels(widget) -> int:
    """How many pixels of the widget's middle row have the highlight colour: a ring 2 px
    wide crosses it twice, so 4 or more."""
    image = widget.grab().toImage()
    highlight = widget.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    y = image.height() // 2
    return sum(1 for x in range(image.width()) if image.pixelColor(x, y) == highlight)


def test_focused_widgets_get_a_2px_ring_in_the_highlight_colour(qtbot):
    from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton, QVBoxLayout

    from vp_desktop.ui.app import FocusRingStyle, install_focus_ring

    install_focus_ring()
    assert isinstance(QApplication.style(), FocusRingStyle)
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    combo = QComboBox()
    combo.addItems(["Alle jaren", "2026"])
    widgets = [QPushButton("Opslaan"), QCheckBox("bekend"), combo, QLineEdit("tekst")]
    for widget in widgets:
        layout.addWidget(widget)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    for widget in widgets:
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        focused = ring_pixels(widget)
        widgets[0 if widget is not widgets[0] else 1].setFocus()
        qtbot.waitUntil(lambda w=widget: not w.hasFocus())
        unfocused = ring_pixels(widget)
        assert focused >= 4, (type(widget).__name__, focused)
        assert unfocused < 4, (type(widget).__name__, unfocused)


# --- the case list and the case view at a laptop size -------------------------------------

LONG_SUMMARY = ("Vragen over de rol van de vertrouwenspersoon in een langlopend conflict met "
                "de leidinggevende over roosters, werkdruk en de manier van communiceren in het "
                "team; melder wil eerst zelf het gesprek aangaan en komt daarna terug.")


@pytest.fixture
def laptop_window(qtbot, journal):
    from vp_desktop.ui.main_window import MainWindow
    from vp_desktop.ui.session import Session

    from conftest import make_case

    make_case(journal, summary=LONG_SUMMARY,
              categories=("seksuele_intimidatie", "onafhankelijk_adviseren",
                          "intimidatie_bedreiging"))
    make_case(journal, summary="Kort.")
    session = Session()
    window = MainWindow(session, journal.path)
    qtbot.addWidget(window)
    window.resize(1264, 680)  # 1280×720 less the window frame
    window.show()
    session.adopt(journal)
    window.tabs.setCurrentIndex(0)
    QApplication.processEvents()
    return window


def test_case_list_shows_short_categories_and_every_column_without_scrolling(laptop_window):
    from vp_desktop.ui.case_list_model import CATEGORY_COLUMN

    panel = laptop_window.case_list
    model = panel.model
    row = next(r for r in range(model.rowCount())
               if "seksuele_intimidatie" in model.summary_at(r).categories)
    index = model.index(row, CATEGORY_COLUMN)
    shown = model.data(index)
    assert "Seks. intimidatie" in shown and "Intimidatie/bedreiging" not in shown
    assert sorted(model.data(index, Qt.ItemDataRole.ToolTipRole).splitlines()) == [
        "Intimidatie/bedreiging (overig)", "Onafhankelijk adviseren aan het bestuur",
        "Seksuele intimidatie"]
    assert model.headerData(6, Qt.Orientation.Horizontal,
                            Qt.ItemDataRole.ToolTipRole).startswith("Volgende vervolgstap")
    view = panel.view
    header = view.horizontalHeader()
    assert not view.horizontalScrollBar().isVisible()
    last = header.sectionViewportPosition(6) + header.sectionSize(6)
    assert last <= view.viewport().width()
    assert view.textElideMode() == Qt.TextElideMode.ElideRight
    year = panel.year
    assert year.currentText() == "Alle jaren"
    assert year.width() >= year.sizeHint().width()  # room for its longest item


def test_list_width_stays_when_the_heading_changes_and_gegevens_wrap(laptop_window):
    from PySide6.QtWidgets import QPlainTextEdit, QScrollArea, QSplitter

    panel, case_view = laptop_window.case_list, laptop_window.case_view
    widths = set()
    for row in range(panel.proxy.rowCount()):
        panel.view.selectRow(row)
        QApplication.processEvents()
        widths.add(panel.width())
    case_view.title.setText("Dossier 2026-001 · vernietigd op 31-12-2026 (alleen de statistiek) "
                            "met een heel lange kop die niet op één regel past")
    QApplication.processEvents()
    widths.add(panel.width())
    assert len(widths) == 1
    assert len(case_view.findChildren(QScrollArea)) == 1
    assert case_view.findChildren(QSplitter) == []
    assert case_view.findChildren(QPlainTextEdit) == []
    summary = case_view.findChild(QLabel, "caseField_summary")
    long_row = next(r for r in range(panel.proxy.rowCount())
                    if (panel.view.selectRow(r), QApplication.processEvents(),
                        summary.text())[2] == LONG_SUMMARY)
    assert long_row is not None
    assert summary.height() >= summary.heightForWidth(summary.width())  # all lines shown
    assert summary.height() > 2 * summary.fontMetrics().height()  # wrapped, not one long line
    right = summary.mapTo(case_view, summary.rect().topRight()).x()
    assert right <= case_view.scroll.viewport().width()  # not cut off at the right
