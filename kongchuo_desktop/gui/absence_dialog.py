"""登记缺课: a pupil did not come — find them, give the first day (and the return day if known)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.gui.case_actions import date_edit
from kongchuo_desktop.gui.field_binding import read_widget
from kongchuo_desktop.gui.inline_problems import ERROR_STYLE
from kongchuo_desktop.gui.pupil_picker import PupilPicker
from kongchuo_desktop.services import absences, clock
from kongchuo_desktop.services.absences import AbsenceResult
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from kongchuo_desktop.services.pupil_search import PupilHit
from kongchuo_desktop.services.students import get_student
from kongchuo_desktop.store.database import Database


class AbsenceDialog(QDialog):
    """Record an unexcused absence.

    student_id: the pupil (given, or picked with the search); absence: what the service did;
    then_visit: "保存后接着登记家访" was ticked; recorded(AbsenceResult) after saving.
    """

    recorded = Signal(object)

    def __init__(
        self, db: Database, actor: Actor, student_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.student_id = student_id
        self.absence: AbsenceResult | None = None
        self.setWindowTitle(self.tr("登记缺课"))
        self.setMinimumWidth(520)
        today = clock.today()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("输入姓名、拼音首字母或身份证件号"))
        self.search.setClearButtonEnabled(True)
        self.picker = PupilPicker(self.search, db, actor)
        self.picker.picked.connect(self._picked)
        self.pupil = QLabel()
        self.pupil.setWordWrap(True)
        form.addRow(self.tr("学生"), self.search)
        form.addRow("", self.pupil)
        self.first_day = date_edit(today, today)
        self.first_day.setToolTip(self.tr("第一天没来上学的日期"))
        form.addRow(self.tr("缺课开始日期"), self.first_day)
        self.back = QCheckBox(self.tr("已经返校"))
        self.return_day = date_edit(today, today)
        self.return_day.setEnabled(False)
        self.back.toggled.connect(self.return_day.setEnabled)
        form.addRow(self.back, self.return_day)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("例如：未请假，电话联系不上家长"))
        form.addRow(self.tr("情况说明"), self.note)
        self.then_visit = QCheckBox(self.tr("保存后接着登记家访（例如已经打过电话）"))
        form.addRow("", self.then_visit)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        hint = QLabel(self.tr("登记后，系统按“三访一报告”提醒班主任、校长和乡镇按时走访。"))
        hint.setStyleSheet("color: #5d6d7e;")
        hint.setWordWrap(True)  # not wider than the form (long in English, at a large font size)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("登记缺课"))
        self.save_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if student_id is not None:
            self._show_student(student_id)
            self.first_day.setFocus()
        else:
            self.search.setFocus()
        self._update()

    def _show_student(self, student_id: str) -> None:
        try:
            detail = get_student(self._db, self._actor, student_id)
        except (NotFoundError, PermissionDenied) as exc:
            self._error(str(exc))
            return
        values = detail.values
        self.search.setText(values.get("name") or "")
        self.search.setEnabled(False)
        grade, class_no = values.get("grade"), values.get("class_no")
        where = self.tr("%1年级%2班").replace("%1", str(grade)).replace("%2", str(class_no or "")) if grade else ""
        self.pupil.setText(
            self.tr("%1　%2　%3　学籍状态：%4")
            .replace("%1", str(values.get("name")))
            .replace("%2", str(values.get("sex") or ""))
            .replace("%3", where)
            .replace("%4", str(detail.status))
        )

    def _picked(self, hit: PupilHit) -> None:
        self.student_id = hit.student_id
        self.pupil.setText(hit.label)
        self._error("")
        self._update()
        self.first_day.setFocus()

    def _update(self) -> None:
        self.save_button.setEnabled(self.student_id is not None)

    def _error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def save(self) -> bool:
        """Record the absence; a refusal is shown and the dialog stays open."""
        if self.student_id is None:
            self._error(self.tr("请先查找并选择学生。"))
            return False
        return_day = read_widget(self.return_day) if self.back.isChecked() else None
        try:
            self.absence = absences.record_absence(
                self._db, self._actor, self.student_id, read_widget(self.first_day), read_widget(self.note), return_day
            )
        except ValidationError as exc:
            self._error("；".join(exc.problems.values()))
            return False
        except (NotFoundError, PermissionDenied) as exc:
            self._error(str(exc))
            return False
        self.recorded.emit(self.absence)
        self.accept()
        return True
