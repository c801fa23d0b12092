"""The AT-SPI client of tests/atspi_harness.py. Runs under the SYSTEM python3 (Debian's
python3-pyatspi; the venv cannot import gi), inside the session bus the harness started.

It registers for every event type before the app starts, records every event, and answers
commands, one JSON object per line on stdin, one JSON answer per line on stdout:

  {"cmd": "wait_window", "app": "vp-desktop", "timeout": 20}
        -> {"ok": true, "window": "<name of the active window>"}
  {"cmd": "tree", "app": "vp-desktop"}      -> {"ok": true, "tree": <node>}
        node = {role, name, id, description, text, value, states, children}
        (id: the AT-SPI AccessibleId, which Qt builds from the objectNames)
  {"cmd": "focused", "app": "vp-desktop"}   -> {"ok": true, "node": <node without children>}
  {"cmd": "keys", "text": "abc"}            -> typed as key syms (XTest through registryd)
  {"cmd": "key", "sym": "Tab"}              -> one named key (Tab, Return, BackSpace, ...)
  {"cmd": "events", "clear": false}          -> {"ok": true, "events": [...]}, all so far
        event = {type, detail1, detail2, any_data (repr), source_role, source_name}
  {"cmd": "quit"}

Nothing here knows the app's passphrases: the caller scans what it gets back.
"""

from __future__ import annotations

import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

# Every event class the registry knows (libatspi matches a bare class against every
# major:minor below it). Keystrokes are not app events and are left out on purpose.
EVENT_CLASSES = ("object", "window", "document", "focus", "mouse", "terminal",
                 "screen-reader")

KEYSYMS = {"Tab": 0xFF09, "Return": 0xFF0D, "BackSpace": 0xFF08, "Delete": 0xFFFF,
           "Left": 0xFF51, "Right": 0xFF53, "Home": 0xFF50, "End": 0xFF57,
           "Escape": 0xFF1B, "ISO_Left_Tab": 0xFE20, "Up": 0xFF52, "Down": 0xFF54}

events: list[dict] = []
last_focus: list = []  # the source of the latest state-changed:focused (detail1 = 1)


def _safe(call, default=""):
    try:
        value = call()
    except Exception:  # a node that went away while we looked
        return default
    return default if value is None else value


def _text_of(node) -> str:
    text = _safe(node.get_text_iface, None)
    if text is None:
        return ""
    count = _safe(lambda: Atspi.Text.get_character_count(node), 0)
    return str(_safe(lambda: Atspi.Text.get_text(node, 0, count), ""))


def _value_of(node) -> str:
    value = _safe(node.get_value_iface, None)
    if value is None:
        return ""
    return str(_safe(lambda: Atspi.Value.get_current_value(node), ""))


def _labelled_by(node) -> list[str]:
    """The names of the nodes a LABELLED_BY relation of ``node`` points at."""
    names = []
    for relation in _safe(node.get_relation_set, []) or []:
        if _safe(relation.get_relation_type, None) != Atspi.RelationType.LABELLED_BY:
            continue
        for i in range(_safe(relation.get_n_targets, 0)):
            target = _safe(lambda i=i, r=relation: r.get_target(i), None)
            if target is not None:
                names.append(str(_safe(target.get_name)))
    return names


def describe(node, depth: int = 0, children: bool = True) -> dict:
    states = _safe(node.get_state_set, None)
    names = []
    if states is not None:
        names = sorted(Atspi.StateType(s).value_nick for s in range(Atspi.StateType.LAST_DEFINED)
                       if states.contains(Atspi.StateType(s)))
    out = {"role": str(_safe(node.get_role_name)), "name": str(_safe(node.get_name)),
           "description": str(_safe(node.get_description)), "text": _text_of(node),
           "value": _value_of(node), "states": names, "labelled_by": _labelled_by(node),
           "id": str(_safe(node.get_accessible_id))}  # Qt: the objectName path
    if children and depth < 40:
        kids = []
        for i in range(_safe(node.get_child_count, 0)):
            child = _safe(lambda i=i: node.get_child_at_index(i), None)
            if child is not None:
                kids.append(describe(child, depth + 1))
        out["children"] = kids
    return out


