"""The 学籍异动 dialog: pick an allowed change, give date, reason, schools and proof, then record it."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QWidget

from kongchuo_desktop.domain.status import TRANSFER_KINDS, TRANSFER_SCOPES, allowed_changes, needs_proof, proof_hint
from kongchuo_desktop.gui.combos import fill_combo
from kongchuo_desktop.gui.domain_labels import label, label_items
from kongchuo_desktop.gui.field_binding import changed_signal, read_widget
from kongchuo_desktop.gui.file_list import FileChooser, FileList, ask_for_files
from kongchuo_desktop.gui.generated.ui_status_change_dialog import Ui_StatusChangeDialog
from kongchuo_desktop.gui.inline_problems import InlineProblems
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from kongchuo_desktop.services.status_changes import StatusChangeRequest, record_status_change
from kongchuo_desktop.services.students import get_student
from kongchuo_desktop.store.database import Database

PROOF_FILTER = QT_TRANSLATE_NOOP(
    "StatusChangeDialog", "证明材料 (*.pdf *.jpg *.jpeg *.png *.bmp *.tif *.tiff *.doc *.docx);;所有文件 (*)"
)


def choose_proof_files(parent: QWidget) -> list[str]:
    """Ask for proof files with the system file dialog."""
    return ask_for_files(
        parent,
        QCoreApplication.translate("StatusChangeDialog", "选择证明材料（扫描件或照片）"),
        QCoreApplication.translate("StatusChangeDialog", PROOF_FILTER),
    )


class StatusChangeDialog(QDialog):
    """Record one 学籍异动 for a student.

    status: the student's current status; proof_files: the chosen files, in order (see FileList);
    _choose_files: asks the user for files (replaced in tests); _touched / _show_all: as in the
    student form, which problems are shown; _saved_problems: what the service refused.
    """

    recorded = Signal(str)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        student_id: str,
        choose_files: FileChooser | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_StatusChangeDialog()
        self.ui.setupUi(self)
        self._db = db
        self._actor = actor
        self.student_id = student_id
        self._choose_files = choose_files or choose_proof_files
        self._touched: set[str] = set()
        self._show_all = False
        self._saved_problems: dict[str, str] = {}
        self.problems: dict[str, str] = {}
        detail = get_student(db, actor, student_id)
        self.status = detail.status
        self._inline = InlineProblems(self, self.ui.generalErrorLabel)
        self.ok_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确定办理"))
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        name = detail.values.get("name") or ""
        self.setWindowTitle(self.tr("学籍异动：%1").replace("%1", name))
        self.ui.studentLabel.setText(self.tr("学生：%1　　当前状态：%2").replace("%1", name).replace("%2", label(self.status)))
        font = self.ui.studentLabel.font()
        font.setBold(True)
        self.ui.studentLabel.setFont(font)
        kinds = allowed_changes(self.status)
        fill_combo(self.ui.kindCombo, [(self.tr("请选择异动类型"), None), *label_items(kinds)])
        today = dt.date.today()
        self.ui.changedOnEdit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.ui.changedOnEdit.setDate(QDate(today.year, today.month, today.day))
        self.ui.proofHintLabel.setWordWrap(True)
        self.ui.proofHintLabel.setStyleSheet("color: #5d6d7e;")
        self._add_scope_row()
        fields = {"kind": self.ui.kindCombo, "changed_on": self.ui.changedOnEdit, "reason": self.ui.reasonEdit,
                  "from_school": self.ui.fromSchoolEdit, "to_school": self.ui.toSchoolEdit,
                  "transfer_scope": self.scopeCombo}  # fmt: skip
        for field, widget in fields.items():
            changed_signal(widget).connect(partial(self._on_changed, field))
        self._proofs = FileList(self.ui.proofList, self.ui.addProofButton, self.ui.removeProofButton,
                                lambda: self._choose_files(self), self._proofs_changed)  # fmt: skip
        self.ui.buttonBox.accepted.connect(self.record)
        self.ui.buttonBox.rejected.connect(self.reject)
        if not kinds:
            self._saved_problems[""] = self.tr("该学生当前为“%1”，不能再办理学籍异动。").replace("%1", label(self.status))
            self.ui.kindCombo.setEnabled(False)
        self._update_kind()
        self.validate()

    def kind(self) -> str | None:
        """The chosen change kind."""
        return read_widget(self.ui.kindCombo)

    def _add_scope_row(self) -> None:
        """转学范围 (县内/市内/省内/跨省) for 转入 and 转出: the monthly report splits transfers by it."""
        grid = self.ui.changeGrid
        row = grid.rowCount()
        self.scopeLabel = QLabel(self.tr('<span style="color:#c0392b">*</span> 转学范围'), self)
        self.scopeCombo = QComboBox(self)
        self.scopeCombo.setObjectName("scopeCombo")
        fill_combo(self.scopeCombo, [(self.tr("请选择"), None), *label_items(TRANSFER_SCOPES)])
        self.scopeLabel.setBuddy(self.scopeCombo)
        grid.addWidget(self.scopeLabel, row, 0)
        grid.addWidget(self.scopeCombo, row, 1)
        self.scopeLabel.hide()
        self.scopeCombo.hide()

    def _update_kind(self) -> None:
        kind = self.kind()
        self.scopeLabel.setVisible(kind in TRANSFER_KINDS)
        self.scopeCombo.setVisible(kind in TRANSFER_KINDS)
        for field, show in (("from_school", kind == "转入"), ("to_school", kind == "转出")):
            for widget in (getattr(self.ui, f"label_{field}"), self._edit_of(field)):
                widget.setVisible(show)
        hint = label(proof_hint(kind)) if kind else ""
        if kind and not hint:
            hint = self.tr("办理“%1”可以不上传证明材料；有相关材料的，建议一并上传。").replace("%1", label(kind))
        self.ui.proofHintLabel.setText(hint or self.tr("请先选择异动类型。"))

    def _edit_of(self, field: str) -> QWidget:
        return self.ui.fromSchoolEdit if field == "from_school" else self.ui.toSchoolEdit

    def validate(self) -> dict[str, str]:
        """Check the inputs, show problems inline and enable OK only when there are none."""
        kind = self.kind()
        problems: dict[str, str] = {}
        if kind is None:
            problems["kind"] = self.tr("请选择异动类型")
        if not read_widget(self.ui.reasonEdit):
            problems["reason"] = self.tr("请填写异动原因")
        if kind == "转出" and not read_widget(self.ui.toSchoolEdit):
            problems["to_school"] = self.tr("转出请填写转入学校")
        if kind in TRANSFER_KINDS and read_widget(self.scopeCombo) is None:
            problems["transfer_scope"] = self.tr("请选择转学范围（县内、市内、省内或跨省）")
        if kind == "转入" and not read_widget(self.ui.fromSchoolEdit):
            problems["from_school"] = self.tr("转入请填写原学校")
        if kind and needs_proof(kind) and not self.proof_files:
            problems["proof"] = self.tr("办理“%1”需要上传证明材料（扫描件或照片）").replace("%1", label(kind))
        for field, message in self._saved_problems.items():
            problems.setdefault(field, message)
        self.problems = problems
        self._inline.show(problems, lambda field: self._show_all or field in self._touched)
        self.ok_button.setEnabled(not problems)
        return problems

    def _on_changed(self, field: str, *_args: Any) -> None:
        self._touched.add(field)
        self._saved_problems.pop(field, None)
        if field == "kind":
            self._update_kind()
            self._saved_problems.pop("proof", None)
        self.validate()

    @property
    def proof_files(self) -> list[str]:
        """The chosen proof files, in order."""
        return self._proofs.paths

    def add_proof(self) -> None:
        """Ask for proof files and add the new ones to the list."""
        self._proofs.add()

    def _proofs_changed(self) -> None:
        self._touched.add("proof")
        self._saved_problems.pop("proof", None)
        self.validate()

    def request(self) -> StatusChangeRequest:
        """What the dialog asks the service to record."""
        kind = self.kind() or ""
        return StatusChangeRequest(
            kind=kind,
            changed_on=read_widget(self.ui.changedOnEdit),
            reason=read_widget(self.ui.reasonEdit) or "",
            from_school=read_widget(self.ui.fromSchoolEdit) if kind == "转入" else None,
            to_school=read_widget(self.ui.toSchoolEdit) if kind == "转出" else None,
            transfer_scope=read_widget(self.scopeCombo) if kind in TRANSFER_KINDS else None,
            proof_files=list(self.proof_files),
        )

    def record(self) -> bool:
        """Record the change; the service's refusals are shown inline and the dialog stays open."""
        if self.validate():
            return False
        try:
            record_status_change(self._db, self._actor, self.student_id, self.request())
        except ValidationError as exc:
            problems = dict(exc.problems)
            if "attachment" in problems:
                problems["proof"] = problems.pop("attachment")
            self._saved_problems = problems
            self._show_all = True
            self.validate()
            return False
        except (NotFoundError, PermissionDenied) as exc:
            self._saved_problems = {"": str(exc)}
            self.validate()
            return False
        self.recorded.emit(self.student_id)
        self.accept()
        return True
