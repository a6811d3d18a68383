"""The visit form's photo list (gui/file_list.py, shared with the 学籍异动 dialog's proof list): each
file listed once, removable, a file the service refuses named inline, and what is listed is saved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.gui.visit_form import VisitForm
from kongchuo_desktop.services import absences, cases, clock
from kongchuo_desktop.store.database import Database
from tests.cases.conftest import ADMIN, World


def test_photos_are_listed_once_removed_and_saved(
    qtbot, cdb: Database, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2025, 10, 13, 18, 0))
    photo, other = tmp_path / "家访照片.jpg", tmp_path / "空文件.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 fake photo of the visit")
    other.write_bytes(b"")
    chosen = [[str(photo)], [str(photo), str(other)]]
    case_id = absences.record_absence(cdb, ADMIN, world.a, dt.date(2025, 10, 13)).case_id
    form = VisitForm(cdb, ADMIN, case_id, choose_files=lambda parent: chosen.pop(0))
    qtbot.addWidget(form)
    assert not form.ui.removeAttachmentButton.isEnabled()
    form.ui.addAttachmentButton.click()
    form.ui.addAttachmentButton.click()  # the same photo again is listed once
    assert form.attachments == [str(photo), str(other)]
    assert [form.ui.attachmentsList.item(i).text() for i in range(2)] == ["家访照片.jpg", "空文件.jpg"]
    assert form.ui.attachmentsList.item(0).toolTip() == str(photo)
    form.ui.reasonCombo.setCurrentIndex(1)
    form.ui.outcomeCombo.setCurrentIndex(form.ui.outcomeCombo.findData(esc.OUTCOME_REFUSED))
    assert not form.save()  # the empty file is refused and named, nothing saved
    assert "空文件.jpg" in form.problems.get("attachment", "") + form.ui.generalErrorLabel.text()
    assert cases.get_case(cdb, ADMIN, case_id).visits == []
    form.ui.attachmentsList.setCurrentRow(1)
    assert form.ui.removeAttachmentButton.isEnabled()
    form.ui.removeAttachmentButton.click()
    assert form.attachments == [str(photo)] and form.ui.attachmentsList.count() == 1
    assert form.save()
    assert [v.attachments for v in cases.get_case(cdb, ADMIN, case_id).visits] == [1]
