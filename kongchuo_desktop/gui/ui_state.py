"""The user's interface preferences (language, font size, window geometry) in ui.ini in the data folder."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from kongchuo_desktop.paths import data_dir

LANGUAGE_KEY = "ui/language"
FONT_SIZE_KEY = "ui/font_size"


def settings() -> QSettings:
    """The preferences file: ui.ini in the data folder (KONGCHUO_DATA_DIR in tests and self-test)."""
    return QSettings(str(data_dir() / "ui.ini"), QSettings.Format.IniFormat)
