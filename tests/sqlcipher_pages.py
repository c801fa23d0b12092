"""Read every page of a SQLCipher 4 file (and its -wal) decrypted, free pages included.

The tests use this to prove that destroyed content is gone from the bytes, not only from the
tables: SQLCipher's own API shows only live rows. Defaults of SQLCipher 4 (see
shared/stack-notes.md): 4096-byte pages, a 16-byte salt at the start of the file,
PBKDF2-HMAC-SHA512 with 256 000 iterations, AES-256-CBC per page with its IV in the 80 reserved
bytes at the end of the page (16 IV + 64 HMAC).
"""

from __future__ import annotations

import hashlib
import struct
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def _key(passphrase: str, salt: bytes) -> bytes:
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return hashlib.pbkdf2_hmac("sha512", secret, salt, 256_000, 32)


def _decrypt(key: bytes, page: bytes, number: int) -> bytes:
    start = SALT if number == 1 else 0
    iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start:PAGE - RESERVE]) + decryptor.finalize()


def pages(path: Path, passphrase: str) -> Iterator[tuple[str, int, bytes]]:
    """(file, page number, plaintext) for every page of the journal file and its -wal."""
    data = Path(path).read_bytes()
    key = _key(passphrase, data[:SALT])
    for i in range(len(data) // PAGE):
        yield "db", i + 1, _decrypt(key, data[i * PAGE:(i + 1) * PAGE], i + 1)
    wal = Path(f"{path}-wal")
    if wal.exists():
        raw = wal.read_bytes()
        pos = WAL_HEADER
        while pos + FRAME_HEADER + PAGE <= len(raw):
            number = struct.unpack(">I", raw[pos:pos + 4])[0]
            page = raw[pos + FRAME_HEADER:pos + FRAME_HEADER + PAGE]
            yield "wal", number, _decrypt(key, page, number)
            pos += FRAME_HEADER + PAGE


def places_of(path: Path, passphrase: str, canaries: list[str]) -> list[tuple[str, str, int]]:
    """Where any canary (UTF-8 or UTF-16) still stands: (canary, file, page)."""
    forms = {c: [c.encode("utf-8"), c.encode("utf-16-le"), c.encode("utf-16-be")]
             for c in canaries}
    found = []
    for where, number, plain in pages(path, passphrase):
        for canary, encodings in forms.items():
            if any(e in plain for e in encodings):
                found.append((canary, where, number))
    return found
