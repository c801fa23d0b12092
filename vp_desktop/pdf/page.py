"""The page frame every PDF shares: A4, margins, header mark, footer, paragraph styles.

Letters, case reports and (later) the yearly statistics report all go through
:func:`build_pdf`. It renders into memory only and returns the PDF as ``bytes``.

User text must never be fed to a reportlab ``Paragraph`` as is: the paragraph parser reads
a mini-markup (``<b>``, ``&amp;``, ``<font>`` ...). :func:`para` and :func:`paras` escape it.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
)
from reportlab.platypus.flowables import HRFlowable

from vp_desktop.i18n import N_, translator
from vp_desktop.pdf.fonts import FONT_BOLD, FONT_REGULAR, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 25 * mm
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 25 * mm
MARGIN_BOTTOM = 25 * mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

HEADER_BASELINE = PAGE_HEIGHT - 13 * mm
FOOTER_BASELINE = 12 * mm
FOOTER_RULE_Y = FOOTER_BASELINE + 4.5 * mm

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5f6368")
RULE = colors.HexColor("#c4c7cc")
SHADE = colors.HexColor("#eef0f3")
MARK = colors.HexColor("#9b1c1c")

CONFIDENTIAL_MARK = N_("VERTROUWELIJK")
CREATED_WITH = N_("Gemaakt met VP Desktop")
EMPTY_VALUE = "—"


# --------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle  # running text, a blank line's worth of space after each paragraph
    body_tight: ParagraphStyle  # body text without space after (closing, signature lines)
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle  # section heading
    subheading: ParagraphStyle  # entry heading inside a section
    small: ParagraphStyle  # small print
    label: ParagraphStyle  # small grey label (letter reference block)
    table: ParagraphStyle  # table cell text
    table_label: ParagraphStyle  # table cell label
    letterhead: ParagraphStyle
    letterhead_name: ParagraphStyle
    address: ParagraphStyle
    address_note: ParagraphStyle  # "Persoonlijk en vertrouwelijk" above an address


@cache
def get_styles() -> Styles:
    """The shared paragraph styles (registers the fonts on first use)."""
    register_fonts()
    base = ParagraphStyle(
        "vp-base",
        fontName=FONT_REGULAR,
        fontSize=10,
        leading=14.5,
        textColor=INK,
        alignment=TA_LEFT,
        splitLongWords=1,
    )

    def style(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return Styles(
        body=style("vp-body", spaceAfter=9),
        body_tight=style("vp-body-tight"),
        title=style("vp-title", fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=4),
        subtitle=style("vp-subtitle", fontSize=9, leading=12.5, textColor=MUTED),
        heading=style(
            "vp-heading",
            fontName=FONT_BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=16,
            spaceAfter=3,
        ),
        subheading=style(
            "vp-subheading",
            fontName=FONT_BOLD,
            fontSize=9.5,
            leading=13,
            spaceBefore=11,
            spaceAfter=7,
            backColor=SHADE,
            # The shaded band reaches exactly from margin to margin: indent = padding.
            leftIndent=4,
            rightIndent=4,
            borderPadding=(3, 4, 3, 4),
        ),
        small=style("vp-small", fontSize=8, leading=11, textColor=MUTED, spaceAfter=4),
        label=style("vp-label", fontSize=8.5, leading=14, textColor=MUTED),
        table=style("vp-table", fontSize=9, leading=12.5),
        table_label=style("vp-table-label", fontSize=9, leading=12.5, textColor=MUTED),
        letterhead=style("vp-letterhead", fontSize=8.5, leading=11.5, textColor=MUTED),
        letterhead_name=style("vp-letterhead-name", fontName=FONT_BOLD, fontSize=9.5, leading=12.5),
        address=style("vp-address", fontSize=10, leading=13.5),
        address_note=style(
            "vp-address-note", fontName=FONT_BOLD, fontSize=8, leading=13.5, textColor=INK
        ),
    )


# --------------------------------------------------------------------------- user text

_NEWLINES = re.compile(r"\r\n?")
# C0 controls except tab and newline, DEL and C1 controls: invisible, and some upset PDF tools.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


def clean_text(text: str) -> str:
    """Normalise newlines and drop control characters and lone surrogates."""
    text = _NEWLINES.sub("\n", text)
    text = _CONTROL.sub("", text)
    # A lone surrogate (possible in a str from a broken source) cannot be encoded at all.
    return text.encode("utf-8", "replace").decode("utf-8")


def escape_markup(text: str) -> str:
    """User text to reportlab paragraph markup: shown literally, single newlines kept."""
    text = clean_text(text).strip("\n")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """One paragraph of user text: escaped, single newlines become line breaks."""
    return Paragraph(escape_markup(text), style)


def split_paragraphs(text: str) -> list[str]:
    """Plain text split on blank lines; empty blocks dropped."""
    text = clean_text(text).strip()
    if not text:
        return []
    return [block.strip("\n") for block in _BLANK_LINE.split(text) if block.strip()]


def paras(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """User text with blank lines between paragraphs, as one Paragraph per block."""
    return [para(block, style) for block in split_paragraphs(text)]


def lines_markup(lines: Iterable[str]) -> str:
    """Several user lines as one paragraph's markup, joined by line breaks."""
    return "<br/>".join(escape_markup(line) for line in lines)


