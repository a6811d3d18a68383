"""Benchmark: sync packages — 100 changes exported at 10,000 and at 1,000,000 students (the cost must
follow the changes, not the database), and a full package of 100,000 students + 50,000 visits:
exported, imported into an empty paired peer, imported a second time.

Run: python tests/bench/sync.py [--small N] [--big N] [--full N] [--visits N] [--skip-big]. Prints
each figure beside a floor measured in the same run (sqlite3 alone on the same rows: the indexed
read of the changed rows, the read of every row sent, executemany of the same rows into the empty
peer with its big tables' indexes rebuilt after, hashing the file) and the ratio, then the peak RSS. Not a pytest test.

Setup (cached in tests/bench/out, rebuilt when tests/bench/bigdata.py's database is): the bureau
databases of bigdata.build paired with a township peer (金河镇); for the full package, the
100,000-student database turned into the township 金河镇's site, with 25,000 cases of two visits
each, paired with an empty bureau that is copied afresh for every import.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.bench.common import OUT, Report, peak_rss_mb, timed  # noqa: E402

TOWNSHIP = "金河镇"
TOWN_SITE = "金河镇教育办"
BUREAU_SITE = "根河市教育局"
CHANGES = 100
TARGET_CHANGES_S = 0.5
TARGET_EXPORT_S = 10.0
TARGET_IMPORT_S = 20.0
TARGET_REIMPORT_S = 2.0
SETUP_VERSION = 1  # bump when the setup below changes


def _stamp(*paths: Path) -> str:
    """What a cached setup was made from (bigdata's marker files and this script's setup version)."""
    parts = [str(SETUP_VERSION)]
    for path in paths:
        marker = path.with_suffix(".done")
        parts.append(marker.read_text() if marker.exists() else "-")
        parts.append(str(marker.stat().st_mtime_ns) if marker.exists() else "-")
    return "|".join(parts)


def _pair(a: Any, b: Any, folder: Path) -> None:
    """Exchange site cards between two databases, as the offices do once."""
    from kongchuo_desktop.services.actor import SYSTEM
    from kongchuo_desktop.services.sync import make_site_card, pair_site

    make_site_card(a, SYSTEM, folder / "a.kccard")
    make_site_card(b, SYSTEM, folder / "b.kccard")
    pair_site(a, SYSTEM, folder / "b.kccard")
    pair_site(b, SYSTEM, folder / "a.kccard")


def _checkpoint(db: Any) -> None:
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


# --- 100 changes ---------------------------------------------------------------------------------


def changes_setup(students: int) -> tuple[Path, Path]:
    """The bureau database of `students` (bigdata) paired with a township peer; cached."""
    from kongchuo_desktop.services.sites import init_site
    from kongchuo_desktop.store.database import open_database
    from tests.bench.bigdata import build

    big = build(OUT / f"sync-{students}.sqlite", students)
    peer = OUT / f"sync-{students}-peer.sqlite"
    marker = OUT / f"sync-{students}.paired"
    stamp = _stamp(big)
    if marker.exists() and marker.read_text() == stamp and peer.exists():
        return big, peer
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(peer) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_database(big)
    town = open_database(peer, create=True)
    try:
        init_site(town, TOWN_SITE, "township", township=TOWNSHIP)
        with tempfile.TemporaryDirectory() as tmp:
            _pair(db, town, Path(tmp))
        _checkpoint(db)
    finally:
        db.close()
        town.close()
    marker.write_text(stamp)
    print(f"paired {big.name} with a township peer in {time.perf_counter() - started:.1f} s")
    return big, peer


def changes_case(students: int, repeat: int) -> dict[str, Any]:
    """100 pupil edits in the peer's township since its last acknowledgement, exported `repeat` times."""
    from sqlalchemy import func, select, update

    from kongchuo_desktop.services import students as student_service
    from kongchuo_desktop.services.actor import SYSTEM
    from kongchuo_desktop.services.sync import export_package
    from kongchuo_desktop.services.sync.export import sync_tables
    from kongchuo_desktop.store.base import natural_id
    from kongchuo_desktop.store.changes import current_change_seq
    from kongchuo_desktop.store.database import open_database
    from kongchuo_desktop.store.models import Student, SyncPeer

    big, _peer = changes_setup(students)
    db = open_database(big)
    folder = Path(tempfile.mkdtemp(prefix="kongchuo-bench-sync-"))
    try:
        town_id = natural_id("township", TOWNSHIP)
        with db.transaction(user="bench") as session:
            # As if the township had just confirmed a full package: everything up to now is acknowledged.
            acked = current_change_seq(session)
            peer_id = session.execute(select(SyncPeer.site_id)).scalar_one()
            session.execute(update(SyncPeer).values(acked_seq=acked))
        with db.read_session() as session:
            ids = list(session.execute(select(Student.id).where(Student.township_id == town_id)
                                       .order_by(func.random()).limit(CHANGES)).scalars())  # fmt: skip
        assert len(ids) == CHANGES, f"only {len(ids)} pupils of {TOWNSHIP}"
        stamp = f"{dt.datetime.now():%H%M%S}"
        for n, student_id in enumerate(ids):
            student_service.update_student(db, SYSTEM, student_id, {"note": f"bench {stamp} {n}"})
        times, results = [], []
        for n in range(repeat):
            out = folder / f"p{n}.kcsync"
            started = time.perf_counter()
            results.append(export_package(db, SYSTEM, peer_id, out))
            times.append(time.perf_counter() - started)
        result = results[-1]
        assert result.counts.get("student") == CHANGES, result.counts

        conn = sqlite3.connect(f"file:{big}?mode=ro", uri=True)
        names = sync_tables()

        def floor() -> None:  # the indexed read of every row changed since the acknowledgement
            for name in names:
                conn.execute(f'SELECT * FROM "{name}" WHERE change_seq > ?', (acked,)).fetchall()

        floor_times = timed(floor, 5)
        conn.close()
        return {"seconds": statistics.median(times), "floor": statistics.median(floor_times), "rows": result.rows,
                "counts": result.counts, "bytes": result.path.stat().st_size}  # fmt: skip
    finally:
        db.close()
        shutil.rmtree(folder, ignore_errors=True)


