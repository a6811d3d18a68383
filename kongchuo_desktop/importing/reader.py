"""Read spreadsheet files (.xlsx/.xlsm/.xls/.et/.ods via python-calamine, .csv/.txt, HTML-as-.xls) into rows."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from kongchuo_desktop.importing.errors import ImportFileError
from kongchuo_desktop.importing.extent import MAX_CELLS, Extent, column_letters, xlsx_extents

__all__ = [
    "DEFAULT_MAX_ROWS",
    "HEADER_SCAN_ROWS",
    "ImportFileError",
    "Sheet",
    "Workbook",
    "open_workbook",
    "read_workbook",
]

DEFAULT_MAX_ROWS = 1_000_000
"""Most data rows a sheet may hold (a township has far fewer; more means a wrong file)."""

HEADER_SCAN_ROWS = 30
"""How many rows at the top of a sheet may hold titles before the header row."""

CALAMINE_EXTENSIONS = {".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlt", ".et", ".ett", ".ods"}
TEXT_EXTENSIONS = {".csv", ".txt", ".tsv"}
SPREADSHEET_EXTENSIONS = CALAMINE_EXTENSIONS | TEXT_EXTENSIONS

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_XLS_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_DELIMITERS = (",", "\t", ";", "|")


@dataclass
class Sheet:
    """One sheet's cells as python-calamine gives them (str/float/int/bool/date/datetime; '' or None when empty).

    `rows[i]` is the row a person sees as number `row_number(i)`: i + 1 for workbooks; for CSV the
    line the record starts on (`row_numbers`), which differs once a quoted cell spans lines.
    """

    name: str
    rows: list[list[Any]]
    row_numbers: list[int] | None = None
    hidden: bool = False
    file_name: str = ""

    def row_number(self, index: int) -> int:
        """The 1-based row (or CSV line) number of rows[index], as the user sees it."""
        if self.row_numbers is not None:
            return self.row_numbers[index]
        return index + 1


@dataclass
class Workbook:
    """An opened spreadsheet file whose sheets are read on demand (`read`)."""

    path: Path
    sheet_names: list[str]
    hidden: set[str] = field(default_factory=set)
    max_rows: int = DEFAULT_MAX_ROWS
    _calamine: Any = None
    _ready: dict[str, Sheet] = field(default_factory=dict)
    extents: dict[str, Extent] | None = None  # .xlsx: each sheet's used block, measured before reading
    fallback_extent: Extent | None = None  # .xlsx: the largest block, for a sheet the index does not name
    failed: dict[str, ImportFileError] = field(default_factory=dict)  # .xls read in a child: sheets it refused

    def read(self, name: str) -> Sheet:
        """Read one sheet's rows; ImportFileError when it is missing, unreadable or too big."""
        if name in self._ready:
            return self._ready[name]
        if name not in self.sheet_names:
            listed = "、".join(f"“{n}”" for n in self.sheet_names) or "（无）"
            raise ImportFileError("no_sheet", f"文件“{self.path.name}”中没有名为“{name}”的工作表；现有工作表：{listed}")
        if name in self.failed:
            raise self.failed[name]
        if self.extents is not None:
            extent = self.extents.get(name, self.fallback_extent)
            if extent is not None and extent.cells > MAX_CELLS:
                raise ImportFileError("too_big", too_wide_message(self.path.name, name, extent.last_cell))
        cal_sheet = _calamine_call(self.path, lambda: self._calamine.get_sheet_by_name(name))
        end = cal_sheet.end
        height = 0 if end is None else end[0] + 1
        _check_height(self.path, name, height, self.max_rows)
        if end is not None and cal_sheet.height * cal_sheet.width > MAX_CELLS:
            raise ImportFileError("too_big", too_wide_message(self.path.name, name, f"{column_letters(end[1] + 1)}{end[0] + 1}"))
        rows = _calamine_call(self.path, lambda: cal_sheet.to_python(skip_empty_area=False))
        sheet = Sheet(name=name, rows=rows, hidden=name in self.hidden, file_name=self.path.name)
        self._ready[name] = sheet
        return sheet

    def sheets(self) -> Iterator[Sheet]:
        """Every sheet, in workbook order."""
        for name in self.sheet_names:
            yield self.read(name)

    def close(self) -> None:
        """Release the underlying file."""
        if self._calamine is not None:
            with contextlib.suppress(Exception):  # closing twice or an already-closed book is harmless
                self._calamine.close()
            self._calamine = None


