"""Kill -9 trials: a child process repeats an operation; the parent kills it at a random
moment and checks what is left. Shared by the slow crash tests of backups."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def kill_at_random(script: str, *args: str, max_delay: float, seed: int) -> list[str]:
    """Run ``script`` (Python source) with ``args``; after it prints "ready", wait a random
    time up to ``max_delay`` and kill -9 it. Returns the lines it printed."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.strip() == "ready", first
    time.sleep(random.Random(seed).uniform(0, max_delay))
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate()
    return out.splitlines()
