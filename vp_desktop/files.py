"""Writing a file the user explicitly asked for: atomically, readable by the owner only."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_private_file(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that it is either complete or not there at all.

    The bytes go to a hidden ``.part`` file beside the target (mode 600), are flushed to
    disk, and then replace the target in one step.
    """
    target = Path(path).expanduser().absolute()
    part = target.with_name(f".{target.name}.part")
    with contextlib.suppress(FileNotFoundError):  # a leftover of an interrupted save
        os.remove(part)
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(part, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(part, 0o600)
        os.replace(part, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(part)
        raise
    return target
