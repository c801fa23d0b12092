"""Issue 12, "Messages are announced", end to end: what a screen reader receives when the
lock screen refuses a passphrase. Xvfb + session D-Bus + AT-SPI bus + the pyatspi client of
tests/atspi_harness.py; the app runs as a real process with accessibility on.

Qt 6.12's AT-SPI bridge passes a QAccessibleAnnouncementEvent on as the AT-SPI event
``object:announcement`` (any_data: the text; detail1: the politeness, 2 = assertive), which is
what Orca speaks. A wrong passphrase + Return must bring that event with the message, the
message label must be in the tree with the message as its name, and the focus must be back in
the passphrase field.
"""

from __future__ import annotations

import ast
import contextlib

from atspi_harness import walk

from vp_desktop.domain.model import VpProfile
from vp_desktop.storage.journal import Journal

RIGHT = "Goed-wachtwoord-voor-de-test-42"
WRONG = "verkeerd"
ATSPI_LIVE_ASSERTIVE = 2


def _text(event: dict) -> str:
    with contextlib.suppress(ValueError, SyntaxError):
        return str(ast.literal_eval(event["any_data"]))
    return event["any_data"]


def _announcements(events: list[dict]) -> list[dict]:
    return [e for e in events if e["type"].startswith("object:announcement")]


def test_a_wrong_passphrase_is_announced_and_the_focus_stays_in_the_field(stack, tmp_path):
    path = tmp_path / "journaal.vpj"
    Journal.create(path, RIGHT, profile=VpProfile(name="Test VP"),
                   organisations=["Gemeente Testdorp"]).close()
    stack.start_app(["--journal", str(path)])
    stack.wait_window()
    stack.activate()
    focus = stack.focused()
    assert focus is not None and focus["role"] == "password text"
    stack.events(clear=True)
    stack.type_text(WRONG)
    stack.key("Return")
    events = stack.wait_events(lambda events: bool(_announcements(events)), timeout=15)
    said = _announcements(events)
    assert said, sorted({e["type"] for e in events})
    [event] = said
    text = _text(event)
    assert "wachtwoord klopt niet" in text
    assert event["detail1"] == ATSPI_LIVE_ASSERTIVE
    assert WRONG not in text
    # the message is in the tree, named by its text
    tree = stack.tree()
    labels = [n for n in walk(tree) if n["role"] == "label" and "showing" in n["states"]]
    assert any(" ".join(n["name"].split()) == text for n in labels), [n["name"] for n in labels]
    # and the focus is back in the passphrase field
    focus = stack.focused(settle=0.3)
    assert focus is not None and focus["role"] == "password text" and focus["name"] == "Wachtwoord"
