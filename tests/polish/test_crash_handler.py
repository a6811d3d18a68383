"""The crash handler: a traceback in the crash log with time, version and platform; one message, however
often the error repeats; errors of other threads too; Qt's own warnings only logged."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import qWarning
from PySide6.QtWidgets import QPushButton

from kongchuo_desktop import __version__
from kongchuo_desktop.gui import crash_handler
from kongchuo_desktop.gui.crash_handler import CrashHandler


@pytest.fixture
def handler(qapp, monkeypatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The crash handler installed as the app installs it, its message recorded instead of shown."""
    shown: list[Path] = []
    monkeypatch.setattr(CrashHandler, "show_message", lambda self, path: shown.append(path))
    installed = crash_handler.install(qapp, folder=tmp_path, native=False)
    installed.shown_paths = shown
    yield installed
    crash_handler.uninstall()


def boom() -> None:
    raise ValueError("按钮里的意外错误")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_told_once(qtbot, handler, tmp_path):
    button = QPushButton("试一下")
    qtbot.addWidget(button)
    button.clicked.connect(boom)
    button.click()
    button.click()  # the same error again: logged, but no second message
    assert handler.reports == 2
    assert handler.shown == 1 and handler.shown_paths == [tmp_path / crash_handler.CRASH_LOG]
    log = (tmp_path / crash_handler.CRASH_LOG).read_text(encoding="utf-8")
    assert log.count("ValueError: 按钮里的意外错误") == 2
    assert "Traceback (most recent call last)" in log and "in boom" in log
    assert __version__ in log and "Python" in log and "Qt" in log
    assert log.startswith("===== 20")  # the time


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_thread_is_reported_on_the_gui_thread(qtbot, handler, tmp_path):
    thread = threading.Thread(target=boom, name="导出线程")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: handler.shown == 1)
    log = (tmp_path / crash_handler.CRASH_LOG).read_text(encoding="utf-8")
    assert "Thread: 导出线程" in log and "ValueError" in log


def test_a_new_message_after_the_quiet_time(qtbot, handler, monkeypatch):
    handler.report(ValueError, ValueError("一"), None)
    handler.report(ValueError, ValueError("二"), None)
    assert handler.shown == 1
    monkeypatch.setattr(crash_handler, "QUIET_S", 0.0)
    handler._quiet_until = 0.0
    handler.report(ValueError, ValueError("三"), None)
    assert handler.shown == 2


def test_qt_warnings_go_to_the_log_without_a_message(qtbot, handler, caplog, tmp_path):
    with caplog.at_level("WARNING", logger="kongchuo_desktop.gui.crash_handler"):
        handler.qt_message(crash_handler.QtMsgType.QtWarningMsg, None, "QFont::setPointSizeF: 不合法")
    assert "不合法" in caplog.text
    assert handler.shown == 0 and not (tmp_path / crash_handler.CRASH_LOG).exists()
    qWarning("直接来自 Qt 的警告")  # routed through the installed handler without raising


def test_the_crash_log_is_cut_when_large(tmp_path, monkeypatch):
    monkeypatch.setattr(crash_handler, "MAX_LOG_BYTES", 100)
    crash_handler.write_crash_log("x" * 200, tmp_path)
    crash_handler.write_crash_log("第二次", tmp_path)
    assert "第二次" in (tmp_path / "crash.log").read_text(encoding="utf-8")
    assert "x" * 200 in (tmp_path / "crash.log.1").read_text(encoding="utf-8")


def test_uninstall_gives_the_hooks_back(qapp, tmp_path):
    before = (sys.excepthook, threading.excepthook)
    installed = crash_handler.install(qapp, folder=tmp_path, native=False)
    assert sys.excepthook == installed.excepthook
    assert crash_handler.install(qapp, folder=tmp_path, native=False) is installed
    crash_handler.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
