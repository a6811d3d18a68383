"""A file opened for the import wizard: its sheets, the table found in one, and the column mapping
shown for confirmation (header → field, guessed or remembered from an earlier import)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kongchuo_desktop.importing import ImportFileError, TableLayout
from kongchuo_desktop.importing.fields import LABELS, REQUIRED, fields_for
from kongchuo_desktop.importing.reader import Workbook, open_workbook
from kongchuo_desktop.importing.table import locate_table
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.header_mappings import remember_mapping, remembered_mapping
from kongchuo_desktop.services.import_plan import ImportRefused, default_school_name
from kongchuo_desktop.store.database import Database

SAMPLE_ROWS = 3


@dataclass(frozen=True)
class ColumnChoice:
    """One column of the file as the mapping step shows it: its index, header text, a few values
    from the first data rows, and the field it is read as (None = not imported)."""

    index: int
    header: str
    samples: tuple[str, ...]
    field: str | None


def locate_in(
    book: Workbook,
    db: Database | None,
    kind: str,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
) -> tuple[TableLayout, bool]:
    """The table in `sheet` (else the first sheet with a recognisable header) and whether a
    remembered mapping was applied (only when no `mapping` is given). Raises ImportRefused."""
    try:
        layout = locate_table(book, kind, sheet, mapping)
        if mapping is None and db is not None:
            remembered = remembered_mapping(db, layout.signature, kind)
            if remembered:
                return locate_table(book, kind, layout.sheet.name, remembered), True
    except ImportFileError as exc:
        raise ImportRefused(exc.code, exc.message) from exc
    except ValueError as exc:
        raise ImportRefused("bad_mapping", str(exc)) from exc
    return layout, False


class ImportSource:
    """An opened spreadsheet (close it when done). sheet_names: visible sheets first;
    layout: the table last located; remembered: whether that layout used a remembered mapping."""

    def __init__(self, db: Database | None, path: str | os.PathLike[str], kind: str) -> None:
        self.db = db
        self.path = Path(path)
        self.kind = kind
        try:
            self.book = open_workbook(self.path)
        except ImportFileError as exc:
            raise ImportRefused(exc.code, exc.message) from exc
        hidden = self.book.hidden
        names = self.book.sheet_names
        self.sheet_names = [n for n in names if n not in hidden] + [n for n in names if n in hidden]
        self.layout: TableLayout | None = None
        self.remembered = False

    def locate(self, sheet: str | None = None, mapping: Mapping[str, str | None] | None = None) -> TableLayout:
        """Find the table (see locate_in); it becomes `layout`."""
        self.layout, self.remembered = locate_in(self.book, self.db, self.kind, sheet, mapping)
        return self.layout

    def preview_rows(self, sheet: str, limit: int = 12) -> list[list[str]]:
        """The first rows of a sheet as text (for the sheet step)."""
        try:
            rows = self.book.read(sheet).rows[:limit]
        except ImportFileError as exc:
            raise ImportRefused(exc.code, exc.message) from exc
        return [[_text(v) for v in row] for row in rows]

    def close(self) -> None:
        """Release the file."""
        self.book.close()


def field_choices(kind: str) -> list[tuple[str, str]]:
    """(field, Chinese label) of every field a file of this kind may carry, in catalogue order;
    required fields are marked with a star."""
    required = set(REQUIRED[kind])
    return [(f, LABELS[f] + ("（必填）" if f in required else "")) for f in fields_for(kind)]


def columns_of(layout: TableLayout) -> list[ColumnChoice]:
    """Every column with a header, with sample values and its current field."""
    rows = layout.sheet.rows
    samples: list[list[Any]] = []
    for index in range(layout.data_start, len(rows)):
        row = rows[index]
        if any(_text(v) for v in row):
            samples.append(row)
            if len(samples) >= SAMPLE_ROWS:
                break
    out = []
    for col, header in enumerate(layout.headers):
        if not header:
            continue
        values = tuple(_text(r[col]) for r in samples if col < len(r) and _text(r[col]))
        out.append(ColumnChoice(col, header, values, layout.mapping.get(col)))
    return out


def mapping_from(layout: TableLayout, chosen: Mapping[int, str | None]) -> dict[str, str | None]:
    """The header text → field mapping for the columns as chosen (column index → field or None)."""
    out: dict[str, str | None] = {}
    for col, header in enumerate(layout.headers):
        if header:
            out[header] = chosen.get(col)
    return out


def missing_required(kind: str, fields: set[str], defaults: Mapping[str, Any] | None = None) -> list[str]:
    """Labels of required fields no column (or file-wide value, such as a school named in the
    title) provides; an ID number may be replaced by a 学籍号."""
    present = fields | set(defaults or {})
    missing = []
    for name in REQUIRED[kind]:
        if name == "id_number" and ("id_number" in present or "student_no" in present):
            continue
        if name not in present:
            missing.append(LABELS[name])
    return missing


def duplicated_fields(chosen: Mapping[int, str | None]) -> list[str]:
    """Labels of fields chosen for more than one column."""
    seen: dict[str, int] = {}
    for field in chosen.values():
        if field:
            seen[field] = seen.get(field, 0) + 1
    return [LABELS.get(f, f) for f, n in seen.items() if n > 1]


def implied_fields(db: Database, actor: Actor, kind: str) -> set[str]:
    """Fields every row gets without a column: for a roster, the school of a school-scoped actor
    (or of this school's site)."""
    if kind != "roster":
        return set()
    with db.read_session() as session:
        return {"school_name"} if default_school_name(session, actor) else set()


def confirm_mapping(db: Database, layout: TableLayout, kind: str, mapping: Mapping[str, str | None]) -> None:
    """Remember the mapping the user confirmed for this header layout."""
    remember_mapping(db, layout.signature, kind, mapping)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return " ".join(str(value).split())
