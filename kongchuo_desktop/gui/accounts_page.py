"""The administrator's accounts page: who may log in, with which role and scope; create, change,
disable/enable, reset password, unlock; and the idle-lock time of this computer.

Entry: `AccountsPage(db, actor)` — a page for the main window's navigation, shown only to actors
with the "account.manage" permission (the services refuse everyone else anyway).
Dialogs: `AccountDialog(db, actor, row=None)` (new or edit), `ResetPasswordDialog(login_name)`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.gui.domain_labels import label
from kongchuo_desktop.gui.login_dialog import HINT_STYLE, error_label, password_edit
from kongchuo_desktop.gui.service_errors import show_service_error
from kongchuo_desktop.services import accounts, lookups
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.accounts import AccountInput, AccountRow
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ServiceError, ValidationError
from kongchuo_desktop.store.database import Database

Index = QModelIndex | QPersistentModelIndex
STATUS_COLOURS = {"已停用": "#7f8c8d", "已锁定": "#c0392b", "待改密码": "#b9770e"}


class AccountTableModel(QAbstractTableModel):
    """The accounts as plain rows (AccountRow); the list is small, so it is held whole."""

    HEADERS = (
        QT_TRANSLATE_NOOP("AccountTableModel", "用户名"),
        QT_TRANSLATE_NOOP("AccountTableModel", "姓名"),
        QT_TRANSLATE_NOOP("AccountTableModel", "角色"),
        QT_TRANSLATE_NOOP("AccountTableModel", "范围"),
        QT_TRANSLATE_NOOP("AccountTableModel", "状态"),
        QT_TRANSLATE_NOOP("AccountTableModel", "最近登录"),
    )
    RowIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[AccountRow] = []

    def set_rows(self, rows: list[AccountRow]) -> None:
        """Replace all rows (one reset)."""
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            last = row.last_login_at
            from kongchuo_desktop.services.history import local_time

            return (
                row.login_name, row.display_name, label(row.role), label(row.scope), label(row.status),
                local_time(last).strftime("%Y-%m-%d %H:%M") if last else "—",
            )[index.column()]  # fmt: skip
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 4 and row.status in STATUS_COLOURS:
            return QColor(STATUS_COLOURS[row.status])
        if role == self.RowIdRole:
            return row.id
        return None


class AccountDialog(QDialog):
    """Create an account (row None) or change one. The login name is fixed once created."""

    def __init__(self, db: Database, actor: Actor, row: AccountRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._row = row
        self.setWindowTitle(self.tr("新建账户") if row is None else self.tr("修改账户"))
        self.login_edit = QLineEdit(row.login_name if row else "")
        self.login_edit.setMaxLength(32)
        self.login_edit.setReadOnly(row is not None)
        self.name_edit = QLineEdit(row.display_name if row else "")
        self.name_edit.setMaxLength(40)
        self.role_combo = QComboBox()
        for role in perms.ROLES:
            self.role_combo.addItem(label(role), role)
        self.role_hint = QLabel()
        self.role_hint.setStyleSheet(HINT_STYLE)
        self.role_hint.setWordWrap(True)
        self.township_combo = QComboBox()
        for option in lookups.townships(db):
            self.township_combo.addItem(option.name, option.id)
        self.school_combo = QComboBox()
        for school in lookups.schools(db):
            self.school_combo.addItem(school.name, school.id)
        self.classes_list = QListWidget()
        self.classes_list.setMaximumHeight(120)
        self.classes_hint = QLabel(self.tr("不勾选任何班级 = 可以看全校学生"))
        self.classes_hint.setStyleSheet(HINT_STYLE)
        self.password_edit = password_edit(self.tr("至少 6 个字符"))
        self.repeat_edit = password_edit()
        self.must_change = QCheckBox(self.tr("首次登录时要求本人修改密码"))
        self.must_change.setChecked(True)
        self.error_label = error_label()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("用户名："), self.login_edit)
        form.addRow(self.tr("姓名："), self.name_edit)
        form.addRow(self.tr("角色："), self.role_combo)
        form.addRow("", self.role_hint)
        form.addRow(self.tr("所属乡镇："), self.township_combo)
        form.addRow(self.tr("学校："), self.school_combo)
        form.addRow(self.tr("所带班级："), self.classes_list)
        form.addRow("", self.classes_hint)
        if row is None:
            form.addRow(self.tr("初始密码："), self.password_edit)
            form.addRow(self.tr("再输一次："), self.repeat_edit)
            form.addRow("", self.must_change)
        self._form = form
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        if row is not None:
            self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(row.role)))
            if row.township_id:
                self.township_combo.setCurrentIndex(max(0, self.township_combo.findData(row.township_id)))
            if row.school_id:
                self.school_combo.setCurrentIndex(max(0, self.school_combo.findData(row.school_id)))
        self.role_combo.currentIndexChanged.connect(self._role_changed)
        self.school_combo.currentIndexChanged.connect(self._fill_classes)
        self._role_changed()
        if row is not None:
            self._check_classes(row.classes)

    def _role_changed(self) -> None:
        role = self.role_combo.currentData()
        kind = perms.SCOPE_KIND[role]
        self.role_hint.setText(label(perms.ROLE_DESCRIPTIONS[role]))
        self._form.setRowVisible(self.township_combo, kind == "township")
        self._form.setRowVisible(self.school_combo, kind == "school")
        self._form.setRowVisible(self.classes_list, role == perms.TEACHER)
        self._form.setRowVisible(self.classes_hint, role == perms.TEACHER)
        self._fill_classes()

    def _fill_classes(self) -> None:
        checked = set(self.checked_classes())
        self.classes_list.clear()
        school_id = self.school_combo.currentData()
        if not school_id:
            return
        for grade, class_no in accounts.school_classes(self._db, school_id):
            item = QListWidgetItem(self.tr("%1年级%2班").replace("%1", str(grade)).replace("%2", str(class_no)))
            item.setData(Qt.ItemDataRole.UserRole, (grade, class_no))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if (grade, class_no) in checked else Qt.CheckState.Unchecked)
            self.classes_list.addItem(item)

    def _check_classes(self, classes: tuple[tuple[int, int], ...]) -> None:
        for i in range(self.classes_list.count()):
            item = self.classes_list.item(i)
            if tuple(item.data(Qt.ItemDataRole.UserRole)) in classes:
                item.setCheckState(Qt.CheckState.Checked)

    def checked_classes(self) -> list[tuple[int, int]]:
        """The ticked classes."""
        out = []
        for i in range(self.classes_list.count()):
            item = self.classes_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                g, c = item.data(Qt.ItemDataRole.UserRole)
                out.append((int(g), int(c)))
        return out

    def data(self) -> AccountInput:
        """The entries as the service takes them."""
        role = self.role_combo.currentData()
        kind = perms.SCOPE_KIND[role]
        return AccountInput(
            self.login_edit.text(),
            self.name_edit.text(),
            role,
            township_id=self.township_combo.currentData() if kind == "township" else None,
            school_id=self.school_combo.currentData() if kind == "school" else None,
            classes=tuple(self.checked_classes()) if role == perms.TEACHER else (),
        )

    def submit(self) -> None:
        """Save through the service; problems are shown and the dialog stays open."""
        try:
            if self._row is None:
                if self.password_edit.text() != self.repeat_edit.text():
                    raise ValidationError({"password_repeat": self.tr("两次输入的密码不一致")})
                accounts.create_account(
                    self._db, self._actor, self.data(), self.password_edit.text(), self.must_change.isChecked()
                )
            else:
                accounts.update_account(self._db, self._actor, self._row.id, self.data())
        except ValidationError as exc:
            self.error_label.setText("\n".join(exc.problems.values()))
            self.error_label.show()
            return
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self.accept()


class ResetPasswordDialog(QDialog):
    """A temporary password for someone who forgot theirs; they must change it at next login."""

    def __init__(self, login_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("重置密码"))
        intro = QLabel(
            self.tr("为“%1”设置一个临时密码，告诉本人。对方下次登录时必须改成自己的密码。").replace("%1", login_name)
        )
        intro.setWordWrap(True)
        self.password_edit = password_edit(self.tr("至少 6 个字符"))
        self.repeat_edit = password_edit()
        self.error_label = error_label()
        form = QFormLayout()
        form.addRow(self.tr("临时密码："), self.password_edit)
        form.addRow(self.tr("再输一次："), self.repeat_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _check(self) -> None:
        if self.password_edit.text() != self.repeat_edit.text():
            self.error_label.setText(self.tr("两次输入的密码不一致"))
            self.error_label.show()
            return
        self.accept()

    @property
    def password(self) -> str:
        """The temporary password typed."""
        return self.password_edit.text()


class AccountsPage(QWidget):
    """Accounts table with the administrator's actions, and the idle-lock setting."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        title = QLabel(self.tr("<h3>账户管理</h3>"))
        hint = QLabel(
            self.tr("每个人用自己的账户登录，所有修改都记录在审计日志中。角色决定能做什么，范围决定能看到哪些学生。")
        )
        hint.setStyleSheet(HINT_STYLE)
        hint.setWordWrap(True)
        self.model = AccountTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.new_button = QPushButton(self.tr("新建账户…"))
        self.edit_button = QPushButton(self.tr("修改…"))
        self.disable_button = QPushButton(self.tr("停用"))
        self.reset_button = QPushButton(self.tr("重置密码…"))
        self.unlock_button = QPushButton(self.tr("解锁"))
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.disable_button, self.reset_button, self.unlock_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(0, accounts.MAX_IDLE_MINUTES)
        self.idle_spin.setSuffix(self.tr(" 分钟"))
        self.idle_spin.setSpecialValueText(self.tr("不自动锁定"))
        self.idle_spin.setValue(accounts.idle_lock_minutes(db))
        self.idle_save = QPushButton(self.tr("保存"))
        idle_box = QGroupBox(self.tr("本机设置"))
        idle_layout = QHBoxLayout(idle_box)
        idle_layout.addWidget(QLabel(self.tr("无人操作多久后锁定窗口：")))
        idle_layout.addWidget(self.idle_spin)
        idle_layout.addWidget(self.idle_save)
        idle_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(idle_box)
        self.new_button.clicked.connect(self.new_account)
        self.new_button.setShortcut(QKeySequence.StandardKey.New)
        self.edit_button.clicked.connect(self.edit_account)
        self.disable_button.clicked.connect(self.toggle_disabled)
        self.reset_button.clicked.connect(self.reset_password)
        self.unlock_button.clicked.connect(self.unlock)
        self.idle_save.clicked.connect(self.save_idle)
        self.view.doubleClicked.connect(lambda _index: self.edit_account())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    # --- state --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the list (keeping the selection where possible)."""
        current = self.selected()
        try:
            rows = accounts.list_accounts(self._db, self._actor)
        except ServiceError as exc:
            show_service_error(self, exc)
            rows = []
        self.model.set_rows(rows)
        if current is not None:
            for i, row in enumerate(rows):
                if row.id == current.id:
                    self.view.selectRow(i)
        self._update_buttons()

    def selected(self) -> AccountRow | None:
        """The chosen account, if any."""
        indexes = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.rows[indexes[0].row()] if indexes else None

    def select_login(self, login_name: str) -> None:
        """Select an account by login name (tests, and after creating one)."""
        for i, row in enumerate(self.model.rows):
            if row.login_name == login_name:
                self.view.selectRow(i)
                return

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (self.edit_button, self.disable_button, self.reset_button):
            button.setEnabled(row is not None)
        self.unlock_button.setEnabled(row is not None and row.status == "已锁定")
        self.disable_button.setText(self.tr("启用") if row is not None and row.disabled else self.tr("停用"))

    # --- actions ------------------------------------------------------------------------------
    def new_account(self) -> None:
        """The new-account dialog."""
        dialog = AccountDialog(self._db, self._actor, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.select_login(dialog.login_edit.text().strip())

    def edit_account(self) -> None:
        """The edit dialog for the chosen account."""
        row = self.selected()
        if row is not None and AccountDialog(self._db, self._actor, row, self).exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def toggle_disabled(self) -> None:
        """Disable (after confirmation) or enable the chosen account."""
        row = self.selected()
        if row is None:
            return
        if not row.disabled:
            answer = QMessageBox.question(
                self, self.tr("停用账户"),
                self.tr("停用后“%1”将不能再登录，以前的记录都会保留。确定停用吗？").replace("%1", row.login_name),
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            accounts.set_account_disabled(self._db, self._actor, row.id, not row.disabled)
        except ServiceError as exc:
            show_service_error(self, exc)
        self.refresh()

    def reset_password(self) -> None:
        """Give the chosen account a temporary password."""
        row = self.selected()
        if row is None:
            return
        dialog = ResetPasswordDialog(row.login_name, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            accounts.reset_password(self._db, self._actor, row.id, dialog.password)
        except ServiceError as exc:
            show_service_error(self, exc)
            return
        self.refresh()
        QMessageBox.information(
            self, self.tr("密码已重置"), self.tr("请把临时密码告诉“%1”。对方登录后需要设置新密码。").replace("%1", row.login_name)
        )

    def unlock(self) -> None:
        """Lift the chosen account's lock-out."""
        row = self.selected()
        if row is None:
            return
        try:
            accounts.unlock_account(self._db, self._actor, row.id)
        except ServiceError as exc:
            show_service_error(self, exc)
        self.refresh()

    def save_idle(self) -> None:
        """Save the idle-lock time (takes effect at the next login)."""
        try:
            accounts.set_idle_lock_minutes(self._db, self._actor, self.idle_spin.value())
        except ServiceError as exc:
            show_service_error(self, exc)
