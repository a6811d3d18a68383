"""A list of chosen files (proof, photos) in a QListWidget with its add and remove buttons."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QFileDialog, QListWidget, QListWidgetItem, QWidget

FileChooser = Callable[[QWidget], list[str]]


def ask_for_files(parent: QWidget, title: str, file_filter: str) -> list[str]:
    """The files the user picks in the system file dialog (title and filter already translated)."""
    paths, _filter = QFileDialog.getOpenFileNames(parent, title, "", file_filter)
    return list(paths)


class FileList:
    """The chosen files, in order and each once: `paths` mirrors the list widget's rows (the name
    shown, the full path as tooltip); the remove button is enabled while rows are selected.
    `changed()` is called after every add or remove."""

    def __init__(
        self,
        widget: QListWidget,
        add_button: QAbstractButton,
        remove_button: QAbstractButton,
        choose: Callable[[], list[str]],
        changed: Callable[[], None],
    ) -> None:
        self.paths: list[str] = []
        self._widget = widget
        self._remove_button = remove_button
        self._choose = choose
        self._changed = changed
        remove_button.setEnabled(False)
        add_button.clicked.connect(self.add)
        remove_button.clicked.connect(self.remove_selected)
        widget.itemSelectionChanged.connect(lambda: remove_button.setEnabled(bool(widget.selectedItems())))

    def add(self) -> None:
        """Ask for files and list the new ones."""
        for path in self._choose():
            if path and path not in self.paths:
                self.paths.append(path)
                item = QListWidgetItem(Path(path).name)
                item.setToolTip(path)
                self._widget.addItem(item)
        self._changed()

    def remove_selected(self) -> None:
        """Take the selected files off the list."""
        for item in self._widget.selectedItems():
            row = self._widget.row(item)
            self._widget.takeItem(row)
            del self.paths[row]
        self._changed()
