"""A table model over a register filtered, sorted and counted in SQL, fetching rows a page at a time.

The first page is read at once; when it is full, the exact count (which costs time in proportion to
the matches: ~130 ms for a million) runs in a background thread and the rows grow when it arrives,
so a keystroke in the search box repaints the table without waiting for the count.
"""

from __future__ import annotations

import contextlib
import logging
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from kongchuo_desktop.gui.tasks import Progress, Task
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.store.database import Database

log = logging.getLogger(__name__)

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """A table column: header (untranslated source text), the SQL sort key (None = not sortable)
    and a typical value, whose width sets the column's starting width."""

    header: str
    sort_key: str | None
    sample: str = "一二三四"


class PagedTableModel(QAbstractTableModel):
    """Rows of one register for the current filter and sort, fetched lazily in pages.

    Holds only plain rows: `_pages` maps page number → rows (least recently used pages are
    dropped beyond MAX_PAGES); `_total` is the row count the view sees — the SQL count for
    `_filter` (queried once per filter change), or while that count runs in the background
    (`counting`), the rows of the first page. Each fetch uses its own short-lived Session.
    Subclasses set COLUMNS and implement `_query_count`, `_query_page` and `display`.

    countChanged(n): the exact count is known; countPending(): counting has started.
    """

    RowIdRole = ROW_ID_ROLE
    PAGE_SIZE = 200
    MAX_PAGES = 50
    COLUMNS: tuple[Column, ...] = ()

    countChanged = Signal(int)
    countPending = Signal()

    def __init__(self, db: Database, actor: Actor, flt: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._filter = flt
        self._sort_column = 0
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._total = 0
        self._generation = 0  # bumped per filter change; older counts are ignored
        self._count_task: _CountTask | None = None
        self._reload()

    # --- what subclasses provide -------------------------------------------------------------
    def _query_count(self, session: Any, flt: Any) -> int:
        raise NotImplementedError

    def _query_page(self, session: Any, flt: Any, sort: str, descending: bool, offset: int, limit: int) -> list[Any]:
        raise NotImplementedError

    def display(self, row: Any, column: int) -> str:
        """The text of one cell."""
        raise NotImplementedError

    def foreground(self, row: Any, column: int) -> QColor | None:
        """A text colour for the cell, or None for the default."""
        return None

    # --- state --------------------------------------------------------------------------------
    @property
    def filter(self) -> Any:
        """The filter the rows match."""
        return self._filter

    @property
    def total(self) -> int:
        """How many rows match the filter (only the first page's rows while `counting`)."""
        return self._total

    @property
    def counting(self) -> bool:
        """True while the exact count runs in the background."""
        return self._count_task is not None

    @property
    def sort_column(self) -> int:
        """The column the rows are sorted by."""
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        """Ascending or descending."""
        return self._sort_order

    def is_sortable(self, column: int) -> bool:
        """Whether the column can be sorted (in SQL, on an index)."""
        return 0 <= column < len(self.COLUMNS) and self.COLUMNS[column].sort_key is not None

    def set_filter(self, flt: Any) -> bool:
        """Show the rows matching `flt` (one reset, at most one count); False when nothing changed."""
        if flt == self._filter:
            return False
        self._filter = flt
        self._reload()
        return True

    def refresh(self) -> None:
        """Re-read count and rows after the data changed (the filter stays)."""
        self._reload()

    def _reload(self) -> None:
        self._stop_count()
        self._generation += 1
        self.beginResetModel()
        self._pages.clear()
        first = self._fetch(0)
        self._total = len(first)
        self.endResetModel()
        if len(first) < self.PAGE_SIZE:
            self.countChanged.emit(self._total)  # the first page holds them all: no count needed
        else:
            self._start_count()

    def row_at(self, row: int) -> Any | None:
        """The plain row at a position (fetching its page if needed), None outside the range."""
        if not 0 <= row < self._total:
            return None
        page_no, offset = divmod(row, self.PAGE_SIZE)
        page = self._page(page_no)
        return page[offset] if offset < len(page) else None

    def row_id(self, row: int) -> str | None:
        """The record id at a position."""
        item = self.row_at(row)
        return item.id if item is not None else None

    def find_row(self, row_id: str, near: int = 0) -> int | None:
        """The position of a record, looked for in the page around `near` and its neighbours."""
        centre = max(0, near) // self.PAGE_SIZE
        for page_no in (centre, centre - 1, centre + 1):
            if page_no < 0:
                continue
            for offset, item in enumerate(self._page(page_no)):
                if item.id == row_id:
                    return page_no * self.PAGE_SIZE + offset
        return None

    def loaded_rows(self) -> Iterator[Any]:
        """Rows fetched so far, in page order (for tests and quick checks)."""
        for page_no in sorted(self._pages):
            yield from self._pages[page_no]

    # --- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.ToolTipRole:
            item = self.row_at(index.row())
            return self.display(item, index.column()) if item is not None else None
        if role == ROW_ID_ROLE:
            return self.row_id(index.row())
        if role == Qt.ItemDataRole.ForegroundRole:
            item = self.row_at(index.row())
            return self.foreground(item, index.column()) if item is not None else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate(type(self).__name__, self.COLUMNS[section].header)
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self.is_sortable(column):
            return
        if (column, order) == (self._sort_column, self._sort_order):
            return
        # Same filter, so the count stands; only the pages are re-read.
        self.beginResetModel()
        self._sort_column = column
        self._sort_order = order
        self._pages.clear()
        self.endResetModel()

    # --- fetching ------------------------------------------------------------------------------
    def _page(self, page_no: int) -> list[Any]:
        page = self._pages.get(page_no)
        if page is not None:
            self._pages.move_to_end(page_no)
            return page
        return self._fetch(page_no)

    def _fetch(self, page_no: int) -> list[Any]:
        sort_key = self.COLUMNS[self._sort_column].sort_key or "name"
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        with self._db.read_session() as session:
            page = self._query_page(
                session, self._filter, sort_key, descending, page_no * self.PAGE_SIZE, self.PAGE_SIZE
            )
        self._pages[page_no] = page
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    # --- counting in the background ------------------------------------------------------------
    def _start_count(self) -> None:
        task = _CountTask(self, self._generation, self._filter)
        task.succeeded.connect(self._count_arrived)
        self._count_task = task
        self.countPending.emit()
        task.start()

    def _stop_count(self) -> None:
        if self._count_task is not None:
            self._count_task.interrupt()  # its result, if any, is for an old filter and is ignored
            self._count_task = None

    def _count_arrived(self, result: tuple[int, int | None]) -> None:
        generation, total = result
        if generation != self._generation or self._count_task is None:
            return
        self._count_task = None
        shown = self._total
        if total is None:  # the count failed (logged): the first page's rows stay
            pass
        elif total > shown:
            self.beginInsertRows(QModelIndex(), shown, total - 1)
            self._total = total
            self.endInsertRows()
        elif total < shown:  # rows were deleted since the first page was read
            self.beginRemoveRows(QModelIndex(), total, shown - 1)
            self._total = total
            self.endRemoveRows()
        self.countChanged.emit(self._total)


class _CountTask(Task):
    """The SQL count of one filter on its own connection, which `interrupt()` can stop mid-query.

    Kept referenced by RUNNING until the thread ends, so a model dropped meanwhile is no problem.
    """

    RUNNING: set[_CountTask] = set()

    def __init__(self, model: PagedTableModel, generation: int, flt: Any) -> None:
        super().__init__(self._work)
        self._model_db = model._db
        self._query = model._query_count
        self._flt = flt
        self.generation = generation
        self._connection: Any = None
        self._interrupted = False
        _CountTask.RUNNING.add(self)
        self.finished.connect(self._done)

    def _work(self, _progress: Progress) -> tuple[int, int | None]:
        """(generation, count); count is None when the query was interrupted or failed."""
        from sqlalchemy.orm import Session

        try:
            with self._model_db.engine.connect() as conn:
                self._connection = conn.connection.driver_connection
                if self._interrupted:
                    return self.generation, None
                with Session(bind=conn) as session:
                    return self.generation, self._query(session, self._flt)
        except Exception:
            if not self._interrupted:
                log.exception("counting the register failed")
            return self.generation, None

    def interrupt(self) -> None:
        """Stop the query (sqlite3's interrupt is safe from another thread)."""
        self._interrupted = True
        connection = self._connection
        if connection is not None:
            # The query may have finished and the connection been closed meanwhile.
            with contextlib.suppress(Exception):
                connection.interrupt()

    def _done(self) -> None:
        _CountTask.RUNNING.discard(self)
        self.deleteLater()


def stop_counting() -> None:
    """Interrupt and wait for every background count (before the database is closed)."""
    for task in list(_CountTask.RUNNING):
        task.interrupt()
        task.wait()
