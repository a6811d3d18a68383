"""The student form (新增 / 编辑学生): checks as the user types, saves through the students service."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableWidgetItem, QWidget

from kongchuo_desktop.domain import codes, ethnicity
from kongchuo_desktop.gui.combos import fill_combo
from kongchuo_desktop.gui.domain_labels import composed_label, label, label_items
from kongchuo_desktop.gui.field_binding import changed_signal, read_widget, setup_optional_date, write_widget
from kongchuo_desktop.gui.generated.ui_student_form import Ui_StudentForm
from kongchuo_desktop.gui.inline_problems import InlineProblems
from kongchuo_desktop.services import lookups
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from kongchuo_desktop.services.history import field_label, student_history
from kongchuo_desktop.services.student_rules import check_student, derived_from_id
from kongchuo_desktop.services.students import create_student, get_student, update_student
from kongchuo_desktop.store.database import Database

# Student field → widget name in ui/student_form.ui.
FIELD_WIDGETS = {
    "name": "nameEdit", "sex": "sexCombo", "id_type": "idTypeCombo", "id_number": "idNumberEdit",
    "birth_date": "birthDateEdit", "ethnicity_code": "ethnicityCombo", "student_no": "studentNoEdit",
    "school_id": "schoolCombo", "grade": "gradeCombo", "class_no": "classSpin", "enrolled_on": "enrolledOnEdit",
    "boarding": "boardingCheck", "hukou_address": "hukouAddressEdit", "hukou_township_id": "hukouTownshipCombo",
    "hukou_nature": "hukouNatureCombo", "current_address": "currentAddressEdit", "note": "noteEdit",
    "left_behind": "leftBehindCombo", "guardian_teacher_id": "guardianTeacherCombo", "migrant": "migrantCheck",
    "poverty": "povertyCheck", "low_income": "lowIncomeCheck", "orphan": "orphanCheck",
    "disability_type": "disabilityTypeCombo", "disability_arrangement": "disabilityArrangementCombo",
}  # fmt: skip
# Guardian field → widget name suffix (guardian1NameEdit …).
GUARDIAN_WIDGETS = {
    "name": "NameEdit", "relation": "RelationCombo", "phone": "PhoneEdit", "workplace": "WorkplaceEdit",
    "away_working": "AwayCheck",
}  # fmt: skip
ID_CARD = "居民身份证"


class StudentForm(QDialog):
    """Create or edit one student.

    student_id: the student edited (None for a new one); status: their 学籍状态;
    _touched: fields the user changed, whose problems show as they type;
    _show_all: show every problem (an existing student, or after the service refused a save);
    _saved_problems: what the service refused, kept until the field concerned changes.
    """

    saved = Signal(str)

    def __init__(self, db: Database, actor: Actor, student_id: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_StudentForm()
        self.ui.setupUi(self)
        self._db = db
        self._actor = actor
        self.student_id = student_id
        self.status = "在读"
        self._touched: set[str] = set()
        self._show_all = student_id is not None
        self._saved_problems: dict[str, str] = {}
        self.problems: dict[str, str] = {}
        self._can_save = actor.can(perms.STUDENT_CREATE if student_id is None else perms.STUDENT_UPDATE)
        self._widgets: dict[str, QWidget] = {f: getattr(self.ui, name) for f, name in FIELD_WIDGETS.items()}
        for slot in (1, 2):
            for key, suffix in GUARDIAN_WIDGETS.items():
                self._widgets[f"guardian{slot}_{key}"] = getattr(self.ui, f"guardian{slot}{suffix}")
        self._inline = InlineProblems(self, self.ui.generalErrorLabel, self.ui.tabs)
        self.ui.pendingLabel.setStyleSheet("color: #5d6d7e;")
        self.save_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self._fill_choices()
        self._setup_history()
        if student_id is None:
            self._start_new()
        else:
            self._load(student_id)
        for field, widget in self._widgets.items():
            changed_signal(widget).connect(partial(self._on_changed, field))
        self.ui.idNumberEdit.textChanged.connect(self._fill_from_id)
        self.ui.schoolCombo.currentIndexChanged.connect(lambda _i: self._reload_teachers())
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.validate()

    # --- set-up -------------------------------------------------------------------------------
    def _fill_choices(self) -> None:
        ui = self.ui
        choose = self.tr("请选择")
        fill_combo(ui.sexCombo, [(choose, None), *label_items(codes.SEXES)])
        fill_combo(ui.idTypeCombo, label_items(codes.ID_TYPES))
        fill_combo(ui.ethnicityCombo, [(name, code) for code, name in ethnicity.ALL])
        schools = lookups.schools(self._db, self._actor)
        fill_combo(ui.schoolCombo, [(self.tr("请选择学校"), None), *((s.name, s.id) for s in schools)])
        fill_combo(ui.gradeCombo, [(choose, None), *((label(codes.grade_label(n)), n) for n in range(1, 10))])
        ui.classSpin.setRange(0, 99)
        ui.classSpin.setSpecialValueText(self.tr("未分班"))
        ui.classSpin.setSuffix(self.tr(" 班"))
        today = dt.date.today()
        setup_optional_date(ui.birthDateEdit, self.tr("未填写"), today)
        setup_optional_date(ui.enrolledOnEdit, self.tr("未填写"), today)
        none = self.tr("（未填写）")
        townships = lookups.townships(self._db)
        fill_combo(ui.hukouTownshipCombo, [(none, None), *((t.name, t.id) for t in townships)])
        fill_combo(ui.hukouNatureCombo, [(none, None), *label_items(codes.HUKOU_NATURES)])
        fill_combo(ui.leftBehindCombo, label_items(codes.LEFT_BEHIND))
        fill_combo(ui.disabilityTypeCombo, [(self.tr("无"), None), *label_items(codes.DISABILITY_TYPES)])
        fill_combo(
            ui.disabilityArrangementCombo, [(self.tr("无"), None), *label_items(codes.DISABILITY_ARRANGEMENTS)]
        )
        for slot in (1, 2):
            relation = getattr(ui, f"guardian{slot}RelationCombo")
            fill_combo(relation, [(choose, None), *label_items(codes.GUARDIAN_RELATIONS)])
        self._reload_teachers()

    def _reload_teachers(self) -> None:
        school_id = read_widget(self.ui.schoolCombo)
        teachers = lookups.teachers(self._db, school_id)
        fill_combo(self.ui.guardianTeacherCombo, [(self.tr("（未指定）"), None), *((t.name, t.id) for t in teachers)])

    def _setup_history(self) -> None:
        table = self.ui.historyTable
        headers = [self.tr("日期"), self.tr("类型"), self.tr("内容"), self.tr("操作人"), self.tr("证明材料")]
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(table.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(table.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setWordWrap(True)
        table.verticalHeader().hide()
        # Rows follow their wrapped text as the columns resize.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def _start_new(self) -> None:
        self.setWindowTitle(self.tr("新增学生"))
        write_widget(self.ui.idTypeCombo, ID_CARD)
        write_widget(self.ui.ethnicityCombo, "01")
        index = self.ui.tabs.indexOf(self.ui.tabHistory)
        self.ui.tabs.setTabVisible(index, False)
        self.ui.reasonLabel.hide()
        self.ui.reasonEdit.hide()

    def _load(self, student_id: str) -> None:
        detail = get_student(self._db, self._actor, student_id)
        self.status = detail.status
        values = detail.values
        for field in FIELD_WIDGETS:
            if field == "guardian_teacher_id":
                continue
            write_widget(self._widgets[field], values.get(field))
        self._reload_teachers()
        write_widget(self.ui.guardianTeacherCombo, values.get("guardian_teacher_id"))
        for slot in (1, 2):
            guardian = detail.guardians[slot - 1] if slot <= len(detail.guardians) else {}
            for key in GUARDIAN_WIDGETS:
                write_widget(self._widgets[f"guardian{slot}_{key}"], guardian.get(key))
        self.setWindowTitle(
            self.tr("编辑学生：%1（%2）").replace("%1", values.get("name") or "").replace("%2", label(self.status))
        )
        self.reload_history()

    def reload_history(self) -> None:
        """Show the student's history (status changes and edits), newest first."""
        if self.student_id is None:
            return
        events = student_history(self._db, self._actor, self.student_id)
        table = self.ui.historyTable
        table.setRowCount(len(events))
        for row, event in enumerate(events):
            when = (
                event.when.strftime("%Y-%m-%d %H:%M")
                if event.when.time() != event.when.min.time()
                else f"{event.when:%Y-%m-%d}"
            )
            cells = [
                when,
                composed_label(event.kind),
                event.summary,
                event.user or "",
                str(event.attachments) if event.attachments else "",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(row, column, item)
        self.ui.historyEmptyLabel.setVisible(not events)

    # --- values and checks ----------------------------------------------------------------------
    def values(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The student's values and the two guardians as the form shows them."""
        values = {field: read_widget(self._widgets[field]) for field in FIELD_WIDGETS}
        guardians = [
            {key: read_widget(self._widgets[f"guardian{slot}_{key}"]) for key in GUARDIAN_WIDGETS} for slot in (1, 2)
        ]
        return values, guardians

    def validate(self) -> dict[str, str]:
        """Check the form, show the problems inline and enable Save only when there are none."""
        values, guardians = self.values()
        problems = check_student({**values, "guardians": guardians})
        for field, message in self._saved_problems.items():
            problems.setdefault(field, message)
        self.problems = problems

        def shown(field: str) -> bool:
            return self._show_all or field in self._touched

        self._inline.show(problems, shown)
        pending = [field_label(f) for f in problems if f in self._inline.labels and not shown(f)]
        if not self._can_save:
            permission = perms.STUDENT_CREATE if self.student_id is None else perms.STUDENT_UPDATE
            self.ui.pendingLabel.setText(perms.denied_message(self._actor.role, permission))
        else:
            self.ui.pendingLabel.setText(self.tr("保存前还需填写或更正：%1").replace("%1", self.tr("、").join(pending)))
        self.ui.pendingLabel.setVisible(bool(pending) or not self._can_save)
        self.save_button.setEnabled(not problems and self._can_save)
        return problems

    def _on_changed(self, field: str, *_args: Any) -> None:
        self._touched.add(field)
        if field[:9] in ("guardian1", "guardian2") and field != "guardian_teacher_id":
            # A guardian is filled in as a whole: a phone without a name concerns the name too.
            self._touched.update(f"{field[:9]}_{key}" for key in GUARDIAN_WIDGETS)
        self._saved_problems.pop(field, None)
        for key in [k for k in self._saved_problems if k not in self._inline.labels]:
            del self._saved_problems[key]  # a problem without a field is stale after any edit
        self.validate()

    def _fill_from_id(self, text: str) -> None:
        """A valid resident ID number fills in the birth date and sex it encodes."""
        if read_widget(self.ui.idTypeCombo) != ID_CARD:
            return
        info = derived_from_id(text)
        if info is None:
            return
        if read_widget(self.ui.birthDateEdit) != info.birth_date:
            write_widget(self.ui.birthDateEdit, info.birth_date)
        if read_widget(self.ui.sexCombo) != info.sex:
            write_widget(self.ui.sexCombo, info.sex)

    # --- saving ---------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save through the service; its refusals are shown inline and the dialog stays open."""
        if self.validate():
            return False
        values, guardians = self.values()
        try:
            if self.student_id is None:
                self.student_id = create_student(self._db, self._actor, values, guardians)
            else:
                reason = read_widget(self.ui.reasonEdit)
                update_student(self._db, self._actor, self.student_id, values, guardians, reason)
        except ValidationError as exc:
            self._saved_problems = dict(exc.problems)
            self._show_all = True
            self.validate()
            tab = self._inline.first_tab_with_problem()
            if tab is not None:
                self.ui.tabs.setCurrentIndex(tab)
            return False
        except (NotFoundError, PermissionDenied) as exc:
            self._saved_problems = {"": str(exc)}
            self.validate()
            return False
        self.saved.emit(self.student_id)
        self.accept()
        return True

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        # Enter in a line edit must not press Save by accident (and would skip the checks' display).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.save_button.hasFocus():
            event.accept()
            return
        super().keyPressEvent(event)
