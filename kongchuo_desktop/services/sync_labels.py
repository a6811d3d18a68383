"""Words for showing sync to people: Chinese table names, the pupil a synced record is about, site names.

Built on the public services.sync API and the models; read-only (the 同步 page and its dialogs).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.sites import site_info
from kongchuo_desktop.services.sync import list_peers
from kongchuo_desktop.services.sync.codec import table_of
from kongchuo_desktop.services.sync.policy import TABLE_LABELS
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Case, Child, Student

CHUNK = 500


def table_label(name: str) -> str:
    """The Chinese name of a synced table."""
    return TABLE_LABELS.get(name, name)


def record_labels(db: Database, actor: Actor, records: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(table, record id) → who or what the record is about: the pupil's (or child's) name for the
    register and casework tables, the row's own name for others; a record not (or no longer) here
    gets the table's label only."""
    actor.require(perms.SYNC_RUN)
    wanted: dict[str, set[str]] = {}
    for table, record_id in records:
        wanted.setdefault(table, set()).add(record_id)
    out: dict[tuple[str, str], str] = {}
    with db.read_session() as session:
        pupil_of: dict[tuple[str, str], str] = {}  # (table, id) → student id
        child_of: dict[tuple[str, str], str] = {}
        case_of: dict[tuple[str, str], str] = {}
        for table, ids in wanted.items():
            if table not in TABLE_LABELS:
                continue
            t = table_of(table)
            cols = [t.c.id] + [t.c[c] for c in ("name", "student_id", "child_id", "case_id") if c in t.c]
            for items in _chunks(sorted(ids)):
                for row in session.execute(select(*cols).where(t.c.id.in_(items))):
                    values = row._mapping
                    key = (table, values["id"])
                    if table == "student":
                        pupil_of[key] = values["id"]
                    elif values.get("student_id"):
                        pupil_of[key] = values["student_id"]
                    elif values.get("child_id"):
                        child_of[key] = values["child_id"]
                    elif values.get("case_id"):
                        case_of[key] = values["case_id"]
                    elif table == "child":
                        child_of[key] = values["id"]
                    elif values.get("name"):
                        out[key] = str(values["name"])
        if case_of:
            case_pupil = _lookup(session, Case.id, Case.student_id, set(case_of.values()))
            for key, case_id in case_of.items():
                if case_id in case_pupil:
                    pupil_of[key] = case_pupil[case_id]
        names = _lookup(session, Student.id, Student.name, set(pupil_of.values()))
        child_names = _lookup(session, Child.id, Child.name, set(child_of.values()))
    for key, student_id in pupil_of.items():
        if student_id in names:
            out[key] = names[student_id]
    for key, child_id in child_of.items():
        if child_id in child_names:
            out[key] = child_names[child_id]
    for table, ids in wanted.items():
        for record_id in ids:
            out.setdefault((table, record_id), table_label(table))
    return out


def site_names(db: Database, actor: Actor) -> dict[str, str]:
    """Site id → name for this site and its paired peers (what conflicts and history name)."""
    names = {p.site_id: p.name for p in list_peers(db, actor)}
    own = site_info(db)
    if own is not None:
        names[own.id] = own.name
    return names


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _lookup(session: Session, key: Any, value: Any, ids: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for items in _chunks(sorted(ids)):
        out.update({k: v for k, v in session.execute(select(key, value).where(key.in_(items)))})
    return out
