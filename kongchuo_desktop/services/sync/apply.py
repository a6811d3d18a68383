"""Applying a package's rows: per table new / updated / unchanged / conflicting, in one transaction.

Rows are compared field by field with services.sync.merge and written with bulk Core statements
in foreign-key order (parents first; SQLite checks the foreign keys at commit). Applied rows keep
the sender's clocks, updated_at and updated_by but get a new local change_seq, so a township
passes its schools' rows on to the bureau. Conflicts become sync_conflict rows.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from kongchuo_desktop.domain import hlc
from kongchuo_desktop.services.sync.authority import Authority
from kongchuo_desktop.services.sync.clashes import ClashCheck
from kongchuo_desktop.services.sync.codec import column_default, decoders, encoders, same, table_of
from kongchuo_desktop.services.sync.errors import SyncCancelled, SyncError
from kongchuo_desktop.services.sync.export import sync_tables
from kongchuo_desktop.services.sync.merge import META, FieldConflict, conflict_id, merge_row
from kongchuo_desktop.services.sync.upgrade import upgrade_row
from kongchuo_desktop.services.sync.validate import check_rows, column_checks
from kongchuo_desktop.store.bulk import insert_columns
from kongchuo_desktop.store.changes import next_change_seqs, note_scope_moves
from kongchuo_desktop.store.models import AttachmentBlob, SyncConflict
from kongchuo_desktop.store.models.sync import SCOPE_COLUMNS

CHUNK = 500
WRITE_CHUNK = 5_000
_ABSENT = object()
"""A column a row of an older schema lacks (upgrade.py)."""
_NUMBERS = frozenset({bool, int, float})
Progress = Callable[[int, int, str], None]


@dataclass
class TableCounts:
    """What applying did (or would do) to one table."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0

    def as_dict(self) -> dict[str, int]:
        """For --json and the history."""
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged, "conflicts": self.conflicts}


@dataclass
class Applied:
    """Per-table counts and the conflicts found."""

    tables: dict[str, TableCounts] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    blobs: int = 0


def apply_rows(
    session: Session,
    body: dict[str, Any],
    schema: int,
    target_schema: int,
    sender_vv: dict[str, int],
    my_vv: dict[str, int],
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    *,
    write: bool = True,
    authority: Authority | None = None,
) -> Applied:
    """Merge every table of the package into the database (inside the caller's transaction).

    write=False is a preview: the same checks and merge decisions, so the same counts and
    conflicts as applying, but nothing is written (read-only, about half the time).
    authority: checks that every row the package adds or changes is the sender's to send
    (services.sync.authority). Both ways, the rows are checked against this database's unique keys
    and references (services.sync.clashes), so a preview refuses what the write would. A refusal is
    a SyncError before the transaction commits.
    """
    if write and session.bind is not None and session.bind.dialect.name == "sqlite":
        session.connection().exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    result = Applied()
    result.blobs = _blobs(session, body.get("blobs") or {}, write)
    incoming: dict[str, Any] = body.get("tables") or {}
    known = sync_tables()
    unknown = sorted(set(incoming) - set(known) - {"sync_conflict"})
    if unknown:
        raise SyncError(f"同步包里有本软件不认识的数据表：{'、'.join(unknown)}；请先升级软件")
    found: list[FieldConflict | tuple] = []
    clashes = ClashCheck(session, (body.get("blobs") or {}).keys())
    order = [n for n in known if n in incoming]
    for i, name in enumerate(order):
        if cancel is not None and cancel():
            raise SyncCancelled()
        if progress is not None:
            progress(i, len(order), f"正在合并：{name}")
        part = incoming[name]
        counts, conflicts = _apply_table(
            session, name, part, schema, target_schema, sender_vv, my_vv, write, authority, clashes
        )
        result.tables[name] = counts
        found.extend(conflicts)
    if authority is not None:
        authority.finish()
    result.conflicts = _record_conflicts(session, found, write)
    return result


