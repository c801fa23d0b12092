"""The yearly report (jaarverslag) as PDF, for the management team and the works council.

Layout: a title block (title, organisation, year, date of making, an "anonymised" notice
and the key figures), "Over dit verslag" (the disclosure rules applied), then T1 with last
year and the difference, every other table as label/aantal with its footnotes, a bar chart
under T2 (categories or merged domains) and T5 (outcomes), omitted tables with their reason,
and finally the VP's own text ("Trends, signalen en advies"). A tiny publication shows only
the total, the explanation and the text.

Everything printed comes from :func:`~vp_desktop.stats.published.published_view`: the
shown values only, never a true count. Charts draw a bar only for a published number; a
hidden value gets no bar, just its "<k" label at the axis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.textlabels import NA_Label
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from vp_desktop.dutch import decimal_comma, long_date
from vp_desktop.i18n import N_, translator
from vp_desktop.pdf.fonts import FONT_BOLD, FONT_REGULAR
from vp_desktop.pdf.page import (
    INK,
    MUTED,
    RULE,
    SHADE,
    TABLE_FONT,
    TEXT_WIDTH,
    build_pdf,
    escape_markup,
    get_styles,
    label_value_table,
    para,
    paras,
    section_heading,
)
from vp_desktop.stats.published import (
    COUNT_HEADING,
    NARRATIVE_HEADING,
    PublishedRow,
    PublishedTable,
    PublishedView,
    published_view,
)
from vp_desktop.stats.tables import Publication

# Texts of the document, in its language (``view.lang``): Dutch message ids, translated with
# ``translator(lang)`` where they are printed.
AUDIENCE = N_("Managementteam en ondernemingsraad")
STATUS = N_("Vertrouwelijk – geanonimiseerd")
ABOUT_HEADING = N_("Over dit verslag")
NO_NARRATIVE = N_("De vertrouwenspersoon heeft geen toelichting toegevoegd.")
OMITTED_PREFIX = N_("Deze tabel is niet opgenomen.")
DIFFERENCE_HEADING = N_("Verschil")
TOTAL_HEADING = N_("Aantal meldingen")
CHART_TABLES = ("T2", "T5")

BAR = colors.HexColor("#2f6690")
CHART_GRID = colors.HexColor("#e3e6ea")

VALUE_WIDTH = 24 * mm
CHART_LABEL_WIDTH = 62 * mm
CHART_ROW_HEIGHT = 13.0  # points per row
CHART_ROW_HEIGHT_2 = 20.0  # points per row when a label takes two lines
CHART_FONT_SIZE = 7.5
CHART_MIN_ROWS = 3


@dataclass(frozen=True)
class _Styles:
    cover_title: ParagraphStyle
    cover_org: ParagraphStyle
    notice: ParagraphStyle
    header: ParagraphStyle
    header_num: ParagraphStyle
    cell: ParagraphStyle
    num: ParagraphStyle
    cell_bold: ParagraphStyle
    num_bold: ParagraphStyle
    footnote: ParagraphStyle
    caption: ParagraphStyle
    bullet: ParagraphStyle
    tile_number: ParagraphStyle
    tile_label: ParagraphStyle


@cache
def _styles() -> _Styles:
    base = get_styles()

    def style(name: str, parent: ParagraphStyle, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=parent, **kw)

    return _Styles(
        cover_title=style("ar-cover-title", base.title, fontSize=21, leading=26, spaceAfter=2),
        cover_org=style("ar-cover-org", base.body, fontSize=12.5, leading=17, spaceAfter=10),
        notice=style("ar-notice", base.body_tight, fontSize=8.5, leading=12),
        header=style("ar-header", base.table, fontName=FONT_BOLD, fontSize=8.5, textColor=MUTED),
        header_num=style(
            "ar-header-num",
            base.table,
            fontName=FONT_BOLD,
            fontSize=8.5,
            textColor=MUTED,
            alignment=TA_RIGHT,
        ),
        cell=base.table,
        num=style("ar-num", base.table, alignment=TA_RIGHT),
        cell_bold=style("ar-cell-bold", base.table, fontName=FONT_BOLD),
        num_bold=style("ar-num-bold", base.table, fontName=FONT_BOLD, alignment=TA_RIGHT),
        footnote=style("ar-footnote", base.small, spaceAfter=2),
        caption=style("ar-caption", base.small, spaceBefore=2, spaceAfter=0),
        bullet=style("ar-bullet", base.body, spaceAfter=4, leftIndent=10, bulletIndent=0),
        tile_number=style(
            "ar-tile-number",
            base.body_tight,
            fontName=FONT_BOLD,
            fontSize=20,
            leading=24,
            alignment=TA_CENTER,
        ),
        tile_label=style(
            "ar-tile-label",
            base.body_tight,
            fontSize=8.5,
            leading=11,
            textColor=MUTED,
            alignment=TA_CENTER,
        ),
    )


# --------------------------------------------------------------------------- helpers

_TABLE_ID = re.compile(r"^T(\d+[a-z]?)$", re.IGNORECASE)
_INTEGER = re.compile(r"^[0-9]+$")
_NUMBER = re.compile(r"^[0-9]+([.,][0-9]+)?$")


def table_heading(table: PublishedTable, lang: str = "nl") -> str:
    """The heading of a table: id "T2", title "Per categorie" -> "Tabel 2. Per categorie"."""
    _ = translator(lang).gettext
    match = _TABLE_ID.match(table.id)
    number = _("Tabel {number}").format(number=match.group(1)) if match else table.id
    return f"{number}. {table.title}" if table.title else number


def _number(value: str) -> float | None:
    """A published value as a number; None for "<k", "" and anything else."""
    return float(value.replace(",", ".")) if _NUMBER.match(value) else None


def _difference(current: str, previous: str | None) -> str:
    """The change between two published integers ("+5", "−3", "0"); "" if either is not one."""
    if previous is None or not (_INTEGER.match(current) and _INTEGER.match(previous)):
        return ""
    delta = int(current) - int(previous)
    return f"+{delta}" if delta > 0 else (f"−{-delta}" if delta < 0 else "0")


def _shown(value: str, lang: str = "nl") -> str:
    if not value:
        return "—"
    return value if lang == "en" else decimal_comma(value)


def _widths(values: int) -> list[float]:
    """A full-width table: the label column takes what the value columns leave."""
    return [TEXT_WIDTH - values * VALUE_WIDTH] + [VALUE_WIDTH] * values


def _grid_table(data, col_widths, *, header: bool, total_row: bool) -> Table:
    last = len(data) - 1
    commands: list[tuple] = [
        *TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
    ]
    if header:
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, INK))
    if total_row:
        commands.append(("LINEABOVE", (0, last), (-1, last), 0.8, INK))
        commands.append(("LINEBELOW", (0, last), (-1, last), 0.8, INK))
    return Table(
        data,
        colWidths=col_widths,
        style=commands,
        hAlign="LEFT",
        repeatRows=1 if header else 0,
        splitInRow=1,
    )


# --------------------------------------------------------------------------- blocks


def _key_figures(view: PublishedView) -> list[Flowable]:
    """Big numbers from T1 (its shown rows), with last year's value underneath."""
    s = _styles()
    t1 = next((t for t in view.tables if t.id == "T1" and not t.omitted), None)
    if t1 is None or not t1.shown_rows:
        return []
    tiles = []
    for row in t1.shown_rows[:3]:
        lines = [para(_shown(row.value, view.lang), s.tile_number),
                 para(row.label, s.tile_label)]
        if row.last_year:
            lines.append(para(f"{view.year - 1}: {_shown(row.last_year, view.lang)}",
                              s.tile_label))
        tiles.append(lines)
    gap = 5 * mm
    width = (TEXT_WIDTH - gap * (len(tiles) - 1)) / len(tiles) if len(tiles) > 1 else 60 * mm
    data: list[list] = [[]]
    widths: list[float] = []
    for index, tile in enumerate(tiles):
        if index:
            data[0].append("")
            widths.append(gap)
        data[0].append(tile)
        widths.append(width)
    commands: list[tuple] = [
        *TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]
    for index in range(0, len(data[0]), 2):
        commands.append(("BACKGROUND", (index, 0), (index, 0), SHADE))
    return [Table(data, colWidths=widths, style=commands, hAlign="LEFT")]


