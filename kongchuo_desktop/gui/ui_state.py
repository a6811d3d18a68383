"""The user's interface preferences (language, font size, window geometry, table columns) in ui.ini in the data folder."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QMainWindow, QTableView, QTreeView, QWidget

from kongchuo_desktop.paths import data_dir

LANGUAGE_KEY = "ui/language"
FONT_SIZE_KEY = "ui/font_size"
WINDOW_GEOMETRY_KEY = "window/geometry"
WINDOW_STATE_KEY = "window/state"
TABLES_GROUP = "tables"

# Font sizes offered in 设置 (key, label, factor of the standard size). "large" is for older
# staff and old screens; the standard size is already a little above the Windows default.
FONT_SIZES: tuple[tuple[str, str, float], ...] = (
    ("normal", QT_TRANSLATE_NOOP("UiState", "标准"), 1.0),
    ("large", QT_TRANSLATE_NOOP("UiState", "大"), 1.25),
    ("xlarge", QT_TRANSLATE_NOOP("UiState", "特大"), 1.5),
)
DEFAULT_FONT_SIZE = "normal"
# The standard point size, kept on the application object when the bundled font is set up.
BASE_SIZE_PROPERTY = "kongchuoBasePointSize"
# Column widths are written this long after the last drag, not at every pixel.
SAVE_DELAY_MS = 400
# Pixels added to the font height for a table row (as gui/register_view.py does).
ROW_PADDING = 14
# QFont's resolve-mask bit for an explicitly set size (QFont::SizeResolved).
_SIZE_RESOLVED = 0x2


def settings() -> QSettings:
    """The preferences file: ui.ini in the data folder (KONGCHUO_DATA_DIR in tests and self-test)."""
    return QSettings(str(data_dir() / "ui.ini"), QSettings.Format.IniFormat)


# --- font size -----------------------------------------------------------------------------------


def font_size_labels() -> list[tuple[str, str]]:
    """(key, translated label) of every font size, smallest first."""
    return [(key, QCoreApplication.translate("UiState", label)) for key, label, _factor in FONT_SIZES]


def font_size() -> str:
    """The chosen font size key ("normal" when none or an unknown one is stored)."""
    value = str(settings().value(FONT_SIZE_KEY, DEFAULT_FONT_SIZE))
    return value if value in {key for key, _label, _f in FONT_SIZES} else DEFAULT_FONT_SIZE


def _factor(key: str) -> float:
    return next((factor for k, _label, factor in FONT_SIZES if k == key), 1.0)


def base_point_size(app: QApplication) -> float:
    """The standard point size: remembered at start-up (before any font size was applied)."""
    value = app.property(BASE_SIZE_PROPERTY)
    if value is None:
        value = app.font().pointSizeF()
        app.setProperty(BASE_SIZE_PROPERTY, value)
    return float(value)


def point_size_for(key: str, base: float) -> float:
    """The point size of a font size key, rounded to half points."""
    return round(base * _factor(key) * 2) / 2


def apply_font_size(app: QApplication, key: str | None = None) -> float:
    """Make `key` (default: the stored choice) the application's font size, at once for every open
    window; returns the new point size.

    QApplication.setFont reaches every widget that inherits its size. Widgets that set a size of
    their own (page titles) and the fixed row heights of the big tables are scaled by the same ratio.
    """
    key = key or font_size()
    base = base_point_size(app)
    new = point_size_for(key, base)
    old = app.font().pointSizeF()
    if old <= 0 or abs(new - old) < 0.01:
        return old
    font = QFont(app.font())
    font.setPointSizeF(new)
    app.setFont(font)
    # Qt posts the change to the widgets: deliver it now, so that what follows measures the new font.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.ApplicationFontChange)
    ratio = new / old
    for widget in QApplication.allWidgets():
        _scale_widget(widget, ratio)
    return new


def _scale_widget(widget: QWidget, ratio: float) -> None:
    if widget.styleSheet():
        # A widget with a style sheet of its own keeps the font it had when it was polished
        # (the page list, the filter chips): setting the sheet again re-reads the inherited font.
        widget.setStyleSheet(widget.styleSheet())
    own = widget.font()
    if own.resolveMask() & _SIZE_RESOLVED and own.pointSizeF() > 0:
        own.setPointSizeF(round(own.pointSizeF() * ratio * 2) / 2)
        widget.setFont(own)
    if isinstance(widget, QTableView):
        # Qt keeps row heights when the font changes: give every table the height the registers
        # get when made (gui/register_view.py), which at the standard size is Qt's default.
        widget.verticalHeader().setDefaultSectionSize(widget.fontMetrics().height() + ROW_PADDING)
    header = _columns_header(widget)
    if header is not None:
        last = header.count() - 1
        for column in range(header.count()):
            if header.stretchLastSection() and column == last:
                continue
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
                header.resizeSection(column, round(header.sectionSize(column) * ratio))


def set_font_size(key: str, app: QApplication | None = None) -> float:
    """Store a font size choice and apply it now; returns the new point size."""
    if key not in {k for k, _label, _f in FONT_SIZES}:
        raise ValueError(f"unknown font size {key!r}")
    store = settings()
    store.setValue(FONT_SIZE_KEY, key)
    store.sync()
    instance = app or QApplication.instance()
    if not isinstance(instance, QApplication):
        return 0.0
    return apply_font_size(instance, key)


# --- the main window -------------------------------------------------------------------------------


def restore_window(window: QMainWindow) -> bool:
    """Give the window its last size, position and maximised state; False when none was saved
    (or the saved one cannot be used), so the caller picks a default."""
    store = settings()
    geometry = store.value(WINDOW_GEOMETRY_KEY)
    if not isinstance(geometry, QByteArray) or geometry.isEmpty():
        return False
    if not window.restoreGeometry(geometry):
        return False
    state = store.value(WINDOW_STATE_KEY)
    if isinstance(state, QByteArray) and not state.isEmpty():
        window.restoreState(state)
    return True


def save_window(window: QMainWindow) -> None:
    """Remember the window's size, position and maximised state."""
    store = settings()
    store.setValue(WINDOW_GEOMETRY_KEY, window.saveGeometry())
    store.setValue(WINDOW_STATE_KEY, window.saveState())
    store.sync()


