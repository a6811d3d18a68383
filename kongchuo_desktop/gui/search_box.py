"""A search box that reports what was typed once typing pauses (debounced), or at once on Enter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtWidgets import QLineEdit


class SearchBox(QLineEdit):
    """QLineEdit emitting `searchChanged(text)` DELAY_MS after the last keystroke.

    _timer: the single-shot debounce timer, restarted by every edit.
    """

    DELAY_MS = 150
    # Its width, in widths of a Chinese character of its own font (so that it grows with 设置 →
    # 字体大小): as wide as the placeholder text within WIDE_CHARS, squeezed to no less than NARROW_CHARS.
    WIDE_CHARS = (12, 30)
    NARROW_CHARS = 8
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

    def _padding(self) -> int:
        # Frame, text margins and the clear button.
        return 2 * self.fontMetrics().horizontalAdvance("中") + 8

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        em = self.fontMetrics().horizontalAdvance("中")
        shortest, longest = self.WIDE_CHARS
        text = self.fontMetrics().horizontalAdvance(self.placeholderText())
        width = min(max(text, shortest * em), longest * em) + self._padding()
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = self.NARROW_CHARS * self.fontMetrics().horizontalAdvance("中") + self._padding()
        return QSize(width, super().minimumSizeHint().height())

    def _emit(self) -> None:
        self._timer.stop()
        self.searchChanged.emit(self.text())