def read_workbook(path: str | os.PathLike[str], max_rows: int = DEFAULT_MAX_ROWS) -> list[Sheet]:
    """Read every sheet of a spreadsheet file into memory."""
    book = open_workbook(path, max_rows=max_rows)
    try:
        return list(book.sheets())
    finally:
        book.close()


def open_workbook(path: str | os.PathLike[str], max_rows: int = DEFAULT_MAX_ROWS) -> Workbook:
    """Open a spreadsheet file, recognising its real format by content; raises ImportFileError."""
    path = Path(path)
    ext = path.suffix.lower()
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise ImportFileError("unreadable", f"找不到文件“{path.name}”，请确认文件位置") from None
    except IsADirectoryError:
        raise ImportFileError("not_spreadsheet", f"“{path.name}”是一个文件夹，不是表格文件") from None
    except OSError as exc:
        raise ImportFileError(
            "unreadable", f"无法读取文件“{path.name}”（{exc.strerror or exc}），请关闭占用它的程序后重试"
        ) from None
    if size == 0:
        raise ImportFileError("empty", f"文件“{path.name}”是空的（0字节），请确认选对了文件")

    if head.startswith(_ZIP_MAGICS):
        return _open_zip(path, ext, max_rows)
    if head.startswith(_OLE_MAGIC):
        return _open_ole(path, ext, max_rows)
    if ext in TEXT_EXTENSIONS:
        return _single(path, _read_text_table(path, max_rows))
    if ext in {".xls", ".xlt", ".et"} and _looks_like_html(path):
        return _single(path, _read_html_table(path, max_rows))
    if ext in CALAMINE_EXTENSIONS:
        raise ImportFileError(
            "corrupt" if ext != ".xls" else "not_spreadsheet",
            f"文件“{path.name}”的内容不是有效的Excel表格（文件可能已损坏或只是改了扩展名），"
            "请用Excel或WPS打开后另存为.xlsx再导入",
        )
    raise ImportFileError(
        "not_spreadsheet",
        f"文件“{path.name}”不是表格文件；请选择.xlsx、.xls、.ods或.csv文件",
    )


# ----------------------------------------------------------------------------- workbooks


def _open_zip(path: Path, ext: str, max_rows: int) -> Workbook:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
    # NotImplementedError: an unknown zip version or compression; RuntimeError: an encrypted member;
    # zlib.error: a damaged compressed member.
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError, RuntimeError, zlib.error):
        raise ImportFileError(
            "corrupt", f"文件“{path.name}”已损坏（压缩结构不完整），请重新导出或从原处再复制一次"
        ) from None
    is_xlsx = "xl/workbook.xml" in names or any(n.endswith("/workbook.xml") for n in names)
    is_ods = b"opendocument.spreadsheet" in mimetype
    if not (is_xlsx or is_ods):
        what = "Word文档" if "word/document.xml" in names else "压缩包或其他文档"
        raise ImportFileError(
            "not_spreadsheet", f"文件“{path.name}”是{what}，不是表格文件；请选择Excel表格（.xlsx/.xls）或.csv文件"
        )
    book = _open_calamine(path, max_rows)
    if is_xlsx:
        book.extents, book.fallback_extent = xlsx_extents(path)
    return book


