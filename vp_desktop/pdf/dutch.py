"""Dutch date formatting without relying on the system locale."""

from __future__ import annotations

from datetime import date

MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def format_date_nl(value: date) -> str:
    """``date(2026, 11, 23)`` -> ``"23 november 2026"`` (also accepts a datetime)."""
    return f"{value.day} {MONTHS_NL[value.month - 1]} {value.year}"
