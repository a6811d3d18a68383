"""The import wizard, driven end to end offscreen: file → sheet → mapping → preview → write."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from kongchuo_desktop.gui.import_wizard import ImportWizard
from kongchuo_desktop.store.models import Student
from tests.imports.conftest import roster_row
from tests.imports.support import ROSTER_HEADER, db_fingerprint, make_inline_task_class, table_counts, write_xlsx

InlineTask = make_inline_task_class()


def _wizard(qtbot, db, actor, path: Path | None, *, inline: bool = True, saved: Path | None = None) -> ImportWizard:  # type: ignore[no-untyped-def]
    wizard = ImportWizard(
        db,
        actor,
        choose_file=lambda *_: path,
        choose_save=lambda *_: saved,
        task_factory=(lambda work, owner: InlineTask(work, owner)) if inline else None,
    )
    qtbot.addWidget(wizard)
    wizard.resize(1000, 660)
    wizard.show()
    if path is not None:
        wizard.file_page.browse()
    return wizard


def _next(qtbot, wizard: ImportWizard, page: int, timeout: int = 10_000) -> None:  # type: ignore[no-untyped-def]
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == page and not wizard.busy, timeout=timeout)


def _to_preview(qtbot, wizard: ImportWizard) -> None:  # type: ignore[no-untyped-def]
    _next(qtbot, wizard, ImportWizard.PAGE_SHEET)
    _next(qtbot, wizard, ImportWizard.PAGE_MAPPING)
    _next(qtbot, wizard, ImportWizard.PAGE_PREVIEW)


def test_sample_imported_through_every_step(qtbot, db, db_path, admin, samples_dir):
    wizard = _wizard(qtbot, db, admin, samples_dir / "roster_sample.xlsx")
    done = []
    wizard.imported.connect(done.append)
    _next(qtbot, wizard, ImportWizard.PAGE_SHEET)
    assert wizard.sheet_page.sheet_combo.currentData() == "学生名册"
    assert "第 3 行" in wizard.sheet_page.info_label.text()
    _next(qtbot, wizard, ImportWizard.PAGE_MAPPING)
    page = wizard.mapping_page
    assert page.isComplete()
    assert page.chosen()[ROSTER_HEADER.index("序号")] is None
    _next(qtbot, wizard, ImportWizard.PAGE_PREVIEW)
    preview_page = wizard.preview_page
    assert "新增 232 人" in preview_page.counts_label.text() and "未导入 8 行" in preview_page.counts_label.text()
    assert preview_page.model.rowCount() == 8
    first = [preview_page.model.index(0, c).data() for c in range(5)]
    assert first[:4] == ["roster_sample.xlsx", "学生名册", "31", "身份证件号"] and "Excel" in first[4]
    assert preview_page.places_box.isVisible() and "根河市第一小学" in preview_page.places_label.text()
    assert table_counts(db_path, "student")["student"] == 0  # nothing written before the commit
    _next(qtbot, wizard, ImportWizard.PAGE_WRITE)
    qtbot.waitUntil(lambda: wizard.write_page.finished_writing)
    assert wizard.write_page.outcome == "written"
    assert "新增 232 人" in wizard.write_page.result_label.text()
    assert done and done[0].new == 232
    assert table_counts(db_path, "student")["student"] == 232
    assert wizard.button(wizard.WizardButton.FinishButton).isEnabled()


def test_reading_and_writing_run_in_a_worker_thread(qtbot, db, db_path, admin, tmp_path):
    path = write_xlsx(tmp_path / "名册.xlsx", [ROSTER_HEADER, *[roster_row(i) for i in range(1, 30)]])
    wizard = _wizard(qtbot, db, admin, path, inline=False)
    _to_preview(qtbot, wizard)
    assert wizard.preview is not None and wizard.preview.new == 29
    _next(qtbot, wizard, ImportWizard.PAGE_WRITE)
    qtbot.waitUntil(lambda: wizard.write_page.finished_writing, timeout=20_000)
    assert wizard.write_page.outcome == "written"
    assert table_counts(db_path, "student")["student"] == 29


def test_cancelling_the_write_leaves_the_database_as_it_was(qtbot, db, db_path, admin, tmp_path):
    rows = [roster_row(i) for i in range(1, 20)] + [roster_row(40, "金河镇第五小学")]
    wizard = _wizard(qtbot, db, admin, write_xlsx(tmp_path / "名册.xlsx", [ROSTER_HEADER, *rows]))
    _to_preview(qtbot, wizard)
    before = db_fingerprint(db_path)
    panel = wizard.write_page.panel
    shown = panel.report

    def report_then_cancel(done: int, total: int, text: str) -> None:
        shown(done, total, text)
        if text.startswith("正在写入新增"):  # rows are in the open transaction now
            panel.cancel_button.click()

    panel.report = report_then_cancel  # type: ignore[method-assign]
    _next(qtbot, wizard, ImportWizard.PAGE_WRITE)
    qtbot.waitUntil(lambda: wizard.write_page.finished_writing)
    assert wizard.write_page.outcome == "cancelled"
    assert "数据库没有任何改动" in wizard.write_page.result_label.text()
    assert db_fingerprint(db_path) == before


def test_a_confirmed_mapping_is_remembered_for_that_layout(qtbot, db, admin, tmp_path):
    path = write_xlsx(tmp_path / "名册.xlsx", [ROSTER_HEADER, roster_row(1)])
    wizard = _wizard(qtbot, db, admin, path)
    _next(qtbot, wizard, ImportWizard.PAGE_SHEET)
    _next(qtbot, wizard, ImportWizard.PAGE_MAPPING)
    assert "自动识别" in wizard.mapping_page.status_label.text()
    phone_col = ROSTER_HEADER.index("联系电话")
    combo = wizard.mapping_page.combos[phone_col]
    assert combo.currentData() == "guardian1_phone"
    combo.setCurrentIndex(0)  # （不导入）
    _next(qtbot, wizard, ImportWizard.PAGE_PREVIEW)
    _next(qtbot, wizard, ImportWizard.PAGE_WRITE)
    qtbot.waitUntil(lambda: wizard.write_page.finished_writing)
    wizard.close()

    other = write_xlsx(tmp_path / "另一个名册.xlsx", [ROSTER_HEADER, roster_row(2)])  # same header layout
    again = _wizard(qtbot, db, admin, other)
    _next(qtbot, again, ImportWizard.PAGE_SHEET)
    _next(qtbot, again, ImportWizard.PAGE_MAPPING)
    assert "上次确认" in again.mapping_page.status_label.text()
    assert again.mapping_page.combos[phone_col].currentData() == ""
    _next(qtbot, again, ImportWizard.PAGE_PREVIEW)
    assert again.preview is not None
    assert all("guardian1_phone" not in row.record.values for row in again.preview.plan.rows)


def test_a_bad_file_is_explained_on_the_first_page(qtbot, db, db_path, admin, tmp_path):
    bad = tmp_path / "损坏.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    before = db_fingerprint(db_path)
    wizard = _wizard(qtbot, db, admin, bad)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.file_page.error_label.isVisible())
    assert wizard.currentId() == ImportWizard.PAGE_FILE
    assert "损坏.xlsx" in wizard.file_page.error_label.text()
    assert db_fingerprint(db_path) == before


def test_no_permission_is_explained_on_the_first_page(qtbot, db, teacher, tmp_path):
    wizard = _wizard(qtbot, db, teacher, write_xlsx(tmp_path / "名册.xlsx", [ROSTER_HEADER, roster_row(1)]))
    wizard.next()
    assert wizard.currentId() == ImportWizard.PAGE_FILE
    assert "权限" in wizard.file_page.error_label.text()


def test_choosing_a_sheet_without_a_table(qtbot, db, admin, tmp_path):
    path = write_xlsx(
        tmp_path / "两个表.xlsx",
        [["填表说明"], ["请按学籍系统导出格式填写"]],
        sheet="说明",
        extra={"名册": [ROSTER_HEADER, roster_row(1)]},
    )
    wizard = _wizard(qtbot, db, admin, path)
    _next(qtbot, wizard, ImportWizard.PAGE_SHEET)
    page = wizard.sheet_page
    assert page.sheet_combo.currentData() == "名册" and page.isComplete()
    page.sheet_combo.setCurrentIndex(page.sheet_combo.findData("说明"))
    qtbot.waitUntil(lambda: page.error_label.isVisible())
    assert "说明" in page.error_label.text() and not page.isComplete()
    page.sheet_combo.setCurrentIndex(page.sheet_combo.findData("名册"))
    qtbot.waitUntil(page.isComplete)


def test_missing_required_column_blocks_the_mapping(qtbot, db, admin, tmp_path):
    wizard = _wizard(qtbot, db, admin, write_xlsx(tmp_path / "名册.xlsx", [ROSTER_HEADER, roster_row(1)]))
    _next(qtbot, wizard, ImportWizard.PAGE_SHEET)
    _next(qtbot, wizard, ImportWizard.PAGE_MAPPING)
    page = wizard.mapping_page
    page.combos[ROSTER_HEADER.index("姓名")].setCurrentIndex(0)
    assert not page.isComplete() and "姓名" in page.problems_label.text()
    page.combos[ROSTER_HEADER.index("监护人姓名")].setCurrentIndex(page.combos[0].findData("name"))
    page.combos[ROSTER_HEADER.index("姓名")].setCurrentIndex(page.combos[0].findData("name"))
    assert not page.isComplete() and "不止一列" in page.problems_label.text()


def test_report_saved_and_new_schools_declined(qtbot, db, db_path, admin, tmp_path):
    rows = [roster_row(1), roster_row(2, "金河镇第五小学"), roster_row(3)]
    rows[2][5] = "女" if rows[2][5] == "男" else "男"  # sex contradicts the ID
    report = tmp_path / "退回.xlsx"
    wizard = _wizard(qtbot, db, admin, write_xlsx(tmp_path / "名册.xlsx", [ROSTER_HEADER, *rows]), saved=report)
    _to_preview(qtbot, wizard)
    page = wizard.preview_page
    assert page.save_button.isEnabled()
    page.save_button.click()
    assert report.exists() and str(report) in page.saved_label.text()
    assert "新增 2 人" in page.counts_label.text()
    page.add_places_check.setChecked(False)
    assert "新增 1 人" in page.counts_label.text() and "未导入 2 行" in page.counts_label.text()
    _next(qtbot, wizard, ImportWizard.PAGE_WRITE)
    qtbot.waitUntil(lambda: wizard.write_page.finished_writing)
    assert table_counts(db_path, "student", "school") == {"student": 1, "school": 3}
    with db.read_session() as session:
        assert session.execute(select(Student.name)).scalars().all() == [rows[0][4]]


@pytest.mark.parametrize("kind", ["children"])
def test_children_register_through_the_wizard(qtbot, db, db_path, admin, samples_dir, kind):
    wizard = _wizard(qtbot, db, admin, samples_dir / "crosscheck_sample_children.xlsx")
    wizard.file_page.children_radio.setChecked(True)
    _to_preview(qtbot, wizard)
    assert wizard.preview is not None and wizard.preview.kind == kind and wizard.preview.new == 153
    assert not wizard.preview_page.places_box.isVisible()
    _next(qtbot, wizard, ImportWizard.PAGE_WRITE)
    qtbot.waitUntil(lambda: wizard.write_page.finished_writing)
    assert table_counts(db_path, "child")["child"] == 153


def test_closing_the_wizard_while_writing_cancels_and_rolls_back(qtbot, db, db_path, admin, tmp_path):
    rows = [roster_row(i) for i in range(1, 12)]
    wizard = _wizard(qtbot, db, admin, write_xlsx(tmp_path / "名册.xlsx", [ROSTER_HEADER, *rows]))
    _to_preview(qtbot, wizard)
    before = db_fingerprint(db_path)
    panel = wizard.write_page.panel
    shown = panel.report

    def report_then_close(done: int, total: int, text: str) -> None:
        shown(done, total, text)
        if text.startswith("正在写入新增"):
            wizard.reject()  # the window's close / 取消 while the worker runs

    panel.report = report_then_close  # type: ignore[method-assign]
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert wizard.result() == wizard.DialogCode.Rejected
    assert db_fingerprint(db_path) == before
