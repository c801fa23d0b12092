"""``vp-desktop --selftest``: passes from source (in-process and as a real process), fails
with exit 1 and a FOUT line when a check is broken, and never leaves its temporary folder
behind."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from clirun import run_main

from vp_desktop.services import selftest
from vp_desktop.ui import selftest_qt

REPO = Path(__file__).resolve().parents[1]
EXPECTED_OK = ("Bestanden gevonden", "Lettertypen", "Journaal gemaakt", "SQLCipher 4.",
               "Brief gemaakt", "Jaarverslag gemaakt",
               "Tijdelijke map en alles daarin verwijderd", "QtPdf leest de brief",
               "QtPdf leest het jaarverslag", "Nederlandse teksten van Qt")


@pytest.fixture
def temp_root(tmp_path, monkeypatch):
    """A private TMPDIR for the self-test, so a folder left behind is seen."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def check_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith(("OK   ", "FOUT "))]


def assert_passed(stdout: str) -> None:
    lines = check_lines(stdout)
    assert [line for line in lines if not line.startswith("OK   ")] == []
    assert len(lines) == len(EXPECTED_OK), lines
    for line, expected in zip(lines, EXPECTED_OK, strict=True):  # in this order
        assert line.startswith("OK   " + expected), (line, expected)
    cipher = next(line for line in lines if "SQLCipher" in line)
    assert "AES-256" in cipher and "HMAC-SHA512" in cipher
    assert "PBKDF2-HMAC-SHA512 256.000 iteraties" in cipher
    assert stdout.rstrip().endswith(f"Zelftest geslaagd: alle {len(EXPECTED_OK)} controles "
                                    "in orde.")


def test_selftest_passes_in_process_and_cleans_up(temp_root):
    result = run_main("--selftest")
    assert result.returncode == 0, result.stdout + result.stderr
    assert_passed(result.stdout)
    assert list(temp_root.iterdir()) == []


def test_selftest_passes_as_a_process_without_a_display(tmp_path):
    """The real command, as CI and the bundle run it: no DISPLAY and no QT_QPA_PLATFORM —
    the self-test falls back to offscreen Qt by itself."""
    root = tmp_path / "tmp"
    root.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(TMPDIR=str(root), PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-m", "vp_desktop", "--selftest"], env=env,
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert_passed(done.stdout)
    assert list(root.iterdir()) == []


def test_missing_resources_and_a_weak_cipher_fail_with_exit_1(temp_root, tmp_path,
                                                              monkeypatch):
    empty = tmp_path / "leeg"
    empty.mkdir()
    monkeypatch.setattr(selftest, "resources_dir", lambda: empty)
    monkeypatch.setattr(selftest, "MIN_KDF_ITER", 10_000_000)
    result = run_main("--selftest")
    assert result.returncode == 1
    lines = check_lines(result.stdout)
    failed = [line for line in lines if line.startswith("FOUT ")]
    assert [line.split(":")[0] for line in failed] == [
        "FOUT Bestanden", "FOUT Lettertypen", "FOUT SQLCipher"]
    assert "fonts/DejaVuSans.ttf" in failed[0] and "help/handleiding.html" in failed[0]
    assert "minstens 10000000 verwacht" in failed[2]
    # the other checks still ran and passed
    assert any(line.startswith("OK   Brief gemaakt") for line in lines)
    assert "Zelftest mislukt: 3 van 10 controles niet in orde." in result.stdout
    assert list(temp_root.iterdir()) == []


def test_a_font_without_ij_and_a_crashing_check_fail_and_clean_up(temp_root, monkeypatch):
    import reportlab

    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    assert vera.is_file()
    monkeypatch.setattr(selftest, "font_paths", lambda: [vera])

    def broken(state):
        (state.workdir / "half.pdf").write_bytes(b"%PDF-")  # something to clean up
        raise RuntimeError("geheime inhoud die nooit getoond mag worden")

    monkeypatch.setattr(selftest, "check_letter", broken)
    result = run_main("--selftest")
    assert result.returncode == 1
    lines = check_lines(result.stdout)
    assert "FOUT Lettertypen: lettertype Vera.ttf mist ĳ Ĳ ő" in lines
    assert "FOUT Brief: onverwachte fout (RuntimeError)" in lines
    assert "geheime inhoud" not in result.stdout + result.stderr
    # only the jaarverslag reached QtPdf
    assert any(line.startswith("OK   QtPdf leest het jaarverslag") for line in lines)
    assert not any("QtPdf leest de brief" in line for line in lines)
    assert "OK   Tijdelijke map en alles daarin verwijderd" in lines
    assert list(temp_root.iterdir()) == []


def test_a_folder_that_cannot_be_removed_is_a_failure(temp_root, monkeypatch):
    monkeypatch.setattr(selftest.shutil, "rmtree", lambda path, ignore_errors=False: None)
    results = selftest.run_selftest(None)
    last = results[-1]  # without Qt checks, cleaning up is the last check
    assert not last.ok
    assert last.line.startswith("FOUT Opruimen: de tijdelijke map")
    assert all(r.ok for r in results[:-1])
    left = list(temp_root.iterdir())
    assert len(left) == 1 and left[0].name.startswith(selftest.TEMP_PREFIX)
    assert oct(left[0].stat().st_mode & 0o777) == oct(0o700)
    import shutil

    shutil.rmtree(left[0])


def test_qtpdf_check_fails_on_a_blank_page_and_on_garbage(qapp):
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas

    buffer = BytesIO()
    canvas = Canvas(buffer)
    canvas.showPage()
    canvas.save()
    blank = selftest_qt.check_pdf("brief", buffer.getvalue())
    assert not blank.ok and blank.line == "FOUT QtPdf: pagina 1 van de brief is leeg getekend"
    garbage = selftest_qt.check_pdf("jaarverslag", b"%PDF-1.4 kapot")
    assert not garbage.ok and "kon niet worden gelezen" in garbage.line

    buffer = BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont("Helvetica", 40)
    canvas.drawString(72, 700, "Zelftest")
    canvas.showPage()
    canvas.save()
    inked = selftest_qt.check_pdf("brief", buffer.getvalue())
    assert inked.ok, inked.line


def test_every_start_switches_core_dumps_off(tmp_path):
    """A crash must not leave the decrypted journal pages and the passphrase in a core file."""
    code = ("import resource\n"
            "hard = resource.getrlimit(resource.RLIMIT_CORE)[1]\n"
            "resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))\n"
            "print('before', resource.getrlimit(resource.RLIMIT_CORE))\n"
            "from vp_desktop.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(resource.getrlimit(resource.RLIMIT_CORE))\n")
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60, env={**os.environ, "PYTHONPATH": str(root)})
    lines = done.stdout.strip().splitlines()
    assert lines, done.stderr
    if lines[0] == "before (0, 0)":
        pytest.skip("this machine allows no core dumps at all (hard limit 0): nothing to prove")
    assert lines[-1].startswith("(0, "), done.stderr  # the soft limit: what the kernel uses
