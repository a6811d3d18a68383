"""Which rows are in a peer's scope, decided per row from services.sync.policy (for packages going down).

Decisions are cached per (table, id) and parents are looked up in batches of ids, so the cost
follows the rows being sent, not the size of the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kongchuo_desktop.services.sync.codec import table_of
from kongchuo_desktop.services.sync.policy import POLICY, Rule
from kongchuo_desktop.store.models import School

CHUNK = 500


@dataclass(frozen=True)
class Scope:
    """A peer below this site: a school (school_id and its township) or a township (and its schools)."""

    school_id: str | None
    township_id: str | None
    schools: frozenset[str]

    def has_place(self, school: str | None, township: str | None, *, township_wide: bool = False) -> bool:
        """Whether a row of this school / township belongs to the peer."""
        if self.school_id is not None:
            if school is not None:
                return school == self.school_id
            return township_wide and township is not None and township == self.township_id
        return (township is not None and township == self.township_id) or (
            school is not None and school in self.schools
        )


def scope_of(session: Session, site_type: str, school_id: str | None, township_id: str | None) -> Scope:
    """The scope of a peer below this site."""
    if site_type == "school":
        return Scope(school_id, township_id, frozenset({school_id} if school_id else ()))
    schools = frozenset(session.execute(select(School.id).where(School.township_id == township_id)).scalars())
    return Scope(None, township_id, schools)


def decide_by_columns(scope: Scope, rule: Rule, row: dict[str, Any]) -> bool | None:
    """Whether `row` belongs to `scope` judged by its own columns under `rule`; None when that
    depends on its parent row."""
    if rule.kind == "global":
        return True
    if rule.kind in ("local", "up_only"):
        return False
    if rule.kind == "columns":
        school = row.get(rule.school) if rule.school else None
        township = row.get(rule.township) if rule.township else None
        if school is None and township is None:
            return rule.null_global
        return scope.has_place(school, township, township_wide=rule.township_wide)
    return None


class ScopeFilter:
    """Decides, with a cache, whether rows belong to a scope."""

    def __init__(self, session: Session, scope: Scope) -> None:
        self.session = session
        self.scope = scope
        self.known: dict[tuple[str, str], bool] = {}

    def row_in(self, table: str, row: dict[str, Any]) -> bool | None:
        """The decision for one row from its own columns; None when it depends on a parent."""
        return decide_by_columns(self.scope, POLICY.get(table, POLICY["setting"]), row)

    def parent_of(self, table: str, row: dict[str, Any]) -> tuple[str, str] | None:
        """(parent table, parent id) that decides a Via / Owner row; None: no parent (global)."""
        rule = POLICY[table]
        if rule.kind == "via":
            for parent, fk in rule.parents:
                if row.get(fk):
                    return parent, row[fk]
            return None
        owner_table, owner_id = row.get(rule.type_column or ""), row.get(rule.id_column or "")
        if not owner_table or not owner_id or owner_table not in POLICY:
            return None
        return owner_table, owner_id

    def filter(self, table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The rows of `table` that belong to the scope."""
        decided: list[bool | None] = []
        wanted: dict[str, set[str]] = {}
        for row in rows:
            verdict = self.row_in(table, row)
            if verdict is None:
                parent = self.parent_of(table, row)
                if parent is None:
                    verdict = True
                else:
                    wanted.setdefault(parent[0], set()).add(parent[1])
            decided.append(verdict)
        for parent_table, ids in wanted.items():
            self.ids_in(parent_table, ids)
        out = []
        for row, verdict in zip(rows, decided, strict=True):
            if verdict is None:
                parent = self.parent_of(table, row)
                verdict = self.known.get(parent, False) if parent else True
            if verdict:
                out.append(row)
        return out

    def ids_in(self, table: str, ids: Iterable[str]) -> set[str]:
        """Which of these ids of `table` belong to the scope (rows not found: not in scope)."""
        todo = [i for i in set(ids) if (table, i) not in self.known]
        t = table_of(table)
        for start in range(0, len(todo), CHUNK):
            part = todo[start : start + CHUNK]
            rows = [dict(r._mapping) for r in self.session.execute(select(t).where(t.c.id.in_(part)))]
            for row in self.filter(table, rows):
                self.known[(table, row["id"])] = True
            for i in part:
                self.known.setdefault((table, i), False)
        return {i for i in ids if self.known.get((table, i))}
