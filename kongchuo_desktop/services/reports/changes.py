"""学籍变动月报: a month's opening count, additions, removals, closing count and 在籍不在校, by grade
(with 小学/初中 subtotals) and by unit, rebuilt from the dated history by GROUP BY queries
(counts.py) and, for the few pupils looked at one by one, their own records (history.py); rows that
do not add up are named with the pupils whose records disagree."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from kongchuo_desktop.services.reports import counts as counts_sql
from kongchuo_desktop.services.reports import grades, stepped
from kongchuo_desktop.services.reports import rows as R
from kongchuo_desktop.services.reports.counts import Window
from kongchuo_desktop.services.reports.history import ATTENDING, Change, Pupil, load_pupils, unknown_entry_count
from kongchuo_desktop.services.reports.period import JUNIOR_GRADES, PRIMARY_GRADES, Period, school_year_of
from kongchuo_desktop.services.reports.scope import ReportScope, Unit
from kongchuo_desktop.store.models import School

Key = tuple[str | None, int | None]  # (school_id, grade in the month)
GRADE_NAMES = {g: f"{'一二三四五六七八九'[g - 1]}年级" for g in range(1, 10)}
NO_GRADE = "年级未填"

DEFINITIONS = (
    "在校生数：学籍状态为“在读”的学生（休学学生计入“休学”减少，复学时计入“复学”增加）。",
    "在籍不在校：本月末在校生中，控辍个案处于疑似辍学（或劝返中）尚未返校的学生。",
    grades.NOTE,
    "各数均由学籍异动的日期和控辍个案的记录重新计算，与报表生成的日期无关。",
)


@dataclass(frozen=True)
class PupilProblem:
    """A pupil whose history does not add up in the month, or contradicts itself.

    opening / closing: counted at the start / end (0 or 1); added / removed: flows in the month;
    details: one sentence per disagreeing record.
    """

    student_id: str
    name: str
    school: str
    grade: str
    opening: int
    added: int
    removed: int
    closing: int
    details: tuple[str, ...]

    @property
    def difference(self) -> int:
        return self.closing - (self.opening + self.added - self.removed)


@dataclass
class ChangesReport:
    """The 学籍变动月报 of one unit and month.

    grade_rows: 一年级 … 六年级, 小学小计, 七年级 … 九年级, 初中小计, (年级未填,) 合计;
    unit_rows: the same totals per township (city) or school (township), then 合计;
    row_problems: rows whose closing count is not opening + additions − removals;
    pupil_problems: the pupils behind them (and any record contradicting the one before it);
    other_changes: 学籍异动 in the month between two statuses outside 在读 (e.g. 休学 → 辍学), by
    kind; notes: counting rules and warnings printed under the table.
    """

    period: Period
    scope: ReportScope
    grade_rows: list[R.Row]
    unit_rows: list[R.Row]
    row_problems: list[tuple[str, R.Row]] = field(default_factory=list)
    pupil_problems: list[PupilProblem] = field(default_factory=list)
    other_changes: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def adds_up(self) -> bool:
        """True when every row adds up and no record contradicts the one before it."""
        return not self.row_problems and not self.pupil_problems

    @property
    def total(self) -> R.Row:
        return self.grade_rows[-1]


def _classify(kind: str, before: str | None, after: str, scope: str | None) -> tuple[str, str] | None:
    """("flow", field) for a change that adds or removes a pupil, ("other", label) for one between
    two statuses outside 在读, None for neither (在读 → 在读)."""
    if after == ATTENDING and before != ATTENDING:
        return "flow", f"in_{scope or 'unknown'}" if kind == "转入" else "resume"
    if before == ATTENDING and after != ATTENDING:
        return "flow", f"out_{scope or 'unknown'}" if kind == "转出" else R.KIND_REMOVAL.get(kind, "dropout")
    if before != ATTENDING and after != ATTENDING:
        return "other", f"{before or '新生'}→{kind}"
    return None


def _delta(change: Change) -> int:
    return int(change.status_after == ATTENDING) - int(change.status_before == ATTENDING)


def _entered_attending(pupil: Pupil) -> bool:
    """The pupil came onto the roll 在读 (their first change starts from 在读, or they have none and
    are 在读) — the Python twin of counts.entrants."""
    if pupil.changes:
        return pupil.changes[0].status_before == ATTENDING
    return pupil.status == ATTENDING


def _replay(pupil: Pupil, period: Period) -> tuple[int, int, dict[str, int], list[str]]:
    """One pupil's month from their records: counted at the start and at the end (0/1), the flows
    (as the counts give them) and a sentence per record contradicting the one before it."""
    opening = int(pupil.status_on(period.before) == ATTENDING)
    closing = int(pupil.status_on(period.end) == ATTENDING)
    flows: dict[str, int] = defaultdict(int)
    details: list[str] = []
    entered = pupil.enrolled_on
    if entered is not None and period.start <= entered <= period.end and _entered_attending(pupil):
        flows["new"] += 1
    previous: str | None = None
    for i, change in enumerate(pupil.changes):
        before = change.status_before
        expected = previous if i else (before if before is None else ATTENDING)
        in_month = period.start <= change.changed_on <= period.end
        if in_month and before != expected:
            details.append(
                f"{change.changed_on:%Y-%m-%d}“{change.kind}”记录的异动前状态为“{before or '（新生）'}”，"
                f"但按此前的记录该生当时为“{expected or '（未入学）'}”"
            )
        previous = change.status_after
        found = _classify(change.kind, before, change.status_after, change.transfer_scope) if in_month else None
        if found is not None and found[0] == "flow":
            flows[found[1]] += 1
    return opening, closing, flows, details


def _summed(pupil: Pupil, period: Period) -> tuple[int, int]:
    """What the counts' sums gave this pupil at the start and end of the month (counts.py): the
    current status stepped back over the changes after each day."""
    now = int(pupil.status == ATTENDING)
    out = []
    for day in (period.before, period.end):
        if pupil.enrolled_on is not None and pupil.enrolled_on > day:
            out.append(0)
        else:
            out.append(now - sum(_delta(c) for c in pupil.changes if c.changed_on > day))
    return out[0], out[1]


def build_changes(
    session: Session,
    scope: ReportScope,
    schools: frozenset[str] | None,
    period: Period,
    today: dt.date,
    absent_ids: Iterable[str] = (),
) -> ChangesReport:
    """The 学籍变动月报 for `scope` (its students: those of `schools`, None = all) and `period`.

    absent_ids: students whose control-dropout case stood at 疑似辍学 / 劝返中 at the month's end
    (cases.py); those counted at the end of the month make the 在籍不在校 column.
    """
    window = Window(period.before, period.start, period.end, school_year_of(today))
    kinds = counts_sql.school_kinds(session)
    counts: dict[Key, dict[str, int]] = defaultdict(R.blank)
    clamped = [0, 0]  # pupils counted at the start / end of the month in a grade outside 1–9

    def row(key: counts_sql.Key, opening: int = 0, closing: int = 0) -> dict[str, int]:
        """The counters of the key's row, after adding opening / closing counts to it."""
        school_id, stored, entry_year, ref_year = key
        base = grades.offset(stored, kinds.get(school_id or ""), entry_year, ref_year)
        grade = None if base is None else base + period.school_year
        if grade is not None and not 1 <= grade <= 9:
            grade = min(9, max(1, grade))
            clamped[0] += opening
            clamped[1] += closing
        values = counts[(school_id, grade)]
        values["opening"] += opening
        values["closing"] += closing
        return values

    for key, opening, closing in counts_sql.stock(session, schools, window):
        row(key, opening, closing)
    stepped_rows, odd = stepped.stepped_back(session, schools, window)
    for key, since, later in stepped_rows:
        row(key, -since, -later)
    others: dict[str, int] = defaultdict(int)
    for key, kind, before, after, scope_, n in counts_sql.flows(session, schools, window):
        found = _classify(kind, before, after, scope_)
        if found is None:
            continue
        if found[0] == "flow":
            row(key)[found[1]] += n
        else:
            others[found[1]] += n
    for key, n in counts_sql.entrants(session, schools, window):
        row(key)["new"] += n
    # Pupils looked at one by one: those whose records contradict each other (their part of the
    # sums is replaced by their own replay, so the rows show the disagreement), and the absent.
    contradicting = counts_sql.contradicting(session, schools, window)
    if odd:
        contradicting |= counts_sql.unsteppable(session, schools, window)
    absent = set(absent_ids)
    pupils = load_pupils(session, contradicting | absent, schools) if contradicting | absent else {}
    problems: list[PupilProblem] = []
    names = _school_names(session)
    for pupil in pupils.values():
        key = _key_of(pupil, today)
        opening, closing, flows, details = _replay(pupil, period)
        if pupil.id in contradicting:
            summed_opening, summed_closing = _summed(pupil, period)
            row(key, opening - summed_opening, closing - summed_closing)
            added = sum(flows.get(k, 0) for k in R.ADD_FIELDS)
            removed = sum(flows.get(k, 0) for k in R.REMOVE_FIELDS)
            if details or opening + added - removed != closing:
                if not details:
                    details.append(
                        f"上月末{'在校' if opening else '不在校'}，本月增加{added}、减少{removed}，"
                        f"月末却{'在校' if closing else '不在校'}"
                    )
                grade = pupil.grade_for(period, today)
                problems.append(
                    PupilProblem(
                        pupil.id, pupil.name, names.get(pupil.school_id or "", "（未填学校）"),
                        _grade_label(None if grade is None else min(9, max(1, grade))),
                        opening, added, removed, closing, tuple(details),
                    )
                )  # fmt: skip
        if pupil.id in absent and closing:
            row(key)["absent"] += 1
    report = ChangesReport(
        period, scope, _grade_rows(counts), _unit_rows(session, scope, counts), pupil_problems=problems,
        other_changes=dict(sorted(others.items())),
    )  # fmt: skip
    for grade_row in report.grade_rows:
        if not grade_row.adds_up:
            report.row_problems.append((scope.name, grade_row))
    for unit_row in report.unit_rows:
        if not unit_row.adds_up and unit_row.kind == "unit":
            report.row_problems.append((unit_row.label, unit_row))
    report.notes = _notes(session, report, schools, max(clamped))
    return report


