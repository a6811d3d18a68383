"""Official Chinese documents (公文) after GB/T 9704-2012, for every PDF the app prints.

What it gives:

- the page: A4 with the standard's margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm,
  so a 156 × 225 mm type area), body in 三号 Song/Ming at 28 characters and 22 lines a page,
  page numbers "— 1 —" in 四号 Song 7 mm below the type area (odd pages right, even pages left,
  one character in from the edge; or centred);
- text helpers: Chinese numerals (`cn_number`), dates (`cn_date` → 二〇二六年十一月二十八日),
  clause labels (`clause_label` → 一、 （一） 1． （1）), recognising and renumbering them;
- flowables: `HeavyTitle` (centred 二号 title in a heavy face), `Styles` (body, flush, headings,
  subtitle …), `data_table` (a ruled table whose header repeats on every page), `signature_block`
  (two parties side by side with room for the seal), `RunsLine` (one line set in a font chain);
- the builder: `build_pdf` writes a stream of `OfficialDocument`s into one PDF, each starting on a
  new page with its own page numbering, its number printed top left and as a QR code top right;
  `build_separate` writes one PDF per document into a folder. Both report progress, can be
  cancelled between documents, and write through temporary names renamed at the end, so a
  cancelled or failed build leaves no half-written file.

Everything takes a `fonts.Fonts`, so each character falls back to a font that has it.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib import textsplit as _textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import paragraph as _paragraph
from reportlab.platypus.doctemplate import BaseDocTemplate, PageTemplate
from reportlab.platypus.flowables import Flowable, KeepTogether, PageBreak, Spacer
from reportlab.platypus.frames import Frame
from reportlab.platypus.paragraph import Paragraph
from reportlab.platypus.tables import Table, TableStyle

from kongchuo_desktop.documents.fonts import FontChain, Fonts, default_fonts

# Chinese punctuation that must not start a line: reportlab's list lacks the full-width comma,
# semicolon, colon, question and exclamation marks and closing quotes, so such a character would
# open the next line; with them listed it hangs in the right margin instead (标点悬挂).
# Both the single-run (textsplit.wordSplit) and the multi-run (paragraph.cjkFragSplit) line
# breakers read their module's copy.
CANNOT_START = _textsplit.ALL_CANNOT_START + "，；：！？”’》〉…—·％"
_textsplit.ALL_CANNOT_START = CANNOT_START
_paragraph.ALL_CANNOT_START = CANNOT_START

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_TOP = 37 * mm
MARGIN_BOTTOM = 35 * mm
MARGIN_LEFT = 28 * mm
MARGIN_RIGHT = 26 * mm
TYPE_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 156 mm
TYPE_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM  # 225 mm

# Chinese type sizes (字号) in points.
SIZE_2 = 22.0  # 二号: titles
SIZE_3 = 15.75  # 三号 ("16 pt"): body; exactly 28 characters fill the 156 mm line
SIZE_4 = 14.0  # 四号: page numbers
SIZE_SMALL_4 = 12.0  # 小四: tables
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
BODY_LEADING = TYPE_HEIGHT / LINES_PER_PAGE  # ≈ 28.9 pt

_DIGITS = "〇一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


class Cancelled(Exception):  # noqa: N818 — a normal outcome, not an error
    """The user cancelled a build; nothing was written."""


# ---------------------------------------------------------------------------------------------
# Numerals, dates and clause labels


def cn_number(n: int) -> str:
    """A count in Chinese numerals: 1 → 一, 10 → 十, 15 → 十五, 20 → 二十, 105 → 一百零五 (0–9999)."""
    if n < 0 or n > 9999:
        raise ValueError(f"out of range for Chinese numerals: {n}")
    if n < 10:
        return _DIGITS[n]
    out = []
    rest = n
    zero_pending = False
    for unit, name in _UNITS:
        digit, rest = divmod(rest, unit)
        if digit:
            if zero_pending:
                out.append("零")
                zero_pending = False
            out.append(_DIGITS[digit] + name)
        elif out:
            zero_pending = True
    if rest:
        if zero_pending:
            out.append("零")
        out.append(_DIGITS[rest])
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


def cn_year(year: int) -> str:
    """A year digit by digit: 2026 → 二〇二六."""
    return "".join(_DIGITS[int(d)] for d in str(year))


def cn_date(day: dt.date) -> str:
    """A date in Chinese numerals: 2026-11-28 → 二〇二六年十一月二十八日."""
    return f"{cn_year(day.year)}年{cn_number(day.month)}月{cn_number(day.day)}日"


def clause_label(level: int, n: int) -> str:
    """The label of clause `n` at `level`: 1 一、 2 （一） 3 1． 4 （1）."""
    if level == 1:
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}．"
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"clause level must be 1–4, not {level}")


_CN = "〇零一二三四五六七八九十百千"
_CLAUSE_RE = (
    (1, re.compile(rf"^([{_CN}]+)、")),
    (2, re.compile(rf"^[（(]([{_CN}]+)[）)]")),
    (3, re.compile(r"^(\d{1,3})[．.](?!\d)")),
    (4, re.compile(r"^[（(](\d{1,3})[）)]")),
)


def clause_level(line: str) -> tuple[int, int] | None:
    """(level, length of the label) when `line` starts with a clause label, else None."""
    stripped = line.lstrip()
    for level, pattern in _CLAUSE_RE:
        match = pattern.match(stripped)
        if match:
            return level, match.end()
    return None


def renumber_clauses(lines: Sequence[str]) -> list[str]:
    """Lines with their clause labels renumbered in order (一、二、… and within them （一）（二）…).

    A label of a higher level restarts the counters below it.
    """
    counters = [0, 0, 0, 0]
    out = []
    for line in lines:
        found = clause_level(line)
        if found is None:
            out.append(line)
            continue
        level, length = found
        counters[level - 1] += 1
        for lower in range(level, 4):
            counters[lower] = 0
        stripped = line.lstrip()
        out.append(clause_label(level, counters[level - 1]) + stripped[length:])
    return out


# ---------------------------------------------------------------------------------------------
# Styles and flowables


@dataclass
class Styles:
    """Paragraph styles of an official document, set in the given fonts.

    body: 三号 Song, first line indented two characters; flush: the same without indent;
    heading1: 黑体 (一、); heading2 / heading3: Song (（一） and 1．); subtitle: centred;
    table / table_header: 小四 cells; small: notes under tables.
    """

    fonts: Fonts
    body: ParagraphStyle
    flush: ParagraphStyle
    heading1: ParagraphStyle
    heading2: ParagraphStyle
    heading3: ParagraphStyle
    subtitle: ParagraphStyle
    attachment: ParagraphStyle
    table: ParagraphStyle
    table_header: ParagraphStyle
    small: ParagraphStyle

    @classmethod
    def for_fonts(cls, fonts: Fonts) -> Styles:
        """The standard styles in `fonts`."""
        song, hei = fonts.song.primary, fonts.hei.primary
        body = ParagraphStyle(
            "body",
            fontName=song,
            fontSize=SIZE_3,
            leading=BODY_LEADING,
            firstLineIndent=2 * SIZE_3,
            alignment=TA_JUSTIFY,
            wordWrap="CJK",
            allowWidows=0,
            allowOrphans=0,
        )
        flush = ParagraphStyle("flush", parent=body, firstLineIndent=0)
        return cls(
            fonts=fonts,
            body=body,
            flush=flush,
            heading1=ParagraphStyle("heading1", parent=body, fontName=hei, keepWithNext=1),
            heading2=ParagraphStyle("heading2", parent=body),
            heading3=ParagraphStyle("heading3", parent=body),
            subtitle=ParagraphStyle("subtitle", parent=flush, alignment=TA_CENTER, spaceAfter=0),
            attachment=ParagraphStyle("attachment", parent=flush, fontName=hei, alignment=TA_LEFT),
            table=ParagraphStyle(
                "table",
                fontName=song,
                fontSize=SIZE_SMALL_4,
                leading=SIZE_SMALL_4 * 1.3,
                wordWrap="CJK",
                alignment=TA_CENTER,
            ),
            table_header=ParagraphStyle(
                "table_header",
                fontName=hei,
                fontSize=SIZE_SMALL_4,
                leading=SIZE_SMALL_4 * 1.3,
                wordWrap="CJK",
                alignment=TA_CENTER,
            ),
            small=ParagraphStyle("small", parent=flush, fontSize=SIZE_SMALL_4, leading=SIZE_SMALL_4 * 1.6),
        )

    def chain_for(self, style: ParagraphStyle) -> FontChain:
        """The font chain a style's font starts."""
        return self.fonts.hei if style.fontName == self.fonts.hei.primary else self.fonts.song

    def paragraph(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A Paragraph of plain `text` (escaped, with font fallback) in `style` (body by default)."""
        style = style or self.body
        return Paragraph(self.chain_for(style).markup(text), style)


def _break_lines(chain: FontChain, text: str, size: float, width: float) -> list[str]:
    """`text` broken into lines no wider than `width`, never starting a line with closing punctuation."""
    lines: list[str] = []
    current = ""
    used = 0.0
    for ch in text:
        w = chain.width(ch, size)
        if current and used + w > width + 0.01 and ch not in CANNOT_START:
            lines.append(current)
            current, used = "", 0.0
        current += ch
        used += w
    if current:
        lines.append(current)
    return lines


class RunsLine(Flowable):
    """One line of text drawn run by run in a font chain (for table cells that need a fallback font)."""

    def __init__(self, text: str, chain: FontChain, size: float, align: str = "center", bold: bool = False) -> None:
        super().__init__()
        self.text = text
        self.chain = chain
        self.size = size
        self.align = align
        self.bold = bold
        self._runs = chain.runs(text)
        self._width = sum(_string_width(run, name, size) for name, run in self._runs)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        return avail_width, self.size * 1.3

    def draw(self) -> None:
        x = {"center": (self.avail - self._width) / 2, "right": self.avail - self._width}.get(self.align, 0.0)
        _draw_runs(self.canv, self._runs, x, self.size * 0.3, self.size, self.bold)


def _string_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, size))


def _draw_runs(canv: Any, runs: list[tuple[str, str]], x: float, y: float, size: float, bold: bool) -> None:
    text = canv.beginText(x, y)
    if bold:
        # A heavy face made from the regular one: fill and stroke the outlines (render mode 2).
        text.setTextRenderMode(2)
        canv.setLineWidth(size * 0.035)
        canv.setStrokeColor(colors.black)
    for name, run in runs:
        text.setFont(name, size)
        text.textOut(run)
    canv.drawText(text)
    if bold:
        canv.setLineWidth(1)


class HeavyTitle(Flowable):
    """A centred title in a heavy face (二号 by default), broken into balanced lines when long."""

    def __init__(self, text: str, fonts: Fonts, size: float = SIZE_2, space_after: float = BODY_LEADING) -> None:
        super().__init__()
        self.text = text
        self.chain = fonts.hei
        self.size = size
        self.leading = size * 1.45
        self.space_after = space_after
        self.lines: list[str] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        lines = _break_lines(self.chain, self.text, self.size, avail_width)
        if len(lines) > 1:
            # 排列对称: share the characters out evenly rather than leaving a short last line.
            per_line = -(-len(self.text) // len(lines))
            lines = [self.text[i : i + per_line] for i in range(0, len(self.text), per_line)]
        self.lines = lines
        return avail_width, self.leading * len(lines) + self.space_after

    def draw(self) -> None:
        y = self.leading * len(self.lines) + self.space_after - self.size
        for line in self.lines:
            runs = self.chain.runs(line)
            width = sum(_string_width(run, name, self.size) for name, run in runs)
            _draw_runs(self.canv, runs, (self.avail - width) / 2, y, self.size, bold=True)
            y -= self.leading


@dataclass(frozen=True)
class Column:
    """A table column: header text, width in mm (None: share what is left), alignment, wrapping."""

    header: str
    width_mm: float | None = None
    align: str = "CENTER"
    wrap: bool = False


def data_table(
    styles: Styles, columns: Sequence[Column], rows: Iterable[Sequence[str]], size: float = SIZE_SMALL_4
) -> Table:
    """A ruled table whose header row repeats on every page it runs onto.

    Cells are plain strings (fastest) unless a character needs a fallback font (then `RunsLine`)
    or the column wraps and the text is too wide (then a Paragraph).
    """
    fixed = sum(c.width_mm or 0 for c in columns) * mm
    flexible = [c for c in columns if c.width_mm is None]
    share = (TYPE_WIDTH - fixed) / len(flexible) if flexible else 0
    widths = [c.width_mm * mm if c.width_mm is not None else share for c in columns]
    song = styles.fonts.song
    primary = song.fonts[0].chars
    header = [Paragraph(styles.fonts.hei.markup(c.header), styles.table_header) for c in columns]
    data: list[list[Any]] = [header]
    cell_style = styles.table
    for row in rows:
        out: list[Any] = []
        for col, width, value in zip(columns, widths, row, strict=False):
            text = "" if value is None else str(value)
            if col.wrap and song.width(text, size) > width - 8:
                out.append(Paragraph(song.markup(text), cell_style))
            elif primary is not None and not primary.issuperset(text):
                out.append(RunsLine(text, song, size, align=col.align.lower()))
            else:
                out.append(text)
        data.append(out)
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), song.primary, size, size * 1.3),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for i, col in enumerate(columns):
        commands.append(("ALIGN", (i, 1), (i, -1), col.align))
    table.setStyle(TableStyle(commands))
    return table


@dataclass(frozen=True)
class Party:
    """One side of a signature block: lines of text (e.g. 甲方（盖章）：…, 校长（签字）：) and a date."""

    lines: Sequence[str]
    date_text: str = ""


def signature_block(styles: Styles, left: Party, right: Party, seal_room_mm: float = 16) -> Flowable:
    """Two parties side by side, room for the seals, the dates on one line; kept on one page."""
    style = ParagraphStyle("signature", parent=styles.flush, leading=SIZE_3 * 1.6)

    def lines(party: Party) -> list[Any]:
        return [styles.paragraph(line, style) for line in party.lines]

    def date(party: Party) -> Any:
        return styles.paragraph(party.date_text, style) if party.date_text else ""

    half = TYPE_WIDTH / 2
    table = Table(
        [[lines(left), lines(right)], ["", ""], [date(left), date(right)]],
        colWidths=[half, half],
        rowHeights=[None, seal_room_mm * mm, None],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), styles.fonts.song.primary, SIZE_3),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (1, 0), (1, -1), SIZE_3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return KeepTogether([Spacer(1, BODY_LEADING * 0.5), table])


def draw_qr(canv: Any, payload: str, x: float, y: float, size: float) -> None:
    """A QR code of `payload` (error correction M) as one filled path, lower-left corner at x, y."""
    from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

    qr = QRCode(None, QRErrorCorrectLevel.M)
    qr.addData(payload)
    qr.make()
    count = qr.getModuleCount()
    box = size / count
    path = canv.beginPath()
    for r, row in enumerate(qr.modules):
        c = 0
        for dark, group in groupby(row):
            run = len(list(group))
            if dark:
                path.rect(x + c * box, y + size - (r + 1) * box, run * box, box)
            c += run
    canv.saveState()
    canv.setFillColor(colors.black)
    canv.drawPath(path, stroke=0, fill=1)
    canv.restoreState()


# ---------------------------------------------------------------------------------------------
# Documents and the builder


@dataclass
class OfficialDocument:
    """One document in a build.

    flowables: its content, or a function making it (called when the document's turn comes, so a
    batch of thousands never holds every page in memory); number: printed top left of its first
    page (e.g. 编号：2026JS0001); qr: the text of the QR code top right (None: no code);
    label: shown in progress messages; file_name: the file's name in `build_separate`.
    """

    flowables: Sequence[Flowable] | Callable[[], Sequence[Flowable]]
    number: str | None = None
    qr: str | None = None
    label: str = ""
    file_name: str | None = None
    number_label: str = "编号："

    def content(self) -> list[Flowable]:
        """The flowables, made now if they were given as a function."""
        items = self.flowables() if callable(self.flowables) else self.flowables
        return list(items)


@dataclass
class BuildResult:
    """What a build wrote: pages and documents in total, the first page of each document, warnings."""

    pages: int = 0
    documents: int = 0
    first_pages: list[int] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]

# reportlab keeps per-document font subsetting state in shared font objects: one build at a time
# (a preview in one thread waits for a batch in another rather than racing it).
_BUILD_LOCK = threading.RLock()


class _DocumentStart(Flowable):
    """Zero-size marker at the top of a document's first page: restarts page numbers, draws its number."""

    _ZEROSIZE = True  # frames skip drawing zero-height flowables unless told

    def __init__(self, document: OfficialDocument) -> None:
        super().__init__()
        self.document = document

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802 — reportlab API
        # Not translated to the flowable's position: the header is drawn in page coordinates.
        template: OfficialDocTemplate = canvas._doctemplate
        template.document_first_page = template.page
        template.result.first_pages.append(template.page)
        template.draw_document_header(canvas, self.document)

    def draw(self) -> None:  # pragma: no cover — drawOn does the work
        pass


class OfficialDocTemplate(BaseDocTemplate):
    """A4 with GB/T 9704 margins; page numbers restart with every document."""

    def __init__(
        self, target: Any, fonts: Fonts, *, page_numbers: str = "outer", title: str = "", author: str = ""
    ) -> None:
        super().__init__(
            target,
            pagesize=A4,
            leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=author,
            creator="控辍保学台账",
            producer="控辍保学台账 (reportlab)",
            lang="zh-CN",
            pageCompression=1,
            # The canvas selects an initial font on every page; make it ours so that no
            # unembedded Helvetica is listed in the PDF.
            initialFontName=fonts.song.primary,
        )
        self.fonts = fonts
        self.page_numbers = page_numbers
        self.document_first_page = 1
        self.result = BuildResult()
        frame = Frame(
            MARGIN_LEFT, MARGIN_BOTTOM, TYPE_WIDTH, TYPE_HEIGHT,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="type-area",
        )  # fmt: skip
        self.addPageTemplates([PageTemplate("official", [frame], onPageEnd=self._page_end)])

    def _page_end(self, canv: Any, _doc: Any) -> None:
        self.result.pages += 1
        if self.page_numbers == "none":
            return
        number = self.page - self.document_first_page + 1
        text = f"— {number} —"
        size = SIZE_4
        song = self.fonts.song.primary
        width = _string_width(text, song, size)
        y = MARGIN_BOTTOM - 7 * mm - size * 0.8
        if self.page_numbers == "center":
            x = (PAGE_WIDTH - width) / 2
        elif number % 2:
            x = PAGE_WIDTH - MARGIN_RIGHT - SIZE_3 - width
        else:
            x = MARGIN_LEFT + SIZE_3
        canv.saveState()
        canv.setFont(song, size)
        canv.drawString(x, y, text)
        canv.restoreState()

    def draw_document_header(self, canv: Any, document: OfficialDocument) -> None:
        """The document's number (top left, above the type area) and its QR code (top right)."""
        canv.saveState()
        top = PAGE_HEIGHT - MARGIN_TOP
        qr_size = 20 * mm
        if document.qr:
            draw_qr(canv, document.qr, PAGE_WIDTH - MARGIN_RIGHT - qr_size, top + 5 * mm, qr_size)
        if document.number:
            runs = self.fonts.hei.runs(document.number_label + document.number)
            _draw_runs(canv, runs, MARGIN_LEFT, top + 6 * mm, SIZE_SMALL_4, bold=False)
        canv.restoreState()


def _run_document(template: OfficialDocTemplate, document: OfficialDocument, first: bool) -> None:
    flowables: list[Flowable] = [] if first else [PageBreak()]
    flowables.append(_DocumentStart(document))
    flowables.extend(document.content())
    while flowables:
        template.clean_hanging()
        template.handle_flowable(flowables)


def _stream(
    target: Any,
    documents: Iterable[OfficialDocument],
    fonts: Fonts,
    *,
    total: int,
    done_before: int,
    progress: ProgressFn | None,
    cancel: CancelFn | None,
    page_numbers: str,
    title: str,
    author: str,
) -> BuildResult:
    with _BUILD_LOCK:
        return _stream_locked(
            target, documents, fonts, total=total, done_before=done_before, progress=progress, cancel=cancel,
            page_numbers=page_numbers, title=title, author=author,
        )  # fmt: skip


def _stream_locked(
    target: Any,
    documents: Iterable[OfficialDocument],
    fonts: Fonts,
    *,
    total: int,
    done_before: int,
    progress: ProgressFn | None,
    cancel: CancelFn | None,
    page_numbers: str,
    title: str,
    author: str,
) -> BuildResult:
    template = OfficialDocTemplate(target, fonts, page_numbers=page_numbers, title=title, author=author)
    template._startBuild(target)
    canv = template.canv
    canv._doctemplate = template
    count = 0
    try:
        for document in documents:
            if cancel is not None and cancel():
                raise Cancelled()
            _run_document(template, document, first=count == 0)
            count += 1
            if progress is not None:
                progress(done_before + count, total, document.label)
        if count == 0:
            raise ValueError("nothing to build")
        template._endBuild()
    finally:
        del canv._doctemplate
    template.result.documents = count
    return template.result


def _temp_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")


def build_pdf(
    target: str | Path | IO[bytes],
    documents: Iterable[OfficialDocument],
    *,
    fonts: Fonts | None = None,
    total: int = 0,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    page_numbers: str = "outer",
    title: str = "",
    author: str = "",
) -> BuildResult:
    """Write `documents` into one PDF, each starting on a new page with its own page numbers.

    `target` is a path (written to a temporary name beside it and renamed when complete) or a
    binary file object (e.g. io.BytesIO for a preview). `progress(done, total, label)` is called
    after each document; `cancel()` is checked before each and raises `Cancelled` (leaving no
    file). page_numbers: "outer" (GB/T 9704: odd right, even left), "center" or "none".
    """
    fonts = fonts or default_fonts()
    _reset_seen(fonts)
    options = dict(
        total=total,
        done_before=0,
        progress=progress,
        cancel=cancel,
        page_numbers=page_numbers,
        title=title,
        author=author,
    )
    if not isinstance(target, str | Path):
        result = _stream(target, documents, fonts, **options)  # type: ignore[arg-type]
    else:
        path = Path(target)
        tmp = _temp_beside(path)
        try:
            result = _stream(str(tmp), documents, fonts, **options)  # type: ignore[arg-type]
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        result.files.append(path)
    result.warnings = _warnings(fonts)
    return result


def build_separate(
    folder: str | Path,
    documents: Iterable[OfficialDocument],
    *,
    fonts: Fonts | None = None,
    total: int = 0,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    page_numbers: str = "outer",
    author: str = "",
) -> BuildResult:
    """Write each document to its own PDF in `folder` (named by `file_name`, made safe and unique).

    The files are written into a hidden temporary folder inside `folder` and moved into place
    only when all are done; a cancelled or failed build removes them all.
    """
    fonts = fonts or default_fonts()
    _reset_seen(fonts)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kongchuo-", suffix=".part", dir=folder))
    result = BuildResult()
    names: list[str] = []
    used: set[str] = {p.name.lower() for p in folder.iterdir()}
    try:
        for done, document in enumerate(documents, start=1):
            if cancel is not None and cancel():
                raise Cancelled()
            name = _unique(safe_file_name(document.file_name or document.label or f"文档{done}"), used)
            one = _stream(
                str(staging / name), [document], fonts, total=total, done_before=done - 1, progress=None, cancel=None,
                page_numbers=page_numbers, title=document.label, author=author,
            )  # fmt: skip
            result.first_pages.append(result.pages + 1)
            result.pages += one.pages
            names.append(name)
            if progress is not None:
                progress(done, total, document.label)
        if not names:
            raise ValueError("nothing to build")
        for name in names:
            os.replace(staging / name, folder / name)
            result.files.append(folder / name)
        result.documents = len(names)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.warnings = _warnings(fonts)
    return result


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_file_name(name: str, suffix: str = ".pdf") -> str:
    """`name` with characters Windows forbids replaced, trimmed, ending in `suffix`."""
    base = _UNSAFE.sub("_", name).strip(" .") or "文档"
    base = base[:120]
    return base if base.lower().endswith(suffix) else base + suffix


def _unique(name: str, used: set[str]) -> str:
    stem, suffix = os.path.splitext(name)
    candidate = name
    n = 2
    while candidate.lower() in used:
        candidate = f"{stem}（{n}）{suffix}"
        n += 1
    used.add(candidate.lower())
    return candidate


def _reset_seen(fonts: Fonts) -> None:
    fonts.song.seen_missing.clear()
    fonts.hei.seen_missing.clear()


def _warnings(fonts: Fonts) -> list[str]:
    out = list(dict.fromkeys(fonts.warnings + fonts.song.warnings + fonts.hei.warnings))
    missing = "".join(sorted(fonts.song.seen_missing | fonts.hei.seen_missing))
    if missing:
        out.append(f"以下字符在所有字体中都没有字形，打印出来可能是空白方框：{missing}")
    return out


def pdf_bytes(documents: Iterable[OfficialDocument], **options: Any) -> tuple[bytes, BuildResult]:
    """Build into memory (for previews): the PDF's bytes and the build result."""
    buffer = io.BytesIO()
    result = build_pdf(buffer, documents, **options)
    return buffer.getvalue(), result
