"""What a PDF is made of: plain data, produced by the letter and report builders and
consumed by the PDF renderers. Nothing here knows of templates, Qt or reportlab."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LetterDocument:
    """A letter, fully decided: the renderer only lays it out."""

    sender_lines: tuple[str, ...]  # letterhead: VP name, role, organisation, own address lines
    recipient_lines: tuple[str, ...]  # address block; may be empty
    date_line: str  # e.g. "23 november 2026" (already formatted, Dutch)
    subject: str  # shown after "Betreft:"
    body: str  # plain text; paragraphs separated by a blank line; no markup
    closing_lines: tuple[str, ...] = ("Met vriendelijke groet,",)
    signature_lines: tuple[str, ...] = ()  # name and role under the closing
    reference: str = ""  # e.g. "Ons kenmerk: VP 2026-014"; may be empty
    confidential: bool = True  # prints the "Vertrouwelijk" mark on every page


@dataclass(frozen=True)
class ReportField:
    label: str
    value: str


@dataclass(frozen=True)
class ReportSection:
    heading: str
    fields: tuple[ReportField, ...] = ()
    paragraphs: tuple[str, ...] = ()  # free text blocks, plain text


@dataclass(frozen=True)
class ReportEntry:
    """One consultation or one follow-up in a case report."""

    heading: str  # e.g. "12-03-2026 10:00 · Telefoon · 45 min"
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseReportDocument:
    title: str  # "Dossieroverzicht 2026-014" or "Inzage in dossier 2026-014"
    subtitle: str  # who made it, when, for what purpose
    sections: tuple[ReportSection, ...] = ()
    consultations: tuple[ReportEntry, ...] = ()
    follow_ups: tuple[ReportEntry, ...] = ()
    footer_note: str = ""  # e.g. the redaction note of an inzage report
    confidential: bool = True
    sender_lines: tuple[str, ...] = field(default_factory=tuple)
    letters: tuple[ReportEntry, ...] = ()  # the letters printed or saved ("Verstuurde brieven")
