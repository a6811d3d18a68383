"""Simulation: seven sites edit at random while offline and exchange packages with loss, duplication
and reordering (receipts lost too); after draining, every site holds the same rows as the bureau
for everything in its scope."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from kongchuo_desktop.services.actor import SYSTEM
from kongchuo_desktop.services.sync import export_package, import_file
from kongchuo_desktop.services.sync.codec import table_of
from kongchuo_desktop.services.sync.export import sync_tables
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.local import put_setting
from kongchuo_desktop.store.models import Case, Guardian, LetterTemplate, School, Site, StatusChange, Student, Visit
from tests.sync.kit import PARENT, SITES, build_templates, dump, last_change, memory_copy

EXAMPLES = int(os.environ.get("KONGCHUO_SYNC_EXAMPLES", "200"))
EDGES = [(child, parent) for child, parent in PARENT.items()] + [(parent, child) for child, parent in PARENT.items()]
KEYS = list(SITES)
UPPER = ["bureau", "t1", "t2"]
_templates: Path | None = None
_files = itertools.count()


def templates() -> Path:
    """The seven paired template databases, built once per test process."""
    global _templates
    if _templates is None:
        _templates = build_templates(Path(tempfile.mkdtemp(prefix="kongchuo-sync-sim-")), synced=True)
    return _templates


def _visible(db: Database, session) -> list[Student]:  # type: ignore[no-untyped-def]
    """Live pupils in the site's own scope (what its users can see and edit)."""
    site = session.execute(select(Site).where(Site.is_local.is_(True))).scalar_one()
    stmt = select(Student).where(Student.deleted.is_(False)).order_by(Student.id)
    if site.site_type == "school":
        stmt = stmt.where(Student.school_id == site.school_id)
    elif site.site_type == "township":
        stmt = stmt.where(Student.township_id == site.township_id)
    return list(session.execute(stmt).scalars())


def _schools(session, site: Site) -> list[School]:  # type: ignore[no-untyped-def]
    stmt = select(School).order_by(School.name)
    if site.site_type != "bureau":
        stmt = stmt.where(School.township_id == site.township_id)
    return list(session.execute(stmt).scalars())


def edit(db: Database, action: tuple, user: str) -> None:
    """Apply one random offline edit at a site (skipped when it does not apply there)."""
    kind, pick, value = action
    with db.transaction(user=user) as session:
        site = session.execute(select(Site).where(Site.is_local.is_(True))).scalar_one()
        pupils = _visible(db, session)
        schools = _schools(session, site)
        if kind == "add":
            if site.site_type == "school":
                school = session.get(School, site.school_id)
            elif schools:
                school = schools[pick % len(schools)]
            else:
                return
            session.add(Student(name=f"学生{value}", sex="男" if value % 2 else "女", school_id=school.id,
                                township_id=school.township_id, birth_date=dt.date(2014, 1, 1 + value % 28)))  # fmt: skip
            return
        if kind == "setting":
            if site.site_type != "school":
                put_setting(session, f"threshold_{pick % 2}", value)
            return
        if kind == "template":
            if site.site_type != "school":
                key = f"custom{pick % 2}"
                row = session.execute(
                    select(LetterTemplate).where(LetterTemplate.template_key == key)
                ).scalar_one_or_none()
                if row is None:
                    session.add(LetterTemplate(template_key=key, version=1, name=f"模板{key}", kind="teacher",
                                               body=f"正文{value}"))  # fmt: skip
                else:
                    row.body = f"正文{value}"
            return
        if not pupils:
            return
        pupil = pupils[pick % len(pupils)]
        if kind == "edit":
            field = ["name", "current_address", "grade", "note", "status"][value % 5]
            pupil_value = {"name": f"改名{value}", "current_address": f"地址{value}", "grade": 1 + value % 9,
                           "note": f"备注{value}", "status": ["在读", "休学"][value % 2]}[field]  # fmt: skip
            setattr(pupil, field, pupil_value)
        elif kind == "delete":
            pupil.deleted = True
        elif kind == "guardian":
            session.add(Guardian(student_id=pupil.id, name=f"家长{value}", slot=1 + value % 2))
        elif kind == "status_change":
            session.add(StatusChange(student_id=pupil.id, kind="休学", changed_on=dt.date(2026, 10, 1 + value % 28),
                                     status_before=pupil.status, status_after="休学"))  # fmt: skip
            pupil.status = "休学"
        elif kind == "visit":
            case = Case(number=f"C{value}-{pick}", student_id=pupil.id, school_id=pupil.school_id,
                        township_id=pupil.township_id, status="疑似辍学", opened_on=dt.date(2026, 10, 8),
                        episode_start=dt.date(2026, 10, 8), threshold_on=dt.date(2026, 10, 10),
                        last_activity_on=dt.date(2026, 10, 10))  # fmt: skip
            session.add(case)
            session.flush()
            session.add(Visit(case_id=case.id, student_id=pupil.id, visited_at=dt.datetime(2026, 10, 11, 9),
                              round="一访", kind="家访", outcome="承诺返校"))  # fmt: skip
        elif kind == "transfer":
            others = [s for s in schools if s.id != pupil.school_id]
            if others:
                target = others[value % len(others)]
                pupil.school_id, pupil.township_id = target.id, target.township_id


ACTIONS = st.one_of(
    st.tuples(st.just("edit"), st.sampled_from(KEYS),
              st.tuples(st.sampled_from(["add", "add", "edit", "edit", "delete", "guardian", "status_change", "visit",
                                         "transfer", "setting", "template"]),
                        st.integers(0, 50), st.integers(0, 1000))),
    st.tuples(st.just("send"), st.sampled_from(EDGES),
              st.sampled_from(["ok", "ok", "ok", "lost", "duplicate", "delay", "no_receipt"])),
    st.tuples(st.just("deliver"), st.integers(0, 20), st.just(None)),
)  # fmt: skip


class World:
    """Seven in-memory sites and the packages on their way."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.dbs = {key: memory_copy(templates() / f"{key}.sqlite") for key in KEYS}
        self.delayed: list[tuple[str, str, Path, int]] = []
        start = {key: last_change(db) for key, db in self.dbs.items()}
        self.marks = {(a, b): start[a] for a, b in EDGES}

    def close(self) -> None:
        for db in self.dbs.values():
            db.engine.dispose()

    def path(self) -> Path:
        return self.folder / f"f{next(_files)}.kcsync"

    def send(self, a: str, b: str, how: str) -> bool:
        """Export a → b and deliver as `how` says; True when rows changed at b."""
        package = self.path()
        mark = last_change(self.dbs[a])
        export_package(self.dbs[a], SYSTEM, self.dbs[b].extra["site_id"], package)
        if how == "lost":
            return False
        if how == "delay":
            self.delayed.append((a, b, package, mark))
            return False
        return self.deliver(a, b, package, mark, receipt=how != "no_receipt", twice=how == "duplicate")

    def deliver(self, a: str, b: str, package: Path, mark: int, *, receipt: bool = True, twice: bool = False) -> bool:
        """Import a package at b (and its receipt at a); `mark`: a's last change it carries."""
        self.marks[(a, b)] = max(self.marks[(a, b)], mark)
        rcpt = self.path()
        result = import_file(self.dbs[b], SYSTEM, package, receipt_out=rcpt)
        if twice:
            assert import_file(self.dbs[b], SYSTEM, package).replay
        if receipt:
            import_file(self.dbs[a], SYSTEM, rcpt)
        return any(v["new"] or v["updated"] for k, v in result.tables.items() if k != "audit_entry")

    def drain(self) -> None:
        """Deliver what is delayed, then exchange up and down (only where the sender changed rows
        since it last sent to that peer) until no site has anything new for another."""
        for a, b, package, mark in reversed(self.delayed):
            self.deliver(a, b, package, mark)
        self.delayed.clear()
        ups = [("s1", "t1"), ("s2", "t1"), ("s3", "t2"), ("s4", "t2"), ("t1", "bureau"), ("t2", "bureau")]
        downs = [(b, a) for a, b in reversed(ups)]
        for _ in range(8):
            sent = False
            for a, b in ups + downs:
                if last_change(self.dbs[a]) > self.marks[(a, b)]:
                    self.send(a, b, "ok")
                    sent = True
            if not sent:
                return
        raise AssertionError("sync did not become quiet after 8 rounds")


def canonical(db: Database, within: Database) -> dict:
    """A dump with clocks as parsed JSON (two spellings of the same clocks are equal)."""
    out = {}
    for table, rows in dump(db, within=within).items():
        cols = sorted(c.name for c in table_of(table).c if c.name != "change_seq")
        i = cols.index("clocks")
        out[table] = {k: v[:i] + (json.loads(v[i]) if v[i] else None,) + v[i + 1 :] for k, v in rows.items()}
    return out


@settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(st.lists(ACTIONS, min_size=1, max_size=14))
def test_random_schedules_converge(schedule: list[tuple]) -> None:
    with tempfile.TemporaryDirectory(prefix="kongchuo-sync-run-") as tmp:
        world = World(Path(tmp))
        try:
            for n, (what, target, how) in enumerate(schedule):
                if what == "edit":
                    edit(world.dbs[target], how, user=f"u{n % 3}")
                elif what == "send":
                    world.send(target[0], target[1], how)
                elif world.delayed:
                    a, b, package, mark = world.delayed.pop(target % len(world.delayed))
                    world.deliver(a, b, package, mark)
            world.drain()
            bureau = world.dbs["bureau"]
            for key in KEYS:
                if key == "bureau":
                    continue
                db = world.dbs[key]
                mine = canonical(db, within=db)
                assert mine == canonical(bureau, within=db), f"{key} differs from the bureau"
            assert set(sync_tables()) >= set(mine)
        finally:
            world.close()
