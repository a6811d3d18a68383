"""辍学情况月报: suspected dropouts, new dropouts, pupils persuaded back (劝返复学) and those still
out, by school, grade, reason and special group, with the name list as an appendix."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.services.reports.cases import CaseAtEnd, visit_reasons
from kongchuo_desktop.services.reports.changes import GRADE_NAMES, NO_GRADE
from kongchuo_desktop.services.reports.history import Pupil, load_pupils
from kongchuo_desktop.services.reports.period import JUNIOR_GRADES, PRIMARY_GRADES, Period
from kongchuo_desktop.services.reports.scope import ReportScope
from kongchuo_desktop.store.models import School, StatusChange

COLUMNS: tuple[tuple[str, str], ...] = (
    ("suspected_end", "月末疑似辍学"),
    ("suspected_new", "其中本月新增"),
    ("dropout_new", "本月新增辍学"),
    ("returned", "本月劝返复学"),
    ("still_out", "月末仍未返校（辍学）"),
)
KEYS = tuple(k for k, _ in COLUMNS)
GROUPS = ("留守", "随迁", "残疾", "脱贫户", "低保", "孤儿", "寄宿")
NO_REASON = "未登记原因"
DEFINITIONS = (
    "月末疑似辍学：控辍个案在月末处于“疑似辍学”（连续缺课达到认定标准或已报送情况报告，尚未认定辍学、尚未返校）。",
    "本月新增辍学：本月办理“辍学”学籍异动的学生；本月劝返复学：本月由辍学复学（或转入）的学生，"
    "以及本月由疑似辍学返校的学生。",
    "月末仍未返校：月末学籍状态为“辍学”的学生。原因取月末前最近一次走访登记的原因。",
    "特殊群体按学生当前登记的情况统计，一名学生可属于多个群体，各群体之和不等于合计。",
)


@dataclass(frozen=True)
class NameEntry:
    """One line of the appendix: a pupil in one category of the month."""

    category: str
    name: str
    sex: str
    student_no: str
    school: str
    grade: str
    day: dt.date | None
    reason: str
    groups: str
    case_number: str


@dataclass
class DropoutsReport:
    """The 辍学情况月报: tables by school, grade, reason and special group (label, counts by KEYS),
    the name list, and notes."""

    period: Period
    scope: ReportScope
    by_school: list[tuple[str, dict[str, int]]]
    by_grade: list[tuple[str, dict[str, int]]]
    by_reason: list[tuple[str, dict[str, int]]]
    by_group: list[tuple[str, dict[str, int]]]
    names: list[NameEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> dict[str, int]:
        return self.by_grade[-1][1]


def build_dropouts(
    session: Session,
    scope: ReportScope,
    schools: frozenset[str] | None,
    period: Period,
    today: dt.date,
    cases: list[CaseAtEnd],
) -> DropoutsReport:
    """The 辍学情况月报 of `scope` for `period`, from the 学籍异动 and the cases at the month's end."""
    dropped = select(StatusChange.student_id).where(
        StatusChange.kind == "辍学", StatusChange.changed_on <= period.end, StatusChange.deleted == false()
    )
    pupils = load_pupils(session, dropped, schools)
    pupils.update(load_pupils(session, {c.student_id for c in cases} - set(pupils), schools))
    reasons = visit_reasons(session, list(pupils), period.end)
    school_names = {i: n for i, n in session.execute(select(School.id, School.name)).all()}
    marks: dict[str, dict[str, tuple[dt.date | None, str]]] = defaultdict(dict)  # pupil → key → (day, case no.)
    for case in cases:
        if case.student_id not in pupils:
            continue
        if case.status == esc.SUSPECTED:
            marks[case.student_id]["suspected_end"] = (case.suspected_on, case.number)
        if case.suspected_in_month:
            marks[case.student_id]["suspected_new"] = (case.suspected_on, case.number)
        if case.returned_on is not None:
            marks[case.student_id]["returned"] = (case.returned_on, case.number)
    for pupil in pupils.values():
        for change in pupil.changes:
            if not period.start <= change.changed_on <= period.end:
                continue
            if change.kind == "辍学":
                marks[pupil.id]["dropout_new"] = (change.changed_on, "")
            elif change.status_before == "辍学" and change.status_after == "在读":
                marks[pupil.id]["returned"] = (change.changed_on, "")
        if pupil.status_on(period.end) == "辍学":
            last = [c.changed_on for c in pupil.changes if c.kind == "辍学" and c.changed_on <= period.end]
            marks[pupil.id]["still_out"] = (last[-1] if last else None, "")
    rows: dict[str, dict[str, dict[str, int]]] = {
        t: defaultdict(lambda: dict.fromkeys(KEYS, 0)) for t in ("school", "grade", "reason", "group")
    }
    names: list[NameEntry] = []
    labels = dict(COLUMNS)
    for pupil_id, keys in marks.items():
        pupil = pupils[pupil_id]
        grade = pupil.grade_for(period, today)
        grade = None if grade is None else min(9, max(1, grade))
        reason = reasons.get(pupil_id, NO_REASON)
        school = school_names.get(pupil.school_id or "", "（未填学校）")
        for key, (day, number) in keys.items():
            rows["school"][pupil.school_id or ""][key] += 1
            rows["grade"][str(grade)][key] += 1
            rows["reason"][reason][key] += 1
            for group in pupil.flags:
                if group in GROUPS:
                    rows["group"][group][key] += 1
            names.append(_entry(pupil, labels[key], school, grade, day, reason, number))
    names.sort(key=lambda e: (KEYS.index(_key_of(e.category)), e.school, e.grade, e.name))
    return DropoutsReport(
        period,
        scope,
        _school_table(scope, schools, school_names, rows["school"]),
        _grade_table(rows["grade"]),
        [*_listed([*esc.REASONS, NO_REASON], rows["reason"]), ("合计", _sum(list(rows["reason"].values())))],
        _listed(list(GROUPS), rows["group"]),
        names,
        list(DEFINITIONS),
    )


