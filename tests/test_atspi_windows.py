"""Issue 12: every main window and dialog read from the real accessibility tree (AT-SPI, what
Orca reads), as CI runs it.

One stack (tests/atspi_harness.py), one app process (tests/a11y_probe.py: the real app on a
demo journal). The probe opens each window and each of its pages in turn and reports the
texts a sighted user sees there; the AT-SPI client reads the window's tree and its Tab order.
Findings per window:

- ``unnamed focus stop``: a node that is focusable and showing but has no name (or a Tab
  stop without a name);
- ``label not exposed``: a visible label, group box or tab text found in no node's name,
  text or description;
- ``named by its value``: a focusable, showing combo box, text field or spin box without a
  labelled-by relation whose name is only its own value (what it holds, not what it is);
- ``name lacks visible text``: a push button, check box or radio button whose accessible
  name does not contain its visible text (WCAG 2.5.3);
- ``tab order``: the Tab order (by role and name) differs from tests/a11y_tab_orders.json
  (``A11Y_RECORD=1`` writes that file anew from this run; review it by eye).

All findings are written to ``a11y-findings.json`` in the test's tmp folder and printed.
A last test types a canary passphrase into every passphrase field of Nieuw journaal,
Wachtwoord wijzigen, Overdragen and the take-over dialog: it must be in no AT-SPI event
and no text of the tree.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

import pytest
from atspi_harness import AtspiStack, node_texts, require, walk
from test_atspi_passphrase import CANARY, leaks

# ~50 s in one app process: with the slow tests (CI runs them, `-m slow`), in one worker
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("atspi_windows")]

PROBE = Path(__file__).with_name("a11y_probe.py")
TAB_ORDERS = Path(__file__).with_name("a11y_tab_orders.json")
RECORD = os.environ.get("A11Y_RECORD") == "1"

# The windows of the "Done when" (probe name, what the issue calls it), in the order
# they are opened. "unlock" is the lock screen, "main" the main window with its three tabs.
WINDOWS = [
    ("unlock", "Vergrendelscherm"),
    ("main", "Hoofdvenster"),
    ("consultation", "Nieuw gesprek"),
    ("case_edit", "Dossier bewerken"),
    ("case_new", "Nieuw dossier"),
    ("letter", "Brief maken"),
    ("report", "Dossieroverzicht"),
    ("templates", "Briefsjablonen"),
    ("activity", "Activiteitenlog"),
    ("annual_report", "Jaarverslag"),
    ("settings", "Instellingen"),
    ("create_journal", "Nieuw journaal"),
    # the rest of fit_probe's list where the walk is cheap (review of issue 12, item 6); not
    # walked: Help and the evidence browser (a text browser: its links are not nodes; how it
    # is read by caret and Tab is tested below, as is the PDF previews' text)
    ("follow_up", "Vervolgstap"),
    ("backups", "Reservekopieën"),
    ("passphrase", "Wachtwoord wijzigen"),
    ("handover", "Overdragen"),
    ("take_over", "Journaal overnemen"),
    ("kept_letter", "Bewaarde brief"),
]

# Windows with open findings (none now); an entry makes that window's test xfail.
PENDING = "open finding"
XFAIL: set[str] = set()

BUTTON_ROLES = ("push button", "check box", "radio button", "toggle button")
# A table's own cells are data; an empty one is an empty value, not an unnamed control.
DATA_ROLES = ("table cell", "table row header", "table column header")
# Inputs that must be named by a label (a labelled-by relation or a name of their own), not by
# what they hold.
VALUE_ROLES = ("combo box", "text", "spin button")
CANARY_FIELDS = {
    "create_journal": ["createPassphrase", "createPassphraseRepeat"],
    "passphrase": ["passphraseOld", "passphraseNewPassphrase",
                   "passphraseNewPassphraseRepeat"],
    "handover": ["handoverPassphrase", "handoverPassphraseRepeat"],
    "take_over": ["takeOverPassphrase"],
}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def label_words(text: str) -> str:
    """A button's visible text without what is not its label: a shortcut hint at the end
    ("Opslaan (Ctrl+Enter)") and the ellipsis of a button that opens a dialog."""
    text = re.sub(r"\s*\((?:Ctrl|Alt|Shift)\+[^)]*\)$", "", norm(text))
    return text.rstrip("…").rstrip(".").strip()


def stop_of(node: dict) -> dict:
    return {"role": node.get("role", ""), "name": node.get("name", "")}


def _value_texts(node: dict) -> set[str]:
    """What an input holds: its text, its value (a spin box's number, also without a
    trailing ".0"), and for a combo box the names of its items."""
    values = {norm(node.get("text", "")), norm(str(node.get("value", "")))}
    values |= {v[:-2] for v in values if v.endswith(".0")}
    if node.get("role") == "combo box":
        values |= {norm(n.get("name", "")) for n in walk(node) if n is not node}
    return values - {""}


def named_by_its_value(node: dict) -> bool:
    """An input with no label relation whose name is what it holds (a combo box named
    "Open", a field named by its text): a screen reader cannot tell what it is. Qt on Linux
    names a combo box by its current text whatever its accessible name (the label comes by
    the relation), so a combo box always needs the relation."""
    if node.get("labelled_by"):
        return False
    name = norm(node.get("name", ""))
    return node.get("role") == "combo box" or (bool(name) and name in _value_texts(node))


def page_findings(window: str, page: str, texts: list[dict], tree: dict) -> list[dict]:
    """The findings of one page: its Qt-side texts against its AT-SPI tree."""
    where = f"{window}{' ' + page if page else ''}"
    found: list[dict] = []
    nodes = list(walk(tree))
    for node in nodes:
        states = node.get("states", [])
        if ("focusable" in states and "showing" in states and not norm(node["name"])
                and node["role"] not in DATA_ROLES):
            found.append({"window": where, "kind": "unnamed focus stop",
                          "node": f"{node['role']} {node.get('id', '')}"})
        elif ("focusable" in states and "showing" in states and node["role"] in VALUE_ROLES
              and named_by_its_value(node)):
            found.append({"window": where, "kind": "named by its value",
                          "node": f"{node['role']} {node.get('id', '')}",
                          "name": node["name"]})
    exposed = [norm(t) for node in nodes for t in node_texts(node) if t]
    for item in texts:
        text = norm(item["text"])
        if not text:
            continue
        if item["kind"] in BUTTON_ROLES:
            found += _button_finding(where, item, label_words(text), nodes)
        elif not any(text in t for t in exposed):
            found.append({"window": where, "kind": "label not exposed",
                          "object": item["object"], "text": text})
    return found


def _button_finding(where: str, item: dict, text: str, nodes: list[dict]) -> list[dict]:
    """A button's accessible name must contain its visible text. The AT-SPI node is found
    by its AccessibleId (Qt ends it with the objectName), else by a name containing the
    text."""
    if item["object"]:
        same = [n for n in nodes if n["role"] in BUTTON_ROLES
                and n.get("id", "").rsplit(".", 1)[-1] == item["object"]]
        if not same:
            return [{"window": where, "kind": "button not in the tree",
                     "object": item["object"], "text": text}]
        bad = [n for n in same if text.casefold() not in norm(n["name"]).casefold()]
        return [{"window": where, "kind": "name lacks visible text", "object": item["object"],
                 "text": text, "name": n["name"], "role": n["role"]} for n in bad]
    if any(n["role"] in BUTTON_ROLES and text.casefold() in norm(n["name"]).casefold()
           for n in nodes):
        return []
    return [{"window": where, "kind": "name lacks visible text", "object": "",
             "text": text, "name": "(no button node contains it)"}]


def _open(stack: AtspiStack, name: str) -> dict:
    answer = stack.app_command("open", name=name)
    assert answer.get("ok"), answer
    stack.activate(answer["win_id"])
    deadline = time.monotonic() + 10
    title = answer["title"]  # the main window reads as the application's name only
    while time.monotonic() < deadline and not (
            (shown := stack.wait_window()) and (shown in title or title in shown)):
        stack.activate(answer["win_id"])  # the window may map late
        stack.command("pump", seconds=0.1)
    return answer


def _walk_window(stack: AtspiStack, name: str) -> dict:
    """Every page of one window: its findings and its Tab order per page."""
    start = time.monotonic()
    answer = _open(stack, name)
    result: dict = {"title": answer["title"], "findings": [], "tab_orders": {}}
    page, texts = "", answer["texts"]
    while True:
        tree = stack.tree()
        result["findings"] += page_findings(name, page, texts, tree)
        order = [stop_of(n) for n in stack.tab_order(quick=True)]
        result["tab_orders"][page or "start"] = order
        result["findings"] += [
            {"window": f"{name} {page}".strip(), "kind": "unnamed focus stop",
             "node": f"{stop['role']} (Tab stop {i + 1})"}
            for i, stop in enumerate(order) if not norm(stop["name"])]
        step = stack.app_command("page")
        assert step.get("ok"), step
        if step["done"]:
            result["seconds"] = round(time.monotonic() - start, 1)
            return result
        page, texts = step["page"], step["texts"]
        stack.activate(step["win_id"])


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    require()
    work = tmp_path_factory.mktemp("atspi-windows")
    with AtspiStack(work) as stack:
        stack.start_app([], program=[sys.executable, str(PROBE)], pipes=True)
        ready = stack.app_line(timeout=60)
        assert ready.get("ready"), ready
        yield stack, work


@pytest.fixture(scope="module")
def walked(running):
    stack, work = running
    results = {name: _walk_window(stack, name) for name, _label in WINDOWS}
    recorded = {name: r["tab_orders"] for name, r in results.items()}
    if RECORD:
        TAB_ORDERS.write_text(json.dumps(recorded, indent=1, ensure_ascii=False) + "\n",
                              encoding="utf-8")
    expected = json.loads(TAB_ORDERS.read_text(encoding="utf-8")) if TAB_ORDERS.exists() \
        else {}
    for name, result in results.items():
        for page, order in result["tab_orders"].items():
            want = expected.get(name, {}).get(page)
            if want != order:
                result["findings"].append({"window": f"{name} {page}", "kind": "tab order",
                                           "expected": want, "recorded": order})
    artefact = work / "a11y-findings.json"
    artefact.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"\nAT-SPI findings ({artefact}):")
    for result in results.values():
        for finding in result["findings"]:
            print(" ", json.dumps(finding, ensure_ascii=False))
    return results


@pytest.mark.parametrize("name", [
    pytest.param(name, id=name, marks=[pytest.mark.xfail(strict=False, reason=PENDING)]
                 if name in XFAIL else [])
    for name, _label in WINDOWS])
def test_every_window_reads_right_in_the_accessibility_tree(walked, name):
    result = walked[name]
    assert result["tab_orders"], name  # the walk really reached the window
    assert result["findings"] == []


def test_the_canary_passphrase_leaves_no_passphrase_field(running):
    stack, _work = running
    stack.events(clear=True)
    texts: list[dict] = []
    for name, fields in CANARY_FIELDS.items():
        _open(stack, name)
        for field in fields:
            answer = stack.app_command("focus", object=field)
            assert answer.get("ok"), (name, field, answer)
            focus = stack.focused(settle=0.2)
            assert focus is not None and focus["role"] == "password text", (name, field, focus)
            stack.type_text(CANARY)
            deadline = time.monotonic() + 10
            while (focus or {}).get("description") != f"{len(CANARY)} tekens" \
                    and time.monotonic() < deadline:
                focus = stack.focused(settle=0.2)  # the typing really reached the field
            assert focus is not None and focus["description"] == f"{len(CANARY)} tekens", \
                (name, field, focus)
        texts.append(stack.tree())
    events = stack.events()
    assert any(e["type"].startswith("object:text-changed:insert")
               and e["source_role"] == "password text" for e in events)
    found = leaks(events)
    for tree in texts:
        found += leaks([], tree)
    assert found == []
    assert not any(CANARY in json.dumps(node_texts(n)) for tree in texts for n in walk(tree))


def _caret_moves(events: list[dict], role: str, beyond: int) -> list[int]:
    return [e["detail1"] for e in events if e["type"].startswith("object:text-caret-moved")
            and e["source_role"] == role and e["detail1"] > beyond]


def test_the_manual_is_read_by_caret_and_its_links_by_tab(running):
    """Tab to a link tells the screen reader (selection and caret events: Qt sends none of
    its own), Return puts the caret at the link's target, Down reads on from there."""
    stack, _work = running
    _open(stack, "help")
    assert stack.app_command("focus", object="helpContents").get("ok")
    stack.key("Return", settle=0.3)  # Inhoud: the top of the manual
    assert stack.app_command("focus", object="helpBrowser").get("ok")
    browser = stack.focused(settle=0.3)
    assert browser is not None and browser["name"] == "Handleiding", browser
    role = browser["role"]
    stack.events(clear=True)
    stack.key("Tab")
    selected = lambda events: any(  # noqa: E731
        e["type"].startswith("object:text-selection-changed") and e["source_role"] == role
        for e in events)
    events = stack.wait_events(lambda ev: selected(ev) and _caret_moves(ev, role, 0))
    assert selected(events), sorted({e["type"] for e in events})
    link = max(_caret_moves(events, role, 0))
    stack.events(clear=True)
    stack.key("Return")
    events = stack.wait_events(lambda ev: bool(_caret_moves(ev, role, link)))
    target = max(_caret_moves(events, role, link) or [-1])
    assert target > link, [e for e in events if "caret" in e["type"]]
    stack.events(clear=True)
    stack.key("Down")
    events = stack.wait_events(lambda ev: bool(_caret_moves(ev, role, target)))
    assert _caret_moves(events, role, target), [e for e in events if "caret" in e["type"]]


def test_a_pdf_preview_gives_its_text_to_the_screen_reader(running):
    stack, _work = running
    _open(stack, "report")
    previews = [n for n in walk(stack.tree()) if n["name"] == "Voorbeeld van het overzicht"]
    assert previews, "no preview node"
    description = previews[0]["description"]
    assert description.startswith("Pagina 1: ") and "Dossieroverzicht" in description, \
        description[:200]
    assert "\r" not in description
