"""Settings shared by the big register tables: readable rows, whole-row selection, SQL sorting."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from kongchuo_desktop.gui.paged_table_model import PagedTableModel


def setup_register_view(view: QTableView, model: PagedTableModel) -> None:
    """Attach `model` to `view` with fixed row heights (fast at a million rows) and header sorting
    limited to the columns the model can sort in SQL."""
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setCornerButtonEnabled(False)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    metrics = view.fontMetrics()
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(metrics.height() + 14)
    rows.hide()
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionsClickable(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column, spec in enumerate(model.COLUMNS):
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        # Room for the sort arrow beside the title, and a little padding beside the value.
        width = max(metrics.horizontalAdvance(spec.sample) + 20, metrics.horizontalAdvance(title) + 36)
        header.resizeSection(column, width)
    header.setStretchLastSection(True)
    header.setSortIndicator(model.sort_column, model.sort_order)
    header.setSortIndicatorShown(True)
    view.setSortingEnabled(True)

    def keep_indicator(column: int, _order: Qt.SortOrder) -> None:
        # A column that cannot be sorted in SQL leaves the order (and the arrow) as it was.
        if not model.is_sortable(column):
            header.setSortIndicator(model.sort_column, model.sort_order)

    header.sortIndicatorChanged.connect(keep_indicator)
    # New rows or a new order start at the top: staying deep down would make the view ask for a
    # page far into the new order (an OFFSET of hundreds of thousands) that nobody looks at.
    model.modelReset.connect(view.scrollToTop)
