"""The app put together: who logs in decides the pages and menus, demo mode, logging out and in
again, unlocking with a changed role, restoring a backup, the to-do badge and the menu dialogs."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kongchuo_desktop.gui import app as gui_app
from kongchuo_desktop.gui import crash_handler, login_dialog
from kongchuo_desktop.gui import main_window as mw
from kongchuo_desktop.gui.main_window import MainWindow
from kongchuo_desktop.gui.todo_page import TodoPage, nav_label
from kongchuo_desktop.services import accounts, backups, clock, lookups
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.students import create_student
from kongchuo_desktop.store.database import open_database

ALL_PAGES = ["待办事项", "数据看板", "学生台账", "适龄儿童台账", "核查比对", "月报", "控辍责任状", "账户管理", "审计日志", "同步"]
TEACHER_PAGES = ["待办事项", "学生台账", "适龄儿童台账"]
Script = Callable[[MainWindow], None]


@pytest.fixture
def accounts_db(template_db: Path, tmp_path: Path) -> Path:
    """A copy of the sample database with the demo accounts: demo (管理员), principal, teacher."""
    path = tmp_path / "site.sqlite"
    shutil.copyfile(template_db, path)
    db = open_database(path)
    try:
        accounts.ensure_demo_admin(db)
    finally:
        db.close()
    return path


def log_in_as(path: Path, login: str) -> Actor:
    """The actor of a demo account (password "demo")."""
    db = open_database(path)
    try:
        return accounts.authenticate(db, login, accounts.DEMO_PASSWORD).actor
    finally:
        db.close()


def nav_texts(window: MainWindow) -> list[str]:
    """The navigation entries without the to-do badge."""
    return [re.sub(r"（\d[\d,]*）$", "", window.nav.item(i).text()) for i in range(window.nav.count())]


@pytest.fixture
def run_app(qapp, monkeypatch, tmp_path):
    """run(path, demo, logins, scripts): start the app; each login dialog answers the next actor of
    `logins`, each main window runs the next script in place of the event loop."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    monkeypatch.setenv("KONGCHUO_DATA_DIR", str(tmp_path / "data"))  # the window keeps its layout there
    errors: list[BaseException] = []
    # An error inside a slot would show the app's message box (and wait for a click): record it instead.
    monkeypatch.setattr(crash_handler.CrashHandler, "report", lambda self, kind, exc, tb, where="": errors.append(exc))
    seen: list[MainWindow] = []

    def run(path: Path, demo: bool, logins: list[Actor | None], scripts: list[Script]) -> int:
        answers = iter(logins)
        steps = iter(scripts)

        def fake_login(db, parent=None, site_name=None):  # type: ignore[no-untyped-def]
            return next(answers)

        def fake_loop(app: QApplication) -> int:
            windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
            assert len(windows) == 1
            seen.append(windows[0])
            next(steps)(windows[0])
            return 0

        monkeypatch.setattr(login_dialog, "login", fake_login)
        monkeypatch.setattr(gui_app, "exec_loop", fake_loop)
        code = gui_app.run_gui(path, demo=demo)
        QApplication.processEvents()  # late signals (e.g. the automatic backup's) meet no deleted window
        assert not errors, errors
        assert next(steps, None) is None, "fewer windows than scripts"
        return code

    run.windows = seen  # type: ignore[attr-defined]
    return run


def close_and_wait(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.isVisible())


def test_admin_and_teacher_see_their_pages_and_menus(run_app, accounts_db, qtbot, settle):
    admin = log_in_as(accounts_db, "demo")
    teacher = log_in_as(accounts_db, "teacher")
    assert teacher.role == "教师" and teacher.classes
    found: dict[str, object] = {}

    def as_admin(window: MainWindow) -> None:
        assert nav_texts(window) == ALL_PAGES
        assert isinstance(window.stack.currentWidget(), TodoPage)
        for action in (window.import_action, window.export_action, window.backup_action, window.absence_action):
            assert action.isVisible(), action.text()
        assert window.user_label.text() == "当前用户：演示管理员（管理员）"
        found["admin_total"] = settle(window.register_page.model).total
        window.logout_action.trigger()
        close_and_wait(qtbot, window)

    def as_teacher(window: MainWindow) -> None:
        assert nav_texts(window) == TEACHER_PAGES
        assert "演示教师（教师）" in window.windowTitle()
        assert not window.import_action.isVisible() and not window.export_action.isVisible()
        assert not window.backup_action.isVisible()
        assert window.absence_action.isVisible() and window.visit_action.isVisible()
        model = settle(window.register_page.model)
        rows = [model.row_at(i) for i in range(model.rowCount())]
        assert rows
        assert {(r.school_id, r.grade, r.class_no) for r in rows} <= {
            (teacher.school_id, g, c) for g, c in teacher.classes
        }
        found["teacher_total"] = model.total

    assert run_app(accounts_db, False, [admin, teacher], [as_admin, as_teacher]) == 0
    assert 0 < found["teacher_total"] < found["admin_total"]  # type: ignore[operator]


