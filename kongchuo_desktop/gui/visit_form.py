"""登记家访: log one visit of a case quickly, with the keyboard alone.

Opened from a case, a to-do line or a pupil (the form finds the pupil's open case), or empty with
a pupil search. Everything that can be guessed is filled in: now, the next round, 家访, the
people who usually go on that round, the reason and whom they met last time. The cursor starts on
the first thing left to choose; Tab moves on; Enter saves.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QListWidgetItem,
    QWidget,
)

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.gui.combos import fill_combo, select_data
from kongchuo_desktop.gui.domain_labels import editable_value, label, label_items
from kongchuo_desktop.gui.field_binding import EMPTY_DATE, changed_signal, read_widget, setup_optional_date
from kongchuo_desktop.gui.file_list import FileChooser, FileList, ask_for_files
from kongchuo_desktop.gui.generated.ui_visit_form import Ui_VisitForm
from kongchuo_desktop.gui.inline_problems import InlineProblems
from kongchuo_desktop.gui.pupil_picker import PupilPicker
from kongchuo_desktop.services import clock
from kongchuo_desktop.services import visits as visit_service
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from kongchuo_desktop.services.pupil_search import PupilHit
from kongchuo_desktop.store.database import Database

PHOTO_FILTER = QT_TRANSLATE_NOOP(
    "VisitForm", "照片或扫描件 (*.jpg *.jpeg *.png *.bmp *.heic *.pdf *.tif *.tiff);;所有文件 (*)"
)
ROUND_TEXT = {
    esc.ROUND_1: QT_TRANSLATE_NOOP("VisitForm", "一访（班主任）"),
    esc.ROUND_2: QT_TRANSLATE_NOOP("VisitForm", "二访（校长/防辍小组）"),
    esc.ROUND_3: QT_TRANSLATE_NOOP("VisitForm", "三访（联合村委会）"),
    esc.FOLLOW_UP: QT_TRANSLATE_NOOP("VisitForm", "跟进"),
}
# Problems the service names by another field than the form.
FIELD_ALIASES = {"on": "visited_at", "case": "", "next_on": "next_step_on"}


def choose_photos(parent: QWidget) -> list[str]:
    """Ask for photo or scan files with the system file dialog."""
    return ask_for_files(
        parent,
        QCoreApplication.translate("VisitForm", "选择家访照片或扫描件"),
        QCoreApplication.translate("VisitForm", PHOTO_FILTER),
    )


class VisitForm(QDialog):
    """The visit form of one case.

    case_id: the case (None until a pupil with an open case is picked); info: the service's
    defaults for it; attachments: chosen files (see FileList); picker: the pupil search (when opened without a
    case); _touched / _show_all / _saved_problems: which problems are shown, as in the student form;
    _participants_touched: the user changed the people, so a round change no longer resets them.
    """

    saved = Signal(str)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        case_id: str | None = None,
        student_id: str | None = None,
        parent: QWidget | None = None,
        choose_files: FileChooser | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_VisitForm()
        self.ui.setupUi(self)
        self._db = db
        self._actor = actor
        self._choose_files = choose_files or choose_photos
        self.case_id: str | None = None
        self.info: visit_service.VisitFormInfo | None = None
        self.visit_id: str | None = None
        self.problems: dict[str, str] = {}
        self._touched: set[str] = set()
        self._show_all = False
        self._saved_problems: dict[str, str] = {}
        self._participants_touched = False
        self._filling = False
        self._inline = InlineProblems(self, self.ui.generalErrorLabel)
        self.save_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存（回车）"))
        self.save_button.setDefault(True)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.ui.hintLabel.setStyleSheet("color: #5d6d7e;")
        self.ui.dueLabel.setStyleSheet("color: #1a4fb0;")
        self._setup_fields()
        self._connect()
        self.picker = PupilPicker(self.ui.pupilSearch, db, actor)
        self.picker.picked.connect(self._pupil_picked)
        if case_id is None and student_id is not None:
            case_id = self._open_case_of(student_id)
        if case_id is not None:
            self.ui.pupilSearch.hide()
            self.ui.pupilSearchLabel.hide()
            self.load_case(case_id)
        else:
            self.setWindowTitle(self.tr("登记家访"))
            self.ui.studentLabel.setText(self.tr("请先在上面查找学生（输入姓名、拼音首字母或身份证件号）。"))
            self._set_enabled(False)
            self.ui.pupilSearch.setFocus()
        self.validate()

    # --- setup -------------------------------------------------------------------------------------
    def _setup_fields(self) -> None:
        ui = self.ui
        now = clock.now()
        ui.visitedAtEdit.setDateTime(QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute)))
        ui.visitedAtEdit.setMaximumDateTime(QDateTime(QDate(now.year, now.month, now.day), QTime(23, 59)))
        fill_combo(ui.roundCombo, [(self.tr(ROUND_TEXT[r]), r) for r in esc.VISIT_ROUNDS])
        fill_combo(ui.kindCombo, label_items(esc.VISIT_KINDS))
        fill_combo(ui.reasonCombo, [(self.tr("请选择原因"), None), *label_items(esc.REASONS)])
        fill_combo(ui.outcomeCombo, [(self.tr("请选择结果"), None), *label_items(esc.VISIT_OUTCOMES)])
        fill_combo(ui.attitudeCombo, [("", None), *label_items(esc.ATTITUDES)])
        fill_combo(ui.metWithCombo, [("", None), *label_items(esc.MET_WITH)])
        today = clock.today()
        setup_optional_date(ui.promisedOnEdit, self.tr("（家长承诺返校时填写）"))
        setup_optional_date(ui.nextStepOnEdit, self.tr("（不填则按规定间隔跟进）"))
        for edit in (ui.promisedOnEdit, ui.nextStepOnEdit):
            edit.setMaximumDate(QDate(today.year + 1, today.month, min(today.day, 28)))
        ui.promisedOnEdit.setEnabled(False)

    def _connect(self) -> None:
        ui = self.ui
        fields = {
            "visited_at": ui.visitedAtEdit, "round": ui.roundCombo, "kind": ui.kindCombo, "reason": ui.reasonCombo,
            "outcome": ui.outcomeCombo, "promised_on": ui.promisedOnEdit, "next_step_on": ui.nextStepOnEdit,
            "participants": ui.othersEdit,
        }  # fmt: skip
        for name, widget in fields.items():
            signal = widget.dateTimeChanged if name == "visited_at" else changed_signal(widget)
            signal.connect(partial(self._on_changed, name))
        ui.participantsList.itemChanged.connect(self._participants_changed)
        ui.roundCombo.currentIndexChanged.connect(self._round_changed)
        ui.outcomeCombo.currentIndexChanged.connect(self._outcome_changed)
        self._attachments = FileList(ui.attachmentsList, ui.addAttachmentButton, ui.removeAttachmentButton,
                                     lambda: self._choose_files(self), self._attachments_changed)  # fmt: skip
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)

    # --- the case ------------------------------------------------------------------------------------
    def _open_case_of(self, student_id: str) -> str | None:
        from kongchuo_desktop.services.cases import cases_of_student

        try:
            briefs = cases_of_student(self._db, self._actor, student_id)
        except (NotFoundError, PermissionDenied) as exc:
            self._saved_problems = {"": str(exc)}
            return None
        open_ = [b for b in briefs if b.status != esc.CLOSED]
        if not open_:
            self._saved_problems = {"": self.tr("该学生目前没有未结的控辍个案。请先登记缺课，再登记家访。")}
            return None
        return open_[0].id

    def _pupil_picked(self, hit: PupilHit) -> None:
        self._saved_problems.pop("", None)
        if hit.case_id is None:
            self._saved_problems[""] = self.tr("“%1”目前没有未结的控辍个案。请先登记缺课，再登记家访。").replace(
                "%1", hit.name
            )
            self.case_id = None
            self.ui.studentLabel.setText(hit.label)
            self._set_enabled(False)
            self.validate()
            return
        self.load_case(hit.case_id)

    def load_case(self, case_id: str) -> None:
        """Show a case's pupil and fill the defaults."""
        try:
            info = visit_service.visit_form_info(self._db, self._actor, case_id)
        except (NotFoundError, PermissionDenied) as exc:
            self._saved_problems = {"": str(exc)}
            self._set_enabled(False)
            self.validate()
            return
        self.case_id = case_id
        self.info = info
        where = info.school_name
        if info.grade:
            where += " " + self.tr("%1年级%2班").replace("%1", str(info.grade)).replace("%2", str(info.class_no or ""))
        self.setWindowTitle(self.tr("登记家访：%1").replace("%1", info.student_name))
        self.ui.studentLabel.setText(
            self.tr("<b>%1</b>　%2　　个案 %3　　状态：%4")
            .replace("%1", info.student_name)
            .replace("%2", where)
            .replace("%3", info.case_number)
            .replace("%4", label(info.status))
        )
        guardians = self.tr("；").join(info.guardians)
        self.ui.dueLabel.setText(self.tr("监护人：%1").replace("%1", guardians) if guardians else "")
        self._filling = True
        try:
            select_data(self.ui.roundCombo, info.next_round)
            episode = info.episode_start
            self.ui.visitedAtEdit.setMinimumDateTime(
                QDateTime(QDate(episode.year, episode.month, episode.day), QTime(0, 0))
            )
            self._fill_people()
            if info.last_reason:
                select_data(self.ui.reasonCombo, info.last_reason)
            if info.last_met_with:
                self._set_combo_text(self.ui.metWithCombo, info.last_met_with)
            for guardian in info.guardians:
                relation = guardian.split(" ")[0]
                if self.ui.metWithCombo.findData(relation) < 0:
                    self.ui.metWithCombo.addItem(label(relation), relation)
        finally:
            self._filling = False
        self._set_enabled(True)
        self._saved_problems.pop("", None)
        self.validate()
        self.focus_first_open()

    def _set_combo_text(self, combo: QComboBox, text: str) -> None:
        index = combo.findData(text)
        if index < 0:
            combo.addItem(label(text), text)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def _fill_people(self) -> None:
        assert self.info is not None
        wanted = set(self.info.defaults.get(self.ui.roundCombo.currentData(), []))
        people = self.ui.participantsList
        blocked = people.blockSignals(True)
        try:
            people.clear()
            # The people expected on this round first, then the case's other 包保责任人, then everyone else.
            responsible = {i for ids in self.info.defaults.values() for i in ids}
            ordered = sorted(
                self.info.staff, key=lambda p: (p.id not in wanted, p.id not in responsible)
            )  # sorted() is stable: the service's order stays within each band
            for person in ordered:
                role = f"{person.role}·{person.village}" if person.village else person.role
                text = self.tr("%1（%2）").replace("%1", person.name).replace("%2", role)
                item = QListWidgetItem(text, people)
                item.setData(Qt.ItemDataRole.UserRole, person)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if person.id in wanted else Qt.CheckState.Unchecked)
            if people.count():
                people.setCurrentRow(0)
        finally:
            people.blockSignals(blocked)

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.ui.visitedAtEdit, self.ui.roundCombo, self.ui.kindCombo, self.ui.participantsList,
                       self.ui.othersEdit, self.ui.metWithCombo, self.ui.reasonCombo, self.ui.attitudeCombo,
                       self.ui.outcomeCombo, self.ui.nextStepEdit, self.ui.nextStepOnEdit, self.ui.noteEdit,
                       self.ui.attachmentsList, self.ui.addAttachmentButton):  # fmt: skip
            widget.setEnabled(on)
        self.ui.promisedOnEdit.setEnabled(on and self.ui.outcomeCombo.currentData() == esc.OUTCOME_PROMISED)

    def focus_first_open(self) -> None:
        """Put the cursor on the first required choice still open (reason, else outcome)."""
        target = self.ui.reasonCombo if self.ui.reasonCombo.currentData() is None else self.ui.outcomeCombo
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- changes -------------------------------------------------------------------------------------
    def _on_changed(self, name: str, *_args: Any) -> None:
        if self._filling:
            return
        self._touched.add(name)
        self._saved_problems.pop(name, None)
        self.validate()

    def _participants_changed(self, _item: QListWidgetItem) -> None:
        if self._filling:
            return
        self._participants_touched = True
        self._on_changed("participants")

    def _round_changed(self) -> None:
        if self._filling or self.info is None or self._participants_touched:
            return
        self._filling = True
        try:
            self._fill_people()
        finally:
            self._filling = False

    def _outcome_changed(self) -> None:
        promised = self.ui.outcomeCombo.currentData() == esc.OUTCOME_PROMISED
        self.ui.promisedOnEdit.setEnabled(promised and self.case_id is not None)
        if promised and read_widget(self.ui.promisedOnEdit) is None:
            tomorrow = clock.today() + dt.timedelta(days=1)
            self.ui.promisedOnEdit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        if not promised:
            self.ui.promisedOnEdit.setDate(EMPTY_DATE)

    # --- attachments ---------------------------------------------------------------------------------
    @property
    def attachments(self) -> list[str]:
        """The chosen photo or scan files, in order."""
        return self._attachments.paths

    def add_attachments(self) -> None:
        """Ask for photo or scan files and list the new ones."""
        self._attachments.add()

    def _attachments_changed(self) -> None:
        self._saved_problems.pop("attachment", None)
        self.validate()

    # --- reading and saving --------------------------------------------------------------------------
    def participants(self) -> tuple[visit_service.Participant, ...]:
        """The checked staff."""
        out = []
        for row in range(self.ui.participantsList.count()):
            item = self.ui.participantsList.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                person = item.data(Qt.ItemDataRole.UserRole)
                out.append(visit_service.Participant(person.name, person.role, person.id))
        return tuple(out)

    def visit_input(self) -> visit_service.VisitInput:
        """The visit the form describes."""
        ui = self.ui
        when = ui.visitedAtEdit.dateTime().toPython()
        return visit_service.VisitInput(
            visited_at=when.replace(second=0, microsecond=0),
            round=ui.roundCombo.currentData(),
            kind=ui.kindCombo.currentData(),
            participants=self.participants(),
            others=ui.othersEdit.text(),
            met_with=editable_value(ui.metWithCombo),
            reason=ui.reasonCombo.currentData(),
            attitude=editable_value(ui.attitudeCombo),
            outcome=ui.outcomeCombo.currentData(),
            promised_on=read_widget(ui.promisedOnEdit),
            next_step=read_widget(ui.nextStepEdit),
            next_step_on=read_widget(ui.nextStepOnEdit),
            note=read_widget(ui.noteEdit),
            attachments=list(self.attachments),
        )

    def validate(self) -> dict[str, str]:
        """Check the inputs, show problems inline and enable 保存 only when there are none."""
        problems: dict[str, str] = {}
        if self.case_id is not None:
            problems = visit_service.check_visit(self.visit_input(), clock.now())
        for name, message in self._saved_problems.items():
            problems.setdefault(name, message)
        if self.case_id is None and "" not in problems:
            problems[""] = self.tr("请先查找并选择学生。")
        self.problems = problems
        self._inline.show(problems, lambda name: self._show_all or name in self._touched or name == "")
        self.save_button.setEnabled(self.case_id is not None and not problems)
        return problems

    def save(self) -> bool:
        """Record the visit; the service's refusals are shown inline and the form stays open."""
        self._show_all = True
        if self.validate():
            return False
        assert self.case_id is not None
        try:
            self.visit_id = visit_service.record_visit(self._db, self._actor, self.case_id, self.visit_input())
        except ValidationError as exc:
            self._saved_problems = {FIELD_ALIASES.get(k, k): v for k, v in exc.problems.items()}
            self.validate()
            return False
        except (NotFoundError, PermissionDenied) as exc:
            self._saved_problems = {"": str(exc)}
            self.validate()
            return False
        self.saved.emit(self.visit_id)
        self.accept()
        return True
