"""The font size setting (applied at once, remembered) and the window's remembered geometry and columns."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel, QTableWidget

from kongchuo_desktop.gui import ui_state
from kongchuo_desktop.gui.app import create_application
from kongchuo_desktop.gui.settings_dialog import SettingsDialog
from kongchuo_desktop.gui.student_table_model import StudentTableModel


def title_of(page) -> QLabel:  # type: ignore[no-untyped-def]
    """The page's big heading (it sets a point size of its own)."""
    return next(label for label in page.findChildren(QLabel) if label.text() == "学生台账")


def test_font_size_applies_at_once_and_is_remembered(qtbot, make_window):
    app = QApplication.instance()
    create_application()  # the standard size, as at start-up
    window = make_window(keep_layout=False)
    page = window.register_page
    chip = next(iter(page.group_buttons.values()))  # styled widgets (style sheets) too

    def sizes() -> tuple[float, ...]:
        widgets = (page.table, title_of(page), chip, window.nav, window.menuBar())
        return (app.font().pointSizeF(), *(w.font().pointSizeF() for w in widgets))

    before = sizes()
    row_height = page.table.verticalHeader().defaultSectionSize()

    dialog = window.open_settings()
    assert isinstance(dialog, SettingsDialog)
    assert [b.text() for b in dialog.size_buttons.values()] == ["标准", "大", "特大"]
    assert dialog.size_buttons["normal"].isChecked()
    dialog.size_buttons["large"].click()

    after = sizes()
    assert all(a > b for a, b in zip(after, before, strict=True)), (before, after)
    assert after[0] == ui_state.point_size_for("large", before[0])
    assert page.table.verticalHeader().defaultSectionSize() > row_height  # rows grow with the text
    assert dialog.font().pointSizeF() == after[0]  # open dialogs too
    dialog.close()

    # Remembered: the next start (the app's font back at standard, then set up again) uses it.
    assert ui_state.font_size() == "large"
    standard = app.font()
    standard.setPointSizeF(before[0])
    app.setFont(standard)
    create_application()
    second = make_window(keep_layout=False)
    assert second.register_page.table.font().pointSizeF() == after[0]

    # And back to standard.
    SettingsDialog().size_buttons["normal"].click()
    assert app.font().pointSizeF() == before[0]
    assert ui_state.font_size() == "normal"


def test_unknown_font_size_in_the_file_means_standard(data_dir):
    store = ui_state.settings()
    store.setValue(ui_state.FONT_SIZE_KEY, "huge")
    store.sync()
    assert ui_state.font_size() == "normal"


def test_language_choice_is_saved_for_the_next_start(qtbot):
    from kongchuo_desktop.gui import i18n

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert dialog.language_combo.currentData() == "zh_CN"
    assert "重新启动" in dialog.language_note.text()
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    assert ui_state.settings().value(ui_state.LANGUAGE_KEY) == "en"
    assert i18n.current_language() == "en"
    assert dialog.language_note.font().bold() and "重新打开" in dialog.language_note.text()


def test_geometry_and_columns_are_remembered_by_the_next_window(qtbot, make_window):
    first = make_window(size=None)
    assert not first.geometry_restored  # nothing saved yet: gui.app maximises it
    # The offscreen screen is 800 × 600 and Qt keeps a restored window on its screen: change the height.
    first.resize(first.width(), 520)
    page = first.register_page
    qtbot.waitUntil(lambda: not page.model.counting)
    header = page.table.horizontalHeader()
    header.resizeSection(StudentTableModel.NAME, 233)
    page.table.sortByColumn(StudentTableModel.SCHOOL, Qt.SortOrder.DescendingOrder)
    first.close()

    second = make_window(size=None)
    assert second.geometry_restored
    assert second.height() == 520 and not second.isMaximized()
    page = second.register_page
    assert page.table.horizontalHeader().sectionSize(StudentTableModel.NAME) == 233
    assert page.model.sort_column == StudentTableModel.SCHOOL
    assert page.model.sort_order == Qt.SortOrder.DescendingOrder
    second.showMaximized()
    qtbot.waitUntil(second.isMaximized)
    second.close()

    third = make_window(size=None)
    assert third.isMaximized()


def test_column_changes_are_saved_without_closing(qtbot, make_window):
    window = make_window()
    page = window.register_page
    page.table.horizontalHeader().resizeSection(StudentTableModel.SCHOOL, 321)
    key = f"{ui_state.TABLES_GROUP}/RegisterPage/0/widths"

    def saved() -> list[str]:
        return str(ui_state.settings().value(key, "")).split(",")

    qtbot.waitUntil(
        lambda: len(saved()) == len(StudentTableModel.COLUMNS) and saved()[StudentTableModel.SCHOOL] == "321"
    )


def test_windows_that_do_not_keep_their_layout_leave_it_alone(qtbot, make_window):
    first = make_window()
    first.resize(900, 600)
    first.close()
    other = make_window(keep_layout=False, size=(1000, 700))
    assert not other.geometry_restored and other.size() == QSize(1000, 700)


def test_saved_widths_for_another_number_of_columns_are_ignored(qtbot):
    table = QTableWidget(2, 3)
    qtbot.addWidget(table)
    store = ui_state.settings()
    store.setValue(f"{ui_state.TABLES_GROUP}/Test/0/widths", "10,20")
    store.sync()
    default = table.horizontalHeader().sectionSize(0)
    memory = ui_state.TableMemory(table, "Test/0")
    assert not memory.restore()
    assert table.horizontalHeader().sectionSize(0) == default
