"""First run: name this installation's site and create its first administrator.

Entry: `run_first_run(db, parent=None) -> tuple[SiteInfo, Actor] | None` — on a database without a
site it shows `FirstRunWizard` (site page, then administrator page); on one that has a site but no
account yet it shows `CreateAdminDialog`; None when the user quit. The administrator is logged in
afterwards (the returned Actor).
"""

from __future__ import annotations

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
    QWizard,
    QWizardPage,
)

from kongchuo_desktop.gui.domain_labels import label
from kongchuo_desktop.gui.login_dialog import error_label, password_edit
from kongchuo_desktop.services import accounts
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ServiceError, ValidationError
from kongchuo_desktop.services.setup import admin_problems, first_run
from kongchuo_desktop.services.sites import SITE_TYPE_LABELS, SiteInfo, site_info
from kongchuo_desktop.store.database import Database


class AdminForm(QWidget):
    """The first administrator's user name, name and password (twice)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.login_edit = QLineEdit()
        self.login_edit.setPlaceholderText(self.tr("登录时用的名字，例如 admin 或 王芳"))
        self.login_edit.setMaxLength(32)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("真实姓名，显示在标题栏和审计日志里"))
        self.name_edit.setMaxLength(40)
        self.password_edit = password_edit(self.tr("至少 6 个字符"))
        self.repeat_edit = password_edit()
        self.error_label = error_label()
        form = QFormLayout(self)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("用户名："), self.login_edit)
        form.addRow(self.tr("姓名："), self.name_edit)
        form.addRow(self.tr("密码："), self.password_edit)
        form.addRow(self.tr("再输一次："), self.repeat_edit)
        form.addRow(self.error_label)

    def problems(self) -> dict[str, str]:
        """What is wrong with the entries (empty when fine)."""
        return admin_problems(
            self.login_edit.text(), self.name_edit.text(), self.password_edit.text(), self.repeat_edit.text()
        )

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show problems under the fields."""
        self.error_label.setText("\n".join(problems.values()))
        self.error_label.setVisible(bool(problems))


class SitePage(QWizardPage):
    """Step 1: which unit this computer belongs to."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("第一步：本机所在单位"))
        self.setSubTitle(self.tr("以后导出、同步数据和打印文书时会用到这些信息。"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("例如：金河镇教育办、金河镇中心学校"))
        self.type_combo = QComboBox()
        for key, text in SITE_TYPE_LABELS.items():
            self.type_combo.addItem(label(text), key)
        self.type_combo.setCurrentIndex(self.type_combo.findData("township"))
        self.township_edit = QLineEdit()
        self.township_edit.setPlaceholderText(self.tr("例如：金河镇"))
        self.school_edit = QLineEdit()
        self.school_edit.setPlaceholderText(self.tr("例如：金河镇中心学校"))
        self.error_label = error_label()
        form = QFormLayout(self)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("单位名称："), self.name_edit)
        form.addRow(self.tr("单位类型："), self.type_combo)
        form.addRow(self.tr("所属乡镇："), self.township_edit)
        form.addRow(self.tr("学校名称："), self.school_edit)
        form.addRow(self.error_label)
        self._form = form
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self._type_changed()

    def _type_changed(self) -> None:
        kind = self.type_combo.currentData()
        self._form.setRowVisible(self.township_edit, kind in ("school", "township"))
        self._form.setRowVisible(self.school_edit, kind == "school")

    def answers(self) -> tuple[str, str, str | None, str | None]:
        """(name, type, township, school) as entered (irrelevant fields None)."""
        kind = self.type_combo.currentData()
        township = self.township_edit.text().strip() or None if kind in ("school", "township") else None
        school = self.school_edit.text().strip() or None if kind == "school" else None
        return self.name_edit.text().strip(), kind, township, school

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        name, kind, township, school = self.answers()
        problems = []
        if not name:
            problems.append(self.tr("请填写单位名称"))
        if kind in ("school", "township") and not township:
            problems.append(self.tr("学校和乡镇需要填写所属乡镇"))
        if kind == "school" and not school:
            problems.append(self.tr("学校需要填写学校名称"))
        self.error_label.setText("\n".join(problems))
        self.error_label.setVisible(bool(problems))
        return not problems


class AdminPage(QWizardPage):
    """Step 2: the first administrator; finishing creates the site and the account."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("第二步：设置管理员"))
        self.setSubTitle(
            self.tr("管理员可以为其他老师和工作人员创建账户、备份和恢复数据。请记住这个密码，忘记后只能由另一位管理员重置。")
        )
        self.form = AdminForm()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        problems = self.form.problems()
        self.form.show_problems(problems)
        return not problems and self._wizard.create()


class FirstRunWizard(QWizard):
    """Site and first administrator. After acceptance: `site` and `actor` (the admin, logged in)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.site: SiteInfo | None = None
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("欢迎使用控辍保学台账"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("开始使用"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("退出"))
        self.site_page = SitePage()
        self.admin_page = AdminPage(self)
        self.addPage(self.site_page)
        self.addPage(self.admin_page)
        self.setMinimumWidth(560)

    def create(self) -> bool:
        """Write the site and the administrator; False (problems shown) when refused."""
        name, kind, township, school = self.site_page.answers()
        form = self.admin_page.form
        try:
            self.site, self.actor = first_run(
                self._db, name, kind, township, school, form.login_edit.text(), form.name_edit.text(),
                form.password_edit.text(),
            )  # fmt: skip
        except ValidationError as exc:
            form.show_problems(exc.problems)
            return False
        except ServiceError as exc:
            form.show_problems({"": str(exc)})
            return False
        return True


class CreateAdminDialog(QDialog):
    """A site without any account yet (made by `kongchuo init` without --admin, or from before
    accounts existed): create the first administrator. After acceptance: `actor`."""

    def __init__(self, db: Database, site_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("设置管理员"))
        intro = QLabel(
            self.tr("“%1”还没有任何账户。请先设置一位管理员，以后每个人都要用自己的账户登录。").replace("%1", site_name)
        )
        intro.setWordWrap(True)
        self.form = AdminForm()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("开始使用"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def submit(self) -> None:
        """Create the administrator, or show what is wrong."""
        problems = self.form.problems()
        if problems:
            self.form.show_problems(problems)
            return
        try:
            self.actor = accounts.create_first_admin(
                self._db, self.form.login_edit.text(), self.form.name_edit.text(), self.form.password_edit.text()
            )
        except ValidationError as exc:
            self.form.show_problems(exc.problems)
            return
        except ServiceError as exc:
            self.form.show_problems({"": str(exc)})
            return
        self.accept()


def run_first_run(db: Database, parent: QWidget | None = None) -> tuple[SiteInfo, Actor] | None:
    """Whatever set-up the database still needs (see the module doc); None when the user quit."""
    site = site_info(db)
    if site is None:
        wizard = FirstRunWizard(db, parent)
        if wizard.exec() != QDialog.DialogCode.Accepted or wizard.site is None or wizard.actor is None:
            return None
        return wizard.site, wizard.actor
    if accounts.has_accounts(db):
        raise ValueError("the site already has accounts: log in instead")
    dialog = CreateAdminDialog(db, site.name, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
        return None
    return site, dialog.actor
