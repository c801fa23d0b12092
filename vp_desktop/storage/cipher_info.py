"""The encryption actually in use: read from the running SQLCipher library and the open
connection (never hard-coded), for the "Over VP Desktop" window."""

from __future__ import annotations

from dataclasses import dataclass

from .vault import DbError, map_error

_PRAGMAS = {
    "version": "cipher_version",
    "provider": "cipher_provider",
    "provider_version": "cipher_provider_version",
    "kdf_iter": "kdf_iter",
    "hmac_algorithm": "cipher_hmac_algorithm",
    "kdf_algorithm": "cipher_kdf_algorithm",
    "page_size": "cipher_page_size",
}


@dataclass(frozen=True)
class CipherInfo:
    """SQLCipher's own answers; an empty string where the library gave none."""

    version: str
    provider: str
    provider_version: str
    kdf_iter: str
    hmac_algorithm: str
    kdf_algorithm: str
    page_size: str


def read_cipher_info(connection) -> CipherInfo:
    """Ask the open (keyed) SQLCipher connection which library and parameters it uses."""
    values: dict[str, str] = {}
    try:
        for field_name, pragma in _PRAGMAS.items():
            row = connection.execute(f"PRAGMA {pragma}").fetchone()
            values[field_name] = str(row[0]) if row and row[0] is not None else ""
    except DbError as exc:
        raise map_error(exc) from None
    return CipherInfo(**values)
