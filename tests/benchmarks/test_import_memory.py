"""Memory and time of reading and checking a 200 MB import file. Not run by default.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/benchmarks -s -k import

Each shape of file is read (``services.importing.read_import_file``) and checked
(``interchange.import_json.parse_import``) in a fresh process; its peak RSS (VmHWM) is
printed next to the file size. The bound from the issue: a peak below 400 MB (2x the 200 MB
limit the import started with). Parsed JSON costs 5-12x its text in Python objects (measured:
a 199 MB file of 216 000 cases peaked at 1 GB, a hostile one of tiny lists at 2.3 GB), so the
limit is now MAX_BYTES = 24 MB — some 25 000 cases with notes, far beyond any VP's registry —
and every shape at that size stays under the bound.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vp_desktop.interchange.import_json import MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024
TARGET = int(os.environ.get("VP_BENCH_IMPORT_MB", str(MAX_BYTES // MB - 1))) * MB
PEAK_LIMIT = 400 * MB  # the bound: 2x the 200 MB limit it started from

MEASURE = r"""
import json, resource, sys, time
from vp_desktop.interchange.import_json import parse_import
from vp_desktop.services.errors import ServiceError
from vp_desktop.services.importing import read_import_file

def rss():  # VmHWM: peak RSS of this process image (ru_maxrss keeps the forking parent's)
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

figures = {"baseline": rss()}
t0 = time.perf_counter()
try:
    raw = read_import_file(sys.argv[1])
except ServiceError as exc:
    figures.update(refused=exc.message, read_s=time.perf_counter() - t0, peak=rss())
    print(json.dumps(figures)); sys.exit(0)
figures.update(read_s=time.perf_counter() - t0, after_read=rss())
t0 = time.perf_counter()
parsed = parse_import(raw)
figures.update(parse_s=time.perf_counter() - t0, peak=rss(), bundles=len(parsed.bundles),
               problems=len(parsed.problems))
print(json.dumps(figures))
"""


def _record(i: int) -> str:
    return json.dumps({
        "code": f"{2000 + i % 27}-{i // 27 + 1:03d}",
        "organisation": "Gemeente Benchstad",
        "opened": "2025-03-04",
        "categories": ["pesten", "werkdruk"],
        "melder": {"name": "Melder Benchmark"},
        "persons": [{"name": "Persoon Benchmark", "role": "beschuldigde"}],
        "summary": "Samenvatting van een verzonnen dossier voor de meting. " * 3,
        "consultations": [{"started_at": "2025-03-04T10:00", "duration_minutes": 30,
                           "notes": "Een notitie van een gesprek, verzonnen. " * 10}],
        "follow_ups": [{"what": "Terugbellen", "due": "2025-03-11"}],
    }, ensure_ascii=False)


def _many_cases(path: Path) -> None:
    one = len(_record(0).encode()) + 2
    count = TARGET // one
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('{"format": "vp-desktop-import", "version": 1, "cases": [\n')
        fh.write(",\n".join(_record(i) for i in range(count)))
        fh.write("\n]}\n")


def _one_big_string(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('{"format": "vp-desktop-import", "version": 1, "cases": [{"summary": "')
        fh.write("x" * (TARGET - 200))
        fh.write('"}]}')


def _broken_at_the_end(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('{"format": "vp-desktop-import", "version": 1, "cases": [')
        fh.write("[1, 2, 3], " * ((TARGET - 100) // 11))
        fh.write("kapot")


def _too_big(path: Path) -> None:
    with open(path, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)


@pytest.mark.parametrize("shape", [_many_cases, _one_big_string, _broken_at_the_end, _too_big],
                         ids=lambda f: f.__name__.strip("_"))
def test_import_file_peak_memory(tmp_path, shape):
    path = tmp_path / "import.json"
    shape(path)
    size = path.stat().st_size
    result = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True,
                            text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    f = json.loads(result.stdout)
    extra = f["peak"] - f["baseline"]
    print(f"\nimport {shape.__name__.strip('_')}: file {size / MB:.0f} MB; "
          f"baseline {f['baseline'] / MB:.0f} MB; peak {f['peak'] / MB:.0f} MB "
          f"(+{extra / MB:.0f} MB = {extra / size:.2f}x the file); "
          + (f"refused in {f['read_s'] * 1000:.1f} ms" if "refused" in f else
             f"read {f['read_s']:.2f} s (+{(f['after_read'] - f['baseline']) / MB:.0f} MB), "
             f"check {f['parse_s']:.1f} s, {f['bundles']} records ok, "
             f"{f['problems']} problems"))
    if shape is _too_big:
        assert "te groot" in f["refused"]
        assert extra < 16 * MB  # refused on its size: nothing was read
    assert f["peak"] < PEAK_LIMIT
