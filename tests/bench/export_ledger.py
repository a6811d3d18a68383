"""Benchmark: exporting ledgers as formatted .xlsx — the 学生名册 of 100,000 pupils (target ≤ 20 s).

Run: python tests/bench/export_ledger.py [--students N] [--keep]. Builds a demo database once
(services.demo.create_demo, reused from tests/bench/out/ while the size and seed match), then times
`export_ledger(students)` for every pupil — query, guardians, styled cells, compression, rename —
beside the floor of writing the same number of bare cells with the writer alone, and checks the
file by reading it back with python-calamine. Also times the 适龄儿童台账 and the cross-check.
Not a timed test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.bench.common import OUT, Report, peak_rss_mb, timed  # noqa: E402

TARGET_S = 20.0
TODAY = dt.date(2026, 10, 15)


def demo_db(students: int, seed: int = 3) -> Path:
    """A demo database of `students` pupils, made once and kept in tests/bench/out/."""
    from kongchuo_desktop.services.demo import create_demo

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"ledger-demo-{students}-{seed}.sqlite"
    if not path.exists():
        started = time.perf_counter()
        create_demo(path, students=students, seed=seed, today=TODAY)
        print(f"built {path.name} in {time.perf_counter() - started:.1f}s")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the exported files in tests/bench/out/")
    args = parser.parse_args()

    from python_calamine import CalamineWorkbook

    from kongchuo_desktop.documents.xlsx_ledger import LedgerSheet, write_ledger
    from kongchuo_desktop.services import crosscheck as cc
    from kongchuo_desktop.services.actor import SYSTEM
    from kongchuo_desktop.services.ledgers import STUDENT_COLUMNS, LedgerScope, export_ledger
    from kongchuo_desktop.store.database import open_database

    path = demo_db(args.students)
    db = open_database(path)
    out = OUT / "ledger-students.xlsx"
    report = Report(f"ledger export, {args.students:,} students")
    try:
        holder: dict[str, object] = {}

        def students() -> None:
            holder["result"] = export_ledger(db, SYSTEM, "students", out, LedgerScope(), today=TODAY)

        app_s = timed(students)[0]
        rows = holder["result"].rows  # type: ignore[attr-defined]
        size_mb = out.stat().st_size / 1e6

        # Floor: the writer alone, same number of rows and columns, one short text per cell.
        width = len(STUDENT_COLUMNS)
        floor_out = OUT / "ledger-floor.xlsx"
        row = ["文本"] * width

        def floor() -> None:
            write_ledger(floor_out, [LedgerSheet("s", "s", STUDENT_COLUMNS, (row for _ in range(rows)), total=rows)])

        floor_s = timed(floor)[0]
        report.add(f"学生名册 → .xlsx ({rows:,} rows × {width + 1} cols)", app_s * 1000, floor_s * 1000,
                   f"≤ {TARGET_S:.0f} s", app_s <= TARGET_S)  # fmt: skip

        read_s = timed(
            lambda: holder.__setitem__("read", CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python())
        )[0]
        read_rows = holder["read"]
        data_rows = sum(1 for r in read_rows[3:] if isinstance(r[0], float))  # type: ignore[union-attr]
        report.add(
            "read back with python-calamine (check)", read_s * 1000, None, f"{data_rows:,} rows", data_rows == rows
        )
        del holder["read"], read_rows  # 3 million cells kept alive would slow every later step
        gc.collect()

        year = cc.school_age.school_year_of(TODAY)
        kids_s = timed(lambda: export_ledger(db, SYSTEM, "children", OUT / "ledger-children.xlsx",
                                             LedgerScope(school_year=year), today=TODAY))[0]  # fmt: skip
        report.add("适龄儿童台账 → .xlsx", kids_s * 1000, None, "-", None)
        check_s = timed(lambda: holder.__setitem__("check", cc.run_crosscheck(db, SYSTEM, year)))[0]
        counts = {k: holder["check"].count(k) for k in cc.LISTS}  # type: ignore[attr-defined]
        report.add("cross-check (all lists)", check_s * 1000, None, "-", None)
    finally:
        db.close()
    report.print()
    print(f"file: {size_mb:.1f} MB; peak memory {peak_rss_mb():.0f} MB; cross-check counts {counts}")
    if not args.keep:
        for name in ("ledger-students.xlsx", "ledger-floor.xlsx", "ledger-children.xlsx"):
            (OUT / name).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
