"""Parse a roster or children-register file into normalised records and per-cell rejections (no database)."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import not_
from pathlib import Path
from typing import Any, Literal

from kongchuo_desktop.gc_pause import gc_paused
from kongchuo_desktop.importing.errors import CellError, ImportFileError
from kongchuo_desktop.importing.fields import COMBINED, LABELS
from kongchuo_desktop.importing.normalize import BLANK_DEFAULTS, CLEAN_COLUMNS, normalizer_for
from kongchuo_desktop.importing.reader import DEFAULT_MAX_ROWS, open_workbook, too_big_message
from kongchuo_desktop.importing.table import TableLayout, iter_data_rows, locate_table
from kongchuo_desktop.importing.validate import (
    DuplicatePolicy,
    Problem,
    RowValidator,
    check_required_columns,
    duplicate_key,
    find_duplicates,
)

__all__ = ["ParsedFile", "ParsedRow", "Rejection", "parse_file", "parse_layout"]

Kind = Literal["roster", "children"]
ProgressFn = Callable[[int, int], None]

_ID_REASONS = frozenset({"id_format", "id_checksum", "id_date"})
_FALLBACK_COLUMN = {"id_number": "student_no", "student_no": "id_number"}


@dataclass(slots=True)
class ParsedRow:
    """A row that can be imported: `values` maps canonical field → normalised value.

    Only fields whose column is in the file appear (plus values implied by the file, such as the
    school named in the title); an empty cell gives None (False for yes/no columns, "无" for 留守).
    """

    sheet: str
    excel_row: int
    values: dict[str, Any]
    raw: list[Any]


@dataclass(slots=True)
class Rejection:
    """One reason a row is refused: `row` as Excel shows it (CSV: line), `column` the header text."""

    sheet: str
    row: int
    column: str
    reason: str
    message: str
    column_index: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of the `kongchuo import` contract."""
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
            "message": self.message,
        }


@dataclass
class ParsedFile:
    """What a file holds: importable `records`, `rejected` reasons, and the layout they came from.

    data_rows: rows holding a person (imported or not); rejected_cells: the original cells of
    each refused row, by row number (for the reject report).
    """

    path: Path
    kind: str
    layout: TableLayout
    records: list[ParsedRow]
    rejected: list[Rejection]
    data_rows: int
    rejected_cells: dict[int, list[Any]] = field(default_factory=dict)

    @property
    def sheet(self) -> str:
        """The name of the sheet that was read."""
        return self.layout.sheet.name

    @property
    def valid(self) -> int:
        """How many rows can be imported."""
        return len(self.records)

    @property
    def rejected_rows(self) -> list[int]:
        """Row numbers of the refused rows, ascending."""
        return sorted(self.rejected_cells)


def parse_file(
    path: str | os.PathLike[str],
    kind: Kind = "roster",
    sheet: str | None = None,
    mapping_override: Mapping[str, str | None] | None = None,
    today: dt.date | None = None,
    *,
    max_rows: int = DEFAULT_MAX_ROWS,
    duplicates: DuplicatePolicy = "both",
    default_school: str | None = None,
    progress: ProgressFn | None = None,
) -> ParsedFile:
    """Read, normalise and validate a roster ("roster") or children register ("children").

    sheet: read this sheet (else the first with a recognisable header); mapping_override: header
    text → field (None to ignore a column); default_school: the school of every row when the
    file has no school column and its title names none; duplicates: "both" refuses every row of a
    repeated person, "keep_first" keeps the first; progress(done, total) is called now and then
    (it may raise to cancel). Raises ImportFileError for a file that cannot be used at all.
    """
    if kind not in ("roster", "children"):
        raise ValueError(f"unknown import kind: {kind!r}")
    path = Path(path)
    with gc_paused():
        return _parse_file(path, kind, sheet, mapping_override, today, max_rows, duplicates, default_school, progress)


def _parse_file(
    path: Path,
    kind: Kind,
    sheet: str | None,
    mapping_override: Mapping[str, str | None] | None,
    today: dt.date | None,
    max_rows: int,
    duplicates: DuplicatePolicy,
    default_school: str | None,
    progress: ProgressFn | None,
) -> ParsedFile:
    book = open_workbook(path, max_rows=max_rows)
    try:
        layout = locate_table(book, kind, sheet, mapping_override)
    finally:
        book.close()
    return _parse_layout(layout, kind, today, max_rows, duplicates, default_school, progress, path)


