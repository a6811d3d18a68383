"""Lock the window after a while without keyboard or mouse input; unlock with the same account's
password (five wrong tries lock the account as at login), or log out.

Entry: `IdleLock(db, actor, window, minutes=None)` — create it once the main window exists
(minutes default: the installation's setting, services.accounts.idle_lock_minutes; 0 = never).
It watches input for the whole application, covers `window` with an opaque panel when the time
is up (nothing personal stays visible) and shows `UnlockDialog`. Signals: `locked()`,
`unlocked(Actor)` (the refreshed actor: the administrator may have changed the role meanwhile)
and `logoutRequested()` (the caller closes the window and shows the login dialog). `clock` and
`check()` let tests move time.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.gui.login_dialog import error_label, password_edit
from kongchuo_desktop.services import accounts
from kongchuo_desktop.services.accounts import AuthenticationError
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.store.database import Database

ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
}  # fmt: skip
CHECK_EVERY_MS = 15_000


class LockCover(QWidget):
    """An opaque panel over the whole window while it is locked."""

    def __init__(self, window: QWidget, text: str) -> None:
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("background: #2c3e50; color: white; font-size: 16pt;")
        label = QLabel(text, self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.hide()

    def cover(self) -> None:
        """Fill the window and stay on top of its contents."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()


class UnlockDialog(QDialog):
    """Enter the password of the account that is logged in; or log out.

    outcome after exec: "unlocked" (actor = the refreshed Actor) or "logout".
    """

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.actor: Actor | None = None
        self.outcome = "logout"
        self.setWindowTitle(self.tr("窗口已锁定"))
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        intro = QLabel(
            self.tr("长时间无人操作，窗口已锁定。请“%1”输入密码继续，或者退出登录换其他人使用。").replace(
                "%1", self.tr("%1（%2）").replace("%1", actor.display_name).replace("%2", actor.user)
            )
        )
        intro.setWordWrap(True)
        self.password_edit = password_edit(self.tr("密码"))
        self.error_label = error_label()
        form = QFormLayout()
        form.addRow(self.tr("密码："), self.password_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("解锁"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出登录"))
        self.buttons.accepted.connect(self.try_unlock)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def try_unlock(self) -> None:
        """Check the password; stay open and say why when it is refused."""
        try:
            self.actor = accounts.verify_current_user(self._db, self._actor, self.password_edit.text())
        except AuthenticationError as exc:
            self.password_edit.clear()
            self.error_label.setText(str(exc))
            self.error_label.show()
            if exc.code in ("disabled", "unknown_user"):
                self.outcome = "logout"
                self.reject()
            return
        self.outcome = "unlocked"
        self.accept()


class IdleLock(QObject):
    """Watches input and locks `window` after `minutes` without any (see the module doc)."""

    locked = Signal()
    unlocked = Signal(object)
    logoutRequested = Signal()

    def __init__(
        self,
        db: Database,
        actor: Actor,
        window: QWidget,
        minutes: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self._db = db
        self.actor = actor
        self._window = window
        self._clock = clock
        self.minutes = accounts.idle_lock_minutes(db) if minutes is None else minutes
        self.is_locked = False
        self.last_activity = clock()
        self.cover = LockCover(window, self.tr("窗口已锁定"))
        # tests replace this with a function that answers without showing a dialog
        self.ask_unlock: Callable[[], UnlockDialog] = self._ask_unlock
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        if self.minutes > 0 and not actor.demo:
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in ACTIVITY and not self.is_locked:
            self.last_activity = self._clock()
        return False

    def idle_seconds(self) -> float:
        """Seconds since the last input."""
        return self._clock() - self.last_activity

    def check(self) -> bool:
        """Lock when the time is up; True when it locked now."""
        if self.is_locked or self.minutes <= 0 or self.actor.demo:
            return False
        if self.idle_seconds() >= self.minutes * 60:
            self.lock()
            return True
        return False

    def lock(self) -> None:
        """Cover the window and ask for the password."""
        if self.is_locked:
            return
        self.is_locked = True
        self.cover.cover()
        self.locked.emit()
        QTimer.singleShot(0, self._unlock_flow)

    def _ask_unlock(self) -> UnlockDialog:
        dialog = UnlockDialog(self._db, self.actor, self._window)
        dialog.exec()
        return dialog

    def _unlock_flow(self) -> None:
        if not self.is_locked:
            return
        dialog = self.ask_unlock()
        if dialog.outcome == "unlocked" and dialog.actor is not None:
            self.actor = dialog.actor
            self.is_locked = False
            self.cover.hide()
            self.last_activity = self._clock()
            self.unlocked.emit(self.actor)
        else:
            self._timer.stop()
            self.logoutRequested.emit()

    def stop(self) -> None:
        """Stop watching (at logout)."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
