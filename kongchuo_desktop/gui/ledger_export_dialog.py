"""导出台账: choose a ledger, its township / school / school year and a file; export in the background.

`LedgerExportDialog(db, actor, parent)`; the main window opens it from a menu or a button. The
export runs in a gui.tasks.Task with the progress shown in the dialog itself, and can be cancelled
(no file is left behind). `chooser(parent, title, suggested)` asks where to save (tests pass their
own).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.gui import tasks
from kongchuo_desktop.gui.combos import fill_combo, select_data
from kongchuo_desktop.gui.crosscheck_page import Chooser, save_xlsx_dialog, school_year_choices
from kongchuo_desktop.gui.domain_labels import label
from kongchuo_desktop.services import lookups
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.services.ledgers import LEDGERS, LedgerResult, LedgerScope, export_ledger, ledger_keys
from kongchuo_desktop.services.sites import site_info
from kongchuo_desktop.store.database import Database

log = logging.getLogger(__name__)


class LedgerExportDialog(QDialog):
    """The export form, a progress bar and the outcome.

    task: the running export (None when idle); last_result: the last LedgerResult;
    exported(result) is emitted when a file has been written, failed(message) when not.
    """

    exported = Signal(object)
    failed = Signal(str)

    def __init__(
        self, db: Database, actor: Actor, parent: QWidget | None = None, *, chooser: Chooser | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.chooser: Chooser = chooser or save_xlsx_dialog
        self.task: tasks.Task | None = None
        self.last_result: LedgerResult | None = None
        self.setWindowTitle(self.tr("导出台账"))
        self.setMinimumWidth(560)

        form = QFormLayout()
        self.ledger_combo = QComboBox()
        for key in ledger_keys():
            self.ledger_combo.addItem(label(LEDGERS[key].title), key)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #555;")
        self.township_combo = QComboBox()
        self.school_combo = QComboBox()
        self.year_combo = QComboBox()
        fill_combo(self.year_combo, [(y, y) for y in school_year_choices()])
        self.year_combo.setCurrentIndex(1)
        self.active_only = QCheckBox(self.tr("只导出在读、休学的学生"))
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("点“选择…”指定保存位置"))
        self.browse_button = QPushButton(self.tr("选择…"))
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form.addRow(self.tr("台账："), self.ledger_combo)
        form.addRow("", self.description)
        form.addRow(self.tr("乡镇："), self.township_combo)
        form.addRow(self.tr("学校："), self.school_combo)
        form.addRow(self.tr("学年："), self.year_combo)
        form.addRow("", self.active_only)
        form.addRow(self.tr("保存到："), path_row)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.status = QLabel(self.tr("表格为 A4 横向打印格式：有标题、填报单位和日期，表头在每页重复。"))
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(self.tr("导出"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(self.tr("取消导出"), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self._fill_townships()
        self.ledger_combo.currentIndexChanged.connect(lambda _i: self._ledger_changed())
        self.township_combo.currentIndexChanged.connect(lambda _i: self._fill_schools())
        self.browse_button.clicked.connect(self.browse)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.close_button.clicked.connect(self.reject)
        self._ledger_changed()

    # --- choices ------------------------------------------------------------------------------------
    def _fill_townships(self) -> None:
        towns = lookups.townships(self._db, self._actor)
        items: list[tuple[str, Any]] = []
        if self._actor.whole_site:
            items.append((self.tr("全部乡镇"), None))
        items += [(t.name, t.id) for t in towns]
        if self._actor.school_id is not None:
            home = next((s.township_id for s in lookups.schools(self._db, self._actor)), None)
            items = [(name, tid) for name, tid in items if tid == home] or [(self.tr("本乡镇"), None)]
        fill_combo(self.township_combo, items)
        self.township_combo.setEnabled(self._actor.whole_site)
        site = site_info(self._db)
        if self._actor.whole_site and site is not None and site.township_id:
            select_data(self.township_combo, site.township_id)  # a township site exports its own township
        self._fill_schools()

    def _fill_schools(self) -> None:
        township_id = self.township_combo.currentData()
        schools = lookups.schools(self._db, self._actor, township_id)
        items: list[tuple[str, Any]] = [] if self._actor.school_id is not None else [(self.tr("全部学校"), None)]
        items += [(s.name, s.id) for s in schools]
        fill_combo(self.school_combo, items)

    def ledger_key(self) -> str:
        """The chosen ledger's key."""
        return str(self.ledger_combo.currentData())

    def select_ledger(self, key: str) -> None:
        """Choose a ledger by key."""
        self.ledger_combo.setCurrentIndex(max(self.ledger_combo.findData(key), 0))

    def _ledger_changed(self) -> None:
        spec = LEDGERS[self.ledger_key()]
        self.description.setText(label(spec.description))
        self.school_combo.setEnabled(spec.per_school and self._actor.school_id is None)
        self.year_combo.setEnabled(spec.per_year)
        self.active_only.setVisible(spec.key == "students")
        self.path_edit.clear()  # a new ledger gets a new file name

    def scope(self) -> LedgerScope:
        """What the form describes."""
        spec = LEDGERS[self.ledger_key()]
        return LedgerScope(
            township_id=self.township_combo.currentData(),
            school_id=self.school_combo.currentData() if spec.per_school else None,
            school_year=str(self.year_combo.currentData()) if spec.per_year else None,
            active_only=spec.key == "students" and self.active_only.isChecked(),
        )

    def suggested_name(self) -> str:
        """A file name such as 得耳布尔镇适龄儿童台账_2026-2027.xlsx or 金河镇中心学校学生名册_2026-09-10.xlsx."""
        spec = LEDGERS[self.ledger_key()]
        place = ""
        if spec.per_school and self.school_combo.currentData() is not None:
            place = self.school_combo.currentText()
        elif self.township_combo.currentData() is not None:
            place = self.township_combo.currentText()
        tail = str(self.year_combo.currentData()) if spec.per_year else dt.date.today().isoformat()
        return f"{place}{spec.title}_{tail}.xlsx"

    def browse(self) -> Path | None:
        """Ask where to save; fills the path box."""
        path = self.chooser(self, self.tr("保存台账"), self.suggested_name())
        if path is not None:
            self.path_edit.setText(str(path))
        return path

    # --- running ------------------------------------------------------------------------------------
    def start_export(self) -> tasks.Task | None:
        """Start exporting in the background (asks for a file first when none is chosen)."""
        if self.task is not None:
            return self.task
        text = self.path_edit.text().strip()
        path = Path(text) if text else self.browse()
        if path is None:
            return None
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
            self.path_edit.setText(str(path))
        db, actor, key, scope = self._db, self._actor, self.ledger_key(), self.scope()

        def work(progress: tasks.Progress) -> LedgerResult:
            return export_ledger(db, actor, key, path, scope, progress)

        task = tasks.Task(work, self)
        task.progressed.connect(self._progressed)
        task.succeeded.connect(self._succeeded)
        task.failed.connect(self._failed)
        task.finished.connect(self._finished)
        self.task = task
        self._set_running(True)
        self.progress.setRange(0, 0)  # busy until the first figures arrive
        self.status.setText(self.tr("正在导出……"))
        task.start()
        return task

    def cancel_export(self) -> None:
        """Stop the running export (no file is left behind)."""
        if self.task is not None:
            self.task.cancel()
            self.status.setText(self.tr("正在取消……"))

    def _set_running(self, running: bool) -> None:
        for widget in (self.ledger_combo, self.browse_button, self.export_button, self.path_edit, self.close_button):
            widget.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def _progressed(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        if text:
            self.status.setText(text)

    def _succeeded(self, result: LedgerResult) -> None:
        self.last_result = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        lines = [
            self.tr("已导出%1：%2 行。", "", result.rows).replace("%1", result.title).replace("%2", f"{result.rows:,}")
        ]
        lines.append(self.tr("文件：%1").replace("%1", str(result.path)))
        lines += list(result.notes)
        self.status.setText("\n".join(lines))
        self.exported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if isinstance(exc, tasks.Cancelled):
            message = self.tr("已取消导出，没有生成文件。")
        elif isinstance(exc, ServiceError):
            message = str(exc)
        elif isinstance(exc, OSError):
            message = self.tr("无法写入文件：%1").replace("%1", str(exc.strerror or exc))
        else:
            log.error("ledger export failed", exc_info=exc)
            message = self.tr("导出时出错：%1").replace("%1", str(exc))
        self.status.setText(message)
        self.failed.emit(message)

    def _finished(self) -> None:
        if self.task is not None:
            self.task.wait()
            self.task.deleteLater()
        self.task = None
        self._set_running(False)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 — Qt's name
        if self.task is not None:
            self.task.cancel()
            self.task.wait()
        super().closeEvent(event)

    def reject(self) -> None:
        if self.task is not None:
            return  # closing waits for the export: cancel it first
        super().reject()