def test_demo_mode_logs_in_as_the_demo_administrator(run_app, template_db, tmp_path):
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(template_db, path)
    titles: list[str] = []

    def check(window: MainWindow) -> None:
        titles.append(window.windowTitle())
        assert window.actor.demo and window.actor.role == "管理员"
        assert not window.password_action.isVisible()  # the demo password stays what the login hint says

    assert run_app(path, True, [], [check]) == 0  # no login dialog
    assert "演示模式" in titles[0] and "演示管理员" in titles[0]


def test_quitting_the_login_quits_the_app(run_app, accounts_db):
    assert run_app(accounts_db, False, [None], []) == 0


def test_unlocking_with_a_changed_role_rebuilds_the_window(run_app, accounts_db, qtbot):
    principal = log_in_as(accounts_db, "principal")
    teacher_like = replace(principal, role="教师")

    def unlocked(window: MainWindow) -> None:
        window.take_actor(principal)  # unchanged: nothing happens
        assert window.isVisible() and window.end == mw.QUIT
        window.take_actor(teacher_like)
        close_and_wait(qtbot, window)

    def rebuilt(window: MainWindow) -> None:
        assert window.actor == teacher_like
        assert nav_texts(window) == TEACHER_PAGES

    # No second login: the same person goes on.
    assert run_app(accounts_db, False, [principal], [unlocked, rebuilt]) == 0


def test_restore_replaces_the_database_and_asks_to_log_in_again(
    run_app, accounts_db, qtbot, settle, id_for, monkeypatch
):
    admin = log_in_as(accounts_db, "demo")
    db = open_database(accounts_db)
    try:
        # Today's automatic backup: restoring it must not make (and keep only) another one first.
        backup = backups.auto_backup(db, "daily")
        school = lookups.schools(db)[0]
        birth = dt.date(2016, 5, 6)
        create_student(db, admin, {"name": "后加入", "sex": "男", "id_type": "居民身份证",
                                   "id_number": id_for(birth, 91, True), "birth_date": birth,
                                   "school_id": school.id, "grade": 2, "class_no": 1})  # fmt: skip
    finally:
        db.close()
    before: list[int] = []

    def restore(window: MainWindow) -> None:
        model = settle(window.register_page.model)
        before.append(model.total)
        window.request_restore(str(backup.path))
        close_and_wait(qtbot, window)
        assert window.end == mw.RESTORE

    def after(window: MainWindow) -> None:
        model = settle(window.register_page.model)
        assert model.total == before[0] - 1  # the pupil added after the backup is gone

    told: list[str] = []
    monkeypatch.setattr(gui_app.QMessageBox, "information", lambda parent, title, text: told.append(text))
    assert run_app(accounts_db, False, [admin, admin], [restore, after]) == 0
    assert told and "请重新登录" in told[0]


def test_a_failed_restore_goes_on_with_the_same_person(run_app, accounts_db, qtbot, settle, monkeypatch, tmp_path):
    from kongchuo_desktop.gui import service_errors

    admin = log_in_as(accounts_db, "demo")
    shown: list[str] = []
    monkeypatch.setattr(service_errors.QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    missing = tmp_path / "不存在.sqlite"

    def restore(window: MainWindow) -> None:
        window.request_restore(str(missing))
        close_and_wait(qtbot, window)

    def again(window: MainWindow) -> None:
        assert window.actor == admin
        assert settle(window.register_page.model).total > 0  # the database was opened again and works

    assert run_app(accounts_db, False, [admin], [restore, again]) == 0  # no second login
    assert shown and "不存在.sqlite" in shown[0]


def test_todo_page_comes_first_and_its_count_is_the_badge(window, db, known, monkeypatch):
    monday = dt.date(2025, 10, 13)
    monkeypatch.setattr(clock, "today", lambda: monday)
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2025, 10, 13, 16, 30))
    page = window.todo_page
    assert isinstance(page, TodoPage) and window.stack.currentWidget() is page
    page.refresh()
    before = page.count
    assert window.nav.item(0).text() == nav_label("待办事项", before)
    from kongchuo_desktop.services import absences

    absences.record_absence(db, window.actor, known.student_id, monday)
    page.refresh()
    assert page.count == before + 1
    assert window.nav.item(0).text() == f"待办事项（{before + 1}）"


@pytest.mark.parametrize(
    ("action", "module", "cls", "how"),
    [
        ("import_action", "import_wizard", "ImportWizard", "open"),
        ("export_action", "ledger_export_dialog", "LedgerExportDialog", "open"),
        ("backup_action", "backup_dialog", "BackupDialog", "exec"),
        ("absence_action", "absence_dialog", "AbsenceDialog", "open"),
        ("visit_action", "visit_form", "VisitForm", "open"),
        ("case_settings_action", "case_settings_dialog", "CaseSettingsDialog", "open"),
        ("password_action", "login_dialog", "ChangePasswordDialog", "exec"),
    ],
)
def test_menu_actions_open_their_dialogs(window, monkeypatch, action, module, cls, how):
    import importlib

    kind = getattr(importlib.import_module(f"kongchuo_desktop.gui.{module}"), cls)
    opened: list[object] = []
    monkeypatch.setattr(kind, how, lambda self: opened.append(self) or 0)
    getattr(window, action).trigger()
    assert len(opened) == 1 and isinstance(opened[0], kind)
    assert window.dialog is opened[0]
    assert opened[0].parent() is window


