"""Benchmark: the 待办 page over 1,000,000 students and 50,000 open 控辍 cases.

Run: python tests/bench/todo.py [--students N] [--cases N]. Builds (once, cached in tests/bench/out)
a register of N students with bigdata.build, then adds the cases with store.bulk.insert_many —
each case's state and due dates computed by the domain state machine from a random but valid
history — plus 20% as many closed ones. Prints, for the whole site, one township and one school:
the service (services.todo.build_todo: six group counts, their first 200 rows, the badge count),
the page (gui.todo_page.TodoPage refreshed and painted, whole site), and beside each the same
questions asked of SQLite directly (the floor) with the ratio. Not a timed test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sqlite3
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.bench.common import OUT, Report, median, p95, peak_rss_mb, timed  # noqa: E402

TODAY = dt.date(2026, 11, 20)  # a Friday in term
VERSION = 4  # bump when the generated cases or the case indexes change
GROUP_SQL = {
    "visits_overdue": ("visit_due_on < :d", "visit_due_on"),
    "visits_today": ("visit_due_on = :d", "visit_due_on"),
    "reports": ("report_due_on <= :d", "report_due_on"),
    "notices": ("notice_due_on < :d", "notice_due_on"),
    "stale": ("last_activity_on <= :s", "last_activity_on"),
    "to_close": ("close_due_on <= :d", "close_due_on"),
}


def _history(rng: random.Random, book: object, rules: object, first: dt.date) -> list[object]:
    """A plausible event history of one case starting on `first` (never after TODAY)."""
    from kongchuo_desktop.domain import escalation as esc

    events = [esc.Event(esc.OPEN, first)]
    day = first
    stage = rng.choices(["none", "v1", "v2", "v3", "report", "notice", "returned", "dropout", "referral"],
                        [10, 10, 8, 8, 14, 20, 6, 14, 10])[0]  # fmt: skip
    if stage == "none":
        return events
    outcomes = [esc.OUTCOME_REFUSED, esc.OUTCOME_UNREACHABLE, esc.OUTCOME_PROMISED]
    for n, round_ in enumerate(esc.ESCALATION_ROUNDS):
        if day > TODAY:
            return events
        outcome = rng.choice(outcomes)
        promised = day + dt.timedelta(days=rng.randint(1, 7)) if outcome == esc.OUTCOME_PROMISED else None
        events.append(esc.Event(esc.VISIT, day, round=round_, outcome=outcome, promised_on=promised))
        day = book.school_days_after(day, rng.randint(1, 2))  # type: ignore[attr-defined]
        if stage == f"v{n + 1}":
            return events
    if day > TODAY:
        return events
    events.append(esc.Event(esc.REPORT, day))
    if stage == "report":
        return events
    day = book.school_days_after(day, rng.randint(1, 4))  # type: ignore[attr-defined]
    if day > TODAY:
        return events
    events.append(esc.Event(esc.NOTICE, day, deadline=day + dt.timedelta(days=7)))
    if stage == "notice":
        return events
    day += dt.timedelta(days=rng.randint(8, 20))
    if day > TODAY:
        return events
    if stage == "returned":
        events.append(esc.Event(esc.RETURN, day))
    elif stage == "dropout":
        events.append(esc.Event(esc.CONFIRM_DROPOUT, max(day, book.school_days_after(first, 4))))  # type: ignore[attr-defined]
    else:
        events.append(esc.Event(esc.REFERRAL, day, ref=f"r{rng.getrandbits(32)}"))
    return events


def _sync_case_indexes(db: object) -> None:
    """Make the case table's indexes those of the model (a cached database may predate a change)."""
    from kongchuo_desktop.store.models import Case

    with db.engine.begin() as conn:  # type: ignore[attr-defined]
        existing = {
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dropout_case' AND sql IS NOT NULL"
            )
        }
        for name in existing:  # recreated from the model: same names may have new columns
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
        for ix in Case.__table__.indexes:
            ix.create(conn)


