"""Issue 12: labels keep their text and inputs name their label, read from the real
accessibility tree (Xvfb + session D-Bus + AT-SPI bus + pyatspi, tests/atspi_harness.py).

The demo journal is unlocked by typing its passphrase; the first case of the list is chosen
with the keyboard. In the tree: the Gegevens panel's value labels expose their values and are
labelled by their field label ("Organisatie" labelling "Gemeente …"), the heading reads the
case code and status, "Aantal dossiers" exposes its count, and the status filter combo is
labelled by its visible label, and so are the combos of a row in Nieuw gesprek (Qt on Linux
reports a combo's current item as its name; the
label comes through the labelled-by relation)."""

from __future__ import annotations

import subprocess
import time

from atspi_harness import AtspiStack, walk

from vp_desktop.interchange.demo_data import create_demo_journal

PASSPHRASE = "demo demo demo"


def _wait_for(stack: AtspiStack, found, timeout: float = 15) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        tree = stack.tree()
        if found(tree) or time.monotonic() > deadline:
            return tree
        stack.command("pump", seconds=0.2)


def test_the_case_panel_reads_values_with_their_labels(stack, tmp_path):
    journal = tmp_path / "demo.vpj"
    create_demo_journal(journal, PASSPHRASE, cases=8, seed=1)
    stack.start_app(["--journal", str(journal)])
    stack.wait_window()
    stack.activate()
    # the lock screen: the journal's path is exposed, not hidden behind "Journaal"
    tree = stack.tree()
    assert any(n["role"] == "label" and str(journal) in n["name"] for n in walk(tree))
    stack.type_text(PASSPHRASE)
    stack.key("Return")
    # the journal opens with its most recent case chosen (its heading carries the code)
    tree = _wait_for(stack, lambda t: any(
        n["role"] == "label" and n["name"].startswith("Dossier ") and "·" in n["name"]
        for n in walk(t)))
    nodes = list(walk(tree))
    headings = [n["name"] for n in nodes if n["role"] == "label" and n["name"].startswith(
        "Dossier ") and "·" in n["name"]]
    assert len(headings) == 1, headings
    code = headings[0].split()[1]  # "Dossier 2026-005 · open": code and status
    assert len(code) == 8 and code[4] == "-" and headings[0].endswith(("· open", "· gesloten"))
    assert any(n["role"] == "table cell" and n["name"] == code for n in nodes)
    # each value label exposes its value and is labelled by its field label
    values = {n["labelled_by"][0]: n["name"] for n in nodes
              if n["role"] == "label" and n["labelled_by"]}
    organisations = {n["name"] for n in nodes if n["role"] == "list item"}
    assert values["Organisatie:"] in organisations - {"Alle organisaties"}, values
    for field in ("Looptijd:", "Melder:", "Toestemming:", "Omschrijving:"):
        assert values[field] and values[field] != field.rstrip(":"), (field, values)
    assert values["Looptijd:"].startswith("geopend ")
    # "Aantal dossiers" exposes the count
    assert "8 dossiers" in {n["name"] for n in nodes if n["role"] == "label"}
    # the filter combos: labelled by their visible labels (Qt on Linux reports a combo's
    # current item as its name; a reader says the labelled-by label first)
    combos = {n["labelled_by"][0]: n["name"] for n in nodes
              if n["role"] == "combo box" and n["labelled_by"]}
    assert combos["Status:"] == "Alle statussen"
    assert combos["Jaar:"] == "Alle jaren"
    # Nieuw gesprek: the combos of a row (the case, the kind of follow-up) each have their
    # own visible label as labelled-by, not only the row
    subprocess.run(["xdotool", "key", "ctrl+n"], env=stack.env, check=True, timeout=10)
    deadline = time.monotonic() + 15
    while "Nieuw gesprek" not in stack.wait_window() and time.monotonic() < deadline:
        stack.command("pump", seconds=0.2)
        stack.activate()  # no window manager gives the dialog the focus
    tree = _wait_for(stack, lambda t: any(
        n["role"] == "combo box" and n["labelled_by"] == ["Soort"] for n in walk(t)))
    combos = {n["labelled_by"][0]: n["name"] for n in walk(tree)
              if n["role"] == "combo box" and n["labelled_by"]}
    assert combos.get("Soort") and combos["Soort"] != "Soort", combos
    assert "Dossier" in combos, combos  # the editable case combo
