"""A case report (dossieroverzicht, inzage): title, the sections as label/value tables and
text, then the consultations ("Gesprekken"), the follow-ups ("Vervolgstappen") and a
closing note."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from vp_desktop.i18n import N_, translator
from vp_desktop.letters.document import CaseReportDocument, ReportEntry
from vp_desktop.pdf.page import (
    RULE,
    TABLE_FONT,
    TEXT_WIDTH,
    build_pdf,
    entry_heading,
    get_styles,
    label_value_table,
    para,
    paras,
    section_heading,
    sender_block,
)

# In the document's language: translated with translator(lang) where rendered.
CONSULTATIONS_HEADING = N_("Gesprekken")
FOLLOW_UPS_HEADING = N_("Vervolgstappen")
NO_CONSULTATIONS = N_("Geen gesprekken vastgelegd.")
NO_FOLLOW_UPS = N_("Geen vervolgstappen vastgelegd.")
LETTERS_HEADING = N_("Verstuurde brieven")
NO_LETTERS = N_("Geen brieven afgedrukt of opgeslagen.")

SENDER_WIDTH = 62 * mm


def _title_block(doc: CaseReportDocument) -> list[Flowable]:
    styles = get_styles()
    left: list[Flowable] = [para(doc.title, styles.title)]
    if doc.subtitle.strip():
        left.extend(paras(doc.subtitle, styles.subtitle))
    right = sender_block(doc.sender_lines)
    if right is None:
        return left
    table = Table(
        [[left, right]],
        colWidths=[TEXT_WIDTH - SENDER_WIDTH, SENDER_WIDTH],
        style=[
            *TABLE_FONT,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, 0), 8 * mm),
            ("RIGHTPADDING", (1, 0), (1, 0), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ],
        hAlign="LEFT",
    )
    return [table]


def _entries(heading: str, entries: tuple[ReportEntry, ...], empty: str) -> list[Flowable]:
    styles = get_styles()
    story = section_heading(heading)
    if not entries:
        story.append(para(empty, styles.body))
        return story
    for entry in entries:
        story.extend(entry_heading(entry.heading))
        for text in entry.paragraphs:
            story.extend(paras(text, styles.body))
    return story


def render_case_report(doc: CaseReportDocument, lang: str = "nl") -> bytes:
    """The case report as PDF bytes (in memory only). ``lang`` ("nl" or "en") is the language
    the document was built in (``build_case_report(lang=...)``): the headings of its lists,
    their empty texts and the page furniture follow it."""
    _ = translator(lang).gettext
    styles = get_styles()
    story: list[Flowable] = [*_title_block(doc), Spacer(0, 4 * mm)]

    for section in doc.sections:
        story.extend(section_heading(section.heading))
        if section.fields:
            story.append(label_value_table([(f.label, f.value) for f in section.fields]))
            if section.paragraphs:
                story.append(Spacer(0, 3 * mm))
        for text in section.paragraphs:
            story.extend(paras(text, styles.body))

    story.extend(_entries(_(CONSULTATIONS_HEADING), doc.consultations, _(NO_CONSULTATIONS)))
    story.extend(_entries(_(FOLLOW_UPS_HEADING), doc.follow_ups, _(NO_FOLLOW_UPS)))
    story.extend(_entries(_(LETTERS_HEADING), doc.letters, _(NO_LETTERS)))

    if doc.footer_note.strip():
        story.append(Spacer(0, 6 * mm))
        story.append(HRFlowable(width="100%", thickness=0.4, color=RULE, spaceAfter=4))
        story.extend(paras(doc.footer_note, styles.small))

    return build_pdf(
        story,
        title=doc.title,
        confidential=doc.confidential,
        running_header=doc.title,
        lang=lang,
    )
