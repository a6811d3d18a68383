"""Helpers for the import tests: an inline stand-in for gui.tasks.Task, a database fingerprint."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kongchuo_desktop.importing.fields import LABELS

ROSTER_HEADER = ["序号", "学校名称", "年级", "班级", "姓名", "性别", "出生日期", "民族", "身份证件号", "全国学籍号",
                 "监护人姓名", "联系电话", "是否留守儿童"]  # fmt: skip


def db_fingerprint(path: Path) -> str:
    """A hash of every row of every table (in primary-key order; local_state's change-sequence
    counter included) and of the index definitions: equal fingerprints mean nothing was written.
    SQLite's own planner statistics (sqlite_stat*, refreshed by PRAGMA optimize on close) are left out."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        for table in tables:
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
        indexes = [r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE type='index' ORDER BY name")]
        digest.update(repr(indexes).encode())
    finally:
        conn.close()
    return digest.hexdigest()


def table_counts(path: Path, *tables: str) -> dict[str, int]:
    """Row counts of the named tables."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def label(field: str) -> str:
    """The Chinese label the importer gives a field."""
    return LABELS[field]


def make_inline_task_class() -> Any:
    """A QObject with gui.tasks.Task's interface whose start() runs the work at once, on the
    calling thread, emitting its signals directly — so a test can cancel from a progress slot
    and know exactly when the cancel takes effect."""
    from PySide6.QtCore import QObject, Signal

    from kongchuo_desktop.gui.tasks import Cancelled

    class InlineTask(QObject):
        progressed = Signal(int, int, str)
        succeeded = Signal(object)
        failed = Signal(object)
        finished = Signal()

        def __init__(self, work: Callable[[Any], Any], parent: QObject | None = None) -> None:
            super().__init__(parent)
            self._work = work
            self._cancelled = False
            self._running = False
            self.result: Any = None
            self.error: BaseException | None = None

        def cancel(self) -> None:
            self._cancelled = True

        def _report(self, done: int, total: int, text: str = "") -> None:
            if self._cancelled:
                raise Cancelled()
            self.progressed.emit(int(done), int(total), str(text))

        def isRunning(self) -> bool:  # noqa: N802
            return self._running

        def wait(self) -> bool:
            return True

        def start(self) -> None:
            self._running = True
            try:
                self.result = self._work(self._report)
            except BaseException as exc:  # noqa: BLE001 — handed to the wizard like Task does
                self.error = exc
                self._running = False
                self.failed.emit(exc)
            else:
                self._running = False
                self.succeeded.emit(self.result)
            self.finished.emit()

    return InlineTask


def write_xlsx(
    path: Path, rows: list[list[Any]], sheet: str = "学生名册", extra: dict[str, list[list[Any]]] | None = None
) -> Path:
    """An .xlsx with `rows` on `sheet` (and other sheets from `extra`)."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for title, content in (extra or {}).items():
        other = book.create_sheet(title)
        for row in content:
            other.append(list(row))
    book.save(path)
    return path


def read_rows(path: Path) -> list[list[Any]]:
    """Every row of the first sheet of an .xlsx (values), for editing a sample and saving it again."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    ws = book.worksheets[0]
    return [[c.value for c in row] for row in ws.iter_rows()]