def add_cases(path: Path, n_open: int, seed: int = 3) -> None:
    """Add `n_open` open cases and 20% as many closed ones (skipped when already there)."""
    marker = path.with_suffix(".cases")
    built = path.with_suffix(".done")  # bigdata.build's marker: a rebuilt register has no cases
    stamp = f"{n_open}:{seed}:{VERSION}:{built.stat().st_mtime_ns if built.exists() else 0}"
    if marker.exists() and marker.read_text() == stamp:
        return
    from sqlalchemy import delete, select

    from kongchuo_desktop.domain import escalation as esc
    from kongchuo_desktop.domain.school_calendar import CalendarBook
    from kongchuo_desktop.services.cases import case_number, store_state
    from kongchuo_desktop.store.bulk import insert_many
    from kongchuo_desktop.store.database import open_database
    from kongchuo_desktop.store.models import Absence, Case, Student

    started = time.perf_counter()
    rng = random.Random(seed)
    book = CalendarBook()
    rules = esc.EscalationRules()
    db = open_database(path)
    try:
        _sync_case_indexes(db)
        with db.transaction(user="bench") as session:
            session.execute(delete(Absence))
            session.execute(delete(Case))
            ids = [
                (r.id, r.school_id, r.township_id)
                for r in session.execute(
                    select(Student.id, Student.school_id, Student.township_id).where(Student.status == "在读")
                )
            ]
            chosen = rng.sample(ids, int(n_open * 1.2))
            case_rows, absence_rows = [], []
            for k, (student_id, school_id, township_id) in enumerate(chosen):
                first = book.nth_school_day(TODAY - dt.timedelta(days=rng.randint(0, 120)), 1)
                if first > TODAY:
                    first = book.nth_school_day(TODAY - dt.timedelta(days=7), 1)
                events = _history(rng, book, rules, first)
                state = esc.replay(events, book, rules)
                if k >= n_open:  # the closed ones: back, then 销号 (a 缺课 case closes itself on the return)
                    last = max(e.on for e in events)  # type: ignore[attr-defined]
                    if state.status in esc.OUT_OF_SCHOOL:
                        events.append(esc.Event(esc.RETURN, book.school_days_after(last, 1)))
                        state = esc.replay(events, book, rules)
                    if state.is_open:
                        events.append(esc.Event(esc.CLOSE, book.school_days_after(last, 2), outcome=esc.RESUMED))
                        state = esc.replay(events, book, rules)
                row = SimpleNamespace()
                store_state(row, state, book, rules)  # type: ignore[arg-type]
                case_id = f"{rng.getrandbits(128):032x}"
                values = dict(vars(row))
                values.update(id=case_id, number=case_number(state.opened_on, case_id), student_id=student_id,
                              school_id=school_id, township_id=township_id, events=len(events),
                              reason=rng.choice(esc.REASONS))  # fmt: skip
                case_rows.append(values)
                absence_rows.append({"student_id": student_id, "case_id": case_id, "school_id": school_id,
                                     "first_day": first, "return_day": state.returned_on})  # fmt: skip
            insert_many(session, Case, case_rows)
            insert_many(session, Absence, absence_rows)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    marker.write_text(stamp)
    print(f"added {n_open:,} open and {len(chosen) - n_open:,} closed cases in {time.perf_counter() - started:.1f} s")


def scopes(path: Path) -> dict[str, dict[str, str | None]]:
    """The actors measured: whole site, the busiest township, the busiest school."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    town = conn.execute(
        "SELECT township_id FROM dropout_case WHERE is_open = 1 GROUP BY township_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    school = conn.execute(
        "SELECT school_id, township_id FROM dropout_case WHERE is_open = 1 GROUP BY school_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    counts = {
        "site": conn.execute("SELECT count(*) FROM dropout_case WHERE is_open = 1").fetchone()[0],
        "township": conn.execute("SELECT count(*) FROM dropout_case WHERE is_open = 1 AND township_id = ?", (town,)).fetchone()[0],
        "school": conn.execute("SELECT count(*) FROM dropout_case WHERE is_open = 1 AND school_id = ?", (school[0],)).fetchone()[0],
    }  # fmt: skip
    conn.close()
    return {
        "site": {"township_id": None, "school_id": None, "open": counts["site"]},
        "township": {"township_id": town, "school_id": None, "open": counts["township"]},
        "school": {"township_id": school[1], "school_id": school[0], "open": counts["school"]},
    }


def floor_sql(path: Path, scope: dict[str, str | None], repeat: int) -> list[float]:
    """The same questions straight to SQLite: per group a count and the first 200 rows (ids in due
    order, then their case and pupil columns), and the badge count — written as the app writes
    them for the planner (conditions kept off the date indexes for a school and for the badge)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    where = "is_open = 1 AND deleted = 0"
    args: dict[str, object] = {"d": TODAY.isoformat(), "s": (TODAY - dt.timedelta(days=14)).isoformat()}
    if scope["school_id"]:
        where += " AND school_id = :school"
        args["school"] = scope["school_id"]
    elif scope["township_id"]:
        where += " AND township_id = :town"
        args["town"] = scope["township_id"]
    cols = ("c.id, c.number, c.student_id, c.status, c.threshold_on, c.visit_action, c.visit_due_on, c.report_due_on, "
            "c.notice_due_on, c.close_due_on, c.next_action, c.next_due_on, c.last_activity_on, c.school_id, s.name, "
            "s.grade, s.class_no")  # fmt: skip

    def unindexed(cond: str) -> str:  # the form the app uses where SQLite would pick a worse index
        column, rest = cond.split(" ", 1)
        return f"({column} || '') {rest}"

    school = bool(scope["school_id"])

    def once() -> None:
        for cond, order in GROUP_SQL.values():
            cond = unindexed(cond) if school else cond
            conn.execute(f"SELECT count(*) FROM dropout_case WHERE {where} AND {cond}", args).fetchone()
            ids = [r[0] for r in conn.execute(
                f"SELECT id FROM dropout_case WHERE {where} AND {cond} ORDER BY {order}, id LIMIT 200", args)]  # fmt: skip
            if ids:
                marks = ",".join("?" * len(ids))
                conn.execute(
                    f"SELECT {cols} FROM dropout_case c JOIN student s ON s.id = c.student_id WHERE c.id IN ({marks})",
                    ids,
                ).fetchall()
        any_group = " OR ".join(f"({unindexed(cond)})" for cond, _ in GROUP_SQL.values())
        conn.execute(f"SELECT count(*) FROM dropout_case WHERE {where} AND ({any_group})", args).fetchone()

    times = timed(once, repeat)
    conn.close()
    return times


