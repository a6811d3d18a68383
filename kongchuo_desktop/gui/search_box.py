"""A search box that reports what was typed once typing pauses (debounced), or at once on Enter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit


class SearchBox(QLineEdit):
    """QLineEdit emitting `searchChanged(text)` DELAY_MS after the last keystroke.

    _timer: the single-shot debounce timer, restarted by every edit.
    """

    DELAY_MS = 150
    searchChanged = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS)
        self._timer.timeout.connect(self._emit)
        self.textChanged.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self._emit)

    def _emit(self) -> None:
        self._timer.stop()
        self.searchChanged.emit(self.text())
