"""The 控辍责任状 page, driven as a principal would: batch, preview, print, sign with a scan, assess."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtWidgets import QDialog  # noqa: E402

from kongchuo_desktop.gui.letters_page import LetterDialogs, LettersPage  # noqa: E402
from kongchuo_desktop.gui.letters_register import AssessDialog, SignDialog  # noqa: E402
from kongchuo_desktop.gui.letters_templates import wait_for_previews  # noqa: E402
from kongchuo_desktop.services import letters  # noqa: E402
from kongchuo_desktop.services.actor import Actor  # noqa: E402
from kongchuo_desktop.store.database import Database  # noqa: E402
from tests.letters.pdftext import page_texts  # noqa: E402


class FakeDialogs(LetterDialogs):
    """Answers the page's questions from the test; records the messages."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.messages: list[str] = []
        self.scan: Path | None = None
        self.fill = None

    def save_file(self, parent, title, suggested, file_filter):  # type: ignore[no-untyped-def]
        return self.tmp / suggested

    def choose_folder(self, parent, title):  # type: ignore[no-untyped-def]
        return self.tmp / "folder"

    def open_file(self, parent, title, file_filter):  # type: ignore[no-untyped-def]
        return self.scan

    def run(self, dialog: QDialog) -> bool:
        return bool(self.fill(dialog)) if self.fill else False

    def confirm(self, parent, title, text):  # type: ignore[no-untyped-def]
        return True

    def inform(self, parent, title, text):  # type: ignore[no-untyped-def]
        self.messages.append(text)

    def warn(self, parent, title, text):  # type: ignore[no-untyped-def]
        self.messages.append(text)


@pytest.fixture
def page(qtbot, letters_db: Database, principal: Actor, tmp_path: Path):  # type: ignore[no-untyped-def]
    widget = LettersPage(letters_db, principal, dialogs=FakeDialogs(tmp_path))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    yield widget
    wait_for_previews()


def _wait_preview(qtbot, preview) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: preview.page_count() > 0, timeout=10000)


def test_autumn_round(qtbot, page: LettersPage, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialogs: FakeDialogs = page.dialogs  # type: ignore[assignment]
    batch = page.batch
    assert batch.scope_box.currentText() == "金河镇中心学校"  # a principal sees only the own school
    batch.year_box.setValue(2026)
    result = batch.run_batch(draft=False)
    assert result is not None and result.letters == 3
    assert result.files[0].parent == tmp_path and result.files[0].exists()
    _wait_preview(qtbot, batch.preview)
    assert batch.preview.page_count() == result.pages

    printed = tmp_path / "printed.pdf"
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    printer.setPageRanges(__import__("PySide6.QtGui", fromlist=["QPageRanges"]).QPageRanges())
    printer.setFromTo(1, 2)
    printer.setCopyCount(2)
    assert batch.preview.print_to(printer) == 4
    assert len(page_texts(printed)) == 4

    register = page.register
    page.tabs.setCurrentWidget(register)
    assert register.model.rowCount() == 3
    register.not_returned.setChecked(True)
    assert register.model.rowCount() == 3
    register.table.selectRow(0)
    number = register.selected_rows()[0].number

    scan = tmp_path / "signed.pdf"
    scan.write_bytes(Path(result.files[0]).read_bytes())
    dialogs.scan = scan

    def sign(dialog: QDialog) -> bool:
        assert isinstance(dialog, SignDialog)
        dialog.choose()
        dialog.date_edit.setDate(dt.date.today())
        return True

    dialogs.fill = sign
    register.sign_selected()
    assert dialogs.messages == []
    assert register.model.rowCount() == 2  # no longer 未签回
    register.not_returned.setChecked(False)
    assert register.select_number(number)
    row = register.selected_rows()[0]
    assert row.status == letters.SIGNED and row.signed_on == dt.date.today()
    shown = register.show_selected_scan()
    assert shown is not None
    shown.close()

    def veto(dialog: QDialog) -> bool:
        assert isinstance(dialog, AssessDialog)
        dialog.choices["一票否决"].setChecked(True)
        dialog.reason.setPlainText("学生辍学未家访")
        dialog._check()
        return dialog.result == "一票否决"

    dialogs.fill = veto
    register.assess_selected()
    register.select_number(number)
    assert register.selected_rows()[0].assessment == "一票否决"
    exported = register.export()
    assert exported is not None and exported.exists()


def test_template_editor_marks_errors_and_previews(qtbot, page: LettersPage) -> None:  # type: ignore[no-untyped-def]
    tab = page.templates
    page.tabs.setCurrentWidget(tab)
    _wait_preview(qtbot, tab.preview)
    qtbot.waitUntil(lambda: not tab.preview_busy(), timeout=10000)
    tab.new_template()
    tab.name_edit.setText("本校简版责任书")
    tab.editor.setPlainText("【标题】{学校名称}责任书\n乙方：{教师名}\n{学生名单}\n【签名栏】")
    assert tab.save() is None
    assert "不认识的占位符“{教师名}”" in tab.problem_label.text()
    assert tab.editor.textCursor().blockNumber() == 1
    assert len(tab.editor.extraSelections()) == 1
    tab.editor.setPlainText("【标题】{学校名称}责任书\n乙方：{教师姓名}\n{学生名单}\n【签名栏】")
    saved = tab.save()
    assert saved is not None and saved.version == 1
    assert "本校简版责任书" in [t.name for t in tab._templates]
    assert any("本校简版责任书" in page.batch.template_box.itemText(i) for i in range(page.batch.template_box.count()))
    qtbot.waitUntil(lambda: not tab.preview_busy(), timeout=10000)
    _wait_preview(qtbot, tab.preview)
    assert tab.preview.page_count() >= 1


def test_page_screenshot(qtbot, page: LettersPage, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.batch.run_batch(draft=True)
    _wait_preview(qtbot, page.batch.preview)
    image = page.grab()
    assert not image.isNull() and image.width() > 600
