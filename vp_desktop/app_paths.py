"""Where journals live by default: the user's local (not roaming) data folder."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "VP Desktop"
JOURNAL_SUFFIX = ".vpj"
DEMO_PASSPHRASE = "demo demo demo"


def data_dir() -> Path:
    from platformdirs import user_data_path

    # roaming=False: on Windows the roaming profile often lives on the municipal network.
    return user_data_path(APP_NAME, appauthor=False, roaming=False)


def default_journal_path() -> Path:
    return data_dir() / f"journaal{JOURNAL_SUFFIX}"


def demo_journal_path() -> Path:
    return data_dir() / "demo" / f"demojournaal{JOURNAL_SUFFIX}"