def _open_ole(path: Path, ext: str, max_rows: int) -> Workbook:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError("unreadable", f"无法读取文件“{path.name}”（{exc.strerror or exc}）") from None
    if _ENCRYPTED_STREAM in data:
        raise ImportFileError(
            "encrypted",
            f"文件“{path.name}”设置了打开密码，无法读取；请在Excel中打开它，取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后保存，再导入",
        )
    if not any(stream in data for stream in _XLS_STREAMS):
        raise ImportFileError(
            "not_spreadsheet", f"文件“{path.name}”是Word或其他Office文档，不是表格文件；请选择Excel表格"
        )
    if not _ole_sizes_plausible(data):
        raise ImportFileError(
            "corrupt", f"文件“{path.name}”已损坏或格式不受支持，无法读取；请用Excel或WPS打开后另存为.xlsx再导入"
        )
    return _read_isolated(path, max_rows, len(data))


def _read_isolated(path: Path, max_rows: int, size: int) -> Workbook:
    """A legacy (OLE) workbook, read whole by a child process with a memory cap (importing/isolated.py)."""
    from kongchuo_desktop.importing.isolated import read_in_child

    child = read_in_child(path, max_rows, size)
    book = Workbook(path=path, sheet_names=child.names, hidden=child.hidden, max_rows=max_rows, failed=child.failed)
    for name, rows in child.sheets.items():
        book._ready[name] = Sheet(name=name, rows=rows, hidden=name in child.hidden, file_name=path.name)
    return book


_OLE_NAMES = {"Root Entry", "Workbook", "Book"}


def _ole_sizes_plausible(data: bytes) -> bool:
    """False when the compound file's header or directory claims more bytes than the file has.

    python-calamine reserves memory from these numbers before checking them, so a damaged .xls
    claiming gigabytes aborts the whole program (not an exception we could catch)."""
    if len(data) < 512:
        return False
    shift = int.from_bytes(data[30:32], "little")
    if shift not in (9, 12):
        return False
    sector = 1 << shift
    for at in (40, 44, 64, 72):  # directory, FAT, mini FAT and DIFAT sector counts
        if int.from_bytes(data[at : at + 4], "little") * sector > len(data):
            return False
    version = int.from_bytes(data[26:28], "little")
    for off in range(512, len(data) - 127, 128):  # directory entries sit on 128-byte boundaries
        name_len = int.from_bytes(data[off + 64 : off + 66], "little")
        if not 2 <= name_len <= 64 or data[off + 66] not in (1, 2, 5):
            continue
        if data[off : off + name_len - 2].decode("utf-16-le", "replace") not in _OLE_NAMES:
            continue
        size = int.from_bytes(data[off + 120 : off + 128], "little")
        if version == 3:
            size &= 0xFFFFFFFF
        if size > len(data):
            return False
    return not _ole_chains_loop(data, sector)


def _chain_loops(following: list[int]) -> bool:
    """True when following the sector chains of a FAT ever comes back to a sector (python-calamine
    would follow such a loop until memory runs out)."""
    state = bytearray(len(following))  # 0 unseen, 1 on the current path, 2 known to end
    for first in range(len(following)):
        path = []
        current = first
        while 0 <= current < len(following) and state[current] == 0:
            state[current] = 1
            path.append(current)
            current = following[current]
        if 0 <= current < len(following) and state[current] == 1:
            return True
        for sector in path:
            state[sector] = 2
    return False