def _key_of(pupil: Pupil, today: dt.date) -> counts_sql.Key:
    """The pupil's group in the counts (school, stored grade, entry year, reference year)."""
    entry = school_year_of(pupil.enrolled_on) if pupil.enrolled_on is not None else None
    return pupil.school_id, pupil.grade, entry, pupil.reference_year(today)


def _school_names(session: Session) -> dict[str, str]:
    return {i: n for i, n in session.execute(select(School.id, School.name)).all()}


def _grade_label(grade: int | None) -> str:
    return GRADE_NAMES.get(grade, NO_GRADE) if grade is not None else NO_GRADE


def _grade_rows(counts: dict[Key, dict[str, int]]) -> list[R.Row]:
    by_grade: dict[int | None, list[dict[str, int]]] = defaultdict(list)
    for (_school, grade), values in counts.items():
        by_grade[grade].append(values)
    rows: list[R.Row] = []
    for grade in PRIMARY_GRADES:
        rows.append(R.make_row(GRADE_NAMES[grade], "grade", by_grade.get(grade, [])))
    rows.append(R.make_row("小学小计", "subtotal", [v for g in PRIMARY_GRADES for v in by_grade.get(g, [])]))
    for grade in JUNIOR_GRADES:
        rows.append(R.make_row(GRADE_NAMES[grade], "grade", by_grade.get(grade, [])))
    rows.append(R.make_row("初中小计", "subtotal", [v for g in JUNIOR_GRADES for v in by_grade.get(g, [])]))
    if by_grade.get(None):
        rows.append(R.make_row(NO_GRADE, "grade", by_grade[None]))
    rows.append(R.make_row("合计", "total", list(counts.values())))
    return rows


