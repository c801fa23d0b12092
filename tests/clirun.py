"""Run ``vp_desktop.cli.main(argv)`` in-process, as a test would run the command: with a given
standard input (text or raw bytes) and the exit code, stdout and stderr captured."""

from __future__ import annotations

import contextlib
import io
import sys
from dataclasses import dataclass

from vp_desktop.cli import main


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def run_main(*argv, stdin: str | bytes | None = None) -> Result:
    raw = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
    fake_stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8",
                                  errors=sys.stdin.errors if sys.stdin else "strict")
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = fake_stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in argv])
    finally:
        sys.stdin = old_stdin
    return Result(code, out.getvalue(), err.getvalue())
