"""Every cell of both March reports on the hand-made fixture, checked against numbers worked out by
hand; events after March leave March unchanged; a contradicting record is named, not printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kongchuo_desktop.services.actor import SYSTEM, Actor
from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from kongchuo_desktop.services.reports import rows as R
from kongchuo_desktop.services.reports.monthly import monthly_report
from tests.reports import kit

COLS = R.COLUMN_KEYS  # opening, new, in×4, in_total, resume, add_total, out×4, out_total, suspend,
# dropout, death, graduate, remove_total, closing, absent

# Worked out by hand from kit.build (see the pupils there), in COLUMNS order.
# fmt: off
EXPECTED_GRADES = {
    #           open new 县 市 省 跨 小  复 增  县 市 省 跨 小 休 辍 死 毕 减 末  不在校
    "一年级":   [7,  1,  1, 0, 0, 0, 1, 0, 2,  0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 8,  0],
    "二年级":   [2,  0,  0, 0, 0, 1, 1, 1, 2,  1, 0, 0, 0, 1, 1, 0, 0, 0, 2, 2,  0],
    "三年级":   [4,  0,  0, 0, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4,  0],
    "四年级":   [0] * 21,
    "五年级":   [2,  0,  0, 0, 0, 0, 0, 1, 1,  0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 2,  0],
    "六年级":   [0] * 21,
    "小学小计": [15, 1,  1, 0, 0, 1, 2, 2, 5,  1, 0, 1, 1, 3, 1, 0, 0, 0, 4, 16, 0],
    "七年级":   [1,  0,  0, 0, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,  1],
    "八年级":   [4,  0,  0, 1, 1, 0, 2, 0, 2,  0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 5,  0],
    "九年级":   [3,  0,  0, 0, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0, 1, 1, 1, 3, 0,  0],
    "初中小计": [8,  0,  0, 1, 1, 0, 2, 0, 2,  0, 1, 0, 0, 1, 0, 1, 1, 1, 4, 6,  1],
    "合计":     [23, 1,  1, 1, 1, 1, 4, 2, 7,  1, 1, 1, 1, 4, 1, 1, 1, 1, 8, 22, 1],
}
EXPECTED_UNITS = {
    "甲镇": [17, 1, 1, 1, 1, 1, 4, 1, 6, 1, 1, 0, 1, 3, 1, 1, 1, 1, 7, 16, 1],
    "乙乡": [6,  0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 6,  0],
    "合计": [23, 1, 1, 1, 1, 1, 4, 2, 7, 1, 1, 1, 1, 4, 1, 1, 1, 1, 8, 22, 1],
}
# suspected_end, suspected_new, dropout_new, returned, still_out
EXPECTED_DROPOUT_SCHOOLS = {"乙乡学校": [0, 1, 0, 2, 0], "甲镇中学": [1, 1, 1, 0, 1], "甲镇小学": [0] * 5,
                            "合计": [1, 2, 1, 2, 1]}
EXPECTED_DROPOUT_GRADES = {"五年级": [0, 1, 0, 2, 0], "七年级": [1, 1, 0, 0, 0], "九年级": [0, 0, 1, 0, 1],
                           "小学小计": [0, 1, 0, 2, 0], "初中小计": [1, 1, 1, 0, 1], "合计": [1, 2, 1, 2, 1]}
EXPECTED_REASONS = {"厌学/学习困难": [1, 1, 0, 0, 0], "未登记原因": [0, 1, 1, 2, 1], "合计": [1, 2, 1, 2, 1]}
EXPECTED_GROUPS = {"留守": [1, 1, 0, 0, 0], "随迁": [0, 1, 0, 1, 0], "脱贫户": [0, 0, 1, 0, 1], "残疾": [0] * 5}
EXPECTED_NAMES = [
    ("月末疑似辍学", "p23", "2025-03-10"), ("其中本月新增", "p30", "2025-03-03"), ("其中本月新增", "p23", "2025-03-10"),
    ("本月新增辍学", "p19", "2025-03-18"), ("本月劝返复学", "p29", "2025-03-17"), ("本月劝返复学", "p30", "2025-03-13"),
    ("月末仍未返校（辍学）", "p19", "2025-03-18"),
]
# fmt: on


@pytest.fixture
def fixture_db(tmp_path: Path):
    db, ids = kit.build(tmp_path / "kit.sqlite")
    yield db, ids
    db.close()


def _dropout_cells(rows, keys=("suspected_end", "suspected_new", "dropout_new", "returned", "still_out")):
    return {label: [values[k] for k in keys] for label, values in rows}


def test_every_cell_of_both_reports(fixture_db) -> None:
    db, _ids = fixture_db
    report = monthly_report(db, SYSTEM, kit.MONTH, today=kit.MADE_ON)
    assert report.adds_up and report.scope.name == "测试市"
    grades = {row.label: row.cells() for row in report.changes.grade_rows}
    assert grades == EXPECTED_GRADES
    assert {row.label: row.cells() for row in report.changes.unit_rows} == EXPECTED_UNITS
    d = report.dropouts
    assert _dropout_cells(d.by_school) == EXPECTED_DROPOUT_SCHOOLS
    assert {k: v for k, v in _dropout_cells(d.by_grade).items() if any(v)} == {
        k: v for k, v in EXPECTED_DROPOUT_GRADES.items() if any(v)
    }
    assert {k: v for k, v in _dropout_cells(d.by_reason).items() if any(v)} == EXPECTED_REASONS
    assert {k: v for k, v in _dropout_cells(d.by_group).items() if k in EXPECTED_GROUPS} == EXPECTED_GROUPS
    assert [(e.category, e.name, e.day.isoformat()) for e in d.names] == EXPECTED_NAMES
    groups = {e.name: e.groups for e in d.names}
    assert groups["p23"] == "留守" and groups["p30"] == "随迁" and groups["p19"] == "脱贫户"


def test_township_and_school_reports_are_parts_of_the_city(fixture_db) -> None:
    db, _ids = fixture_db
    town = monthly_report(db, SYSTEM, kit.MONTH, township="甲镇", today=kit.MADE_ON)
    assert town.changes.total.cells() == EXPECTED_UNITS["甲镇"]
    assert [r.label for r in town.changes.unit_rows] == ["甲镇中学", "甲镇小学", "合计"]
    school = monthly_report(db, SYSTEM, kit.MONTH, school="乙乡学校", today=kit.MADE_ON)
    assert school.changes.total.cells() == EXPECTED_UNITS["乙乡"]
    assert school.changes.unit_rows == []
    assert _dropout_cells(school.dropouts.by_school)["合计"] == EXPECTED_DROPOUT_SCHOOLS["乙乡学校"]


def test_events_after_the_month_change_nothing(fixture_db) -> None:
    db, ids = fixture_db
    before = monthly_report(db, SYSTEM, kit.MONTH, today=kit.MADE_ON).as_dict()
    kit.add_april(db, ids)
    after = monthly_report(db, SYSTEM, kit.MONTH, today=kit.D(2025, 4, 20)).as_dict()
    assert after == before
    april = monthly_report(db, SYSTEM, "2025-04", today=kit.D(2025, 4, 20))
    total = april.changes.total.values
    assert total["opening"] == 22 and total["closing"] == 22 + 1 + 1 - 3  # p31 new, p19 back; p1, p24, p23 out
    assert april.adds_up


def test_a_contradicting_record_is_named_not_printed(fixture_db) -> None:
    db, ids = fixture_db
    with db.transaction(user="test") as s:
        from kongchuo_desktop.store.models import Student

        # p9 left on 2025-03-10 (转出), yet a 休学 on 03-20 says it found p9 在读.
        kit.change(s, s.get(Student, ids["p9"]), "休学", kit.D(2025, 3, 20), "在读", "休学")
    report = monthly_report(db, SYSTEM, kit.MONTH, today=kit.MADE_ON)
    assert not report.adds_up
    wrong = {(unit, row.label): row.values["difference"] for unit, row in report.changes.row_problems}
    assert wrong == {("测试市", "二年级"): 1, ("测试市", "小学小计"): 1, ("测试市", "合计"): 1, ("甲镇", "甲镇"): 1}
    [pupil] = report.changes.pupil_problems
    assert pupil.name == "p9" and pupil.difference == 1 and "转出" in pupil.details[0]
    line = report.problem_line()
    assert "二年级" in line and "相差+1" in line and "1名学生" in line


def test_refusals(fixture_db) -> None:
    db, _ids = fixture_db
    with pytest.raises(ValidationError, match="格式不对"):
        monthly_report(db, SYSTEM, "2025-3-x", today=kit.MADE_ON)
    with pytest.raises(ValidationError, match="还没有到"):
        monthly_report(db, SYSTEM, "2025-05", today=kit.MADE_ON)
    with pytest.raises(NotFoundError, match="丙镇"):
        monthly_report(db, SYSTEM, kit.MONTH, township="丙镇", today=kit.MADE_ON)
    with db.read_session() as s:
        from kongchuo_desktop.services.sites import school_by_name, township_by_name

        town_a = township_by_name(s, "甲镇").id
        school_3 = school_by_name(s, "乙乡学校")
        school_3_id, town_b = school_3.id, school_3.township_id
    officer = Actor("officer", "甲镇干部", role="乡镇", township_id=town_a)
    assert monthly_report(db, officer, kit.MONTH, today=kit.MADE_ON).scope.name == "甲镇"  # own township by default
    with pytest.raises(PermissionDenied):
        monthly_report(db, officer, kit.MONTH, school="乙乡学校", today=kit.MADE_ON)
    with pytest.raises(PermissionDenied):
        monthly_report(db, officer, kit.MONTH, township="乙乡", today=kit.MADE_ON)
    principal = Actor("head", "校长", role="校长", township_id=town_b, school_id=school_3_id)
    mine = monthly_report(db, principal, kit.MONTH, today=kit.MADE_ON)
    assert mine.scope.kind == "school" and mine.changes.total.cells() == EXPECTED_UNITS["乙乡"]
    with pytest.raises(PermissionDenied):
        monthly_report(db, principal, kit.MONTH, township="乙乡", today=kit.MADE_ON)
    teacher = Actor("t", "教师", role="教师", township_id=town_b, school_id=school_3_id)
    with pytest.raises(PermissionDenied):
        monthly_report(db, teacher, kit.MONTH, today=kit.MADE_ON)
