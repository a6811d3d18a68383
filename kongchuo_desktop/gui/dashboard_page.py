"""数据看板: indicator tiles and four charts for the logged-in person's scope, loaded in a worker so
the page opens at once; clicking a tile shows its formula, clicking a bar the list behind it."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCharts import QBarSet, QChart, QChartView
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.domain import indicators as ind
from kongchuo_desktop.gui import dashboard_charts as charts
from kongchuo_desktop.gui import tasks
from kongchuo_desktop.gui.dashboard_list import ListDialog
from kongchuo_desktop.gui.domain_labels import label as domain_label
from kongchuo_desktop.gui.indicator_dialog import IndicatorDialog
from kongchuo_desktop.gui.page_parts import page_title
from kongchuo_desktop.gui.service_errors import show_service_error
from kongchuo_desktop.services import clock
from kongchuo_desktop.services import dashboard as dash
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.services.indicators import BreakdownRow
from kongchuo_desktop.store.database import Database

log = logging.getLogger(__name__)
YEARS_OFFERED = 5

# Loading threads are not children of the page: a QThread destroyed while it runs aborts the
# process, and the page can be deleted (log-out) while it loads. They stay here until they end.
_RUNNING: set[tasks.Task] = set()
_quit_hooked = False


def wait_for_loads(timeout_ms: int = 30_000) -> None:
    """Block until every dashboard load has finished (at quit, and in tests)."""
    for task in list(_RUNNING):
        task.wait(timeout_ms)


def _forget(task: tasks.Task) -> None:
    _RUNNING.discard(task)
    task.deleteLater()


TILE_STYLE = """
QFrame#tile { background: #ffffff; border: 1px solid #d5dbe3; border-radius: 6px; }
QFrame#tile:hover { border-color: #2d6cdf; }
QFrame#tile:focus { border: 2px solid #2d6cdf; }
"""


class Tile(QFrame):
    """A clickable indicator tile: name, big value, one line of explanation. clicked(key)."""

    clicked = Signal(str)

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("tile")
        self.setStyleSheet(TILE_STYLE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumWidth(190)
        layout = QVBoxLayout(self)
        self.name = QLabel(ind.NAMES[key])
        self.value = QLabel("…")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() + 9)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: #5d6d7e;")
        for label in (self.name, self.value, self.detail):
            layout.addWidget(label)
        self.setToolTip(QCoreApplication.translate("Dashboard", "单击查看公式、输入数据和统计口径"))

    def show_indicator(self, item: ind.Indicator) -> None:
        """Show an indicator's value and, below it, its formula inputs or why there is none."""
        self.value.setText(item.value_text)
        if item.value is None:
            self.detail.setText(item.note or "")
            self.value.setStyleSheet("color: #7f8c8d;")
        else:
            self.detail.setText(f"{item.numerator:,} / {item.denominator:,}")
            self.value.setStyleSheet("color: #1a4fb0;")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 — Qt API
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit(self.key)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 — Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.key)
            return
        super().keyPressEvent(event)


