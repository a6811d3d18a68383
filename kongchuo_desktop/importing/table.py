"""Locate the table in a sheet: the header row under any titles, the column → field mapping, the data rows."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from kongchuo_desktop.importing.errors import ImportFileError
from kongchuo_desktop.importing.fields import (
    ALL_FIELDS,
    IMPLIED,
    LABELS,
    fields_for,
    match_header,
    norm_header,
)
from kongchuo_desktop.importing.reader import HEADER_SCAN_ROWS, Sheet, Workbook

__all__ = ["TableLayout", "find_table", "iter_data_rows", "locate_table", "header_signature"]

_IDENTITY = ("name", "id_number", "student_no")
_GROUP_SUFFIXES = ("基本信息", "信息", "情况", "资料", "基本情况")
_SCHOOL_IN_TITLE = re.compile(
    r"([\u4e00-\u9fa5A-Za-z0-9()（）]{2,40}?(?:九年一贯制学校|十二年一贯制学校|一贯制学校|完全中学|初级中学|"
    r"中心小学|中心学校|民族学校|特殊教育学校|小学|中学|学校|教学点))"
)
_TITLE_NOISE = ("学生名册", "花名册", "名册", "统计表", "登记表", "台账", "学年", "学期", "年度", "年")

# First-cell markers of rows that are not people.
_TOTAL_MARKS = ("合计", "总计", "小计", "共计", "总人数", "人数合计", "以下空白", "以上合计")
_NOTE_MARKS = (
    "填表人",
    "填报人",
    "制表人",
    "制表:",
    "制表：",
    "审核人",
    "审核:",
    "审核：",
    "负责人",
    "校长签字",
    "校长(签字)",
    "填表日期",
    "填报日期",
    "制表日期",
    "联系人:",
    "联系人：",
    "单位负责人",
    "填报单位",
    "单位(盖章)",
    "单位（盖章）",
    "(盖章)",
    "（盖章）",
    "盖章",
    "签字",
    "主管领导",
)
_STOP_MARKS = ("说明:", "说明：", "注:", "注：", "填表说明", "备注:", "备注：", "附注", "注意事项", "注1", "注①")
_MARK_FIRST = frozenset(m[0] for m in _TOTAL_MARKS + _NOTE_MARKS + _STOP_MARKS)
_SKIP, _STOP = 1, 2


@dataclass
class TableLayout:
    """Where the data sits in a sheet and which column holds which field.

    header_row_index: 0-based index into sheet.rows of the header row (the lower one when the
    header spans two rows); data_start: index of the first row below the header;
    mapping: column index → canonical field; headers: each column's header text as in the file
    (two-row headers joined, e.g. "监护人信息 姓名"); unmapped_headers: header texts no field claims;
    signature: stable hash of the normalised header cells, to remember a confirmed mapping;
    defaults: values given to every row (the school named in the title, 父亲姓名 → relation 父亲).
    """

    sheet: Sheet
    header_row_index: int
    mapping: dict[int, str]
    unmapped_headers: list[str]
    signature: str
    headers: list[str] = field(default_factory=list)
    data_start: int = 0
    defaults: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    kind: str = "roster"

    @property
    def header_row(self) -> int:
        """The header row's number as the user sees it (1-based)."""
        return self.sheet.row_number(self.header_row_index)

    @property
    def columns(self) -> dict[str, int]:
        """Canonical field → column index."""
        return {f: c for c, f in self.mapping.items()}

    def header_of(self, column: int | None) -> str:
        """The header text of a column as written in the file ('' when unknown)."""
        if column is None or column >= len(self.headers):
            return ""
        return self.headers[column]


