"""Benchmark: importing a generated 100,000-row, 19-column roster .xlsx end to end (read, validate,
compare with the register, write with history) against the floor measured in the same run.

Run: python tests/bench/import_roster.py [--rows N] [--repeat R] [--keep FILE.xlsx]. Not a timed test.

Floor (as issue 3 defines it): python-calamine reading the same file, plus sqlite3 `executemany` of
the same rows into an empty table with the same indexes as the student table (its 21 indexes, the
partial ones included; the file's columns that the student table lacks — school name, guardian name
and phone — added as plain columns), ids as uuid4 in row order. For information a second floor
inserts the rows in ascending id order (what the app does), which SQLite handles much faster.

Each measurement runs in a fresh interpreter, so the app's peak RSS is its own (it includes the
re-import of the same file into the now full register, reported for information). Targets: end to end
≤ 1.5 × floor; peak RSS ≤ 500 MB. The best of `--repeat` runs of each is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.bench.common import ROOT, Report, peak_rss_mb  # noqa: E402

TARGET_RATIO = 1.5
TARGET_RSS_MB = 500.0


# --- child processes ----------------------------------------------------------------------------


def child_app(xlsx: Path, folder: Path) -> dict[str, object]:
    """Import the file into a new township site database; times and memory of each step."""
    from kongchuo_desktop.services.actor import Actor
    from kongchuo_desktop.services.roster_import import apply_import, preview_import
    from kongchuo_desktop.services.sites import init_site
    from kongchuo_desktop.store.database import open_database

    db = open_database(folder / "app.sqlite", create=True)
    init_site(db, "根河市教育局", "bureau")
    actor = Actor(user="bench", display_name="基准测试")
    cpu = time.process_time()
    start = time.perf_counter()
    preview = preview_import(db, actor, xlsx, "roster")
    previewed = time.perf_counter()
    summary = apply_import(db, actor, preview)
    written = time.perf_counter()
    cpu = time.process_time() - cpu
    assert summary.new == preview.parsed.data_rows, (summary.new, summary.rejected[:3])
    peak = peak_rss_mb()
    new = summary.new
    del preview, summary
    # The same file again: every row compared with the register, nothing written.
    again_start = time.perf_counter()
    again = apply_import(db, actor, preview_import(db, actor, xlsx, "roster"))
    again_s = time.perf_counter() - again_start
    assert (again.new, again.updated, again.written) == (0, 0, False)
    db.close()
    return {
        "preview_s": previewed - start,
        "apply_s": written - previewed,
        "total_s": written - start,
        "total_cpu_s": cpu,
        "reimport_s": again_s,
        "new": new,
        "peak_rss_mb": peak,
        "peak_rss_with_reimport_mb": peak_rss_mb(),
    }


def _floor_table(conn: object, extra: list[str]) -> list[str]:
    """Create the student table with its indexes (and the extra columns); return its columns."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable

    from kongchuo_desktop.store.models import Student

    table = Student.__table__
    ddl = str(CreateTable(table).compile(dialect=sqlite.dialect()))
    ddl = re.sub(r",\s*FOREIGN KEY\([^)]*\) REFERENCES \w+ \(\w+\)", "", ddl)
    conn.execute(ddl)  # type: ignore[attr-defined]
    for name in extra:
        conn.execute(f"ALTER TABLE student ADD COLUMN {name} TEXT")  # type: ignore[attr-defined]
    for index in table.indexes:
        conn.execute(str(CreateIndex(index).compile(dialect=sqlite.dialect())))  # type: ignore[attr-defined]
    return [c.name for c in table.c] + extra


# The file's 19 columns (tests/importing/bench_importing.HEADER) → columns of the floor table.
FILE_COLUMNS = [
    None, "school_name", "grade", "class_no", "name", "sex", "birth_date", "ethnicity_code", "id_type", "id_number",
    "student_no", "hukou_address", "current_address", "guardian1_name", "guardian1_phone", "left_behind", "migrant",
    "poverty", "boarding",
]  # fmt: skip


def child_floor(xlsx: Path, folder: Path, ordered: bool) -> dict[str, object]:
    """Calamine read + executemany of the same rows into an empty table with the same indexes."""
    import sqlite3
    import uuid

    from python_calamine import CalamineWorkbook

    cpu0 = time.process_time()
    start = time.perf_counter()
    rows = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    read = time.perf_counter()
    read_cpu = time.process_time() - cpu0
    header_at = next(i for i, r in enumerate(rows) if r and r[0] == "序号")
    data = rows[header_at + 1 :]
    conn = sqlite3.connect(folder / ("floor-sorted.sqlite" if ordered else "floor.sqlite"))
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    _floor_table(conn, ["school_name", "guardian1_name", "guardian1_phone"])
    targets = [(i, c) for i, c in enumerate(FILE_COLUMNS) if c]
    names = ["id", *(c for _, c in targets), "name_pinyin", "name_initials", "status", "low_income", "orphan",
             "disability_type", "change_seq", "updated_at", "deleted"]  # fmt: skip
    sql = f"INSERT INTO student ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    prepare = time.perf_counter()
    ids = [uuid.uuid4().hex for _ in data]
    if ordered:
        ids.sort()
    params = [
        (row_id, *(str(r[i]) if r[i].__class__ is not str else r[i] for i, _ in targets), "", "", "在读", 0, 0, None, 0,
         "2026-01-01 00:00:00", 0)
        for row_id, r in zip(ids, data, strict=True)
    ]  # fmt: skip
    built = time.perf_counter()
    cpu1 = time.process_time()
    conn.executemany(sql, params)
    conn.commit()
    inserted = time.perf_counter()
    insert_cpu = time.process_time() - cpu1
    conn.close()
    read_s = read - start
    insert_s = inserted - built
    return {
        "read_s": read_s,
        "insert_s": insert_s,
        "floor_s": read_s + insert_s,
        "floor_cpu_s": read_cpu + insert_cpu,
        "rows": len(params),
        "untimed_prepare_s": built - prepare,
    }