def _ole_chains_loop(data: bytes, sector: int) -> bool:
    def words(raw: bytes) -> list[int]:
        return [int.from_bytes(raw[i : i + 4], "little") for i in range(0, len(raw) - 3, 4)]

    def sector_bytes(sid: int) -> bytes:
        return data[(sid + 1) * sector : (sid + 2) * sector]

    special = 0xFFFFFFFA
    fat_sectors = [sid for sid in words(data[76:512]) if sid < special]
    difat, seen = int.from_bytes(data[68:72], "little"), set()
    while difat < special and difat not in seen:
        seen.add(difat)
        entries = words(sector_bytes(difat))
        if not entries:
            break
        fat_sectors += [sid for sid in entries[:-1] if sid < special]
        difat = entries[-1]
    fat: list[int] = []
    for sid in fat_sectors:
        fat += words(sector_bytes(sid))
    if _chain_loops(fat):
        return True
    mini, sid = b"", int.from_bytes(data[60:64], "little")
    while 0 <= sid < len(fat):
        mini += sector_bytes(sid)
        sid = fat[sid]
    return _chain_loops(words(mini))


def _open_calamine(path: Path, max_rows: int) -> Workbook:
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    def load() -> Any:
        with path.open("rb") as fh:
            return CalamineWorkbook.from_filelike(fh)

    book = _calamine_call(path, load)
    hidden = {meta.name for meta in book.sheets_metadata if meta.visible != SheetVisibleEnum.Visible}
    return Workbook(path=path, sheet_names=list(book.sheet_names), hidden=hidden, max_rows=max_rows, _calamine=book)


def _calamine_call(path: Path, fn: Any) -> Any:
    """Run a python-calamine call, turning its errors into ImportFileError."""
    import python_calamine as pc

    try:
        return fn()
    except pc.PasswordError:
        raise ImportFileError(
            "encrypted", f"文件“{path.name}”设置了密码，无法读取；请在Excel中取消密码后保存，再导入"
        ) from None
    except pc.WorksheetNotFound as exc:
        raise ImportFileError("no_sheet", f"文件“{path.name}”中找不到工作表：{exc}") from None
    except (pc.CalamineError, ValueError, OSError) as exc:
        text = str(exc).lower()
        if "password" in text or "encrypt" in text:
            raise ImportFileError(
                "encrypted", f"文件“{path.name}”设置了密码，无法读取；请在Excel中取消密码后保存，再导入"
            ) from None
        raise ImportFileError(
            "corrupt", f"文件“{path.name}”已损坏或格式不受支持，无法读取；请用Excel或WPS打开后另存为.xlsx再导入"
        ) from None
    except BaseException as exc:
        # A damaged file can make python-calamine's Rust code panic; the PanicException it raises
        # derives from BaseException, so without this it would escape every `except Exception`.
        if type(exc).__name__ != "PanicException":
            raise
        raise ImportFileError(
            "corrupt", f"文件“{path.name}”已损坏或格式不受支持，无法读取；请用Excel或WPS打开后另存为.xlsx再导入"
        ) from None


def _check_height(path: Path, sheet: str, height: int, max_rows: int) -> None:
    if height > max_rows + HEADER_SCAN_ROWS:
        raise ImportFileError("too_big", too_big_message(path.name, sheet, max_rows))


def too_wide_message(file_name: str, sheet: str, last_cell: str) -> str:
    """The Chinese message for a sheet whose filled cells span too large a block to read."""
    return (
        f"文件“{file_name}”的工作表“{sheet}”的数据区域太大（一直延伸到{last_cell}单元格），无法读取；"
        "通常是远处的单元格里有多余的内容。请在Excel中删除表格右侧和下方多余的行和列后保存，再导入"
    )


def too_big_message(file_name: str, sheet: str, max_rows: int) -> str:
    """The Chinese message for a sheet with more data rows than allowed."""
    return (
        f"文件“{file_name}”的工作表“{sheet}”超过了{max_rows:,}行数据的上限，"
        "请确认选对了文件，或把数据拆成几个文件分别导入"
    )


def _single(path: Path, sheet: Sheet) -> Workbook:
    book = Workbook(path=path, sheet_names=[sheet.name])
    book._ready[sheet.name] = sheet
    return book


# ----------------------------------------------------------------------------- CSV / text


