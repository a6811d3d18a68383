"""The 核查比对 page, offscreen: run the check in the background, counts in the tab titles, filter, export."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402

from kongchuo_desktop.gui.crosscheck_page import RECORD_ID_ROLE, CrosscheckPage  # noqa: E402
from kongchuo_desktop.services import crosscheck as cc  # noqa: E402
from kongchuo_desktop.services import permissions as perms  # noqa: E402
from kongchuo_desktop.services.actor import SYSTEM, Actor  # noqa: E402
from kongchuo_desktop.store.database import Database  # noqa: E402


@pytest.fixture
def page(qtbot, sample_db: Database, tmp_path: Path) -> CrosscheckPage:  # type: ignore[no-untyped-def]
    widget = CrosscheckPage(sample_db, SYSTEM, chooser=lambda _parent, _title, suggested: tmp_path / suggested)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    widget.set_school_year("2026-2027")
    return widget


def tab_texts(page: CrosscheckPage) -> list[str]:
    return [page.tabs.tabText(i) for i in range(page.tabs.count())]


def test_run_shows_counts_in_tab_titles(qtbot, page: CrosscheckPage) -> None:  # type: ignore[no-untyped-def]
    assert tab_texts(page)[0] == "未入学/疑似失学" and not page.export_button.isEnabled()
    assert page.township_combo.currentText() == "得耳布尔镇"  # a township site checks its own township
    with qtbot.waitSignal(page.checked, timeout=10000):
        page.run_button.click()
    assert tab_texts(page) == [
        "未入学/疑似失学（12）", "外地就读无证明（0）", "户籍在本地未登记（7）", "超龄/低龄（0）", "重复登记（0）",
        "不在适龄范围（3）",
    ]  # fmt: skip
    assert "得耳布尔镇" in page.summary.text() and "8月31日" in page.summary.text()
    model = page.models["not_enrolled"]
    assert model.rowCount() == 12 and model.columnCount() == 12
    first = model.index(0, 0)
    assert model.data(first, RECORD_ID_ROLE)
    assert model.headerData(4, Qt.Orientation.Horizontal) == "身份证件号"
    # Sorting by name follows pinyin (常 chang before 陈 chen before 高 gao).
    page.views["not_enrolled"].sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert names[:3] == ["常韵聪", "陈刚璐", "高婉瑾"]
    assert page.run_button.isEnabled() and page.export_button.isEnabled()


def test_filter_and_export(qtbot, page: CrosscheckPage, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.run_check()
    page.search.setText("向阳村")
    qtbot.waitUntil(lambda: page.count_shown("not_enrolled") < 12)
    shown = page.count_shown("not_enrolled")
    assert 0 < shown < 12
    assert tab_texts(page)[0] == f"未入学/疑似失学（{shown}/12）"
    assert page.result is not None
    pupils = [f for f in page.result.lists["missing_from_children"] if "向阳村" in (f.address or "")]
    assert pupils and page.count_shown("missing_from_children") == len(pupils)  # the pupils' 户籍地址 match too
    path = page.export()
    assert path is not None and path == tmp_path / "得耳布尔镇核查比对_2026-2027.xlsx" and path.exists()
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert len(rows) == shown and all("向阳村" in r[7] for r in rows)
    assert "已导出到" in page.summary.text()
    page.search.setText("")
    qtbot.waitUntil(lambda: page.count_shown("not_enrolled") == 12)


def test_refusal_is_shown_on_the_page(qtbot, sample_db: Database) -> None:  # type: ignore[no-untyped-def]
    teacher = Actor(user="t", display_name="教师", role=perms.TEACHER)
    widget = CrosscheckPage(sample_db, teacher, runner=lambda work, *_a: work(lambda *_p: None))
    qtbot.addWidget(widget)
    assert widget.run_check() is None
    assert "没有" in widget.summary.text() and "查看报表" in widget.summary.text()
    assert widget.result is None


def test_results_can_be_shown_without_running(qtbot, sample_db: Database) -> None:  # type: ignore[no-untyped-def]
    widget = CrosscheckPage(sample_db, SYSTEM)
    qtbot.addWidget(widget)
    widget.show_result(cc.run_crosscheck(sample_db, SYSTEM, "2026-2027"))
    assert widget.tabs.tabText(5) == "不在适龄范围（3）"