def _notice(view: PublishedView) -> Table:
    s = _styles()
    _ = translator(view.lang).gettext
    text = _(
        "<b>Vertrouwelijk en geanonimiseerd.</b> Dit verslag bevat alleen aantallen en is zo "
        "opgesteld dat geen melding tot een persoon te herleiden is. Kleine aantallen staan "
        "als “&lt;{k}”; er is geen uitsplitsing naar afdeling, team of locatie."
    ).format(k=view.k)
    return Table(
        [[Paragraph(text, s.notice)]],
        colWidths=[TEXT_WIDTH],
        style=[
            *TABLE_FONT,
            ("BACKGROUND", (0, 0), (-1, -1), SHADE),
            ("LINEBEFORE", (0, 0), (0, -1), 2.5, BAR),
            ("LEFTPADDING", (0, 0), (-1, -1), 9),
            ("RIGHTPADDING", (0, 0), (-1, -1), 9),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ],
        hAlign="LEFT",
    )


def _title_block(view: PublishedView, made_on: date) -> list[Flowable]:
    s = _styles()
    _ = translator(view.lang).gettext
    story: list[Flowable] = [
        para(view.title, s.cover_title),
        para(view.organisation_label, s.cover_org),
        label_value_table(
            [
                (_("Organisatie"), view.organisation_label),
                (_("Verslagjaar"), str(view.year)),
                (_("Opgesteld op"), long_date(made_on, view.lang)),
                (_("Bestemd voor"), _(AUDIENCE)),
                (_("Status"), _(STATUS)),
            ],
            label_width=35 * mm,
        ),
        Spacer(0, 5 * mm),
        _notice(view),
    ]
    figures = [] if view.tiny else _key_figures(view)  # tiny: the total has its own section
    if figures:
        story.extend([Spacer(0, 5 * mm), *figures])
    return story


