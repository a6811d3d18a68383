"""Start-up timing: with KONGCHUO_EXIT_WHEN_READY set, report when the main window is usable, then quit.

tests/bench/startup.py starts the real app with the variable set and measures from process
start to the line this module prints. "Usable" = the window has painted once and the event loop
has come back idle (a zero-time timer fired after the first paint). Value "1" prints
`KONGCHUO_READY <unix time>` on stdout; any other value is a file to write that line to (for the
windowed Windows build, which has no stdout). Without the variable `arm` does nothing.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

ENV = "KONGCHUO_EXIT_WHEN_READY"
MARK = "KONGCHUO_READY"


class _Probe(QObject):
    """Waits for the window's first paint, then for the event loop to run dry once."""

    def __init__(self, window: QWidget, target: str) -> None:
        super().__init__(window)
        self._target = target
        self._painted = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            QTimer.singleShot(0, self._ready)
        return False

    def _ready(self) -> None:
        line = f"{MARK} {time.time():.6f}"
        if self._target == "1" or not self._target:
            if sys.stdout is not None:
                print(line, flush=True)
        else:
            with open(self._target, "a", encoding="utf-8") as out:
                out.write(line + "\n")
        QCoreApplication.quit()


def arm(window: QWidget) -> bool:
    """Call once after the main window is shown; True when the probe is armed (variable set)."""
    target = os.environ.get(ENV)
    if not target or window.property("kongchuoReadyProbe"):
        return False
    window.setProperty("kongchuoReadyProbe", True)
    _Probe(window, target)
    window.update()  # a paint is due anyway; make sure one is scheduled after the filter exists
    return True
