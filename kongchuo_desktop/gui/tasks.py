"""Run long work off the GUI thread: it reports progress(done, total, text), can be cancelled, and its
result or error comes back on the GUI thread; a progress dialog appears only if it takes a while."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Progress = Callable[[int, int, str], None]
SHOW_AFTER_MS = 500


class Cancelled(Exception):
    """The user cancelled the task (raised inside the work at its next progress report)."""


class Task(QThread):
    """One piece of work in its own thread.

    progressed(done, total, text), succeeded(result) and failed(exception) are delivered to the
    GUI thread (queued); result / error hold the outcome once finished.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Progress], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancelled = False
        self.result: Any = None
        self.error: BaseException | None = None

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._cancelled = True

    def _report(self, done: int, total: int, text: str = "") -> None:
        if self._cancelled:
            raise Cancelled()
        self.progressed.emit(int(done), int(total), str(text))

    def run(self) -> None:
        try:
            self.result = self._work(self._report)
        except BaseException as exc:  # noqa: BLE001 — handed to the GUI thread, never lost
            self.error = exc
            self.failed.emit(exc)
        else:
            self.succeeded.emit(self.result)


def run_with_progress(work: Callable[[Progress], Any], title: str, label: str, parent: QWidget | None = None) -> Any:
    """Run `work` in a Task while the GUI stays live, showing a cancellable progress dialog after
    SHOW_AFTER_MS; returns its result or raises its error (Cancelled when the user cancelled)."""
    task = Task(work)
    dialog = QProgressDialog(label, QCoreApplication.translate("Task", "取消"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)

    def show_progress(done: int, total: int, text: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total > 0 else 0)
        if text:
            dialog.setLabelText(text)

    loop = QEventLoop()
    task.progressed.connect(show_progress)
    task.finished.connect(loop.quit)
    dialog.canceled.connect(task.cancel)
    task.start()
    if task.isRunning():
        loop.exec()
    task.wait()
    dialog.close()
    dialog.deleteLater()
    if task.error is not None:
        raise task.error
    return task.result
