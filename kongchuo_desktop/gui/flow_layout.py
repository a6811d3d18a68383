"""Rows that wrap when the width runs out, so that filter bars fit a 1366 px screen at 大/特大 font sizes."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QSizePolicy, QSpacerItem, QStyle, QWidget

# Room between the filters of a filter bar (a label and its box sit closer together).
FILTER_SPACING = 12


class FlowLayout(QLayout):
    """Left to right, wrapping; each row is as tall as its tallest item, items centred in it.

    Like QHBoxLayout, an item added with a stretch (`addWidget(w, stretch)`, `addStretch(n)`) shares
    out the room left over on its row; a stretch added with addStretch is an empty item that pushes
    what follows it to the right end of the row while they fit there. An item never gets more than
    its size hint unless it has a stretch, and never less than its minimum size; one wider than the
    whole row is squeezed to the row's width (down to its minimum).

    _items: the layout items in order; _stretch: item → stretch factor (identity of the item);
    _horizontal_spacing: the room between items of a row (-1: as between rows, `spacing`).
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = -1, horizontal_spacing: int = -1) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: dict[int, int] = {}
        self._horizontal_spacing = horizontal_spacing
        if spacing >= 0:
            self.setSpacing(spacing)
        if parent is None:
            self.setContentsMargins(0, 0, 0, 0)

    # --- filling -------------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)
        self.invalidate()

    def addWidget(self, widget: QWidget, stretch: int = 0) -> None:  # type: ignore[override]  # noqa: N802
        """Add a widget; with a stretch it takes a share of the room left on its row."""
        super().addWidget(widget)
        if stretch > 0 and self._items:
            self._stretch[id(self._items[-1])] = stretch

    def addStretch(self, stretch: int = 1) -> None:  # noqa: N802 - named as QBoxLayout's
        """An empty item taking a share of the room left on its row (pushes the rest to the right)."""
        spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.addItem(spacer)
        self._stretch[id(spacer)] = stretch

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self._stretch.pop(id(item), None)
        self.invalidate()
        return item

    # --- sizes ---------------------------------------------------------------------------------
    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation.Horizontal if self._stretch else Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        """The widest single item (everything else can wrap below it)."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Everything on one row."""
        width = height = 0
        previous: QLayoutItem | None = None
        for item in self._shown():
            hint = item.sizeHint()
            width += hint.width() + self._gap(previous, item)
            height = max(height, hint.height())
            previous = item
        return QSize(width, height).grownBy(self.contentsMargins())

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    # --- arranging -------------------------------------------------------------------------------
    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty() or item.spacerItem() is not None]

    def _spacing(self, orientation: Qt.Orientation) -> int:
        if orientation == Qt.Orientation.Horizontal and self._horizontal_spacing >= 0:
            return self._horizontal_spacing
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parent()
        if isinstance(parent, QLayout):
            return max(parent.spacing(), 0)
        widget = parent if isinstance(parent, QWidget) else None
        style = widget.style() if widget is not None else None
        if style is None:
            return 6
        metric = (
            QStyle.PixelMetric.PM_LayoutHorizontalSpacing
            if orientation == Qt.Orientation.Horizontal
            else QStyle.PixelMetric.PM_LayoutVerticalSpacing
        )
        return max(style.pixelMetric(metric, None, widget), 0)

    def _gap(self, previous: QLayoutItem | None, item: QLayoutItem) -> int:
        # No spacing around a stretch: it is not something one sees.
        if previous is None or previous.spacerItem() is not None or item.spacerItem() is not None:
            return 0
        return self._spacing(Qt.Orientation.Horizontal)

    def _arrange(self, rect: QRect, apply: bool) -> int:
        """Place the items in `rect` (or only measure, apply=False); returns the height used."""
        area = rect.marginsRemoved(self.contentsMargins())
        available = max(area.width(), 1)
        rows: list[list[tuple[QLayoutItem, int]]] = [[]]
        used = 0
        for item in self._shown():
            width = max(item.minimumSize().width(), min(item.sizeHint().width(), available))
            row = rows[-1]
            gap = self._gap(row[-1][0] if row else None, item)
            if row and item.spacerItem() is None and used + gap + width > available:
                rows.append([])
                row, gap, used = rows[-1], 0, 0
            row.append((item, width))
            used += gap + width
        y = area.y()
        vertical = self._spacing(Qt.Orientation.Vertical)
        for index, row in enumerate(r for r in rows if r):
            if index:
                y += vertical
            y += self._place_row(row, QPoint(area.x(), y), available, apply)
        return y - area.y() + self.contentsMargins().top() + self.contentsMargins().bottom()

    def _place_row(self, row: list[tuple[QLayoutItem, int]], origin: QPoint, available: int, apply: bool) -> int:
        """Lay one row out from `origin`; returns its height."""
        widths = [width for _item, width in row]
        gaps = [self._gap(row[i - 1][0] if i else None, item) for i, (item, _w) in enumerate(row)]
        spare = available - sum(widths) - sum(gaps)
        stretches = [self._stretch.get(id(item), 0) for item, _w in row]
        total = sum(stretches)
        if spare > 0 and total:
            shares = [spare * s // total for s in stretches]
            for i, share in enumerate(shares):
                widths[i] = min(widths[i] + share, max(row[i][0].maximumSize().width(), widths[i]))
        heights = []
        for (item, _w), width in zip(row, widths, strict=True):
            hint = item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()
            heights.append(max(hint, item.minimumSize().height()))
        height = max(heights, default=0)
        if apply:
            x = origin.x()
            for (item, _w), width, item_height, gap in zip(row, widths, heights, gaps, strict=True):
                x += gap
                top = origin.y() + (height - item_height) // 2
                item.setGeometry(QRect(x, top, width, item_height))
                x += width
        return height


def kept_together(*widgets: QWidget) -> QWidget:
    """Widgets that belong together (a check box and its date), on one row of a FlowLayout."""
    group = QWidget()
    layout = QHBoxLayout(group)
    layout.setContentsMargins(QMargins())
    for widget in widgets:
        layout.addWidget(widget)
    return group


def labelled_pair(text: str, widget: QWidget) -> QWidget:
    """A label and the widget it names, kept together on one row of a FlowLayout."""
    label = QLabel(text)
    label.setBuddy(widget)
    return kept_together(label, widget)


def wrapping_label(text: str) -> QLabel:
    """A label that breaks onto more lines rather than make its row wider than the window."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label
