"""The application icon (resources/icons/kongchuo-*.png, drawn by resources/icons/make_icon.py)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from kongchuo_desktop.paths import resource

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The icon at every size we ship (Qt picks the best one for title bar, taskbar, Alt+Tab).

    Empty (isNull) only when the files are missing; callers may set it anyway.
    """
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource("icons", f"kongchuo-{size}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon
