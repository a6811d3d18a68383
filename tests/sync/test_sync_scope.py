"""Routing: a township sends a school only its own pupils; a transferred pupil reaches the new school
with what hangs on it and leaves the old one; the policy covers every travelling table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from kongchuo_desktop.services.sync.policy import POLICY
from kongchuo_desktop.store.audit import check_chain
from kongchuo_desktop.store.base import SyncMixin
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Base, Guardian, School, StatusChange
from tests.sync.kit import add_student, dump, edit_student, exchange, student


def test_every_sync_table_has_a_policy() -> None:
    tables = {m.class_.__tablename__ for m in Base.registry.mappers if issubclass(m.class_, SyncMixin)}
    missing = sorted(tables - set(POLICY))
    assert not missing, f"add these tables to services.sync.policy.POLICY (travelling or LOCAL): {missing}"
    assert not set(POLICY) - tables, "POLICY names tables that do not exist"


def _school_id(db: Database, name: str) -> str:
    with db.read_session() as session:
        return session.execute(select(School.id).where(School.name == name)).scalar_one()


def test_township_sends_a_school_only_its_pupils(sites: dict[str, Database], tmp_path: Path) -> None:
    s1, s2, t1 = sites["s1"], sites["s2"], sites["t1"]
    mine = add_student(s1, "甲")
    theirs = add_student(s2, "乙")
    exchange(s1, t1, tmp_path)
    exchange(s2, t1, tmp_path)
    result = exchange(t1, s1, tmp_path)
    assert student(s1, mine) is not None and student(s1, theirs) is None
    assert "audit_entry" not in result.tables  # the audit log travels up only
    assert dump(s1, within=s1) == dump(t1, within=s1)


def test_transfer_reaches_the_new_school_with_its_history(sites: dict[str, Database], tmp_path: Path) -> None:
    s1, s3, t1, t2, bureau = sites["s1"], sites["s3"], sites["t1"], sites["t2"], sites["bureau"]
    pupil = add_student(s1, "丙")
    with s1.transaction(user="x") as session:
        session.add(Guardian(student_id=pupil, name="丙父", slot=1))
        session.add(StatusChange(student_id=pupil, kind="休学", changed_on=dt.date(2026, 9, 1), status_after="休学"))
    exchange(s1, t1, tmp_path)
    exchange(t1, bureau, tmp_path)
    for pair in ((s3, t2), (t2, bureau), (bureau, t2), (t2, s3)):  # nothing of the pupil reaches 满归镇 yet
        exchange(*pair, tmp_path)
    assert student(s3, pupil) is None
    # The bureau moves the pupil to 满归镇中心学校 (another township).
    target = _school_id(bureau, "满归镇中心学校")
    with bureau.read_session() as session:
        town = session.get(School, target).township_id
    edit_student(bureau, pupil, school_id=target, township_id=town)
    exchange(bureau, t2, tmp_path)
    exchange(t2, s3, tmp_path)
    exchange(bureau, t1, tmp_path)
    exchange(t1, s1, tmp_path)
    assert student(s3, pupil).school_id == target
    with s3.read_session() as session:
        assert session.execute(select(Guardian.name).where(Guardian.student_id == pupil)).scalar_one() == "丙父"
        assert session.execute(select(StatusChange.kind).where(StatusChange.student_id == pupil)).scalar_one() == "休学"
    assert student(s1, pupil).school_id == target  # the old school learns that the pupil left
    for site in (s1, s3, t1, t2):
        assert dump(site, within=site) == dump(bureau, within=site)
    exchange(t1, bureau, tmp_path)
    with bureau.read_session() as session:  # the schools' audit chains arrived whole via the township
        report = check_chain(session)
    assert report.problem is None and report.chains >= 3
