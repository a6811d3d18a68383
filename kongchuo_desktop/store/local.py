"""This installation's own site row and per-site settings."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kongchuo_desktop.store.models import Setting, Site


def local_site(session: Session) -> Site | None:
    """The Site row describing this installation, if the database was initialised."""
    return session.execute(select(Site).where(Site.is_local.is_(True))).scalar_one_or_none()


def local_site_id(session: Session) -> str | None:
    """The id of this installation's site, or None before init."""
    site = local_site(session)
    return site.id if site else None


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    """A setting's value (decoded JSON), or `default`."""
    row = session.execute(select(Setting).where(Setting.key == key, Setting.deleted.is_(False))).scalar_one_or_none()
    return default if row is None else json.loads(row.value)


def put_setting(session: Session, key: str, value: Any) -> None:
    """Create or change a setting."""
    row = session.execute(select(Setting).where(Setting.key == key)).scalar_one_or_none()
    encoded = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value=encoded))
    elif row.value != encoded or row.deleted:
        row.value = encoded
        row.deleted = False
