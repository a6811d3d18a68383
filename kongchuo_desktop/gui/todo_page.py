"""待办事项: what is due in the logged-in person's scope, grouped; open a case, log a visit, record an
absence from here. `countChanged(n)` feeds the badge on the navigation."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.gui.absence_dialog import AbsenceDialog
from kongchuo_desktop.gui.domain_labels import label
from kongchuo_desktop.gui.page_parts import page_title
from kongchuo_desktop.gui.service_errors import show_service_error
from kongchuo_desktop.gui.visit_form import FileChooser, VisitForm
from kongchuo_desktop.services import clock, todo
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.absences import AbsenceResult
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.store.database import Database

if TYPE_CHECKING:
    from kongchuo_desktop.gui.case_dialog import CaseDialog

CASE_ROLE = Qt.ItemDataRole.UserRole
LINK = QColor("#1f5fa8")
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (
    QT_TRANSLATE_NOOP("TodoPage", "学生"),
    QT_TRANSLATE_NOOP("TodoPage", "学校、班级"),
    QT_TRANSLATE_NOOP("TodoPage", "个案状态"),
    QT_TRANSLATE_NOOP("TodoPage", "应办事项"),
    QT_TRANSLATE_NOOP("TodoPage", "到期日"),
    QT_TRANSLATE_NOOP("TodoPage", "逾期"),
)
VISIT_GROUPS = (todo.VISITS_OVERDUE, todo.VISITS_TODAY)
LATE = QColor("#c0392b")
TODAY = QColor("#b9770e")


def nav_label(base: str, count: int) -> str:
    """The navigation entry's text with its badge: "待办事项（12）"."""
    return (
        QCoreApplication.translate("TodoPage", "%1（%2）").replace("%1", base).replace("%2", str(count))
        if count
        else base
    )


