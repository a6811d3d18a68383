"""Ctrl+F, Ctrl+N and Ctrl+P on the register pages; Ctrl+P prints the filtered rows (to a PDF here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication

from kongchuo_desktop.gui import table_print
from kongchuo_desktop.gui.children_page import ChildrenPage
from kongchuo_desktop.gui.student_form import StudentForm
from kongchuo_desktop.gui.student_table_model import StudentTableModel

CTRL = Qt.KeyboardModifier.ControlModifier


class PdfPrintDialog:
    """Stands in for QPrintDialog: "chooses" a PDF file as the printer and accepts."""

    DialogCode = QPrintDialog.DialogCode
    opened: list[PdfPrintDialog] = []

    def __init__(self, printer: QPrinter, parent: object = None) -> None:
        self.printer = printer
        self.title = ""
        PdfPrintDialog.opened.append(self)

    def setWindowTitle(self, title: str) -> None:  # noqa: N802 - Qt's name
        self.title = title

    def setOption(self, *_args: object) -> None:  # noqa: N802 - Qt's name
        pass

    def exec(self) -> QPrintDialog.DialogCode:
        self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer.setOutputFileName(str(self.out))
        return QPrintDialog.DialogCode.Accepted


@pytest.fixture
def pdf_printer(monkeypatch, tmp_path: Path) -> Path:
    """Printing goes to this PDF file instead of a printer."""
    out = tmp_path / "printed.pdf"
    PdfPrintDialog.opened = []
    monkeypatch.setattr(PdfPrintDialog, "out", out, raising=False)
    monkeypatch.setattr(table_print, "QPrintDialog", PdfPrintDialog)
    return out


def flat(text: str) -> str:
    """Extracted PDF text without white space (it breaks lines where the font changes, e.g. at digits)."""
    return "".join(text.split())


def pdf_text(path: Path) -> str:
    return flat("".join(page.extract_text() for page in PdfReader(str(path)).pages))


def press(qtbot, window, widget, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+key in the window, as a user would press it (window shortcuts need an active window)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()
    qtbot.keyClick(widget, key, CTRL)


def settled_register(qtbot, window):  # type: ignore[no-untyped-def]
    page = window.register_page
    qtbot.waitUntil(lambda: not page.model.counting)
    return page


def test_ctrl_f_focuses_the_register_search_box(qtbot, make_window):
    window = make_window(keep_layout=False)
    page = settled_register(qtbot, window)
    page.search.setText("王")
    press(qtbot, window, page.table, Qt.Key.Key_F)
    qtbot.waitUntil(page.search.hasFocus)
    assert page.search.selectedText() == "王"  # typing replaces the old search


def test_ctrl_n_opens_the_new_student_form(qtbot, make_window):
    window = make_window(keep_layout=False)
    page = settled_register(qtbot, window)
    with qtbot.waitSignal(page.dialogOpened) as opened:
        press(qtbot, window, page.table, Qt.Key.Key_N)
    form = opened.args[0]
    assert isinstance(form, StudentForm) and form.isVisible()
    form.reject()


def test_ctrl_p_prints_the_filtered_register(qtbot, make_window, pdf_printer):
    window = make_window(keep_layout=False)
    page = settled_register(qtbot, window)
    model = page.model
    first, second = model.row_at(0), model.row_at(1)
    # Filter down to one pupil by ID number: only they are printed.
    page.search.setText(first.id_number)
    qtbot.waitUntil(lambda: model.filter.text == first.id_number and not model.counting)
    assert model.total == 1
    press(qtbot, window, page.table, Qt.Key.Key_P)
    qtbot.waitUntil(pdf_printer.exists)
    assert len(PdfPrintDialog.opened) == 1 and "学生台账" in PdfPrintDialog.opened[0].title
    text = pdf_text(pdf_printer)
    assert flat(first.name) in text and first.id_number in text
    assert second.id_number not in text
    assert "学生台账" in text and "共1条" in text and f"“{first.id_number}”" in text  # the filter line
    assert "第1页，共1页" in text


def test_the_whole_register_prints_on_pages_with_the_header_on_each(qtbot, make_window, pdf_printer):
    window = make_window(keep_layout=False)
    page = settled_register(qtbot, window)
    names = [page.model.row_at(i).name for i in range(page.model.total)]
    assert window.print_current()
    reader = PdfReader(str(pdf_printer))
    assert len(reader.pages) > 1
    header = page.model.headerData(StudentTableModel.ID_NUMBER, Qt.Orientation.Horizontal)
    texts = [flat(p.extract_text()) for p in reader.pages]
    assert all(header in t for t in texts)
    assert f"共{len(names)}条" in texts[0]
    printed = "".join(texts)
    assert all(flat(name) in printed for name in names)


def test_a_long_register_prints_its_first_rows_and_says_so(qtbot, make_window):
    window = make_window(keep_layout=False)
    page = settled_register(qtbot, window)
    table = table_print.table_from_model(page.model, "学生台账", "筛选：无", limit=5)
    assert len(table.rows) == 5
    assert "只打印了前 5 条" in table.note and "导出台账" in table.note


def test_ctrl_p_on_the_children_register(qtbot, make_window, pdf_printer):
    window = make_window(keep_layout=False)
    page = window.open_page(ChildrenPage)
    assert page is not None
    qtbot.waitUntil(lambda: not page.model.counting)
    child = page.model.row_at(0)
    press(qtbot, window, page.table, Qt.Key.Key_P)
    qtbot.waitUntil(pdf_printer.exists)
    text = pdf_text(pdf_printer)
    assert "适龄儿童台账" in text and flat(child.name) in text


def test_cancelled_print_dialog_prints_nothing(qtbot, make_window, monkeypatch, tmp_path):
    class Cancel(PdfPrintDialog):
        def exec(self) -> QPrintDialog.DialogCode:
            return QPrintDialog.DialogCode.Rejected

    monkeypatch.setattr(table_print, "QPrintDialog", Cancel)
    window = make_window(keep_layout=False)
    page = settled_register(qtbot, window)
    assert page.print_page() == 0


def test_ctrl_f_and_ctrl_n_on_the_other_pages(qtbot, make_window, monkeypatch):
    from kongchuo_desktop.gui.accounts_page import AccountDialog, AccountsPage
    from kongchuo_desktop.gui.audit_page import AuditPage
    from kongchuo_desktop.gui.letters_page import LettersPage

    window = make_window(keep_layout=False)
    audit = window.open_page(AuditPage)
    press(qtbot, window, audit.view, Qt.Key.Key_F)
    qtbot.waitUntil(audit.text_edit.hasFocus)

    letters = window.open_page(LettersPage)
    letters.tabs.setCurrentWidget(letters.register)
    press(qtbot, window, letters.register.table, Qt.Key.Key_F)
    qtbot.waitUntil(letters.register.search.hasFocus)
    # Ctrl+N on the templates tab makes a new template; on the register tab there is nothing to make.
    assert letters.templates.new_button.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert not letters.templates.isVisible()

    opened: list[object] = []
    monkeypatch.setattr(AccountDialog, "exec", lambda self: opened.append(self) or 0)
    accounts = window.open_page(AccountsPage)
    press(qtbot, window, accounts.view, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: len(opened) == 1)
