"""Benchmarks share the helpers of tests/conftest.py.

pytest loads both conftest files under the module name ``conftest``; the one in this folder
wins, so ``from conftest import make_case`` in a benchmark would find this file. It therefore
re-exports the shared helpers (the shared fixtures reach the benchmarks anyway: tests/ is a
parent folder). tests/ also goes on sys.path, for ``from test_ui import …`` and the like.
"""

import importlib.util
import sys
from pathlib import Path

_TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(_TESTS))  # the tests' own helpers

_spec = importlib.util.spec_from_file_location("_vp_tests_conftest", _TESTS / "conftest.py")
assert _spec is not None and _spec.loader is not None
_shared = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_shared)

PASSPHRASE = _shared.PASSPHRASE
make_case = _shared.make_case
made_read_only = _shared.made_read_only
