"""The 适龄儿童台账 page: listing, search, filter by situation and township, the detail window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kongchuo_desktop.gui.child_table_model import ChildTableModel
from kongchuo_desktop.gui.children_page import ChildrenPage
from kongchuo_desktop.services.child_register import ChildFilter


@pytest.fixture
def children(window) -> ChildrenPage:
    page = window.open_page(ChildrenPage)
    assert isinstance(page, ChildrenPage)
    return page


def rows(page: ChildrenPage) -> list:
    return [page.model.row_at(i) for i in range(page.model.rowCount())]


def test_page_lists_children(children):
    assert children.model.total >= 7
    assert children.count_label.text() == f"共 {children.model.total:,} 人"
    names = {r.name for r in rows(children)}
    assert {"钱小宝", "钱小贝", "冯乐乐", "温柳"} <= names
    model = children.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["姓名", "性别", "出生日期", "身份证件号", "户籍村", "就读情况", "外地就读学校/审批", "关联学籍"]


def test_filter_by_situation(children):
    children.situation_combo.setCurrentIndex(children.situation_combo.findData("外地就读"))
    shown = rows(children)
    assert shown and all(r.situation == "外地就读" for r in shown)
    assert "钱小宝" in {r.name for r in shown}
    row = next(i for i, r in enumerate(shown) if r.name == "钱小宝")
    assert children.model.data(children.model.index(row, ChildTableModel.ELSEWHERE)) == "海拉尔区第一小学"
    children.situation_combo.setCurrentIndex(children.situation_combo.findData("未入学"))
    assert all(r.situation == "未入学" for r in rows(children))
    assert children.count_label.text() == f"共 {children.model.total} 人"


def test_search_by_initials_and_township(qtbot, children, known):
    qtbot.keyClicks(children.search, "qxb")
    qtbot.waitUntil(lambda: children.model.filter.text == "qxb")
    assert {"钱小宝", "钱小贝"} <= {r.name for r in rows(children)}
    assert "冯乐乐" not in {r.name for r in rows(children)}
    children.search.setText("qianxiaobao")
    qtbot.waitUntil(lambda: children.model.filter.text == "qianxiaobao")
    assert [r.name for r in rows(children)] == ["钱小宝"]
    children.search.clear()
    qtbot.waitUntil(lambda: children.model.filter.text == "")
    children.township_combo.setCurrentIndex(children.township_combo.findData(known.township_id))
    assert "蒋丹" not in {r.name for r in rows(children)}  # registered in another township


def test_linked_student_and_approval_columns(children, known):
    shown = rows(children)
    model = children.model
    wenliu = next(i for i, r in enumerate(shown) if r.name == "温柳")
    assert model.data(model.index(wenliu, ChildTableModel.STUDENT)) == f"{known.school_name} 四年级 在读"
    feng = next(i for i, r in enumerate(shown) if r.name == "冯乐乐")
    assert model.data(model.index(feng, ChildTableModel.ELSEWHERE)).startswith("根河市教育局批准 2024-09-01")


def test_sort_by_situation(children):
    children.table.sortByColumn(ChildTableModel.SITUATION, Qt.SortOrder.AscendingOrder)
    situations = [r.situation for r in rows(children)]
    assert situations == sorted(situations)


def test_detail_dialog(qtbot, children):
    model = children.model
    row = next(i for i, r in enumerate(rows(children)) if r.name == "冯乐乐")
    children.table.selectRow(row)
    assert children.detail_button.isEnabled()
    qtbot.mouseClick(children.detail_button, Qt.MouseButton.LeftButton)
    dialog = children.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.values["姓名"] == "冯乐乐"
    assert dialog.values["就读情况"] == "缓学"
    assert dialog.values["审批单位"] == "根河市教育局"
    assert dialog.values["缓学/免学期限"] == "2024-09-01 至 —"
    dialog.close()
    assert model.filter == ChildFilter()
