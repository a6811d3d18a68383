"""Append many audit entries at once (imports): the same hash chain as store.audit.record, written in bulk.

`audit.record` builds one ORM object per entry, which costs tens of microseconds each; an import
of 100,000 pupils writes 100,000 or more entries. Here each entry is a plain row, chained and
hashed exactly as `record` does it (same digest, same numbering, same remembered tail), and
inserted with one compiled INSERT per batch of positional rows, stamped with the sync columns as
store.bulk.insert_many would stamp them. Entries written by `record` and by `record_many` in one
session interleave correctly: both continue from the tail kept in session.info.

The log's indexes are kept as they are, not rebuilt: ids are made in ascending order and every
indexed column of a batch (sequence number, time, user, entity ids of freshly made rows) grows
with it, so each index is appended to rather than written all over.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from kongchuo_desktop.store import audit
from kongchuo_desktop.store.base import new_id, utcnow
from kongchuo_desktop.store.changes import next_change_seqs, stamp_columns
from kongchuo_desktop.store.models import AuditEntry

CHUNK_SIZE = 5_000
"""Rows per INSERT batch: small enough that a batch's dicts and parameters stay a few MB."""

AuditItem = tuple[str, str, str, str | None, Any, Any]
"""(action, entity, entity_id, field, old value, new value) — one audited field (field None for a
whole-row create or delete)."""


class _Writer:
    """One compiled INSERT of every audit_entry column; rows as positional tuples (or dicts, for
    drivers with named parameters), the values equal for the whole batch filled in once."""

    VARYING = ("id", "change_seq", "seq", "action", "entity", "entity_id", "field", "old_value", "new_value",
               "prev_hash", "entry_hash")  # fmt: skip

    def __init__(self, conn: Connection, constants: dict[str, Any]) -> None:
        table = cast(Table, AuditEntry.__table__)
        dialect = conn.dialect
        keys = [c.key for c in table.c]
        compiled = insert(table).compile(dialect=dialect, column_keys=keys)
        self.conn = conn
        self.sql = str(compiled)
        self.positional = bool(compiled.positional)
        self.order: list[str] = list(compiled.positiontup) if self.positional else keys  # type: ignore[arg-type]
        missing = set(self.order) - set(constants) - set(self.VARYING)
        if missing:
            raise ValueError(f"audit_entry columns without a value: {sorted(missing)}")
        self.base: list[Any] = []
        for key in self.order:
            value = constants.get(key)
            process = table.c[key].type._cached_bind_processor(dialect)
            self.base.append(process(value) if process is not None and value is not None else value)
        self.slots = [self.order.index(key) for key in self.VARYING]

    def row(self, *values: Any) -> Any:
        """The parameters of one entry, `values` in VARYING order (all plain str / int / None)."""
        out = self.base.copy()
        for slot, value in zip(self.slots, values, strict=True):
            out[slot] = value
        return tuple(out) if self.positional else dict(zip(self.order, out, strict=True))

    def write(self, rows: list[Any]) -> None:
        """Insert a batch with one executemany."""
        self.conn.exec_driver_sql(self.sql, rows)


def _json(value: str | None) -> str:
    """A str or None as json.dumps(…, ensure_ascii=False) writes it inside a list."""
    return "null" if value is None else encode_basestring(value)


def sorted_ids(count: int) -> list[str]:
    """`count` new UUID4 hex ids (as store.base.new_id makes them), in ascending order.

    Rows inserted in primary-key order append to the b-tree instead of landing all over it;
    making the ids from one block of random bytes is also much faster than one uuid4() each.
    """
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes((b & 0x0F) | 0x40 for b in raw[6::16])  # version 4
    raw[8::16] = bytes((b & 0x3F) | 0x80 for b in raw[8::16])  # RFC 4122 variant
    text = raw.hex()
    return sorted(text[i : i + 32] for i in range(0, 32 * count, 32))


def record_many(
    session: Session,
    items: Iterable[AuditItem],
    reason: str | None = None,
    *,
    count: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Append one chained entry per item, all with the same time, user, site and reason.

    Returns how many entries were written. `items` may be a generator; entries are hashed and
    inserted chunk by chunk. count: how many items there will be, when known (their ids are then
    made at once, in ascending order). progress(done) is called after every chunk (it may raise to
    cancel; the caller's transaction then rolls everything back).
    """
    session.flush()  # entries written by audit.record come first in the chain and in the table
    seq, prev = audit._chain_tail(session)
    at = utcnow()
    at_text = at.isoformat(timespec="microseconds")
    user = session.info.get("user")
    site = session.info.get("site_id")
    to_text = audit._text
    sha256 = hashlib.sha256
    start = seq
    # The digest covers json.dumps(audit._HASHED values, ensure_ascii=False) (audit._digest). The
    # same text is assembled here with the same string encoder: the parts that are equal for every
    # entry once, the rest per entry — json.dumps of a whole list each time costs twice as much.
    after_seq = f", {_json(at_text)}, {_json(user)}, {_json(site)}, "
    reason_json = _json(reason)

    conn = session.connection()
    writer = _Writer(conn, {**stamp_columns(session), "at": at, "user": user, "site_id": site, "reason": reason})
    ids = iter(sorted_ids(count)) if count else iter(())
    change_seq = next_change_seqs(session, count) if count else 0
    left = count or 0
    done = 0
    batch: list[Any] = []
    for action, entity, entity_id, field, old, new in items:
        seq += 1
        row_id = next(ids, None) or new_id()
        old_text = to_text(old)
        new_text = to_text(new)
        payload = (
            f'["{row_id}", {seq}{after_seq}{_json(action)}, {_json(entity)}, {_json(entity_id)}, '
            f'{_json(field)}, {_json(old_text)}, {_json(new_text)}, {reason_json}, "{prev}"]'
        )
        digest = sha256(payload.encode("utf-8")).hexdigest()
        if not left:  # more items than announced (or none announced): number them as they come
            change_seq = next_change_seqs(session, 1)
            left = 1
        batch.append(writer.row(row_id, change_seq, seq, action, entity, entity_id, field, old_text, new_text, prev,
                                digest))  # fmt: skip
        change_seq += 1
        left -= 1
        prev = digest
        if len(batch) >= CHUNK_SIZE:
            writer.write(batch)
            done += len(batch)
            batch = []
            if progress is not None:
                progress(done)
    if batch:
        writer.write(batch)
        done += len(batch)
        if progress is not None:
            progress(done)
    written = seq - start
    if written:
        session.info["audit_tail"] = (seq, prev)
        audit._write_anchor(session, seq, prev)
    return written
