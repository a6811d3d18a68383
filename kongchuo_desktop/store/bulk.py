"""Fast bulk inserts into travelling tables, stamped like ORM writes.

The ORM costs tens of microseconds per object; a roster import or a demo database of a million
students cannot afford that. `insert_many` writes plain dicts with one executemany per chunk,
stamping every row with the sync columns exactly as the flush hook stamps ORM objects
(store.changes): origin site, updated at/by, tombstone flag, and a consecutive run of change
sequence numbers. `insert_columns` does the same for rows given column by column that carry
all their values (a sync package's rows keep the sender's versions).

The INSERT is compiled by SQLAlchemy for the session's dialect and every value passes through its
column type's bind processor, so the database receives what a Core ``insert()`` would send — but
without Core's per-row bookkeeping, which would otherwise cost as much as SQLite's own work.

On SQLite, a large insert (at least `REBUILD_MIN` rows and at least half the table's size) drops
the table's secondary non-unique indexes first and recreates them, from their stored SQL, after
the last row: building an index by sorting is several times faster than updating a dozen
b-trees at random for every row. This happens inside the caller's transaction, so a failure
rolls the indexes back together with the rows.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, func, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from kongchuo_desktop.store.changes import next_change_seqs, stamp_columns

CHUNK_SIZE = 20_000
REBUILD_MIN = 20_000
SORT_MIN = 20_000
_MISSING = object()
_SYNC_KEYS = ("id", "change_seq")


def insert_many(
    session: Session,
    model: Any,
    rows: Iterable[dict[str, Any]],
    *,
    chunk_size: int = CHUNK_SIZE,
    progress: Callable[[int], None] | None = None,
    rebuild_indexes: bool | None = None,
) -> list[str]:
    """Insert `rows` (column name → value) into `model`'s table; return their ids in order.

    Rows without an ``id`` get a new UUID hex; ``origin_site_id``, ``updated_at``, ``updated_by``
    and ``deleted`` come from `stamp_columns` unless a row gives them; ``change_seq`` is always a
    fresh number, consecutive over all rows. Columns a row leaves out take their Python-side
    default (None when there is none). Pending ORM objects are flushed first, so rows may refer to
    them. The input dicts are not modified; `rows` may be a generator (it is read chunk by chunk).

    `progress(done)` is called after every chunk. `rebuild_indexes`: None decides by size
    (SQLite only, see the module doc), True/False forces it. Runs inside the session's
    transaction; nothing is committed here.
    """
    table = model.__table__
    session.flush()
    conn = session.connection()
    chunks = _chunks(rows, chunk_size)
    first_chunk = next(chunks, None)
    if first_chunk is None:
        return []
    inserter = _Inserter(conn, table, stamp_columns(session))
    sized = len(rows) if hasattr(rows, "__len__") else len(first_chunk)  # type: ignore[arg-type]
    dropped: list[str] = []
    if _should_rebuild(conn, table, sized, rebuild_indexes):
        # A write (the change_seq reservation) must come first: it opens the transaction that
        # makes the DROP INDEX undoable.
        next_change_seqs(session, 0)
        if _in_transaction(conn):
            dropped = _drop_indexes(conn, table.name)

    done = 0
    if isinstance(rows, list | tuple) and len(rows) >= SORT_MIN:
        # Insert in primary-key order: appending to the id b-tree instead of writing all over
        # it is three times faster at a million rows. change_seq still follows the input order.
        n = len(rows)
        uuid4 = uuid.uuid4
        ids = [row.get("id") or uuid4().hex for row in rows]
        first_seq = next_change_seqs(session, n)
        perm = sorted(range(n), key=ids.__getitem__)
        for start in range(0, n, chunk_size):
            part = perm[start : start + chunk_size]
            inserter.insert([rows[i] for i in part], [ids[i] for i in part], [first_seq + i for i in part])
            done += len(part)
            if progress is not None:
                progress(done)
    else:
        ids = []
        for chunk in itertools.chain([first_chunk], chunks):
            first_seq = next_change_seqs(session, len(chunk))
            ids.extend(inserter.insert(chunk, None, range(first_seq, first_seq + len(chunk))))
            done += len(chunk)
            if progress is not None:
                progress(done)
    for sql in dropped:
        conn.exec_driver_sql(sql)
    return ids


def insert_columns(
    session: Session,
    model: Any,
    columns: dict[str, Sequence[Any]],
    *,
    chunk_size: int = CHUNK_SIZE,
    rebuild_indexes: bool | None = None,
) -> None:
    """Insert rows given column by column: column name → one value per row, ``id`` among them.

    For rows that carry all their values — the sync importer's, with the sender's clocks, times
    and users: nothing is stamped and no default is filled in, except ``change_seq``, always fresh
    and consecutive in row order. Like `insert_many`: compiled once, in primary-key order, a large
    batch into a small table rebuilds the secondary indexes after the last row; but each column is
    converted at once instead of each cell (a full sync package has millions of cells). `model`:
    a mapped class or a Table. Runs inside the session's transaction; nothing is committed here.
    """
    table = getattr(model, "__table__", model)
    n = len(columns["id"])
    if not n:
        return
    session.flush()
    conn = session.connection()
    keys = [*(k for k in columns if k != "change_seq"), "change_seq"]
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=keys)
    order: list[str] = list(compiled.positiontup) if compiled.positional else keys  # type: ignore[arg-type]
    missing = set(order) - set(keys)  # columns with a default the caller left out
    if missing:
        raise ValueError(f"table {table.name}: insert_columns needs values for {sorted(missing)}")
    dropped: list[str] = []
    if _should_rebuild(conn, table, n, rebuild_indexes):
        next_change_seqs(session, 0)  # a write first: it opens the transaction that makes DROP INDEX undoable
        if _in_transaction(conn):
            dropped = _drop_indexes(conn, table.name)
    first_seq = next_change_seqs(session, n)
    values: dict[str, Sequence[Any]] = {"change_seq": range(first_seq, first_seq + n)}
    for key in keys[:-1]:
        proc = _processor(table.c[key].type, conn.dialect)
        column = columns[key]
        values[key] = column if proc is None else [None if v is None else proc(v) for v in column]
    rows: list[Any] = list(zip(*(values[k] for k in order), strict=True))
    if n >= SORT_MIN:
        rows.sort(key=itemgetter(order.index("id")))  # appending to the id b-tree (see insert_many)
    if not compiled.positional:
        rows = [dict(zip(order, row, strict=True)) for row in rows]
    for start in range(0, n, chunk_size):
        conn.exec_driver_sql(str(compiled), rows[start : start + chunk_size])
    for sql in dropped:
        conn.exec_driver_sql(sql)


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    if isinstance(rows, list | tuple):
        for start in range(0, len(rows), size):
            yield list(rows[start : start + size])
        return
    it = iter(rows)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _in_transaction(conn: Connection) -> bool:
    driver = conn.connection.driver_connection
    return bool(getattr(driver, "in_transaction", False))


def _should_rebuild(conn: Connection, table: Any, n: int, wanted: bool | None) -> bool:
    if conn.dialect.name != "sqlite" or wanted is False:
        return False
    if wanted:
        return True
    if n < REBUILD_MIN:
        return False
    existing = conn.execute(select(func.count()).select_from(table)).scalar_one()
    return n * 2 >= existing


def _drop_indexes(conn: Connection, table_name: str) -> list[str]:
    """Drop the table's explicit non-unique indexes; return the SQL that recreates them."""
    found = conn.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL"),
        {"t": table_name},
    ).all()
    recreate = []
    for name, sql in found:
        if sql.lstrip().upper().startswith("CREATE UNIQUE"):
            continue
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
        recreate.append(sql)
    return recreate