# --- the full package ------------------------------------------------------------------------------


def full_setup(students: int, visits: int) -> tuple[Path, Path]:
    """The township 金河镇 with `students` pupils and `visits` visits, and an empty bureau paired with it."""
    from sqlalchemy import select

    from kongchuo_desktop.services.sites import init_site
    from kongchuo_desktop.store.base import natural_id
    from kongchuo_desktop.store.bulk import insert_many
    from kongchuo_desktop.store.database import open_database
    from kongchuo_desktop.store.models import Case, School, Student, Visit
    from tests.bench.bigdata import build

    source = build(OUT / f"sync-{students}.sqlite", students)
    town_path = OUT / f"sync-town-{students}-{visits}.sqlite"
    bureau_path = OUT / f"sync-bureau-for-{students}-{visits}.sqlite"
    marker = town_path.with_suffix(".ready")
    stamp = _stamp(source)
    if marker.exists() and marker.read_text() == stamp and bureau_path.exists():
        return town_path, bureau_path
    started = time.perf_counter()
    for path in (town_path, bureau_path):
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    shutil.copyfile(source, town_path)
    town_id = natural_id("township", TOWNSHIP)
    conn = sqlite3.connect(town_path)
    schools = [r[0] for r in conn.execute("SELECT id FROM school WHERE township_id = ? ORDER BY name", (town_id,))]
    assert schools, f"no school of {TOWNSHIP} in {source.name}"
    # The bureau's register becomes the township's: every pupil in one of 金河镇's schools.
    conn.execute(
        "UPDATE site SET site_type = 'township', name = ?, township_id = ? WHERE is_local = 1", (TOWN_SITE, town_id)
    )
    conn.execute("UPDATE student SET township_id = ?, school_id = CASE rowid % 2 WHEN 0 THEN ? ELSE ? END",
                 (town_id, schools[0], schools[-1]))  # fmt: skip
    conn.commit()
    conn.close()

    town = open_database(town_path)
    bureau = open_database(bureau_path, create=True)
    try:
        with town.transaction(user="bench") as session:
            pupils = session.execute(select(Student.id, Student.school_id).limit(visits // 2)).all()
            assert session.get(School, schools[0]) is not None
            day = dt.date(2026, 10, 12)
            cases = [{"number": f"2026KC{i:06d}", "student_id": sid, "school_id": school, "township_id": town_id,
                      "status": "劝返中", "is_open": True, "opened_on": day, "episode_start": day, "threshold_on": day,
                      "last_activity_on": day, "events": 3, "state": "{}"} for i, (sid, school) in enumerate(pupils)]  # fmt: skip
            case_ids = insert_many(session, Case, cases)
            rows = []
            for case_id, (sid, _school) in zip(case_ids, pupils, strict=True):
                for round_no in ("1", "2"):
                    rows.append({"case_id": case_id, "student_id": sid, "visited_at": dt.datetime(2026, 10, 13, 15),
                                 "round": round_no, "kind": "上门", "participants": "[]", "met_with": "母亲",
                                 "outcome": "承诺返校", "note": "家长答应下周一送孩子回校", "recorded_by": "bench"})  # fmt: skip
            insert_many(session, Visit, rows[:visits])
        init_site(bureau, BUREAU_SITE, "bureau")
        with tempfile.TemporaryDirectory() as tmp:
            _pair(town, bureau, Path(tmp))
        _checkpoint(town)
        _checkpoint(bureau)
    finally:
        town.close()
        bureau.close()
    marker.write_text(stamp)
    print(f"made the township site ({students:,} pupils, {visits:,} visits) and its bureau in "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    return town_path, bureau_path


def _fresh_copy(path: Path, folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copyfile(path, target)
    return target


def full_case(students: int, visits: int) -> dict[str, Any]:
    """Export the full package, import it into a fresh copy of the empty bureau, import it again."""
    from kongchuo_desktop.services.actor import SYSTEM
    from kongchuo_desktop.services.sync import export_package, import_file, preview_import
    from kongchuo_desktop.store.database import open_database

    town_path, bureau_path = full_setup(students, visits)
    folder = Path(tempfile.mkdtemp(prefix="kongchuo-bench-sync-"))
    figures: dict[str, Any] = {}
    try:
        town = open_database(town_path)
        try:
            started = time.perf_counter()
            sent = export_package(town, SYSTEM, BUREAU_SITE, folder / "full.kcsync", full=True)
            figures["export"] = time.perf_counter() - started
        finally:
            town.close()
        figures["rows"], figures["counts"], figures["bytes"] = sent.rows, sent.counts, sent.path.stat().st_size
        figures["export_floor"] = statistics.median(timed(lambda: _read_rows(town_path, sent.counts), 2))

        bureau = open_database(_fresh_copy(bureau_path, folder, "bureau.sqlite"))
        try:
            started = time.perf_counter()
            preview = preview_import(bureau, SYSTEM, sent.path)
            figures["preview"] = time.perf_counter() - started
            started = time.perf_counter()
            got = import_file(bureau, SYSTEM, sent.path, receipt_out=folder / "receipt.kcsync")
            figures["import"] = time.perf_counter() - started
            assert not got.replay and got.total("new") >= students, got.as_dict()
            assert preview.tables == got.tables and len(preview.conflicts) == len(got.conflicts)  # a dry run
            started = time.perf_counter()
            again = import_file(bureau, SYSTEM, sent.path)
            figures["reimport"] = time.perf_counter() - started
            assert again.replay
        finally:
            bureau.close()
        figures["new"] = got.total("new")
        for key, rebuild in (("import_floor", True), ("import_floor_plain", False)):
            floor_db = _fresh_copy(bureau_path, folder, f"{key}.sqlite")
            figures[key] = _insert_floor(town_path, floor_db, sent.counts, rebuild=rebuild)
        figures["reimport_floor"] = statistics.median(timed(lambda: hashlib.sha256(sent.path.read_bytes()).digest(), 3))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return figures


def _read_rows(path: Path, counts: dict[str, int]) -> int:
    """The floor of an export: read every row of the tables the package carries, with sqlite3."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    total = 0
    for name in counts:
        total += len(conn.execute(f'SELECT * FROM "{name}"').fetchall())
    conn.close()
    return total


def _insert_floor(source: Path, target: Path, counts: dict[str, int], *, rebuild: bool) -> float:
    """The floor of an import: the same rows written into the empty peer with executemany, in id order,
    one transaction; `rebuild`: a big table's secondary indexes dropped first and built again after
    (what store/bulk.py does for a large insert) — the best plain SQLite does here."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    batches = {}
    for name in counts:
        cur = src.execute(f'SELECT * FROM "{name}" ORDER BY id')
        batches[name] = ([d[0] for d in cur.description], cur.fetchall())
    src.close()
    conn = sqlite3.connect(target)
    started = time.perf_counter()
    conn.execute("BEGIN")
    for name, (cols, rows) in batches.items():
        indexes = []
        if rebuild and len(rows) >= 20_000:
            indexes = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (name,)
            ).fetchall()
            for index, _sql in indexes:
                conn.execute(f'DROP INDEX "{index}"')
        marks = ", ".join("?" for _ in cols)
        conn.executemany(f'INSERT OR REPLACE INTO "{name}" ({", ".join(cols)}) VALUES ({marks})', rows)
        for _index, sql in indexes:
            conn.execute(sql)
    conn.commit()
    seconds = time.perf_counter() - started
    conn.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=10_000, help="students of the small database (100 changes)")
    parser.add_argument("--big", type=int, default=1_000_000, help="students of the big database (100 changes)")
    parser.add_argument("--full", type=int, default=100_000, help="students in the full package")
    parser.add_argument("--visits", type=int, default=50_000, help="visits in the full package")
    parser.add_argument("--repeat", type=int, default=3, help="exports of the 100 changes measured (median)")
    parser.add_argument("--skip-big", action="store_true", help="leave out the big database")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)

    report = Report("sync packages")
    small = changes_case(args.small, args.repeat)
    report.add(f"export {CHANGES} changes @ {args.small:,} students", small["seconds"] * 1000, small["floor"] * 1000,
               f"≤ {TARGET_CHANGES_S} s", small["seconds"] <= TARGET_CHANGES_S)  # fmt: skip
    big = None
    if not args.skip_big:
        big = changes_case(args.big, args.repeat)
        report.add(f"export {CHANGES} changes @ {args.big:,} students", big["seconds"] * 1000, big["floor"] * 1000,
                   f"≤ {TARGET_CHANGES_S} s", big["seconds"] <= TARGET_CHANGES_S)  # fmt: skip
    rss_changes = peak_rss_mb()
    full = full_case(args.full, args.visits)
    label = f"{args.full // 1000}k students + {args.visits // 1000}k visits"
    report.add(f"full package export ({label})", full["export"] * 1000, full["export_floor"] * 1000,
               f"≤ {TARGET_EXPORT_S:.0f} s", full["export"] <= TARGET_EXPORT_S)  # fmt: skip
    report.add("  preview of its import (read-only)", full["preview"] * 1000, full["import_floor"] * 1000, "-", None)
    report.add("full package import into an empty peer", full["import"] * 1000, full["import_floor"] * 1000,
               f"≤ {TARGET_IMPORT_S:.0f} s", full["import"] <= TARGET_IMPORT_S)  # fmt: skip
    report.add("  floor without the index rebuild (plain executemany)", full["import_floor_plain"] * 1000,
               full["import_floor"] * 1000, "-", None)  # fmt: skip
    report.add("the same package imported again", full["reimport"] * 1000, full["reimport_floor"] * 1000,
               f"≤ {TARGET_REIMPORT_S:.0f} s", full["reimport"] <= TARGET_REIMPORT_S)  # fmt: skip
    report.print()
    print(f"\n{CHANGES} changes: {small['rows']} rows, {small['bytes'] / 1024:.1f} KB at {args.small:,} students"
          + (f"; {big['rows']} rows, {big['bytes'] / 1024:.1f} KB at {args.big:,}" if big else ""))  # fmt: skip
    if big:
        print(f"cost of {CHANGES} changes, {args.big:,} vs {args.small:,} students: "
              f"{big['seconds'] / small['seconds']:.2f}× (database {args.big / args.small:.0f}× larger; "
              f"floor {big['floor'] / small['floor']:.2f}×)")  # fmt: skip
    print(f"full package: {full['rows']:,} rows ({json.dumps(full['counts'], ensure_ascii=False)}), "
          f"{full['bytes'] / 1024 / 1024:.1f} MB, {full['new']:,} new rows at the peer")  # fmt: skip
    print(f"peak RSS: {rss_changes:.0f} MB after the {CHANGES}-change exports, {peak_rss_mb():.0f} MB at the end")


if __name__ == "__main__":
    main()
