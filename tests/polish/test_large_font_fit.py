"""At every font size of 设置 (标准/大/特大), and in English, every page of the main window and the
everyday dialogs fit the screen of a 1366 × 768 laptop with a 40 px taskbar."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy import select

from kongchuo_desktop.gui import i18n, ui_state
from kongchuo_desktop.gui.app import create_application
from kongchuo_desktop.services.actor import DEMO_ADMIN
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Case, Student

# The screen less the taskbar; Windows 10 at 100 % adds a 30 px title bar and 8 px borders.
SCREEN = QSize(1366, 768 - 40)
TITLE_BAR, BORDER = 30, 8
# A maximised main window has its borders off the screen; a dialog keeps them.
WINDOW_ROOM = QSize(SCREEN.width(), SCREEN.height() - TITLE_BAR)
DIALOG_ROOM = QSize(SCREEN.width() - 2 * BORDER, SCREEN.height() - TITLE_BAR - BORDER)

# (font size key, language): every size in Chinese, and English (longer words) at the extremes.
CASES = [("normal", "zh_CN"), ("large", "zh_CN"), ("xlarge", "zh_CN"), ("normal", "en"), ("xlarge", "en")]


def needed(widget: QWidget) -> QSize:
    """The smallest size the widget's layout lets it take."""
    layout = widget.layout()
    if layout is not None:
        layout.activate()
    return widget.minimumSize().expandedTo(widget.minimumSizeHint())


def fits(size: QSize, room: QSize) -> bool:
    return size.width() <= room.width() and size.height() <= room.height()


@pytest.fixture(params=CASES, ids=[f"{key}-{lang}" for key, lang in CASES])
def font_and_language(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """The app set up as at start-up, then the font size chosen in 设置 and the language."""
    key, language = request.param
    app = create_application(language)
    ui_state.set_font_size(key, app)
    yield key, language
    i18n.install_translator(app)  # back to the language of the (private) ui.ini: Chinese


def pages_too_wide(window) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Show every page of the main window in turn (making it the first time); nav text → the
    window width it needs, for the pages that need more than the screen has."""
    too_wide = {}
    for index in range(window.nav.count()):
        page = window.show_page(index)
        QApplication.processEvents()  # a page's layout catches up with a font change once shown
        width = window.nav.width() + needed(page).width()
        if width > WINDOW_ROOM.width():
            too_wide[window.nav.item(index).text()] = width
    return too_wide


def test_every_page_fits_the_screen(qtbot, make_window, font_and_language):  # type: ignore[no-untyped-def]
    window = make_window(keep_layout=False, size=(WINDOW_ROOM.width(), WINDOW_ROOM.height()))
    too_wide = pages_too_wide(window)
    assert not too_wide, f"pages wider than {WINDOW_ROOM.width()} px: {too_wide}"
    # The window as a whole (all pages made, menus, status bar) too.
    assert fits(needed(window), WINDOW_ROOM), (needed(window), WINDOW_ROOM)


def _dialogs(db: Database) -> dict[str, Callable[[], QDialog]]:
    from kongchuo_desktop.gui.absence_dialog import AbsenceDialog
    from kongchuo_desktop.gui.case_dialog import CaseDialog
    from kongchuo_desktop.gui.settings_dialog import SettingsDialog
    from kongchuo_desktop.gui.status_change_dialog import StatusChangeDialog
    from kongchuo_desktop.gui.student_form import StudentForm
    from kongchuo_desktop.gui.visit_form import VisitForm

    with db.read_session() as session:
        case = session.execute(select(Case).where(Case.closed_on.is_(None)).limit(1)).scalar_one()
        case_id = case.id
        pupil = session.execute(select(Student.id).where(Student.status == "在读").limit(1)).scalar_one()
    return {
        "学生信息": lambda: StudentForm(db, DEMO_ADMIN, pupil),
        "新增学生": lambda: StudentForm(db, DEMO_ADMIN, None),
        "学籍异动": lambda: StatusChangeDialog(db, DEMO_ADMIN, pupil),
        "登记缺课": lambda: AbsenceDialog(db, DEMO_ADMIN, pupil),
        "登记家访": lambda: VisitForm(db, DEMO_ADMIN, case_id),
        "个案": lambda: CaseDialog(db, DEMO_ADMIN, case_id),
        "设置": lambda: SettingsDialog(),
    }


def test_every_dialog_fits_the_screen(qtbot, db, font_and_language):  # type: ignore[no-untyped-def]
    too_big = {}
    for name, make in _dialogs(db).items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        size = needed(dialog)
        if not fits(size, DIALOG_ROOM):
            too_big[name] = (size.width(), size.height())
        dialog.close()
    assert not too_big, f"dialogs larger than {DIALOG_ROOM.width()} × {DIALOG_ROOM.height()}: {too_big}"


def test_pages_still_fit_after_choosing_a_larger_font_size(qtbot, make_window):  # type: ignore[no-untyped-def]
    """设置 → 字体大小 applies at once to pages already made: they must fit then too."""
    create_application("zh_CN")
    window = make_window(keep_layout=False, size=(WINDOW_ROOM.width(), WINDOW_ROOM.height()))
    assert not pages_too_wide(window)
    ui_state.set_font_size("xlarge")
    too_wide = pages_too_wide(window)
    assert not too_wide, f"pages wider than {WINDOW_ROOM.width()} px at 特大: {too_wide}"
    assert fits(needed(window), WINDOW_ROOM), (needed(window), WINDOW_ROOM)


def test_a_flow_row_wraps_when_narrow_and_shares_out_the_rest_when_wide(qtbot):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit, QPushButton

    from kongchuo_desktop.gui.flow_layout import FlowLayout

    host = QWidget()
    qtbot.addWidget(host)
    row = FlowLayout(host)
    search = QLineEdit()
    buttons = [QPushButton(text) for text in ("导出本站卡片…", "导入对方卡片…", "导出同步包…")]
    row.addWidget(search, 1)
    for button in buttons:
        row.addWidget(button)
    one_row = row.sizeHint().width()
    assert row.minimumSize().width() < one_row / 2  # the widest item, not the whole row

    host.resize(one_row + 200, 200)
    host.show()
    QApplication.processEvents()
    assert len({w.y() for w in (search, *buttons)}) == 1
    assert search.width() == search.sizeHint().width() + 200  # the stretch takes what is left
    assert buttons[-1].geometry().right() == host.width() - 1 - row.contentsMargins().right()

    narrow = row.minimumSize().width() + 10
    assert row.heightForWidth(narrow) > row.heightForWidth(one_row)
    host.resize(narrow, row.heightForWidth(narrow))
    QApplication.processEvents()
    assert len({w.y() for w in (search, *buttons)}) == 4  # one item per row
    assert all(w.geometry().right() < narrow for w in (search, *buttons))
