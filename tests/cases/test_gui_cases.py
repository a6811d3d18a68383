"""The casework GUI: logging a visit from the to-do list with the keyboard, the case window's whole
path (report, notice, return, 销号), recording an absence with the pupil search."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.gui.case_dialog import CaseDialog
from kongchuo_desktop.gui.case_pdf import PdfDialog
from kongchuo_desktop.gui.todo_page import TodoPage, nav_label
from kongchuo_desktop.gui.visit_form import VisitForm
from kongchuo_desktop.services import absences, cases, clock, todo
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.store.database import Database
from tests.cases.conftest import ADMIN, World

D = dt.date


def set_today(monkeypatch: pytest.MonkeyPatch, day: dt.date, hour: int = 18) -> None:
    monkeypatch.setattr(clock, "today", lambda: day)
    monkeypatch.setattr(clock, "now", lambda: dt.datetime.combine(day, dt.time(hour)))


def press(qtbot, key: Qt.Key, times: int = 1) -> None:  # type: ignore[no-untyped-def]
    for _ in range(times):
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClick(widget, key)


def test_log_a_visit_from_the_todo_list_with_the_keyboard_only(
    qtbot, cdb: Database, world: World, actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, D(2025, 10, 13))
    teacher = actors["teacher"]
    case_id = absences.record_absence(cdb, teacher, world.a, D(2025, 10, 13)).case_id
    page = TodoPage(cdb, teacher)
    qtbot.addWidget(page)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    assert page.count == 1
    assert nav_label("待办事项", page.count) == "待办事项（1）"
    item = page.select_case(case_id, todo.VISITS_TODAY)
    assert item is not None and item.text(3).startswith("一访")
    page.tree.setFocus()
    with qtbot.waitSignal(page.dialogOpened) as opened:
        qtbot.keyClick(page.tree, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    form = opened.args[0]
    assert isinstance(form, VisitForm)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.ui.reasonCombo)
    # defaults: now, 一访, 家访, the class teacher ticked; the cursor waits on the reason
    visit = form.visit_input()
    assert visit.round == esc.ROUND_1 and visit.kind == "家访"
    assert visit.visited_at == dt.datetime(2025, 10, 13, 18, 0)
    assert [p.name for p in visit.participants] == ["李明"]
    assert QApplication.focusWidget() is form.ui.reasonCombo
    assert not form.save_button.isEnabled()
    press(qtbot, Qt.Key.Key_Down)  # 厌学/学习困难
    press(qtbot, Qt.Key.Key_Tab, 2)  # 家长态度 → 结果
    assert QApplication.focusWidget() is form.ui.outcomeCombo
    press(qtbot, Qt.Key.Key_Down, 3)  # 拒绝
    assert form.ui.outcomeCombo.currentData() == esc.OUTCOME_REFUSED
    assert form.save_button.isEnabled()
    with qtbot.waitSignal(page.countChanged):
        press(qtbot, Qt.Key.Key_Return)
    assert form.visit_id is not None
    detail = cases.get_case(cdb, teacher, case_id)
    assert [(v.round, v.reason, v.outcome) for v in detail.visits] == [("一访", "厌学/学习困难", "拒绝")]
    assert detail.next_due.code in ("visit2", esc.DUE_REPORT)
    assert page.todo is not None and page.todo.group(todo.VISITS_TODAY).count == 0


def test_the_visit_form_shows_refusals_inline(
    qtbot, cdb: Database, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, D(2025, 10, 13), hour=10)
    case_id = absences.record_absence(cdb, ADMIN, world.a, D(2025, 10, 10)).case_id
    form = VisitForm(cdb, ADMIN, case_id)
    qtbot.addWidget(form)
    form.ui.reasonCombo.setCurrentIndex(1)
    form.ui.outcomeCombo.setCurrentIndex(form.ui.outcomeCombo.findData(esc.OUTCOME_PROMISED))
    assert form.ui.promisedOnEdit.isEnabled() and form.visit_input().promised_on == D(2025, 10, 14)
    form.ui.roundCombo.setCurrentIndex(form.ui.roundCombo.findData(esc.ROUND_2))  # 二访 before 一访
    assert form.save_button.isEnabled()
    assert not form.save()
    assert "请先登记一访" in form.ui.err_round.text()
    assert form.isVisible() is False or form.result() == 0
    # a time before the absence began is not even offered
    assert form.ui.visitedAtEdit.minimumDate().toPython() == D(2025, 10, 10)


def test_visit_form_opened_for_a_pupil_without_a_case(qtbot, cdb: Database, world: World) -> None:
    form = VisitForm(cdb, ADMIN, student_id=world.b)
    qtbot.addWidget(form)
    assert "没有未结的控辍个案" in form.ui.generalErrorLabel.text()
    assert not form.save_button.isEnabled()


def test_case_window_whole_path(
    qtbot, cdb: Database, world: World, actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    town = actors["township"]
    set_today(monkeypatch, D(2025, 10, 9))
    case_id = absences.record_absence(cdb, town, world.a, D(2025, 10, 9)).case_id
    page = TodoPage(cdb, town)
    qtbot.addWidget(page)
    item = page.select_case(case_id)
    assert item is not None
    with qtbot.waitSignal(page.dialogOpened) as opened:
        page.tree.itemActivated.emit(item, 0)
    dialog = opened.args[0]
    assert isinstance(dialog, CaseDialog)
    assert dialog.status.text() == esc.ABSENT
    assert not dialog.buttons["report"].isEnabled() and not dialog.buttons["notice"].isEnabled()
    for day, round_ in ((D(2025, 10, 9), "一访"), (D(2025, 10, 10), "二访"), (D(2025, 10, 13), "三访")):
        set_today(monkeypatch, day)
        form = dialog.open_visit()
        form.ui.reasonCombo.setCurrentIndex(form.ui.reasonCombo.findData("家庭经济困难"))
        form.ui.outcomeCombo.setCurrentIndex(form.ui.outcomeCombo.findData(esc.OUTCOME_REFUSED))
        assert form.visit_input().round == round_
        assert form.save(), form.problems
    assert [v.round for v in dialog.detail.visits] == ["一访", "二访", "三访"]
    assert dialog.timeline.rowCount() == 4
    report = dialog.show_report()
    assert isinstance(report, PdfDialog) and report.preview.data and report.preview.data.startswith(b"%PDF")
    report.close()
    sent = dialog.open_report_sent()
    assert sent.submit()
    assert dialog.status.text() == esc.SUSPECTED
    assert dialog.buttons["notice"].isEnabled()
    notice = dialog.open_notice()
    assert notice.guardian.text() == "温大海" and notice.issuer.text() == "金河镇人民政府"
    assert notice.submit()
    assert isinstance(dialog.dialog, PdfDialog)  # the notice is shown for printing
    dialog.dialog.close()
    assert dialog.buttons["reprint"].isEnabled()
    set_today(monkeypatch, D(2025, 10, 20))
    back = dialog.open_return()
    assert back.submit()
    assert dialog.status.text() == esc.RETURNED
    closing = dialog.open_close()
    assert closing.outcome.currentData() == esc.RESUMED
    assert closing.submit()
    assert dialog.status.text() == esc.CLOSED
    assert dialog.buttons["reopen"].isEnabled() and not dialog.buttons["visit"].isEnabled()
    assert page.count == 0  # the page refreshed as the case changed


def test_closing_without_an_outcome_is_refused_in_the_dialog(
    qtbot, cdb: Database, world: World, actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, D(2025, 10, 13))
    case_id = absences.record_absence(cdb, ADMIN, world.a, D(2025, 10, 9)).case_id
    dialog = CaseDialog(cdb, ADMIN, case_id)
    qtbot.addWidget(dialog)
    closing = dialog.open_close()
    assert not closing.submit()
    assert "销号必须选择结果" in closing.error.text()
    closing.outcome.setCurrentIndex(closing.outcome.findData(esc.RESUMED))
    assert closing.returned.isVisible() or not closing.isVisible()
    assert closing.submit()  # 已复学 with the return day: 缺课 case closes itself on the return
    assert dialog.detail is not None and not dialog.detail.is_open


def test_record_an_absence_with_the_pupil_search(
    qtbot, cdb: Database, world: World, actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, D(2025, 10, 13))
    page = TodoPage(cdb, actors["teacher"])
    qtbot.addWidget(page)
    page.show()
    dialog = page.open_absence()
    assert not dialog.save_button.isEnabled()
    dialog.search.setFocus()
    qtbot.keyClicks(dialog.search, "wl")
    hits = dialog.picker.search_now()
    assert [h.name for h in hits] == ["温柳"]
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)  # one match: Enter picks it
    assert dialog.student_id == world.a
    dialog.note.setText("未请假")
    with qtbot.waitSignal(page.countChanged):
        assert dialog.save()
    assert dialog.absence is not None and dialog.absence.action == absences.NEW
    assert page.count == 1 and page.selected_case_id() == dialog.absence.case_id


def test_settings_dialog_saves_rules_and_a_calendar(
    qtbot, cdb: Database, world: World, actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kongchuo_desktop.domain import school_calendar as sc
    from kongchuo_desktop.gui.case_settings_dialog import CaseSettingsDialog
    from kongchuo_desktop.services import case_settings

    set_today(monkeypatch, D(2025, 10, 13))
    readonly = CaseSettingsDialog(cdb, actors["township"])
    qtbot.addWidget(readonly)
    assert not readonly.save_rules_button.isEnabled() and not readonly.spins["stale_days"].isEnabled()
    dialog = CaseSettingsDialog(cdb, ADMIN)
    qtbot.addWidget(dialog)
    dialog.spins["stale_days"].setValue(21)
    assert dialog.save_rules()
    assert case_settings.get_rules(cdb, ADMIN).stale_days == 21
    dialog.spins["teacher_visit_day"].setValue(5)  # later than the 二访: refused, explained
    assert not dialog.save_rules() and "依次递增" in dialog.error.text()
    assert "默认校历" in dialog.source.text()
    dialog.school_combo.setCurrentIndex(dialog.school_combo.findData(world.school_id))
    dialog._add_day(D(2025, 10, 11), sc.MAKEUP, "国庆调休")
    assert dialog.save_calendar(), dialog.error.text()
    info = case_settings.get_year_calendar(cdb, ADMIN, 2025, world.school_id)
    assert info.stored and D(2025, 10, 11) in info.calendar.makeup_days
    assert "已设置" in dialog.source.text()


def test_one_click_on_the_pupil_name_opens_the_case(
    qtbot, cdb: Database, world: World, actors: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    town = actors["township"]
    set_today(monkeypatch, D(2025, 10, 9))
    case_id = absences.record_absence(cdb, town, world.a, D(2025, 10, 9)).case_id
    page = TodoPage(cdb, town)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    item = page.select_case(case_id)
    assert item is not None
    page.tree.scrollToItem(item)
    other_cell = page.tree.visualItemRect(item)
    other_cell.setLeft(page.tree.header().sectionPosition(3) + 5)
    opened: list[object] = []
    page.dialogOpened.connect(opened.append)
    qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=other_cell.topLeft() + QPoint(2, 4))
    assert opened == []  # a click elsewhere in the row only selects it
    row = page.tree.visualItemRect(item)
    name_x = page.tree.header().sectionPosition(0) + page.tree.header().sectionSize(0) // 2
    with qtbot.waitSignal(page.dialogOpened) as signal:
        qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(name_x, row.center().y()))
    assert isinstance(signal.args[0], CaseDialog)
    signal.args[0].close()
