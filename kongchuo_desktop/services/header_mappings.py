"""Remember the column mapping a user confirmed for a header layout, and offer it next time."""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy import delete, select

from kongchuo_desktop.importing.fields import ALL_FIELDS
from kongchuo_desktop.store.base import utcnow
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import HeaderMapping


def remembered_mapping(db: Database, signature: str, kind: str) -> dict[str, str | None] | None:
    """The mapping (header text → field, None = ignored) confirmed for this layout, or None."""
    with db.read_session() as session:
        text = session.execute(
            select(HeaderMapping.mapping).where(HeaderMapping.signature == signature, HeaderMapping.kind == kind)
        ).scalar_one_or_none()
    if text is None:
        return None
    try:
        found = json.loads(text)
    except ValueError:
        return None
    if not isinstance(found, dict):
        return None
    # A field that a later version no longer knows is dropped rather than breaking the import.
    return {str(k): (v if v in ALL_FIELDS else None) for k, v in found.items()}


def remember_mapping(db: Database, signature: str, kind: str, mapping: Mapping[str, str | None]) -> None:
    """Store the confirmed mapping for this header layout (replacing an older one).

    Local to this installation and not audited: it changes no record, only what the import
    dialog suggests next time.
    """
    text = json.dumps(dict(mapping), ensure_ascii=False, sort_keys=True)
    with db.transaction() as session:
        session.execute(delete(HeaderMapping).where(HeaderMapping.signature == signature, HeaderMapping.kind == kind))
        session.add(HeaderMapping(signature=signature, kind=kind, mapping=text, confirmed_at=utcnow()))


def forget_mapping(db: Database, signature: str, kind: str) -> None:
    """Drop the remembered mapping for this layout (the guess is used again)."""
    with db.transaction() as session:
        session.execute(delete(HeaderMapping).where(HeaderMapping.signature == signature, HeaderMapping.kind == kind))
