"""Run ``vp_desktop.cli.main(argv)`` in-process, as a test would run the command: with a given
standard input (text or raw bytes) and the exit code, stdout and stderr captured.

Standard input is a fresh UTF-8 text stream over the given bytes, never pytest's own (which
refuses to be read). ``stdin_errors`` plays the locale: ``"strict"`` is Python under a UTF-8
locale (invalid bytes raise UnicodeDecodeError), ``"surrogateescape"`` is Python under a
C/POSIX locale (invalid bytes arrive as lone surrogates). ``SystemExit`` (argparse's --help)
becomes the exit code, as it would for the real command.
"""

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


def run_main(*argv, stdin: str | bytes | None = None, stdin_errors: str = "strict") -> Result:
    raw = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
    fake_stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", errors=stdin_errors)
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = fake_stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in argv])
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.stdin = old_stdin
    return Result(code, out.getvalue(), err.getvalue())