def _run_child(mode: str, xlsx: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="kongchuo-bench-") as folder:
        env = {**os.environ, "KONGCHUO_DATA_DIR": str(Path(folder) / "data"), "PYTHONPATH": str(ROOT)}
        out = subprocess.run(
            [sys.executable, __file__, "--child", mode, str(xlsx), folder],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if out.returncode != 0:
            raise SystemExit(f"{mode} run failed:\n{out.stderr}")
        return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    """Generate the roster, run the floor and the app `--repeat` times each, print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="reuse / keep the generated roster here")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "XLSX", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, xlsx, folder = args.child
        if mode == "app":
            result = child_app(Path(xlsx), Path(folder))
        else:
            result = child_floor(Path(xlsx), Path(folder), ordered=mode == "floor-sorted")
        print(json.dumps(result))
        return

    from tests.importing.bench_importing import generate

    with tempfile.TemporaryDirectory(prefix="kongchuo-bench-roster-") as tmp:
        xlsx = args.keep or Path(tmp) / f"roster{args.rows}.xlsx"
        if not xlsx.exists():
            print(f"generating {args.rows:,}-row roster {xlsx} …", flush=True)
            generate(xlsx, args.rows)
        runs: dict[str, list[dict[str, float]]] = {"floor": [], "floor-sorted": [], "app": []}
        for attempt in range(args.repeat):
            for mode in runs:
                runs[mode].append(_run_child(mode, xlsx))
            app = runs["app"][-1]
            print(
                f"run {attempt + 1}: floor {runs['floor'][-1]['floor_s']:.2f} s, "
                f"app {app['total_s']:.2f} s (preview {app['preview_s']:.2f} + write {app['apply_s']:.2f}), "
                f"peak {app['peak_rss_mb']:.0f} MB",
                flush=True,
            )

    floor = min(runs["floor"], key=lambda r: r["floor_s"])
    floor_sorted = min(runs["floor-sorted"], key=lambda r: r["floor_s"])
    app = min(runs["app"], key=lambda r: r["total_s"])
    peak = max(r["peak_rss_mb"] for r in runs["app"])
    ratio = app["total_s"] / floor["floor_s"]
    # CPU seconds of the same runs: on a machine busy with other work, wall time swings by tens of
    # percent between runs while CPU time does not; both are shown.
    floor_cpu = min(r["floor_cpu_s"] for r in runs["floor"])
    app_cpu = min(r["total_cpu_s"] for r in runs["app"])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    report = Report(f"import roster: {args.rows:,} rows × 19 columns, best of {args.repeat}")
    report.add("calamine read (floor part 1)", floor["read_s"] * 1000, None, "", None)
    report.add("executemany, 21 indexes (floor part 2)", floor["insert_s"] * 1000, None, "", None)
    report.add("app: read + validate + compare (preview)", app["preview_s"] * 1000, None, "", None)
    report.add("app: write + history (apply)", app["apply_s"] * 1000, None, "", None)
    report.add("end to end vs floor", app["total_s"] * 1000, floor["floor_s"] * 1000, f"≤ {TARGET_RATIO}×",
               ratio <= TARGET_RATIO)  # fmt: skip
    report.add("end to end vs floor with ids in order (info)", app["total_s"] * 1000, floor_sorted["floor_s"] * 1000,
               "", None)  # fmt: skip
    report.add("CPU time, end to end vs floor (info)", app_cpu * 1000, floor_cpu * 1000, "", None)
    again = min(r["reimport_s"] for r in runs["app"])
    report.add("same file again: all unchanged, no write (info)", again * 1000, floor["floor_s"] * 1000, "", None)
    report.print()
    print(f"load average at the end: {load:.1f} on {os.cpu_count()} CPUs")
    print(f"{'peak RSS of the import':48} {peak:8.0f} MB {'':>10} {'':>7}  ≤ {TARGET_RSS_MB:.0f} MB"
          f"{'  OK' if peak <= TARGET_RSS_MB else '  MISSED'}")  # fmt: skip
    print(json.dumps({"floor": floor, "floor_sorted": floor_sorted, "app": app, "ratio": round(ratio, 3),
                      "cpu_ratio": round(app_cpu / floor_cpu, 3), "peak_rss_mb": round(peak)}, ensure_ascii=False))  # fmt: skip


if __name__ == "__main__":
    main()
