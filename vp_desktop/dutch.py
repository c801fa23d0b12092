"""Dutch formatting of dates, numbers, plurals and enumerations, without the system locale;
and the dates of a document made in English (``lang="en"``).

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

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_DECIMAL = re.compile(r"^([0-9]+)\.([0-9]+)$")


def format_date_nl(value: date) -> str:
    """``date(2026, 11, 23)`` -> ``"23 november 2026"`` (also accepts a datetime)."""
    return f"{value.day} {MONTHS_NL[value.month - 1]} {value.year}"


def format_date_en(value: date) -> str:
    """``date(2026, 3, 3)`` -> ``"3 March 2026"`` (British order; also accepts a datetime)."""
    return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"


def long_date(value: date | None, lang: str = "nl") -> str:
    """``"3 maart 2026"``, or with ``lang="en"`` ``"3 March 2026"``; ``None`` -> ``""``.
    Any other language raises ValueError."""
    if lang not in ("nl", "en"):
        raise ValueError(f"unsupported language: {lang!r}")
    if value is None:
        return ""
    return format_date_en(value) if lang == "en" else format_date_nl(value)


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