# --- table columns -----------------------------------------------------------------------------------


def _columns_header(widget: QWidget) -> QHeaderView | None:
    """The column header of a table or tree view, None for other widgets and hidden headers."""
    if isinstance(widget, QTableView):
        header = widget.horizontalHeader()
    elif isinstance(widget, QTreeView):
        header = widget.header()
    else:
        return None
    return header if not header.isHidden() and header.count() > 0 else None


def table_views(page: QWidget) -> list[QAbstractItemView]:
    """The page's tables and trees that show a column header, in the order they were made."""
    return [view for view in page.findChildren(QAbstractItemView) if _columns_header(view) is not None]


class TableMemory(QObject):
    """Remembers one view's column widths and sort order under `tables/<key>` in ui.ini.

    The saved widths are restored when made (only if the number of columns still matches); every
    later change is written SAVE_DELAY_MS after the user stops dragging or clicking.
    """

    def __init__(self, view: QAbstractItemView, key: str) -> None:
        super().__init__(view)
        self.view = view
        self.key = key
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        self.restore()
        header = self.header
        if header is not None:
            header.sectionResized.connect(lambda *_a: self._timer.start())
            header.sortIndicatorChanged.connect(lambda *_a: self._timer.start())

    @property
    def header(self) -> QHeaderView | None:
        """The view's column header."""
        return _columns_header(self.view)

    def _sortable(self) -> bool:
        return isinstance(self.view, (QTableView, QTreeView)) and self.view.isSortingEnabled()

    def restore(self) -> bool:
        """Apply the saved widths and sort order; False when nothing usable was saved."""
        header = self.header
        if header is None:
            return False
        store = settings()
        store.beginGroup(f"{TABLES_GROUP}/{self.key}")
        widths = _ints(store.value("widths"))
        sort = _ints(store.value("sort"))
        store.endGroup()
        if len(widths) != header.count():
            return False
        for column, width in enumerate(widths):
            if width > 0 and header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
                header.resizeSection(column, width)
        if self._sortable() and len(sort) == 2 and 0 <= sort[0] < header.count():
            order = Qt.SortOrder.DescendingOrder if sort[1] else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(sort[0], order)
        return True

    def save(self) -> None:
        """Write the current widths and sort order now."""
        self._timer.stop()
        header = self.header
        if header is None:
            return
        store = settings()
        store.beginGroup(f"{TABLES_GROUP}/{self.key}")
        store.setValue("widths", ",".join(str(header.sectionSize(c)) for c in range(header.count())))
        if self._sortable():
            descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            store.setValue("sort", f"{header.sortIndicatorSection()},{int(descending)}")
        store.endGroup()
        store.sync()

    def flush(self) -> None:
        """Write a pending change at once (when the window closes)."""
        if self._timer.isActive():
            self.save()


def _ints(value: object) -> list[int]:
    """ "120,80,96" (or the list QSettings may hand back) as numbers; [] when unreadable."""
    parts = value if isinstance(value, list) else str(value or "").split(",")
    try:
        return [int(str(p).strip()) for p in parts if str(p).strip()]
    except ValueError:
        return []


def remember_tables(page: QWidget, page_key: str) -> list[TableMemory]:
    """Remember the column widths and sort order of every table on a page, each under
    `<page_key>/<objectName or its position>`."""
    memories = []
    for position, view in enumerate(table_views(page)):
        name = view.objectName() or str(position)
        memories.append(TableMemory(view, f"{page_key}/{name}"))
    return memories
