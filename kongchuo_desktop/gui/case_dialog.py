"""The case window: the pupil, what is due, the 包保责任人, the timeline of absences, visits, notices
and referrals, and a button for everything that can happen next."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpacerItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.gui import case_actions as acts
from kongchuo_desktop.gui.case_pdf import PdfDialog, show_pdf
from kongchuo_desktop.gui.combos import fill_combo, select_data
from kongchuo_desktop.gui.domain_labels import label
from kongchuo_desktop.gui.flow_layout import FlowLayout, wrapping_label
from kongchuo_desktop.gui.screen_fit import resize_within_screen
from kongchuo_desktop.gui.service_errors import show_service_error
from kongchuo_desktop.gui.visit_form import FileChooser, VisitForm
from kongchuo_desktop.services import case_settings, cases, clock
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.store.database import Database

STATUS_COLOURS = {
    esc.ABSENT: "#b9770e",
    esc.SUSPECTED: "#c0392b",
    esc.DROPPED_OUT: "#922b21",
    esc.PERSUADING: "#a04000",
    esc.RETURNED: "#1e8449",
    esc.CLOSED: "#5d6d7e",
}
LINES = {
    "principal_id": (QT_TRANSLATE_NOOP("CaseDialog", "学校包保"), QT_TRANSLATE_NOOP("CaseDialog", "校长")),
    "teacher_id": (QT_TRANSLATE_NOOP("CaseDialog", "学校包保"), QT_TRANSLATE_NOOP("CaseDialog", "班主任")),
    "township_cadre_id": (QT_TRANSLATE_NOOP("CaseDialog", "政府包保"), QT_TRANSLATE_NOOP("CaseDialog", "乡镇干部")),
    "village_cadre_id": (QT_TRANSLATE_NOOP("CaseDialog", "政府包保"), QT_TRANSLATE_NOOP("CaseDialog", "村（居）干部")),
}
ROLE_FILTER = {"principal_id": ("校长", "副校长"), "teacher_id": ("班主任", "教师"),
               "township_cadre_id": ("乡镇干部",), "village_cadre_id": ("村干部",)}  # fmt: skip


def _documents():  # type: ignore[no-untyped-def]
    """services.case_documents, imported when a PDF is first asked for: it loads reportlab (0.1 s)
    and this dialog's module is part of the main window's start-up."""
    from kongchuo_desktop.services import case_documents

    return case_documents


class CaseDialog(QDialog):
    """One case.

    detail: the case as last read (services.cases.CaseDetail); buttons: action name → button;
    dialog: the sub-dialog opened last (kept for tests); changed(case_id): something was recorded.
    """

    changed = Signal(str)

    def __init__(self, db: Database, actor: Actor, case_id: str, parent: QWidget | None = None,
                 choose_files: FileChooser | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.case_id = case_id
        self._choose_files = choose_files
        self.dialog: QDialog | None = None
        self._then: dict[int, Callable[[object], None] | None] = {}
        self.detail: cases.CaseDetail | None = None
        resize_within_screen(self, 1100, 720)
        self._build()
        self.refresh()

    # --- layout --------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() + 5)
        font.setBold(True)
        self.title.setFont(font)
        self.status = QLabel()
        self.status.setContentsMargins(10, 2, 10, 2)
        top = FlowLayout()  # the case number goes below the name when the font is large
        top.addWidget(self.title)
        top.addWidget(self.status)
        top.addStretch(1)
        self.number = QLabel()
        top.addWidget(self.number)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.due = QLabel()
        self.due.setWordWrap(True)
        self.due.setTextFormat(Qt.TextFormat.RichText)

        people = QGroupBox(self.tr("包保责任人"))
        grid = QGridLayout(people)
        self.people: dict[str, QComboBox] = {}
        for i, (name, (line, role)) in enumerate(LINES.items()):
            combo = QComboBox()
            combo.setMinimumContentsLength(6)  # a name or two; wider when the names are longer
            self.people[name] = combo
            row, col = divmod(i, 2)
            if col == 0:
                grid.addWidget(wrapping_label(f"<b>{self.tr(line)}</b>"), row, 0)
            grid.addWidget(wrapping_label(self.tr(role)), row, 1 + col * 2)
            grid.addWidget(combo, row, 2 + col * 2)
        self.people_note = QLineEdit()
        self.people_note.setPlaceholderText(self.tr("其他包保人员（名单中没有的），如：驻村第一书记 王某"))
        grid.addWidget(QLabel(self.tr("其他")), 2, 1)
        self.save_people = QPushButton(self.tr("保存责任人"))
        note_row = FlowLayout()  # the button goes below the note when the font is large
        note_row.addWidget(self.people_note, 1)
        note_row.addWidget(self.save_people)
        grid.addLayout(note_row, 2, 2, 1, 4)
        for column in (2, 4):  # room to spare goes to the names, not to the labels beside them
            grid.setColumnStretch(column, 1)
        self.save_people.clicked.connect(self.save_responsible)

        self.timeline = QTableWidget(0, 4)
        self.timeline.setHorizontalHeaderLabels(
            [self.tr("日期"), self.tr("事项"), self.tr("详细情况"), self.tr("登记人")]
        )
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.setWordWrap(True)
        self.timeline.verticalHeader().hide()
        header = self.timeline.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)

        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.facts)
        left.addWidget(self.due)
        left.addWidget(people)
        left.addWidget(QLabel(self.tr("<b>个案记录</b>（缺课、走访、报告、通知书、转介，按时间先后）")))
        left.addWidget(self.timeline, 1)

        right = QVBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        specs: list[tuple[str, str, str, Callable[[], object]]] = [
            ("visit", self.tr("登记家访…"), self.tr("登记一次走访（Ctrl+J）"), self.open_visit),
            ("return", self.tr("登记返校…"), self.tr("学生已回校上课"), self.open_return),
            ("report", self.tr("生成情况报告表"), self.tr("由个案记录生成《辍学学生情况报告表》（PDF，可打印）"), self.show_report),
            ("report_sent", self.tr("报送情况报告…"), self.tr("登记书面报告已报送乡镇政府和教育局"), self.open_report_sent),
            ("notice", self.tr("打印限期返校通知书…"), self.tr("由乡镇人民政府向监护人发出限期返校通知书"), self.open_notice),
            ("reprint", self.tr("重印通知书"), self.tr("再次打印最近一份通知书"), self.reprint_notice),
            ("referral", self.tr("转介…"), self.tr("转交乡镇教育执法组或公安、人社、民政等部门（依法控辍）"), self.open_referral),
            ("answer", self.tr("部门答复…"), self.tr("登记转介部门的答复"), self.open_answer),
            ("dropout", self.tr("认定辍学…"), self.tr("劝返无效：认定辍学并办理学籍异动"), self.open_dropout),
            ("close", self.tr("销号…"), self.tr("结束个案（已复学、转学、送教上门、缓学等）"), self.open_close),
            ("reopen", self.tr("重新开启…"), self.tr("学生再次缺课：重新开启已销号的个案"), self.open_reopen),
        ]  # fmt: skip
        # The buttons are at least 12 characters wide, and as wide as the longest text needs.
        right.addSpacerItem(QSpacerItem(12 * self.fontMetrics().horizontalAdvance("中"), 0))
        for key, text, tip, slot in specs:
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            self.buttons[key] = button
            right.addWidget(button)
        self.buttons["visit"].setShortcut(QKeySequence("Ctrl+J"))
        right.addStretch(1)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        right.addWidget(close)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right)

    # --- reading -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the case and update everything shown."""
        try:
            detail = cases.get_case(self._db, self._actor, self.case_id)
        except ServiceError as exc:
            show_service_error(self, exc)
            return
        self.detail = detail
        self.setWindowTitle(self.tr("控辍个案：%1").replace("%1", detail.student_name))
        self.title.setText(f"{detail.student_name}　{label(detail.sex or '')}")
        colour = STATUS_COLOURS.get(detail.status, "#5d6d7e")
        self.status.setText(label(detail.status))
        self.status.setStyleSheet(f"background: {colour}; color: white; border-radius: 9px; font-weight: bold;")
        self.number.setText(self.tr("个案编号：%1").replace("%1", detail.number))
        where = detail.school_name
        if detail.grade:
            where += " " + self.tr("%1年级%2班").replace("%1", str(detail.grade)).replace(
                "%2", str(detail.class_no or "")
            )
        guardians = self.tr("；").join(
            f"{label(str(g['relation'] or '')) or self.tr('监护人')} {g['name']} {g['phone'] or ''}".strip()
            for g in detail.guardians
        )
        state = detail.state
        facts = [
            where,
            self.tr("缺课开始 %1").replace("%1", f"{state.episode_start:%Y-%m-%d}"),
            self.tr("累计缺课 %n 个上学日", "", detail.absent_days),
            self.tr("已走访 %n 次", "", len(detail.visits)),
        ]
        if detail.reason:
            facts.append(self.tr("主要原因：%1").replace("%1", label(detail.reason)))
        if detail.flags:
            facts.append(self.tr("、").join(self._flag_text(f) for f in detail.flags))
        text = "　|　".join(facts)
        if guardians:
            text += "<br>" + self.tr("监护人：%1").replace("%1", guardians)
        if not detail.is_open:
            text += "<br>" + (
                self.tr("已于 %1 销号，结果：%2")
                .replace("%1", f"{state.closed_on:%Y-%m-%d}")
                .replace("%2", label(str(state.outcome or "")))
            )
        self.facts.setText(text)
        self.due.setText(self._due_text(detail))
        self._fill_people(detail)
        self._fill_timeline(detail)
        self._update_buttons(detail)

    def _due_text(self, detail: cases.CaseDetail) -> str:
        if not detail.due:
            return self.tr("没有待办事项。")
        today = clock.today()
        parts = []
        for action in detail.due[:4]:
            late = (today - action.due_on).days
            when = f"{action.due_on:%Y-%m-%d}"
            if late > 0:
                piece = (
                    self.tr("<span style='color:#c0392b'><b>%1</b>（%2，已逾期 %n 天）</span>", "", late)
                    .replace("%1", label(action.label))
                    .replace("%2", when)
                )
            elif late == 0:
                piece = self.tr("<span style='color:#b9770e'><b>%1</b>（今天到期）</span>").replace("%1", label(action.label))
            else:
                piece = self.tr("%1（%2）").replace("%1", label(action.label)).replace("%2", when)
            parts.append(piece)
        return self.tr("应办：") + self.tr("；").join(parts)

    def _flag_text(self, flag: str) -> str:
        # services.cases writes a group with its detail as "留守（单亲外出）": translate both parts.
        match = re.fullmatch(r"(.+)（(.+)）", flag)
        if match is None:
            return label(flag)
        return self.tr("%1（%2）").replace("%1", label(match[1])).replace("%2", label(match[2]))

    def _fill_people(self, detail: cases.CaseDetail) -> None:
        staff = cases.staff_options(self._db, self._actor, detail.school_id, detail.township_id)
        for name, combo in self.people.items():
            roles = ROLE_FILTER[name]
            options = [p for p in staff if p.role in roles] or staff
            chosen = detail.responsible.get(name)
            if chosen is not None and all(p.id != chosen.id for p in options):
                options = [chosen, *options]
            fill_combo(
                combo, [(self.tr("（未指定）"), None), *((self._person_text(p), p.id) for p in options)], keep=False
            )
            select_data(combo, chosen.id if chosen else None)
        self.people_note.setText(detail.responsible_note or "")
        can = self._actor.can(perms.CASE_MANAGE)
        for combo in self.people.values():
            combo.setEnabled(can)
        self.people_note.setEnabled(can)
        self.save_people.setEnabled(can)

    @staticmethod
    def _person_text(person: cases.PersonRef) -> str:
        return f"{person.name}（{person.village}）" if person.village else person.name

    def _fill_timeline(self, detail: cases.CaseDetail) -> None:
        rows = []
        for entry in detail.timeline:
            rows.append((f"{entry.on:%Y-%m-%d}", label(entry.label), entry.summary, entry.user or "", entry.kind))
        self.timeline.setRowCount(len(rows))
        bold = QFont(self.timeline.font())
        bold.setBold(True)
        for r, (day, what, summary, user, kind) in enumerate(rows):
            for c, value in enumerate((day, what, summary, user)):
                item = QTableWidgetItem(value)
                item.setToolTip(value if c == 2 else "")
                if c == 1 and kind in (esc.CONFIRM_DROPOUT, esc.CLOSE, esc.SUSPECT, esc.NOTICE):
                    item.setFont(bold)
                if kind == esc.CONFIRM_DROPOUT:
                    item.setForeground(QColor("#922b21"))
                self.timeline.setItem(r, c, item)
        self.timeline.resizeRowsToContents()
        if rows:
            self.timeline.scrollToBottom()

    def _update_buttons(self, detail: cases.CaseDetail) -> None:
        can = self._actor.can
        allowed = set(detail.allowed)
        has_visits = bool(detail.visits)
        enabled = {
            "visit": can(perms.CASE_RECORD) and esc.VISIT in allowed,
            "return": can(perms.CASE_RECORD) and esc.RETURN in allowed,
            "report": has_visits,
            "report_sent": can(perms.CASE_MANAGE) and esc.REPORT in allowed and detail.state.episode_visits > 0,
            "notice": can(perms.CASE_ENFORCE) and esc.NOTICE in allowed,
            "reprint": bool(detail.notices),
            "referral": can(perms.CASE_ENFORCE) and esc.REFERRAL in allowed,
            "answer": can(perms.CASE_ENFORCE) and any(r.answer is None for r in detail.referrals),
            "dropout": can(perms.CASE_MANAGE) and can(perms.STATUS_CHANGE) and esc.CONFIRM_DROPOUT in allowed,
            "close": can(perms.CASE_ENFORCE) and esc.CLOSE in allowed,
            "reopen": can(perms.CASE_ENFORCE) and esc.REOPEN in allowed,
        }
        for key, button in self.buttons.items():
            button.setEnabled(enabled[key])
        self.buttons["report"].setToolTip(
            self.buttons["report"].toolTip() if has_visits else self.tr("还没有走访记录，不能生成情况报告")
        )

    # --- actions -------------------------------------------------------------------------------------
    def _after(self, *_args: object) -> None:
        self.refresh()
        self.changed.emit(self.case_id)

    def _open(self, dialog: QDialog, then: Callable[[object], None] | None = None) -> QDialog:
        # A dialog's own signals go to a method of this window, which finds the dialog with
        # sender(): a functor holding the dialog (a closure, or a partial with a weak reference)
        # crashes PySide when Qt deletes the dialog (WA_DeleteOnClose) after Python let go of it.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        self._then[id(dialog)] = then
        dialog.finished.connect(self._child_finished)
        dialog.open()
        return dialog

    def _child_finished(self, result: int) -> None:
        dialog = self.sender()
        then = self._then.pop(id(dialog), None)
        if self.dialog is dialog:
            self.dialog = None
        if isinstance(dialog, acts.ActionDialog) and result == QDialog.DialogCode.Accepted:
            value = dialog.value
            self._after()
            if then is not None:
                then(value)

    def open_visit(self) -> VisitForm:
        """登记家访 for this case."""
        form = VisitForm(self._db, self._actor, self.case_id, parent=self, choose_files=self._choose_files)
        form.saved.connect(self._after)
        self._open(form)
        return form

    def _action(self, dialog: acts.ActionDialog, then: Callable[[object], None] | None = None) -> acts.ActionDialog:
        self._open(dialog, then)
        return dialog

    def open_return(self) -> acts.ActionDialog:
        """登记返校."""
        assert self.detail is not None
        return self._action(acts.ReturnDialog(self._db, self._actor, self.detail, self))

    def open_report_sent(self) -> acts.ActionDialog:
        """报送情况报告."""
        assert self.detail is not None
        return self._action(acts.ReportSentDialog(self._db, self._actor, self.detail, self))

    def open_notice(self) -> acts.ActionDialog:
        """发出限期返校通知书, then show it for printing."""
        assert self.detail is not None
        with self._db.read_session() as session:
            rules = case_settings.load_rules(session)
        dialog = acts.NoticeDialog(self._db, self._actor, self.detail, rules, self)
        return self._action(dialog, lambda notice_id: self.show_notice(str(notice_id)))

    def open_referral(self) -> acts.ActionDialog:
        """转介."""
        assert self.detail is not None
        return self._action(acts.ReferralDialog(self._db, self._actor, self.detail, self))

    def open_answer(self) -> acts.ActionDialog:
        """部门答复."""
        assert self.detail is not None
        return self._action(acts.AnswerDialog(self._db, self._actor, self.detail, self))

    def open_dropout(self) -> acts.ActionDialog:
        """认定辍学."""
        assert self.detail is not None
        return self._action(acts.DropoutDialog(self._db, self._actor, self.detail, self))

    def open_close(self) -> acts.ActionDialog:
        """销号."""
        assert self.detail is not None
        return self._action(acts.CloseDialog(self._db, self._actor, self.detail, self))

    def open_reopen(self) -> acts.ActionDialog:
        """重新开启."""
        assert self.detail is not None
        return self._action(acts.ReopenDialog(self._db, self._actor, self.detail, self))

    def show_report(self) -> PdfDialog | None:
        """Generate the 辍学学生情况报告表 and preview it."""
        assert self.detail is not None
        name = (
            self.tr("辍学学生情况报告表_%1_%2.pdf")
            .replace("%1", self.detail.student_name)
            .replace("%2", self.detail.number)
        )
        dialog = show_pdf(self, self.tr("辍学学生情况报告表"),
                          lambda: _documents().report_pdf(self._db, self._actor, self.case_id), name)  # fmt: skip
        if dialog is not None:
            self.dialog = dialog
        return dialog

    def show_notice(self, notice_id: str) -> PdfDialog | None:
        """Preview a notice for printing."""
        assert self.detail is not None
        name = self.tr("限期返校通知书_%1.pdf").replace("%1", self.detail.student_name)
        dialog = show_pdf(self, self.tr("限期返校通知书"),
                          lambda: _documents().notice_pdf(self._db, self._actor, notice_id), name)  # fmt: skip
        if dialog is not None:
            self.dialog = dialog
        return dialog

    def reprint_notice(self) -> PdfDialog | None:
        """Preview the latest notice again."""
        notice_id = _documents().latest_notice_id(self._db, self._actor, self.case_id)
        return self.show_notice(notice_id) if notice_id else None

    def save_responsible(self) -> None:
        """Store the 包保责任人 as chosen."""
        persons = cases.ResponsiblePersons(
            **{name: combo.currentData() for name, combo in self.people.items()}, note=self.people_note.text()
        )
        try:
            cases.set_responsible(self._db, self._actor, self.case_id, persons)
        except ServiceError as exc:
            show_service_error(self, exc)
            return
        self._after()