def header_signature(headers: list[str]) -> str:
    """A stable hash of a header layout (normalised cell texts, trailing empties dropped)."""
    cells = [norm_header(h) for h in headers]
    while cells and not cells[-1]:
        cells.pop()
    return hashlib.sha1("\x1f".join(cells).encode("utf-8")).hexdigest()[:16]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if value.__class__ is float and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _normalised_override(mapping_override: Mapping[str, str | None] | None, kind: str) -> dict[str, str | None]:
    if not mapping_override:
        return {}
    allowed = set(fields_for(kind))
    out: dict[str, str | None] = {}
    for header, target in mapping_override.items():
        if target and target not in allowed:
            if target in ALL_FIELDS:
                raise ValueError(f"字段“{target}”不适用于{'学籍名册' if kind == 'roster' else '适龄儿童登记表'}")
            raise ValueError(f"未知字段：{target}")
        out[norm_header(header)] = target or None
    return out


def _row_fields(row: list[Any], kind: str, override: dict[str, str | None]) -> tuple[set[str], int]:
    """Distinct fields a row's cells name (a header candidate), and how many were exact synonyms."""
    allowed = fields_for(kind)
    found: set[str] = set()
    exact = 0
    for value in row:
        if value.__class__ is not str or not value.strip():
            continue
        key = norm_header(value)
        if key in override:
            if override[key]:
                found.add(override[key])  # type: ignore[arg-type]
                exact += 1
            continue
        hit = match_header(key, kind)
        if hit is not None and hit[0] in allowed:
            found.add(hit[0])
            if hit[1] < 100:
                exact += 1
    return found, exact


def _forward_fill(row: list[Any], width: int) -> list[str]:
    out: list[str] = []
    last = ""
    for c in range(width):
        value = _text(row[c]) if c < len(row) else ""
        if value:
            last = value
        out.append(last)
    return out


def _group_label(text: str) -> str:
    key = norm_header(text)
    for suffix in _GROUP_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


def find_table(
    sheet: Sheet,
    kind: str = "roster",
    mapping_override: Mapping[str, str | None] | None = None,
) -> TableLayout | None:
    """The table layout of one sheet, or None when no header row is recognised in its first rows."""
    override = _normalised_override(mapping_override, kind)
    rows = sheet.rows
    best: tuple[float, int] | None = None
    for index in range(min(len(rows), HEADER_SCAN_ROWS)):
        found, exact = _row_fields(rows[index], kind, override)
        if len(found) < 2 or not found.intersection(_IDENTITY):
            continue
        score = len(found) + exact * 0.5
        if best is None or score > best[0]:
            best = (score, index)
    if best is None:
        return None
    header_index = best[1]
    header_row = rows[header_index]
    width = max(len(header_row), max((len(r) for r in rows[header_index : header_index + 3]), default=0))
    labels = [_text(header_row[c]) if c < len(header_row) else "" for c in range(width)]

    # A group row above ("学生信息 | 监护人信息", merged across columns).
    groups: list[str] = [""] * width
    has_group_row = False
    if header_index > 0:
        above = rows[header_index - 1]
        labels_above = [_text(v) for v in above if _text(v)]
        if len(labels_above) >= 2 and all(len(t) <= 15 and ":" not in t and "：" not in t for t in labels_above):
            groups = _forward_fill(above, width)
            has_group_row = True
    # A sub-header row below (header "监护人" merged over "姓名 | 电话" in the next row).
    data_start = header_index + 1
    sub: list[str] = [""] * width
    if data_start < len(rows):
        below = rows[data_start]
        found, exact = _row_fields(below, kind, override)
        key_cols = [
            c for c, lab in enumerate(labels) if (match_header(norm_header(lab), kind) or ("",))[0] in _IDENTITY
        ]
        below_text = [_text(below[c]) if c < len(below) else "" for c in range(width)]
        if exact >= 1 and key_cols and not below_text[key_cols[0]]:
            sub = below_text
            data_start += 1
            filled = _forward_fill(header_row, width)
            for c in range(width):
                if sub[c]:
                    groups[c] = filled[c]
                    labels[c] = sub[c]

    allowed = set(fields_for(kind))
    headers: list[str] = []
    claims: dict[str, tuple[int, int]] = {}  # field -> (rank, column)
    mapping: dict[int, str] = {}
    ignored: set[int] = set()
    implied_cols: dict[int, str] = {}
    for c in range(width):
        label = labels[c]
        group = groups[c] if groups[c] and groups[c] != label else ""
        key = norm_header(label)
        combined = (_group_label(group) + key) if group and label else ""
        combined_hit = match_header(combined, kind, fuzzy=False) if combined else None
        # Show the group with the header when it is a real group label or decides the field.
        if group and label and (combined_hit is not None or _group_label(group) != norm_header(group)):
            shown = f"{group} {label}"
        else:
            shown = label
        headers.append(shown)
        if not label:
            continue
        target: str | None = None
        rank = 100
        if combined and combined in override:
            target, rank = override[combined], -1
        elif norm_header(shown) in override:
            target, rank = override[norm_header(shown)], -1
        elif key in override:
            target, rank = override[key], -1
        else:
            hit = combined_hit or match_header(key, kind)
            if hit is not None:
                target, rank = hit
        if target is None or target not in allowed:
            if rank == -1:
                ignored.add(c)
            continue
        if key in IMPLIED:
            implied_cols[c] = key
        _claim(target, rank, c, claims, mapping, allowed)
    unmapped = [headers[c] for c in range(width) if labels[c] and c not in mapping and c not in ignored]

    defaults: dict[str, Any] = {}
    fields_mapped = set(mapping.values())
    for c, key in implied_cols.items():
        if c not in mapping:
            continue
        slot = mapping[c].split("_", 1)[0]
        for implied_field, value in IMPLIED[key].items():
            implied_field = f"{slot}_{implied_field.split('_', 1)[1]}"
            if implied_field not in fields_mapped:
                defaults[implied_field] = value

    title = " ".join(_text(v) for r in rows[: header_index - (1 if has_group_row else 0)] for v in r if _text(v))
    if kind == "roster" and "school_name" not in fields_mapped:
        school = school_from_title(title)
        if school:
            defaults["school_name"] = school

    return TableLayout(
        sheet=sheet,
        header_row_index=header_index if data_start == header_index + 1 else data_start - 1,
        mapping=mapping,
        unmapped_headers=unmapped,
        signature=header_signature(headers),
        headers=headers,
        data_start=data_start,
        defaults=defaults,
        title=title,
        kind=kind,
    )


