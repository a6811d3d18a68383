"""The used area of each sheet of an .xlsx file, read from its XML before python-calamine builds the sheet.

python-calamine holds a sheet as one dense block from its first to its last filled cell, so a single
stray value far away (say in XFD1048576) asks for hundreds of gigabytes and aborts the whole program.
`xlsx_extents` finds that block's size cheaply (a streaming scan of the cell references) so the reader
can refuse such a sheet with a message instead.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

MAX_CELLS = 40_000_000
"""Largest sheet block (rows × columns) we let python-calamine build: about 1.3 GB at worst, and more
than a 1,000,000-row roster of 19 columns needs."""

# A cell that holds something: <c r="B7" …> (a self-closing <c r="B7" s="1"/> only carries formatting,
# and python-calamine leaves it out of the block).
_FILLED = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c r="([A-Z]{1,3})([0-9]{1,9})"[^>/]*>')
_CHUNK = 1 << 20
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class Extent:
    """The block from the first to the last cell holding something: first/last row and column (1-based)."""

    first_row: int
    last_row: int
    first_col: int
    last_col: int

    @property
    def cells(self) -> int:
        """How many cells python-calamine would allocate for the block."""
        return (self.last_row - self.first_row + 1) * (self.last_col - self.first_col + 1)

    @property
    def last_cell(self) -> str:
        """The bottom-right corner as Excel names it, e.g. XFD1048576."""
        return f"{column_letters(self.last_col)}{self.last_row}"


def column_letters(number: int) -> str:
    """1 → A, 27 → AA, 16384 → XFD."""
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(65 + rest) + out
    return out


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def part_extent(zf: zipfile.ZipFile, part: str) -> Extent | None:
    """The extent of the filled cells of one worksheet part (a streaming scan, ≈ 0.2 s per 20,000 rows)."""
    columns: set[bytes] = set()
    rows: set[bytes] = set()
    tail = b""
    with zf.open(part) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            data = tail + chunk
            cut = data.rfind(b"<")
            body, tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
            if len(tail) > _CHUNK:  # no tag for a megabyte: not XML we could use anyway
                tail = b""
            found = _FILLED.findall(body)
            columns.update(c for c, _r in found)
            rows.update(r for _c, r in found)
    if not rows:
        return None
    numbers = [int(r) for r in rows]
    cols = [_column_number(c) for c in columns]
    return Extent(min(numbers), max(numbers), min(cols), max(cols))


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → worksheet part, from xl/workbook.xml and its relationships."""
    workbook = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG_REL}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"))
        if target:
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            parts[sheet.get("name", "")] = part
    return parts


def xlsx_extents(path: Path) -> tuple[dict[str, Extent], Extent | None]:
    """(sheet name → extent, the largest extent of any worksheet part) of an .xlsx file; the second is
    for sheets whose part cannot be told from the workbook's (possibly damaged) index. Empty results
    when the file is not an .xlsx package or cannot be read: python-calamine then reports the damage."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
            by_part: dict[str, Extent] = {}
            for name in names:
                try:
                    extent = part_extent(zf, name)
                except Exception:  # a damaged part: python-calamine will report the damage itself
                    continue
                if extent is not None:
                    by_part[name] = extent
            try:
                parts = _sheet_parts(zf)
            except Exception:  # a damaged index: every sheet is measured against the largest part
                parts = {}
    except Exception:  # not a readable zip: python-calamine reports the damage
        return {}, None
    largest = max(by_part.values(), key=lambda e: e.cells, default=None)
    return {name: by_part[part] for name, part in parts.items() if part in by_part}, largest