def decode_text(path: Path, data: bytes) -> str:
    """Decode a text table: UTF-16 with BOM, else UTF-8 (with or without BOM), else GB18030/GBK."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise ImportFileError(
        "bad_encoding",
        f"无法识别文件“{path.name}”的文字编码（不是UTF-8或GBK），请在Excel中另存为“CSV UTF-8”或.xlsx后再导入",
    )


def sniff_delimiter(text: str) -> str:
    """The field delimiter (comma, tab, semicolon or |) that splits the first lines most consistently."""
    lines = [line for line in text[:65536].splitlines()[:50] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", (0, 0)
    for delim in _DELIMITERS:
        counts = [line.count(delim) for line in lines]
        used = [c for c in counts if c]
        if not used:
            continue
        common = max(set(used), key=used.count)
        score = (sum(1 for c in counts if c == common), common)
        if score > best_score:
            best, best_score = delim, score
    return best


def _read_text_table(path: Path, max_rows: int) -> Sheet:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError("unreadable", f"无法读取文件“{path.name}”（{exc.strerror or exc}）") from None
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError("not_spreadsheet", f"文件“{path.name}”不是文本表格（CSV），请确认选对了文件")
    text = decode_text(path, data)
    if not text.strip():
        raise ImportFileError("empty", f"文件“{path.name}”里没有任何内容")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[Any]] = []
    numbers: list[int] = []
    limit = max_rows + HEADER_SCAN_ROWS
    previous_line = 0
    try:
        for record in reader:
            rows.append(record)
            numbers.append(previous_line + 1)
            previous_line = reader.line_num
            if len(rows) > limit:
                raise ImportFileError("too_big", too_big_message(path.name, path.stem, max_rows))
    except csv.Error:
        raise ImportFileError(
            "corrupt", f"文件“{path.name}”第{previous_line + 1}行的引号不成对，无法读取；请用Excel打开检查后另存"
        ) from None
    return Sheet(name=path.stem, rows=rows, row_numbers=numbers, file_name=path.name)


# ----------------------------------------------------------------------------- HTML saved as .xls


def _looks_like_html(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
    except OSError:
        return False
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<html", b"<!doctype", b"<table", b"<meta", b"<?xml")) and (
        b"<table" in head or b"<html" in head or b"<!doctype html" in head
    )


class _TableCollector(HTMLParser):
    """Collect the cells of every <table> in an HTML document (what some systems save as .xls)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._stack: list[list[list[str]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._stack.append([])
        elif tag == "tr" and self._stack:
            self._finish_row()
            self._row = []
        elif tag in ("td", "th") and self._stack:
            if self._row is None:
                self._row = []
            self._finish_cell()
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.isdigit() and 0 < int(span) < 1000 else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._finish_cell()
        elif tag == "tr":
            self._finish_row()
        elif tag == "table" and self._stack:
            self._finish_row()
            self.tables.append(self._stack.pop())

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def _finish_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._row.extend([""] * (self._span - 1))
        self._cell = None
        self._span = 1

    def _finish_row(self) -> None:
        self._finish_cell()
        if self._row is not None and self._stack:
            self._stack[-1].append(self._row)
        self._row = None


def _read_html_table(path: Path, max_rows: int) -> Sheet:
    data = path.read_bytes()
    match = re.search(rb"charset=[\"']?([A-Za-z0-9_\-]+)", data[:4096])
    text: str | None = None
    if match:
        try:
            text = data.decode(match.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text = decode_text(path, data)
    collector = _TableCollector()
    collector.feed(text)
    collector.close()
    if not collector.tables:
        raise ImportFileError("not_spreadsheet", f"文件“{path.name}”是网页文件，里面没有表格")
    rows = max(collector.tables, key=len)
    if len(rows) > max_rows + HEADER_SCAN_ROWS:
        raise ImportFileError("too_big", too_big_message(path.name, path.stem, max_rows))
    return Sheet(name=path.stem, rows=rows, file_name=path.name)  # type: ignore[arg-type]
