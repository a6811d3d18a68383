"""What writing a package would break, found before anything is written (so the preview says it too).

SQLite refuses, at the write or at the commit, a unique value another record holds (a school's
name, a class's school / grade / number, a setting's key …) and a reference to a record that is
neither in the package nor here. The importer used to learn of these only from the write's
IntegrityError, which a preview never meets. Here the rows a package adds or changes are checked
against this database and against each other, table by table in foreign-key order (a parent new in
the package is known when its children come). A clash raises SyncError naming the table, the row,
the column and the record in the way; the write's own IntegrityError stays as the last guard.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from kongchuo_desktop.services.history import field_label
from kongchuo_desktop.services.sync.authority import describe_row, held_row
from kongchuo_desktop.services.sync.codec import table_of
from kongchuo_desktop.services.sync.errors import SyncError
from kongchuo_desktop.services.sync.policy import TABLE_LABELS

CHUNK = 300
COLUMN_WORDS = {
    "name": "名称", "key": "设置项", "number": "编号", "grade": "年级", "class_no": "班号", "school_id": "学校",
    "township_id": "乡镇", "template_key": "模板", "version": "版本", "seq": "序号", "site_id": "站点",
}  # fmt: skip
"""Columns of unique keys and references in words (others: services.history.field_label)."""
Key = tuple[Any, ...]


def unique_keys(table: str) -> list[tuple[str, ...]]:
    """The column tuples a table keeps unique (constraints and unique indexes)."""
    t = table_of(table)
    keys: list[tuple[str, ...]] = []
    for constraint in t.constraints:
        if constraint.__class__.__name__ == "UniqueConstraint":
            keys.append(tuple(c.name for c in constraint.columns))
    for index in t.indexes:
        if index.unique and not index.dialect_options["sqlite"].get("where"):
            keys.append(tuple(c.name for c in index.columns))
    return list(dict.fromkeys(keys))


def references(table: str) -> list[tuple[str, str, str]]:
    """(column, parent table, parent column) of a table's foreign keys."""
    return [(col.name, fk.column.table.name, fk.column.name) for col in table_of(table).c for fk in col.foreign_keys]


class ClashCheck:
    """Checks, table by table, that a package's new and changed rows fit this database.

    arriving: per table, the ids of the rows the package adds (parents of later tables); blobs:
    the attachment files the package carries.
    """

    def __init__(self, session: Session, blobs: Iterable[str] = ()) -> None:
        self.session = session
        self.arriving: dict[str, set[str]] = {}
        self.blobs = set(blobs)

    def check(self, table: str, rows: list[dict[str, Any]], new_ids: set[str]) -> None:
        """`rows`: every row the package adds or changes, as it will be written (all columns of a
        new row, the merged row of a changed one); `new_ids`: which of them are new."""
        self.arriving.setdefault(table, set()).update(new_ids)
        if not rows:
            return
        for key in unique_keys(table):
            self._unique(table, key, rows)
        for column, parent, parent_column in references(table):
            self._parent(table, column, parent, parent_column, rows)

    def _unique(self, table: str, key: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
        holders: dict[Key, str] = {}
        moving = {row["id"]: row for row in rows}
        for row in rows:
            value = tuple(row.get(c) for c in key)
            if any(v is None for v in value):
                continue  # NULLs never clash
            other = holders.setdefault(value, row["id"])
            if other != row["id"]:
                raise SyncError(self._message(table, row, key, f"同步包中的另一条记录（编号 {other}）也是这个值"))
        t = table_of(table)
        cols = [t.c[c] for c in key]
        values = list(holders)
        for start in range(0, len(values), CHUNK):
            part = values[start : start + CHUNK]
            where = cols[0].in_([v[0] for v in part]) if len(cols) == 1 else tuple_(*cols).in_(part)
            for found in self.session.execute(select(t.c.id, *cols).where(where)):
                value, holder = tuple(found[1:]), found[0]
                mine = holders.get(value)
                if mine is None or mine == holder:
                    continue
                moved = moving.get(holder)
                if moved is not None and tuple(moved.get(c) for c in key) != value:
                    continue  # the row holding it here gives it up in this package
                row = moving[mine]
                name = describe_row(self.session, table, held_row(self.session, table, holder) or {"id": holder})
                raise SyncError(self._message(table, row, key, f"本站点已有另一条记录{name}用了这个值"))

    def _parent(self, table: str, column: str, parent: str, parent_column: str, rows: list[dict[str, Any]]) -> None:
        wanted = {row.get(column) for row in rows} - {None}
        if parent == "attachment_blob":
            wanted -= self.blobs
        wanted -= self.arriving.get(parent, set())
        if not wanted:
            return
        t = table_of(parent)
        key = t.c[parent_column]
        items = sorted(wanted)
        found: set[Any] = set()
        for start in range(0, len(items), CHUNK):
            found.update(self.session.execute(select(key).where(key.in_(items[start : start + CHUNK]))).scalars())
        missing = wanted - found
        if missing:
            row = next(r for r in rows if r.get(column) in missing)
            what = "附件文件" if parent == "attachment_blob" else f"{TABLE_LABELS.get(parent, parent)}记录"
            why = f"它引用的{what}既不在同步包中，也不在本站点"
            raise SyncError(self._message(table, row, (column,), why))

    def _message(self, table: str, row: dict[str, Any], key: tuple[str, ...], why: str) -> str:
        shown = "、".join(COLUMN_WORDS.get(c) or f"“{field_label(c)}”" for c in key)
        value = "、".join(str(row.get(c)) for c in key)
        return (
            f"同步包中的{TABLE_LABELS.get(table, table)}记录{describe_row(self.session, table, row)}与本站点已有的数据冲突："
            f"{shown}为“{value}”，{why}。整个同步包未导入，没有做任何改动"
        )
