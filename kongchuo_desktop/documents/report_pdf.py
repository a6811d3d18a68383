"""Report PDFs: the same parts as the workbook (services.reports.layout) on A4 landscape pages in
the bundled CJK fonts — heavy title, the 填报单位 line, ruled tables whose merged headers repeat
on every page, notes, the sign-off with room for the seal — and page numbers "— n —" at the foot.

Type sizes, fonts, title and line breaking come from documents/official.py (GB/T 9704); the
page is landscape because the 学籍变动月报 has 22 columns. Written to a temporary name beside the
target and renamed when complete.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import KeepTogether

from kongchuo_desktop.documents.fonts import Fonts, default_fonts
from kongchuo_desktop.documents.official import _BUILD_LOCK, HeavyTitle, Styles, _string_width
from kongchuo_desktop.documents.xlsx_ledger import date_text
from kongchuo_desktop.services.reports.layout import Part, ReportLayout
from kongchuo_desktop.services.reports.layout import Table as LayoutTable

PAGE = landscape(A4)
MARGIN = 15 * mm
WIDTH = PAGE[0] - 2 * MARGIN
TABLE_SIZE = 8.5
PROBLEM = colors.HexColor("#c0392b")


def write_report_pdf(target: str | Path | IO[bytes], layout: ReportLayout, fonts: Fonts | None = None) -> int:
    """Write `layout` as a PDF (a path: through a temporary name; or a binary file object);
    returns the number of pages."""
    fonts = fonts or default_fonts()
    if isinstance(target, str | Path):
        path = Path(target)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
        try:
            pages = _build(str(tmp), layout, fonts)
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return pages
    return _build(target, layout, fonts)


def _build(target: Any, layout: ReportLayout, fonts: Fonts) -> int:
    pages = [0]
    song = fonts.song.primary

    def footer(canv: Any, doc: Any) -> None:
        pages[0] += 1
        text = f"— {doc.page} —"
        canv.saveState()
        canv.setFont(song, 11)
        canv.drawString((PAGE[0] - _string_width(text, song, 11)) / 2, MARGIN / 2, text)
        canv.restoreState()

    with _BUILD_LOCK:
        doc = BaseDocTemplate(
            target, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
            title=layout.title, creator="控辍保学台账", lang="zh-CN", initialFontName=song,
        )  # fmt: skip
        frame = Frame(
            MARGIN, MARGIN, WIDTH, PAGE[1] - 2 * MARGIN, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0
        )
        doc.addPageTemplates([PageTemplate("report", [frame], onPageEnd=footer)])
        styles = Styles.for_fonts(fonts)
        story: list[Any] = []
        for i, part in enumerate(layout.parts):
            if i:
                story.append(PageBreak())
            story.extend(_part(part, styles, fonts))
        doc.build(story)
    return pages[0]


def _part(part: Part, styles: Styles, fonts: Fonts) -> list[Any]:
    small = ParagraphStyle("report-small", parent=styles.small, fontSize=10, leading=14)
    heading = ParagraphStyle("report-heading", parent=styles.heading1, fontSize=12, leading=18, spaceBefore=6)
    red = ParagraphStyle("report-problem", parent=small, textColor=PROBLEM, fontSize=11, leading=16)
    out: list[Any] = [HeavyTitle(part.title, fonts, size=18, space_after=6)]
    line = Table(
        [[styles.paragraph(f"填报单位：{part.unit}", small), styles.paragraph(part.period, small),
          styles.paragraph(f"填报日期：{date_text(part.made_on)}", ParagraphStyle("r", parent=small, alignment=2))]],
        colWidths=[WIDTH / 3] * 3,
    )  # fmt: skip
    line.setStyle(TableStyle([fonts.cell_font(), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    out += [line, Spacer(1, 4)]
    for problem in part.problems:
        out.append(styles.paragraph(problem, red))
    for table in part.tables:
        if table.heading:
            out.append(styles.paragraph(table.heading, heading))
        out += [_table(table, styles, fonts), Spacer(1, 6)]
    for note in part.notes:
        out.append(styles.paragraph(f"注：{note}", small))
    if part.signoff:
        sign = ParagraphStyle("report-sign", parent=small, fontSize=12, leading=20)
        cells = [[styles.paragraph(f"填报人：{part.made_by}", sign), styles.paragraph("审核人：", sign),
                  styles.paragraph("单位负责人（签字）：", sign)],
                 ["", "", styles.paragraph("（单位盖章）", ParagraphStyle("seal", parent=sign, alignment=1))]]  # fmt: skip
        block = Table(cells, colWidths=[WIDTH / 3] * 3, rowHeights=[None, 30 * mm])
        block.setStyle(TableStyle([fonts.cell_font(), ("VALIGN", (0, 1), (-1, 1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        out += [Spacer(1, 10), KeepTogether([block])]
    return out


def _table(table: LayoutTable, styles: Styles, fonts: Fonts) -> Table:
    depth = table.depth
    n = len(table.columns)
    units = sum(w for _, w in table.columns)
    widths = [WIDTH * w / units for _, w in table.columns]
    head = ParagraphStyle("report-th", parent=styles.table_header, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.25)
    cell = ParagraphStyle("report-td", parent=styles.table, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.25)
    left = ParagraphStyle("report-td-left", parent=cell, alignment=0)
    data: list[list[Any]] = [[""] * n for _ in range(depth)]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, depth - 1), colors.HexColor("#d9d9d9")),
        ("FONT", (0, 0), (-1, -1), fonts.song.primary, TABLE_SIZE),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    for text, r, c, rspan, cspan in table.header_cells():
        data[r][c] = Paragraph(fonts.hei.markup(text), head)
        if rspan > 1 or cspan > 1:
            commands.append(("SPAN", (c, r), (c + cspan - 1, r + rspan - 1)))
    markup: Callable[[str], str] = fonts.song.markup
    for i, values in enumerate(table.rows):
        row = []
        for c, value in enumerate(values):
            text = "" if value is None else str(value)
            style = left if c == 0 or (isinstance(value, str) and len(text) > 8) else cell
            text_markup = f"<b>{markup(text)}</b>" if i in table.bold else markup(text)
            row.append(Paragraph(text_markup, style))
        data.append(row)
    result = Table(data, colWidths=widths, repeatRows=depth, hAlign="CENTER")
    result.setStyle(TableStyle([fonts.cell_font(), *commands]))
    return result