def _about(view: PublishedView) -> list[Flowable]:
    s = _styles()
    body = get_styles().body
    _ = translator(view.lang).gettext
    if view.tiny:
        intro = _(
            "Dit is het jaarverslag van de vertrouwenspersoon over {year}. Het geeft in "
            "aantallen weer hoe vaak medewerkers de vertrouwenspersoon hebben ingeschakeld. "
            "Het verslag gaat nooit over personen of afzonderlijke meldingen. Bij het "
            "samenstellen zijn deze regels toegepast:"
        ).format(year=view.year)
    else:
        intro = _(
            "Dit is het jaarverslag van de vertrouwenspersoon over {year}. Het geeft in "
            "aantallen weer hoe vaak en waarvoor medewerkers de vertrouwenspersoon hebben "
            "ingeschakeld, en wat daaruit volgde. Het verslag gaat nooit over personen of "
            "afzonderlijke meldingen. Bij het samenstellen zijn deze regels toegepast:"
        ).format(year=view.year)
    story = [*section_heading(_(ABOUT_HEADING)), para(intro, body)]
    story.extend(Paragraph(escape_markup(note), s.bullet, bulletText="•") for note in view.notes)
    return story


def _t1_table(table: PublishedTable, year: int, lang: str = "nl") -> Table:
    s = _styles()
    _ = translator(lang).gettext
    header = [para("", s.header), para(str(year), s.header_num)]
    if table.has_previous:
        header += [para(str(year - 1), s.header_num), para(_(DIFFERENCE_HEADING), s.header_num)]
    widths = _widths(len(header) - 1)
    data = [header]
    rows = list(table.shown_rows) + ([table.total] if table.total else [])
    for index, row in enumerate(rows):
        bold = table.total is not None and index == len(rows) - 1
        cells = [
            para(row.label, s.cell_bold if bold else s.cell),
            para(_shown(row.value, lang), s.num_bold if bold else s.num),
        ]
        if table.has_previous:
            cells.append(para(_shown(row.last_year or "", lang), s.num))
            cells.append(para(_difference(row.value, row.last_year), s.num))
        data.append(cells)
    return _grid_table(data, widths, header=True, total_row=table.total is not None)


def _count_table(table: PublishedTable, lang: str = "nl") -> Table:
    s = _styles()
    _ = translator(lang).gettext
    data = [[para("", s.header), para(_(COUNT_HEADING), s.header_num)]]
    data += [[para(r.label, s.cell), para(_shown(r.value, lang), s.num)]
             for r in table.shown_rows]
    if table.total is not None:
        data.append([para(table.total.label, s.cell_bold),
                     para(_shown(table.total.value, lang), s.num_bold)])
    return _grid_table(data, _widths(1), header=True, total_row=table.total is not None)


