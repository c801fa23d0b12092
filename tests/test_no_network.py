"""No network, proven: the app and every CLI command run under ``strace`` and make no network
attempt, and the source holds no HTTP client or update checker.

What counts as a network attempt (a finding):

* ``socket()`` of any family other than AF_UNIX or AF_NETLINK — an AF_INET/AF_INET6 socket
  is flagged even if it never sends (there is no reason to make one);
* ``connect``/``sendto``/``sendmsg``/``sendmmsg``/``bind`` with an address that is not
  AF_UNIX or AF_NETLINK;
* any DNS lookup: opening ``/etc/resolv.conf``, ``/etc/hosts``, ``/etc/gai.conf`` or
  ``/etc/host.conf``, or connecting to systemd-resolved's socket.

Allowed, and why: AF_UNIX stays on this machine (D-Bus for the screen-lock watcher, Qt's
local single-instance server, glibc asking nscd for a user name). AF_NETLINK is the
kernel's own local interface (interface lists, udev events); it carries nothing to another
machine. A lookup through nscd's AF_UNIX socket is not flagged by itself (glibc also asks it
for user and group names); a DNS lookup would still open resolv.conf or hosts.

How: all CLI commands run in one Python process, one after the other through
``vp_desktop.cli.main`` (the list comes from ``cli.build_parser()``: a new command without
arguments here fails the test), then the GUI opens the demo journal under offscreen Qt for a
few seconds and quits. Both run under ``strace -f``. Without strace (or when ptrace is not
allowed) the test is skipped with the reason — except on CI (``CI=true``), where it fails.

This file is also the driver: ``python tests/test_no_network.py cli|gui WORKDIR``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from vp_desktop.cli import build_parser

REPO = Path(__file__).resolve().parents[1]
PASSPHRASE = "kraan fiets oktober wolk"
NEW_PASSPHRASE = "blauwe tulp zomer regen tweeënveertig"
GUI_SECONDS = 2
TRACED = "socket,connect,sendto,sendmsg,sendmmsg,bind,open,openat"
ALLOWED_FAMILIES = {"AF_UNIX", "AF_LOCAL", "AF_NETLINK"}
DNS_FILES = ("/etc/resolv.conf", "/etc/hosts", "/etc/gai.conf", "/etc/host.conf")
DNS_SOCKETS = ("/run/systemd/resolve", "io.systemd.Resolve")


# --- the tracer ---------------------------------------------------------------------------


def network_findings(log: str) -> list[str]:
    """Every network attempt or DNS lookup in an ``strace -f`` log, one text each."""
    findings = []
    for line in log.splitlines():
        call = re.match(r"^(?:\[pid\s+)?\d*\]?\s*(\w+)\(", line)
        name = call.group(1) if call else ""
        if name == "socket":
            family = re.match(r"^(?:\[pid\s+)?\d*\]?\s*socket\((\w+)", line)
            if family and family.group(1) not in ALLOWED_FAMILIES:
                findings.append(f"socket {family.group(1)}: {line.strip()}")
        elif name in ("connect", "sendto", "sendmsg", "sendmmsg", "bind"):
            for family in re.findall(r"sa_family=(\w+)", line):
                if family not in ALLOWED_FAMILIES:
                    findings.append(f"{name} {family}: {line.strip()}")
            if any(s in line for s in DNS_SOCKETS):
                findings.append(f"DNS (resolved): {line.strip()}")
        elif name in ("open", "openat"):
            path = re.search(r'"([^"]*)"', line)
            if path and path.group(1) in DNS_FILES:
                findings.append(f"DNS ({path.group(1)}): {line.strip()}")
    return findings


def strace_usable() -> str:
    """Empty when strace can trace here, else the reason why not."""
    strace = shutil.which("strace")
    if strace is None:
        return "strace is not installed (Debian: apt-get install strace)"
    probe = subprocess.run([strace, "-f", "-qq", "--seccomp-bpf", "-e", "trace=socket",
                            "-o", os.devnull, "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"strace cannot trace here: {probe.stderr.strip()[:200]}"
    return ""


def traced(argv: list[str], log: Path, env: dict[str, str], timeout: float = 120):
    command = ["strace", "-f", "-qq", "--seccomp-bpf", "-e", f"trace={TRACED}",
               "-e", "signal=none", "-o", str(log), *argv]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout,
                          cwd=log.parent)


# --- the driver (runs inside the traced process) --------------------------------------------


def cli_steps(work: Path, run) -> list[tuple[str, int, str]]:
    """Every command once with valid minimal arguments on journals in ``work``; returns
    (command, exit code, first line of stderr) per run. ``run(*argv, stdin=…)``."""
    journal, empty, handed = work / "j.vpj", work / "leeg.vpj", work / "overdracht.vpj"
    restored = work / "teruggezet.vpj"
    example = REPO / "resources" / "examples" / "import-voorbeeld.json"
    one = PASSPHRASE + "\n"
    done: list[tuple[str, int, str]] = []

    def step(label, *argv, stdin=one):
        result = run(*argv, stdin=stdin)
        done.append((label, result.returncode, (result.stderr.strip().splitlines() or [""])[0]))
        return result

    step("init", "init", empty, "--passphrase-stdin")
    step("demo", "demo", journal, "--cases", "12", "--passphrase-stdin")
    step("import", "import", journal, example, "--passphrase-stdin")
    listing = step("cases", "cases", journal, "--passphrase-stdin").stdout.splitlines()[1:]
    rows = [line.split("\t") for line in listing if line.strip()]
    open_code = next((r[0] for r in rows if r[3] == "open"), rows[0][0] if rows else "")
    step("verify", "verify", journal, "--passphrase-stdin")
    step("templates", "templates", journal, "--passphrase-stdin")
    step("letter", "letter", journal, "--case", open_code, "--template", "bevestiging-melder",
         "--out", work / "brief.pdf", "--passphrase-stdin")
    step("report", "report", journal, "--case", open_code, "--out", work / "overzicht.pdf",
         "--passphrase-stdin")
    from vp_desktop.storage.journal import Journal

    with Journal.open(journal, PASSPHRASE) as j:
        organisation = j.organisations()[0].name
    step("stats", "stats", journal, "--year", open_code[:4], "--organisation", organisation,
         "--format", "pdf", "--out", work / "jaarverslag.pdf", "--passphrase-stdin")
    step("due", "due", journal, "--passphrase-stdin")
    step("letters", "letters", journal, "--case", open_code, "--passphrase-stdin")
    step("evidence", "evidence", "--out", work / "documentatie", stdin="")
    step("destroy", "destroy", journal, "--due", "--yes", "--passphrase-stdin")
    step("handover", "handover", journal, "--case", open_code, "--to", handed,
         "--passphrase-stdin", stdin=f"{PASSPHRASE}\n{NEW_PASSPHRASE}\n{NEW_PASSPHRASE}\n")
    step("import", "import", empty, handed, "--passphrase-stdin",
         stdin=f"{PASSPHRASE}\n{NEW_PASSPHRASE}\n")
    made = step("backup", "backup", journal, "--to", work / "kopieen", "--passphrase-stdin")
    step("backups", "backups", journal, "--passphrase-stdin")
    backup = made.stdout.strip().splitlines()[0] if made.stdout.strip() else "ontbreekt"
    step("restore", "restore", backup, "--to", restored, "--passphrase-stdin")
    step("passphrase", "passphrase", restored, "--passphrase-stdin",
         stdin=f"{PASSPHRASE}\n{NEW_PASSPHRASE}\n{NEW_PASSPHRASE}\n")
    step("--selftest", "--selftest")
    step("--help", "--help")
    return done


def _drive_cli(work: Path) -> None:
    from clirun import run_main

    (work / "done.json").write_text(json.dumps(cli_steps(work, run_main)), encoding="utf-8")


def _drive_gui(work: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from vp_desktop.cli import main

    app = QApplication(sys.argv[:1])
    seen: dict[str, object] = {}

    def finish() -> None:
        seen["windows"] = sorted(type(w).__name__ for w in app.topLevelWidgets()
                                 if w.isVisible())
        app.quit()

    QTimer.singleShot(GUI_SECONDS * 1000, finish)
    seen["code"] = main(["--demo"])
    (work / "done.json").write_text(json.dumps(seen), encoding="utf-8")


# --- the tests ------------------------------------------------------------------------------

def _require_strace() -> None:
    reason = strace_usable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must prove there is no network traffic, but {reason}")
        pytest.skip(reason)

def _env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    tmp = tmp_path / "tmp"
    for folder in (home, tmp):
        folder.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local" / "share"), TMPDIR=str(tmp),
               QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO), CI="")
    return env

def _commands() -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return set(sub.choices)

def test_every_cli_command_runs_without_network(tmp_path):
    _require_strace()
    work = tmp_path / "werk"
    work.mkdir()
    log = tmp_path / "strace-cli.log"
    run = traced([sys.executable, __file__, "cli", str(work)], log, _env(tmp_path))
    assert run.returncode == 0, run.stderr[-2000:]
    done = json.loads((work / "done.json").read_text(encoding="utf-8"))
    failed = [d for d in done if d[1] != 0]
    assert failed == [], failed
    missing = _commands() - {d[0] for d in done}
    assert missing == set(), f"give these new commands arguments in cli_steps: {missing}"
    assert "--selftest" in {d[0] for d in done}
    trace = log.read_text(encoding="utf-8", errors="replace")
    assert "openat(" in trace  # the tracer saw the process at all
    assert network_findings(trace) == []

def test_the_gui_on_a_demo_journal_runs_without_network(tmp_path):
    _require_strace()
    work = tmp_path / "werk"
    work.mkdir()
    log = tmp_path / "strace-gui.log"
    env = _env(tmp_path)
    run = traced([sys.executable, __file__, "gui", str(work)], log, env)
    assert run.returncode == 0, run.stderr[-2000:]
    seen = json.loads((work / "done.json").read_text(encoding="utf-8"))
    assert seen["code"] == 0
    assert "MainWindow" in seen["windows"]
    demo = list((tmp_path / "home" / ".local" / "share").rglob("demojournaal.vpj"))
    assert demo, "the GUI did not open the demo journal"
    trace = log.read_text(encoding="utf-8", errors="replace")
    assert "openat(" in trace
    assert network_findings(trace) == []

def bundle_executable() -> Path | None:
    """The frozen console executable: $VP_DESKTOP_BUNDLE, else dist/vp-desktop/vp-desktop
    when it has been built; None when there is none."""
    named = os.environ.get("VP_DESKTOP_BUNDLE")
    path = Path(named) if named else REPO / "dist" / "vp-desktop" / "vp-desktop"
    return path if path.is_file() else None


def test_the_bundle_runs_without_network(tmp_path):
    """The built bundle (run again after `bash installer/build.sh`, or with
    VP_DESKTOP_BUNDLE=…): its self-test and a demo journal, verified, under strace."""
    executable = bundle_executable()
    if executable is None:
        pytest.skip("no bundle built (dist/vp-desktop/vp-desktop; or set VP_DESKTOP_BUNDLE)")
    _require_strace()
    env = _env(tmp_path)
    journal = tmp_path / "bundel.vpj"
    for step, argv in enumerate((["--selftest"],
                                 ["demo", str(journal), "--cases", "5", "--passphrase-stdin"],
                                 ["verify", str(journal), "--passphrase-stdin"])):
        log = tmp_path / f"strace-bundle-{step}.log"
        command = ["strace", "-f", "-qq", "--seccomp-bpf", "-e", f"trace={TRACED}",
                   "-e", "signal=none", "-o", str(log), str(executable), *argv]
        run = subprocess.run(command, env=env, input=PASSPHRASE + "\n", capture_output=True,
                             text=True, timeout=120, cwd=tmp_path)
        assert run.returncode == 0, (argv, run.stdout[-2000:], run.stderr[-2000:])
        trace = log.read_text(encoding="utf-8", errors="replace")
        assert "openat(" in trace
        assert network_findings(trace) == [], argv


def test_the_tracer_sees_a_socket_and_a_dns_lookup(tmp_path):
    """The detector's own proof: an AF_INET socket (never used) and a lookup of
    'localhost' (answered from /etc/hosts) are both found."""
    _require_strace()
    log = tmp_path / "strace-probe.log"
    probe = ("import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close(); "
             "socket.getaddrinfo('localhost', None)")
    run = traced([sys.executable, "-c", probe], log, _env(tmp_path))
    assert run.returncode == 0, run.stderr
    findings = network_findings(log.read_text(encoding="utf-8", errors="replace"))
    assert any(f.startswith("socket AF_INET:") for f in findings), findings
    assert any(f.startswith("DNS (") for f in findings), findings

def test_the_finding_rules():
    log = "\n".join([
        '101 socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 3',
        '101 socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE) = 4',
        '101 connect(3, {sa_family=AF_UNIX, sun_path="/run/dbus/system_bus_socket"}, 110) = 0',
        '101 openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 5',
        '102 socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP) = 6',
        '102 connect(6, {sa_family=AF_INET, sin_port=htons(443), '
        'sin_addr=inet_addr("192.0.2.1")}, 16 <unfinished ...>',
        '102 sendto(7, "x", 1, 0, {sa_family=AF_INET6, sin6_port=htons(53)}, 28) = 1',
        '103 openat(AT_FDCWD, "/etc/resolv.conf", O_RDONLY|O_CLOEXEC) = 8',
        '103 connect(9, {sa_family=AF_UNIX, '
        'sun_path="/run/systemd/resolve/io.systemd.Resolve"}, 42) = 0',
    ])
    kinds = [f.split(":")[0] for f in network_findings(log)]
    assert kinds == ["socket AF_INET6", "connect AF_INET", "sendto AF_INET6",
                     "DNS (/etc/resolv.conf)", "DNS (resolved)"]

# What an HTTP client or update checker would need; none of it may be in the app.
NETWORK_CODE = re.compile(
    r"urllib\.request|urllib3|http\.client|\bhttpx\b|aiohttp|QNetworkAccessManager|"
    r"QNetworkRequest|QTcpSocket|QUdpSocket|QSslSocket|QHostInfo|QDnsLookup|"
    r"socket\.create_connection|^\s*(?:import|from)\s+(?:requests|socket|smtplib|ftplib|"
    r"xmlrpc|webbrowser)\b", re.M)

def test_the_source_has_no_http_client_or_update_checker():
    sources = sorted((REPO / "vp_desktop").rglob("*.py"))
    assert len(sources) > 20
    hits = [f"{path.relative_to(REPO)}: {match.group(0).strip()}"
            for path in sources
            for match in NETWORK_CODE.finditer(path.read_text(encoding="utf-8"))]
    assert hits == []
    # nor through a dependency: the runtime dependencies name no HTTP client (and no Qt
    # package that brings WebEngine or the network-capable add-ons)
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [re.split(r"[<>=!~ \[;]", d, maxsplit=1)[0].lower()
             for d in project["dependencies"]]
    assert "sqlcipher3" in names
    assert set(names) & {"requests", "httpx", "urllib3", "aiohttp", "pyside6",
                         "pyside6-addons", "pyside6-webengine"} == set()


def test_the_source_scan_would_see_an_http_client():
    samples = ["import requests\n", "from urllib.request import urlopen\n",
               "manager = QNetworkAccessManager()\n", "socket.create_connection(x)\n",
               "    import http.client\n"]
    assert all(NETWORK_CODE.search(s) for s in samples)
    assert not NETWORK_CODE.search("from PySide6.QtNetwork import QLocalServer\n")


if __name__ == "__main__":  # the driver, run by the tests above under strace
    {"cli": _drive_cli, "gui": _drive_gui}[sys.argv[1]](Path(sys.argv[2]))
