"""The student form: inline checks as the user types, ID auto-fill, saving, service refusals, history."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from kongchuo_desktop.gui.field_binding import read_widget
from kongchuo_desktop.gui.student_form import StudentForm
from kongchuo_desktop.services.actor import DEMO_ADMIN, Actor
from kongchuo_desktop.services.students import get_student


@pytest.fixture
def new_form(qtbot, db) -> StudentForm:
    form = StudentForm(db, DEMO_ADMIN)
    qtbot.addWidget(form)
    form.show()
    return form


def test_edit_form_shows_the_student(qtbot, page, known):
    form = page.open_student_form(known.student_id)
    ui = form.ui
    assert form.windowTitle() == "编辑学生：温柳（在读）"
    assert ui.nameEdit.text() == "温柳"
    assert ui.idNumberEdit.text() == known.student_id_number
    assert ui.sexCombo.currentText() == "女"
    assert read_widget(ui.birthDateEdit) == dt.date(2015, 3, 14)
    assert ui.schoolCombo.currentText() == known.school_name
    assert ui.gradeCombo.currentData() == 4
    assert ui.classSpin.value() == 2
    assert ui.ethnicityCombo.currentText() == "汉族"
    assert ui.leftBehindCombo.currentText() == "单亲外出"
    assert ui.migrantCheck.isChecked()
    assert ui.guardian1NameEdit.text() == "温大海"
    assert ui.guardian1RelationCombo.currentText() == "父亲"
    assert ui.guardian1AwayCheck.isChecked()
    assert form.save_button.isEnabled()
    assert ui.tabs.isTabVisible(ui.tabs.indexOf(ui.tabHistory))
    assert ui.historyTable.rowCount() >= 1
    assert ui.historyTable.item(0, 1).text() == "登记"
    # The 亲情监护人 list holds the teachers of the student's school.
    teachers = [ui.guardianTeacherCombo.itemText(i) for i in range(ui.guardianTeacherCombo.count())]
    assert {"李明", "赵红", "孙强"} <= set(teachers)


def test_edit_save_shows_in_register_and_history(qtbot, db, page, known, settle):
    page.select_row(settle(page.model).find_row(known.student_id, near=page.model.total))
    form = page.open_student_form(known.student_id)
    form.ui.classSpin.setValue(3)
    form.ui.hukouAddressEdit.setText("内蒙古根河市金河镇兴安村3组")
    form.ui.reasonEdit.setText("家长提供了新的户口本")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert get_student(db, DEMO_ADMIN, known.student_id).values["class_no"] == 3
    row = settle(page.model).find_row(known.student_id, near=page.model.total)
    assert row is not None
    assert page.model.data(page.model.index(row, 7)) == "3班"
    assert page.selected_student_id() == known.student_id  # the selection survived the refresh
    again = page.open_student_form(known.student_id)
    history = [
        [again.ui.historyTable.item(r, c).text() for c in range(5)] for r in range(again.ui.historyTable.rowCount())
    ]
    assert any(
        kind == "修改" and "班级：2 → 3" in text and "家长提供了新的户口本" in text for _, kind, text, _u, _a in history
    )
    assert any("户籍地址" in text for _, _k, text, _u, _a in history)


def test_invalid_id_shows_inline_message_and_disables_save(qtbot, db, known):
    form = StudentForm(db, DEMO_ADMIN, known.student_id)
    qtbot.addWidget(form)
    form.show()
    assert form.save_button.isEnabled()
    form.ui.idNumberEdit.clear()
    qtbot.keyClicks(form.ui.idNumberEdit, "150785201503140002")  # the check character should be 1
    label = form.ui.err_id_number
    assert label.isVisible()
    assert "校验位" in label.text()
    assert not form.save_button.isEnabled()
    qtbot.keyClicks(form.ui.idNumberEdit, "9")
    assert "格式不对" in label.text()


def test_new_form_shows_problems_only_for_touched_fields(qtbot, new_form):
    ui = new_form.ui
    assert not new_form.save_button.isEnabled()
    assert not ui.err_name.isVisible()
    assert "姓名" in ui.pendingLabel.text()
    assert not ui.tabs.isTabVisible(ui.tabs.indexOf(ui.tabHistory))
    qtbot.keyClicks(ui.idNumberEdit, "12345")
    assert ui.err_id_number.isVisible()
    assert not ui.err_name.isVisible()
    assert ui.tabs.tabBar().tabTextColor(0).name() == "#c0392b"


def test_valid_id_fills_birth_date_and_sex(qtbot, new_form, id_for):
    ui = new_form.ui
    number = id_for(dt.date(2016, 7, 9), 3, male=True)
    qtbot.keyClicks(ui.idNumberEdit, number)
    assert read_widget(ui.birthDateEdit) == dt.date(2016, 7, 9)
    assert ui.sexCombo.currentText() == "男"
    assert not ui.err_id_number.isVisible()
    assert not ui.err_birth_date.isVisible()


def test_sex_contradicting_id_is_shown(qtbot, new_form, id_for):
    ui = new_form.ui
    qtbot.keyClicks(ui.idNumberEdit, id_for(dt.date(2016, 7, 9), 3, male=True))
    ui.sexCombo.setCurrentIndex(ui.sexCombo.findData("女"))
    assert ui.err_sex.isVisible()
    assert "不一致" in ui.err_sex.text()


def fill_new_student(qtbot, form: StudentForm, school_id: str, number: str, name: str = "鲍小杰") -> None:
    ui = form.ui
    qtbot.keyClicks(ui.nameEdit, "x")
    ui.nameEdit.setText(name)
    qtbot.keyClicks(ui.idNumberEdit, number)
    ui.schoolCombo.setCurrentIndex(ui.schoolCombo.findData(school_id))
    ui.gradeCombo.setCurrentIndex(ui.gradeCombo.findData(2))
    ui.guardian1NameEdit.setText("鲍大山")
    ui.guardian1PhoneEdit.setText("13800001111")


def test_create_student_appears_in_register(qtbot, page, known, id_for):
    form = page.open_student_form(None)
    fill_new_student(qtbot, form, known.school_id, id_for(dt.date(2017, 2, 3), 41, male=True))
    assert form.save_button.isEnabled(), form.problems
    with qtbot.waitSignal(form.saved) as saved:
        form.save_button.click()
    new_id = saved.args[0]
    qtbot.keyClicks(page.search, "bxj")
    qtbot.waitUntil(lambda: page.model.filter.text == "bxj")
    assert new_id in {page.model.row_id(i) for i in range(page.model.rowCount())}


def test_guardian_phone_is_checked(qtbot, new_form):
    new_form.ui.tabs.setCurrentWidget(new_form.ui.tabGuardians)
    qtbot.keyClicks(new_form.ui.guardian1PhoneEdit, "12345")
    assert new_form.ui.err_guardian1_phone.isVisible()
    assert new_form.ui.err_guardian1_name.isVisible()  # a phone without a name
    guardians_tab = new_form.ui.tabs.indexOf(new_form.ui.tabGuardians)
    assert new_form.ui.tabs.tabBar().tabTextColor(guardians_tab).name() == "#c0392b"


def test_service_refusal_is_shown_inline(qtbot, db, known, id_for):
    form = StudentForm(db, DEMO_ADMIN)
    qtbot.addWidget(form)
    form.show()
    fill_new_student(qtbot, form, known.school_id, known.student_id_number)  # 温柳's ID: a duplicate
    assert form.save_button.isEnabled()
    assert form.save() is False
    assert form.isVisible()
    label = form.ui.err_id_number
    assert label.isVisible()
    assert "已登记" in label.text() and "温柳" in label.text()
    assert not form.save_button.isEnabled()
    assert form.ui.tabs.currentIndex() == 0
    # The message stays until the field it concerns is changed.
    form.ui.nameEdit.setText("鲍小强")
    assert "已登记" in label.text()
    form.ui.idNumberEdit.setText(id_for(dt.date(2017, 2, 3), 42, male=True))
    assert not label.isVisible()
    assert form.save_button.isEnabled()


def test_roles_without_the_permission_cannot_save(qtbot, db, known):
    bureau = Actor(user="b", display_name="教育局", role="教育局")
    form = StudentForm(db, bureau, known.student_id)
    qtbot.addWidget(form)
    assert form.ui.nameEdit.text() == "温柳"  # reading is allowed
    assert not form.save_button.isEnabled()
    assert "没有“修改学生信息”的权限" in form.ui.pendingLabel.text()
