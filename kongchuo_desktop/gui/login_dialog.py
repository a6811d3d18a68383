"""Logging in, and choosing a new password (forced after an administrator's reset).

Entry: `login(db, parent=None, site_name=None) -> Actor | None` shows the login dialog and, when the
account must change its password, the change-password dialog; None when the user quit.
Classes: `LoginDialog(db, site_name)`, `ChangePasswordDialog(db, actor, forced)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop import APP_NAME
from kongchuo_desktop.services import accounts
from kongchuo_desktop.services.accounts import AuthenticationError, LoginResult
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ValidationError
from kongchuo_desktop.store.database import Database

ERROR_STYLE = "color: #c0392b;"
HINT_STYLE = "color: #5d6d7e;"
Clock = Callable[[], dt.datetime]


def password_edit(placeholder: str = "") -> QLineEdit:
    """A password field (dots, no copying out)."""
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(128)
    return edit


def error_label() -> QLabel:
    """A red, wrapping, initially hidden label for problems."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class LoginDialog(QDialog):
    """Who is at the computer: user name (chosen from the list or typed) and password.

    result: the LoginResult after a successful login; clock: the time used for the lock-out
    (tests replace it).
    """

    def __init__(
        self, db: Database, site_name: str | None = None, parent: QWidget | None = None, clock: Clock | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._clock = clock
        self.result: LoginResult | None = None
        self.setWindowTitle(self.tr("登录 — %1").replace("%1", APP_NAME))
        heading = QLabel(f"<h2>{APP_NAME}</h2>" + (f"<p>{site_name}</p>" if site_name else ""))
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.user_combo = QComboBox()
        self.user_combo.setEditable(True)
        self.user_combo.addItems(accounts.login_names(db))
        self.user_combo.setCurrentIndex(-1)
        self.user_combo.lineEdit().setPlaceholderText(self.tr("选择或输入用户名"))
        self.password_edit = password_edit(self.tr("密码"))
        self.error_label = error_label()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("用户名："), self.user_combo)
        form.addRow(self.tr("密码："), self.password_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.login_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.login_button.setText(self.tr("登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        if accounts.is_demo(db):
            hint = QLabel(
                self.tr("演示账户：demo（管理员）、principal（校长）、teacher（教师），密码都是 %1").replace(
                    "%1", accounts.DEMO_PASSWORD
                )
            )
            hint.setStyleSheet(HINT_STYLE)
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
        self.password_edit.setFocus() if self.user_combo.count() == 1 else self.user_combo.setFocus()
        if self.user_combo.count() == 1:
            self.user_combo.setCurrentIndex(0)

    def show_problem(self, text: str) -> None:
        """Show a problem under the fields."""
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def try_login(self) -> None:
        """Check the name and password; accept on success, else say why and stay."""
        now = self._clock() if self._clock else None
        try:
            self.result = accounts.authenticate(self._db, self.user_combo.currentText(), self.password_edit.text(), now)
        except AuthenticationError as exc:
            self.password_edit.clear()
            self.show_problem(str(exc))
            (self.user_combo if exc.code in ("unknown_user", "empty") else self.password_edit).setFocus()
            return
        self.accept()


class ChangePasswordDialog(QDialog):
    """Choose a new password. forced: after an administrator's reset (cannot be skipped, only quit)."""

    def __init__(self, db: Database, actor: Actor, forced: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.setWindowTitle(self.tr("修改密码"))
        intro = QLabel(
            self.tr("管理员为您重置了密码。请设置一个只有您自己知道的新密码（至少 6 个字符）。")
            if forced
            else self.tr("请输入原密码和新密码（至少 6 个字符）。")
        )
        intro.setWordWrap(True)
        self.old_edit = password_edit()
        self.new_edit = password_edit()
        self.repeat_edit = password_edit()
        self.error_label = error_label()
        form = QFormLayout()
        form.addRow(self.tr("当前密码："), self.old_edit)
        form.addRow(self.tr("新密码："), self.new_edit)
        form.addRow(self.tr("再输一次："), self.repeat_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("修改"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出") if forced else self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)

    def submit(self) -> None:
        """Save the new password, or show what is wrong."""
        if self.new_edit.text() != self.repeat_edit.text():
            self.error_label.setText(self.tr("两次输入的新密码不一致"))
            self.error_label.show()
            return
        try:
            accounts.change_password(self._db, self._actor, self.old_edit.text(), self.new_edit.text())
        except ValidationError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self.accept()


def login(db: Database, parent: QWidget | None = None, site_name: str | None = None) -> Actor | None:
    """Log in (and change a reset password); the Actor, or None when the user quit."""
    dialog = LoginDialog(db, site_name, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result is None:
        return None
    result = dialog.result
    if result.must_change_password:
        change = ChangePasswordDialog(db, result.actor, forced=True, parent=parent)
        if change.exec() != QDialog.DialogCode.Accepted:
            return None
    return result.actor