def test_absence_from_the_register_is_for_the_selected_pupil(window, page, monkeypatch):
    from kongchuo_desktop.gui.absence_dialog import AbsenceDialog

    monkeypatch.setattr(AbsenceDialog, "open", lambda self: None)
    page.select_row(0)
    assert window.absence_action in page.table.actions()  # right-click menu of the table
    window.absence_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, AbsenceDialog)
    assert dialog.student_id == page.selected_student_id()


def test_import_from_the_children_page_imports_children(window, monkeypatch):
    from kongchuo_desktop.gui.children_page import ChildrenPage
    from kongchuo_desktop.gui.import_wizard import ImportWizard

    monkeypatch.setattr(ImportWizard, "open", lambda self: None)
    window.open_page(ChildrenPage)
    wizard = window.open_import()
    assert isinstance(wizard, ImportWizard) and wizard.kind == "children"
    refreshed: list[bool] = []
    monkeypatch.setattr(window.register_page.model, "refresh", lambda: refreshed.append(True))
    wizard.imported.emit(object())
    assert refreshed == [True]


def test_shortcuts(qtbot, window, page, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog

    from kongchuo_desktop.gui import table_print

    asked: list[object] = []

    class CancelledPrintDialog:  # the register prints its rows (tests/polish checks the printout)
        DialogCode = QPrintDialog.DialogCode

        def __init__(self, printer: object, parent: object = None) -> None:
            asked.append(printer)

        def setWindowTitle(self, _title: str) -> None:  # noqa: N802
            pass

        def setOption(self, *_args: object) -> None:  # noqa: N802
            pass

        def exec(self) -> QPrintDialog.DialogCode:
            return QPrintDialog.DialogCode.Rejected

    monkeypatch.setattr(table_print, "QPrintDialog", CancelledPrintDialog)
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    assert page.new_button.shortcut().toString() == "Ctrl+N"
    window.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(asked) == 1)
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.search.hasFocus())
    # Ctrl+N is the register's 新增学生 (the hidden 待办 page's 登记缺课 has it too, but only the
    # visible page's button answers).
    with qtbot.waitSignal(page.dialogOpened) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    from kongchuo_desktop.gui.student_form import StudentForm

    assert isinstance(opened.args[0], StudentForm)
    opened.args[0].reject()


def test_pages_of_every_role_open(qtbot, db, site, known):
    # Every page this role can reach builds (the services accept the actor's scope).
    for role, school in (
        ("管理员", None),
        ("教育局", None),
        ("乡镇", None),
        ("校长", known.school_id),
        ("教师", known.school_id),
    ):
        actor = Actor(user="x", display_name="某人", role=role, school_id=school,
                      township_id=known.township_id if role in ("乡镇", "校长", "教师") else None)  # fmt: skip
        win = MainWindow(db, site, actor)
        qtbot.addWidget(win)
        for index in range(win.nav.count()):
            page = win.show_page(index)
            assert page is win.stack.currentWidget()
            assert not isinstance(page, type(None))
        assert win.nav.count() >= 3


@pytest.mark.parametrize(("choice", "opened_checked"), [("continue", [True, False]), ("restored", [True, True])])
def test_a_damaged_database_is_offered_recovery(qapp, db_path, monkeypatch, choice, opened_checked):
    from kongchuo_desktop.gui import backup_dialog, startup
    from kongchuo_desktop.store.errors import DatabaseOpenError

    calls: list[bool] = []
    real_open = startup.open_database

    def fake_open(path, create=False, check_integrity=False):  # type: ignore[no-untyped-def]
        calls.append(check_integrity)
        if len(calls) == 1:
            raise DatabaseOpenError("damaged", "数据库检查未通过")
        return real_open(path, create=create, check_integrity=False)

    offered: list[str] = []
    monkeypatch.setattr(startup, "open_database", fake_open)
    monkeypatch.setattr(
        backup_dialog, "handle_damaged_database", lambda path, exc, parent=None: offered.append(str(exc)) or choice
    )
    db, site, actor = startup.open_site_database(db_path, demo=False)
    db.close()
    assert offered == ["数据库检查未通过"]
    assert calls == opened_checked
    assert site.name and actor is None


def test_quitting_at_the_damaged_database_stops_the_start(qapp, db_path, monkeypatch):
    from kongchuo_desktop.gui import backup_dialog, startup
    from kongchuo_desktop.store.errors import DatabaseOpenError

    def damaged(path, create=False, check_integrity=False):  # type: ignore[no-untyped-def]
        raise DatabaseOpenError("corrupt", "数据库文件已损坏")

    monkeypatch.setattr(startup, "open_database", damaged)
    monkeypatch.setattr(backup_dialog, "handle_damaged_database", lambda path, exc, parent=None: "quit")
    with pytest.raises(startup.StartupStopped) as stopped:
        startup.open_site_database(db_path, demo=False)
    assert stopped.value.exit_code == 0
