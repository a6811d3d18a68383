"""Read and write plain Python values (str, int, bool, date, None) through form widgets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, SignalInstance
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from kongchuo_desktop.gui.combos import select_data
from kongchuo_desktop.gui.domain_labels import label

# A date edit at its minimum date means "not filled in" (shown as its special value text).
EMPTY_DATE = QDate(1900, 1, 1)


def setup_optional_date(edit: QDateEdit, empty_text: str, latest: dt.date | None = None) -> None:
    """Let a date edit be empty (its minimum date, shown as `empty_text`) and end at `latest`."""
    edit.setMinimumDate(EMPTY_DATE)
    edit.setSpecialValueText(empty_text)
    if latest is not None:
        edit.setMaximumDate(QDate(latest.year, latest.month, latest.day))
    edit.setDate(EMPTY_DATE)


def read_widget(widget: QWidget) -> Any:
    """The widget's value: stripped text or None, combo data, int or None (0 = empty), bool, date or None."""
    if isinstance(widget, QLineEdit):
        return widget.text().strip() or None
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip() or None
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QDateEdit):
        date = widget.date()
        return None if date <= EMPTY_DATE else date.toPython()
    if isinstance(widget, QSpinBox):
        return widget.value() or None
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    raise TypeError(f"unsupported widget {type(widget).__name__}")


def write_widget(widget: QWidget, value: Any) -> None:
    """Show `value` in the widget (None clears it); a combo without that value gets it appended."""
    if isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText("" if value is None else str(value))
    elif isinstance(widget, QComboBox):
        if not select_data(widget, value):
            widget.addItem(label(str(value)), value)  # a stored value the list no longer offers stays visible
            widget.setCurrentIndex(widget.count() - 1)
    elif isinstance(widget, QDateEdit):
        widget.setDate(QDate(value.year, value.month, value.day) if value else EMPTY_DATE)
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value or 0))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    else:
        raise TypeError(f"unsupported widget {type(widget).__name__}")


def changed_signal(widget: QWidget) -> SignalInstance:
    """The signal a widget emits when the user changes its value."""
    if isinstance(widget, QLineEdit):
        return widget.textChanged
    if isinstance(widget, QPlainTextEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QDateEdit):
        return widget.dateChanged
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    raise TypeError(f"unsupported widget {type(widget).__name__}")
