"""The main window and the 学生台账 page driven like a user: search, filters, sorting."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from kongchuo_desktop.domain.pinyin import name_keys
from kongchuo_desktop.gui.register_page import RegisterPage
from kongchuo_desktop.gui.student_table_model import StudentTableModel


def shown_rows(page: RegisterPage) -> list:
    return [page.model.row_at(i) for i in range(page.model.rowCount())]


def test_main_window_shows_site_user_and_pages(window, site):
    # The whole navigation and menus per role are checked in test_app_wiring.py.
    assert window.windowTitle().startswith(f"控辍保学台账 — {site.name} — 演示管理员")
    assert "演示模式" in window.windowTitle()
    assert site.name in window.site_label.text()
    assert "演示管理员" in window.user_label.text()
    assert window.nav.item(0).text().startswith("待办事项")
    assert "学生台账" in [window.nav.item(i).text() for i in range(window.nav.count())]
    window.show_page(window.page_index(RegisterPage))
    assert isinstance(window.stack.currentWidget(), RegisterPage)


def test_count_label_shows_total(page, settle):
    page.model.refresh()
    assert page.count_label.text() == "正在统计人数…"  # more rows than the first page: counted in the background
    settle(page.model)
    assert page.count_label.text() == f"共 {page.model.total:,} 人"
    assert page.model.total > 200


def test_pinyin_initials_search_updates_count_and_rows(qtbot, page, known, settle):
    before = settle(page.model).total
    page.search.setFocus()
    qtbot.keyClicks(page.search, "wl")
    qtbot.waitUntil(lambda: page.model.filter.text == "wl")
    assert 0 < page.model.total < before
    assert page.count_label.text() == f"共 {page.model.total} 人"
    rows = shown_rows(page)
    assert known.student_id in {r.id for r in rows}
    assert all(name_keys(r.name)[1].startswith("wl") or name_keys(r.name)[0].startswith("wl") for r in rows)


def test_full_pinyin_and_chinese_name_search(qtbot, page, known):
    qtbot.keyClicks(page.search, "wenliu")
    qtbot.waitUntil(lambda: page.model.filter.text == "wenliu")
    assert [r.id for r in shown_rows(page)] == [known.student_id]
    page.search.clear()
    page.search.insert("温")  # Chinese arrives committed from the input method, not as key presses
    qtbot.waitUntil(lambda: page.model.filter.text == "温")
    assert known.student_id in {r.id for r in shown_rows(page)}


def test_id_prefix_search(qtbot, page, known):
    prefix = known.student_id_number[:14]
    qtbot.keyClicks(page.search, prefix)
    qtbot.waitUntil(lambda: page.model.filter.text == prefix)
    rows = shown_rows(page)
    assert known.student_id in {r.id for r in rows}
    assert all(r.id_number.startswith(prefix) for r in rows)


def test_ctrl_f_focuses_search(qtbot, window, page):
    window.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.search.hasFocus())


def test_filter_by_school_and_township(qtbot, page, known):
    index = page.school_combo.findData(known.other_school_id)
    page.school_combo.setCurrentIndex(index)
    rows = shown_rows(page)
    assert rows and all(r.school_id == known.other_school_id for r in rows)
    assert page.count_label.text() == f"共 {len(rows)} 人"
    # Choosing a township narrows the school list to that township's schools.
    page.township_combo.setCurrentIndex(page.township_combo.findData(known.township_id))
    schools = {page.school_combo.itemData(i) for i in range(page.school_combo.count())}
    assert known.school_id in schools and known.other_school_id not in schools
    assert page.school_combo.currentData() is None  # the chosen school is not in this township
    assert {r.school_id for r in shown_rows(page)} <= schools


def test_filter_by_special_group(qtbot, page, known):
    qtbot.mouseClick(page.group_buttons["migrant"], Qt.MouseButton.LeftButton)
    rows = shown_rows(page)
    assert known.student_id in {r.id for r in rows}
    assert all(r.migrant for r in rows)
    qtbot.mouseClick(page.group_buttons["left_behind"], Qt.MouseButton.LeftButton)
    assert page.model.filter.groups == frozenset({"migrant", "left_behind"})
    assert all(r.migrant and r.left_behind != "无" for r in shown_rows(page))


def test_filter_by_grade_and_status(page):
    page.grade_combo.setCurrentIndex(page.grade_combo.findData(4))
    assert shown_rows(page) and all(r.grade == 4 for r in shown_rows(page))
    page.status_combo.setCurrentIndex(page.status_combo.findData("休学"))
    assert page.model.total == 0
    assert page.count_label.text() == "共 0 人"


def test_header_click_sorts_by_name_and_school(qtbot, page, settle):
    settle(page.model)
    header = page.table.horizontalHeader()
    page.table.sortByColumn(StudentTableModel.NAME, Qt.SortOrder.DescendingOrder)
    keys = [name_keys(r.name)[0] for r in shown_rows(page)]
    assert keys == sorted(keys, reverse=True)
    where = QPoint(header.sectionViewportPosition(StudentTableModel.SCHOOL) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert page.model.sort_column == StudentTableModel.SCHOOL
    names = [page.model.display(r, StudentTableModel.SCHOOL) for r in shown_rows(page)]
    keys = [name_keys(n)[0] for n in names]
    assert keys == sorted(keys) or keys == sorted(keys, reverse=True)


def test_unsortable_header_keeps_indicator(page):
    page.table.sortByColumn(StudentTableModel.GROUPS, Qt.SortOrder.AscendingOrder)
    header = page.table.horizontalHeader()
    assert header.sortIndicatorSection() == page.model.sort_column == StudentTableModel.NAME


def test_buttons_follow_selection(qtbot, page):
    assert not page.edit_button.isEnabled()
    assert not page.change_button.isEnabled()
    page.select_row(0)
    assert page.edit_button.isEnabled()
    assert page.change_button.isEnabled()
    assert page.selected_student_id() == page.model.row_id(0)


def test_buttons_respect_the_role(qtbot, db, site):
    from kongchuo_desktop.gui.main_window import MainWindow
    from kongchuo_desktop.services.actor import Actor

    bureau = Actor(user="b", display_name="教育局", role="教育局")
    win = MainWindow(db, site, bureau)
    qtbot.addWidget(win)
    page = win.register_page
    page.select_row(0)
    assert not page.new_button.isEnabled()
    assert not page.change_button.isEnabled()
    assert page.edit_button.isEnabled() and page.edit_button.text() == "查看"
