"""The published form of the yearly statistics: tables of cells, each either shown or
hidden, with the reasons. Produced by ``disclosure.publish``; consumed by the exports (PDF,
CSV, JSON) and the review screen. Plain data: no Qt, no SQL, no reportlab."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    key: str  # stable code: a vocabulary code, a band code, or "totaal"
    label: str  # label in the publication's language
    count: int  # the true count — NEVER exported; only for the VP's own review screen
    shown: str  # what is published: "12", "0", "<5", or "" when merged away
    hidden: bool = False  # True when ``shown`` is "<k" (primary or secondary suppression)
    reason: str = ""  # interface language: why hidden or merged ("telt 1 tot k−1", "zou te herleiden zijn …")
    previous: int | None = None  # last year's true count (T1 only)
    previous_shown: str = ""  # last year's published value (T1 only)
    merged_into: str = ""  # key of the row this one is merged into (then ``shown`` is "")


@dataclass(frozen=True)
class Table:
    id: str  # "T1" … "T7"
    title: str
    cells: tuple[Cell, ...]
    total: Cell | None = None  # published row total, if the table has one
    multi_count: bool = False  # a case may count in several rows (categories, domains)
    footnotes: tuple[str, ...] = ()
    omitted: bool = False  # the whole table is left out (e.g. T7 when any cell is unsafe)
    omitted_reason: str = ""


@dataclass(frozen=True)
class Publication:
    """Everything one export contains."""

    year: int
    organisation: str  # "" for all organisations together
    k: int
    tables: tuple[Table, ...]
    narrative: str = ""
    tiny: bool = False  # fewer than k cases: only "<k" and the narrative are published
    notes: tuple[str, ...] = ()  # notes for the reader (document language): rules applied, merges, tiny org
    review: tuple[str, ...] = field(default_factory=tuple)  # every hidden/merged cell and why
    # The document's language ("nl" or "en"): titles, labels, notes, footnotes and omitted
    # reasons are in it. ``reason`` and ``review`` are for the VP's screen: interface language.
    lang: str = "nl"
