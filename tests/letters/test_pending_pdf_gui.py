"""Opening the 控辍责任状 page completes a batch a crash left without its PDF, and tells the user."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtPdf")

from kongchuo_desktop.gui.letters_page import LettersPage  # noqa: E402
from kongchuo_desktop.services import letters  # noqa: E402
from kongchuo_desktop.services import letters_pending as lp  # noqa: E402
from kongchuo_desktop.services.actor import Actor  # noqa: E402
from kongchuo_desktop.store.database import Database  # noqa: E402
from tests.letters.test_letters_gui import FakeDialogs  # noqa: E402
from tests.letters.test_pending_pdf import DAY, _interrupt_after_commit, _numbers, _numbers_in  # noqa: E402


def test_opening_the_page_completes_an_interrupted_batch(  # type: ignore[no-untyped-def]
    qtbot, letters_db: Database, principal: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "teachers.pdf"
    _interrupt_after_commit(monkeypatch)
    with pytest.raises(PermissionError):
        letters.issue_letters(letters_db, principal, "teacher", 2026, out, today=DAY)
    [batch] = lp.pending(letters_db)
    Path(batch.staged).unlink()  # lost too: the page prints the letters again
    dialogs = FakeDialogs(tmp_path)
    page = LettersPage(letters_db, principal, dialogs=dialogs)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: dialogs.messages != [], timeout=30000)
    assert "上次中断的一批责任书已补全" in dialogs.messages[0] and "teachers.pdf" in dialogs.messages[0]
    assert sorted(_numbers_in(out)) == _numbers(letters_db)
    assert lp.pending(letters_db) == []


def test_the_page_says_nothing_when_nothing_is_pending(qtbot, letters_db: Database, principal: Actor, tmp_path: Path):  # type: ignore[no-untyped-def]
    dialogs = FakeDialogs(tmp_path)
    page = LettersPage(letters_db, principal, dialogs=dialogs)
    qtbot.addWidget(page)
    page.show()
    qtbot.wait(50)
    assert dialogs.messages == []
