"""What sync looks like from here: peers and their counters, the package history, conflicts and their resolution."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import NotFoundError, ValidationError
from kongchuo_desktop.services.field_labels import field_label
from kongchuo_desktop.services.sync.cards import _audit
from kongchuo_desktop.services.sync.codec import decoders, table_of
from kongchuo_desktop.services.sync.export import sync_tables
from kongchuo_desktop.services.sync.policy import TABLE_LABELS
from kongchuo_desktop.services.sync.refs import reference_names, referenced_table
from kongchuo_desktop.services.sync.sites import TYPE_LABELS
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.changes import stamped_update
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import SyncConflict, SyncPackageLog, SyncPeer

AUDIT_ENTITY = {"dropout_case": "case"}


def conflict_field_label(table: str, field: str | None) -> str:
    """The Chinese label of a conflicting field, as the audit log names it (a school's name is
    名称, a pupil's 姓名)."""
    return field_label(field, AUDIT_ENTITY.get(table, table))
"""Synced table → the entity name the audit log uses for its rows, where they differ."""


@dataclass(frozen=True)
class PeerStatus:
    """A paired site and what was exchanged with it; pending: rows changed here since its last
    acknowledgement (an upper bound: rows outside its scope are counted too)."""

    site_id: str
    name: str
    site_type: str
    fingerprint: str
    last_sent_no: int
    last_sent_at: dt.datetime | None
    last_received_no: int
    last_received_at: dt.datetime | None
    acked_no: int
    acked_seq: int
    acked_at: dt.datetime | None
    pending: int

    @property
    def type_label(self) -> str:
        """学校 / 乡镇 / 教育局."""
        return TYPE_LABELS.get(self.site_type, self.site_type)


@dataclass(frozen=True)
class PackageRecord:
    """One line of the history: a package or receipt sent or received, with its report."""

    id: int
    direction: str
    kind: str
    peer_id: str
    peer_name: str
    number: int
    from_seq: int
    to_seq: int
    rows: int
    full: bool
    at: dt.datetime
    by_user: str | None
    file_name: str | None
    report: dict[str, Any]


@dataclass(frozen=True)
class ConflictInfo:
    """A conflict with both versions (values decoded from JSON).

    winner_text / loser_text: for a field that refers to another record (school_id, class_id,
    student_id …), that record's name as this site holds it (None: not an id field, or a record
    this site does not hold — show the value itself).
    """

    id: str
    table_name: str
    record_id: str
    field: str
    winner_value: Any
    winner_site: str
    winner_user: str | None
    winner_at: dt.datetime | None
    loser_value: Any
    loser_site: str
    loser_user: str | None
    loser_at: dt.datetime | None
    status: str
    resolution: str | None
    winner_text: str | None = None
    loser_text: str | None = None


def list_peers(db: Database, actor: Actor) -> list[PeerStatus]:
    """The paired sites with last sent / received / acknowledged packages and pending changes."""
    actor.require(perms.SYNC_RUN)
    with db.read_session() as session:
        peers = session.execute(select(SyncPeer).order_by(SyncPeer.site_type, SyncPeer.name)).scalars().all()
        out = []
        for p in peers:
            pending = 0
            for name in sync_tables():
                t = table_of(name)
                pending += session.execute(
                    select(func.count()).select_from(t).where(t.c.change_seq > (p.acked_seq or 0))
                ).scalar_one()
            out.append(PeerStatus(p.site_id, p.name, p.site_type, p.fingerprint, p.last_sent_no or 0, p.last_sent_at,
                                  p.last_received_no or 0, p.last_received_at, p.acked_no or 0, p.acked_seq or 0,
                                  p.acked_at, pending))  # fmt: skip
        return out


def package_history(db: Database, actor: Actor, limit: int = 500) -> list[PackageRecord]:
    """Packages and receipts sent and received, newest first, with their import reports."""
    actor.require(perms.SYNC_RUN)
    with db.read_session() as session:
        names = dict(session.execute(select(SyncPeer.site_id, SyncPeer.name)).all())
        rows = session.execute(select(SyncPackageLog).order_by(SyncPackageLog.id.desc()).limit(limit)).scalars()
        return [
            PackageRecord(r.id, r.direction, r.kind, r.peer_id, names.get(r.peer_id, r.peer_id), r.number, r.from_seq,
                          r.to_seq, r.rows, r.full, r.at, r.by_user, r.file_name, json.loads(r.report or "{}"))
            for r in rows
        ]  # fmt: skip


def _infos(session: Session, rows: list[SyncConflict]) -> list[ConflictInfo]:
    """The conflicts with their values decoded, and the names of the records id fields point at."""
    decoded = [(row, json.loads(row.winner_value or "null"), json.loads(row.loser_value or "null")) for row in rows]
    targets = {row.id: referenced_table(row.table_name, row.field) for row in rows}
    names = reference_names(session, ((targets[r.id], v) for r, *values in decoded if targets[r.id] for v in values))
    out = []
    for row, winner, loser in decoded:
        target = targets[row.id]
        out.append(ConflictInfo(row.id, row.table_name, row.record_id, row.field, winner, row.winner_site,
                                row.winner_user, row.winner_at, loser, row.loser_site, row.loser_user, row.loser_at,
                                row.status, row.resolution, names.get((target, winner)) if target else None,
                                names.get((target, loser)) if target else None))  # fmt: skip
    return out


def list_conflicts(db: Database, actor: Actor, *, open_only: bool = True) -> list[ConflictInfo]:
    """Conflicts found by sync (open ones only by default), newest first."""
    actor.require(perms.SYNC_RUN)
    with db.read_session() as session:
        stmt = select(SyncConflict).where(SyncConflict.deleted.is_(False))
        if open_only:
            stmt = stmt.where(SyncConflict.status == "open")
        return _infos(session, list(session.execute(stmt.order_by(SyncConflict.winner_hlc.desc())).scalars()))


def resolve_conflict(db: Database, actor: Actor, conflict_id: str, choice: str) -> ConflictInfo:
    """Close a conflict: "winner" keeps the applied value; "other" writes the losing value back as a
    new edit (a newer clock, so it wins at every site). Both the edit and the resolution sync."""
    actor.require(perms.SYNC_MANAGE)
    if choice not in ("winner", "other"):
        raise ValidationError({"choice": "请选择保留当前值（winner）或改用另一个值（other）"})
    with db.transaction(user=actor.user) as session:
        row = session.get(SyncConflict, conflict_id)
        if row is None or row.deleted:
            raise NotFoundError("找不到这个同步冲突")
        info = _infos(session, [row])[0]
        if choice == "other":
            t = table_of(row.table_name)
            value = decoders(t)[row.field](json.loads(row.loser_value or "null"))
            stamped_update(session, t, t.c.id == row.record_id, {row.field: value})
            audit.record(session, "update", AUDIT_ENTITY.get(row.table_name, row.table_name), row.record_id,
                         {row.field: (info.winner_value, info.loser_value)}, "处理同步冲突：改用另一个值")  # fmt: skip
        row.status, row.resolution = "resolved", choice
        session.flush()
        choice_text = "改用另一个值" if choice == "other" else "保留当前值"
        _audit(session, "resolve", row.record_id, TABLE_LABELS.get(row.table_name, row.table_name),
               f"{conflict_field_label(row.table_name, row.field)}：{choice_text}")  # fmt: skip
        return replace(info, status=row.status, resolution=row.resolution)
