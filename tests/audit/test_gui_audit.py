"""The audit page: filters, Excel export, and the tamper check shown in red."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox

from kongchuo_desktop.gui.audit_page import AuditPage
from kongchuo_desktop.services import students
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.store.database import Database
from tests.accounts.support import Pupils


@pytest.fixture(autouse=True)
def _no_real_message_boxes(monkeypatch) -> None:
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)


def test_audit_page_filters_exports_and_verifies(
    qtbot, township_db: Database, pupils: Pupils, actors: dict[str, Actor], tmp_path: Path
) -> None:
    students.update_student(township_db, actors["校长"], pupils.a, {"note": "家访后更正"}, reason="核实")
    page = AuditPage(township_db, actors["教育局"])
    qtbot.addWidget(page)
    total = page.model.total
    assert total > 10 and "共" in page.count_label.text()
    page.user_combo.setCurrentIndex(page.user_combo.findData("head"))
    assert page.model.total == 1 and page.model.rows[0].new_value == "家访后更正"
    assert page.model.data(page.model.index(0, 2)) == "head"
    page.user_combo.setCurrentIndex(0)
    page.entity_combo.setCurrentIndex(page.entity_combo.findData("account"))
    assert 0 < page.model.total < total
    page.choose_export_path = lambda: str(tmp_path / "审计")
    out = page.export()
    assert out == tmp_path / "审计.xlsx"
    rows = list(load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    assert len(rows) == page.model.total + 1 and {r[5] for r in rows[1:]} == {"账户"}
    report = page.verify()
    assert report is not None and report.ok and "完整" in page.chain_label.text()
    conn = sqlite3.connect(township_db.path)
    conn.execute("UPDATE audit_entry SET reason = '没有核实' WHERE reason = '核实'")
    conn.commit()
    conn.close()
    report = page.verify()
    assert report is not None and not report.ok
    assert "发现篡改" in page.chain_label.text() and "审计记录" in page.chain_label.text()


def test_paging_fetches_more_as_needed(qtbot, township_db: Database, pupils: Pupils, actors: dict[str, Actor]) -> None:
    for i in range(120):
        students.update_student(township_db, actors["管理员"], pupils.a, {"note": f"第{i}次", "grade": 3 + i % 2})
    page = AuditPage(township_db, actors["管理员"])
    qtbot.addWidget(page)
    model = page.model
    assert model.rowCount() == model.PAGE < model.total
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == model.total