def _apply_table(
    session: Session, name: str, part: dict[str, Any], schema: int, target: int,
    sender_vv: dict[str, int], my_vv: dict[str, int], write: bool = True, authority: Authority | None = None,
    clashes: ClashCheck | None = None,
) -> tuple[TableCounts, list[tuple]]:  # fmt: skip
    """Merge one table's rows; `write`: False decides everything (the counts, the conflicts) but
    writes nothing — a preview."""
    t = table_of(name)
    local_cols = [c.name for c in t.c]
    cols: list[str] = list(part.get("columns") or [])
    if "id" not in cols:
        raise SyncError(f"同步包中数据表 {name} 缺少 id 列，文件无法使用")
    rows: list[list[Any]] = part.get("rows") or []
    upgraded = schema < target and bool(rows)
    if upgraded:
        cols, rows = _upgraded(t, cols, rows, schema, target)
    else:
        extra = set(cols) - set(local_cols) if rows else set()
        if extra:
            raise SyncError(f"同步包中数据表 {name} 有本软件不认识的列：{'、'.join(sorted(extra))}；请先升级软件")
        _check(t, cols, rows)
    fields = [c for c in local_cols if c not in META]
    enc = encoders(t)
    counts = TableCounts()
    updates: list[dict[str, Any]] = []
    conflicts: list[tuple] = []
    moves: list[tuple[str, dict, dict]] = []
    judged: list[tuple[dict[str, Any], dict[str, Any]]] = []  # (row here, row as it arrives): changed or conflicting
    scope_cols = SCOPE_COLUMNS.get(name, ())
    at = cols.index("id")
    latest = {row[at]: row for row in rows}  # a row twice in one package: the later copy
    ids = list(latest)
    empty = session.execute(select(t.c.id).limit(1)).first() is None
    for start in range(0, 0 if empty else len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        local = {
            r["id"]: {c: enc[c](r[c]) for c in local_cols if c != "change_seq"}
            for r in (m._mapping for m in session.execute(select(t).where(t.c.id.in_(chunk))))
        }
        for row_id in chunk:
            mine = local.get(row_id)
            if mine is None:
                continue
            remote = {c: v for c, v in zip(cols, latest.pop(row_id), strict=True) if v is not _ABSENT}
            merged = merge_row(mine, remote, fields, sender_vv, my_vv)
            for c in merged.conflicts:
                conflicts.append((name, row_id, c, mine, remote))
            counts.conflicts += len(merged.conflicts)
            if authority is not None and (merged.row is not None or merged.conflicts):
                judged.append((mine, remote))
            if merged.row is None:
                counts.unchanged += 1
                continue
            updates.append(merged.row)
            counts.updated += 1
            if scope_cols and any(merged.row.get(c) != mine.get(c) for c in scope_cols):
                moves.append((row_id, {c: mine.get(c) for c in scope_cols}, {c: merged.row.get(c) for c in scope_cols}))
    fresh = list(latest.values())  # the rows this site does not have, in the package's order
    counts.new = len(fresh)
    if authority is not None or clashes is not None:
        arriving = [{c: v for c, v in zip(cols, row, strict=True) if v is not _ABSENT} for row in fresh]
        if authority is not None:
            authority.check_changed(name, judged)
            authority.check_new(name, arriving)
        if clashes is not None:
            clashes.check(name, updates + arriving, {row["id"] for row in arriving})
    if write:
        _insert(session, t, cols, fresh, upgraded)
        _update(session, t, updates, moves)
    return counts, conflicts


def _check(t: Any, cols: list[str], rows: list[list[Any]]) -> None:
    """validate.check_rows, column by column over the distinct values (the same checks, a fraction
    of the calls); on any doubt the row-by-row check runs and names the table, row and column."""
    if not rows:
        return
    checks = column_checks(t)
    try:
        for name, values in zip(cols, zip(*rows, strict=True), strict=True):
            check = checks.get(name)
            if check is None:
                continue
            if len(set(map(type, values)) & _NUMBERS) > 1:  # 1 == True == 1.0: keep the types apart
                distinct: Any = (v for _, v in set(zip(map(type, values), values, strict=True)))
            else:
                distinct = set(values)
            if not all(map(check, distinct)):
                break
        else:
            return
    except TypeError:  # an unhashable value (a list or an object where a cell belongs)
        pass
    check_rows(t, [dict(zip(cols, row, strict=True)) for row in rows])


def _upgraded(t: Any, cols: list[str], rows: list[list[Any]], schema: int, target: int) -> tuple[list[str], list]:
    """Rows of an older schema brought up to date (services.sync.upgrade) and checked; a column a
    row lacks after the steps is _ABSENT (a new row takes the default, an existing one keeps its value)."""
    upgraded = [upgrade_row(t.name, dict(zip(cols, row, strict=True)), schema, target) for row in rows]
    local_cols = {c.name for c in t.c}
    extra = {k for r in upgraded for k in r} - local_cols
    if extra:
        raise SyncError(f"同步包中数据表 {t.name} 有本软件不认识的列：{'、'.join(sorted(extra))}；请先升级软件")
    check_rows(t, upgraded)
    names = list(dict.fromkeys(k for r in upgraded for k in r))
    if "id" not in names:
        raise SyncError(f"同步包中数据表 {t.name} 缺少 id 列，文件无法使用")
    return names, [[r.get(k, _ABSENT) for k in names] for r in upgraded]


def _insert(session: Session, t: Any, cols: list[str], rows: list[list[Any]], upgraded: bool) -> None:
    """Insert rows this site does not have, with the sender's clocks, times and users and fresh
    local change_seqs (store.bulk.insert_columns: compiled once, in id order, column by column; a
    large batch into a small table rebuilds the indexes after instead of updating them row by row)."""
    if not rows:
        return
    dec = decoders(t)
    at = {c: i for i, c in enumerate(cols)}
    given = list(zip(*rows, strict=True))
    columns: dict[str, Any] = {}
    for c in (col.name for col in t.c if col.name != "change_seq"):
        if c not in at:
            columns[c] = [dec[c](column_default(t, c))] * len(rows)
            continue
        values = given[at[c]]
        if upgraded:
            default = column_default(t, c)
            values = [default if v is _ABSENT else v for v in values]
        if dec[c] is not same:  # dates and times: once per distinct value
            memo = {v: dec[c](v) for v in set(values)}
            values = list(map(memo.__getitem__, values))
        columns[c] = values
    insert_columns(session, t, columns)


def _update(session: Session, t: Any, updates: list[dict], moves: list) -> None:
    """Write merged rows (the sender's clocks, times and users; fresh local change_seqs) and note
    the rows that moved between schools or townships, for routing."""
    if not updates:
        return
    dec = decoders(t)
    seq = next_change_seqs(session, len(updates))
    conn = session.connection()
    seq_of: dict[str, int] = {}
    keys = sorted(updates[0])
    stmt = (
        update(t)
        .where(t.c.id == bindparam("p_id"))
        .values({k: bindparam(f"p_{k}") for k in [*keys, "change_seq"] if k != "id"})
    )
    for start in range(0, len(updates), WRITE_CHUNK):
        params = []
        for row in updates[start : start + WRITE_CHUNK]:
            item = {f"p_{k}": dec[k](row.get(k)) for k in keys if k != "id"}
            item["p_id"] = row["id"]
            item["p_change_seq"] = seq
            seq_of[row["id"]] = seq
            seq += 1
            params.append(item)
        conn.execute(stmt, params)
    note_scope_moves(session, t.name, [(rid, old, new, seq_of[rid]) for rid, old, new in moves])


def _blobs(session: Session, blobs: dict[str, str], write: bool) -> int:
    """Store the attachment files the database does not have yet (write=False: count them)."""
    if not blobs:
        return 0
    shas = sorted(blobs)
    have: set[str] = set()
    for start in range(0, len(shas), CHUNK):
        part = shas[start : start + CHUNK]
        have.update(session.execute(select(AttachmentBlob.sha256).where(AttachmentBlob.sha256.in_(part))).scalars())
    if not write:
        return sum(1 for s in shas if s not in have)
    rows = [{"sha256": s, "data": base64.b64decode(blobs[s])} for s in shas if s not in have]
    if rows:
        session.execute(insert(AttachmentBlob), rows)
    return len(rows)


def _moment(clock: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(hlc.wall_ms(clock) / 1000, dt.UTC).replace(tzinfo=None)


def _record_conflicts(session: Session, found: list[tuple], write: bool) -> list[dict[str, Any]]:
    """Insert the conflicts not recorded yet (the same conflict has the same id everywhere);
    write=False: only list them."""
    rows: dict[str, dict[str, Any]] = {}
    for table, record_id, c, _mine, _remote in found:
        cid = conflict_id(table, record_id, c.field, c.winner, c.loser)
        rows[cid] = {
            "id": cid, "table_name": table, "record_id": record_id, "field": c.field,
            "winner_value": json.dumps(c.winner_value, ensure_ascii=False), "winner_hlc": c.winner[0],
            "winner_site": c.winner[1], "winner_user": c.winner_user, "winner_at": _moment(c.winner[0]),
            "loser_value": json.dumps(c.loser_value, ensure_ascii=False), "loser_hlc": c.loser[0],
            "loser_site": c.loser[1], "loser_user": c.loser_user, "loser_at": _moment(c.loser[0]),
            "status": "open", "resolution": None, "origin_site_id": c.winner[1] or None, "born_hlc": c.winner[0],
            "clocks": None, "deleted": False, "updated_at": _moment(c.winner[0]), "updated_by": c.winner_user,
        }  # fmt: skip
    if not rows or not write:
        return list(rows.values())
    t = SyncConflict.__table__
    have = set(session.execute(select(t.c.id).where(t.c.id.in_(list(rows)))).scalars())
    new = [r for cid, r in rows.items() if cid not in have]
    if new:
        seq = next_change_seqs(session, len(new))
        for i, r in enumerate(new):
            r["change_seq"] = seq + i
        session.execute(insert(t), new)
    return list(rows.values())
