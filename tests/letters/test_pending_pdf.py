"""No registered letter without its PDF: a batch interrupted between registering its letters and putting
its PDF in place is completed when letters are printed next or the letters page opens
(services/letters_pending.py). The real SIGKILLs are in tests/faults/test_crash.py; here the
interruption is a failing rename, as when the old PDF is open in a viewer on Windows."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from kongchuo_desktop.services import letters
from kongchuo_desktop.services import letters_pending as lp
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Letter, LocalState
from tests.letters.pdftext import letters_of, page_texts

DAY = dt.date(2026, 9, 1)
ROOT = Path(__file__).resolve().parents[2]


def _numbers(db: Database) -> list[str]:
    with db.read_session() as session:
        return sorted(session.execute(select(Letter.number)).scalars())


NUMBER = re.compile(r"20\d\d[A-Z]{2}\d{4}(?:-[0-9A-Z]{1,4})?")


def _numbers_in(path: Path) -> list[str]:
    """The number each letter of the PDF carries (its first page shows it)."""
    return [NUMBER.findall("".join(text.split()))[0] for text in letters_of(page_texts(path))]


def _interrupt_after_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the first rename into place fail, as a crash right after the commit would leave it."""
    real = lp.place

    def fail_once(batch: lp.PendingBatch, order: list[str] | None = None) -> list[Path]:
        monkeypatch.setattr(lp, "place", real)
        raise PermissionError(13, "Permission denied", batch.out)

    monkeypatch.setattr(lp, "place", fail_once)


def _pending_rows(db: Database) -> int:
    with db.read_session() as session:
        return len(session.execute(select(LocalState.key).where(LocalState.key.like("letters_pdf:%"))).all())


