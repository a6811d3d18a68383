"""Crash tests: `kongchuo import`, `letters`, `backup` and `restore` SIGKILLed at seeded random moments.

After every kill the database passes integrity_check and foreign_key_check and opens normally, holds
the whole result or none of it, and no file under a final name is half written (our temporary names
may remain; a later run ignores them). Letters registered before a kill get their PDF when the
letters are opened again (`finish_pending`, which `kongchuo letters` and the letters page run); the
narrow moments between registering, placing the PDF and dropping the batch's record are hit exactly
by `tests/faults/kill_at.py`. The seed is KONGCHUO_CRASH_SEED; KONGCHUO_CRASH_SCALE=5 runs five
times as many kill points.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults import kit
from tests.imports.support import db_fingerprint

pytestmark = pytest.mark.slow

TABLES = ("student", "guardian", "school", "school_class", "import_batch", "audit_entry")
LETTER_NUMBER = re.compile(r"20\d\d[A-Z]{2}\d{4}-[0-9A-F]{4}")


def _fresh(template: Path, folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    path = folder / "site.sqlite"
    shutil.copyfile(template, path)
    return path


def _check_command(db: Path) -> None:
    """`kongchuo check` as a user would run it: integrity and audit chain pass."""
    done = subprocess.run(
        [sys.executable, "-m", "kongchuo_desktop", "check", "--db", str(db)],
        capture_output=True, text=True, timeout=120, cwd=db.parent, env=_env(db.parent),
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def _env(folder: Path) -> dict[str, str]:
    import os

    return {**os.environ, "KONGCHUO_DATA_DIR": str(folder / "data"), "PYTHONPATH": str(kit.ROOT)}


def _backups_are_whole(folder: Path) -> None:
    """Every file in backups/ under a backup's final name is a complete, readable backup; the rest
    are .part temporaries that the backup list ignores."""
    from kongchuo_desktop.store import migrate
    from kongchuo_desktop.store.backups import read_facts

    backups = folder / "backups"
    if not backups.exists():
        return
    for path in backups.iterdir():
        if path.name.endswith(".sqlite"):
            read_facts(path, migrate.known_revisions(), full_check=True)
        else:
            assert ".sqlite.part" in path.name, path.name


def test_killed_roster_import_leaves_all_or_nothing(demo_template, big_roster, server, tmp_path, qtbot):
    before = db_fingerprint(demo_template)
    before_counts = kit.counts(demo_template, *TABLES)
    reference_db = _fresh(demo_template, tmp_path / "reference")
    argv = ["import", "roster", str(big_roster), "--db", str(reference_db)]
    reference = server.run(argv)
    assert reference.code == 0, reference.stderr
    whole = kit.counts(reference_db, *TABLES)
    assert whole["student"] == before_counts["student"] + 20_000
    outcome = {"none": 0, "whole": 0}

    def prepare(i: int) -> list[str]:
        db = _fresh(demo_template, tmp_path / f"kill{i}")
        return ["import", "roster", str(big_roster), "--db", str(db)]

    def check(i: int, run: kit.Run) -> None:
        db = tmp_path / f"kill{i}" / "site.sqlite"
        kit.assert_sound(db)
        now = kit.counts(db, *TABLES)
        if now["import_batch"] == before_counts["import_batch"]:
            assert db_fingerprint(db) == before, "no import recorded, yet the database changed"
            outcome["none"] += 1
        else:
            assert now == whole, f"a partial import: {now} (whole: {whole})"
            outcome["whole"] += 1
        _backups_are_whole(db.parent)
        assert kit.temp_leftovers(db.parent, {"site.sqlite"}) == []

    n = kit.points(14)
    runs = kit.kill_runs(server, n, reference.seconds, prepare, check, kit.SEED)
    assert sum(r.killed for r in runs) >= n * 0.7, [(r.delay, r.seconds) for r in runs]
    assert outcome["none"] > 0, outcome  # some kills landed before the commit

    # A later run on a killed database imports normally despite the leftovers, and the app opens it.
    last = tmp_path / f"kill{n - 1}" / "site.sqlite"
    again = server.run(["import", "roster", str(big_roster), "--db", str(last)])
    assert again.code == 0, again.stderr
    assert kit.counts(last, "student")["student"] == whole["student"]
    _check_command(last)
    _main_window_opens(last, qtbot)


def _main_window_opens(path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from kongchuo_desktop.gui.main_window import MainWindow
    from kongchuo_desktop.gui.startup import open_site_database
    from kongchuo_desktop.services.actor import DEMO_ADMIN

    db, site, _actor = open_site_database(path, demo=True)
    try:
        window = MainWindow(db, site, DEMO_ADMIN, demo=True)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert window.nav.count() > 0
        window.close()
    finally:
        db.close()


def test_killed_letter_batch_leaves_no_half_pdf(demo_template, server, tmp_path):
    from pypdf import PdfReader

    letters_before = kit.count(demo_template, "letter")
    reference_db = _fresh(demo_template, tmp_path / "reference")
    out = reference_db.parent / "letters.pdf"
    reference = server.run(["letters", "parent", "--year", "2026", "--db", str(reference_db), "--out", str(out)])
    assert reference.code == 0, reference.stderr
    pages = len(PdfReader(out).pages)
    letters_whole = kit.count(reference_db, "letter")
    assert letters_whole > letters_before
    seen = {"pdf": 0, "recorded_only": 0, "none": 0}

    def prepare(i: int) -> list[str]:
        db = _fresh(demo_template, tmp_path / f"kill{i}")
        return ["letters", "parent", "--year", "2026", "--db", str(db), "--out", str(db.parent / "letters.pdf")]

    def check(i: int, run: kit.Run) -> None:
        folder = tmp_path / f"kill{i}"
        db = folder / "site.sqlite"
        kit.assert_sound(db)
        recorded = kit.count(db, "letter")
        assert recorded in (letters_before, letters_whole), recorded
        pdf = folder / "letters.pdf"
        if pdf.exists():
            assert recorded == letters_whole, "a PDF under the final name but its letters not registered"
            assert len(PdfReader(pdf).pages) == pages
            seen["pdf"] += 1
        else:
            seen["recorded_only" if recorded == letters_whole else "none"] += 1
        for name in kit.temp_leftovers(folder, {"site.sqlite", "letters.pdf"}):
            # hidden temporaries (".letters.pdf.<token>.part…"), never mistaken for the PDF
            assert name.startswith(".") and "letters.pdf." in name and ".part" in name, name
        if recorded == letters_whole:  # reopened, every registered letter has its PDF
            _finish_and_check_every_letter_has_its_pdf(db, pdf, read_numbers=not pdf.exists())

    n = kit.points(10)
    runs = kit.kill_runs(server, n, reference.seconds, prepare, check, kit.SEED + 1)
    assert sum(r.killed for r in runs) >= n * 0.7
    assert seen["none"] > 0, seen

    # Printing again into the same folder works and ignores the temporaries left by the kill.
    folder = tmp_path / f"kill{n - 1}"
    again = server.run(
        [
            "letters",
            "parent",
            "--year",
            "2026",
            "--db",
            str(folder / "site.sqlite"),
            "--out",
            str(folder / "letters.pdf"),
        ]
    )
    assert again.code == 0, again.stderr
    assert len(PdfReader(folder / "letters.pdf").pages) == pages
    _check_command(folder / "site.sqlite")


def _registered_numbers(db: Path) -> set[str]:
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT number FROM letter WHERE deleted = 0")}
    finally:
        conn.close()


def _numbers_printed(pdfs: list[Path]) -> list[str]:
    from tests.letters.pdftext import page_texts

    found: list[str] = []
    for pdf in pdfs:
        numbers: set[str] = set()
        for text in page_texts(pdf):
            numbers |= set(LETTER_NUMBER.findall("".join(text.split())))
        found += sorted(numbers)
    return found


def _finish_and_check_every_letter_has_its_pdf(db: Path, out: Path, read_numbers: bool = True) -> None:
    """Open the killed database as the letters page does (finish_pending) and check the PDF (or the
    folder of PDFs) holds exactly the registered letters (read back when `read_numbers`: the slow
    part); no temporary file and no record remain."""
    from kongchuo_desktop.services.letters_pending import finish_pending, pending
    from kongchuo_desktop.store.database import open_database

    database = open_database(db)
    try:
        finished = finish_pending(database)
        assert finished.failed == [], finished.failed
        assert pending(database) == []
    finally:
        database.close()
    files = sorted(p for p in out.iterdir() if p.suffix == ".pdf") if out.is_dir() else [out]
    assert files and all(p.exists() for p in files), out
    if read_numbers:
        printed = _numbers_printed(files)
        assert sorted(printed) == sorted(_registered_numbers(db)), "a registered letter without its PDF"
    folder = out if out.is_dir() else out.parent
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".") and ".part" in p.name]


@pytest.mark.parametrize(("point", "separate"), [("registered", False), ("placed", False), ("moving", True)])
def test_letters_killed_after_registering_get_their_pdf_on_reopening(demo_template, server, tmp_path, point, separate):
    """SIGKILL exactly between registering the letters and putting their PDF in place (and between
    that and dropping the batch's record); `kongchuo letters` run again completes the batch."""
    folder = tmp_path / point
    db = _fresh(demo_template, folder)
    letters_before = kit.count(db, "letter")
    out = folder / ("each" if separate else "letters.pdf")
    argv = ["letters", "teacher", "--year", "2026", "--school", "金河镇第二小学", "--db", str(db), "--out", str(out)]
    argv += ["--separate"] if separate else []
    killed = subprocess.run(
        [sys.executable, "-m", "tests.faults.kill_at", point, *argv],
        capture_output=True, text=True, timeout=300, cwd=folder, env=_env(folder),
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    kit.assert_sound(db)
    registered = _registered_numbers(db)
    assert kit.count(db, "letter") > letters_before and len(registered) == kit.count(db, "letter")
    assert kit.count(db, "local_state", "WHERE key LIKE 'letters_pdf:%'") > 0, "the batch was not recorded"
    if point == "registered":
        assert not out.exists() or not any(out.iterdir()), "the PDF was in place before the kill"
    # Opening the letters again (here: printing a draft, which changes nothing else) completes the batch.
    again = server.run(["letters", "teacher", "--year", "2026", "--school", "金河镇第二小学", "--db", str(db),
                        "--draft", "--out", str(folder / "draft.pdf")])  # fmt: skip
    assert again.code == 0, again.stderr
    assert "上次中断的一批责任书已补全" in again.stdout and str(out) in again.stdout
    assert kit.count(db, "local_state", "WHERE key LIKE 'letters_pdf:%'") == 0
    _finish_and_check_every_letter_has_its_pdf(db, out)
    if separate:
        assert len(list(out.glob("*.pdf"))) == len(registered)  # each letter once, none twice


def test_killed_backup_leaves_the_database_and_no_half_backup(imported_template, server, tmp_path):
    from kongchuo_desktop.store import migrate
    from kongchuo_desktop.store.backups import read_facts

    reference_db = _fresh(imported_template, tmp_path / "reference")
    before = db_fingerprint(reference_db)
    out = reference_db.parent / "out" / "manual.sqlite"
    reference = server.run(["backup", "--db", str(reference_db), "--out", str(out)])
    assert reference.code == 0, reference.stderr
    whole = read_facts(out, migrate.known_revisions()).counts
    made = {"backup": 0, "none": 0}

    def prepare(i: int) -> list[str]:
        db = _fresh(imported_template, tmp_path / f"kill{i}")
        return ["backup", "--db", str(db), "--out", str(db.parent / "out" / "manual.sqlite")]

    def check(i: int, run: kit.Run) -> None:
        folder = tmp_path / f"kill{i}"
        kit.assert_sound(folder / "site.sqlite")
        assert db_fingerprint(folder / "site.sqlite") == before
        target = folder / "out" / "manual.sqlite"
        if target.exists():
            facts = read_facts(target, migrate.known_revisions())
            assert facts.counts == whole and facts.integrity.ok
            made["backup"] += 1
        else:
            made["none"] += 1
        if (folder / "out").exists():
            for name in kit.temp_leftovers(folder / "out", {"manual.sqlite"}):
                assert name.startswith("manual.sqlite.part"), name

    n = kit.points(8)
    runs = kit.kill_runs(server, n, reference.seconds, prepare, check, kit.SEED + 2)
    assert sum(r.killed for r in runs) >= n * 0.7

    folder = tmp_path / f"kill{n - 1}"
    again = server.run(["backup", "--db", str(folder / "site.sqlite"), "--out", str(folder / "out" / "manual.sqlite")])
    assert again.code == 0, again.stderr
    assert read_facts(folder / "out" / "manual.sqlite", migrate.known_revisions()).counts == whole


def test_killed_restore_leaves_the_old_or_the_restored_database(demo_template, imported_template, server, tmp_path):
    from kongchuo_desktop.store.backups import copy_database

    backup = copy_database(demo_template, tmp_path / "backup" / "demo-backup.sqlite", kind="手动")
    old = db_fingerprint(imported_template)
    old_students = kit.count(imported_template, "student")
    restored_students = kit.table_hash(demo_template, "student")
    reference_db = _fresh(imported_template, tmp_path / "reference")
    reference = server.run(["restore", "--yes", str(backup), "--db", str(reference_db)])
    assert reference.code == 0, reference.stderr
    assert kit.table_hash(reference_db, "student") == restored_students
    seen = {"old": 0, "restored": 0}

    def prepare(i: int) -> list[str]:
        db = _fresh(imported_template, tmp_path / f"kill{i}")
        return ["restore", "--yes", str(backup), "--db", str(db)]

    def check(i: int, run: kit.Run) -> None:
        folder = tmp_path / f"kill{i}"
        db = folder / "site.sqlite"
        kit.assert_sound(db)
        if kit.count(db, "student") == old_students:
            assert db_fingerprint(db) == old, "the database changed although it was not replaced"
            seen["old"] += 1
        else:
            assert kit.table_hash(db, "student") == restored_students
            seen["restored"] += 1
        _backups_are_whole(folder)
        for name in kit.temp_leftovers(folder, {"site.sqlite"}):
            assert name == "site.sqlite.restore-part", name

    n = kit.points(8)
    runs = kit.kill_runs(server, n, reference.seconds, prepare, check, kit.SEED + 3)
    assert sum(r.killed for r in runs) >= n * 0.7
    assert seen["old"] > 0, seen

    folder = tmp_path / f"kill{n - 1}"
    again = server.run(["restore", "--yes", str(backup), "--db", str(folder / "site.sqlite")])
    assert again.code == 0, again.stderr
    assert kit.table_hash(folder / "site.sqlite", "student") == restored_students
    _check_command(folder / "site.sqlite")