def _unit_rows(session: Session, scope: ReportScope, counts: dict[Key, dict[str, int]]) -> list[R.Row]:
    if scope.kind == "school":
        return []
    township_of = {i: t for i, t in session.execute(select(School.id, School.township_id)).all()}
    by_unit: dict[str | None, list[dict[str, int]]] = defaultdict(list)
    for (school_id, _grade), values in counts.items():
        unit = township_of.get(school_id or "") if scope.kind == "city" else school_id
        by_unit[unit].append(values)
    units: list[Unit] = list(scope.parts)
    known = {u.id for u in units}
    if any(u not in known for u in by_unit):
        units.append(Unit(None, "（未填学校）" if scope.kind == "township" else "（未填乡镇）"))
    rows = []
    for unit in units:
        parts = (
            by_unit.get(unit.id, [])
            if unit.id is not None
            else [v for u, vs in by_unit.items() if u not in known for v in vs]
        )
        rows.append(R.make_row(unit.name, "unit", parts))
    rows.append(R.make_row("合计", "total", list(counts.values())))
    return rows


def _notes(session: Session, report: ChangesReport, schools: frozenset[str] | None, out_of_range: int) -> list[str]:
    notes = list(DEFINITIONS)
    total = report.total.values
    unknown_in, unknown_out = total["in_unknown"], total["out_unknown"]
    if unknown_in or unknown_out:
        notes.append(
            f"转入中有{unknown_in}人、转出中有{unknown_out}人的学籍异动未注明转学范围（本版本之前的记录），"
            "只计入小计；请在学籍异动中补充。"
        )
    if report.other_changes:
        text = "、".join(f"{k}{v}人" for k, v in report.other_changes.items())
        notes.append(f"本月另有不影响在校生数的学籍异动：{text}。")
    unknown_entry = unknown_entry_count(session, schools)
    if unknown_entry:
        notes.append(f"有{unknown_entry}名学生未填入学日期，按早于本月入学统计；请在学生信息中补填。")
    if out_of_range:
        notes.append(f"有{out_of_range}人次按学年推算的年级超出1—9年级（请核对其年级），已计入最近的年级。")
    return notes