class TodoPage(QWidget):
    """The to-do page.

    todo: the list as last built; tree: groups with their cases; dialog: the window opened last
    (kept for tests); countChanged(n): how many cases need attention, after every refresh.
    """

    countChanged = Signal(int)
    dialogOpened = Signal(QDialog)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None,
                 choose_files: FileChooser | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.choose_files = choose_files
        self.todo: todo.Todo | None = None
        self.dialog: QDialog | None = None
        self._visit_next: dict[int, str] = {}
        self._shown_once = False
        self._build()
        self.refresh()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(page_title(self.tr("待办事项")))
        self.date_label = QLabel()
        top.addWidget(self.date_label)
        top.addStretch(1)
        self.absence_button = QPushButton(self.tr("登记缺课…"))
        self.absence_button.setToolTip(self.tr("学生无故没来上学：登记后系统提醒按时走访（Ctrl+N）"))
        self.absence_button.setShortcut(QKeySequence.StandardKey.New)
        self.visit_button = QPushButton(self.tr("登记家访…"))
        self.visit_button.setToolTip(self.tr("为所选个案登记一次走访（Ctrl+J）"))
        self.visit_button.setShortcut(QKeySequence("Ctrl+J"))
        self.open_button = QPushButton(self.tr("打开个案"))
        self.open_button.setToolTip(self.tr("查看所选个案的全部记录并办理（也可以双击或按回车）"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setShortcut(QKeySequence.StandardKey.Refresh)
        for button in (self.absence_button, self.visit_button, self.open_button, self.refresh_button):
            button.setMinimumWidth(96)
            top.addWidget(button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # Widths grow with 设置 → 字体大小. The group headings span the row: the pupil column holds
        # only names, so that 应办事项 keeps some room at 特大 too.
        metrics = self.tree.fontMetrics()
        char = metrics.horizontalAdvance("中")
        for column, chars in ((0, 12), (1, 15), (2, 6), (4, 7), (5, 5)):
            self.tree.setColumnWidth(column, chars * char + 8)
        # The case status in the interface language ("Suspected dropout" is longer than 疑似辍学).
        widest = max(metrics.horizontalAdvance(label(status)) for status in esc.CASE_STATUSES)
        self.tree.setColumnWidth(2, max(6 * char, widest + char) + 8)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.absence_button.clicked.connect(self.open_absence)
        self.visit_button.clicked.connect(self._visit_selected)
        self.open_button.clicked.connect(self._open_selected)
        self.refresh_button.clicked.connect(self.refresh)

    # --- content -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Rebuild the list (keeps the selected case selected when it is still listed)."""
        selected = self.selected_case_id()
        try:
            self.todo = todo.build_todo(self._db, self._actor, clock.today())
        except ServiceError as exc:
            show_service_error(self, exc)
            return
        t = self.todo
        self.date_label.setText(
            self.tr("　%1年%2月%3日")
            .replace("%1", str(t.today.year))
            .replace("%2", f"{t.today:%m}")
            .replace("%3", f"{t.today:%d}")
        )
        bold = QFont(self.tree.font())
        bold.setBold(True)
        self.tree.clear()
        for group in t.groups:
            head = QTreeWidgetItem(
                [self.tr("%1（%2）").replace("%1", self._group_title(group)).replace("%2", str(group.count))]
            )
            head.setData(0, GROUP_ROLE, group.key)
            head.setFont(0, bold)
            head.setToolTip(0, label(group.hint))
            if group.key in (todo.VISITS_OVERDUE, todo.NOTICES) and group.count:
                head.setForeground(0, QBrush(LATE))
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)
            link_font = QFont(self.tree.font())
            link_font.setUnderline(True)
            for item in group.items:
                where = item.school_name
                if item.grade:
                    where += " " + self.tr("%1年级%2班").replace("%1", str(item.grade)).replace(
                        "%2", str(item.class_no or "")
                    )
                late = ""
                if group.key != todo.STALE:
                    late = self.tr("%n 天", "", item.days_late) if item.days_late > 0 else self.tr("今天")
                row = QTreeWidgetItem(
                    [
                        item.student_name,
                        where,
                        label(item.status),
                        self._action_text(group.key, item, t.today),
                        f"{item.due_on:%Y-%m-%d}",
                        late,
                    ]  # fmt: skip
                )
                row.setData(0, CASE_ROLE, item.case_id)
                row.setData(0, GROUP_ROLE, group.key)
                row.setToolTip(0, self.tr("个案 %1：单击姓名打开").replace("%1", item.case_number))
                # The pupil's name is a link: one click opens the case; other cells just select.
                row.setForeground(0, QBrush(LINK))
                row.setFont(0, link_font)
                if item.days_late > 0 and group.key != todo.STALE:
                    row.setForeground(5, QBrush(LATE))
                elif item.days_late == 0:
                    row.setForeground(5, QBrush(TODAY))
                head.addChild(row)
            hidden = group.count - len(group.items)
            if hidden > 0:
                more = QTreeWidgetItem([self.tr("……还有 %1 个未列出（最紧急的列在前面）").replace("%1", f"{hidden:,}")])
                more.setForeground(0, QBrush(QColor("#5d6d7e")))
                head.addChild(more)
                more.setFirstColumnSpanned(True)
            head.setExpanded(group.count > 0)
        self.summary.setText(self._summary_text(t))
        if selected:
            self.select_case(selected)
        self._update_buttons()
        self.countChanged.emit(t.cases)

    def _group_title(self, group: todo.TodoGroup) -> str:
        # The stale group's title carries the number of days ("{n}天无进展的个案"): translate the template.
        template = todo.GROUP_TITLES.get(group.key, "")
        if "{n}" in template:
            days = next((w for w in re.findall(r"\d+", group.title)), "")
            return label(template).replace("{n}", days) if days else group.title
        return label(group.title)

    def _action_text(self, key: str, item: todo.TodoItem, today: dt.date) -> str:
        """What is due, in the interface language: a DUE_LABELS value, or for notices past their
        deadline and cases without progress the sentence the to-do list builds around one."""
        if key == todo.NOTICES:
            return self.tr("通知书期限 %1 已过，核查是否返校").replace("%1", f"{item.due_on:%Y-%m-%d}")
        if key == todo.STALE:
            text = self.tr("%n天没有任何记录", "", (today - item.last_activity_on).days)
            nxt = next((v for v in esc.DUE_LABELS.values() if item.action.endswith("；应办：" + v)), None)
            return text + (self.tr("；应办：%1").replace("%1", label(nxt)) if nxt else "")
        return label(item.action)

    def _summary_text(self, t: todo.Todo) -> str:
        if not t.cases:
            return self.tr("目前没有到期或逾期的事项。")
        overdue = t.group(todo.VISITS_OVERDUE).count
        text = self.tr("共 %1 个个案需要处理", "", t.cases).replace("%1", f"{t.cases:,}")
        if overdue:
            text += self.tr("，其中 %1 个走访已逾期").replace("%1", f"{overdue:,}")
        return text + self.tr("。单击学生姓名（或双击一行）打开个案。")

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 — Qt API
        """Coming back to the page (or a new day) shows the list as it is now."""
        if self.todo is not None and (self._shown_once or self.todo.today != clock.today()):
            self.refresh()
        self._shown_once = True
        super().showEvent(event)

    @property
    def count(self) -> int:
        """Cases needing attention (the badge)."""
        return self.todo.cases if self.todo else 0

    # --- selection -----------------------------------------------------------------------------------
    def selected_case_id(self) -> str | None:
        """The case of the selected line."""
        item = self.tree.currentItem()
        return item.data(0, CASE_ROLE) if item is not None else None

    def case_items(self, group: str | None = None) -> list[QTreeWidgetItem]:
        """The case lines (of one group)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            if group is not None and head.data(0, GROUP_ROLE) != group:
                continue
            for j in range(head.childCount()):
                child = head.child(j)
                if child.data(0, CASE_ROLE):
                    out.append(child)
        return out

    def select_case(self, case_id: str, group: str | None = None) -> QTreeWidgetItem | None:
        """Select the first line of a case (in a group)."""
        for item in self.case_items(group):
            if item.data(0, CASE_ROLE) == case_id:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return item
        return None

    def _update_buttons(self) -> None:
        case_id = self.selected_case_id()
        self.open_button.setEnabled(case_id is not None)
        self.visit_button.setEnabled(case_id is not None and self._actor.can(perms.CASE_RECORD))
        self.absence_button.setEnabled(self._actor.can(perms.CASE_RECORD))

    # --- opening -------------------------------------------------------------------------------------
    def _clicked(self, item: QTreeWidgetItem, column: int) -> None:
        if column == 0:  # the name column is drawn as a link
            self._activated(item, column)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        case_id = item.data(0, CASE_ROLE)
        if case_id:
            self.open_case(case_id)

    def _open_selected(self) -> None:
        case_id = self.selected_case_id()
        if case_id:
            self.open_case(case_id)

    def _visit_selected(self) -> None:
        case_id = self.selected_case_id()
        if case_id:
            self.open_visit(case_id)

    def _open(self, dialog: QDialog) -> QDialog:
        # As in CaseDialog._open: the dialog's signals go to methods of this page (sender()).
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(self._child_finished)
        dialog.open()
        self.dialogOpened.emit(dialog)
        return dialog

    def _child_finished(self, _result: int) -> None:
        dialog = self.sender()
        if self.dialog is dialog:
            self.dialog = None
        case_id = self._visit_next.pop(id(dialog), None)
        if case_id is not None:
            self.open_visit(case_id)

    def open_case(self, case_id: str) -> CaseDialog:
        from kongchuo_desktop.gui.case_dialog import CaseDialog  # with its PDF code: loaded when first needed

        """Open a case window; the list refreshes when something is recorded there."""
        dialog = CaseDialog(self._db, self._actor, case_id, self, self.choose_files)
        dialog.changed.connect(lambda _id: self.refresh())
        self._open(dialog)
        return dialog

    def open_visit(self, case_id: str | None = None, student_id: str | None = None) -> VisitForm:
        """Open the visit form (for a case, a pupil's open case, or with a pupil search)."""
        form = VisitForm(self._db, self._actor, case_id, student_id, self, self.choose_files)
        form.saved.connect(lambda _id: self.refresh())
        self._open(form)
        return form

    def open_absence(self, student_id: str | None = None) -> AbsenceDialog:
        """Open 登记缺课; afterwards the list refreshes (and the visit form opens when asked for)."""
        dialog = AbsenceDialog(self._db, self._actor, student_id, self)
        dialog.recorded.connect(self._absence_recorded)
        self._open(dialog)
        return dialog

    def _absence_recorded(self, result: AbsenceResult) -> None:
        dialog = self.sender()
        self.refresh()
        self.select_case(result.case_id)
        if isinstance(dialog, AbsenceDialog) and dialog.then_visit.isChecked():
            self._visit_next[id(dialog)] = result.case_id  # opened once the absence dialog has closed
