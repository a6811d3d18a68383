"""The 学生台账 page: search and filter the student register, open the form and the 学籍异动 dialog."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.domain.codes import SPECIAL_GROUPS, grade_label
from kongchuo_desktop.domain.status import STUDENT_STATUSES, allowed_changes
from kongchuo_desktop.gui.combos import fill_combo
from kongchuo_desktop.gui.domain_labels import label, label_items
from kongchuo_desktop.gui.flow_layout import FILTER_SPACING, FlowLayout, labelled_pair
from kongchuo_desktop.gui.page_parts import (
    CHIP_STYLE,
    count_label,
    count_text,
    install_find_shortcut,
    page_title,
)
from kongchuo_desktop.gui.register_view import setup_register_view
from kongchuo_desktop.gui.search_box import SearchBox
from kongchuo_desktop.gui.status_change_dialog import FileChooser, StatusChangeDialog
from kongchuo_desktop.gui.student_form import StudentForm
from kongchuo_desktop.gui.student_table_model import StudentTableModel
from kongchuo_desktop.services import lookups
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.student_register import StudentFilter
from kongchuo_desktop.store.database import Database


class RegisterPage(QWidget):
    """The student register: filters on top, the lazily paged table below.

    model: the StudentTableModel; group_buttons: special-group attribute → its checkable chip;
    choose_files: the proof-file chooser handed to 学籍异动 dialogs (None = system dialog);
    dialog: the form or dialog opened last (kept for tests and to avoid garbage collection);
    _reselect: (student id, row near which it was) to select again once a refresh has its count.
    """

    dialogOpened = Signal(QDialog)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.choose_files: FileChooser | None = None
        self.dialog: QDialog | None = None
        self._reselect: tuple[str, int] | None = None
        self.model = StudentTableModel(db, actor, parent=self)
        self._build()
        self._fill_filters()
        self._connect()
        self._show_count(None if self.model.counting else self.model.total)
        self._update_buttons()

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(page_title(self.tr("学生台账")))
        top.addStretch(1)
        self.new_button = QPushButton(self.tr("新增学生"))
        self.new_button.setShortcut(QKeySequence.StandardKey.New)
        self.new_button.setToolTip(self.tr("登记一名新学生（Ctrl+N）"))
        can_edit = self._actor.can(perms.STUDENT_UPDATE)
        self.edit_button = QPushButton(self.tr("编辑") if can_edit else self.tr("查看"))
        self.edit_button.setToolTip(self.tr("查看和修改所选学生的信息（也可以双击表格中的学生）"))
        self.change_button = QPushButton(self.tr("学籍异动"))
        self.change_button.setToolTip(self.tr("为所选学生办理转入、转出、休学、复学、辍学等"))
        for button in (self.new_button, self.edit_button, self.change_button):
            button.setMinimumWidth(96)
            top.addWidget(button)

        # Filters and chips wrap onto a second row when the window is narrow or the font large.
        filters = FlowLayout(horizontal_spacing=FILTER_SPACING)
        self.search = SearchBox()
        self.search.setPlaceholderText(self.tr("姓名、拼音首字母、全拼、身份证件号或学籍号"))
        self.search.setToolTip(self.tr("输入后自动查找（Ctrl+F）"))
        filters.addWidget(self.search, 2)
        self.township_combo = QComboBox()
        self.school_combo = QComboBox()
        self.grade_combo = QComboBox()
        self.status_combo = QComboBox()
        # Room for a few characters of the font in use even before the lists are filled.
        self.school_combo.setMinimumContentsLength(12)
        self.township_combo.setMinimumContentsLength(8)
        for text, combo in ((self.tr("乡镇"), self.township_combo), (self.tr("学校"), self.school_combo),
                            (self.tr("年级"), self.grade_combo), (self.tr("状态"), self.status_combo)):  # fmt: skip
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            filters.addWidget(labelled_pair(text, combo))
        filters.addStretch(1)

        groups = FlowLayout()
        groups.addWidget(QLabel(self.tr("特殊群体：")))
        self.group_buttons: dict[str, QToolButton] = {}
        for attr, group in SPECIAL_GROUPS:
            chip = QToolButton()
            chip.setText(label(group))
            chip.setCheckable(True)
            chip.setStyleSheet(CHIP_STYLE)
            chip.setToolTip(self.tr("只看%1学生（可多选，同时满足）").replace("%1", label(group)))
            self.group_buttons[attr] = chip
            groups.addWidget(chip)
        groups.addStretch(1)
        self.count_label = count_label()
        groups.addWidget(self.count_label)

        self.table = QTableView()
        setup_register_view(self.table, self.model)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(groups)
        layout.addWidget(self.table, 1)

    def _fill_filters(self) -> None:
        townships = lookups.townships(self._db, self._actor)
        fill_combo(self.township_combo, [(self.tr("全部乡镇"), None), *((t.name, t.id) for t in townships)])
        self._fill_schools()
        fill_combo(self.grade_combo, [(self.tr("全部年级"), None), *((label(grade_label(n)), n) for n in range(1, 10))])
        fill_combo(self.status_combo, [(self.tr("全部状态"), None), *label_items(STUDENT_STATUSES)])

    def _fill_schools(self) -> None:
        schools = lookups.schools(self._db, self._actor, self.township_combo.currentData())
        fill_combo(self.school_combo, [(self.tr("全部学校"), None), *((s.name, s.id) for s in schools)])

    def _connect(self) -> None:
        self.search.searchChanged.connect(lambda _text: self.apply_filter())
        self.township_combo.currentIndexChanged.connect(self._township_changed)
        for combo in (self.school_combo, self.grade_combo, self.status_combo):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        for chip in self.group_buttons.values():
            chip.toggled.connect(lambda _on: self.apply_filter())
        self.model.countChanged.connect(self._show_count)
        self.model.countChanged.connect(lambda _n: self._restore_selection())
        self.model.countPending.connect(lambda: self._show_count(None))
        self.model.modelReset.connect(self._update_buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.doubleClicked.connect(lambda index: self.open_student_form(self.model.row_id(index.row())))
        self.new_button.clicked.connect(lambda: self.open_student_form(None))
        self.edit_button.clicked.connect(self._edit_selected)
        self.change_button.clicked.connect(self._change_selected)
        install_find_shortcut(self, self.search)

    # --- filtering -------------------------------------------------------------------------------
    def current_filter(self) -> StudentFilter:
        """The filter the controls describe."""
        return StudentFilter(
            text=self.search.text(),
            township_id=self.township_combo.currentData(),
            school_id=self.school_combo.currentData(),
            grade=self.grade_combo.currentData(),
            status=self.status_combo.currentData(),
            groups=frozenset(attr for attr, chip in self.group_buttons.items() if chip.isChecked()),
        )

    def apply_filter(self) -> None:
        """Show the students matching the controls."""
        self.model.set_filter(self.current_filter())

    def _township_changed(self) -> None:
        self._fill_schools()
        self.apply_filter()

    def _show_count(self, total: int | None) -> None:
        self.count_label.setText(count_text(total))

    def print_page(self) -> int:
        """Ctrl+P: print the students the filter shows (gui/table_print.py); returns pages printed."""
        from kongchuo_desktop.gui.table_print import describe_filters, print_model

        combos = (self.township_combo, self.school_combo, self.grade_combo, self.status_combo)
        groups = [chip.text() for chip in self.group_buttons.values() if chip.isChecked()]
        filters = describe_filters(self.search.text(), combos, groups)
        return print_model(self.model, self.tr("学生台账"), filters, self)

    # --- selection and actions ---------------------------------------------------------------------
    def selected_row(self) -> int | None:
        """The selected table row."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def selected_student_id(self) -> str | None:
        """The id of the selected student."""
        row = self.selected_row()
        return self.model.row_id(row) if row is not None else None

    def select_row(self, row: int) -> None:
        """Select and show a table row."""
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        # Only a courtesy: the services refuse what the actor's role may not do.
        row = self.selected_row()
        item = self.model.row_at(row) if row is not None else None
        self.new_button.setEnabled(self._actor.can(perms.STUDENT_CREATE))
        self.edit_button.setEnabled(item is not None)
        self.change_button.setEnabled(
            item is not None and self._actor.can(perms.STATUS_CHANGE) and bool(allowed_changes(item.status))
        )

    def _edit_selected(self) -> None:
        student_id = self.selected_student_id()
        if student_id:
            self.open_student_form(student_id)

    def _change_selected(self) -> None:
        student_id = self.selected_student_id()
        if student_id:
            self.open_status_change(student_id)

    def open_student_form(self, student_id: str | None) -> StudentForm:
        """Open the form for a student (None = a new one), window-modal; the page refreshes on save."""
        form = StudentForm(self._db, self._actor, student_id, self)
        form.saved.connect(self.after_save)
        return self._open(form)

    def open_status_change(self, student_id: str) -> StatusChangeDialog:
        """Open the 学籍异动 dialog for a student; the page refreshes once it is recorded."""
        dialog = StatusChangeDialog(self._db, self._actor, student_id, self.choose_files, self)
        dialog.recorded.connect(self.after_save)
        return self._open(dialog)

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.open()
        self.dialogOpened.emit(dialog)
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def after_save(self, student_id: str) -> None:
        """Re-read the register and keep the saved student selected when it still shows nearby."""
        self._reselect = (student_id, self.selected_row() or 0)
        self.model.refresh()
        if not self.model.counting:
            self._restore_selection()

    def _restore_selection(self) -> None:
        # Once the rows are all there (after the count, when it runs in the background).
        if self._reselect is None:
            return
        student_id, near = self._reselect
        self._reselect = None
        row = self.model.find_row(student_id, near)
        if row is not None and row < self.model.total:
            self.select_row(row)