def parse_layout(
    layout: TableLayout,
    kind: Kind = "roster",
    today: dt.date | None = None,
    *,
    max_rows: int = DEFAULT_MAX_ROWS,
    duplicates: DuplicatePolicy = "both",
    default_school: str | None = None,
    progress: ProgressFn | None = None,
    path: Path | None = None,
) -> ParsedFile:
    """Normalise and validate the rows of an already located table (e.g. after the user confirmed
    the mapping shown from `locate_table`); arguments as for `parse_file`."""
    with gc_paused():
        return _parse_layout(layout, kind, today, max_rows, duplicates, default_school, progress, path)


def _parse_layout(
    layout: TableLayout,
    kind: Kind,
    today: dt.date | None,
    max_rows: int,
    duplicates: DuplicatePolicy,
    default_school: str | None,
    progress: ProgressFn | None,
    path: Path | None,
) -> ParsedFile:
    if default_school and "school_name" not in layout.mapping.values() and "school_name" not in layout.defaults:
        layout.defaults = {**layout.defaults, "school_name": default_school}
    check_required_columns(layout, kind)
    sheet = layout.sheet
    sheet_name = sheet.name
    numbers = sheet.row_numbers
    headers = layout.headers
    columns = layout.columns
    plan = [(c, f, normalizer_for(f), BLANK_DEFAULTS.get(f)) for c, f in sorted(layout.mapping.items())]
    birth_col = columns.get("birth_date")
    defaults = layout.defaults
    validator = RowValidator(kind, today)

    # Which rows hold people (blank, 合计 and 填表人 rows dropped).
    picked: list[tuple[int, list[Any]]] = []
    for index, row in iter_data_rows(layout):
        picked.append((index, row))
        if len(picked) > max_rows:
            raise ImportFileError("too_big", too_big_message(sheet.file_name or sheet_name, sheet_name, max_rows))
    count = len(picked)
    need = max(layout.mapping, default=-1) + 1
    data = [row if len(row) >= need else row + [""] * (need - len(row)) for _, row in picked]
    excel_rows = [numbers[i] if numbers is not None else i + 1 for i, _ in picked]
    del picked
    by_column: list[tuple[Any, ...]] = list(zip(*data, strict=False)) if data else [()] * need

    # Normalise column by column, each distinct cell value once (most columns repeat a few values).
    fields = [name for _, name, _, _ in plan]
    normalised: list[list[Any]] = []
    cell_errors: dict[int, list[tuple[int | None, str, str, str]]] = {}
    for step, (col, name, normalise, blank) in enumerate(plan):
        column = by_column[col]
        if _already_clean(column, CLEAN_COLUMNS.get(name)):
            normalised.append([v or None for v in column] if "" in column else list(column))
            continue
        memo = _Memo(normalise, blank)
        normalised.append(list(map(memo.__getitem__, column)))
        if memo.failed:
            failed = memo.failed
            for position, value in enumerate(column):
                exc = failed.get(value) if value in failed else None
                if exc is not None:
                    cell_errors.setdefault(position, []).append((col, name, exc.reason, exc.message))
        if progress is not None:
            progress(count * (step + 1) // (len(plan) + 1), count)

    # One dict per row, then the checks across cells: whole columns first (quick_pass); only rows
    # that do not clearly pass, or had a bad cell, go through the row-by-row check.
    births = by_column[birth_col] if birth_col is not None else None
    del by_column
    passed = validator.quick_pass(dict(zip(fields, normalised, strict=True)), count)
    facts = validator.id_facts
    if normalised:
        rows_values: list[dict[str, Any]] = list(map(dict, map(zip, repeat(fields), zip(*normalised, strict=True))))
    else:
        rows_values = [{} for _ in range(count)]
    del normalised
    if defaults:
        for values in rows_values:
            values.update(defaults)
    for combined, parts in COMBINED.items():
        if combined in fields:  # one column, several fields (a column of the field itself wins)
            spread = [(n, part) for n, part in enumerate(parts) if part not in fields]
            for values in rows_values:
                got = values.pop(combined)
                for n, part in spread:
                    values[part] = got[n] if got is not None else None
    if facts is not None and "birth_date" not in columns and "birth_date" not in defaults:
        for values, fact in zip(rows_values, facts, strict=True):
            if fact is not None:
                values["birth_date"] = fact[0]
    if facts is not None and kind != "roster" and "sex" not in columns and "sex" not in defaults:
        for values, fact in zip(rows_values, facts, strict=True):
            if fact is not None:
                values["sex"] = fact[1]
    row_errors: dict[int, list[tuple[int | None, str, str, str]]] = cell_errors
    doubtful = set(cell_errors)
    doubtful.update(compress(range(count), map(not_, passed)))
    check = validator.check
    bad_ids: list[int] = []
    for position in sorted(doubtful):
        errors = row_errors.get(position)
        problems = check(
            rows_values[position],
            births[position] if births is not None else None,
            {e[1] for e in errors} if errors else frozenset(),
        )
        if problems:
            if errors is None:
                errors = row_errors[position] = []
            for problem in problems:
                errors.append((_column_for(problem, columns), problem.field, problem.reason, problem.message))
        if errors and any(e[2] in _ID_REASONS for e in errors):
            bad_ids.append(position)
    if progress is not None:
        progress(count, count)

    # People who appear twice (same valid ID number, or without one the same 学籍号).
    keys = [
        values.get("id_number") or ("\x00" + values["student_no"] if values.get("student_no") else None)
        for values in rows_values
    ]
    for position in bad_ids:
        keys[position] = None  # an unusable ID number identifies nobody
    repeated = {key for key, n in Counter(keys).items() if n > 1 and key}
    if repeated:
        keyed = [(excel_rows[p], duplicate_key(rows_values[p])) for p, key in enumerate(keys) if key in repeated]
        by_row = {row: p for p, row in enumerate(excel_rows)}
        for row, dupe in find_duplicates(keyed, duplicates).items():
            row_errors.setdefault(by_row[row], []).append(
                (_column_for(dupe, columns), dupe.field, dupe.reason, dupe.message)
            )
    del keys

    records: list[ParsedRow] = []
    rejected: list[Rejection] = []
    rejected_cells: dict[int, list[Any]] = {}
    if not row_errors:
        records = list(map(ParsedRow, repeat(sheet_name), excel_rows, rows_values, data))
    else:
        for position, values in enumerate(rows_values):
            errors = row_errors.get(position)
            excel_row = excel_rows[position]
            if not errors:
                records.append(ParsedRow(sheet_name, excel_row, values, data[position]))
                continue
            rejected_cells[excel_row] = data[position]
            errors.sort(key=lambda e: e[0] if e[0] is not None else 10**9)
            for col, name, reason, message in errors:
                header = headers[col] if col is not None and col < len(headers) else LABELS.get(name, name)
                rejected.append(Rejection(sheet_name, excel_row, header, reason, message, col))

    return ParsedFile(
        path=path or Path(sheet.file_name or sheet_name),
        kind=kind,
        layout=layout,
        records=records,
        rejected=rejected,
        data_rows=count,
        rejected_cells=rejected_cells,
    )


def _already_clean(column: tuple[Any, ...], clean: Callable[[Any, str], bool] | None) -> bool:
    """True when every cell is text the field's normaliser would keep as it is (see CLEAN_COLUMNS)."""
    if clean is None or not column:
        return False
    try:
        joined = "\n".join(column)
    except TypeError:
        return False  # a number, date or empty (None) cell: go cell by cell
    return joined.count("\n") == len(column) - 1 and clean(column, joined)


class _Memo(dict):  # type: ignore[type-arg]
    """Cell value → normalised value, computed on first sight; failures kept in `failed`."""

    __slots__ = ("normalise", "blank", "failed")

    def __init__(self, normalise: Callable[[Any], Any], blank: Any) -> None:
        super().__init__()
        self.normalise = normalise
        self.blank = blank
        self.failed: dict[Any, CellError] = {}

    def __missing__(self, value: Any) -> Any:
        if value is None or (value.__class__ is str and (not value or value.isspace())):
            result = self.blank
        else:
            try:
                result = self.normalise(value)
            except CellError as exc:
                self.failed[value] = exc
                result = None
        self[value] = result
        return result


def _column_for(problem: Problem, columns: dict[str, int]) -> int | None:
    col = columns.get(problem.field)
    if col is None and problem.field in _FALLBACK_COLUMN:
        col = columns.get(_FALLBACK_COLUMN[problem.field])
    return col
