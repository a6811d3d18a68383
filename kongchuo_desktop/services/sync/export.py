"""Making a package for a paired peer: the rows it has not acknowledged (or all, --full), in its scope.

By default a package carries every row whose local change_seq is above what the peer last
acknowledged by a receipt, so a lost package is covered by the next one. Going down (to a school
from its township, to a township from the bureau) rows are filtered by services.sync.policy, and
rows that moved into the peer's scope since then come along with everything that hangs on them
(a transferred pupil's guardians, visits, cases …); rows that moved out come once more, so the peer
learns they left. Going up, a site sends only what is its own to send (services.sync.authority:
its scope, rows it created, rows that were its own); the rest is counted in kept_back.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kongchuo_desktop import __version__
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.sync import envelope
from kongchuo_desktop.services.sync.authority import Authority
from kongchuo_desktop.services.sync.cards import _audit, write_atomic
from kongchuo_desktop.services.sync.codec import table_of
from kongchuo_desktop.services.sync.errors import SyncCancelled
from kongchuo_desktop.services.sync.keys import site_keys
from kongchuo_desktop.services.sync.policy import POLICY, children_of, travelling
from kongchuo_desktop.services.sync.scope import ScopeFilter, scope_of
from kongchuo_desktop.services.sync.sites import SCHEMA_VERSION, direction, find_peer, me, version_vector
from kongchuo_desktop.store.base import utcnow
from kongchuo_desktop.store.changes import current_change_seq
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import AttachmentBlob, Base, SyncPackageLog, SyncScopeMove

Progress = Callable[[int, int, str], None]
CHUNK = 500
FETCH = 5_000
"""Rows read, encoded and compressed at a time."""


@dataclass
class ExportResult:
    """What a package holds: number, peer, change_seq range, rows per table, the file."""

    path: Path
    peer_id: str
    peer_name: str
    number: int
    from_seq: int
    to_seq: int
    full: bool
    counts: dict[str, int] = field(default_factory=dict)
    blobs: int = 0
    sha256: str = ""
    kept_back: dict[str, int] = field(default_factory=dict)
    """Going up: rows per table this site holds but that are not its own to send (another
    township's or school's pupils in a roster imported whole); they stay here."""

    @property
    def rows(self) -> int:
        """Rows in the package."""
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        """For --json."""
        return {"kind": "package", "file": str(self.path), "peer": self.peer_name, "peer_id": self.peer_id,
                "number": self.number, "from_seq": self.from_seq, "to_seq": self.to_seq, "full": self.full,
                "rows": self.rows, "tables": self.counts, "blobs": self.blobs,
                "kept_back": self.kept_back}  # fmt: skip


def sync_tables() -> list[str]:
    """Travelling tables in foreign-key order (parents first)."""
    return list(_sync_tables())


@lru_cache(maxsize=1)
def _sync_tables() -> tuple[str, ...]:
    return tuple(t.name for t in Base.metadata.sorted_tables if travelling(t.name))


def export_package(
    db: Database,
    actor: Actor,
    peer: str,
    out: Path | str,
    *,
    full: bool = False,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ExportResult:
    """Write the next package for `peer` (a paired site's id or name) to `out`; returns what it holds.

    progress(done, total, text) is called per table and once more when the package is written
    and recorded (after the commit: a cancel from that last call changes nothing); cancel() → True
    stops it before (SyncCancelled, nothing written). The package is numbered and logged; the
    peer's acknowledgement comes later with its receipt. The file is written just before the
    commit and removed if the commit fails, so it exists exactly when the package is recorded.
    """
    actor.require(perms.SYNC_MANAGE)
    out = Path(out)
    written = False
    try:
        with db.transaction(user=actor.user) as session:
            mine = me(session)
            target = find_peer(session, peer)
            keys = site_keys(session, mine.id)
            way = direction(mine.site_type, target.site_type)
            since = 0 if full else int(target.acked_seq or 0)
            to_seq = current_change_seq(session)
            number = int(target.last_sent_no or 0) + 1
            scope = None
            own = Authority.for_own_exports(session, mine) if way == "up" else None
            kept_back: dict[str, int] = {}
            if way == "down":
                scope = ScopeFilter(session, scope_of(session, target.site_type, target.school_id, target.township_id))
            exits, enters = _moved(session, scope, since) if scope is not None else ({}, {})
            names = tables_with_changes(session, since, exits, enters)
            body = _Body()
            for i, name in enumerate(names):
                if cancel is not None and cancel():
                    raise SyncCancelled()
                if progress is not None:
                    progress(i, len(names), f"正在整理：{name}")
                if way == "down" and POLICY[name].kind == "up_only":
                    continue
                chunks = _changed_rows(session, name, since, scope, exits.get(name, set()), enters.get(name, set()))
                if own is not None:
                    chunks = _own_rows(own, name, chunks, kept_back)
                body.add_table(name, chunks)
            blobs = _blobs(session, body.shas)
            counts = body.counts
            vv = version_vector(session, mine.id)
            manifest = {
                "format": envelope.FORMAT, "schema": SCHEMA_VERSION, "app_version": __version__, "sender": mine.id,
                "sender_name": mine.name, "recipient": target.site_id, "recipient_name": target.name, "number": number,
                "from_seq": since + 1, "to_seq": to_seq, "covers_from": 1 if full else int(target.acked_no or 0) + 1,
                "full": full, "created_at": utcnow().isoformat(), "vv": vv, "counts": counts,
            }  # fmt: skip
            header = {"kind": "package", "sender": mine.id, "sender_name": mine.name, "recipient": target.site_id,
                      "number": number}  # fmt: skip
            data = envelope.seal_packed(keys, target.box_public, header, body.finish(manifest, blobs))
            del body
            sha = hashlib.sha256(data).hexdigest()
            if cancel is not None and cancel():
                raise SyncCancelled()
            target.last_sent_no = number
            target.last_sent_at = utcnow()
            session.add(SyncPackageLog(direction="out", kind="package", peer_id=target.site_id, number=number, sha256=sha,
                                       from_seq=since + 1, to_seq=to_seq, covers_from=manifest["covers_from"], full=full,
                                       rows=sum(counts.values()), by_user=actor.user, file_name=out.name,
                                       report=json.dumps({"tables": counts}, ensure_ascii=False)))  # fmt: skip
            _audit(session, "export", target.site_id, target.name, f"第 {number} 号，{sum(counts.values())} 行")
            session.flush()
            write_atomic(out, data)
            written = True
    except BaseException:
        if written:  # the file is there but the transaction that records it rolled back: take it back
            out.unlink(missing_ok=True)
        raise
    # Only now, with the package recorded: a cancel from this last report cannot undo anything.
    if progress is not None:
        progress(len(names), len(names), "已写入同步包")
    return ExportResult(
        out, target.site_id, target.name, number, since + 1, to_seq, full, counts, len(blobs), sha, kept_back
    )


def tables_with_changes(session: Session, since: int, *forced: dict[str, set[str]]) -> list[str]:
    """The travelling tables (in foreign-key order) with rows changed after `since` or forced in:
    one indexed query for all of them, so an export of a few changes does not visit every table."""
    names = sync_tables()
    if not since:
        return names
    probe = " UNION ALL ".join(
        f"SELECT '{name}' WHERE EXISTS (SELECT 1 FROM \"{name}\" WHERE change_seq > :since)" for name in names
    )
    changed = set(session.execute(text(probe), {"since": since}).scalars())
    for extra in forced:
        changed.update(name for name, ids in extra.items() if ids)
    return [name for name in names if name in changed]


def columns_of(name: str) -> list[str]:
    """The columns a package carries for a table: all but the local change_seq, in table order."""
    return [c.name for c in table_of(name).c if c.name != "change_seq"]


def _changed_rows(
    session: Session, name: str, since: int, scope: ScopeFilter | None, exits: set[str], enters: set[str]
) -> Iterator[list[Any]]:
    """The rows of one table to send (tuples in columns_of order), a chunk at a time: changed since
    `since` and in scope, plus the rows that left the scope (once more, so the peer learns it) and
    those that entered it (with what hangs on them)."""
    t = table_of(name)
    cols = [t.c[c] for c in columns_of(name)]
    at = columns_of(name).index("id")
    stmt = select(*cols)
    if since:
        stmt = stmt.where(t.c.change_seq > since)
    if name == "audit_entry":
        # Entries written before this database was set up as a site (site_id NULL) belong to its
        # local chain only: at the peer they would be counted in the peer's own chain and break it.
        stmt = stmt.where(t.c.site_id.is_not(None))
    have: set[str] = set()
    for part in session.execute(stmt.order_by(t.c.change_seq)).partitions(FETCH):
        rows = _in_scope(scope, name, part)
        if exits or enters:
            have.update(r[at] for r in rows)
        yield rows
    for forced, check in ((exits, False), (enters, True)):
        extra = sorted(forced - have)
        for start in range(0, len(extra), CHUNK):
            found = _in_scope(
                scope if check else None,
                name,
                session.execute(select(*cols).where(t.c.id.in_(extra[start : start + CHUNK]))).all(),
            )
            have.update(r[at] for r in found)
            yield found


def _own_rows(
    own: Authority, name: str, chunks: Iterable[list[tuple]], kept_back: dict[str, int]
) -> Iterator[list[tuple]]:
    """The chunks of a table going up without the rows that are not this site's own (counted)."""
    cols = columns_of(name)
    for rows in chunks:
        verdicts = own.own_tuples(name, cols, rows)
        kept = [row for row, ok in zip(rows, verdicts, strict=True) if ok]
        if len(kept) < len(rows):
            kept_back[name] = kept_back.get(name, 0) + len(rows) - len(kept)
        yield kept


def _in_scope(scope: ScopeFilter | None, name: str, rows: Sequence[Any]) -> list[tuple]:
    """The result rows that belong to the scope (all of them without one), as tuples."""
    if scope is None:
        return list(map(tuple, rows))
    maps = [r._mapping for r in rows]
    kept = {id(m) for m in scope.filter(name, maps)}
    return [tuple(r) for r, m in zip(rows, maps, strict=True) if id(m) in kept]


class _Body:
    """The package body, compressed as it is written, table by table, so only one chunk of rows is
    ever held as Python objects: {"tables": {name: {"columns": [...], "rows": [[...], ...]}, ...},
    "blobs": {sha256: base64}, "manifest": {...}} (the manifest last: it counts the rows)."""

    def __init__(self) -> None:
        self._zip = envelope.compressor()
        self._parts: list[bytes] = []
        self.counts: dict[str, int] = {}
        self.shas: set[str] = set()
        self._emit('{"tables":{')

    def _emit(self, text: str) -> None:
        self._parts.append(self._zip.compress(text.encode("utf-8")))

    def add_table(self, name: str, chunks: Iterable[list[Any]]) -> None:
        """Append a table's rows (tuples in columns_of order); a table without rows is left out."""
        cols = columns_of(name)
        sha_at = cols.index("sha256") if name == "attachment" else None
        n = 0
        for rows in chunks:
            if not rows:
                continue
            text = _dumps(rows)[1:-1]
            head = f'{"," if self.counts else ""}{_dumps(name)}:{{"columns":{_dumps(cols)},"rows":[' if not n else ","
            self._emit(head + text)
            n += len(rows)
            if sha_at is not None:
                self.shas.update(r[sha_at] for r in rows if r[sha_at])
        if n:
            self._emit("]}")
            self.counts[name] = n

    def finish(self, manifest: dict[str, Any], blobs: dict[str, str]) -> bytes:
        """The whole compressed body."""
        self._emit(f'}},"blobs":{_dumps(blobs)},"manifest":{_dumps(manifest)}}}')
        self._parts.append(self._zip.flush())
        return b"".join(self._parts)


def _dumps(value: Any) -> str:
    """Compact JSON; dates and times as ISO text (codec.encoders; flags come from the database as
    bools already), converted by the C encoder as it meets them."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_iso_of)


def _iso_of(value: Any) -> str:
    if isinstance(value, dt.date):  # datetime too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} cannot travel in a package")


def _moved(session: Session, scope: ScopeFilter, since: int) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Rows that moved out of the scope since `since`, and those that moved in with what hangs on
    them (candidates: each is checked against the scope before it is sent)."""
    exits: dict[str, set[str]] = {}
    forced: dict[str, set[str]] = {}
    entered: dict[str, set[str]] = {}
    moves = session.execute(select(SyncScopeMove).where(SyncScopeMove.change_seq > since)).scalars()
    for m in moves:
        rule = POLICY.get(m.table_name)
        wide = bool(rule and rule.township_wide)
        now_in = scope.scope.has_place(m.new_school_id, m.new_township_id, township_wide=wide)
        was_in = scope.scope.has_place(m.old_school_id, m.old_township_id, township_wide=wide)
        if was_in and not now_in:
            exits.setdefault(m.table_name, set()).add(m.row_id)
        elif now_in:
            forced.setdefault(m.table_name, set()).add(m.row_id)
            entered.setdefault(m.table_name, set()).add(m.row_id)
    todo = list(entered.items())
    while todo:
        table, ids = todo.pop()
        for child, fk in children_of(table):
            t = table_of(child)
            found = _ids_where(session, t, t.c[fk], ids)
            new = found - forced.get(child, set())
            if new:
                forced.setdefault(child, set()).update(new)
                todo.append((child, new))
        for child, rule in POLICY.items():
            if rule.kind == "owner":
                t = table_of(child)
                found = _ids_where(session, t, t.c[rule.id_column], ids, t.c[rule.type_column] == table)
                if found:
                    forced.setdefault(child, set()).update(found)
    return exits, forced


def _ids_where(session: Session, t: Any, column: Any, ids: set[str], *extra: Any) -> set[str]:
    out: set[str] = set()
    items = sorted(ids)
    for start in range(0, len(items), CHUNK):
        out.update(session.execute(select(t.c.id).where(column.in_(items[start : start + CHUNK]), *extra)).scalars())
    return out


def _blobs(session: Session, shas: set[str]) -> dict[str, str]:
    """The attachment files the package's attachments name, base64."""
    out: dict[str, str] = {}
    items = sorted(shas)
    for start in range(0, len(items), CHUNK):
        stmt = select(AttachmentBlob.sha256, AttachmentBlob.data).where(
            AttachmentBlob.sha256.in_(items[start : start + CHUNK])
        )
        for sha, data in session.execute(stmt):
            out[sha] = base64.b64encode(data).decode("ascii")
    return out


def iso(value: dt.datetime | None) -> str | None:
    """A datetime as ISO text."""
    return value.isoformat() if value else None
