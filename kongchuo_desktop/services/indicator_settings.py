"""The indicator definitions (口径) setting: read with defaults, changed by those who manage settings, audited."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from kongchuo_desktop.domain import indicators as ind
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ValidationError
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.local import get_setting, put_setting

DEFINITIONS_KEY = "indicator_definitions"


def load_definitions(session: Session) -> ind.Definitions:
    """The definitions in force (defaults for anything not set; a stored value that no longer makes
    sense is ignored rather than blocking the indicators)."""
    values = get_setting(session, DEFINITIONS_KEY, {}) or {}
    if not isinstance(values, dict):
        return ind.Definitions()
    good = {k: v for k, v in values.items() if not ind.check_definitions({k: v})}
    return ind.definitions_from(good)


def get_definitions(db: Database, actor: Actor) -> ind.Definitions:
    """The definitions in force, for the settings form and the indicator windows."""
    actor.require(perms.REPORT_READ)
    with db.read_session() as session:
        return load_definitions(session)


def save_definitions(db: Database, actor: Actor, values: dict[str, Any]) -> ind.Definitions:
    """Change definitions (only the names given); returns what is in force afterwards."""
    actor.require(perms.SETTINGS_MANAGE)
    problems = ind.check_definitions(values)
    if problems:
        raise ValidationError(problems)
    with db.transaction(user=actor.user) as session:
        old = load_definitions(session)
        merged = {**old.as_dict(), **values}
        changes = {k: (old.as_dict()[k], v) for k, v in merged.items() if old.as_dict()[k] != v}
        if changes:
            put_setting(session, DEFINITIONS_KEY, merged)
            audit.record(session, "update", "setting", DEFINITIONS_KEY, changes, "修改指标统计口径")
        return ind.definitions_from(merged)