class DashboardPage(QWidget):
    """The dashboard page.

    data: the figures last loaded (None until the first load ends); breakdown: the indicators per
    township and school; tiles: key → Tile; views: chart name → QChartView; bar_sets: chart name
    → its QBarSets (clicking one opens the list behind it); dialog: the window opened last (for
    tests); loaded(): a load finished and the page shows it; loading: a load is running.
    """

    loaded = Signal()
    dialogOpened = Signal(QDialog)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.data: dash.Dashboard | None = None
        self.breakdown: list[BreakdownRow] = []
        self.dialog: QDialog | None = None
        self.opened: QDialog | None = None
        self.bar_sets: dict[str, list[QBarSet]] = {}
        self.error: str | None = None
        self._generation = 0
        self._task: tasks.Task | None = None
        self._build()
        self.refresh()

    # --- layout ---------------------------------------------------------------------------------------
    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(page_title(self.tr("数据看板")))
        self.scope_label = QLabel()
        top.addWidget(self.scope_label)
        top.addStretch(1)
        self.status = QLabel()
        self.status.setStyleSheet("color: #5d6d7e;")
        top.addWidget(self.status)
        top.addWidget(QLabel(self.tr("学年：")))
        self.year_combo = QComboBox()
        current = ind.year_of(clock.today())
        for year in range(current, current - YEARS_OFFERED, -1):
            self.year_combo.addItem(f"{year}-{year + 1}", year)
        self.year_combo.setToolTip(self.tr("指标按所选学年计算；当前学年算到今天"))
        top.addWidget(self.year_combo)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_button.setToolTip(self.tr("重新读取数据（F5）"))
        top.addWidget(self.refresh_button)

        tiles = QHBoxLayout()
        self.tiles: dict[str, Tile] = {}
        for key in ind.KEYS:
            tile = Tile(key)
            tile.clicked.connect(self.open_indicator)
            tiles.addWidget(tile, 1)
            self.tiles[key] = tile

        grid = QGridLayout()
        self.views: dict[str, QChartView] = {}
        self.notes: dict[str, QLabel] = {}
        for i, name in enumerate(dash.KINDS):
            view = QChartView()
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(300)
            note = QLabel()
            note.setWordWrap(True)
            note.setStyleSheet("color: #5d6d7e;")
            note.hide()
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(view, 1)
            cell.addWidget(note)
            grid.addLayout(cell, i // 2, i % 2)
            self.views[name] = view
            self.notes[name] = note
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addLayout(tiles)
        inner.addLayout(grid, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.refresh())

    @property
    def year(self) -> int:
        """The school year chosen for the indicators."""
        return int(self.year_combo.currentData())

    @property
    def loading(self) -> bool:
        """Whether a load is running."""
        return self._task is not None

    # --- loading --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the figures again in a worker; the page shows them when they arrive."""
        global _quit_hooked
        self._generation += 1
        generation, year, today = self._generation, self.year, clock.today()
        db, actor = self._db, self._actor

        def work(progress: tasks.Progress) -> tuple[int, dash.Dashboard, list[BreakdownRow]]:
            figures, breakdown = dash.dashboard_and_breakdown(db, actor, today, year, progress)
            return generation, figures, breakdown

        task = tasks.Task(work)
        task.progressed.connect(lambda done, _total, _text, g=generation: self._progressed(g, done))
        task.succeeded.connect(self._arrived)
        task.failed.connect(self._failed)
        task.finished.connect(lambda t=task: _forget(t))
        _RUNNING.add(task)
        app = QCoreApplication.instance()
        if not _quit_hooked and app is not None:
            app.aboutToQuit.connect(wait_for_loads)
            _quit_hooked = True
        self._task = task
        self.status.setText(self.tr("正在读取数据……"))
        self.refresh_button.setEnabled(False)
        task.start()

    def _progressed(self, generation: int, done: int) -> None:
        # The steps of services.dashboard.dashboard_and_breakdown (only when something is computed).
        steps = {
            0: self.tr("正在计算：读取学籍和学籍异动……"),
            1: self.tr("正在计算：指标和图表……"),
            2: self.tr("正在计算：各乡镇、学校的指标……"),
        }
        if generation == self._generation and done in steps:
            self.status.setText(steps[done])

    def _arrived(self, result: tuple[int, dash.Dashboard, list[BreakdownRow]]) -> None:
        generation, figures, breakdown = result
        if generation != self._generation:
            return  # an older load: a newer one is on its way
        self._task = None
        self.error = None
        self.data, self.breakdown = figures, breakdown
        self._show(figures)
        self.refresh_button.setEnabled(True)
        self.status.setText(self.tr("数据截至 %1").replace("%1", f"{figures.today:%Y-%m-%d}"))
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        if self.sender() is not self._task:
            return  # an older load: a newer one is on its way
        self._task = None
        self.refresh_button.setEnabled(True)
        if isinstance(error, ServiceError):
            self.error = str(error)
        else:
            log.error("loading the dashboard failed", exc_info=error)
            self.error = self.tr("读取数据时出错，详细信息已写入日志文件。")
        self.status.setText(self.error)
        self.loaded.emit()

    # --- showing --------------------------------------------------------------------------------------
    def _show(self, figures: dash.Dashboard) -> None:
        tiles = figures.tiles
        self.scope_label.setText(f"　{tiles.scope} · {tiles.period.label}")
        for key, tile in self.tiles.items():
            tile.show_indicator(tiles[key])
        unit = figures.unit
        chart, sets = charts.dropout_chart(figures.months, figures.dropouts)
        for i, bar_set in enumerate(sets):
            bar_set.clicked.connect(lambda month, i=i: self.open_dropouts(i, month))
        self._set_chart(dash.DROPOUTS, chart, sets, None if figures.dropouts else self.tr("近12个月没有新增辍学。"))
        title = self.tr("各乡镇入学率（目标 100%）")
        chart, bar_set = charts.horizontal_chart(title, figures.enrolment, self.tr("入学率"), percent=True, target=100.0)
        bar_set.clicked.connect(lambda index: self.open_enrolment(self._row(figures.enrolment, index)))
        self._set_chart(dash.ENROLMENT, chart, [bar_set], figures.notes.get(dash.ENROLMENT))
        chart, bar_set = charts.vertical_chart(self.tr("特殊群体在籍学生"), figures.groups, self.tr("人数"))
        bar_set.clicked.connect(self.open_group)
        self._set_chart(dash.GROUPS, chart, [bar_set], None)
        overdue = figures.overdue or ()
        title = self.tr("各%1已逾期的走访（个案数）").replace("%1", domain_label(unit))
        chart, bar_set = charts.horizontal_chart(title, overdue, self.tr("个案"))
        bar_set.clicked.connect(lambda index: self.open_overdue(self._row(overdue, index)))
        note = figures.notes.get(dash.OVERDUE) or (None if overdue else self.tr("没有逾期的走访。"))
        self._set_chart(dash.OVERDUE, chart, [bar_set], note)

    @staticmethod
    def _row(bars: Any, index: int) -> int:
        # Horizontal charts list the first bar at the top, i.e. last in the bar set.
        return len(bars) - 1 - index

    def _set_chart(self, name: str, chart: QChart, sets: list[QBarSet], note: str | None) -> None:
        view = self.views[name]
        old = view.chart()
        view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()
        self.bar_sets[name] = sets
        label = self.notes[name]
        label.setText(note or "")
        label.setVisible(bool(note))

    # --- clicking -------------------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(lambda _r, d=dialog: self._forget(d))
        dialog.open()
        self.dialogOpened.emit(dialog)
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def open_indicator(self, key: str) -> IndicatorDialog | None:
        """The formula, inputs and definitions of a tile's indicator."""
        if self.data is None:
            return None
        dialog = IndicatorDialog(self._db, self._actor, self.data.tiles, key, self.breakdown, self)
        dialog.definitionsChanged.connect(self.refresh)
        self._open(dialog)
        return dialog

    def _list(self, kind: str, key: str, month: dt.date | None = None) -> ListDialog | None:
        try:
            listing = dash.list_behind(self._db, self._actor, kind, key, month, self.data.today if self.data else None,
                                       self.year)  # fmt: skip
        except ServiceError as exc:
            show_service_error(self, exc)
            return None
        dialog = ListDialog(listing, self)
        dialog.caseActivated.connect(self.open_case)
        dialog.studentActivated.connect(self.open_student)
        dialog.childActivated.connect(self.open_child)
        self._open(dialog)
        return dialog

    def open_dropouts(self, series_index: int, month_index: int) -> ListDialog | None:
        """The pupils behind one bar segment of the dropout chart."""
        if self.data is None or not 0 <= series_index < len(self.data.dropouts):
            return None
        series = self.data.dropouts[series_index]
        return self._list(dash.DROPOUTS, series.key, self.data.months[month_index])

    def open_enrolment(self, index: int) -> ListDialog | None:
        """The school-age children behind a township's 入学率 bar (not enrolled first)."""
        if self.data is None or not 0 <= index < len(self.data.enrolment):
            return None
        return self._list(dash.ENROLMENT, self.data.enrolment[index].key)

    def open_group(self, index: int) -> ListDialog | None:
        """The pupils of a special group."""
        if self.data is None or not 0 <= index < len(self.data.groups):
            return None
        return self._list(dash.GROUPS, self.data.groups[index].key)

    def open_overdue(self, index: int) -> ListDialog | None:
        """The cases with a visit overdue in one township or school."""
        if self.data is None or not self.data.overdue or not 0 <= index < len(self.data.overdue):
            return None
        return self._list(dash.OVERDUE, self.data.overdue[index].key)

    # --- opening what a list shows --------------------------------------------------------------------
    def open_case(self, case_id: str) -> QDialog | None:
        """A case's window (over the list)."""
        from kongchuo_desktop.gui.case_dialog import CaseDialog

        return self._open_over_list(lambda parent: CaseDialog(self._db, self._actor, case_id, parent))

    def open_student(self, student_id: str) -> QDialog | None:
        """A pupil's 学籍 form (the register's own form; the register refreshes when it is saved)."""
        from kongchuo_desktop.gui.register_page import RegisterPage
        from kongchuo_desktop.gui.student_form import StudentForm

        window = self.window()
        open_page = getattr(window, "existing_page", None)
        register = open_page(RegisterPage) if callable(open_page) else None
        form = self._open_over_list(lambda parent: StudentForm(self._db, self._actor, student_id, parent))
        if register is not None and isinstance(form, StudentForm):
            form.saved.connect(register.after_save)
        return form

    def open_child(self, child_id: str) -> QDialog | None:
        """A child's entry in the children's register."""
        from kongchuo_desktop.gui.child_detail_dialog import ChildDetailDialog

        return self._open_over_list(lambda parent: ChildDetailDialog(self._db, self._actor, child_id, parent))

    def _open_over_list(self, make: Any) -> QDialog | None:
        parent = self.dialog if self.dialog is not None and self.dialog.isVisible() else self
        try:
            dialog: QDialog = make(parent)
        except ServiceError as exc:
            show_service_error(self, exc)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.opened = dialog  # over the list (self.dialog stays the list)
        self.dialogOpened.emit(dialog)
        return dialog
