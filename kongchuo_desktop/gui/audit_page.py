"""The audit page: every change (who, when, what before/after, why), filtered, exported to Excel,
and the tamper check of the hash chain.

Entry: `AuditPage(db, actor)` — a page for the main window's navigation, for actors with the
"audit.read" permission (管理员, 教育局). `choose_export_path` can be replaced (tests).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.gui.domain_labels import label
from kongchuo_desktop.gui.flow_layout import FlowLayout, kept_together, labelled_pair
from kongchuo_desktop.gui.login_dialog import HINT_STYLE
from kongchuo_desktop.gui.page_parts import install_find_shortcut
from kongchuo_desktop.gui.service_errors import show_service_error
from kongchuo_desktop.services import audit_log
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.audit_log import AuditFilter, AuditRow
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.store.audit import ACTION_LABELS, ENTITY_LABELS, ChainReport
from kongchuo_desktop.store.database import Database

Index = QModelIndex | QPersistentModelIndex
OK_STYLE = "color: #1e8449; font-weight: bold;"
BAD_STYLE = "color: #c0392b; font-weight: bold;"


class AuditTableModel(QAbstractTableModel):
    """Audit entries for one filter, newest first, fetched 200 at a time as the view scrolls
    (canFetchMore / fetchMore). Holds plain AuditRow values."""

    HEADERS = (
        QT_TRANSLATE_NOOP("AuditTableModel", "序号"),
        QT_TRANSLATE_NOOP("AuditTableModel", "时间"),
        QT_TRANSLATE_NOOP("AuditTableModel", "用户"),
        QT_TRANSLATE_NOOP("AuditTableModel", "操作"),
        QT_TRANSLATE_NOOP("AuditTableModel", "对象"),
        QT_TRANSLATE_NOOP("AuditTableModel", "字段"),
        QT_TRANSLATE_NOOP("AuditTableModel", "原值"),
        QT_TRANSLATE_NOOP("AuditTableModel", "新值"),
        QT_TRANSLATE_NOOP("AuditTableModel", "原因"),
        QT_TRANSLATE_NOOP("AuditTableModel", "站点"),
    )
    PAGE = 200

    def __init__(self, db: Database, actor: Actor, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._filter = AuditFilter()
        self.rows: list[AuditRow] = []
        self.total = 0

    def set_filter(self, flt: AuditFilter) -> None:
        """Show the entries matching `flt` (one reset)."""
        self.beginResetModel()
        self._filter = flt
        self.total = audit_log.count_entries(self._db, self._actor, flt)
        self.rows = audit_log.page_entries(self._db, self._actor, flt, 0, self.PAGE)
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        more = audit_log.page_entries(self._db, self._actor, self._filter, len(self.rows), self.PAGE)
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (
                str(r.seq), r.at.strftime("%Y-%m-%d %H:%M:%S"), r.user or "—", label(r.action_label), label(r.entity_label),
                label(r.field_label), r.old_text, r.new_text, r.reason or "", r.site or "",
            )  # fmt: skip
            return values[index.column()]
        return None


class AuditPage(QWidget):
    """Filters, the entries table, export and the tamper check."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.choose_export_path: Callable[[], str] = self._ask_export_path
        title = QLabel(self.tr("<h3>审计日志</h3>"))
        hint = QLabel(self.tr("每一次新建、修改、删除都记录在这里：谁、什么时候、改了什么、原因。记录首尾相连，无法悄悄改动。"))
        hint.setStyleSheet(HINT_STYLE)
        hint.setWordWrap(True)
        today = QDate.currentDate()
        self.from_check = QCheckBox(self.tr("从"))
        self.from_date = QDateEdit(today.addMonths(-1))
        self.to_check = QCheckBox(self.tr("到"))
        self.to_date = QDateEdit(today)
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.user_combo = QComboBox()
        self.entity_combo = QComboBox()
        self.action_combo = QComboBox()
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(self.tr("查找内容、原因或记录编号"))
        install_find_shortcut(self, self.text_edit)
        self.search_button = QPushButton(self.tr("查询"))
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.verify_button = QPushButton(self.tr("校验审计日志"))
        self.count_label = QLabel()
        self.chain_label = QLabel()
        self.chain_label.setWordWrap(True)
        self._fill_combos()
        # The filters wrap onto a second row when the window is narrow or the font large.
        filters = FlowLayout()
        for group in (kept_together(self.from_check, self.from_date), kept_together(self.to_check, self.to_date),
                      labelled_pair(self.tr("用户："), self.user_combo),
                      labelled_pair(self.tr("对象："), self.entity_combo),
                      labelled_pair(self.tr("操作："), self.action_combo)):  # fmt: skip
            filters.addWidget(group)
        filters.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(self.text_edit, 1)
        second.addWidget(self.search_button)
        second.addWidget(self.export_button)
        second.addWidget(self.verify_button)
        self.model = AuditTableModel(db, actor, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        char = metrics.horizontalAdvance("中")
        for column, chars in enumerate((4, 11, 7, 3, 5, 7, 12, 12, 12, 8)):
            header.resizeSection(column, chars * char + 16)
        # Action and record hold coded labels: as wide as their longest one in the interface language.
        for column, labels in ((3, ACTION_LABELS.values()), (4, ENTITY_LABELS.values())):
            widest = max(metrics.horizontalAdvance(label(text)) for text in labels)
            header.resizeSection(column, max(header.sectionSize(column), min(widest + 16, 12 * char)))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(filters)
        layout.addLayout(second)
        layout.addWidget(self.chain_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self.search_button.clicked.connect(self.search)
        self.text_edit.returnPressed.connect(self.search)
        for combo in (self.user_combo, self.entity_combo, self.action_combo):
            combo.currentIndexChanged.connect(self.search)
        for check in (self.from_check, self.to_check):
            check.toggled.connect(self.search)
        self.export_button.clicked.connect(self.export)
        self.verify_button.clicked.connect(self.verify)
        self.search()

    def _fill_combos(self) -> None:
        self.user_combo.addItem(self.tr("全部"), None)
        try:
            for user in audit_log.audit_users(self._db, self._actor):
                self.user_combo.addItem(user, user)
        except ServiceError:
            pass
        self.entity_combo.addItem(self.tr("全部"), None)
        for key, text in ENTITY_LABELS.items():
            self.entity_combo.addItem(label(text), key)
        self.action_combo.addItem(self.tr("全部"), None)
        for key, text in ACTION_LABELS.items():
            self.action_combo.addItem(label(text), key)

    def current_filter(self) -> AuditFilter:
        """The filter the controls describe."""

        def day(edit: QDateEdit) -> dt.date:
            d = edit.date()
            return dt.date(d.year(), d.month(), d.day())

        return AuditFilter(
            date_from=day(self.from_date) if self.from_check.isChecked() else None,
            date_to=day(self.to_date) if self.to_check.isChecked() else None,
            user=self.user_combo.currentData(),
            entity=self.entity_combo.currentData(),
            action=self.action_combo.currentData(),
            text=self.text_edit.text(),
        )

    def search(self) -> None:
        """Show the entries for the current filter."""
        try:
            self.model.set_filter(self.current_filter())
        except ServiceError as exc:
            show_service_error(self, exc)
            return
        self.count_label.setText(self.tr("共 %n 条记录", "", self.model.total))

    def _ask_export_path(self) -> str:
        name = self.tr("审计日志-%1.xlsx").replace("%1", f"{dt.date.today():%Y%m%d}")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出审计日志"), name, self.tr("Excel 文件 (*.xlsx)"))
        return path

    def export(self) -> Path | None:
        """Write the filtered entries to an .xlsx the user chooses."""
        chosen = self.choose_export_path()
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        from kongchuo_desktop.gui.tasks import run_with_progress

        flt = self.current_filter()
        try:
            count = run_with_progress(
                lambda _progress: audit_log.export_xlsx(self._db, self._actor, flt, target),
                self.tr("导出审计日志"), self.tr("正在导出……"), self,
            )  # fmt: skip
        except ServiceError as exc:
            show_service_error(self, exc)
            return None
        QMessageBox.information(
            self, self.tr("导出完成"), self.tr("已导出 %n 条记录到：\n%1", "", count).replace("%1", str(target))
        )
        return target

    def verify(self) -> ChainReport | None:
        """Check the hash chain and say whether it holds (and where it breaks)."""
        from kongchuo_desktop.gui.tasks import run_with_progress

        try:
            report: ChainReport = run_with_progress(
                lambda _progress: audit_log.verify(self._db, self._actor),
                self.tr("校验审计日志"), self.tr("正在逐条校验……"), self,
            )  # fmt: skip
        except ServiceError as exc:
            show_service_error(self, exc)
            return None
        if report.ok:
            self.chain_label.setStyleSheet(OK_STYLE)
            self.chain_label.setText(self.tr("✔ 审计日志完整，没有被改动（共 %n 条记录）。", "", report.entries))
        else:
            assert report.problem is not None
            self.chain_label.setStyleSheet(BAD_STYLE)
            self.chain_label.setText(self.tr("✘ 发现篡改：%1").replace("%1", report.problem.message))
        return report
