"""Ctrl+P on a register page: print the rows the filter shows as a table (A4 landscape, title and
filters on the first page, the column header on every page, page numbers), through QPrintDialog.

Rows come from the page's table model (the same SQL filter and sort the screen shows), at most
MAX_ROWS of them; beyond that the printout says so and points to 文件 → 导出台账.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEventLoop, QMarginsF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from kongchuo_desktop import APP_NAME
from kongchuo_desktop.gui.paged_table_model import PagedTableModel

MAX_ROWS = 5000
COUNT_WAIT_MS = 30_000
MARGIN_MM = 12.0
BODY_PT = 9.0
TITLE_PT = 15.0
# A column never gets narrower than this many body-font characters.
MIN_COLUMN_CHARS = 2


@dataclass(frozen=True)
class PrintedTable:
    """What goes on paper: title, lines under it (filters, count, date), column headers, the rows
    (text only) and a note when not every row is included."""

    title: str
    lines: tuple[str, ...]
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


def describe_filters(search: str, combos: Sequence[QComboBox], extra: Sequence[str] = ()) -> str:
    """ "筛选：“wl”；金河镇；三年级" — the search text and every combo not on its "全部…" entry."""
    parts = [f"“{search.strip()}”"] if search.strip() else []
    parts += [combo.currentText() for combo in combos if combo.currentData() is not None]
    parts += [text for text in extra if text]
    return (
        QCoreApplication.translate("TablePrint", "筛选：%1").replace("%1", "；".join(parts))
        if parts
        else QCoreApplication.translate("TablePrint", "筛选：无（全部）")
    )


def _wait_for_count(model: PagedTableModel) -> None:
    """The exact count runs in the background after a filter change: wait for it (briefly)."""
    if not model.counting:
        return
    loop = QEventLoop()
    model.countChanged.connect(loop.quit)
    QTimer.singleShot(COUNT_WAIT_MS, loop.quit)
    if model.counting:
        loop.exec()
    model.countChanged.disconnect(loop.quit)


def table_from_model(model: PagedTableModel, title: str, filters: str, limit: int = MAX_ROWS) -> PrintedTable:
    """The first `limit` rows of a register model, in its current filter and sort order."""
    _wait_for_count(model)
    total = model.total
    columns = range(model.columnCount())
    headers = tuple(str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns)
    rows = []
    for position in range(min(total, limit)):
        item = model.row_at(position)
        if item is None:
            break
        rows.append(tuple(model.display(item, c) for c in columns))
    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    count = QCoreApplication.translate("TablePrint", "共 %1 条", None, total).replace("%1", f"{total:,}")
    note = ""
    if len(rows) < total:
        note = (
            QCoreApplication.translate(
                "TablePrint", "只打印了前 %1 条（共 %2 条）。完整名单请用“文件 → 导出台账”导出后打印。", None, total
            )
            .replace("%1", f"{len(rows):,}")
            .replace("%2", f"{total:,}")
        )
    printed_at = QCoreApplication.translate("TablePrint", "打印时间：%1").replace("%1", now)
    return PrintedTable(title, (filters, f"{count}　{printed_at}"), headers, tuple(rows), note)


class _Layout:
    """Column widths and pagination of a PrintedTable on one printer (device pixels)."""

    def __init__(self, table: PrintedTable, painter: QPainter, width: float, height: float) -> None:
        family = QApplication.font().families()
        self.body = QFont(family)
        self.body.setPointSizeF(BODY_PT)
        self.bold = QFont(self.body)
        self.bold.setBold(True)
        self.title = QFont(self.bold)
        self.title.setPointSizeF(TITLE_PT)
        device = painter.device()
        self.fm = QFontMetricsF(self.body, device)
        self.fm_bold = QFontMetricsF(self.bold, device)
        self.fm_title = QFontMetricsF(self.title, device)
        self.width = width
        self.height = height
        self.pad = self.fm.averageCharWidth() * 0.6
        self.row_h = self.fm.height() * 1.55
        self.widths = self._column_widths(table)
        head = self.fm_title.height() * 1.6 + self.fm.height() * 1.4 * (len(table.lines) + bool(table.note))
        self.first_top = head
        self.footer_h = self.fm.height() * 1.8
        first_rows = int((height - head - self.footer_h) // self.row_h) - 1
        other_rows = int((height - self.footer_h) // self.row_h) - 1
        self.first_rows = max(first_rows, 1)
        self.other_rows = max(other_rows, 1)
        rest = max(len(table.rows) - self.first_rows, 0)
        self.pages = 1 + -(-rest // self.other_rows)

    def _column_widths(self, table: PrintedTable) -> list[float]:
        count = len(table.headers)
        natural = [self.fm_bold.horizontalAdvance(h) + 2 * self.pad for h in table.headers]
        for row in table.rows:
            for c in range(count):
                w = self.fm.horizontalAdvance(row[c]) + 2 * self.pad
                if w > natural[c]:
                    natural[c] = w
        floor = self.fm.averageCharWidth() * MIN_COLUMN_CHARS * 2 + 2 * self.pad
        natural = [max(w, floor) for w in natural]
        total = sum(natural)
        if total <= self.width:  # room to spare: share it out
            return [w * self.width / total for w in natural]
        # Too wide: narrow the widest columns first, all to the same cap (found by bisection).
        low, high = floor, max(natural)
        for _ in range(40):
            cap = (low + high) / 2
            if sum(min(w, cap) for w in natural) > self.width:
                high = cap
            else:
                low = cap
        return [min(w, low) for w in natural]

    def rows_on(self, page: int) -> range:
        """Row positions printed on a page (0-based)."""
        if page == 0:
            return range(0, self.first_rows)
        start = self.first_rows + (page - 1) * self.other_rows
        return range(start, start + self.other_rows)


def paint_table(table: PrintedTable, printer: QPrinter) -> int:
    """Paint the table on a prepared printer (its page range honoured); returns pages printed."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(QCoreApplication.translate("TablePrint", "无法开始打印：打印机或输出文件不可用。"))
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        layout = _Layout(table, painter, float(area.width()), float(area.height()))
        first = max(printer.fromPage(), 1) - 1 if printer.fromPage() else 0
        last = min(printer.toPage(), layout.pages) - 1 if printer.toPage() else layout.pages - 1
        printed = 0
        for page in range(first, last + 1):
            if printed:
                printer.newPage()
            _paint_page(painter, table, layout, page)
            printed += 1
        return printed
    finally:
        painter.end()


