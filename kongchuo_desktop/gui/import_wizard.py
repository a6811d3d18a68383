"""The import wizard: file → sheet → column mapping → preview → write, for a 学籍 roster or a
register of school-age children.

Entry: `ImportWizard(db, actor, parent=None)`; `exec()` it (or `show()`), and refresh the register
when `imported(ImportSummary)` is emitted. Reading, checking and writing run in a worker
(gui.tasks.Task) with a progress bar and a cancel button; a cancelled write rolls back, leaving the
database as it was. The mapping a user confirms is remembered for that header layout.

For tests the file dialogs (`choose_file`, `choose_save`) and the worker (`task_factory`, e.g. one
that runs the work inline) can be replaced.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
    QWizard,
)

from kongchuo_desktop.gui import tasks
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.services.import_source import ImportSource
from kongchuo_desktop.services.roster_import import ImportPreview, ImportSummary
from kongchuo_desktop.store.database import Database

log = logging.getLogger(__name__)

FILE_FILTER = QT_TRANSLATE_NOOP("ImportWizard", "表格文件 (*.xlsx *.xls *.xlsm *.et *.ods *.csv *.txt);;所有文件 (*)")
SHOW_PROGRESS_AFTER_MS = 300


class TaskLike(Protocol):
    """What the wizard needs of a worker: gui.tasks.Task, or an inline stand-in in tests."""

    progressed: Any
    succeeded: Any
    failed: Any
    finished: Any

    def start(self) -> None: ...
    def cancel(self) -> None: ...
    def wait(self) -> bool: ...
    def isRunning(self) -> bool: ...  # noqa: N802 — Qt's name


TaskFactory = Callable[[Callable[[tasks.Progress], Any], QObject], TaskLike]


def choose_open_file(parent: QWidget, title: str) -> Path | None:
    """The file dialog for the file to import."""
    name, _ = QFileDialog.getOpenFileName(
        parent, title, str(Path.home()), QCoreApplication.translate("ImportWizard", FILE_FILTER)
    )
    return Path(name) if name else None


def choose_save_file(parent: QWidget, title: str, suggested: str) -> Path | None:
    """The save dialog for the report of refused rows."""
    name, _ = QFileDialog.getSaveFileName(
        parent, title, suggested, QCoreApplication.translate("ImportWizard", "Excel 工作簿 (*.xlsx)")
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def error_text(exc: BaseException) -> str:
    """What to tell the user about a failed step (one Chinese sentence)."""
    if isinstance(exc, tasks.Cancelled):
        return QCoreApplication.translate("ImportWizard", "已取消。")
    if isinstance(exc, ServiceError):
        return str(exc)
    if isinstance(exc, OSError):
        return QCoreApplication.translate("ImportWizard", "无法读写文件：%1").replace("%1", str(exc.strerror or exc))
    log.error("import step failed", exc_info=exc)
    return QCoreApplication.translate("ImportWizard", "出现意外错误，详细信息已写入日志文件：%1").replace(
        "%1", str(exc)
    )


class ProgressPanel(QWidget):
    """A progress bar with a status line and a cancel button, shown while a step runs (only
    after SHOW_PROGRESS_AFTER_MS, so quick steps do not flicker)."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setMinimumWidth(360)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.cancel_button = QPushButton(QCoreApplication.translate("ImportWizard", "取消"))
        self.cancel_button.clicked.connect(self.cancel_requested.emit)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 0)
        row.addWidget(self.bar, 3)
        row.addWidget(self.label, 2)
        row.addWidget(self.cancel_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.show)
        self.hide()

    def begin(self, text: str, *, visible_now: bool = False) -> None:
        """A step starts: busy bar, text, cancel enabled."""
        self.bar.setRange(0, 0)
        self.label.setText(text)
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        if visible_now:
            self.show()
        else:
            self._timer.start(SHOW_PROGRESS_AFTER_MS)

    def report(self, done: int, total: int, text: str) -> None:
        """Progress from the worker."""
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)
        if text:
            self.label.setText(text)

    def end(self, keep_visible: bool = False) -> None:
        """The step finished."""
        self._timer.stop()
        self.cancel_button.setEnabled(False)
        if keep_visible:
            self.cancel_button.hide()  # the outcome stays on screen; there is nothing left to cancel
        else:
            self.hide()


