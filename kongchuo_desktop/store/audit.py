"""The audit log: one hash-chained entry per changed field (who, when, before/after, why)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kongchuo_desktop.store.base import new_id, utcnow
from kongchuo_desktop.store.models import AuditEntry

GENESIS = "0" * 64


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def entry_digest(entry: AuditEntry) -> str:
    """The hash of an entry's content chained to the previous entry's hash."""
    payload = json.dumps(
        [
            entry.id,
            entry.seq,
            entry.at.isoformat(timespec="microseconds"),
            entry.user,
            entry.site_id,
            entry.action,
            entry.entity,
            entry.entity_id,
            entry.field,
            entry.old_value,
            entry.new_value,
            entry.reason,
            entry.prev_hash,
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _chain_tail(session: Session) -> tuple[int, str]:
    pending = session.info.get("audit_tail")
    if pending is not None:
        return pending  # type: ignore[no-any-return]
    row = session.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return (row[0], row[1]) if row else (0, GENESIS)


def record(
    session: Session,
    action: str,
    entity: str,
    entity_id: str,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    reason: str | None = None,
) -> list[AuditEntry]:
    """Append audit entries for one create/update/delete; one entry per changed field.

    A create or delete with no field list still gets one entry (field None).
    """
    seq, prev = _chain_tail(session)
    at = utcnow()
    user = session.info.get("user")
    site = session.info.get("site_id")
    items = list((changes or {}).items()) or [(None, (None, None))]
    entries = []
    for field, (old, new) in items:
        seq += 1
        entry = AuditEntry(
            id=new_id(),
            seq=seq,
            at=at,
            user=user,
            site_id=site,
            action=action,
            entity=entity,
            entity_id=entity_id,
            field=field,
            old_value=_text(old),
            new_value=_text(new),
            reason=reason,
            prev_hash=prev,
            entry_hash="",
        )
        entry.entry_hash = entry_digest(entry)
        prev = entry.entry_hash
        session.add(entry)
        entries.append(entry)
    session.info["audit_tail"] = (seq, prev)
    return entries


def verify_chain(session: Session) -> AuditEntry | None:
    """The first entry whose hash or link is wrong, or None when the chain is intact."""
    prev = GENESIS
    expected_seq = 1
    for entry in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars():
        if entry.seq != expected_seq or entry.prev_hash != prev or entry_digest(entry) != entry.entry_hash:
            return entry
        prev = entry.entry_hash
        expected_seq += 1
    return None
