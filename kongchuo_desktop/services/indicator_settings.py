"""The indicator definitions (口径) setting: read with defaults, changed by those who manage settings, audited."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from kongchuo_desktop.domain import indicators as ind
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.settings_store import SettingsRecord
from kongchuo_desktop.store.database import Database

DEFINITIONS_KEY = "indicator_definitions"


def _good_definitions(values: dict[str, Any]) -> ind.Definitions:
    # a stored value that no longer makes sense is ignored (its default used), not blocking the indicators
    return ind.definitions_from({k: v for k, v in values.items() if not ind.check_definitions({k: v})})


DEFINITIONS = SettingsRecord(
    key=DEFINITIONS_KEY,
    read_permission=perms.REPORT_READ,
    summary="修改指标统计口径",
    check=ind.check_definitions,
    build=ind.definitions_from,
    tolerant=_good_definitions,
)


def load_definitions(session: Session) -> ind.Definitions:
    """The definitions in force (defaults for anything not set; a stored value that no longer makes
    sense is ignored rather than blocking the indicators)."""
    return DEFINITIONS.load(session)


def get_definitions(db: Database, actor: Actor) -> ind.Definitions:
    """The definitions in force, for the settings form and the indicator windows."""
    return DEFINITIONS.get(db, actor)


def save_definitions(db: Database, actor: Actor, values: dict[str, Any]) -> ind.Definitions:
    """Change definitions (only the names given); returns what is in force afterwards."""
    return DEFINITIONS.save(db, actor, values)[0]
