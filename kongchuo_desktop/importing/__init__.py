"""Reading, normalising and validating roster / children-register files for import (no database)."""

from kongchuo_desktop.importing.errors import CellError, ImportFileError
from kongchuo_desktop.importing.parse import ParsedFile, ParsedRow, Rejection, parse_file, parse_layout
from kongchuo_desktop.importing.reader import Sheet, open_workbook, read_workbook
from kongchuo_desktop.importing.report import write_rejects_xlsx
from kongchuo_desktop.importing.table import TableLayout, find_table, locate_table

__all__ = [
    "CellError",
    "ImportFileError",
    "ParsedFile",
    "ParsedRow",
    "Rejection",
    "Sheet",
    "TableLayout",
    "find_table",
    "locate_table",
    "open_workbook",
    "parse_file",
    "parse_layout",
    "read_workbook",
    "write_rejects_xlsx",
]