def _claim(
    target: str,
    rank: int,
    column: int,
    claims: dict[str, tuple[int, int]],
    mapping: dict[int, str],
    allowed: set[str],
) -> str | None:
    """Give `target` to `column` unless a better column holds it; a second guardian column moves to slot 2."""
    if target not in claims:
        claims[target] = (rank, column)
        mapping[column] = target
        return target
    if target.startswith("guardian1_"):
        second = "guardian2_" + target.split("_", 1)[1]
        if second in allowed and second not in claims:
            claims[second] = (rank, column)
            mapping[column] = second
            return second
    held_rank, held_column = claims[target]
    if rank < held_rank:
        del mapping[held_column]
        claims[target] = (rank, column)
        mapping[column] = target
        return target  # the displaced column is left unmapped
    return None


def school_from_title(title: str) -> str | None:
    """The school a title names ("根河市第一小学2026年学生名册" → 根河市第一小学), or None."""
    if not title:
        return None
    text = "".join(title.split())
    found = [
        m for m in _SCHOOL_IN_TITLE.findall(text) if "中小学" not in m and not m.startswith(("各", "全市", "全县"))
    ]
    found = list(dict.fromkeys(found))
    if len(found) != 1:
        return None
    school = found[0]
    # Drop a leading year/period ("2026年根河市第一小学").
    school = re.sub(r"^\d{4}(?:-\d{4})?(?:年|学年)?(?:度)?(?:秋季|春季)?(?:学期)?", "", school)
    if any(noise in school for noise in ("名册", "统计", "登记")) or len(school) < 3:
        return None
    return school


