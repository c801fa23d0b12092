"""The real accessibility tree, as a screen reader (Orca) gets it: a private session D-Bus,
Xvfb, the AT-SPI bus (at-spi2-core) and an AT-SPI client (tests/atspi_client.py under the
system python3 with Debian's python3-pyatspi), then the app as a real process with
accessibility on. Reusable for every window:

    with AtspiStack(tmp_path) as stack:          # or: stack = AtspiStack(tmp_path); stack.start()
        stack.start_app(["--journal", str(path)])
        stack.wait_window()                      # the name of the app's active window
        tree = stack.tree()                      # {role, name, description, text, value,
                                                 #  states, children} of the active window
        stack.type_text("…"); stack.key("Return")
        stack.focused()                          # the focused node (no children)
        stack.tab_order()                        # [focused node after each Tab], one round
        stack.events()                           # every AT-SPI event since the client started

:func:`missing` names what is not installed; :func:`require` skips with that reason, or
fails under ``CI=true`` (installer/setup-debian.sh test installs it all).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLIENT = Path(__file__).with_name("atspi_client.py")
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
APP_NAME = "VP Desktop"


def missing() -> str:
    """Why the stack cannot run here ('' when it can)."""
    need = [tool for tool in ("Xvfb", "dbus-daemon", "xdotool") if shutil.which(tool) is None]
    if not Path(BUS_LAUNCHER).exists():
        need.append("at-spi2-core")
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(
            [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Atspi', '2.0'); "
             "from gi.repository import Atspi"], capture_output=True).returncode != 0:
        need.append("python3-pyatspi/gir1.2-atspi-2.0")
    if not need:
        return ""
    return "not installed: " + ", ".join(need) + " (installer/setup-debian.sh test adds them)"


def require() -> None:
    reason = missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the AT-SPI test, but {reason}")
        pytest.skip(reason)


def same_node(a: dict | None, b: dict | None) -> bool:
    """Whether two node dicts (from :meth:`AtspiStack.focused`) are the same control: by
    role, name and id, not by texts or states, which change as the focus moves (a scrolled
    text's caret, the ``focused`` state)."""
    if a is None or b is None:
        return a is b
    return all(a.get(key) == b.get(key) for key in ("role", "name", "id"))


def walk(node: dict | None):
    """Every node of a tree from :meth:`AtspiStack.tree`, depth first."""
    if node is None:
        return
    yield node
    for child in node.get("children", ()):
        yield from walk(child)


def node_texts(node: dict) -> list[str]:
    return [node.get(key, "") for key in ("name", "description", "text", "value")]


class AtspiStack:
    def __init__(self, work: Path, size: tuple[int, int] = (1280, 800)):
        self.work = work
        self.size = size
        self.env: dict[str, str] = {}
        self._procs: list[subprocess.Popen] = []
        self.app: subprocess.Popen | None = None
        self._client: subprocess.Popen | None = None
        self.app_name = APP_NAME

    # --- lifecycle ------------------------------------------------------------------------
    def __enter__(self) -> AtspiStack:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        work = self.work
        home = work / "home"
        (home / ".config").mkdir(parents=True, exist_ok=True)
        (home / ".local" / "share").mkdir(parents=True, exist_ok=True)
        (work / "tmp").mkdir(exist_ok=True)
        settings = home / ".config" / "VP Desktop" / "VP Desktop.conf"  # QSettings, Linux
        settings.parent.mkdir(exist_ok=True)
        if not settings.exists():  # the welcome dialog is a window of its own; not first
            settings.write_text("[General]\nwelkom_gezien=true\n", encoding="utf-8")
        runtime = work / "run"
        runtime.mkdir(mode=0o700, exist_ok=True)
        env = {k: v for k, v in os.environ.items()
               if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM",
                            "DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS")}
        env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                   XDG_DATA_HOME=str(home / ".local" / "share"), XDG_RUNTIME_DIR=str(runtime),
                   TMPDIR=str(work / "tmp"), NO_AT_BRIDGE="0")
        bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1",
                                f"--address=unix:path={work / 'bus'}"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env=env)
        self._procs.append(bus)
        assert bus.stdout is not None
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        read, write = os.pipe()
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-nolisten", "tcp",
                                 "-screen", "0", f"{self.size[0]}x{self.size[1]}x24"],
                                pass_fds=(write,), stderr=subprocess.DEVNULL, env=env)
        os.close(write)
        self._procs.append(xvfb)
        with os.fdopen(read) as pipe:
            env["DISPLAY"] = ":" + pipe.readline().strip()
        launcher = subprocess.Popen([BUS_LAUNCHER, "--launch-immediately"], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._procs.append(launcher)
        self.env = env
        self._client = subprocess.Popen([SYSTEM_PYTHON, str(CLIENT)], env=env, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
        self._procs.append(self._client)
        ready = self._read(30)
        assert ready.get("ready"), ready

    def stop(self) -> None:
        if self._client is not None and self._client.poll() is None:
            with contextlib.suppress(Exception):  # a dead client is stopped below anyway
                self.command("quit", wait=5)
        self.stop_app()
        for proc in reversed(self._procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in reversed(self._procs):
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)

    def start_app(self, args: list[str], extra_env: dict[str, str] | None = None,
                  program: list[str] | None = None, app_name: str = APP_NAME,
                  pipes: bool = False) -> subprocess.Popen:
        """``python -m vp_desktop ARGS`` from this checkout (or ``program`` + ARGS, an app
        whose AT-SPI name contains ``app_name``), accessibility always on. One app at a
        time: a running one is stopped first. With ``pipes`` the app's stdin and stdout are
        a command channel (one JSON line each way, see :meth:`app_command`)."""
        self.stop_app()
        env = dict(self.env, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
                   PYTHONPATH=str(ROOT), **(extra_env or {}))
        self.app_name = app_name
        argv = program or [sys.executable, "-m", "vp_desktop"]
        with open(self.work / "app-stderr.txt", "w") as stderr:  # the child keeps its copy
            self.app = subprocess.Popen(
                [*argv, *args], env=env, cwd=ROOT, stderr=stderr, text=pipes,
                stdin=subprocess.PIPE if pipes else None,
                stdout=subprocess.PIPE if pipes else subprocess.DEVNULL)
        return self.app

    def app_line(self, timeout: float = 60) -> dict[str, Any]:
        """The next JSON line the app (started with ``pipes``) writes; other lines are
        skipped."""
        import selectors

        assert self.app is not None and self.app.stdout is not None
        end = time.monotonic() + timeout
        selector = selectors.DefaultSelector()
        selector.register(self.app.stdout, selectors.EVENT_READ)
        while True:
            left = end - time.monotonic()
            if left <= 0 or not selector.select(left):
                raise TimeoutError(f"the app did not answer; stderr: {self.app_stderr()}")
            line = self.app.stdout.readline()
            if not line:
                raise RuntimeError(f"the app stopped; stderr: {self.app_stderr()}")
            with contextlib.suppress(ValueError):
                answer = json.loads(line)
                if isinstance(answer, dict):
                    return answer

    def app_command(self, cmd: str, timeout: float = 60, **fields: Any) -> dict[str, Any]:
        """Sends one command to the app started with ``pipes``; its JSON answer."""
        assert self.app is not None and self.app.stdin is not None
        self.app.stdin.write(json.dumps({"cmd": cmd, **fields}) + "\n")
        self.app.stdin.flush()
        return self.app_line(timeout)

    def app_stderr(self) -> str:
        return (self.work / "app-stderr.txt").read_text(errors="replace")[-2000:]

    def stop_app(self) -> None:
        if self.app is not None and self.app.stdin is not None:
            with contextlib.suppress(OSError):
                self.app.stdin.close()
        if self.app is not None and self.app.poll() is None:
            self.app.terminate()
            try:
                self.app.wait(5)
            except subprocess.TimeoutExpired:
                self.app.kill()
                self.app.wait(5)
        self.app = None

    # --- talking to the client ------------------------------------------------------------
    def _read(self, timeout: float) -> dict[str, Any]:
        assert self._client is not None and self._client.stdout is not None
        import selectors

        selector = selectors.DefaultSelector()
        selector.register(self._client.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            raise TimeoutError("the AT-SPI client did not answer")
        line = self._client.stdout.readline()
        if not line:
            err = self._client.stderr.read() if self._client.stderr else ""
            raise RuntimeError(f"the AT-SPI client stopped: {err[-2000:]}")
        return json.loads(line)

    def command(self, cmd: str, wait: float = 30, **fields: Any) -> dict[str, Any]:
        assert self._client is not None and self._client.stdin is not None
        self._client.stdin.write(json.dumps({"cmd": cmd, "app": self.app_name, **fields}) + "\n")
        self._client.stdin.flush()
        return self._read(wait)

    def wait_window(self, timeout: float = 20) -> str:
        answer = self.command("wait_window", wait=timeout + 5, timeout=timeout)
        if not answer["ok"]:
            err = (self.work / "app-stderr.txt").read_text(errors="replace")[-2000:]
            raise AssertionError(f"no window of the app in the AT-SPI tree; app stderr: {err}")
        return answer["window"]

    def wait_window_named(self, name: str, timeout: float = 15) -> str:
        end = time.monotonic() + timeout
        current = ""
        while time.monotonic() < end:
            current = self.wait_window()
            if name in current:
                return current
            self.command("pump", seconds=0.2)
        raise AssertionError(f"the active window stayed {current!r}, not {name!r}")

    def activate(self, window_id: int | None = None) -> None:
        """Gives the app's newest visible window (or the X window ``window_id``) the X
        input focus (there is no window manager under Xvfb to do it), so Qt makes it active
        and keys and focus events flow."""
        assert self.app is not None
        if window_id is None:
            windows = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid",
                                      str(self.app.pid)], env=self.env, capture_output=True,
                                     text=True).stdout.split()
            assert windows, "the app has no visible X window"
            target = windows[-1]
        else:
            target = str(window_id)
        subprocess.run(["xdotool", "windowfocus", "--sync", target], env=self.env,
                       check=True, capture_output=True, timeout=10)
        self.command("pump", seconds=0.2)

    def tree(self) -> dict:
        return self.command("tree")["tree"]

    def focused(self, settle: float = 0.1) -> dict | None:
        return self.command("focused", settle=settle)["node"]

    def type_text(self, text: str) -> None:
        self.command("keys", text=text)

    def key(self, sym: str, settle: float = 0.1) -> None:
        self.command("key", sym=sym, settle=settle)

    def events(self, clear: bool = False) -> list[dict]:
        """Every event since the start (or the last ``clear``): type, detail1, detail2,
        any_data (its repr), source_role, source_name."""
        return self.command("events", clear=clear)["events"]

    def wait_events(self, done, timeout: float = 10) -> list[dict]:
        """Events since the start (or the last clear) once ``done(events)`` is true, or
        when ``timeout`` ran out (a slow machine delivers late)."""
        end = time.monotonic() + timeout
        while True:
            events = self.events()
            if done(events) or time.monotonic() > end:
                return events
            self.command("pump", seconds=0.2)

    def snapshot(self) -> dict:
        """The active window as JSON: its name, its tree and its Tab order."""
        return {"window": self.wait_window(), "tree": self.tree(),
                "tab_order": self.tab_order()}

    def tab_order(self, limit: int = 60, quick: bool = False) -> list[dict]:
        """Sends Tab until focus comes back to where it started (or ``limit`` stops);
        returns the focused node after each Tab (the start is the last entry). ``quick``
        waits after each Tab only until the focus event arrives (at most 1 s) instead of a
        fixed 0.2 s."""
        start = self.focused()
        order: list[dict] = []
        node = start
        for _ in range(limit):
            before = node
            if quick:
                self.key("Tab", settle=0.02)
                node = self.focused(settle=0.02)
                end = time.monotonic() + 1.0
                while same_node(node, before) and time.monotonic() < end:
                    node = self.focused(settle=0.03)
            else:
                self.key("Tab")
                node = self.focused()
            order.append(node or {})
            if same_node(node, start):  # not the whole dict: a text or state may change
                break
        return order
