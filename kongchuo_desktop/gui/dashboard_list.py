"""The list behind a dashboard bar: pupils, children or cases in a table; double-click opens one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.gui.domain_labels import label
from kongchuo_desktop.gui.page_parts import page_title
from kongchuo_desktop.services.dashboard import ListBehind, ListRow

ROW_ROLE = Qt.ItemDataRole.UserRole


class ListDialog(QDialog):
    """A read-only table of one ListBehind.

    listing: what is shown; table: one line per row; studentActivated / caseActivated /
    childActivated(id): a line was double-clicked (or Enter pressed) — a case when the line has
    one, else the pupil, else the child.
    """

    studentActivated = Signal(str)
    caseActivated = Signal(str)
    childActivated = Signal(str)

    def __init__(self, listing: ListBehind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.listing = listing
        self.setWindowTitle(listing.title)
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(listing.title))
        hint = self.tr("双击一行打开：有个案的打开个案，学生打开学籍信息，儿童打开登记信息。")
        if listing.total > len(listing.rows):
            hint += self.tr("只列出前 %1 条（共 %2 条）。").replace("%1", f"{len(listing.rows):,}").replace(
                "%2", f"{listing.total:,}"
            )
        if not listing.rows:
            hint = self.tr("没有记录。")
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.table = QTableWidget(len(listing.rows), len(listing.columns))
        self.table.setHorizontalHeaderLabels([label(c) for c in listing.columns])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        for r, row in enumerate(listing.rows):
            for c, text in enumerate(row.cells):
                item = QTableWidgetItem(label(text))  # statuses and kinds; names pass unchanged
                if c == 0:
                    item.setData(ROW_ROLE, r)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # activated = double-click or Enter (as the platform style says), never both at once.
        self.table.cellActivated.connect(lambda row, _col: self.activate(row))

    def row(self, index: int) -> ListRow:
        """The data of a table line."""
        return self.listing.rows[index]

    def activate(self, index: int) -> None:
        """Open what a line stands for (as a double-click does)."""
        if not 0 <= index < len(self.listing.rows):
            return
        row = self.listing.rows[index]
        if row.case_id:
            self.caseActivated.emit(row.case_id)
        elif row.student_id:
            self.studentActivated.emit(row.student_id)
        elif row.child_id:
            self.childActivated.emit(row.child_id)