class _Inserter:
    """Compiled INSERT statements and row converters for one table, per set of given columns."""

    def __init__(self, conn: Connection, table: Any, stamp: dict[str, Any]) -> None:
        self.conn = conn
        self.table = table
        self.stamp = stamp
        self.columns = {c.key: c for c in table.c}
        self.process = {k: _processor(c.type, conn.dialect) for k, c in self.columns.items()}
        self.plans: dict[frozenset[str], tuple[str, bool, list[str], list[Any], list[Any]]] = {}

    def _plan(self, given: frozenset[str]) -> tuple[str, bool, list[str], list[Any], list[Any]]:
        plan = self.plans.get(given)
        if plan is not None:
            return plan
        unknown = given - self.columns.keys()
        if unknown:
            raise ValueError(f"table {self.table.name} has no column(s) {sorted(unknown)}")
        keys = [
            k
            for k, c in self.columns.items()
            # A column with only a server-side default is left to the database unless given.
            if k in given or k in self.stamp or k in _SYNC_KEYS or c.default is not None or c.server_default is None
        ]
        dialect = self.conn.dialect
        compiled = insert(self.table).compile(dialect=dialect, column_keys=keys)
        positional = bool(compiled.positional)
        order: list[str] = list(compiled.positiontup) if positional else keys  # type: ignore[arg-type]
        base: list[Any] = [None] * len(order)
        per_row: list[Any] = []
        for i, key in enumerate(order):
            col = self.columns[key]
            if key in self.stamp:
                value = self.stamp[key]
            elif key in _SYNC_KEYS:
                continue
            elif col.default is None:
                value = None
            elif col.default.is_scalar:
                value = col.default.arg
            elif col.default.is_callable:
                per_row.append((i, key, col.default.arg))
                continue
            else:
                raise ValueError(f"column {key} has a SQL default; give it in every row")
            proc = self.process[key]
            base[i] = proc(value) if proc is not None and value is not None else value
        plan = (str(compiled), positional, order, base, per_row)
        self.plans[given] = plan
        return plan

    def insert(self, chunk: list[dict[str, Any]], given_ids: list[str] | None, seqs: Iterable[int]) -> list[str]:
        """Insert one chunk with these ids (None: the rows' own or new ones) and change_seqs."""
        ids: list[str] = []
        groups: dict[frozenset[str], list[Any]] = {}
        process = self.process
        uuid4 = uuid.uuid4
        last_keys: Any = None
        for n, (row, seq) in enumerate(zip(chunk, seqs, strict=True)):
            keys = row.keys()
            if keys != last_keys:
                given = frozenset(keys)
                sql, positional, order, base, per_row = self._plan(given)
                slot = {k: i for i, k in enumerate(order)}
                idx_id, idx_seq = slot["id"], slot["change_seq"]
                params = groups.setdefault(given, [])
                last_keys = keys
            values = base.copy()
            for key, value in row.items():
                proc = process[key]
                values[slot[key]] = proc(value) if proc is not None and value is not None else value
            for i, key, make in per_row:
                if key not in row:
                    value = make(None)
                    proc = process[key]
                    values[i] = proc(value) if proc is not None and value is not None else value
            row_id = given_ids[n] if given_ids is not None else values[idx_id]
            if not row_id:
                row_id = uuid4().hex
            values[idx_id] = row_id
            values[idx_seq] = seq
            ids.append(row_id)
            params.append(tuple(values) if positional else dict(zip(order, values, strict=True)))
        for given, params in groups.items():
            self.conn.exec_driver_sql(self.plans[given][0], params)
        return ids


def _processor(type_: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """The bind processor of a column type; memoised for dates, skipped for plain bools."""
    proc = type_._cached_bind_processor(dialect)
    if proc is None:
        return None
    if isinstance(type_, Boolean):
        # Every DBAPI takes Python bools; only convert what is not one.
        return lambda v: v if v.__class__ is bool else proc(v)
    if isinstance(type_, Date) and not isinstance(type_, DateTime):
        memo: dict[Any, Any] = {}

        def cached(v: Any) -> Any:
            out = memo.get(v, _MISSING)
            if out is _MISSING:
                out = memo[v] = proc(v)
            return out

        return cached
    return proc  # type: ignore[no-any-return]
