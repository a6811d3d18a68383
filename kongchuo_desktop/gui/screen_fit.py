"""Opening sizes for windows that never exceed the screen they open on (1366 × 768 laptops)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# The borders and title bar Windows 10 adds to a window at 100 %.
FRAME = QSize(16, 40)


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Give a dialog its opening size, made smaller where the screen (less the taskbar and the
    window's frame) has less room; the user can still make it larger."""
    anchor = window.parentWidget() or window
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry().size() - FRAME
        width, height = min(width, room.width()), min(height, room.height())
    window.resize(width, height)
