"""Background tasks: result and errors come back to the GUI thread; cancelling stops the work."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from kongchuo_desktop.gui.tasks import Cancelled, Task, run_with_progress


def test_result_and_progress(qtbot):
    seen = []
    threads = []

    def work(progress):
        threads.append(threading.current_thread())
        for i in range(3):
            progress(i + 1, 3, f"第{i + 1}步")
        return "完成"

    task = Task(work)
    task.progressed.connect(lambda done, total, text: seen.append((done, total, text)))
    with qtbot.waitSignal(task.succeeded) as done:
        task.start()
    task.wait()
    assert done.args == ["完成"]
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen[-1] == (3, 3, "第3步")
    assert threads[0] is not threading.main_thread()


def test_run_with_progress_returns_and_raises(qapp):
    assert run_with_progress(lambda progress: 42, "标题", "说明") == 42
    with pytest.raises(ValueError, match="坏数据"):
        run_with_progress(lambda progress: (_ for _ in ()).throw(ValueError("坏数据")), "标题", "说明")


def test_cancel_stops_the_work(qapp):
    started = threading.Event()

    def work(progress):
        started.set()
        while True:
            progress(1, 10, "")
            threading.Event().wait(0.01)

    def press_cancel():
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        if started.is_set() and dialogs:
            dialogs[-1].findChild(QPushButton).click()  # the dialog's 取消 button
        else:
            QTimer.singleShot(10, press_cancel)

    QTimer.singleShot(10, press_cancel)
    with pytest.raises(Cancelled):
        run_with_progress(work, "标题", "说明")


def test_many_qt_calls_do_not_crash(qapp):
    # Importing kongchuo_desktop.gui compensates PySide6 builds that leak a reference to None per
    # void call and to True per emit(); without it Python 3.11 aborts after a few thousand calls.
    import sys

    from kongchuo_desktop.gui.tasks import Task

    task = Task(lambda progress: None)
    for i in range(20_000):
        task.progressed.emit(i, 20_000, "")
        task.setObjectName("task")
    assert sys.getrefcount(None) > 10_000 and sys.getrefcount(True) > 10_000
