"""Issue 12: the passphrase never leaves the field, read from the real accessibility tree.

Xvfb + a private session D-Bus + the AT-SPI bus + a pyatspi client (tests/atspi_harness.py);
the app runs as a real process with accessibility on, on a journal made in tmp_path. A canary
passphrase is typed into the unlock field as X key events; it must be in no AT-SPI event
(any_data, details, source name) and in no name, description, text or value of the tree, and
the journal must open (the typing really reached the field). A plain Qt password field under
the same stack shows the harness does catch such a leak.
"""

from __future__ import annotations

import ast
import contextlib
import json
import sys
import time

import pytest
from atspi_harness import AtspiStack, node_texts, walk

from vp_desktop.domain.model import VpProfile
from vp_desktop.storage.journal import Journal

CANARY = "Kanarie-7x9Q-Zwaluw-42"
PIECES = ("Kanarie", "Zwaluw", "7x9Q")

PLAIN_QT_FIELD = """
import sys
from PySide6.QtWidgets import QApplication, QLineEdit
app = QApplication(sys.argv)
app.setApplicationName("leak-control")
field = QLineEdit()
field.setEchoMode(QLineEdit.EchoMode.Password)
field.setAccessibleName("Wachtwoord")
field.show()
sys.exit(app.exec())
"""


def _inserted(events: list[dict]) -> str:
    """The text of all text-changed:insert events one after the other: a field that sends
    one character per key press spells the passphrase out here."""
    parts = []
    for event in events:
        if event["type"].startswith("object:text-changed:insert"):
            with contextlib.suppress(ValueError, SyntaxError):
                parts.append(str(ast.literal_eval(event["any_data"])))
    return "".join(parts)


def leaks(events: list[dict], tree: dict | None = None) -> list[str]:
    found = [json.dumps(e) for e in events if any(p in json.dumps(e) for p in PIECES)]
    inserted = _inserted(events)
    if any(p in inserted for p in PIECES):
        found.append(f"typed text in the insert events: {inserted!r}")
    found += [json.dumps(node_texts(n)) for n in walk(tree)
              if any(p in json.dumps(node_texts(n)) for p in PIECES)]
    return found


def _type_into_focus(stack: AtspiStack, role: str = "password text") -> dict:
    stack.activate()
    focus = stack.focused()
    assert focus is not None and focus["role"] == role, focus
    stack.type_text(CANARY)
    return focus


def _journal(tmp_path):
    path = tmp_path / "journaal.vpj"
    Journal.create(path, CANARY, profile=VpProfile(name="Test VP"),
                   organisations=["Gemeente Testdorp"]).close()
    return path


def test_the_canary_passphrase_is_in_no_accessibility_event_or_text(stack, tmp_path):
    # the control: Qt's own password field sends the typed characters, and we see them
    stack.start_app(["-platform", "xcb"], program=[sys.executable, "-c", PLAIN_QT_FIELD],
                    app_name="leak-control")
    stack.wait_window()
    _type_into_focus(stack)
    control = leaks(stack.wait_events(lambda events: CANARY in _inserted(events)))
    stack.events(clear=True)
    assert control == [f"typed text in the insert events: {CANARY!r}"]

    # the app: the unlock field of a locked journal
    journal = _journal(tmp_path)
    stack.start_app(["--journal", str(journal)])
    stack.wait_window()
    stack.activate()
    # the Tab order of the lock screen (the journal's path is a label, no focus stop)
    order = [(n.get("role"), n.get("name")) for n in stack.tab_order()]
    assert order == [("check box", "Wachtwoord tonen"), ("push button", "Ontgrendelen"),
                     ("push button", "Ander journaal openen"),
                     ("push button", "Nieuw journaal maken"), ("password text", "Wachtwoord")]
    _type_into_focus(stack)
    deadline = time.monotonic() + 10
    focus = stack.focused()
    while focus["description"] != f"{len(CANARY)} tekens" and time.monotonic() < deadline:
        focus = stack.focused(settle=0.2)  # a busy machine delivers the last keys late
    assert focus["name"] == "Wachtwoord"
    assert focus["description"] == f"{len(CANARY)} tekens"  # what a reader says: the count
    tree = stack.tree()
    fields = [n for n in walk(tree) if n["role"] == "password text"]
    assert [n["text"] for n in fields] == ["\u25cf" * len(CANARY)]
    stack.key("Return")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:  # the journal opens: the unlock field goes away
        tree = stack.tree()
        if not any(n["role"] == "password text" and "showing" in n["states"]
                   for n in walk(tree)):
            break
        stack.command("pump", seconds=0.2)
    else:
        pytest.fail("the journal did not open with the typed passphrase")
    assert any(n["name"] == "Lijst van dossiers" for n in walk(tree))
    events = stack.events()
    assert any(e["type"].startswith("object:text-changed:insert")
               and e["source_role"] == "password text" for e in events)
    assert leaks(events, tree) == []