def _paint_page(painter: QPainter, table: PrintedTable, layout: _Layout, page: int) -> None:
    y = 0.0
    width = layout.width
    if page == 0:
        painter.setFont(layout.title)
        painter.setPen(QColor("#000000"))
        title_h = layout.fm_title.height() * 1.6
        painter.drawText(
            QRectF(0, 0, width, title_h), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, table.title
        )
        y = title_h
        painter.setFont(layout.body)
        line_h = layout.fm.height() * 1.4
        for line in (*table.lines, table.note):
            if not line:
                continue
            if line == table.note:
                painter.setPen(QColor("#b03a2e"))
            painter.drawText(
                QRectF(0, y, width, line_h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line
            )
            painter.setPen(QColor("#000000"))
            y += line_h
        y = layout.first_top
    grid = QPen(QColor("#808080"))
    grid.setWidthF(max(layout.fm.lineWidth(), 1.0))
    # The column header, on every page.
    painter.setFont(layout.bold)
    _paint_row(painter, layout, y, table.headers, grid, QColor("#e8ecf2"))
    y += layout.row_h
    painter.setFont(layout.body)
    for position in layout.rows_on(page):
        if position >= len(table.rows):
            break
        shade = QColor("#f6f7f9") if position % 2 else None
        _paint_row(painter, layout, y, table.rows[position], grid, shade)
        y += layout.row_h
    footer = QCoreApplication.translate("TablePrint", "%1 · 第 %2 页，共 %3 页").replace(
        "%1", f"{APP_NAME} · {table.title}"
    )
    footer = footer.replace("%2", str(page + 1)).replace("%3", str(layout.pages))
    painter.setPen(QColor("#555555"))
    painter.drawText(
        QRectF(0, layout.height - layout.footer_h, width, layout.footer_h),
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
        footer,
    )
    painter.setPen(QColor("#000000"))


def _paint_row(
    painter: QPainter, layout: _Layout, y: float, cells: Sequence[str], grid: QPen, shade: QColor | None
) -> None:
    x = 0.0
    metrics = painter.fontMetrics()
    for column, text in enumerate(cells):
        w = layout.widths[column]
        cell = QRectF(x, y, w, layout.row_h)
        if shade is not None:
            painter.fillRect(cell, shade)
        painter.setPen(grid)
        painter.drawRect(cell)
        painter.setPen(QColor("#000000"))
        inner = cell.adjusted(layout.pad, 0, -layout.pad, 0)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(inner.width()))
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
        x += w


def print_table(table: PrintedTable, parent: QWidget | None = None) -> int:
    """Choose a printer (QPrintDialog: printer, pages, copies) and print; returns pages printed,
    0 when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(table.title)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("TablePrint", "打印%1").replace("%1", table.title))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return 0
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return paint_table(table, printer)
    finally:
        QApplication.restoreOverrideCursor()


def print_model(model: PagedTableModel, title: str, filters: str, parent: QWidget | None = None) -> int:
    """Ctrl+P on a register page: the filtered rows of its table, through the print dialog."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        table = table_from_model(model, title, filters)
    finally:
        QApplication.restoreOverrideCursor()
    return print_table(table, parent)
