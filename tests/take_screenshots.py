"""Take the README's and the manual's screenshots from the real app on the demo journal.

    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python tests/take_screenshots.py [en]

Writes resources/screenshots/{main,case,quicklog,letter,annual,help}.png at 1280×720 (with
"en": the English interface, into resources/screenshots/en/, for the English manual). The
demo journal holds only invented people; the script works in a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "screenshots"
PASSPHRASE = "demo demo demo demo"


def main(lang: str = "nl") -> None:
    global OUT
    sys.path.insert(0, str(ROOT))
    if lang != "nl":
        OUT = OUT / lang
        OUT.mkdir(exist_ok=True)
    os.environ["HOME"] = tempfile.mkdtemp()  # no QSettings of the user's own
    from vp_desktop.interchange.demo_data import create_demo_journal
    from vp_desktop.ui.app import _application, build_window

    path = Path(tempfile.mkdtemp()) / "demo.vpj"
    create_demo_journal(path, PASSPHRASE, cases=250, seed=1)
    app = _application(lang)
    window, session = build_window(str(path))
    window.show()
    window.unlock(PASSPHRASE)
    journal = session.journal
    # A case with conversations and follow-ups, the melder known by name.
    richest = max(journal.case_summaries(status="open"),
                  key=lambda s: len(journal.consultations(s.id)))
    steps: list = []

    def shoot(name: str):
        return lambda: app.primaryScreen().grabWindow(0).save(str(OUT / f"{name}.png"))

    def select(case_id: int):
        return lambda: window.case_list.select_case(case_id)

    def search(text: str):
        return lambda: window.case_list.filter_box.setText(text)

    holder: dict = {}

    def open_dialog(name: str, opener):
        return lambda: holder.__setitem__(name, opener())

    def close(name: str):
        def done() -> None:
            dialog = holder.pop(name)
            if hasattr(dialog, "close_for_lock"):
                dialog.close_for_lock()
            else:
                dialog.close()
        return done

    def pick_largest(dialog) -> None:
        combo = dialog.organisation
        counts = [len(journal.statistics_records(year=dialog.year.currentData(),
                                                 organisation_id=combo.itemData(i)))
                  for i in range(combo.count())]
        combo.setCurrentIndex(counts.index(max(counts)))

    case = journal.get_case(richest.id)
    surname = (case.melder.name or "").split()[-1] if case.melder.name else case.code
    steps += [(100, lambda: window.tabs.setCurrentIndex(0)),
              (300, select(richest.id)), (700, shoot("main")),
              (100, search(surname)), (300, select(richest.id)), (600, shoot("case")),
              (100, search("")), (200, select(richest.id)),
              (100, open_dialog("log", window.log_consultation)), (700, shoot("quicklog")),
              (100, close("log")),
              (100, open_dialog("letter", window.make_letter)), (2500, shoot("letter")),
              (100, close("letter")),
              (100, open_dialog("annual", window.open_annual_report)),
              (300, lambda: pick_largest(holder["annual"])), (3000, shoot("annual")),
              (100, close("annual")),
              (100, open_dialog("help", lambda: window.open_help("gesprek"))),
              (900, lambda: holder["help"].grab().save(str(OUT / "help.png"))),
              (100, close("help")),
              (300, lambda: os._exit(0))]
    delay = 0
    for wait, action in steps:
        delay += wait
        QTimer.singleShot(delay, action)
    app.exec()


if __name__ == "__main__":
    main(*sys.argv[1:2])
