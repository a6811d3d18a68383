"""Pieces the register pages share: the page title, the "共 N 人" count and Ctrl+F to the search box."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

# Checkable "chips" for multi-select filters: clearly on or off for people new to computers.
CHIP_STYLE = """
QToolButton { padding: 3px 12px; border: 1px solid #aab4c0; border-radius: 12px; background: #ffffff; }
QToolButton:hover { border-color: #2d6cdf; }
QToolButton:checked { background: #2d6cdf; color: #ffffff; border-color: #2d6cdf; }
"""


def page_title(text: str) -> QLabel:
    """A large bold heading at the top of a page."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() + 4)
    font.setBold(True)
    label.setFont(font)
    return label


def count_text(n: int | None) -> str:
    """ "共 1,234 人", or "正在统计人数…" while the count is not known yet (None)."""
    if n is None:
        return QCoreApplication.translate("RegisterPage", "正在统计人数…")
    return QCoreApplication.translate("RegisterPage", "共 %1 人", None, n).replace("%1", f"{n:,}")


def count_label() -> QLabel:
    """The bold label showing how many rows match."""
    label = QLabel()
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def install_find_shortcut(page: QWidget, search: QLineEdit) -> None:
    """Ctrl+F on the page puts the cursor in its search box with the text selected."""

    def focus() -> None:
        search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        search.selectAll()

    shortcut = QShortcut(QKeySequence.StandardKey.Find, page)
    shortcut.activated.connect(focus)
