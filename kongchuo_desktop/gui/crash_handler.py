"""Unexpected errors in the desktop app: the traceback goes to a crash log in the data folder, the user
gets one friendly Chinese message that offers to open the log folder, and the app keeps running.

`install(app)` routes every way an error can escape to `CrashHandler.report`: sys.excepthook
(errors in slots and event handlers), threading.excepthook (Python threads), Qt's message
handler (Qt's own warnings go to the log; a fatal message is written to the crash log before Qt
aborts) and faulthandler (a hard crash in native code writes the stacks to fatal.log).

Errors that repeat never pile up dialogs: while the message is open, and for QUIET_S seconds
after it was closed, further errors are only written to the log.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import faulthandler
import logging
import sys
import threading
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from PySide6.QtCore import QObject, QtMsgType, QUrl, Signal, qInstallMessageHandler
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from kongchuo_desktop import APP_NAME, __version__
from kongchuo_desktop.paths import log_dir

log = logging.getLogger(__name__)

CRASH_LOG = "crash.log"
FATAL_LOG = "fatal.log"
# The crash log is cut when it passes this size (the older part kept as crash.log.1).
MAX_LOG_BYTES = 1_000_000
# After the message has been closed, errors within this many seconds are only logged.
QUIET_S = 60.0


def open_folder(path: Path) -> bool:
    """Show a folder in the system's file manager (Explorer on Windows)."""
    path.mkdir(parents=True, exist_ok=True)
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def environment_line() -> str:
    """Program version, Python, Qt and the operating system, for the head of a crash report."""
    import platform

    try:
        import PySide6
        from PySide6.QtCore import qVersion

        qt = f"PySide6 {PySide6.__version__} / Qt {qVersion()}"
    except Exception:  # noqa: BLE001 — a report must never fail for want of a version number
        qt = "Qt ?"
    frozen = "frozen" if getattr(sys, "frozen", False) else "source"
    return (
        f"{APP_NAME} {__version__} ({frozen}) · Python {platform.python_version()} · {qt} · "
        f"{platform.platform()} ({platform.machine() or '?'})"
    )


def write_crash_log(text: str, folder: Path | None = None) -> Path:
    """Append one report (time, versions, `text`) to the crash log and return its path; a log
    past MAX_LOG_BYTES is moved to crash.log.1 first."""
    folder = folder or log_dir()
    path = folder / CRASH_LOG
    if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
        path.replace(path.with_name(CRASH_LOG + ".1"))
    stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    with path.open("a", encoding="utf-8") as out:
        out.write(f"===== {stamp} =====\n{environment_line()}\n{text.rstrip()}\n\n")
    return path


