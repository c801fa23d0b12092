"""One window per user, one writer per journal: real QLocalServer, real QLockFile, real
second processes (a second start that hands over, a holder killed with SIGKILL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QDeadlineTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.clirun import run_main
from tests.conftest import PASSPHRASE
from vp_desktop.storage.journal import Journal
from vp_desktop.ui import single_instance as si

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def runtime(tmp_path, monkeypatch):
    """The lock and socket folder (``run`` in the app's data folder) of a private data root."""
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "xdg-run"))  # must not matter
    return data / "VP Desktop" / "run"


@pytest.fixture
def app():
    return QApplication.instance() or QApplication([])


def _wait(until, ms: int = 5000) -> None:
    deadline = QDeadlineTimer(ms)
    while not until() and not deadline.hasExpired():
        QTest.qWait(10)  # not processEvents() in a loop: see test_screen_lock_platforms


def _python(code: str, runtime: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, XDG_DATA_HOME=str(runtime.parent.parent), PYTHONPATH=str(ROOT),
               QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


# --- names and places ----------------------------------------------------------------------


def test_runtime_folder_is_private_and_names_hold_no_path_text(runtime, tmp_path):
    journal = tmp_path / "Geheim dossier Jansen.vpj"
    folder = si.runtime_dir()
    assert folder == runtime
    assert folder.stat().st_mode & 0o077 == 0
    lock = si.journal_lock_file(journal)
    assert lock.parent == folder  # never next to the journal
    assert "Jansen" not in lock.name and "Geheim" not in lock.name
    assert not lock.name.endswith((".vpj", "-wal", "-shm", "-journal"))
    assert "Jansen" not in si.server_name()


def test_the_lock_is_found_without_the_session_variables_and_through_a_hard_link(
        runtime, tmp_path, monkeypatch):
    """A command started over ssh, su or cron has no $XDG_RUNTIME_DIR; a hard link is the
    same file under another name: both must meet the window's lock."""
    journal = tmp_path / "journaal.vpj"
    journal.write_bytes(b"x")
    lock = si.JournalLock()
    assert lock.acquire(journal)
    try:
        monkeypatch.delenv("XDG_RUNTIME_DIR")
        assert si.journal_held_elsewhere(journal)
        linked = tmp_path / "andere-naam.vpj"
        os.link(journal, linked)
        assert si.journal_lock_file(linked) == si.journal_lock_file(journal)
    finally:
        lock.release()


def test_lock_file_is_keyed_by_the_real_path(runtime, tmp_path):
    journal = tmp_path / "a.vpj"
    journal.write_bytes(b"x")
    link = tmp_path / "link.vpj"
    link.symlink_to(journal)
    assert si.journal_lock_file(link) == si.journal_lock_file(journal)
    assert si.journal_lock_file(tmp_path / "b.vpj") != si.journal_lock_file(journal)


def test_user_key_follows_the_user(monkeypatch, tmp_path):
    first = si.user_key()
    assert first == si.user_key()
    monkeypatch.setenv("HOME", str(tmp_path / "someone-else"))
    assert si.user_key() != first


def test_request_round_trip_and_junk():
    path = Path("/home/vp/Journalen/privé journaal.vpj")
    assert si.decode_request(si.encode_request(path)) == str(path)
    assert si.decode_request(si.encode_request(None)) == ""
    assert si.decode_request(b"GET / HTTP/1.1\n") is None
    assert si.decode_request(si.PROTOCOL + b'{"journal": "relatief.vpj"}\n') is None
    assert si.decode_request(si.PROTOCOL + b'{"journal": 3}\n') is None
    assert si.decode_request(si.PROTOCOL + b"\xff\xfe\n") is None


# --- the journal lock ----------------------------------------------------------------------


def test_journal_lock_excludes_a_second_claim_and_is_released(runtime, tmp_path):
    journal = tmp_path / "j.vpj"
    first, second = si.JournalLock(), si.JournalLock()
    assert first.acquire(journal)
    assert si.journal_held_elsewhere(journal)
    assert not second.acquire(journal, wait_ms=0)
    first.release()
    assert not si.journal_held_elsewhere(journal)
    assert second.acquire(journal, wait_ms=0)
    second.release()


HOLD = """
    import sys, time
    from vp_desktop.ui.single_instance import JournalLock
    lock = JournalLock()
    print("held" if lock.acquire(sys.argv[1]) else "refused", flush=True)
    time.sleep(60)
"""


def test_lock_of_a_killed_process_is_taken_over(runtime, tmp_path):
    journal = tmp_path / "j.vpj"
    holder = _python(HOLD, runtime, str(journal))
    try:
        assert holder.stdout.readline().strip() == "held"
        assert si.journal_held_elsewhere(journal)
        assert not si.JournalLock().acquire(journal, wait_ms=0)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
    assert si.journal_lock_file(journal).exists()  # the crash left its lock file behind
    assert not si.journal_held_elsewhere(journal)  # …which is seen as stale
    lock = si.JournalLock()
    assert lock.acquire(journal, wait_ms=0)
    lock.release()
    assert not si.journal_lock_file(journal).exists()


def test_claim_for_command(runtime, tmp_path):
    journal = tmp_path / "j.vpj"
    journal.write_bytes(b"x")
    with si.claim_for_command(journal) as refusal:
        assert refusal == ""
        assert si.journal_held_elsewhere(journal)  # held while the command runs
    assert not si.journal_held_elsewhere(journal)
    window = si.JournalLock()
    assert window.acquire(journal)
    with si.claim_for_command(journal) as refusal:
        assert refusal == si.JOURNAL_IN_USE_CLI
    window.release()
    with si.claim_for_command(tmp_path / "new.vpj") as refusal:  # nothing to guard yet
        assert refusal == ""


def test_cli_write_commands_refuse_while_a_window_holds_the_journal(runtime, journal,
                                                                  journal_path):
    journal.close()
    window = si.JournalLock()
    assert window.acquire(journal_path)
    try:
        result = run_main("destroy", str(journal_path), "--due", "--dry-run",
                          "--passphrase-stdin", stdin=PASSPHRASE + "\n")
        assert result.returncode != 0
        assert "geopend in het venster" in result.stderr
        result = run_main("cases", str(journal_path), "--passphrase-stdin",
                          stdin=PASSPHRASE + "\n")
        assert result.returncode == 0, result.stderr  # reading is fine
    finally:
        window.release()
    result = run_main("destroy", str(journal_path), "--due", "--dry-run",
                      "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr
    assert not si.journal_held_elsewhere(journal_path)  # the command gave it back


# --- the running window: server and second start --------------------------------------


SECOND_START = """
    import sys
    from pathlib import Path
    from vp_desktop.ui.single_instance import start_or_hand_over
    from PySide6.QtCore import QCoreApplication
    app = QCoreApplication([])
    instance = start_or_hand_over(Path(sys.argv[1]) if sys.argv[1] else None)
    sys.exit(0 if instance is None else 3)
"""


def test_second_start_hands_over_to_the_running_one(app, runtime, tmp_path):
    first = si.SingleInstance()
    assert first.claim()
    assert first.server is not None
    received: list[str] = []
    first.server.handed_over.connect(received.append)
    try:
        target = tmp_path / "dubbelgeklikt.vpj"
        second = _python(SECOND_START, runtime, str(target))
        _wait(lambda: second.poll() is not None and bool(received))
        assert second.wait(10) == 0, second.stderr.read()
        assert received == [str(target)]
        third = _python(SECOND_START, runtime, "")  # started without a journal: focus only
        _wait(lambda: third.poll() is not None and len(received) == 2)
        assert third.wait(10) == 0
        assert received[1] == ""
    finally:
        first.release()


def test_first_start_claims_and_a_killed_first_start_is_replaced(app, runtime):
    first = _python(SECOND_START, runtime, "")
    # nobody runs: this start becomes the first one (exit 3 = "I am the window")
    assert first.wait(20) == 3, first.stderr.read()

    holder = _python("""
        import time
        from PySide6.QtCore import QCoreApplication
        from vp_desktop.ui.single_instance import SingleInstance
        app = QCoreApplication([])
        instance = SingleInstance()
        print("first" if instance.claim() and instance.server else "no", flush=True)
        time.sleep(60)
    """, runtime)
    try:
        assert holder.stdout.readline().strip() == "first"
        assert not si.SingleInstance().claim()  # taken while it lives
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
    after = si.SingleInstance()
    assert after.claim()  # stale lock taken over, stale socket replaced
    assert after.server is not None
    after.release()


def test_server_ignores_junk(app, runtime):
    from PySide6.QtNetwork import QLocalSocket

    first = si.SingleInstance()
    assert first.claim()
    received: list[str] = []
    first.server.handed_over.connect(received.append)
    try:
        socket = QLocalSocket()
        socket.connectToServer(first.name)
        assert socket.waitForConnected(2000)
        socket.write(b"hallo\n")
        answer = b""
        deadline = QDeadlineTimer(3000)
        while b"\n" not in answer and not deadline.hasExpired():
            QTest.qWait(10)
            answer += bytes(socket.readAll().data())
        assert answer == b"NO\n"
        QTest.qWait(50)
        assert received == []
    finally:
        first.release()


# --- the window ----------------------------------------------------------------------------


def _window(journal_path):
    from vp_desktop.ui.app import build_window

    return build_window(str(journal_path))


def test_second_window_cannot_unlock_the_same_journal(app, runtime, journal, journal_path):
    journal.close()
    one, one_session = _window(journal_path)
    two, two_session = _window(journal_path)
    try:
        one.unlock_view.unlock_requested.emit(PASSPHRASE)
        assert one_session.is_unlocked
        two.unlock_view.unlock_requested.emit(PASSPHRASE)
        assert not two_session.is_unlocked
        assert "al geopend in een ander venster" in two.unlock_view.message.text()
        one_session.lock()  # the first gives it back
        two.unlock_view.unlock_requested.emit(PASSPHRASE)
        assert two_session.is_unlocked
        assert si.journal_held_elsewhere(journal_path)
    finally:
        one.close()
        two.close()
    assert not si.journal_held_elsewhere(journal_path)  # closing released it


def test_wrong_passphrase_holds_nothing(app, runtime, journal, journal_path):
    journal.close()
    window, session = _window(journal_path)
    try:
        window.unlock_view.unlock_requested.emit("verkeerd wachtwoord")
        assert not session.is_unlocked
        assert not si.journal_held_elsewhere(journal_path)
    finally:
        window.close()


def test_window_takes_over_a_handed_over_journal(app, runtime, journal, journal_path,
                                                 tmp_path):
    journal.close()
    other = tmp_path / "ander.vpj"
    Journal.create(other, PASSPHRASE).close()
    window, session = _window(journal_path)
    try:
        window.unlock(PASSPHRASE)
        assert session.is_unlocked
        assert window.accept_second_start(str(journal_path))  # the same one: stays open
        assert session.is_unlocked
        assert window.accept_second_start("")
        assert session.is_unlocked
        assert window.accept_second_start(str(other))
        assert not session.is_unlocked  # locked, unlock screen of the other journal
        assert window.journal_path == other
        assert not si.journal_held_elsewhere(journal_path)
        window.unlock_view.unlock_requested.emit(PASSPHRASE)
        assert session.is_unlocked and session.path == other
    finally:
        window.close()


def test_a_file_open_event_is_taken_like_a_second_start(app, runtime, journal, journal_path,
                                                        tmp_path):
    """macOS hands a double-clicked .vpj to the application as a QFileOpenEvent."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFileOpenEvent

    journal.close()
    other = tmp_path / "dubbelgeklikt.vpj"
    Journal.create(other, PASSPHRASE).close()
    window, session = _window(journal_path)
    requests = si.watch_file_open_requests(QCoreApplication.instance(), window)
    try:
        window.unlock(PASSPHRASE)
        QCoreApplication.sendEvent(QCoreApplication.instance(), QFileOpenEvent(str(other)))
        assert window.journal_path == other and not session.is_unlocked
    finally:
        QCoreApplication.instance().removeEventFilter(requests)
        window.close()


def test_gui_entry_point_takes_a_double_clicked_journal(monkeypatch):
    """A file association starts ``vp-desktop-gui <file>.vpj``: that means --journal."""
    from vp_desktop import cli

    seen: list[list[str]] = []
    monkeypatch.setattr(cli, "main", lambda argv: seen.append(list(argv)) or 0)
    monkeypatch.setattr(sys, "argv", ["vp-desktop-gui", "C:\\Journalen\\Mijn journaal.VPJ"])
    assert cli.gui_main() == 0
    monkeypatch.setattr(sys, "argv", ["vp-desktop-gui", "--demo"])
    assert cli.gui_main() == 0
    assert seen == [["--journal", "C:\\Journalen\\Mijn journaal.VPJ"], ["--demo"]]


def test_real_second_start_of_the_app_hands_over(runtime, tmp_path, journal, journal_path):
    """Two real starts through the GUI entry point: the second exits 0 at once."""
    import time

    journal.close()
    gui = """
        import sys
        from vp_desktop.cli import gui_main
        sys.exit(gui_main())
    """
    home = tmp_path / "app-home"
    env_home = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
                "XDG_CONFIG_HOME": str(home / "config")}
    os.environ.update(env_home)  # undone by the autouse settings fixture's monkeypatch
    first = _python(gui, runtime, str(journal_path))
    try:
        claimed = runtime / f"instance-{si.user_key()}.lock"
        deadline = time.monotonic() + 20
        while not claimed.exists() and time.monotonic() < deadline:
            assert first.poll() is None, first.stderr.read()
            time.sleep(0.05)
        assert claimed.exists()  # the first start claimed; the second retries until it listens
        second = _python(gui, runtime, str(tmp_path / "ander.vpj"))
        assert second.wait(20) == 0, second.stderr.read()
        assert first.poll() is None  # the first window is still there
    finally:
        first.terminate()
        first.wait(10)
