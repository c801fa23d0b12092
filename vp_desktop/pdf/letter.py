"""A letter as a Dutch organisation sends it: letterhead top right, the address where a
window envelope shows it (NEN 1026 style, about 50 mm from the top, left), a small
Datum / Ons kenmerk / Betreft block, the body, closing and signature.

Page 2 and on carry no letterhead, only the header mark, a running reference and the page
numbers.
"""

from __future__ import annotations

import re

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from vp_desktop.letters.document import LetterDocument
from vp_desktop.pdf.page import (
    MARGIN_RIGHT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXT_WIDTH,
    FirstPage,
    build_pdf,
    get_styles,
    label_value_table,
    lines_markup,
    paras,
    sender_block,
)

# Letterhead: a column at the top right.
LETTERHEAD_WIDTH = 68 * mm
LETTERHEAD_X = PAGE_WIDTH - MARGIN_RIGHT - LETTERHEAD_WIDTH
LETTERHEAD_TOP = 20 * mm  # from the top edge

# Address block: inside the window of a Dutch window envelope (left, about 50 mm down).
ADDRESS_X = 25 * mm
ADDRESS_TOP = 50 * mm
ADDRESS_WIDTH = 85 * mm
ADDRESS_HEIGHT = 38 * mm
ADDRESS_MIN_FONT = 8.0

# Where the reference block and body start on page 1 (moved down if a block above is taller).
BODY_TOP = 100 * mm
BODY_TOP_NO_ADDRESS = 58 * mm
GAP = 9 * mm

SIGNATURE_SPACE = 18 * mm
KEEP_LAST_PARAGRAPH_MAX = 50 * mm
CONFIDENTIAL_ENVELOPE_LINE = "Persoonlijk en vertrouwelijk"

_REFERENCE_LABEL = re.compile(r"^\s*([A-Za-zÀ-ÿ][A-Za-zÀ-ÿ .]{1,28}?)\s*:\s*(\S.*)$", re.S)


def _split_reference(reference: str) -> tuple[str, str]:
    """``"Ons kenmerk: VP 2026-014"`` -> ("Ons kenmerk", "VP 2026-014"); a bare value gets
    the label "Ons kenmerk"."""
    match = _REFERENCE_LABEL.match(reference)
    if match:
        return match.group(1).strip(), match.group(2).strip()
    return "Ons kenmerk", reference.strip()


def _letterhead(doc: LetterDocument) -> Paragraph | None:
    return sender_block(doc.sender_lines)


def _address(doc: LetterDocument) -> Paragraph | None:
    """The recipient block, shrunk (down to 8 pt) to stay inside the envelope window."""
    lines = [line for line in doc.recipient_lines if line.strip()]
    if not lines:
        return None
    styles = get_styles()
    markup = lines_markup(lines)
    if doc.confidential:
        note = styles.address_note
        markup = (
            f'<font name="{note.fontName}" size="{note.fontSize}">'
            f"{CONFIDENTIAL_ENVELOPE_LINE}</font><br/>{markup}"
        )
    size = styles.address.fontSize
    while True:
        style = styles.address.clone(
            "vp-address-fit", fontSize=size, leading=size * styles.address.leading / 10
        )
        block = Paragraph(markup, style)
        _, height = block.wrap(ADDRESS_WIDTH, 10_000)
        if height <= ADDRESS_HEIGHT or size <= ADDRESS_MIN_FONT:
            return block
        size -= 0.5


def _first_page(doc: LetterDocument) -> FirstPage:
    letterhead = _letterhead(doc)
    address = _address(doc)
    letterhead_h = letterhead.wrap(LETTERHEAD_WIDTH, 10_000)[1] if letterhead else 0.0
    address_h = address.wrap(ADDRESS_WIDTH, 10_000)[1] if address else 0.0

    body_top = BODY_TOP if address else BODY_TOP_NO_ADDRESS
    if letterhead:
        body_top = max(body_top, LETTERHEAD_TOP + letterhead_h + GAP)
    if address:
        body_top = max(body_top, ADDRESS_TOP + address_h + GAP)

    def draw(canvas: Canvas) -> None:
        if letterhead:
            letterhead.drawOn(canvas, LETTERHEAD_X, PAGE_HEIGHT - LETTERHEAD_TOP - letterhead_h)
        if address:
            address.drawOn(canvas, ADDRESS_X, PAGE_HEIGHT - ADDRESS_TOP - address_h)

    return FirstPage(body_top=body_top, draw=draw)


def _reference_block(doc: LetterDocument) -> Flowable:
    styles = get_styles()
    rows: list[tuple[str, str]] = [("Datum", doc.date_line)]
    if doc.reference.strip():
        rows.append(_split_reference(doc.reference))
    rows.append(("Betreft", doc.subject))
    return label_value_table(
        rows,
        label_width=28 * mm,
        label_style=styles.label,
        value_style=styles.body_tight,
        rules=False,
    )


def _running_header(doc: LetterDocument) -> str:
    parts = []
    if doc.reference.strip():
        label, value = _split_reference(doc.reference)
        parts.append(f"{label} {value}")
    if doc.date_line.strip():
        parts.append(doc.date_line.strip())
    return " · ".join(parts)


def render_letter(doc: LetterDocument) -> bytes:
    """The letter as PDF bytes (in memory only)."""
    styles = get_styles()
    story: list[Flowable] = [_reference_block(doc), Spacer(0, 10 * mm)]

    body = paras(doc.body, styles.body)

    ending: list[Flowable] = []
    closing = [line for line in doc.closing_lines if line.strip()]
    if closing:
        ending.append(Paragraph(lines_markup(closing), styles.body_tight))
    signature = [line for line in doc.signature_lines if line.strip()]
    if signature:
        ending.append(Spacer(0, SIGNATURE_SPACE if closing else 4 * mm))
        ending.append(Paragraph(lines_markup(signature), styles.body_tight))

    # Keep the last body paragraph with the closing so the closing never stands alone at
    # the top of a page; not when that paragraph is long, as reportlab would then move it to
    # the next page whole and leave a gap.
    last = body[-1:]
    if last and last[0].wrap(TEXT_WIDTH, PAGE_HEIGHT)[1] > KEEP_LAST_PARAGRAPH_MAX:
        story.extend(body)
        last = []
    else:
        story.extend(body[:-1])
    tail = last + ([Spacer(0, 3 * mm)] if last and ending else []) + ending
    if tail:
        story.append(KeepTogether(tail))

    return build_pdf(
        story,
        title="Brief",
        confidential=doc.confidential,
        running_header=_running_header(doc),
        first_page=_first_page(doc),
    )