class ImportWizard(QWizard):
    """The import wizard (see the module doc).

    kind: "roster" or "children"; source: the opened file (ImportSource); preview: the last
    preview; summary: what the write did; imported(summary) is emitted after a successful write.
    """

    imported = Signal(object)

    PAGE_FILE, PAGE_SHEET, PAGE_MAPPING, PAGE_PREVIEW, PAGE_WRITE = range(5)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        kind: str = "roster",
        choose_file: Callable[[QWidget, str], Path | None] | None = None,
        choose_save: Callable[[QWidget, str, str], Path | None] | None = None,
        task_factory: TaskFactory | None = None,
    ) -> None:
        super().__init__(parent)
        from kongchuo_desktop.gui.import_wizard_pages import FilePage, MappingPage, PreviewPage, SheetPage, WritePage

        self.db = db
        self.actor = actor
        self.kind = kind
        self.choose_file = choose_file or choose_open_file
        self.choose_save = choose_save or choose_save_file
        self.task_factory: TaskFactory = task_factory or (lambda work, owner: tasks.Task(work, owner))  # type: ignore[arg-type]
        self.source: ImportSource | None = None
        self.preview: ImportPreview | None = None
        self.summary: ImportSummary | None = None
        self.task: TaskLike | None = None
        self._closing = False

        self.setWindowTitle(QCoreApplication.translate("ImportWizard", "导入名册"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, QCoreApplication.translate("ImportWizard", "下一步 >"))
        self.setButtonText(QWizard.WizardButton.BackButton, QCoreApplication.translate("ImportWizard", "< 上一步"))
        self.setButtonText(QWizard.WizardButton.CancelButton, QCoreApplication.translate("ImportWizard", "取消"))
        self.setButtonText(QWizard.WizardButton.FinishButton, QCoreApplication.translate("ImportWizard", "完成"))
        self.setButtonText(QWizard.WizardButton.CommitButton, QCoreApplication.translate("ImportWizard", "开始导入"))
        self.setMinimumSize(880, 600)
        self.resize(1000, 660)

        self.file_page = FilePage(self)
        self.sheet_page = SheetPage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.write_page = WritePage(self)
        self.setPage(self.PAGE_FILE, self.file_page)
        self.setPage(self.PAGE_SHEET, self.sheet_page)
        self.setPage(self.PAGE_MAPPING, self.mapping_page)
        self.setPage(self.PAGE_PREVIEW, self.preview_page)
        self.setPage(self.PAGE_WRITE, self.write_page)

    # --- background steps -----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while a step runs in the worker."""
        return self.task is not None

    def run_step(
        self,
        work: Callable[[tasks.Progress], Any],
        panel: ProgressPanel,
        text: str,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        *,
        show_now: bool = False,
    ) -> None:
        """Run `work` in the worker, showing progress in `panel`; exactly one of on_success /
        on_failure is called on the GUI thread afterwards."""
        if self.task is not None:
            return
        task = self.task_factory(work, self)
        self.task = task
        panel.begin(text, visible_now=show_now)
        cancel = task.cancel
        panel.cancel_requested.connect(cancel)
        task.progressed.connect(panel.report)
        outcome: list[tuple[bool, Any]] = []
        task.succeeded.connect(lambda result: outcome.append((True, result)))
        task.failed.connect(lambda exc: outcome.append((False, exc)))

        def finished() -> None:
            panel.cancel_requested.disconnect(cancel)
            if self.task is task:
                task.wait()
                self.task = None
            if isinstance(task, QObject):
                task.deleteLater()
            panel.end(keep_visible=show_now)
            self._update_buttons()
            if self._closing:
                super(ImportWizard, self).reject()
                return
            if outcome and outcome[0][0]:
                on_success(outcome[0][1])
            else:
                on_failure(outcome[0][1] if outcome else RuntimeError("worker ended without a result"))

        task.finished.connect(finished)
        self._update_buttons()
        task.start()

    def cancel_step(self) -> None:
        """Ask the running step to stop at its next progress report."""
        if self.task is not None:
            self.task.cancel()

    def _update_buttons(self) -> None:
        page = self.currentPage()
        if page is not None:
            page.completeChanged.emit()
        back = self.button(QWizard.WizardButton.BackButton)
        back.setEnabled(not self.busy and self.currentId() not in (self.PAGE_FILE, self.PAGE_WRITE))

    def advance_later(self) -> None:
        """Go to the next page once the current slot has returned (validatePage is then asked
        again and finds the step's result ready)."""
        QTimer.singleShot(0, self.next)

    # --- state shared by the pages -----------------------------------------------------------------
    def replace_source(self, source: ImportSource | None) -> None:
        """Use another opened file (the old one is closed; later steps are forgotten)."""
        if self.source is not None and self.source is not source:
            self.source.close()
        self.source = source
        self.preview = None

    def done(self, result: int) -> None:  # noqa: D102 — QDialog's
        if self.source is not None:
            self.source.close()
            self.source = None
        super().done(result)

    def reject(self) -> None:
        """Cancel: stop a running step first (a write rolls back), then close."""
        if self.task is not None:
            self._closing = True
            self.task.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 — Qt's name
        if self.task is not None:
            self._closing = True
            self.task.cancel()
            event.ignore()
            return
        super().closeEvent(event)
