"""Issue 12, "Focus order", as the screen reader gets it: the real AT-SPI tree
(tests/atspi_harness.py) of the app as a real process. The lock screen's Tab round and the
unlocked main window's first stops equal EXPECTED of tests/test_focus_order.py (matched by
objectName: Qt exports it in the AT-SPI accessible id), every stop has a name, and after
unlocking focus moves once, to the case list (no stop on the way).
"""

from __future__ import annotations

import time
from datetime import date

from test_focus_order import EXPECTED, TABBAR

from vp_desktop.domain.model import Case, Consultation, VpProfile
from vp_desktop.storage.journal import Journal

PASSPHRASE = "focus focus 1234"
FIRST_STOPS = 7  # of the unlocked main window, after the case list


def _journal(tmp_path):
    """One case opened today, nothing due: the window opens on the case list."""
    path = tmp_path / "journaal.vpj"
    journal = Journal.create(path, PASSPHRASE, profile=VpProfile(name="Test VP"),
                             organisations=["Gemeente Testdorp"])
    org = journal.organisations()[0]
    journal.add_case(Case(organisation_id=org.id, opened=date.today(), categories=("pesten",)),
                     [Consultation(started_at=journal_now(), duration_minutes=30,
                                   notes="Eerste gesprek.")], [])
    journal.close()
    return path


def journal_now():
    from datetime import datetime

    return datetime.now().replace(second=0, microsecond=0)


def _object_name(node: dict) -> str:
    return node.get("id", "").rsplit(".", 1)[-1]


def _rotated(names: list[str], first: str) -> list[str]:
    at = names.index(first) if first in names else 0
    return names[at:] + names[:at]


def test_tab_order_and_focus_after_unlocking_as_the_screen_reader_gets_them(stack, tmp_path):
    stack.start_app(["--journal", str(_journal(tmp_path))])
    stack.wait_window()
    stack.activate()
    lock = stack.tab_order(limit=12)
    assert [n.get("name") for n in lock if not n.get("name", "").strip()] == []
    assert _rotated([_object_name(n) for n in lock], EXPECTED["lock"][0]) == EXPECTED["lock"]
    assert stack.focused()["role"] == "password text"

    stack.type_text(PASSPHRASE)
    stack.events(clear=True)
    stack.key("Return")
    deadline = time.monotonic() + 15
    focus = stack.focused()
    while _object_name(focus or {}) != "caseTable" and time.monotonic() < deadline:
        stack.command("pump", seconds=0.2)
        focus = stack.focused()
    assert _object_name(focus or {}) == "caseTable", focus
    assert focus["name"].strip()
    stack.command("pump", seconds=0.3)
    moves = [(e["source_role"], e["source_name"]) for e in stack.events()
             if e["type"] == "object:state-changed:focused" and e["detail1"] == 1]
    while moves and moves[0][0] == "password text":  # where it starts (a busy bus is late)
        moves.pop(0)
    # the table and its current cell, nothing on the way (no banner, tab bar, filter, ...)
    assert moves and {role for role, _name in moves} <= {"table", "table cell"}, moves
    assert ("table", focus["name"]) in moves

    stops = []
    for _ in range(FIRST_STOPS):
        stack.key("Tab")
        stops.append(stack.focused() or {})
    main = EXPECTED["main (page mainTabs 0)"]
    after_list = main[main.index("caseTable") + 1:][:FIRST_STOPS]
    assert [_object_name(n) for n in stops] == after_list
    assert [n for n in stops if not n.get("name", "").strip()] == []
    assert TABBAR in main  # the round goes on through the tab bar (in-process test)
