"""Filling combo boxes with (text, data) items and reading the chosen data back."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QComboBox


def fill_combo(combo: QComboBox, items: Iterable[tuple[str, Any]], keep: bool = True) -> None:
    """Replace the items, keeping the chosen data when it is still offered; emits no signals."""
    current = combo.currentData() if keep else None
    blocked = combo.blockSignals(True)
    try:
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        index = combo.findData(current) if current is not None else -1
        combo.setCurrentIndex(max(index, 0))
    finally:
        combo.blockSignals(blocked)


def select_data(combo: QComboBox, data: Any) -> bool:
    """Choose the item holding `data` (the first item when None); False when it is not offered."""
    index = 0 if data is None else combo.findData(data)
    if index < 0:
        return False
    combo.setCurrentIndex(index)
    return True