def _apps(name: str) -> list:
    desktop = Atspi.get_desktop(0)
    found = []
    for i in range(_safe(desktop.get_child_count, 0)):
        app = _safe(lambda i=i: desktop.get_child_at_index(i), None)
        if app is not None and (not name or name in str(_safe(app.get_name))):
            found.append(app)
    return found


def active_window(name: str):
    fallback = None
    for app in _apps(name):
        for i in range(_safe(app.get_child_count, 0)):
            window = _safe(lambda i=i, app=app: app.get_child_at_index(i), None)
            if window is None:
                continue
            states = _safe(window.get_state_set, None)
            if states is not None and states.contains(Atspi.StateType.ACTIVE):
                return window
            if states is not None and states.contains(Atspi.StateType.SHOWING):
                fallback = window
    return fallback


def focused(name: str):
    window = active_window(name)
    if window is None:
        return None
    stack = [window]
    while stack:
        node = stack.pop()
        states = _safe(node.get_state_set, None)
        if states is not None and states.contains(Atspi.StateType.FOCUSED):
            return node
        for i in range(_safe(node.get_child_count, 0) - 1, -1, -1):
            child = _safe(lambda i=i, node=node: node.get_child_at_index(i), None)
            if child is not None:
                stack.append(child)
    return None


def on_event(event) -> None:
    source = event.source
    if str(event.type).startswith("object:state-changed:focused") and event.detail1 == 1:
        last_focus[:] = [source]
    events.append({"type": str(event.type), "detail1": event.detail1,
                   "detail2": event.detail2, "any_data": repr(event.any_data),
                   "source_role": str(_safe(source.get_role_name)) if source else "",
                   "source_name": str(_safe(source.get_name)) if source else ""})


def pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    context = GLib.MainContext.default()
    while time.monotonic() < end:
        while context.pending():
            context.iteration(False)
        time.sleep(0.01)


def handle(command: dict) -> dict:
    cmd = command["cmd"]
    app = command.get("app", "")
    if cmd == "wait_window":
        end = time.monotonic() + float(command.get("timeout", 20))
        while time.monotonic() < end:
            pump(0.1)
            window = active_window(app)
            if window is not None:
                return {"ok": True, "window": str(_safe(window.get_name))}
        return {"ok": False, "error": "no window"}
    if cmd == "tree":
        window = active_window(app)
        return {"ok": window is not None, "tree": describe(window) if window else None}
    if cmd == "focused":
        pump(float(command.get("settle", 0.1)))
        node = last_focus[0] if last_focus else focused(app)
        return {"ok": node is not None,
                "node": describe(node, children=False) if node else None}
    if cmd in ("keys", "key"):
        syms = ([KEYSYMS[command["sym"]]] if cmd == "key"
                else [KEYSYMS.get(c, ord(c)) for c in command["text"]])
        for sym in syms:
            Atspi.generate_keyboard_event(sym, None, Atspi.KeySynthType.SYM)
            pump(0.01)
        pump(float(command.get("settle", 0.1)))
        return {"ok": True}
    if cmd == "pump":
        pump(float(command.get("seconds", 0.2)))
        return {"ok": True}
    if cmd == "events":
        pump(float(command.get("settle", 0.2)))
        answer = {"ok": True, "events": list(events)}
        if command.get("clear"):
            events.clear()
            last_focus.clear()
        return answer
    if cmd == "quit":
        return {"ok": True}
    return {"ok": False, "error": f"unknown command {cmd}"}


def main() -> int:
    Atspi.init()
    listener = Atspi.EventListener.new(on_event)
    for kind in EVENT_CLASSES:
        listener.register(kind)
    pump(0.2)
    print(json.dumps({"ok": True, "ready": True}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        command = json.loads(line)
        try:
            answer = handle(command)
        except Exception as exc:  # report, keep serving
            answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(answer), flush=True)
        if command["cmd"] == "quit":
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