def app_figures(path: Path, repeat: int) -> dict[str, object]:
    """build_todo per scope, and the TodoPage refreshed and painted (whole site), in this process."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kongchuo_desktop.services import clock
    from kongchuo_desktop.services import permissions as perms
    from kongchuo_desktop.services.actor import Actor
    from kongchuo_desktop.services.todo import build_todo
    from kongchuo_desktop.store.database import open_database

    clock.today = lambda: TODAY  # type: ignore[assignment]
    out: dict[str, object] = {}
    db = open_database(path)
    try:
        for name, scope in scopes(path).items():
            role = {"site": perms.BUREAU, "township": perms.TOWNSHIP, "school": perms.PRINCIPAL}[name]
            actor = Actor("bench", "bench", role, township_id=scope["township_id"], school_id=scope["school_id"])  # type: ignore[arg-type]
            result = build_todo(db, actor, TODAY)  # warm-up (and the figures shown)
            out[f"{name} service"] = timed(lambda a=actor: build_todo(db, a, TODAY), repeat)
            out[f"{name} counts"] = {g.key: g.count for g in result.groups} | {
                "badge": result.cases,
                "open": scope["open"],
            }
        from PySide6.QtWidgets import QApplication

        from kongchuo_desktop.gui.todo_page import TodoPage

        app = QApplication.instance() or QApplication([])
        actor = Actor("bench", "bench", perms.BUREAU)
        holder: dict[str, TodoPage] = {}

        def first_paint() -> None:
            page = TodoPage(db, actor)
            page.resize(1366, 728)
            page.show()
            app.processEvents()
            holder["page"] = page

        out["page first paint"] = timed(first_paint, 1)
        page = holder["page"]
        out["page refresh"] = timed(lambda: (page.refresh(), app.processEvents()), repeat)
        out["peak rss"] = peak_rss_mb()
    finally:
        db.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--students", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    path = OUT / f"todo-{args.students}.sqlite"
    if args.measure:
        print("RESULT " + json.dumps(app_figures(args.measure, args.repeat)))
        return
    if args.prepare:
        from tests.bench.bigdata import build

        OUT.mkdir(exist_ok=True)
        add_cases(build(path, args.students), args.cases)
        return
    import subprocess

    # Preparing and measuring each run in a process of their own: Linux carries a process's peak
    # RSS across fork+exec, so a measuring child started by a big parent would report the parent's.
    prepare = [sys.executable, __file__, "--prepare", "--students", str(args.students), "--cases", str(args.cases)]
    subprocess.run(prepare, check=True)
    child = subprocess.run([sys.executable, __file__, "--measure", str(path), "--repeat", str(args.repeat)],
                           capture_output=True, text=True, check=False)  # fmt: skip
    lines = [ln for ln in child.stdout.splitlines() if ln.startswith("RESULT ")]
    if not lines:
        print(child.stdout, child.stderr)
        raise SystemExit("measurement failed")
    app = json.loads(lines[-1][7:])
    floors = {name: floor_sql(path, scope, args.repeat) for name, scope in scopes(path).items()}
    report = Report(f"待办 (to-do), {args.students:,} students, {args.cases:,} open cases, as of {TODAY}")
    for name in ("site", "township", "school"):
        counts = app[f"{name} counts"]
        value = median(app[f"{name} service"])
        report.add(f"build_todo, {name} ({counts['open']:,} open) median", value * 1000, median(floors[name]) * 1000,
                   "≤ 300 ms", value <= 0.3)  # fmt: skip
        report.add(f"build_todo, {name} p95", p95(app[f"{name} service"]) * 1000, p95(floors[name]) * 1000, "-", None)
    page = median(app["page refresh"])
    report.add(
        "TodoPage refresh + paint, site (median)", page * 1000, median(floors["site"]) * 1000, "≤ 300 ms", page <= 0.3
    )
    report.add("TodoPage first paint, site (incl. widget set-up)", app["page first paint"][0] * 1000, None, "-", None)
    report.print()
    for name in ("site", "township", "school"):
        print(f"{name:9} groups: {app[f'{name} counts']}")
    print(f"peak RSS of the app process: {app['peak rss']:.0f} MB")


if __name__ == "__main__":
    main()
