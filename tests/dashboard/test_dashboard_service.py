"""The dashboard's figures agree with the register, the 学籍异动 and the to-do list, the list behind
each bar has as many lines as the bar says, and each actor sees their own scope."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from kongchuo_desktop.domain import indicators as ind
from kongchuo_desktop.services import dashboard as dash
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services import todo
from kongchuo_desktop.services.actor import DEMO_ADMIN, Actor
from kongchuo_desktop.services.errors import PermissionDenied
from kongchuo_desktop.store.models import School, StatusChange, Student, Township
from tests.dashboard.conftest import TODAY


def jinhe(db):
    with db.read_session() as session:
        town = session.execute(select(Township.id).where(Township.name == "金河镇")).scalar_one()
        school = session.execute(select(School.id).where(School.name == "金河镇中心学校")).scalar_one()
    return town, school


def test_month_starts():
    assert dash.month_starts(TODAY)[0].isoformat() == "2025-04-01"
    assert dash.month_starts(TODAY)[-1].isoformat() == "2026-03-01"
    assert len(dash.month_starts(TODAY)) == 12


def test_the_figures_match_their_sources(ddb):
    board = dash.build_dashboard(ddb, DEMO_ADMIN, TODAY)
    assert board.unit == "乡镇" and board.scope == "全部乡镇"
    with ddb.read_session() as session:
        dropouts = session.execute(
            select(func.count()).select_from(StatusChange)
            .where(StatusChange.kind == "辍学", StatusChange.changed_on >= board.months[0],
                   StatusChange.changed_on <= TODAY, StatusChange.deleted.is_(False))
        ).scalar_one()  # fmt: skip
        left_behind = session.execute(
            select(func.count()).select_from(Student).where(
                Student.left_behind != "无", Student.status.in_(("在读", "休学")), Student.deleted.is_(False))
        ).scalar_one()  # fmt: skip
    assert dropouts > 0
    assert sum(sum(s.values) for s in board.dropouts) == dropouts
    groups = {b.key: b.value for b in board.groups}
    assert groups["left_behind"] == left_behind
    assert [b.label for b in board.groups] == ["留守", "随迁", "残疾", "脱贫户", "低保", "孤儿", "寄宿"]
    overdue = todo.build_todo(ddb, DEMO_ADMIN, TODAY, limit=0).group(todo.VISITS_OVERDUE).count
    assert overdue > 0 and sum(b.value for b in board.overdue or ()) == overdue
    assert [b.label for b in board.enrolment] == ["金河镇"]
    assert board.enrolment[0].value == pytest.approx(board.enrolment[0].indicator.value)
    assert board.tiles[ind.DROPOUT].value is not None


def test_every_list_has_what_its_bar_counts(ddb):
    board = dash.build_dashboard(ddb, DEMO_ADMIN, TODAY)
    for series in board.dropouts:
        for month, value in zip(board.months, series.values, strict=True):
            if value:
                listing = dash.list_behind(ddb, DEMO_ADMIN, dash.DROPOUTS, series.key, month, TODAY)
                assert listing.total == len(listing.rows) == value
                assert all(row.student_id for row in listing.rows)
    for bar in board.overdue or ():
        listing = dash.list_behind(ddb, DEMO_ADMIN, dash.OVERDUE, bar.key, today=TODAY)
        assert len(listing.rows) == bar.value and all(row.case_id for row in listing.rows)
    for bar in board.groups:
        listing = dash.list_behind(ddb, DEMO_ADMIN, dash.GROUPS, bar.key, today=TODAY)
        assert listing.total == bar.value and len(listing.rows) == min(bar.value, dash.LIST_LIMIT)
    enrolment = board.enrolment[0].indicator
    listing = dash.list_behind(ddb, DEMO_ADMIN, dash.ENROLMENT, board.enrolment[0].key, today=TODAY)
    assert listing.total == enrolment.denominator
    not_enrolled = [row for row in listing.rows if row.cells[-1] == "未入学"]
    assert len(not_enrolled) == enrolment.denominator - enrolment.numerator
    assert listing.rows[: len(not_enrolled)] == tuple(not_enrolled)  # those who need attention first
    assert all(row.child_id for row in listing.rows)


def test_township_and_school_actors_see_their_schools(ddb):
    town, school = jinhe(ddb)
    township = Actor("t", "乡镇干部", perms.TOWNSHIP, township_id=town)
    board = dash.build_dashboard(ddb, township, TODAY)
    assert board.unit == "学校" and board.scope == "金河镇"
    with ddb.read_session() as session:
        names = set(session.execute(select(School.name).where(School.township_id == town)).scalars())
    assert {s.label for s in board.dropouts} <= names
    assert {b.label for b in board.overdue or ()} <= names
    principal = Actor("p", "校长", perms.PRINCIPAL, township_id=town, school_id=school)
    own = dash.build_dashboard(ddb, principal, TODAY)
    assert own.scope == "金河镇中心学校" and own.enrolment == ()
    assert own.notes[dash.ENROLMENT].startswith("不适用")
    assert [s.label for s in own.dropouts] == ["金河镇中心学校"]
    assert all(b.label == "金河镇中心学校" for b in own.overdue or ())
    with pytest.raises(PermissionDenied):
        dash.build_dashboard(ddb, Actor("x", "教师", perms.TEACHER, township_id=town, school_id=school), TODAY)
    with ddb.read_session() as session:
        elsewhere = session.execute(select(Township.id).where(Township.name == "满归镇")).scalar_one()
    with pytest.raises(PermissionDenied):
        dash.list_behind(ddb, township, dash.ENROLMENT, elsewhere, today=TODAY)
    other = next(b.key for b in dash.build_dashboard(ddb, DEMO_ADMIN, TODAY).groups)
    listing = dash.list_behind(ddb, principal, dash.GROUPS, other, today=TODAY)
    with ddb.read_session() as session:
        schools = set(session.execute(select(Student.school_id).where(Student.id.in_(
            [r.student_id for r in listing.rows]))).scalars())  # fmt: skip
    assert schools <= {school}
