"""Checking the content of a decrypted package or receipt before anything is applied.

The signature proves who made a file, not that its content is well formed (a bug or another
version of the software at the sender could still write nonsense). Every shape and type the
importer relies on is checked here first: the manifest's fields, the tables' columns and rows,
every cell against its column (text, integer, true/false, date, date and time, NULL where the
column allows it), the clocks of each row and the attachment blobs. A bad file gets SyncError with
a Chinese reason naming the table, row and column; nothing is written.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Integer, Table

from kongchuo_desktop.services.sync.errors import SyncError

MAX_INT = 2**63
BAD_FILE = "，文件无法使用，没有做任何改动"
Check = Callable[[Any], bool]


def _is_int(v: Any) -> bool:
    return type(v) is int and -MAX_INT <= v < MAX_INT


def _count(v: Any) -> bool:
    return type(v) is int and 0 <= v < MAX_INT


def _iso(kind: type) -> Check:
    def check(v: Any) -> bool:
        if not isinstance(v, str):
            return False
        try:
            kind.fromisoformat(v)  # type: ignore[attr-defined]
        except ValueError:
            return False
        return True

    return check


def _clocks(v: Any) -> bool:
    """None, or the JSON text store.changes writes: {field: [hlc, site] or [hlc, site, user]}."""
    if v is None:
        return True
    if not isinstance(v, str):
        return False
    try:
        data = json.loads(v)
    except (ValueError, RecursionError):
        return False
    if not isinstance(data, dict):
        return False
    for item in data.values():
        if not isinstance(item, list) or len(item) not in (2, 3) or not _count(item[0]) or not isinstance(item[1], str):
            return False
        if len(item) == 3 and item[2] is not None and not isinstance(item[2], str):
            return False
    return True


def column_checks(table: Table) -> dict[str, Check]:
    """Column name → whether a JSON value from a package may go into it."""
    out: dict[str, Check] = {}
    for col in table.c:
        kind = col.type
        if col.name == "clocks":
            base: Check = _clocks
        elif col.name == "born_hlc":
            base = _count
        elif col.name == "id":
            base = lambda v: isinstance(v, str) and v != ""  # noqa: E731
        elif isinstance(kind, Boolean):
            base = lambda v: isinstance(v, bool)  # noqa: E731
        elif isinstance(kind, Integer | BigInteger):
            base = _is_int
        elif isinstance(kind, DateTime):
            base = _iso(dt.datetime)
        elif isinstance(kind, Date):
            base = _iso(dt.date)
        else:
            base = lambda v: isinstance(v, str)  # noqa: E731
        if col.nullable and col.name != "clocks":
            out[col.name] = lambda v, b=base: v is None or b(v)
        else:
            out[col.name] = base
    return out


def check_rows(table: Table, rows: list[dict[str, Any]]) -> None:
    """Every cell of these rows (after any schema upgrade) fits its column, or SyncError."""
    checks = column_checks(table)
    for i, row in enumerate(rows, start=1):
        for name, value in row.items():
            check = checks.get(name)
            if check is not None and not check(value):
                shown = json.dumps(value, ensure_ascii=False, default=str)
                shown = shown if len(shown) <= 40 else shown[:40] + "…"
                raise SyncError(f"同步包中数据表 {table.name} 第 {i} 行的“{name}”列取值无效（{shown}）{BAD_FILE}")


def check_package(body: Any) -> None:
    """The shapes of a package body: manifest, tables (columns, rows), blobs."""
    if not isinstance(body, dict) or not isinstance(body.get("manifest"), dict):
        raise SyncError(f"同步包缺少清单或格式不对{BAD_FILE}")
    manifest = body["manifest"]
    number = manifest.get("number")
    if not _count(number) or number < 1:
        raise SyncError(f"同步包清单中的编号无效{BAD_FILE}")
    for key in ("schema", "from_seq", "to_seq", "covers_from"):
        if not _count(manifest.get(key)):
            raise SyncError(f"同步包清单中的“{key}”无效{BAD_FILE}")
    vv = manifest.get("vv")
    if not isinstance(vv, dict) or not all(_count(v) for v in vv.values()):
        raise SyncError(f"同步包清单中的版本向量无效{BAD_FILE}")
    tables = body.get("tables")
    if tables is not None and not isinstance(tables, dict):
        raise SyncError(f"同步包中的数据表格式不对{BAD_FILE}")
    for name, part in (tables or {}).items():
        if not isinstance(part, dict):
            raise SyncError(f"同步包中数据表 {name} 的格式不对{BAD_FILE}")
        cols, rows = part.get("columns"), part.get("rows")
        if not isinstance(cols, list) or not all(isinstance(c, str) for c in cols) or len(set(cols)) != len(cols):
            raise SyncError(f"同步包中数据表 {name} 的列名无效{BAD_FILE}")
        if rows is not None and not isinstance(rows, list):
            raise SyncError(f"同步包中数据表 {name} 的行格式不对{BAD_FILE}")
        for i, row in enumerate(rows or [], start=1):
            if not isinstance(row, list) or len(row) != len(cols):
                raise SyncError(f"同步包中数据表 {name} 第 {i} 行的列数与列名不符{BAD_FILE}")
    blobs = body.get("blobs")
    if blobs is not None and not isinstance(blobs, dict):
        raise SyncError(f"同步包中的附件格式不对{BAD_FILE}")
    for sha, text in (blobs or {}).items():
        try:
            ok = isinstance(text, str) and hashlib.sha256(base64.b64decode(text, validate=True)).hexdigest() == sha
        except (binascii.Error, ValueError):
            ok = False
        if not ok:
            raise SyncError(f"同步包中的附件文件 {str(sha)[:12]}… 已损坏（内容与校验值不符）{BAD_FILE}")


def check_receipt(body: Any) -> None:
    """The shapes of a receipt body: sender, recipient, the packages it confirms."""
    receipt = body.get("receipt") if isinstance(body, dict) else None
    if not isinstance(receipt, dict) or not isinstance(receipt.get("packages"), list):
        raise SyncError(f"回执的格式不对{BAD_FILE}")
    for item in receipt["packages"]:
        if not isinstance(item, dict) or not _count(item.get("number")) or not isinstance(item.get("sha256"), str):
            raise SyncError(f"回执中确认的同步包条目无效{BAD_FILE}")
        for key in ("from_seq", "to_seq"):
            if item.get(key) is not None and not _count(item[key]):
                raise SyncError(f"回执中确认的同步包条目无效{BAD_FILE}")
