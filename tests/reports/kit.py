"""A hand-made history for the monthly reports: 3 schools in 2 townships, 30 pupils and one month
(2025-03) of events, written straight into the tables (the history as it would be stored)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kongchuo_desktop.services.sites import init_site, school_by_name, township_by_name
from kongchuo_desktop.store.database import Database, open_database
from kongchuo_desktop.store.models import Case, CaseEvent, StatusChange, Student, Visit

D = dt.date
MADE_ON = D(2025, 4, 1)
MONTH = "2025-03"
LAST_SEPTEMBER = D(2024, 9, 1)


def _student(session, name, school, grade, enrolled_on=LAST_SEPTEMBER, status="在读", **flags) -> Student:
    row = Student(
        name=name, sex="男", school_id=school.id, township_id=school.township_id, grade=grade, class_no=1,
        enrolled_on=enrolled_on, status=status, **flags,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row


def change(session, pupil: Student, kind: str, on: dt.date, before: str | None, after: str, scope: str | None = None):
    session.add(
        StatusChange(student_id=pupil.id, kind=kind, changed_on=on, reason="测试", status_before=before,
                     status_after=after, transfer_scope=scope,
                     from_school="外校" if kind == "转入" else None, to_school="外校" if kind == "转出" else None)
    )  # fmt: skip
    pupil.status = after


def case(session, pupil: Student, number: str, events: list[tuple[str, dt.date, dict]], threshold: dt.date) -> Case:
    row = Case(
        number=number, student_id=pupil.id, school_id=pupil.school_id, township_id=pupil.township_id, status="缺课",
        is_open=True, opened_on=events[0][1], episode_start=events[0][1], threshold_on=threshold,
        last_activity_on=events[-1][1], events=len(events),
    )  # fmt: skip
    session.add(row)
    session.flush()
    for seq, (kind, on, data) in enumerate(events, start=1):
        add_event(session, row, seq, kind, on, data)
    return row


def add_event(session, row: Case, seq: int, kind: str, on: dt.date, data: dict | None = None) -> None:
    payload = {"kind": kind, "on": on.isoformat(), **(data or {})}
    session.add(CaseEvent(case_id=row.id, seq=seq, kind=kind, happened_on=on, data=json.dumps(payload),
                          recorded_at=dt.datetime.combine(on, dt.time(9))))  # fmt: skip


def build(path: Path) -> tuple[Database, dict[str, str]]:
    """The fixture database and its pupils' ids by name (p1 … p30)."""
    db = open_database(path, create=True)
    init_site(db, "根河市教育局", "bureau")
    ids: dict[str, str] = {}
    with db.transaction(user="test") as s:
        a = township_by_name(s, "甲镇", create=True)
        b = township_by_name(s, "乙乡", create=True)
        a.city = b.city = "测试市"
        s1 = school_by_name(s, "甲镇小学", township=a, create=True)
        s2 = school_by_name(s, "甲镇中学", township=a, create=True)
        s3 = school_by_name(s, "乙乡学校", township=b, create=True)
        s.flush()
        p = {}
        for n in (1, 2, 3, 4, 7, 8):
            p[n] = _student(s, f"p{n}", s1, 1)
        p[5] = _student(s, "p5", s1, 1, D(2025, 3, 7))
        change(s, p[5], "转入", D(2025, 3, 7), None, "在读", "县内")
        p[6] = _student(s, "p6", s1, 1)
        change(s, p[6], "转出", D(2025, 3, 21), "在读", "转出", "跨省")
        p[12] = _student(s, "p12", s1, 1, D(2025, 3, 3))
        p[9] = _student(s, "p9", s1, 2, D(2023, 9, 1))
        change(s, p[9], "转出", D(2025, 3, 10), "在读", "转出", "县内")
        p[10] = _student(s, "p10", s1, 2, D(2023, 9, 1))
        change(s, p[10], "休学", D(2025, 3, 5), "在读", "休学")
        p[11] = _student(s, "p11", s1, 2, D(2023, 9, 1))
        change(s, p[11], "休学", D(2024, 12, 1), "在读", "休学")
        change(s, p[11], "复学", D(2025, 3, 20), "休学", "在读")
        p[13] = _student(s, "p13", s1, 2, D(2025, 3, 12))
        change(s, p[13], "转入", D(2025, 3, 12), None, "在读", "跨省")
        for n in (14, 15, 16):
            p[n] = _student(s, f"p{n}", s2, 8, D(2023, 9, 1))
        p[17] = _student(s, "p17", s2, 8, D(2025, 3, 19))
        change(s, p[17], "转入", D(2025, 3, 19), None, "在读", "省内")
        p[18] = _student(s, "p18", s2, 8, D(2023, 9, 1))
        change(s, p[18], "转出", D(2025, 3, 11), "在读", "转出", "市内")
        p[22] = _student(s, "p22", s2, 8, D(2025, 3, 6))
        change(s, p[22], "转入", D(2025, 3, 6), None, "在读", "市内")
        p[19] = _student(s, "p19", s2, 9, D(2022, 9, 1), poverty=True)
        change(s, p[19], "辍学", D(2025, 3, 18), "在读", "辍学")
        p[20] = _student(s, "p20", s2, 9, D(2022, 9, 1))
        change(s, p[20], "死亡", D(2025, 3, 25), "在读", "死亡")
        p[21] = _student(s, "p21", s2, 9, D(2022, 9, 1))
        change(s, p[21], "毕业", D(2025, 3, 28), "在读", "毕业")
        p[23] = _student(s, "p23", s2, 7, left_behind="单亲外出")
        c23 = case(
            s, p[23], "2025-0023", [("open", D(2025, 3, 3), {}), ("suspect", D(2025, 3, 10), {})], D(2025, 3, 10)
        )
        s.add(Visit(case_id=c23.id, student_id=p[23].id, visited_at=dt.datetime(2025, 3, 12, 10), round="一访",
                    kind="家访", outcome="拒绝", reason="厌学/学习困难"))  # fmt: skip
        for n in (24, 25, 26, 27):
            p[n] = _student(s, f"p{n}", s3, 3, D(2022, 9, 1))
        p[28] = _student(s, "p28", s3, 5, D(2020, 9, 1))
        change(s, p[28], "转出", D(2025, 3, 14), "在读", "转出", "省内")
        p[29] = _student(s, "p29", s3, 5, D(2020, 9, 1))
        change(s, p[29], "辍学", D(2024, 11, 10), "在读", "辍学")
        change(s, p[29], "复学", D(2025, 3, 17), "辍学", "在读")
        p[30] = _student(s, "p30", s3, 5, D(2020, 9, 1), migrant=True)
        case(s, p[30], "2025-0030", [("open", D(2025, 2, 24), {}), ("suspect", D(2025, 3, 3), {}),
                                     ("return", D(2025, 3, 13), {})], D(2025, 3, 3))  # fmt: skip
        ids = {f"p{n}": row.id for n, row in p.items()}
        ids["case23"] = c23.id
    assert len([k for k in ids if k.startswith("p")]) == 30
    return db, ids


def add_april(db: Database, ids: dict[str, str]) -> None:
    """Events after the month: none of them may change March's report."""
    with db.transaction(user="test") as s:
        get = lambda key: s.get(Student, ids[key])  # noqa: E731
        change(s, get("p1"), "转出", D(2025, 4, 3), "在读", "转出", "县内")
        change(s, get("p24"), "辍学", D(2025, 4, 8), "在读", "辍学")
        change(s, get("p19"), "复学", D(2025, 4, 10), "辍学", "在读")
        change(s, get("p23"), "辍学", D(2025, 4, 5), "在读", "辍学")
        c23 = s.get(Case, ids["case23"])
        add_event(s, c23, 3, "dropout", D(2025, 4, 5))
        c23.status, c23.events = "辍学", 3
        _student(s, "p31", _school(s, get("p2")), 1, D(2025, 4, 2))


def _school(session, pupil: Student):
    from kongchuo_desktop.store.models import School

    return session.get(School, pupil.school_id)
