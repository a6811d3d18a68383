"""The 学籍异动 dialog: allowed kinds, relevant fields, proof files, recording and the history it leaves."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kongchuo_desktop.gui.status_change_dialog import StatusChangeDialog
from kongchuo_desktop.gui.student_form import StudentForm
from kongchuo_desktop.services.actor import DEMO_ADMIN
from kongchuo_desktop.services.students import get_student


@pytest.fixture
def proof(tmp_path: Path) -> Path:
    path = tmp_path / "诊断证明.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 fake jpeg of a hospital note")
    return path


def choose_kind(dialog: StatusChangeDialog, kind: str) -> None:
    dialog.ui.kindCombo.setCurrentIndex(dialog.ui.kindCombo.findData(kind))


def test_kinds_are_limited_to_the_current_status(qtbot, db, known):
    dialog = StatusChangeDialog(db, DEMO_ADMIN, known.student_id)
    qtbot.addWidget(dialog)
    kinds = [dialog.ui.kindCombo.itemData(i) for i in range(1, dialog.ui.kindCombo.count())]
    assert kinds == ["转出", "休学", "辍学", "毕业", "死亡"]  # allowed for 在读
    assert "在读" in dialog.ui.studentLabel.text()
    assert not dialog.ok_button.isEnabled()


def test_fields_follow_the_kind(qtbot, db, known):
    dialog = StatusChangeDialog(db, DEMO_ADMIN, known.student_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ui.toSchoolEdit.isVisible()
    choose_kind(dialog, "转出")
    assert dialog.ui.toSchoolEdit.isVisible()
    assert not dialog.ui.fromSchoolEdit.isVisible()
    assert "接收证明" in dialog.ui.proofHintLabel.text()
    choose_kind(dialog, "毕业")
    assert not dialog.ui.toSchoolEdit.isVisible()
    assert "可以不上传" in dialog.ui.proofHintLabel.text()
    dialog.ui.reasonEdit.setPlainText("九年级毕业")
    assert dialog.ok_button.isEnabled()


def test_date_cannot_be_after_today(qtbot, db, known):
    dialog = StatusChangeDialog(db, DEMO_ADMIN, known.student_id)
    qtbot.addWidget(dialog)
    edit = dialog.ui.changedOnEdit
    assert edit.date() == edit.maximumDate()
    edit.setDate(edit.date().addDays(5))
    assert edit.date() == edit.maximumDate()


def test_suspension_needs_proof_then_shows_in_history(qtbot, db, page, known, proof, settle):
    page.choose_files = lambda parent: [str(proof)]
    page.select_row(settle(page.model).find_row(known.student_id, near=page.model.total))
    dialog = page.open_status_change(known.student_id)
    choose_kind(dialog, "休学")
    dialog.ui.reasonEdit.setPlainText("因病住院治疗，家长申请休学一年")
    assert not dialog.ok_button.isEnabled()  # proof missing
    assert "诊断证明" in dialog.ui.proofHintLabel.text()
    qtbot.mouseClick(dialog.ui.addProofButton, Qt.MouseButton.LeftButton)
    assert dialog.ui.proofList.count() == 1
    assert dialog.ui.proofList.item(0).text() == proof.name
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.recorded):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert get_student(db, DEMO_ADMIN, known.student_id).status == "休学"
    row = settle(page.model).find_row(known.student_id, near=page.model.total)
    assert page.selected_student_id() == known.student_id
    assert page.model.data(page.model.index(row, 8)) == "休学"
    form = StudentForm(db, DEMO_ADMIN, known.student_id)
    qtbot.addWidget(form)
    table = form.ui.historyTable
    lines = [[table.item(r, c).text() for c in range(5)] for r in range(table.rowCount())]
    change = next(line for line in lines if line[1] == "学籍异动：休学")
    assert "因病住院治疗" in change[2]
    assert change[4] == "1"  # one proof file


def test_proof_file_can_be_removed(qtbot, db, known, proof):
    dialog = StatusChangeDialog(db, DEMO_ADMIN, known.student_id, choose_files=lambda parent: [str(proof)])
    qtbot.addWidget(dialog)
    dialog.add_proof()
    dialog.add_proof()  # the same file twice is listed once
    assert dialog.proof_files == [str(proof)]
    dialog.ui.proofList.setCurrentRow(0)
    qtbot.mouseClick(dialog.ui.removeProofButton, Qt.MouseButton.LeftButton)
    assert dialog.proof_files == []
    assert dialog.ui.proofList.count() == 0


def test_service_refusal_is_shown_inline(qtbot, db, known, tmp_path):
    empty = tmp_path / "空白.pdf"
    empty.write_bytes(b"")
    dialog = StatusChangeDialog(db, DEMO_ADMIN, known.student_id, choose_files=lambda parent: [str(empty)])
    qtbot.addWidget(dialog)
    dialog.show()
    choose_kind(dialog, "辍学")
    dialog.ui.reasonEdit.setPlainText("长期不到校")
    dialog.add_proof()
    assert dialog.ok_button.isEnabled()
    assert dialog.record() is False
    assert dialog.isVisible()
    assert dialog.ui.err_proof.isVisible()
    assert "空文件" in dialog.ui.err_proof.text()
    assert get_student(db, DEMO_ADMIN, known.student_id).status == "在读"


def test_transfer_out_needs_the_receiving_school(qtbot, db, known, proof):
    dialog = StatusChangeDialog(db, DEMO_ADMIN, known.student_id, choose_files=lambda parent: [str(proof)])
    qtbot.addWidget(dialog)
    dialog.show()
    choose_kind(dialog, "转出")
    dialog.ui.reasonEdit.setPlainText("随父母迁往海拉尔")
    dialog.add_proof()
    assert not dialog.ok_button.isEnabled()
    assert dialog.ui.err_to_school.isHidden()  # not touched yet: no red text, OK simply disabled
    qtbot.keyClicks(dialog.ui.toSchoolEdit, "x")
    dialog.ui.toSchoolEdit.clear()
    assert "转入学校" in dialog.ui.err_to_school.text()
    dialog.ui.toSchoolEdit.setText("海拉尔区第一小学")
    assert not dialog.ok_button.isEnabled()  # 转学范围 not chosen yet
    dialog.scopeCombo.setCurrentIndex(dialog.scopeCombo.findData("市内"))
    assert dialog.record() is True
    assert get_student(db, DEMO_ADMIN, known.student_id).status == "转出"
