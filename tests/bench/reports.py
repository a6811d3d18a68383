"""Benchmark: the city's monthly reports (学籍变动月报 + 辍学情况月报) over 1,000,000 students with
five years of 学籍异动 history, beside the bare SQL aggregate over the same rows as the floor.

    .venv/bin/python tests/bench/reports.py [--students 1000000] [--months 0,12,24,36,48,60] [--dir FOLDER]

The first run builds its database (a few minutes) in tests/bench/out (or --dir); later runs reuse
it. Target: each month's report ≤ 2 s, up to 60 months back (the whole five years of history: the
heaviest, as the counts step back from today over every change since; see services/reports/stepped.py).

What the generator makes (`build`): 9 townships of 根河市, each with a 中心小学 (grades 1–6) and a
中学 (7–9), three of them also a 九年一贯制学校 (1–9). Five school years of history are simulated
one year at a time, as a township's roll really moves: every 1 September the pupils on roll go
up one grade and new pupils enter grade 1 (小学, 九年一贯制) and grade 7 (中学); during the year
pupils transfer out (≈2 %) and in (≈2 %, new records whose first 学籍异动 is the 转入), are
suspended (≈0.6 %, most back within the year through 复学), drop out (≈0.2 %, half of them back),
now and then die; every early July the 在读 pupils of the top grade (6 at a 小学, 9 elsewhere)
graduate (毕业). Histories are consistent (each change's status_before is the status the one
before left) and dated with the service's rule (never before the pupil's previous change). Stored
grades are those of the current school year (left pupils: the year they left); the student table
holds everyone who was on roll in the five years — graduates, leavers and the pupils now at
school — until `students` rows are made, so the roll is a little under half of it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import time
import uuid
from pathlib import Path

from common import OUT, Report, finished, median, reusable, timed  # type: ignore[import-not-found]

from kongchuo_desktop.services.actor import SYSTEM
from kongchuo_desktop.services.reports.monthly import monthly_report
from kongchuo_desktop.services.reports.period import Period, last_month
from kongchuo_desktop.services.sites import init_site, school_by_name, township_by_name
from kongchuo_desktop.store.database import open_database
from kongchuo_desktop.store.models import StatusChange, Student

TOWNSHIPS = [
    "好里堡街道",
    "河西街道",
    "森工街道",
    "河东街道",
    "金河镇",
    "阿龙山镇",
    "满归镇",
    "得耳布尔镇",
    "敖鲁古雅乡",
]
NINE_YEAR = {"金河镇", "阿龙山镇", "满归镇"}  # townships that also have a 九年一贯制学校
VERSION = 3
SCOPES = ("县内", "市内", "省内", "跨省")
YEARS = 5
# Yearly chances per pupil on roll.
P_OUT, P_SUSPEND, P_DROPOUT, P_DEATH, P_IN = 0.02, 0.006, 0.002, 0.0001, 0.02


def _defaults(model: type) -> dict[str, object]:
    """Scalar column defaults (columns added by later versions get theirs without naming them here)."""
    out: dict[str, object] = {}
    for column in model.__table__.columns:
        arg = getattr(column.default, "arg", None)
        out[column.name] = None if callable(arg) else arg
    return out


class _Writer:
    """Buffers student and status_change rows and writes them in batches."""

    def __init__(self, conn: sqlite3.Connection, rng: random.Random, now: str) -> None:
        self.conn, self.rng, self.now = conn, rng, now
        self.s_cols = [c.name for c in Student.__table__.columns]
        self.c_cols = [c.name for c in StatusChange.__table__.columns]
        self.s_defaults, self.c_defaults = _defaults(Student), _defaults(StatusChange)
        self.s_sql = f"INSERT INTO student ({', '.join(self.s_cols)}) VALUES ({', '.join('?' for _ in self.s_cols)})"
        self.c_sql = (
            f"INSERT INTO status_change ({', '.join(self.c_cols)}) VALUES ({', '.join('?' for _ in self.c_cols)})"
        )
        self.students: list[tuple[object, ...]] = []
        self.changes: list[tuple[object, ...]] = []
        self.n_students = self.n_changes = 0

    def change(self, sid: str, kind: str, on: int, before: str | None, after: str) -> None:
        rng = self.rng
        scope = rng.choice(SCOPES) if kind in ("转入", "转出") else None
        row = {"id": uuid.UUID(int=rng.getrandbits(128)).hex, "student_id": sid, "kind": kind,
               "changed_on": dt.date.fromordinal(on).isoformat(), "reason": "基准数据",
               "from_school": "外校" if kind == "转入" else None, "to_school": "外校" if kind == "转出" else None,
               "status_before": before, "status_after": after, "transfer_scope": scope, "recorded_by": "bench",
               "origin_site_id": None, "change_seq": 0, "updated_at": self.now, "updated_by": "bench",
               "deleted": False}  # fmt: skip
        self.changes.append(tuple(row.get(c, self.c_defaults[c]) for c in self.c_cols))
        self.n_changes += 1

    def student(self, pupil: list, school: tuple[str, str, str]) -> None:
        sid, _school, grade, enrolled, status = pupil[:5]
        school_id, town_id, _kind = school
        row = {"id": sid, "name": "学生", "name_pinyin": "xuesheng", "name_initials": "xs", "sex": "男",
               "birth_date": None, "ethnicity_code": "01", "id_type": "居民身份证", "id_number": None,
               "student_no": None, "hukou_address": None, "hukou_nature": None, "hukou_township_id": town_id,
               "current_address": None, "school_id": school_id, "township_id": town_id, "grade": grade,
               "class_no": 1, "enrolled_on": dt.date.fromordinal(enrolled).isoformat(), "boarding": False,
               "status": status, "left_behind": "无", "migrant": False, "disability_type": None,
               "disability_arrangement": None, "poverty": self.rng.random() < 0.05, "low_income": False,
               "orphan": False, "guardian_teacher_id": None, "note": None, "origin_site_id": None,
               "change_seq": self.n_students + 100, "updated_at": self.now, "updated_by": "bench",
               "deleted": False}  # fmt: skip
        self.students.append(tuple(row.get(c, self.s_defaults[c]) for c in self.s_cols))
        self.n_students += 1
        if len(self.students) >= 50_000:
            self.flush()

    def flush(self) -> None:
        self.conn.executemany(self.s_sql, self.students)
        self.conn.executemany(self.c_sql, self.changes)
        self.students.clear()
        self.changes.clear()


def build(path: Path, students: int, today: dt.date, seed: int = 7) -> Path:
    """A bureau database of `students` pupil records with five school years of consistent history
    (see the module docstring)."""
    stamp = f"{students}:{seed}:{VERSION}:{today.isoformat()}"
    if reusable(path, stamp):
        return path
    started = time.perf_counter()
    rng = random.Random(seed)
    db = open_database(path, create=True)
    init_site(db, "根河市教育局", "bureau")
    schools: list[tuple[str, str, str]] = []
    with db.transaction(user="bench") as session:
        for t_no, name in enumerate(TOWNSHIPS):
            town = township_by_name(session, name, create=True)
            kinds = [("中心小学", "小学"), ("中学", "初中")]
            if name in NINE_YEAR:
                kinds.append(("九年一贯制学校", "九年一贯制"))
            for suffix, kind in kinds:
                school = school_by_name(session, f"{name}第{t_no + 1}{suffix}", township=town, create=True)
                assert school.kind == kind, (school.name, school.kind)
                schools.append((school.id, town.id, kind))
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    writer = _Writer(conn, rng, dt.datetime(today.year, today.month, 1).isoformat(sep=" "))
    year_now = today.year if today.month >= 9 else today.year - 1
    first_year = year_now - YEARS
    last_day = (today - dt.timedelta(days=1)).toordinal()
    top = {"小学": 6, "初中": 9, "九年一贯制": 9}
    entry_grades = {"小学": (1,), "初中": (7,), "九年一贯制": (1, 7)}
    # Pupils per school and grade: a 九年一贯制 school is a third the size of the others; its grade 7
    # takes a few pupils from outside besides its own grade-6 pupils.
    weights = [0.34 if kind == "九年一贯制" else 1.0 for _, _, kind in schools]
    slots = sum(w * (top[kind] - entry_grades[kind][0] + 1) for w, (_, _, kind) in zip(weights, schools, strict=True))
    per_grade = students / (slots * 2.19)  # all records made ≈ 2.19 × the roll
    roll: list[list] = []  # [id, school index, grade, enrolled ordinal, status]

    def new_pupil(school: int, grade: int, enrolled: int) -> list:
        return [uuid.UUID(int=rng.getrandbits(128)).hex, school, grade, enrolled, "在读"]

    def leave(pupil: list) -> None:
        writer.student(pupil, schools[pupil[1]])

    def n_for(school: int) -> int:
        mean = per_grade * weights[school]
        return max(0, int(rng.gauss(mean, mean * 0.03)))

    # The roll on the first September: every grade of every school, entered in its entry year.
    for i, (_sid, _town, kind) in enumerate(schools):
        low = entry_grades[kind][0]
        for grade in range(low, top[kind] + 1):
            entered = dt.date(first_year - (grade - low), 9, 1).toordinal()
            roll.extend(new_pupil(i, grade, entered) for _ in range(n_for(i)))
    for year in range(first_year, year_now + 1):
        sept = dt.date(year, 9, 1).toordinal()
        if year > first_year:  # 升级 and the new grades 1 and 7
            for pupil in roll:
                pupil[2] += 1
            for i, (_sid, _town, kind) in enumerate(schools):
                for grade in entry_grades[kind]:
                    n = n_for(i) if grade == 1 or kind == "初中" else n_for(i) // 10
                    roll.extend(new_pupil(i, grade, sept) for _ in range(n))
        full = dt.date(year + 1, 6, 20).toordinal()
        end = min(full, last_day)
        if end <= sept + 10:
            break
        part = (end - sept) / (full - sept)  # the share of this school year that has passed
        # Transfers in: new records, their first change the 转入.
        for _ in range(int(len(roll) * P_IN * part)):
            i = rng.randrange(len(schools))
            kind = schools[i][2]
            grade = rng.randint(entry_grades[kind][0], top[kind])
            day = rng.randint(sept + 7, end)
            pupil = new_pupil(i, grade, day)
            writer.change(pupil[0], "转入", day, None, "在读")
            pupil.append(day)  # the last change's day: later changes may not be earlier
            roll.append(pupil)
        stay: list[list] = []
        p_any = (P_OUT + P_SUSPEND + P_DROPOUT + P_DEATH) * part
        for pupil in roll:
            lo = max(sept + 7, pupil[5] + 1 if len(pupil) > 5 else 0)
            sid = pupil[0]
            if pupil[4] == "休学":  # suspended last year: back this year, or not yet
                if rng.random() < 0.6 * part and lo < end:
                    writer.change(sid, "复学", rng.randint(lo, end), "休学", "在读")
                    pupil[4] = "在读"
                stay.append(pupil)
                continue
            x = rng.random()
            if x >= p_any or lo >= end:
                stay.append(pupil)
                continue
            x /= part
            day = rng.randint(lo, end)
            back = day + rng.randint(20, 200)
            if x < P_OUT:
                writer.change(sid, "转出", day, "在读", "转出")
                pupil[4] = "转出"
            elif x < P_OUT + P_SUSPEND:
                writer.change(sid, "休学", day, "在读", "休学")
                pupil[4] = "休学"
                if rng.random() < 0.85 and back <= end:
                    writer.change(sid, "复学", back, "休学", "在读")
                    pupil[4] = "在读"
            elif x < P_OUT + P_SUSPEND + P_DROPOUT:
                writer.change(sid, "辍学", day, "在读", "辍学")
                pupil[4] = "辍学"
                if rng.random() < 0.5 and back <= end:
                    writer.change(sid, "复学", back, "辍学", "在读")
                    pupil[4] = "在读"
            else:
                writer.change(sid, "死亡", day, "在读", "死亡")
                pupil[4] = "死亡"
            if pupil[4] in ("在读", "休学"):
                stay.append(pupil)
            else:
                leave(pupil)
        roll = stay
        july = dt.date(year + 1, 7, 1).toordinal()
        if july > last_day:
            break
        stay = []
        for pupil in roll:  # 毕业 of the top grade (a pupil still 休学 stays on)
            if pupil[4] == "在读" and pupil[2] == top[schools[pupil[1]][2]]:
                writer.change(pupil[0], "毕业", july + rng.randrange(5), "在读", "毕业")
                pupil[4] = "毕业"
                leave(pupil)
            else:
                stay.append(pupil)
        roll = stay
        for pupil in roll:  # a 休学 pupil who missed graduating stays in the top grade
            if pupil[4] == "休学" and pupil[2] == top[schools[pupil[1]][2]]:
                pupil[2] -= 1
    for pupil in roll:
        leave(pupil)
    writer.flush()
    conn.commit()
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    finished(path, stamp)
    print(
        f"generated {writer.n_students:,} students ({len(roll):,} on roll now), {writer.n_changes:,} status changes "
        f"over {YEARS} school years in {time.perf_counter() - started:.1f} s → {path}"
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=1_000_000)
    parser.add_argument("--months", default="0,12,24,36,48,60", help="months back from last month to time")
    parser.add_argument("--dir", type=Path, default=OUT, help="folder for the database (default tests/bench/out)")
    args = parser.parse_args()
    today = dt.date.today()
    args.dir.mkdir(exist_ok=True)
    path = build(args.dir / f"reports-{args.students}.sqlite", args.students, today)
    db = open_database(path)
    floor_sql = (
        "SELECT school_id, grade, count(*) FROM student WHERE deleted = 0 AND status = '在读' GROUP BY school_id, grade"
    )
    conn = sqlite3.connect(path)
    floor = median(timed(lambda: conn.execute(floor_sql).fetchall(), repeat=5))
    conn.close()
    changes = conn_count(path)
    bench = Report(f"monthly reports, {args.students:,} students, {changes:,} status changes over {YEARS} years")
    last = last_month(today)
    monthly_report(db, SYSTEM, last, today=today)  # warm the page cache like the floor's first run
    for back in (int(x) for x in args.months.split(",")):
        period = last
        for _ in range(back):
            period = period.previous()
        repeat = 3 if back == 0 else 1
        both = median(timed(lambda p=period: monthly_report(db, SYSTEM, p, today=today), repeat=repeat))
        report = monthly_report(db, SYSTEM, period, today=today)
        total = report.changes.total.values if report.changes else {}
        print(
            f"{period.label}: opening {total.get('opening'):,} closing {total.get('closing'):,} "
            f"adds up: {report.adds_up}"
        )
        label = "last month" if back == 0 else f"{back} months back"
        bench.add(f"city report {period.key} ({label}), both kinds", both * 1000, floor * 1000, "≤ 2 s", both <= 2.0)
        if back == 0:
            only = median(timed(lambda p=period: monthly_report(db, SYSTEM, p, kind="changes", today=today), 3))
            bench.add("  学籍变动月报 only", only * 1000, floor * 1000, "", None)
    for month in _busy_months(last):
        both = median(timed(lambda p=month: monthly_report(db, SYSTEM, p, today=today)))
        bench.add(f"city report {month.key} (busiest month), both", both * 1000, floor * 1000, "≤ 2 s", both <= 2.0)
    bench.print()
    db.close()


def conn_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM status_change").fetchone()[0])
    finally:
        conn.close()


def _busy_months(last: Period) -> list[Period]:
    """The last July (毕业) and September (新入学) before `last`."""
    out = []
    for month in (7, 9):
        year = last.year if (last.year, month) <= (last.year, last.month) else last.year - 1
        out.append(Period(year, month))
    return out


if __name__ == "__main__":
    main()
