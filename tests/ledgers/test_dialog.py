"""The 导出台账 dialog, offscreen: choose a ledger and a file, export in the background, cancel."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import openpyxl
import pytest

pytest.importorskip("PySide6.QtWidgets")

from kongchuo_desktop.gui.ledger_export_dialog import LedgerExportDialog  # noqa: E402
from kongchuo_desktop.services import ledgers  # noqa: E402
from kongchuo_desktop.services import permissions as perms  # noqa: E402
from kongchuo_desktop.services.actor import SYSTEM, Actor  # noqa: E402
from kongchuo_desktop.store.database import Database  # noqa: E402


def make(qtbot, db: Database, tmp_path: Path, actor: Actor = SYSTEM) -> LedgerExportDialog:  # type: ignore[no-untyped-def]
    chosen: list[str] = []

    def chooser(_parent, _title, suggested):  # type: ignore[no-untyped-def]
        chosen.append(suggested)
        return tmp_path / suggested

    dialog = LedgerExportDialog(db, actor, chooser=chooser)
    dialog.chosen = chosen  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_export_children_ledger(qtbot, demo_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = make(qtbot, demo_db, tmp_path)
    assert [dialog.ledger_combo.itemText(i) for i in range(dialog.ledger_combo.count())] == [
        "适龄儿童台账", "疑似辍学学生台账", "辍学学生台账", "学生名册", "家访记录台账",
    ]  # fmt: skip
    assert dialog.township_combo.currentText() == "金河镇"  # the site's own township
    assert not dialog.school_combo.isEnabled() and dialog.year_combo.isEnabled()
    dialog.year_combo.setCurrentIndex(dialog.year_combo.findData("2026-2027"))
    with qtbot.waitSignal(dialog.exported, timeout=20000) as blocker:
        dialog.export_button.click()  # no file chosen yet: asks first
    result = blocker.args[0]
    assert dialog.chosen == ["金河镇适龄儿童台账_2026-2027.xlsx"]  # type: ignore[attr-defined]
    assert result.path == tmp_path / "金河镇适龄儿童台账_2026-2027.xlsx" and result.path.exists()
    assert "已导出金河镇适龄儿童台账" in dialog.status.text()
    qtbot.waitUntil(lambda: dialog.task is None)
    assert dialog.progress.value() == dialog.progress.maximum() and dialog.export_button.isEnabled()


def test_school_roster_for_a_principal(qtbot, demo_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kongchuo_desktop.services import lookups

    central = next(s for s in lookups.schools(demo_db) if s.name == "金河镇中心学校")
    principal = Actor(user="p", display_name="校长", role=perms.PRINCIPAL, school_id=central.id)
    dialog = make(qtbot, demo_db, tmp_path, principal)
    dialog.select_ledger("students")
    assert dialog.school_combo.currentText() == "金河镇中心学校" and dialog.school_combo.count() == 1
    assert dialog.active_only.isVisibleTo(dialog) and not dialog.year_combo.isEnabled()
    dialog.active_only.setChecked(True)
    dialog.browse()
    assert dialog.path_edit.text().endswith(".xlsx") and "金河镇中心学校学生名册_" in dialog.path_edit.text()
    with qtbot.waitSignal(dialog.exported, timeout=20000) as blocker:
        dialog.start_export()
    sheet = openpyxl.load_workbook(blocker.args[0].path).active
    assert sheet["A1"].value == "金河镇中心学校学生名册"


def test_refused_and_cancelled(qtbot, demo_db: Database, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    teacher = Actor(user="t", display_name="教师", role=perms.TEACHER)
    dialog = make(qtbot, demo_db, tmp_path, teacher)
    with qtbot.waitSignal(dialog.failed, timeout=20000) as blocker:
        dialog.start_export()
    assert "导出台账" in blocker.args[0] and not list(tmp_path.glob("*.xlsx"))
    qtbot.waitUntil(lambda: dialog.task is None)

    # A slow ledger: it stalls after the first 2,000 rows until the test has pressed 取消导出.
    go_on = threading.Event()

    def slow(_ctx: ledgers.LedgerContext) -> ledgers.LedgerRows:
        def rows():  # type: ignore[no-untyped-def]
            for i in range(10_000):
                if i == 2_001:
                    go_on.wait(10)
                yield ["学校", "一年级", 1, f"学生{i}", "", None, "", "", "", "", "", ""]

        return ledgers.LedgerRows(rows(), 10_000)

    monkeypatch.setattr(ledgers, "LEDGERS", dict(ledgers.LEDGERS))
    ledgers.register_ledger(dataclasses.replace(ledgers.LEDGERS["visits"], rows=slow))
    admin = make(qtbot, demo_db, tmp_path)
    admin.select_ledger("visits")
    admin.path_edit.setText(str(tmp_path / "slow"))
    with qtbot.waitSignal(admin.failed, timeout=20000) as blocker:
        admin.start_export()
        assert admin.path_edit.text().endswith("slow.xlsx") and not admin.export_button.isEnabled()
        qtbot.waitUntil(lambda: admin.progress.value() >= 2000, timeout=10000)
        admin.cancel_button.click()
        go_on.set()
    assert blocker.args[0] == "已取消导出，没有生成文件。"
    qtbot.waitUntil(lambda: admin.task is None)
    assert sorted(p.name for p in tmp_path.iterdir() if "slow" in p.name) == []
