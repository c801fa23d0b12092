"""The walk's check for inputs named only by their value (tests/test_atspi_windows.py, issue
12 review item 5) can fail: fast checks on node dicts as tests/atspi_client.py reports them."""

from __future__ import annotations

from test_atspi_windows import named_by_its_value, page_findings


def node(role: str, name: str, **more) -> dict:
    return {"role": role, "name": name, "description": "", "text": more.get("text", ""),
            "value": more.get("value", ""), "states": ["focusable", "showing"],
            "labelled_by": more.get("labelled_by", []), "id": f"w.{role}",
            "children": more.get("children", [])}


def test_inputs_named_by_their_value_are_found():
    assert named_by_its_value(node("text", "Jansen", text="Jansen"))
    assert named_by_its_value(node("spin button", "2026", value="2026.0"))
    assert named_by_its_value(node("combo box", "Terugbellen",
                                   children=[node("list item", "Terugbellen")]))
    assert named_by_its_value(node("combo box", "Open"))  # Qt on Linux: name = current text


def test_labelled_or_named_inputs_pass():
    assert not named_by_its_value(node("combo box", "Open", labelled_by=["Status"]))
    assert not named_by_its_value(node("text", "Achternaam", text="Jansen"))
    assert not named_by_its_value(node("text", "Jansen", text="Jansen",
                                       labelled_by=["Achternaam"]))
    assert not named_by_its_value(node("spin button", "Jaar", value="2026.0"))


def test_page_findings_reports_them():
    tree = node("dialog", "Venster", children=[node("text", "Jansen", text="Jansen")])
    tree["states"] = []
    [finding] = page_findings("x", "", [], tree)
    assert finding["kind"] == "named by its value" and finding["name"] == "Jansen"