def sender_block(lines: Iterable[str]) -> Paragraph | None:
    """The sender as a small letterhead block: the first line (the name) stands out."""
    lines = [line for line in lines if line.strip()]
    if not lines:
        return None
    styles = get_styles()
    name = styles.letterhead_name
    markup = (
        f'<font name="{name.fontName}" size="{name.fontSize}" color="#{INK.hexval()[2:]}">'
        f"{escape_markup(lines[0])}</font>"
    )
    if len(lines) > 1:
        markup += "<br/>" + lines_markup(lines[1:])
    return Paragraph(markup, styles.letterhead)


# --------------------------------------------------------------------------- flowables

# Every Table needs this command: a cell's own default font is Helvetica, which reportlab
# would then add (unembedded) to the PDF even when every cell holds a Paragraph.
TABLE_FONT = (("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),)


# Headings are kept with what follows by a conditional page break, not by keepWithNext:
# reportlab moves a keepWithNext group that does not fit to the next page as a whole, which
# leaves a page nearly empty when the next flowable is a very long table or text.
SECTION_MIN_SPACE = 32 * mm
ENTRY_MIN_SPACE = 24 * mm


def section_heading(text: str) -> list[Flowable]:
    """A section heading with a thin rule under it; never alone at the foot of a page."""
    styles = get_styles()
    rule = HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=1, spaceAfter=7)
    return [CondPageBreak(SECTION_MIN_SPACE), para(text, styles.heading), rule]


def entry_heading(text: str) -> list[Flowable]:
    """A shaded heading of one entry (a consultation, a follow-up) inside a section."""
    return [CondPageBreak(ENTRY_MIN_SPACE), para(text, get_styles().subheading)]


def label_value_table(
    rows: Sequence[tuple[str, str]],
    *,
    label_width: float = 50 * mm,
    width: float = TEXT_WIDTH,
    label_style: ParagraphStyle | None = None,
    value_style: ParagraphStyle | None = None,
    rules: bool = True,
) -> Table:
    """Label/value rows; long values wrap and a very long value may split across pages."""
    styles = get_styles()
    label_style = label_style or styles.table_label
    value_style = value_style or styles.table
    data = [
        [
            para(label, label_style),
            para(value, value_style) if value.strip() else para(EMPTY_VALUE, label_style),
        ]
        for label, value in rows
    ]
    top = 3 if rules else 0
    commands: list[tuple] = [
        *TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), 8),
        ("RIGHTPADDING", (1, 0), (1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), top),
        # A smaller label sits on the same baseline as its value's first line.
        (
            "TOPPADDING",
            (0, 0),
            (0, -1),
            top + max(0.0, value_style.fontSize - label_style.fontSize),
        ),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4 if rules else 1),
    ]
    if rules:
        commands.append(("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE))
    return Table(
        data,
        colWidths=[label_width, width - label_width],
        style=commands,
        hAlign="LEFT",
        splitInRow=1,
    )


# --------------------------------------------------------------------------- the frame


@dataclass(frozen=True)
class FirstPage:
    """A first page that differs from the others (a letter's letterhead and address).

    ``body_top`` is the distance from the top edge of the page to where the flowing text
    starts on page 1; ``draw`` paints the rest of page 1 onto the canvas.
    """

    body_top: float
    draw: Callable[[Canvas], None]


class _NumberedCanvas(Canvas):
    """Holds every page back until the end so the footer can say "Pagina X van Y"."""

    def __init__(self, *args, document_lang: str = "nl", **kwargs):
        # ``lang`` (the PDF's /Lang, "en-GB") is the document template's and goes to Canvas
        super().__init__(*args, **kwargs)
        self._page_states: list[dict] = []
        self._gettext = translator(document_lang).gettext

    def showPage(self):  # noqa: N802 - reportlab's name
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._page_states)
        for number, state in enumerate(self._page_states, start=1):
            self.__dict__.update(state)
            self._draw_page_number(number, total)
            super().showPage()
        super().save()

    def _draw_page_number(self, number: int, total: int) -> None:
        self.saveState()
        self.setFont(FONT_REGULAR, 8)
        self.setFillColor(MUTED)
        _ = self._gettext
        self.drawRightString(
            PAGE_WIDTH - MARGIN_RIGHT, FOOTER_BASELINE,
            _("Pagina {number} van {total}").format(number=number, total=total)
        )
        self.restoreState()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten one line with an ellipsis so it fits ``width``."""
    text = " ".join(clean_text(text).split())
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _draw_header(canvas: Canvas, *, confidential: bool, running_header: str,
                 lang: str = "nl") -> None:
    canvas.saveState()
    mark_width = 0.0
    if confidential:
        mark = translator(lang).gettext(CONFIDENTIAL_MARK)
        canvas.setFont(FONT_BOLD, 8)
        canvas.setFillColor(MARK)
        canvas.drawString(MARGIN_LEFT, HEADER_BASELINE, mark, charSpace=1.2)
        mark_width = stringWidth(mark, FONT_BOLD, 8) + 1.2 * len(mark)
    if running_header:
        room = TEXT_WIDTH - mark_width - 10 * mm
        canvas.setFont(FONT_REGULAR, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN_RIGHT,
            HEADER_BASELINE,
            _fit(running_header, FONT_REGULAR, 8, room),
        )
    canvas.restoreState()


def _draw_footer(canvas: Canvas, lang: str = "nl") -> None:
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN_LEFT, FOOTER_RULE_Y, PAGE_WIDTH - MARGIN_RIGHT, FOOTER_RULE_Y)
    canvas.setFont(FONT_REGULAR, 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN_LEFT, FOOTER_BASELINE, translator(lang).gettext(CREATED_WITH))
    canvas.restoreState()
    # "Pagina X van Y" is added by _NumberedCanvas once the total is known.


def _frame(top: float) -> Frame:
    return Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        TEXT_WIDTH,
        PAGE_HEIGHT - top - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )


def build_pdf(
    story: Sequence[Flowable],
    *,
    title: str,
    confidential: bool,
    running_header: str = "",
    first_page: FirstPage | None = None,
    lang: str = "nl",
) -> bytes:
    """Lay ``story`` out on A4 pages with the shared header and footer; return the PDF.

    ``lang`` is the document's language ("nl" or "en", i18n.DOCUMENT_LANGUAGES): the page
    furniture (confidential mark, "Pagina X van Y", "Gemaakt met") and the PDF's /Lang.

    ``running_header`` is printed top right from page 2 on (page 1 carries the title or
    the letterhead). ``title`` goes into the PDF metadata: keep it free of names.
    """
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author="",
        subject="",
        creator="VP Desktop",
        lang="en-GB" if lang == "en" else "nl-NL",
        initialFontName=FONT_REGULAR,
    )

    def decorate_first(canvas: Canvas, _doc) -> None:
        _draw_header(canvas, confidential=confidential, running_header="", lang=lang)
        if first_page is not None:
            first_page.draw(canvas)
        _draw_footer(canvas, lang)

    def decorate_later(canvas: Canvas, _doc) -> None:
        _draw_header(canvas, confidential=confidential, running_header=running_header,
                     lang=lang)
        _draw_footer(canvas, lang)

    first_top = first_page.body_top if first_page is not None else MARGIN_TOP
    doc.addPageTemplates(
        [
            PageTemplate(
                "first", [_frame(first_top)], onPage=decorate_first, autoNextPageTemplate="later"
            ),
            PageTemplate("later", [_frame(MARGIN_TOP)], onPage=decorate_later),
        ]
    )
    doc.build(list(story), canvasmaker=functools.partial(_NumberedCanvas, document_lang=lang))
    return buffer.getvalue()
