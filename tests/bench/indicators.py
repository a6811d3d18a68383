"""Benchmark: the four indicators (入学率, 九年巩固率, 辍学率, 保留率) and the dashboard's data for the
city over the monthly reports' database (reports.py: 1,000,000 students, five years of 学籍异动),
with a children's register added for 入学率, beside bare SQL counts over the same rows as the floor.

    .venv/bin/python tests/bench/indicators.py [--students 1000000] [--dir FOLDER]

Builds (or reuses) the reports benchmark's database, then adds once a register of the school-age
children of each township: every pupil on roll, linked to their 学籍 (birth date from their grade),
and 3 % more children not on any roll (未入学, 外地就读, 缓学). Target: each figure ≤ 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import time
import uuid
from pathlib import Path

from common import OUT, Report, median, peak_rss_mb, timed  # type: ignore[import-not-found]
from reports import _defaults, build  # type: ignore[import-not-found]
from sqlalchemy import select

from kongchuo_desktop.domain import indicators as ind
from kongchuo_desktop.gc_pause import gc_paused
from kongchuo_desktop.services import dashboard
from kongchuo_desktop.services import indicators as si
from kongchuo_desktop.services.actor import SYSTEM
from kongchuo_desktop.store.database import open_database
from kongchuo_desktop.store.models import Child, School, Township

REGISTER = 1  # bump when the register's content changes
ELSEWHERE = (("未入学", 0.4), ("外地就读", 0.4), ("缓学", 0.2))


def add_register(path: Path, today: dt.date, seed: int = 3) -> int:
    """Add the children's register (once; a marker file remembers it). Returns its size."""
    marker = path.with_suffix(f".register{REGISTER}")
    conn = sqlite3.connect(path)
    try:
        if marker.exists():
            return int(conn.execute("SELECT count(*) FROM child WHERE deleted = 0").fetchone()[0])
        started = time.perf_counter()
        rng = random.Random(seed)
        cols = [c.name for c in Child.__table__.columns]
        defaults = _defaults(Child)
        sql = f"INSERT INTO child ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
        year = today.year if today.month >= 9 else today.year - 1
        now = dt.datetime(today.year, today.month, 1).isoformat(sep=" ")
        rows: list[tuple[object, ...]] = []

        def child(town: str, birth: dt.date, situation: str, student: str | None) -> None:
            row = {"id": uuid.UUID(int=rng.getrandbits(128)).hex, "name": "儿童", "name_pinyin": "ertong",
                   "name_initials": "et", "sex": "女", "birth_date": birth.isoformat(), "township_id": town,
                   "situation": situation, "student_id": student, "origin_site_id": None,
                   "change_seq": len(rows) + 2_000_000, "updated_at": now, "updated_by": "bench", "deleted": False}  # fmt: skip
            rows.append(tuple(row.get(c, defaults[c]) for c in cols))

        pupils = conn.execute(
            "SELECT id, township_id, grade FROM student WHERE deleted = 0 AND status IN ('在读', '休学')"
        ).fetchall()
        for sid, town, grade in pupils:
            child(town, dt.date(year - 6 - (grade or 1), 3, 1 + rng.randrange(28)), "本地在校", sid)
        towns = [t for (t,) in conn.execute("SELECT id FROM township WHERE deleted = 0")]
        for _ in range(len(pupils) * 3 // 100):
            x, situation = rng.random(), ELSEWHERE[-1][0]
            for name, share in ELSEWHERE:
                if x < share:
                    situation = name
                    break
                x -= share
            child(rng.choice(towns), dt.date(year - 6 - rng.randint(1, 9), 6, 1), situation, None)
        conn.executemany(sql, rows)
        conn.commit()
        conn.execute("ANALYZE child")
        conn.commit()
        marker.write_text(str(len(rows)))
        print(f"added a register of {len(rows):,} children in {time.perf_counter() - started:.1f} s")
        return len(rows)
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=OUT, help="folder for the database (default tests/bench/out)")
    args = parser.parse_args()
    today = dt.date.today()
    args.dir.mkdir(exist_ok=True)
    path = build(args.dir / f"reports-{args.students}.sqlite", args.students, today)
    children = add_register(path, today)
    db = open_database(path)
    year = today.year if today.month >= 9 else today.year - 1
    start = dt.date(year, 9, 1).isoformat()
    conn = sqlite3.connect(path)
    floor_sql = (  # what every indicator reads at least: the pupils on roll and the year's changes
        "SELECT (SELECT count(*) FROM student WHERE deleted = 0 AND status IN ('在读', '休学')),"
        f" (SELECT count(*) FROM status_change WHERE deleted = 0 AND changed_on >= '{start}')"
    )
    floor = median(timed(lambda: conn.execute(floor_sql).fetchall(), repeat=5))
    conn.close()
    bench = Report(f"indicators and dashboard, {args.students:,} students, {children:,} children registered")
    with db.read_session() as session:
        town = session.execute(select(Township.id).order_by(Township.name)).scalars().first()
        school = session.execute(select(School.id).order_by(School.name)).scalars().first()
    period = si.period_for(None, today)
    data = None

    def load() -> None:
        nonlocal data
        with db.read_session() as session:
            data = si.load(session, None, None)

    bench.add("load the city's pupils and register", median(timed(load)) * 1000, floor * 1000, "", None)
    assert data is not None
    defs, pupils, end, current = data.definitions, data.pupils, period.end, period.current_year
    steps = {
        "  九年巩固率 (recorded years + cohort)": lambda: ind.consolidation_rate(
            pupils, year, end, current, defs, ind.recorded_years(pupils, range(1, 10), current)
        ),
        "  辍学率": lambda: ind.dropout_rate(pupils, year, end, current, defs),
        "  保留率": lambda: ind.retention_rate(pupils, year, end, current, defs),
        "  入学率": lambda: ind.enrolment_rate(si.children_on(data, None, end), year, defs, data.cutoff),
    }
    for label, step in steps.items():
        with gc_paused():  # as the services run them (services.indicators)
            bench.add(label, median(timed(step)) * 1000, floor * 1000, "", None)
    cache = si.results_cache(db)  # computed results are kept per data version: forget them to time the work
    for label, kwargs in (("city", {}), ("one township", {"township_id": town}), ("one school", {"school_id": school})):
        cache.clear()
        seconds = median(timed(lambda k=kwargs: si.compute_indicators(db, SYSTEM, today=today, **k)))
        bench.add(f"four indicators, {label}", seconds * 1000, floor * 1000, "≤ 2 s", seconds <= 2.0)
    cache.clear()
    seconds = median(timed(lambda: dashboard.build_dashboard(db, SYSTEM, today=today)))
    bench.add("dashboard data (city)", seconds * 1000, floor * 1000, "≤ 2 s", seconds <= 2.0)
    cache.clear()
    seconds = median(timed(lambda: dashboard.dashboard_and_breakdown(db, SYSTEM, today=today)))
    bench.add("dashboard page: data + per-unit table (city)", seconds * 1000, floor * 1000, "", None)
    seconds = median(timed(lambda: dashboard.dashboard_and_breakdown(db, SYSTEM, today=today), repeat=5))
    bench.add("  the same again, nothing written (kept)", seconds * 1000, floor * 1000, "≤ 0.1 s", seconds <= 0.1)
    tiles = si.compute_indicators(db, SYSTEM, today=today)
    for indicator in tiles.indicators.values():
        print(indicator.formula)
    bench.print()
    print(f"peak memory {peak_rss_mb():,.0f} MB")
    db.close()


if __name__ == "__main__":
    main()