def locate_table(
    book: Workbook,
    kind: str = "roster",
    sheet: str | None = None,
    mapping_override: Mapping[str, str | None] | None = None,
) -> TableLayout:
    """The table to import: in the named sheet, else the first (visible) sheet with a recognisable header."""
    file_name = book.path.name
    if sheet is not None:
        target = book.read(sheet)
        layout = find_table(target, kind, mapping_override)
        if layout is None:
            raise ImportFileError("no_header", _no_header_message(file_name, [target]))
        return layout
    ordered = [n for n in book.sheet_names if n not in book.hidden] + [n for n in book.sheet_names if n in book.hidden]
    seen: list[Sheet] = []
    for name in ordered:
        candidate = book.read(name)
        layout = find_table(candidate, kind, mapping_override)
        if layout is not None:
            return layout
        seen.append(candidate)
    if not any(any(_text(v) for v in row) for s in seen for row in s.rows):
        raise ImportFileError("empty", f"文件“{file_name}”里没有任何数据（工作表都是空的）")
    raise ImportFileError("no_header", _no_header_message(file_name, seen))


def _no_header_message(file_name: str, sheets: list[Sheet]) -> str:
    names = "、".join(f"“{s.name}”" for s in sheets) or "（无）"
    where = f"工作表{names}" if len(sheets) <= 1 else f"任何一个工作表（{names}）"
    if len(sheets) == 1 and not any(any(_text(v) for v in row) for row in sheets[0].rows):
        return f"文件“{file_name}”的工作表{names}是空的"
    return (
        f"在文件“{file_name}”的{where}前{HEADER_SCAN_ROWS}行中找不到表头；"
        f"表头应含有“{LABELS['name']}”和“{LABELS['id_number']}”等列名"
    )


def _row_marker(row: list[Any]) -> int:
    """_SKIP for 合计/填表人 rows, _STOP for 说明/注 rows, 0 for anything else (looks at 2 text cells)."""
    seen = 0
    for value in row:
        if value.__class__ is not str or not value:
            continue
        text = value.lstrip()
        if not text:
            continue
        if text[0] in _MARK_FIRST:
            key = "".join(text.split())
            if key.startswith(_TOTAL_MARKS) or key.startswith(_NOTE_MARKS):
                return _SKIP
            if key.startswith(_STOP_MARKS):
                return _STOP
        seen += 1
        if seen >= 2:
            return 0
    return 0


def iter_data_rows(layout: TableLayout) -> Iterator[tuple[int, list[Any]]]:
    """(row index, cells) of each row holding a person: blank rows, 合计/小计 rows, 填表人 rows and
    repeated header rows are skipped; a 说明/注 row ends the table."""
    rows = layout.sheet.rows
    priority = {name: i for i, name in enumerate(_IDENTITY)}
    columns = sorted(layout.mapping, key=lambda c: (priority.get(layout.mapping[c], 9), c))
    name_col = layout.columns.get("name")
    header_cells = rows[layout.header_row_index] if layout.header_row_index < len(rows) else []
    header_name = header_cells[name_col] if name_col is not None and name_col < len(header_cells) else None
    key_col = layout.columns.get("id_number", layout.columns.get("student_no"))
    key_header = header_cells[key_col] if key_col is not None and key_col < len(header_cells) else None
    for index in range(layout.data_start, len(rows)):
        row = rows[index]
        width = len(row)
        if key_col is not None and key_col < width:
            value = row[key_col]
            if value.__class__ is str and len(value) >= 15 and value != key_header:
                yield index, row  # fast path: an ID-like cell means a person's row
                continue
        for c in columns:
            if c < width:
                value = row[c]
                if value is not None and value != "" and (value.__class__ is not str or value.strip()):
                    break
        else:
            continue  # blank (or only unmapped cells such as 序号)
        marker = _row_marker(row)
        if marker:
            if marker == _STOP:
                return
            continue
        if header_name is not None and name_col is not None and name_col < width and row[name_col] == header_name:
            continue  # the header repeated (a printed page per school)
        yield index, row
