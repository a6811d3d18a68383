"""A settings record: one JSON object under one `Setting` key, read with defaults, changed with checks and audit."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy.orm import Session

from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ValidationError
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.local import get_setting, put_setting


class _Values(Protocol):
    def as_dict(self) -> dict[str, Any]: ...


V = TypeVar("V", bound=_Values)

Changes = dict[str, tuple[Any, Any]]


@dataclass(frozen=True)
class SettingsRecord(Generic[V]):
    """How one settings record is kept.

    key: the `Setting` key; read_permission: what reading it needs (changing it always needs
    SETTINGS_MANAGE); summary: the audit entry's Chinese summary; check: the problems of some
    values (name → Chinese message, {} when fine); build: the value object from checked values
    (defaults for names not given); tolerant: the value object from stored values, never raising
    (what a stored value that no longer makes sense falls back to is the record's own choice).
    """

    key: str
    read_permission: str
    summary: str
    check: Callable[[Mapping[str, Any]], dict[str, str]]
    build: Callable[[Mapping[str, Any]], V]
    tolerant: Callable[[dict[str, Any]], V]

    def load(self, session: Session) -> V:
        """The values in force (defaults for anything not set)."""
        values = get_setting(session, self.key, {})
        return self.tolerant(values if isinstance(values, dict) else {})

    def get(self, db: Database, actor: Actor) -> V:
        """The values in force, for a settings form."""
        actor.require(self.read_permission)
        with db.read_session() as session:
            return self.load(session)

    def save(self, db: Database, actor: Actor, values: Mapping[str, Any]) -> tuple[V, Changes]:
        """Change the names given (in one transaction, audited when anything changed); returns
        what is in force afterwards and the changes (name → (old, new)); ValidationError, with
        nothing changed, when a value or the combination is wrong."""
        actor.require(perms.SETTINGS_MANAGE)
        problems = self.check(values)
        if problems:
            raise ValidationError(problems)
        with db.transaction(user=actor.user) as session:
            old = self.load(session).as_dict()
            merged = {**old, **values}
            problems = self.check(merged)
            if problems:
                raise ValidationError(problems)
            new = self.build(merged)
            changes = {k: (old[k], v) for k, v in new.as_dict().items() if old[k] != v}
            if changes:
                put_setting(session, self.key, new.as_dict())
                audit.record(session, "update", "setting", self.key, changes, self.summary)
        return new, changes
