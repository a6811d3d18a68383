"""Values that belong to this installation only and never travel with sync (kept in local_state):
the backup folder, the idle-lock time, demo mode."""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from kongchuo_desktop.store.models import LocalState


def get_local(session: Session, key: str) -> tuple[int, str | None] | None:
    """(value, note) of a local entry, or None."""
    row = session.execute(select(LocalState.value, LocalState.note).where(LocalState.key == key)).first()
    return (int(row[0]), row[1]) if row else None


def get_local_int(session: Session, key: str, default: int) -> int:
    """An integer local value, or `default`."""
    found = get_local(session, key)
    return default if found is None else found[0]


def get_local_text(session: Session, key: str) -> str | None:
    """A text local value, or None."""
    found = get_local(session, key)
    return None if found is None else found[1]


def put_local(session: Session, key: str, value: int = 0, note: str | None = None) -> None:
    """Create or replace a local entry."""
    done = session.execute(update(LocalState).where(LocalState.key == key).values(value=value, note=note)).rowcount
    if not done:
        session.execute(insert(LocalState).values(key=key, value=value, note=note))


def drop_local(session: Session, key: str) -> None:
    """Remove a local entry."""
    session.execute(delete(LocalState).where(LocalState.key == key))
