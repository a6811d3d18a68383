"""The 月报 page on a demo database, offscreen: last month by default, the unit list follows the
user's scope, 生成 previews both reports, 导出 Excel / 导出 PDF / 打印 write through the worker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kongchuo_desktop.gui.report_page import ReportPage
from kongchuo_desktop.services import clock
from kongchuo_desktop.services.actor import DEMO_ADMIN, Actor
from kongchuo_desktop.services.demo import create_demo
from kongchuo_desktop.store.database import open_database

TODAY = dt.date(2026, 11, 16)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "demo.sqlite"
    create_demo(path, students=600, seed=5, today=TODAY)
    return path


@pytest.fixture
def db(demo_path: Path, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    database = open_database(demo_path)
    yield database
    database.close()


def test_page_makes_exports_and_prints(qtbot, db, tmp_path: Path) -> None:
    chosen: list[str] = []
    printed: list[Path] = []

    def choose(_parent, suggested: str, _filter: str) -> str:
        chosen.append(suggested)
        return str(tmp_path / suggested)

    def fake_print(_parent, pdf: Path) -> int:
        assert pdf.read_bytes().startswith(b"%PDF")
        printed.append(pdf)
        return 3

    page = ReportPage(db, DEMO_ADMIN, choose_path=choose, print_run=fake_print)
    qtbot.addWidget(page)
    page.print_page()  # Ctrl+P before 生成: a hint, nothing printed
    assert printed == [] and "生成" in page.hintLabel.text()
    assert page.period().key == "2026-10"  # last month
    assert page.unitCombo.itemText(0) == "全市汇总" and page.unitCombo.count() > 20
    assert not page.excelButton.isEnabled()
    report = page.make()
    assert report is not None and report.adds_up
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["学籍变动月报", "辍学情况月报", "辍学学生名单"]
    result = page.export(".xlsx")
    assert result is not None and result.path == tmp_path / "根河市2026年10月月报.xlsx"
    assert load_workbook(result.path).sheetnames == ["学籍变动月报", "辍学情况月报", "辍学学生名单"]
    result = page.export(".pdf")
    assert result is not None and result.pages >= 3 and result.path.exists()
    assert page.print_report() == 3 and len(printed) == 1 and not printed[0].exists()  # temp file gone
    page.print_page()  # Ctrl+P once a report is on show prints it
    assert len(printed) == 2
    page.grab().save(str(tmp_path / "page.png"))


def test_units_follow_the_scope(qtbot, db) -> None:
    from kongchuo_desktop.services.sites import township_by_name

    with db.read_session() as s:
        town = township_by_name(s, "金河镇").id
    page = ReportPage(db, Actor("t", "乡镇干部", role="乡镇", township_id=town))
    qtbot.addWidget(page)
    texts = [page.unitCombo.itemText(i) for i in range(page.unitCombo.count())]
    assert texts[0] == "金河镇" and "全市汇总" not in texts and all("金河镇" in t for t in texts)
    page.unitCombo.setCurrentIndex(1)
    report = page.make()
    assert report is not None and report.scope.kind == "school"
