"""Dutch formatting of dates, numbers, plurals and enumerations, without the system locale.

The bottom layer: pure, standard library only, used by every layer above (letters, stats,
pdf, services, ui, cli), so no layer needs another just to write a date the Dutch way.
"""

from __future__ import annotations

import re
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

_DECIMAL = re.compile(r"^([0-9]+)\.([0-9]+)$")


def format_date_nl(value: date) -> str:
    """``date(2026, 11, 23)`` -> ``"23 november 2026"`` (also accepts a datetime)."""
    return f"{value.day} {MONTHS_NL[value.month - 1]} {value.year}"


def long_date(value: date | None) -> str:
    """Like :func:`format_date_nl`; ``None`` -> ``""``."""
    return format_date_nl(value) if value is not None else ""


def short_date(value: date | None, empty: str = "") -> str:
    """``date(2026, 3, 5)`` -> ``"05-03-2026"``; ``None`` -> ``empty``."""
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}" if value else empty


def plural(n: int, one: str, many: str) -> str:
    """``plural(1, "dossier", "dossiers")`` -> ``"1 dossier"``; 2 -> ``"2 dossiers"``."""
    return f"{n} {one if n == 1 else many}"


def enumeration(items: list[str]) -> str:
    """``["a", "b", "c"]`` -> ``"a, b en c"`` (empty items dropped)."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def decimal_comma(value: str) -> str:
    """A published value with a decimal comma: "2.5" -> "2,5"; "12" and "<5" unchanged."""
    match = _DECIMAL.match(value)
    return f"{match.group(1)},{match.group(2)}" if match else value
