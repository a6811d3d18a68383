"""Small dialogs for what happens to a case: return, report sent, notice, referral and answer,
confirming a dropout, 销号 and reopening. Each asks for a few values, calls its service and shows a
refusal in red without closing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.gui.combos import fill_combo
from kongchuo_desktop.gui.domain_labels import label, label_items
from kongchuo_desktop.gui.field_binding import read_widget
from kongchuo_desktop.gui.inline_problems import ERROR_STYLE
from kongchuo_desktop.services import cases, clock
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.cases import CaseDetail
from kongchuo_desktop.services.errors import ServiceError, ValidationError
from kongchuo_desktop.store.database import Database


def qdate(day: dt.date) -> QDate:
    """A QDate of a date."""
    return QDate(day.year, day.month, day.day)


def date_edit(day: dt.date, latest: dt.date | None = None, earliest: dt.date | None = None) -> QDateEdit:
    """A date edit with a calendar popup, showing `day`, limited to [earliest, latest]."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if earliest is not None:
        edit.setMinimumDate(qdate(earliest))
    if latest is not None:
        edit.setMaximumDate(qdate(latest))
    edit.setDate(qdate(day))
    return edit


def text_box(text: str = "", placeholder: str = "", height: int = 64) -> QPlainTextEdit:
    """A short multi-line text box where Tab moves on."""
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setMaximumHeight(height)
    return box


