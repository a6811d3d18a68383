"""What an id field of a synced row points at, in words: a conflict on school_id shows the school's name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kongchuo_desktop.services.sync.codec import table_of

CHUNK = 500


def referenced_table(table: str, field: str) -> str | None:
    """The table a column of a synced table refers to (its foreign key), or None (not an id field)."""
    try:
        column = table_of(table).c[field]
    except KeyError:
        return None
    for fk in column.foreign_keys:
        return str(fk.column.table.name)
    return None


def _words(target: str, row: dict[str, Any]) -> str | None:
    if target == "school_class" and row.get("grade") is not None and row.get("class_no") is not None:
        return row.get("name") or f"{row['grade']}年级{row['class_no']}班"
    for column in ("name", "number", "title"):
        if row.get(column):
            return str(row[column])
    return None


def reference_names(session: Session, refs: Iterable[tuple[str, Any]]) -> dict[tuple[str, str], str]:
    """(referenced table, id) → the record's name (学校名称, 班级, 学生姓名 …) for the records held here;
    ids of records this site does not hold are left out."""
    wanted: dict[str, set[str]] = {}
    for target, value in refs:
        if isinstance(value, str) and value:
            wanted.setdefault(target, set()).add(value)
    out: dict[tuple[str, str], str] = {}
    for target, ids in wanted.items():
        t = table_of(target)
        if "id" not in t.c:
            continue
        items = sorted(ids)
        for start in range(0, len(items), CHUNK):
            for row in session.execute(select(t).where(t.c.id.in_(items[start : start + CHUNK]))):
                words = _words(target, dict(row._mapping))
                if words:
                    out[(target, row._mapping["id"])] = words
    return out