class CrashHandler(QObject):
    """Writes reports and shows the message on the GUI thread.

    reports: how many errors were reported; shown: how many messages were shown; last_log: the
    crash log written last; _busy: a message is open; _quiet_until: monotonic time before
    which no new message is shown. `reported(text)` carries each report to the GUI thread.
    """

    reported = Signal(str)

    def __init__(self, parent: QObject | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.reports = 0
        self.shown = 0
        self.last_log: Path | None = None
        self._busy = False
        self._quiet_until = 0.0
        self._lock = threading.Lock()
        self.reported.connect(self._on_reported)  # queued when emitted from another thread

    # --- receiving errors -----------------------------------------------------------------------
    def report(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None, where: str = "") -> None:
        """Log an unexpected error and (on the GUI thread, not too often) tell the user."""
        text = "".join(traceback.format_exception(kind, exc, tb))
        head = f"Thread: {where or threading.current_thread().name}\n"
        with self._lock:
            self.reports += 1
            try:
                self.last_log = write_crash_log(head + text, self.folder)
            except OSError:
                log.exception("the crash log could not be written")
        log.error("unexpected error (%s)", where or threading.current_thread().name, exc_info=(kind, exc, tb))
        self.reported.emit(text)

    def excepthook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """sys.excepthook: Ctrl+C stays Python's; everything else is reported."""
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        self.report(kind, exc, tb, "main")

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        """threading.excepthook: an error that ended a Python thread."""
        if args.exc_type is SystemExit:
            return
        value = args.exc_value or args.exc_type()
        name = args.thread.name if args.thread is not None else "thread"
        self.report(args.exc_type, value, args.exc_traceback, name)

    def qt_message(self, mode: QtMsgType, context: Any, message: str) -> None:
        """Qt's own messages go to the log; a fatal one also to the crash log (Qt aborts next)."""
        where = f" ({context.file}:{context.line})" if getattr(context, "file", None) else ""
        if mode == QtMsgType.QtFatalMsg:
            with contextlib.suppress(OSError):
                write_crash_log(f"Qt fatal: {message}{where}\n{''.join(traceback.format_stack())}", self.folder)
            log.critical("Qt fatal: %s%s", message, where)
        elif mode == QtMsgType.QtCriticalMsg:
            log.error("Qt: %s%s", message, where)
        elif mode == QtMsgType.QtWarningMsg:
            log.warning("Qt: %s%s", message, where)
        else:
            log.debug("Qt: %s", message)

    # --- telling the user --------------------------------------------------------------------------
    def _on_reported(self, _text: str) -> None:
        if self._busy or time.monotonic() < self._quiet_until:
            return  # one message at a time, and not again at once: the log has every error
        if not isinstance(QApplication.instance(), QApplication):
            return
        self._busy = True
        self.shown += 1
        try:
            self.show_message(self.last_log or (self.folder or log_dir()) / CRASH_LOG)
        finally:
            self._busy = False
            self._quiet_until = time.monotonic() + QUIET_S

    def show_message(self, path: Path) -> None:
        """The friendly message, with a button that opens the log folder (tests replace this)."""
        box = QMessageBox(QApplication.activeWindow() if isinstance(QApplication.activeWindow(), QWidget) else None)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("出错了"))
        box.setText(self.tr("程序遇到一个意外错误，刚才的操作可能没有完成。请检查一下刚才的结果，可以继续使用。"))
        box.setInformativeText(
            self.tr("详细信息已写入日志文件：\n%1\n\n如果问题反复出现，请把这个文件发给技术支持。").replace(
                "%1", str(path)
            )
        )
        open_button = box.addButton(self.tr("打开日志文件夹"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("关闭"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is open_button:
            open_folder(path.parent)


_installed: CrashHandler | None = None
_previous: tuple[Any, Any, Any] | None = None  # sys.excepthook, threading.excepthook, Qt's handler
_fatal_file: IO[str] | None = None


def install(app: QApplication, folder: Path | None = None, native: bool = True) -> CrashHandler:
    """Route unexpected errors to a CrashHandler living on `app` until `uninstall()` (called
    again: the same handler); `native`: also let faulthandler write hard crashes to fatal.log
    (unless something, e.g. pytest, already enabled it)."""
    global _installed, _previous, _fatal_file
    if _installed is not None:
        return _installed
    handler = CrashHandler(app, folder)
    previous_qt = qInstallMessageHandler(handler.qt_message)
    _previous = (sys.excepthook, threading.excepthook, previous_qt)
    sys.excepthook = handler.excepthook
    threading.excepthook = handler.thread_excepthook
    if native and _fatal_file is None and not faulthandler.is_enabled():
        try:
            _fatal_file = (folder or log_dir()).joinpath(FATAL_LOG).open("a", encoding="utf-8")
            faulthandler.enable(_fatal_file, all_threads=True)
        except (OSError, RuntimeError, ValueError):
            _fatal_file = None  # without a log folder a native crash is reported by the system only
    _installed = handler
    return handler


def uninstall() -> None:
    """Give the hooks back to what they were before `install` (the GUI has ended)."""
    global _installed, _previous
    if _installed is None or _previous is None:
        return
    sys.excepthook, threading.excepthook, previous_qt = _previous
    qInstallMessageHandler(previous_qt)
    _installed.deleteLater()
    _installed = None
    _previous = None
