"""Is this a demo journal, and did the user change it since it was generated?

The demo generator stores in ``meta`` a fingerprint of everything a user can add or change:
a SHA-256 over every row of every ordinary table except the bookkeeping ones (``meta``
itself, the activity log of outputs, the settings with the profile and backup choices, and
the full-text indexes, which only mirror other tables). A new case, a consultation, an edit,
a ticked-off follow-up, a draft kept at lock time, a letter template, a table a later
version adds: each changes the fingerprint. Unlike a row count or a timestamp this cannot
miss an edit, and unlike the activity log it does not depend on every write being logged.
A journal without the marker (made before it existed) counts as changed: it may hold
anything.
"""

from __future__ import annotations

import hashlib

from .journal import Journal

DEMO_KEY = "demo_fingerprint"
_SKIPPED = {"meta", "settings", "activity_log"}


def _tables(journal: Journal) -> list[str]:
    rows = journal.vault.read(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    return [name for name, _sql in rows
            if name not in _SKIPPED and not name.startswith("sqlite_")
            and not any(name == v or name.startswith(f"{v}_") for v in virtual)]


def content_fingerprint(journal: Journal) -> str:
    """A digest of everything a user can add or change (see the module text)."""
    digest = hashlib.sha256()
    for table in _tables(journal):
        digest.update(f"\x00{table}\x00".encode())
        for row in journal.vault.read(f'SELECT * FROM "{table}" ORDER BY 1, 2'):
            digest.update(repr(row).encode("utf-8", "surrogatepass"))
            digest.update(b"\x1e")
    return digest.hexdigest()


def mark_as_demo(journal: Journal) -> None:
    """Called by the demo generator once the journal is filled."""
    fingerprint = content_fingerprint(journal)
    with journal.vault.transaction() as con:
        con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                    (DEMO_KEY, fingerprint))


def _marker(journal: Journal) -> str | None:
    rows = journal.vault.read("SELECT value FROM meta WHERE key = ?", (DEMO_KEY,))
    return rows[0][0] if rows else None


def is_demo(journal: Journal) -> bool:
    return _marker(journal) is not None


def changed_by_user(journal: Journal) -> bool:
    """True when anything a user can change differs from the demo as generated (or when
    the journal carries no demo marker at all)."""
    marker = _marker(journal)
    return marker is None or marker != content_fingerprint(journal)