def _key_of(label: str) -> str:
    return next(k for k, text in COLUMNS if text == label)


def _entry(
    pupil: Pupil, category: str, school: str, grade: int | None, day: dt.date | None, reason: str, number: str
) -> NameEntry:
    return NameEntry(
        category, pupil.name, pupil.sex or "", pupil.student_no or "", school,
        GRADE_NAMES.get(grade, NO_GRADE) if grade is not None else NO_GRADE, day, reason, "、".join(pupil.flags),
        number,
    )  # fmt: skip


def _sum(parts: list[dict[str, int]]) -> dict[str, int]:
    return {k: sum(p[k] for p in parts) for k in KEYS}


def _school_table(
    scope: ReportScope, schools: frozenset[str] | None, names: dict[str, str], rows: dict[str, dict[str, int]]
) -> list[tuple[str, dict[str, int]]]:
    listed = set(schools if schools is not None else names) | ({""} if "" in rows else set())
    ids = sorted(listed, key=lambda i: names.get(i, "～"))
    out = [(names.get(i, "（未填学校）"), rows.get(i, dict.fromkeys(KEYS, 0))) for i in ids]
    out.append(("合计", _sum([v for v in rows.values()])))
    return out


def _grade_table(rows: dict[str, dict[str, int]]) -> list[tuple[str, dict[str, int]]]:
    zero = dict.fromkeys(KEYS, 0)
    out = [(GRADE_NAMES[g], rows.get(str(g), zero)) for g in PRIMARY_GRADES]
    out.append(("小学小计", _sum([rows.get(str(g), zero) for g in PRIMARY_GRADES])))
    out += [(GRADE_NAMES[g], rows.get(str(g), zero)) for g in JUNIOR_GRADES]
    out.append(("初中小计", _sum([rows.get(str(g), zero) for g in JUNIOR_GRADES])))
    if "None" in rows:
        out.append((NO_GRADE, rows["None"]))
    out.append(("合计", _sum(list(rows.values()))))
    return out


def _listed(labels: list[str], rows: dict[str, dict[str, int]]) -> list[tuple[str, dict[str, int]]]:
    extra = [k for k in rows if k not in labels]
    return [(label, rows.get(label, dict.fromkeys(KEYS, 0))) for label in [*labels, *extra]]