class ActionDialog(QDialog):
    """A form of a few rows with OK / Cancel; `perform()` does the work and may raise a ServiceError,
    which is shown in red while the dialog stays open.

    form: the QFormLayout rows go into; error: the red label; value: what perform() returned.
    """

    def __init__(self, db: Database, actor: Actor, detail: CaseDetail, title: str, ok_text: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.detail = detail
        self.value: Any = None
        self.setWindowTitle(self.tr("%1：%2").replace("%1", title).replace("%2", detail.student_name))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        head = QLabel(
            self.tr("<b>%1</b>　%2　个案 %3　状态：%4")
            .replace("%1", detail.student_name)
            .replace("%2", detail.school_name)
            .replace("%3", detail.number)
            .replace("%4", label(detail.status))
        )
        layout.addWidget(head)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def add_row(self, label: str, widget: QWidget) -> QWidget:
        """Add a labelled row."""
        self.form.addRow(label, widget)
        return widget

    def perform(self) -> Any:
        """Call the service (subclasses)."""
        raise NotImplementedError

    def show_error(self, text: str) -> None:
        """Show a refusal."""
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def submit(self) -> bool:
        """Do it; close on success."""
        try:
            self.value = self.perform()
        except ValidationError as exc:
            self.show_error("；".join(exc.problems.values()))
            return False
        except ServiceError as exc:
            self.show_error(str(exc))
            return False
        self.accept()
        return True


class ReturnDialog(ActionDialog):
    """登记返校: the day the child came back."""

    def __init__(self, db: Database, actor: Actor, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            actor,
            detail,
            QCoreApplication.translate("CaseActions", "登记返校"),
            QCoreApplication.translate("CaseActions", "登记返校"),
            parent,
        )
        today = clock.today()
        self.day = self.add_row(self.tr("返校日期"), date_edit(today, today, detail.state.episode_start))
        self.note = self.add_row(self.tr("说明"), QLineEdit())
        if detail.status == esc.ABSENT:
            hint = QLabel(self.tr("学生尚未列为疑似辍学，登记返校后个案自动结束。"))
            hint.setWordWrap(True)
            self.form.addRow("", hint)

    def perform(self) -> None:
        cases.record_return(self._db, self._actor, self.detail.id, read_widget(self.day), read_widget(self.note))


class ReportSentDialog(ActionDialog):
    """报送情况报告: when and to whom the written report went."""

    def __init__(self, db: Database, actor: Actor, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            actor,
            detail,
            QCoreApplication.translate("CaseActions", "报送情况报告"),
            QCoreApplication.translate("CaseActions", "确认已报送"),
            parent,
        )
        today = clock.today()
        self.day = self.add_row(self.tr("报送日期"), date_edit(today, today, detail.state.episode_start))
        self.to = self.add_row(self.tr("报送给"), QLineEdit(cases.DEFAULT_REPORT_TO))

    def perform(self) -> None:
        cases.send_report(self._db, self._actor, self.detail.id, read_widget(self.day), self.to.text())


class NoticeDialog(ActionDialog):
    """发出限期返校通知书: dates, guardian, issuing body; the notice is then printed."""

    def __init__(self, db: Database, actor: Actor, detail: CaseDetail, rules: esc.EscalationRules,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(
            db,
            actor,
            detail,
            QCoreApplication.translate("CaseActions", "限期返校通知书"),
            QCoreApplication.translate("CaseActions", "发出并打印"),
            parent,
        )
        today = clock.today()
        self.issued = self.add_row(self.tr("发出日期"), date_edit(today, today, detail.state.episode_start))
        self.deadline = self.add_row(
            self.tr("返校期限"), date_edit(today + dt.timedelta(days=rules.notice_deadline_days), None, today)
        )
        first = detail.guardians[0]["name"] if detail.guardians else ""
        self.guardian = self.add_row(self.tr("监护人"), QLineEdit(str(first or "")))
        self.issuer = self.add_row(self.tr("发文单位"), QLineEdit(cases.default_issuer(detail.township_name)))
        self.note = self.add_row(self.tr("补充说明"), text_box(placeholder=self.tr("可不填；会印在通知书正文后")))

    def perform(self) -> str:
        notice = cases.NoticeInput(
            read_widget(self.issued), read_widget(self.deadline), self.guardian.text(), self.issuer.text(),
            read_widget(self.note),
        )  # fmt: skip
        return cases.issue_notice(self._db, self._actor, self.detail.id, notice)


class ReferralDialog(ActionDialog):
    """转介: hand the case to the 教育执法组 or a department, saying what is asked."""

    def __init__(self, db: Database, actor: Actor, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            actor,
            detail,
            QCoreApplication.translate("CaseActions", "转介相关部门"),
            QCoreApplication.translate("CaseActions", "登记转介"),
            parent,
        )
        today = clock.today()
        self.agency = QComboBox()
        fill_combo(self.agency, [(self.tr("请选择部门"), None), *label_items(esc.AGENCIES)])
        self.add_row(self.tr("转介给"), self.agency)
        self.day = self.add_row(self.tr("转介日期"), date_edit(today, today, detail.state.episode_start))
        self.request = self.add_row(self.tr("请求事项"), text_box(placeholder=self.tr("请对方做什么")))
        self.agency.currentIndexChanged.connect(self._agency_changed)

    def _agency_changed(self) -> None:
        hint = label(esc.AGENCY_HINTS.get(self.agency.currentData() or "", ""))
        if hint and not self.request.toPlainText().strip():
            self.request.setPlainText(hint)

    def perform(self) -> str:
        agency = self.agency.currentData() or ""
        referral = cases.ReferralInput(agency, read_widget(self.day), self.request.toPlainText())
        return cases.add_referral(self._db, self._actor, self.detail.id, referral)


class AnswerDialog(ActionDialog):
    """部门答复: the answer to an open referral."""

    def __init__(self, db: Database, actor: Actor, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            actor,
            detail,
            QCoreApplication.translate("CaseActions", "登记部门答复"),
            QCoreApplication.translate("CaseActions", "保存答复"),
            parent,
        )
        today = clock.today()
        self.referral = QComboBox()
        open_refs = [r for r in detail.referrals if r.answer is None]
        fill_combo(
            self.referral,
            [
                (
                    self.tr("%1（%2）：%3")
                    .replace("%1", label(r.agency))
                    .replace("%2", f"{r.referred_on:%Y-%m-%d}")
                    .replace("%3", r.request[:20]),
                    r.id,
                )
                for r in open_refs
            ],
        )
        self.add_row(self.tr("转介"), self.referral)
        self.day = self.add_row(self.tr("答复日期"), date_edit(today, today))
        self.answer = self.add_row(self.tr("答复内容"), text_box())

    def perform(self) -> None:
        cases.answer_referral(
            self._db, self._actor, self.referral.currentData() or "", read_widget(self.day), self.answer.toPlainText()
        )


class DropoutDialog(ActionDialog):
    """认定辍学: records the 学籍异动 辍学 with the case report as its proof."""

    def __init__(self, db: Database, actor: Actor, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            actor,
            detail,
            QCoreApplication.translate("CaseActions", "认定辍学"),
            QCoreApplication.translate("CaseActions", "认定辍学"),
            parent,
        )
        today = clock.today()
        self.day = self.add_row(self.tr("认定日期"), date_edit(today, today, detail.state.episode_start))
        reason = self.tr("%1，经三访劝返无效").replace("%1", label(detail.reason)) if detail.reason else ""
        self.reason = self.add_row(self.tr("原因"), text_box(reason))
        hint = QLabel(self.tr("将同时办理学籍异动“辍学”，本个案的《辍学学生情况报告表》作为证明材料自动附上。"))
        hint.setWordWrap(True)
        self.form.addRow("", hint)

    def perform(self) -> str:
        return cases.confirm_dropout(
            self._db, self._actor, self.detail.id, read_widget(self.day), self.reason.toPlainText()
        )


class CloseDialog(ActionDialog):
    """销号: date and outcome (and the return day for 已复学 when none was recorded)."""

    def __init__(self, db: Database, actor: Actor, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            actor,
            detail,
            QCoreApplication.translate("CaseActions", "销号"),
            QCoreApplication.translate("CaseActions", "销号"),
            parent,
        )
        today = clock.today()
        self.outcome = QComboBox()
        fill_combo(self.outcome, [(self.tr("请选择销号结果"), None), *label_items(esc.CLOSE_OUTCOMES)])
        if detail.status == esc.RETURNED:
            self.outcome.setCurrentIndex(self.outcome.findData(esc.RESUMED))
        self.add_row(self.tr("销号结果"), self.outcome)
        self.day = self.add_row(self.tr("销号日期"), date_edit(today, today, detail.state.episode_start))
        self.returned = date_edit(today, today, detail.state.episode_start)
        self.returned_label = QLabel(self.tr("返校日期"))
        self.form.addRow(self.returned_label, self.returned)
        self.note = self.add_row(self.tr("说明"), text_box(placeholder=self.tr("例如：转入学校名称、缓学批准文号")))
        self.outcome.currentIndexChanged.connect(self._update)
        self._update()

    def _needs_return_day(self) -> bool:
        return self.outcome.currentData() == esc.RESUMED and self.detail.status != esc.RETURNED

    def _update(self) -> None:
        show = self._needs_return_day()
        self.returned.setVisible(show)
        self.returned_label.setVisible(show)

    def perform(self) -> None:
        closing = cases.CloseInput(
            read_widget(self.day), self.outcome.currentData(), read_widget(self.note),
            read_widget(self.returned) if self._needs_return_day() else None,
        )  # fmt: skip
        cases.close_case(self._db, self._actor, self.detail.id, closing)


class ReopenDialog(ActionDialog):
    """重新开启: the child is absent again from a day."""

    def __init__(self, db: Database, actor: Actor, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            actor,
            detail,
            QCoreApplication.translate("CaseActions", "重新开启个案"),
            QCoreApplication.translate("CaseActions", "重新开启"),
            parent,
        )
        today = clock.today()
        earliest = detail.state.closed_on or detail.state.episode_start
        self.day = self.add_row(self.tr("再次缺课开始"), date_edit(today, today, earliest))
        self.note = self.add_row(self.tr("说明"), QLineEdit())

    def perform(self) -> str:
        return cases.reopen_case(self._db, self._actor, self.detail.id, read_widget(self.day), read_widget(self.note))


DialogFactory = Callable[[], ActionDialog]
