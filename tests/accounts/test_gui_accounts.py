"""The GUI pieces of accounts: login, forced password change, first-run wizard, accounts page, idle lock."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget, QWizard

from kongchuo_desktop.gui import first_run_wizard
from kongchuo_desktop.gui.accounts_page import AccountDialog, AccountsPage
from kongchuo_desktop.gui.first_run_wizard import CreateAdminDialog, FirstRunWizard
from kongchuo_desktop.gui.idle_lock import IdleLock, UnlockDialog
from kongchuo_desktop.gui.login_dialog import ChangePasswordDialog, LoginDialog
from kongchuo_desktop.gui.session_title import session_title
from kongchuo_desktop.services import accounts
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.sites import init_site, site_info
from kongchuo_desktop.store.database import Database, open_database
from tests.accounts.support import PASSWORD, SQL_NAME


def test_login_dialog_logs_in_and_explains_refusals(qtbot, township_db: Database, actors: dict[str, Actor]) -> None:
    dialog = LoginDialog(township_db, "金河镇教育办")
    qtbot.addWidget(dialog)
    names = [dialog.user_combo.itemText(i) for i in range(dialog.user_combo.count())]
    assert {"admin", "teach"} <= set(names)
    dialog.user_combo.setEditText("teach")
    dialog.password_edit.setText("wrong-password")
    dialog.login_button.click()
    assert dialog.result is None and "密码不正确" in dialog.error_label.text()
    assert dialog.password_edit.text() == ""
    dialog.user_combo.setEditText("nobody")
    dialog.password_edit.setText(PASSWORD)
    dialog.login_button.click()
    assert "没有用户名为“nobody”" in dialog.error_label.text()
    dialog.user_combo.setEditText("teach")
    dialog.password_edit.setText(PASSWORD)
    dialog.login_button.click()
    assert dialog.result is not None and dialog.result.actor.role == perms.TEACHER
    assert dialog.result.actor.classes == ((3, 1),)


def test_forced_password_change(qtbot, township_db: Database, actors: dict[str, Actor]) -> None:
    accounts.reset_password(township_db, actors[perms.ADMIN], actors[perms.TEACHER].account_id or "", "temp-1234")
    result = accounts.authenticate(township_db, "teach", "temp-1234")
    assert result.must_change_password
    dialog = ChangePasswordDialog(township_db, result.actor, forced=True)
    qtbot.addWidget(dialog)
    dialog.old_edit.setText("temp-1234")
    dialog.new_edit.setText("mine-5678")
    dialog.repeat_edit.setText("mine-5679")
    dialog.submit()
    assert "不一致" in dialog.error_label.text() and dialog.result() != QDialog.DialogCode.Accepted
    dialog.repeat_edit.setText("mine-5678")
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not accounts.authenticate(township_db, "teach", "mine-5678").must_change_password


def test_first_run_wizard_creates_site_and_admin(qtbot, tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.sqlite", create=True)
    try:
        wizard = FirstRunWizard(db)
        qtbot.addWidget(wizard)
        wizard.show()
        page = wizard.site_page
        page.name_edit.setText("金河镇中心学校")
        page.type_combo.setCurrentIndex(page.type_combo.findData("school"))
        assert not page.validatePage()  # township and school missing
        assert "所属乡镇" in page.error_label.text()
        page.township_edit.setText("金河镇")
        page.school_edit.setText("金河镇中心学校")
        wizard.next()
        assert wizard.currentPage() is wizard.admin_page
        form = wizard.admin_page.form
        form.login_edit.setText(SQL_NAME)
        form.name_edit.setText("王校长")
        form.password_edit.setText("12")
        form.repeat_edit.setText("12")
        assert not wizard.admin_page.validatePage()
        assert "至少" in form.error_label.text() and site_info(db) is None  # nothing written yet
        form.password_edit.setText("good-pass-1")
        form.repeat_edit.setText("good-pass-1")
        wizard.button(QWizard.WizardButton.FinishButton).click()
        assert wizard.site is not None and wizard.site.site_type == "school"
        assert wizard.actor is not None and wizard.actor.user == SQL_NAME and wizard.actor.role == perms.ADMIN
        assert accounts.authenticate(db, SQL_NAME, "good-pass-1").actor.display_name == "王校长"
    finally:
        db.close()


def test_a_site_without_accounts_gets_an_administrator(qtbot, tmp_path: Path, monkeypatch) -> None:
    db = open_database(tmp_path / "old.sqlite", create=True)
    try:
        init_site(db, "金河镇教育办", "township", township="金河镇")
        seen: list[QWidget] = []

        def fake_exec(self: CreateAdminDialog) -> int:
            seen.append(self)
            self.form.login_edit.setText("admin")
            self.form.name_edit.setText("王芳")
            self.form.password_edit.setText("good-pass-1")
            self.form.repeat_edit.setText("good-pass-1")
            self.submit()
            return int(self.result())

        monkeypatch.setattr(CreateAdminDialog, "exec", fake_exec)
        done = first_run_wizard.run_first_run(db)
        assert done is not None and done[1].role == perms.ADMIN and seen
        assert accounts.has_accounts(db)
    finally:
        db.close()


def test_accounts_page_creates_disables_and_resets(qtbot, township_db: Database, actors: dict[str, Actor], monkeypatch) -> None:
    admin = actors[perms.ADMIN]
    page = AccountsPage(township_db, admin)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 5
    assert page.model.rows[0].role == perms.ADMIN
    dialog = AccountDialog(township_db, admin)
    qtbot.addWidget(dialog)
    dialog.login_edit.setText("t2")
    dialog.name_edit.setText("周老师")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(perms.TEACHER))
    dialog.school_combo.setCurrentIndex(dialog.school_combo.findText("金河镇中心学校"))
    classes = [dialog.classes_list.item(i).text() for i in range(dialog.classes_list.count())]
    assert "3年级1班" in classes and "4年级2班" in classes
    dialog.classes_list.item(classes.index("4年级2班")).setCheckState(Qt.CheckState.Checked)
    dialog.password_edit.setText("start-123")
    dialog.repeat_edit.setText("start-123")
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    page.refresh()
    page.select_login("t2")
    row = page.selected()
    assert row is not None and row.classes == ((4, 2),) and row.status == "待改密码"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.toggle_disabled()
    assert page.selected() is not None and page.selected().status == "已停用"
    assert page.disable_button.text() == "启用"
    page.idle_spin.setValue(5)
    page.save_idle()
    assert accounts.idle_lock_minutes(township_db) == 5


def test_account_dialog_shows_problems(qtbot, township_db: Database, actors: dict[str, Actor]) -> None:
    dialog = AccountDialog(township_db, actors[perms.ADMIN])
    qtbot.addWidget(dialog)
    dialog.login_edit.setText("admin")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(perms.BUREAU))
    dialog.password_edit.setText("start-123")
    dialog.repeat_edit.setText("start-123")
    dialog.submit()
    assert dialog.result() != QDialog.DialogCode.Accepted
    text = dialog.error_label.text()
    assert "已被使用" in text and "请填写姓名" in text


def test_title_bar_says_demo(township_db: Database) -> None:
    demo = accounts.ensure_demo_admin(township_db)
    assert "演示模式" in session_title("金河镇教育办", demo)
    assert "演示" not in session_title("金河镇教育办", Actor("wang", "王芳", perms.TEACHER))


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_idle_lock_locks_after_the_set_time_and_unlocks_with_the_password(
    qtbot, township_db: Database, actors: dict[str, Actor]
) -> None:
    teacher = actors[perms.TEACHER]
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(400, 300)
    window.show()
    clock = FakeClock()
    lock = IdleLock(township_db, teacher, window, minutes=10, clock=clock)
    answers: list[str] = []

    def answer() -> UnlockDialog:
        dialog = UnlockDialog(township_db, lock.actor, window)
        for typed in answers:
            dialog.password_edit.setText(typed)
            dialog.try_unlock()
        return dialog

    lock.ask_unlock = answer
    clock.now += 9 * 60
    assert not lock.check()
    # input resets the idle time
    QApplication.sendEvent(window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"))
    clock.now += 9 * 60
    assert not lock.check()
    clock.now += 61
    answers[:] = ["wrong-pass", PASSWORD]
    with qtbot.waitSignal(lock.unlocked, timeout=2000) as unlocked:
        assert lock.check()
        assert lock.is_locked and lock.cover.isVisible()
    assert unlocked.args[0].account_id == teacher.account_id
    assert not lock.is_locked and not lock.cover.isVisible()
    # a locked window ignores input until unlocked; choosing to log out asks the app to do so
    clock.now += 11 * 60
    answers[:] = []
    with qtbot.waitSignal(lock.logoutRequested, timeout=2000):
        lock.check()
        QApplication.sendEvent(
            window,
            QMouseEvent(QEvent.Type.MouseMove, QPointF(5, 5), QPointF(5, 5), Qt.MouseButton.NoButton,
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier),
        )  # fmt: skip
    lock.stop()


def test_idle_lock_is_off_for_zero_minutes_and_in_demo_mode(qtbot, township_db: Database) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    clock = FakeClock()
    demo = accounts.ensure_demo_admin(township_db)
    lock = IdleLock(township_db, demo, window, minutes=1, clock=clock)
    clock.now += 3600
    assert not lock.check()
    lock.stop()
    off = IdleLock(township_db, Actor("x", "某人"), window, minutes=0, clock=clock)
    clock.now += 3600
    assert not off.check()
    off.stop()


@pytest.fixture(autouse=True)
def _no_real_message_boxes(monkeypatch) -> None:
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)