def test_interrupted_batch_is_completed_by_renaming_its_staged_pdf(
    letters_db: Database, principal: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "teachers.pdf"
    _interrupt_after_commit(monkeypatch)
    with pytest.raises(PermissionError):
        letters.issue_letters(letters_db, principal, "teacher", 2026, out, today=DAY)
    registered = _numbers(letters_db)
    assert len(registered) == 3 and not out.exists()
    [batch] = lp.pending(letters_db)
    staged = Path(batch.staged)
    assert staged.exists() and staged.name.startswith(".teachers.pdf.") and ".part" in staged.name
    finished = lp.finish_pending(letters_db)
    assert finished.done == [out.absolute()] and finished.failed == []
    assert out.exists() and not staged.exists() and lp.pending(letters_db) == []
    assert sorted(_numbers_in(out)) == registered
    assert lp.finish_pending(letters_db).done == []  # nothing left to do


def test_a_lost_staged_pdf_is_printed_again_with_the_same_content(
    letters_db: Database, principal: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "teachers.pdf"
    _interrupt_after_commit(monkeypatch)
    with pytest.raises(PermissionError):
        letters.issue_letters(letters_db, principal, "teacher", 2026, out, today=DAY)
    [batch] = lp.pending(letters_db)
    original = page_texts(Path(batch.staged))
    Path(batch.staged).unlink()
    finished = lp.finish_pending(letters_db)
    assert finished.done == [out.absolute()]
    assert page_texts(out) == original  # same numbers, parties, pupils, date: the same letters
    assert sorted(_numbers_in(out)) == _numbers(letters_db)
    assert _pending_rows(letters_db) == 0


def test_the_next_batch_completes_an_interrupted_one_first_and_says_so(
    letters_db: Database, principal: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "first.pdf"
    _interrupt_after_commit(monkeypatch)
    with pytest.raises(PermissionError):
        letters.issue_letters(letters_db, principal, "teacher", 2026, first, today=DAY)
    second = tmp_path / "second.pdf"
    result = letters.issue_letters(letters_db, principal, "parent", 2026, second, today=DAY)
    assert first.exists() and second.exists()
    assert any("上次中断的一批责任书已补全" in w and "first.pdf" in w for w in result.warnings), result.warnings
    assert lp.pending(letters_db) == []


def test_separate_files_interrupted_half_way_through_the_move(
    letters_db: Database, principal: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "each"
    folder.mkdir()
    (folder / "unrelated.txt").write_text("x")
    real = lp.place

    def move_two_then_die(batch: lp.PendingBatch, order: list[str] | None = None) -> list[Path]:
        staged = Path(batch.staged)
        for name in sorted(os.listdir(staged))[:2]:
            os.replace(staged / name, folder / name)
        monkeypatch.setattr(lp, "place", real)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(lp, "place", move_two_then_die)
    with pytest.raises(OSError):
        letters.issue_letters(letters_db, principal, "teacher", 2026, folder, separate=True, today=DAY)
    assert len([n for n in os.listdir(folder) if n.endswith(".pdf")]) == 2
    # One staged file goes missing too: it is printed again, the others are moved.
    [batch] = lp.pending(letters_db)
    os.remove(Path(batch.staged) / sorted(os.listdir(batch.staged))[0])
    assert lp.finish_pending(letters_db).failed == []
    pdfs = sorted(n for n in os.listdir(folder) if n.endswith(".pdf"))
    assert len(pdfs) == 3 and not any(n.startswith(".") for n in os.listdir(folder))
    assert sorted(n.split("_", 1)[0] for n in pdfs) == _numbers(letters_db)
    for name in pdfs:
        assert _numbers_in(folder / name) == [name.split("_", 1)[0]]


def test_a_batch_that_is_not_registered_leaves_no_file_and_no_record(
    letters_db: Database, principal: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> None:
        raise ServiceError("责任书编号与刚刚在别处生成的重复，请重新生成一次。")

    monkeypatch.setattr(letters, "_record", refuse)
    out = tmp_path / "teachers.pdf"
    with pytest.raises(ServiceError):
        letters.issue_letters(letters_db, principal, "teacher", 2026, out, today=DAY)
    assert [n for n in os.listdir(tmp_path) if not n.startswith("letters.sqlite")] == []
    assert _pending_rows(letters_db) == 0 and _numbers(letters_db) == []


def test_a_batch_that_cannot_be_completed_yet_keeps_its_record(
    letters_db: Database, principal: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    out = stick / "teachers.pdf"
    _interrupt_after_commit(monkeypatch)
    with pytest.raises(PermissionError):
        letters.issue_letters(letters_db, principal, "teacher", 2026, out, today=DAY)
    shutil.rmtree(stick)  # the USB stick was pulled out
    finished = lp.finish_pending(letters_db)
    assert finished.done == [] and len(finished.failed) == 1
    assert "teachers.pdf" in finished.failed[0] and "下次打开时会再试" in finished.failed[0]
    assert len(lp.pending(letters_db)) == 1
    stick.mkdir()  # plugged in again
    assert lp.finish_pending(letters_db).done == [out.absolute()]
    assert sorted(_numbers_in(out)) == _numbers(letters_db)


def test_long_paths_are_stored_in_pieces(letters_db: Database) -> None:
    deep = "/".join(["很长的文件夹名称" * 3] * 12)
    batch = lp.PendingBatch(
        token=lp.new_token(), out=f"/{deep}/责任书.pdf", staged=f"/{deep}/.责任书.pdf.x.part.pdf", separate=False,
        template_id="t" * 36, year=2026, school_id="s" * 36, township_id="w" * 36, issued_on="2026-09-01",
    )  # fmt: skip
    with letters_db.transaction() as session:
        lp.remember(session, batch)
    with letters_db.read_session() as session:
        notes = session.execute(select(LocalState.note).where(LocalState.key.like("letters_pdf:%"))).scalars().all()
    assert len(notes) > 3 and all(len(n) <= lp.NOTE_SIZE for n in notes)
    assert lp.pending(letters_db) == [batch]
    lp.forget(letters_db, batch.token)
    assert lp.pending(letters_db) == []


def test_cli_letters_completes_the_interrupted_batch(
    letters_db: Database, principal: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "teachers.pdf"
    _interrupt_after_commit(monkeypatch)
    with pytest.raises(PermissionError):
        letters.issue_letters(letters_db, principal, "teacher", 2026, out, today=DAY)
    path = Path(letters_db.engine.url.database or "")
    letters_db.close()
    env = {**os.environ, "KONGCHUO_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "kongchuo_desktop", "letters", "teacher", "--year", "2026", "--db", str(path),
         "--draft", "--out", str(tmp_path / "draft.pdf")],
        capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "上次中断的一批责任书已补全" in done.stdout and "teachers.pdf" in done.stdout
    assert out.exists() and len(_numbers_in(out)) == 3