def _nice_max(value: float) -> tuple[float, float]:
    """An axis maximum ≥ value with a round step (about 4–6 gridlines)."""
    value = max(value, 1.0)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if value / step <= 6:
            top = step * (int(value // step) + (0 if value % step == 0 else 1))
            return float(top), float(step)
    step = 10 ** len(str(int(value)))
    return float(step), float(step / 5)


def bar_chart(rows: tuple[PublishedRow, ...], k: int, lang: str = "nl") -> Drawing:
    """A horizontal bar per row, from the SHOWN values only.

    A hidden value gets no bar (``None`` data) and its "<k" text as label; a published
    number gets a bar of that length with the number at its end.
    """
    values = [_number(r.value) if not r.hidden else None for r in rows]
    top, step = _nice_max(max((v for v in values if v is not None), default=1.0))
    labels = [_chart_label(r.label, CHART_LABEL_WIDTH - 8) for r in rows]
    row_height = CHART_ROW_HEIGHT if all(len(x) == 1 for x in labels) else CHART_ROW_HEIGHT_2
    plot_height = len(rows) * row_height
    height = plot_height + 22

    chart = HorizontalBarChart()
    chart.x = CHART_LABEL_WIDTH
    chart.y = 16
    chart.width = TEXT_WIDTH - CHART_LABEL_WIDTH - 12 * mm
    chart.height = plot_height
    chart.data = [values]
    chart.barWidth = CHART_ROW_HEIGHT * 0.62
    chart.groupSpacing = row_height - chart.barWidth
    chart.bars.strokeColor = None
    chart.bars.strokeWidth = 0
    chart.bars[0].fillColor = BAR
    chart.strokeColor = None

    axis = chart.categoryAxis
    axis.categoryNames = ["\n".join(x) for x in labels]
    axis.reverseDirection = 1  # first row on top, as in the table
    axis.labels.fontName = FONT_REGULAR
    axis.labels.fontSize = CHART_FONT_SIZE
    axis.labels.leading = CHART_FONT_SIZE * 1.15
    axis.labels.fillColor = INK
    axis.labels.boxAnchor = "e"
    axis.labels.dx = -4
    axis.strokeColor = MUTED
    axis.strokeWidth = 0.5
    axis.tickLeft = 0

    value_axis = chart.valueAxis
    value_axis.valueMin = 0
    value_axis.valueMax = top
    value_axis.valueStep = step
    value_axis.labels.fontName = FONT_REGULAR
    value_axis.labels.fontSize = 7
    value_axis.labels.fillColor = MUTED
    value_axis.strokeColor = None
    value_axis.visibleGrid = 1
    value_axis.gridStrokeColor = CHART_GRID
    value_axis.gridStrokeWidth = 0.5
    value_axis.tickDown = 0
    value_axis.labelTextFormat = lambda v: f"{v:g}"

    chart.barLabelArray = [[_shown(r.value, lang) for r in rows]]
    chart.barLabelFormat = "values"
    chart.barLabels.fontName = FONT_BOLD
    chart.barLabels.fontSize = 7.5
    chart.barLabels.fillColor = INK
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barLabels.nudge = 0
    na = NA_Label()
    na.text = f"<{k}"
    na.fontName = FONT_REGULAR
    na.fontSize = 7.5
    na.fillColor = MUTED
    na.boxAnchor = "w"
    na.dx = 3
    chart.naLabel = na

    drawing = Drawing(TEXT_WIDTH, height)
    drawing.add(chart)
    return drawing


def _chart_label(label: str, width: float) -> list[str]:
    """A category label in at most two lines of ``width``; an ellipsis when longer."""
    lines = simpleSplit(" ".join(label.split()), FONT_REGULAR, CHART_FONT_SIZE, width)
    if len(lines) <= 2:
        return lines or [""]
    second = " ".join(lines[1:])
    while second and stringWidth(second + "…", FONT_REGULAR, CHART_FONT_SIZE) > width:
        second = second[:-1]
    return [lines[0], second.rstrip() + "…"]


def _chart_rows(table: PublishedTable) -> tuple[PublishedRow, ...]:
    """The rows worth a bar (or a "<k" label): not 0. Empty when a chart adds nothing."""
    if table.omitted or table.id not in CHART_TABLES:
        return ()
    rows = tuple(r for r in table.shown_rows if r.hidden or (_number(r.value) or 0) > 0)
    if len(rows) < CHART_MIN_ROWS or all(r.hidden for r in rows):
        return ()
    return rows


def _chart(table: PublishedTable, k: int, figure: int, lang: str = "nl") -> list[Flowable]:
    """The chart block of a table, or nothing when a chart would not add anything."""
    rows = _chart_rows(table)
    if not rows:
        return []
    s = _styles()
    _ = translator(lang).gettext
    sentences = [_("Figuur {figure}. {title}. Een verborgen aantal (“<{k}”) staat zonder "
                   "staaf.").format(figure=figure, title=table.title, k=k)]
    if len(rows) < len(table.shown_rows):
        sentences.append(_("Rijen met 0 staan alleen in de tabel."))
    if table.multi_count:
        sentences.append(_("Eén melding kan in meer dan één rij meetellen."))
    caption = " ".join(sentences)
    return [Spacer(0, 4 * mm), bar_chart(rows, k, lang), para(caption, s.caption)]


def _footnotes(table: PublishedTable) -> list[Flowable]:
    s = _styles()
    if not table.footnotes:
        return []
    story: list[Flowable] = [Spacer(0, 2 * mm)]
    for number, note in enumerate(table.footnotes, start=1):
        prefix = f"{number}. " if len(table.footnotes) > 1 else ""
        story.append(para(prefix + note, s.footnote))
    return story


def _table_section(table: PublishedTable, view: PublishedView, figure: int) -> list[Flowable]:
    """Heading, table, footnotes and chart kept on one page (unless longer than a page)."""
    body = get_styles().body
    lang = view.lang
    heading = section_heading(table_heading(table, lang))
    if table.omitted:
        reason = table.omitted_reason.strip()
        prefix = translator(lang).gettext(OMITTED_PREFIX)
        return [*heading, para(f"{prefix} {reason}".strip(), body)]
    grid = _t1_table(table, view.year, lang) if table.id == "T1" else _count_table(table, lang)
    together = [*heading[1:], grid, *_footnotes(table), *_chart(table, view.k, figure, lang)]
    return [heading[0], KeepTogether(together)]  # heading[0]: the conditional page break


def _narrative(view: PublishedView) -> list[Flowable]:
    body = get_styles().body
    _ = translator(view.lang).gettext
    story = section_heading(_(NARRATIVE_HEADING))
    story.extend(paras(view.narrative, body) or [para(_(NO_NARRATIVE), body)])
    return story


def _tiny_total(view: PublishedView) -> list[Flowable]:
    """A tiny publication: the one published number."""
    rows = [row for t in view.tables if not t.omitted for row in t.shown_rows][:1]
    if not rows:
        return []
    s = _styles()
    data = [
        [para("", s.header), para(str(view.year), s.header_num)],
        [para(rows[0].label, s.cell), para(_shown(rows[0].value, view.lang), s.num)],
    ]
    return [
        *section_heading(translator(view.lang).gettext(TOTAL_HEADING)),
        _grid_table(data, _widths(1), header=True, total_row=False),
    ]


# --------------------------------------------------------------------------- entry point


def build_story(view: PublishedView, made_on: date) -> list[Flowable]:
    story = _title_block(view, made_on)
    story.extend(_about(view))
    if view.tiny:
        story.extend(_tiny_total(view))
    else:
        figure = 0
        for table in view.tables:
            if _chart_rows(table):
                figure += 1
            story.extend(_table_section(table, view, figure))
    story.extend(_narrative(view))
    return story


def render_annual_report(pub: Publication, *, made_on: date | None = None) -> bytes:
    """The jaarverslag as PDF bytes (in memory only; nothing is written to disk), in the
    publication's language (``pub.lang``: "nl" or "en")."""
    view = published_view(pub)
    return build_pdf(
        build_story(view, made_on or date.today()),
        title=view.title,
        confidential=True,
        running_header=f"{view.title} · {view.organisation_label}",
        lang=view.lang,
    )
