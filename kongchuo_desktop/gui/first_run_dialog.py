"""The first-run dialog: name this installation's site (学校 / 乡镇 / 教育局) before the app opens."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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

from kongchuo_desktop.gui.inline_problems import ERROR_STYLE
from kongchuo_desktop.services.errors import ValidationError
from kongchuo_desktop.services.sites import SITE_TYPE_LABELS


@dataclass(frozen=True)
class SiteAnswers:
    """What the user entered: site name, type (school | township | bureau), township and school."""

    name: str
    site_type: str
    township: str | None
    school: str | None


class FirstRunDialog(QDialog):
    """Ask for the site; `submit(answers)` creates it and may raise ValidationError, whose messages
    are shown in the dialog (which then stays open)."""

    def __init__(self, submit: Callable[[SiteAnswers], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle(self.tr("欢迎使用控辍保学台账"))
        intro = QLabel(self.tr("第一次使用，请填写本机所在的单位。以后导出、同步数据时会用到这些信息。"))
        intro.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("例如：金河镇教育办、金河镇中心小学"))
        self.type_combo = QComboBox()
        for key, label in SITE_TYPE_LABELS.items():
            self.type_combo.addItem(label, key)
        self.type_combo.setCurrentIndex(self.type_combo.findData("township"))
        self.township_edit = QLineEdit()
        self.township_edit.setPlaceholderText(self.tr("例如：金河镇"))
        self.school_edit = QLineEdit()
        self.school_edit.setPlaceholderText(self.tr("例如：金河镇中心小学"))
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("单位名称："), self.name_edit)
        form.addRow(self.tr("单位类型："), self.type_combo)
        form.addRow(self.tr("所属乡镇："), self.township_edit)
        form.addRow(self.tr("学校名称："), self.school_edit)
        self._form = form
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("开始使用"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        for edit in (self.name_edit, self.township_edit, self.school_edit):
            edit.textChanged.connect(self._update)
        self.type_combo.currentIndexChanged.connect(self._update)
        self._update()

    def answers(self) -> SiteAnswers:
        """The answers as entered (fields that do not apply to the type are left out)."""
        site_type = self.type_combo.currentData()
        township = self.township_edit.text().strip() or None
        school = self.school_edit.text().strip() or None
        return SiteAnswers(
            self.name_edit.text().strip(),
            site_type,
            township if site_type in ("school", "township") else None,
            school if site_type == "school" else None,
        )

    def _update(self) -> None:
        site_type = self.type_combo.currentData()
        self._form.setRowVisible(self.township_edit, site_type in ("school", "township"))
        self._form.setRowVisible(self.school_edit, site_type == "school")
        answers = self.answers()
        complete = bool(answers.name) and (site_type == "bureau" or bool(answers.township))
        self.ok_button.setEnabled(complete and (site_type != "school" or bool(answers.school)))

    def submit(self) -> None:
        """Create the site; on refusal show why and stay open."""
        try:
            self._submit(self.answers())
        except ValidationError as exc:
            self.error_label.setText("\n".join(exc.problems.values()))
            self.error_label.show()
            return
        self.accept()
