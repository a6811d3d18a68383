"""The 核查比对 page: run the cross-check for a school year, view each list in a tab, filter, export.

`CrosscheckPage(db, actor)` is self-contained; the main window only adds it to its page list.
The check runs off the GUI thread (gui.tasks); the lists are small (at most a few thousand
people), so each tab's model holds its findings and filters them in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.domain import school_age
from kongchuo_desktop.domain.pinyin import name_keys
from kongchuo_desktop.gui import tasks
from kongchuo_desktop.gui.combos import fill_combo, select_data
from kongchuo_desktop.gui.domain_labels import label
from kongchuo_desktop.gui.flow_layout import FILTER_SPACING, FlowLayout, labelled_pair
from kongchuo_desktop.gui.page_parts import install_find_shortcut, page_title
from kongchuo_desktop.gui.search_box import SearchBox
from kongchuo_desktop.services import crosscheck as cc
from kongchuo_desktop.services import lookups
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.services.sites import site_info
from kongchuo_desktop.store.database import Database

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
Chooser = Callable[[QWidget, str, str], Path | None]
Runner = Callable[[Callable[[tasks.Progress], Any], str, str, QWidget | None], Any]


def school_year_choices(today: dt.date | None = None, back: int = 3, ahead: int = 1) -> list[str]:
    """School years to offer, newest first: the next one, the current one and `back` earlier ones."""
    current = school_age.parse_school_year(school_age.school_year_of(today or dt.date.today()))
    return [f"{y}-{y + 1}" for y in range(current + ahead, current - back - 1, -1)]


def save_xlsx_dialog(parent: QWidget, title: str, suggested: str) -> Path | None:
    """Ask where to save an .xlsx file (the real dialog; tests pass their own chooser)."""
    docs = Path.home() / "Documents"
    start = str(docs / suggested) if docs.is_dir() else suggested
    name, _ = QFileDialog.getSaveFileName(
        parent, title, start, QCoreApplication.translate("CrosscheckPage", "Excel 工作簿 (*.xlsx)")
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


class FindingTableModel(QAbstractTableModel):
    """The findings of one list, filtered by a text; RECORD_ID_ROLE gives the record id.

    findings: the whole list; shown: those matching the filter, in the current sort order.
    """

    HEADERS = (
        QT_TRANSLATE_NOOP("FindingTableModel", "姓名"),
        QT_TRANSLATE_NOOP("FindingTableModel", "性别"),
        QT_TRANSLATE_NOOP("FindingTableModel", "出生日期"),
        QT_TRANSLATE_NOOP("FindingTableModel", "周岁"),
        QT_TRANSLATE_NOOP("FindingTableModel", "身份证件号"),
        QT_TRANSLATE_NOOP("FindingTableModel", "乡镇"),
        QT_TRANSLATE_NOOP("FindingTableModel", "户籍地址"),
        QT_TRANSLATE_NOOP("FindingTableModel", "就读情况"),
        QT_TRANSLATE_NOOP("FindingTableModel", "学校"),
        QT_TRANSLATE_NOOP("FindingTableModel", "年级"),
        QT_TRANSLATE_NOOP("FindingTableModel", "学籍状态"),
        QT_TRANSLATE_NOOP("FindingTableModel", "核查情况"),
    )
    FLAG_COLOUR = QColor("#c0392b")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.findings: tuple[cc.Finding, ...] = ()
        self.shown: list[cc.Finding] = []
        self._text = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_findings(self, findings: Sequence[cc.Finding]) -> None:
        """Show a new list (the filter stays)."""
        self.beginResetModel()
        self.findings = tuple(findings)
        self._apply()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Show only findings matching `text` (all its words, in any shown value)."""
        self.beginResetModel()
        self._text = text.strip()
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        self.shown = [f for f in self.findings if f.matches(self._text)] if self._text else list(self.findings)
        if self._sort is not None and 0 <= self._sort[0] < len(self.HEADERS):
            column, order = self._sort
            self.shown.sort(key=lambda f: self._sort_key(f, column), reverse=order == Qt.SortOrder.DescendingOrder)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 — Qt's signature
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("FindingTableModel", self.HEADERS[section])
        return None

    def values(self, f: cc.Finding) -> list[str]:
        """The texts of one row."""
        return [
            f.name, label(f.sex or ""), f.birth_date.isoformat() if f.birth_date else "",
            "" if f.age is None else str(f.age), f.id_number or "", f.township or "", f.place,
            label(f.situation or ""), f.school or "", label(cc.grade_text(f.grade)), label(f.status or ""), f.detail,
        ]  # fmt: skip

    def _sort_key(self, f: cc.Finding, column: int) -> Any:
        if column == 0:
            return name_keys(f.name)[0]
        if column == 2:
            return f.birth_date or dt.date.min
        if column == 3:
            return -1 if f.age is None else f.age
        if column == 9:
            return f.grade or 0
        return self.values(f)[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.shown):
            return None
        f = self.shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.values(f)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == len(self.HEADERS) - 1:
            return f.detail
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == len(self.HEADERS) - 1 and f.flag:
            return self.FLAG_COLOUR
        if role == RECORD_ID_ROLE:
            return f.record_id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self._sort = (column, order)
        self._apply()
        self.endResetModel()


class CrosscheckPage(QWidget):
    """School year and township on top, a run button, then one tab per list with its count.

    result: the last CrosscheckResult (None before the first run); models: list key → model;
    chooser(parent, title, suggested) asks where to save the export; runner(work, title, label,
    parent) runs work off the GUI thread (gui.tasks.run_with_progress; tests may run it inline).
    checked(result) is emitted after each successful run.
    """

    checked = Signal(object)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        chooser: Chooser | None = None,
        runner: Runner | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.chooser: Chooser = chooser or save_xlsx_dialog
        self.runner: Runner = runner or tasks.run_with_progress
        self.result: cc.CrosscheckResult | None = None
        self.last_export: Path | None = None
        self.models: dict[str, FindingTableModel] = {}
        self.views: dict[str, QTableView] = {}

        top = QHBoxLayout()
        top.addWidget(page_title(self.tr("核查比对")))
        top.addStretch(1)
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.setToolTip(self.tr("把各名单（按当前筛选）导出为 Excel 表格，每个名单一个工作表"))
        self.export_button.setEnabled(False)
        top.addWidget(self.export_button)

        # The controls wrap onto a second row when the window is narrow or the font large.
        controls = FlowLayout(horizontal_spacing=FILTER_SPACING)
        self.year_combo = QComboBox()
        fill_combo(self.year_combo, [(y, y) for y in school_year_choices()])
        self.year_combo.setCurrentIndex(1)  # the current school year (the first offered is the next one)
        controls.addWidget(labelled_pair(self.tr("学年"), self.year_combo))
        self.township_combo = QComboBox()
        self.township_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        controls.addWidget(labelled_pair(self.tr("乡镇"), self.township_combo))
        self.run_button = QPushButton(self.tr("开始核查"))
        self.run_button.setDefault(True)
        self.run_button.setMinimumWidth(96)
        controls.addWidget(self.run_button)
        self.search = SearchBox()
        self.search.setPlaceholderText(self.tr("在名单中查找：姓名、身份证件号、学校、村……"))
        controls.addWidget(self.search, 1)

        self.summary = QLabel(self.tr("选择学年后点“开始核查”：把适龄儿童登记（户籍儿童名单）与学籍逐人比对。"))
        self.summary.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")

        self.tabs = QTabWidget()
        for key in cc.ALL_LISTS:
            model = FindingTableModel(self)
            view = QTableView()
            view.setModel(model)
            view.setAlternatingRowColors(True)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setWordWrap(False)
            view.verticalHeader().hide()
            header = view.horizontalHeader()
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the check's own order until a click
            view.setSortingEnabled(True)
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            header.setStretchLastSection(True)
            metrics = view.fontMetrics()
            widths = (5, 3, 8, 3, 14, 6, 16, 5, 10, 4, 4)
            for column, chars in enumerate(widths):
                header.resizeSection(column, metrics.horizontalAdvance("中" * chars) + 16)
            self.models[key] = model
            self.views[key] = view
            index = self.tabs.addTab(view, "")
            self.tabs.setTabToolTip(index, label(cc.LIST_HINTS[key]))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(controls)
        layout.addWidget(self.summary)
        layout.addWidget(self.hint)
        layout.addWidget(self.tabs, 1)

        self._fill_townships()
        self._update_titles()
        self._show_hint(0)
        self.run_button.clicked.connect(self.run_check)
        self.export_button.clicked.connect(self.export)
        self.search.searchChanged.connect(self.apply_filter)
        self.tabs.currentChanged.connect(self._show_hint)
        install_find_shortcut(self, self.search)

    # --- choices ------------------------------------------------------------------------------------
    def _fill_townships(self) -> None:
        towns = lookups.townships(self._db, self._actor)
        if self._actor.whole_site:
            site = site_info(self._db)
            items: list[tuple[str, Any]] = [(self.tr("全部有登记的乡镇"), None)]
            items += [(t.name, t.id) for t in towns]
            fill_combo(self.township_combo, items)
            if site is not None and site.township_id:
                select_data(self.township_combo, site.township_id)  # a township site checks its own
            self.township_combo.setEnabled(len(items) > 1)
            return
        home = self._home_township()
        fill_combo(self.township_combo, [(t.name, t.id) for t in towns if t.id == home] or [(self.tr("本乡镇"), None)])
        self.township_combo.setEnabled(False)

    def _home_township(self) -> str | None:
        if self._actor.township_id is not None:
            return self._actor.township_id
        if self._actor.school_id is not None:
            for school in lookups.schools(self._db, self._actor):
                if school.id == self._actor.school_id:
                    return school.township_id
        return None

    def school_year(self) -> str:
        """The chosen school year."""
        return str(self.year_combo.currentData())

    def set_school_year(self, school_year: str) -> None:
        """Choose a school year (added to the list when it is not offered)."""
        index = self.year_combo.findData(school_year)
        if index < 0:
            self.year_combo.addItem(school_year, school_year)
            index = self.year_combo.count() - 1
        self.year_combo.setCurrentIndex(index)

    # --- running ------------------------------------------------------------------------------------
    def run_check(self) -> cc.CrosscheckResult | None:
        """Run the check for the chosen year and township; show the lists (or why it failed)."""
        db, actor, year = self._db, self._actor, self.school_year()
        township_id = self.township_combo.currentData() if self._actor.whole_site else None

        def work(progress: tasks.Progress) -> cc.CrosscheckResult:
            return cc.run_crosscheck(db, actor, year, township_id, progress=progress)

        self.run_button.setEnabled(False)
        try:
            result: cc.CrosscheckResult = self.runner(work, self.tr("核查比对"), self.tr("正在核查……"), self)
        except tasks.Cancelled:
            self._say(self.tr("已取消核查。"))
            return None
        except ServiceError as exc:
            self._say(str(exc), error=True)
            return None
        finally:
            self.run_button.setEnabled(True)
        self.show_result(result)
        self.checked.emit(result)
        return result

    def show_result(self, result: cc.CrosscheckResult) -> None:
        """Fill the tabs from a result."""
        self.result = result
        for key, model in self.models.items():
            model.set_findings(result.lists.get(key, ()))
            model.set_filter(self.search.text())
        month, day = result.cutoff
        places = self.tr("、").join(result.townships) or self.tr("（无登记）")
        text = (
            self.tr(
                "%1学年 · %2 · 核对适龄儿童登记 %3 人、学生 %4 人 · 入学年龄截止日期 %5月%6日 · 年级偏差允许 %7 个年级"
            )
            .replace("%1", result.school_year)
            .replace("%2", places)
            .replace("%3", f"{result.children:,}")
            .replace("%4", f"{result.students:,}")
            .replace("%5", str(month))
            .replace("%6", str(day))
            .replace("%7", str(result.tolerance))
        )
        self._say(text + "".join(f"\n⚠ {w}" for w in result.warnings), error=bool(result.warnings))
        self.export_button.setEnabled(True)
        self._update_titles()

    def _say(self, text: str, error: bool = False) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #c0392b;" if error else "")

    # --- filter and titles --------------------------------------------------------------------------
    def apply_filter(self, text: str | None = None) -> None:
        """Filter every list by the search text."""
        value = self.search.text() if text is None else text
        for model in self.models.values():
            model.set_filter(value)
        self._update_titles()

    def _update_titles(self) -> None:
        for index, key in enumerate(cc.ALL_LISTS):
            model = self.models[key]
            total, shown = len(model.findings), len(model.shown)
            count = f"{shown:,}/{total:,}" if shown != total else f"{total:,}"
            title = label(cc.LIST_LABELS[key])
            titled = self.tr("%1（%2）").replace("%1", title).replace("%2", count)
            self.tabs.setTabText(index, titled if self.result is not None else title)

    def _show_hint(self, index: int) -> None:
        if 0 <= index < len(cc.ALL_LISTS):
            self.hint.setText(label(cc.LIST_HINTS[cc.ALL_LISTS[index]]) + self.tr("。"))

    def count_shown(self, key: str) -> int:
        """How many people the tab of list `key` shows."""
        return len(self.models[key].shown)

    # --- export -------------------------------------------------------------------------------------
    def export(self) -> Path | None:
        """Write the lists as shown (filter applied) to an .xlsx file the user picks."""
        result = self.result
        if result is None:
            return None
        place = self.tr("、").join(result.townships)
        suggested = self.tr("%1核查比对_%2.xlsx").replace("%1", place).replace("%2", result.school_year)
        path = self.chooser(self, self.tr("导出核查结果"), suggested)
        if path is None:
            return None
        lists = {key: list(model.shown) for key, model in self.models.items()}
        db, actor = self._db, self._actor

        def work(progress: tasks.Progress) -> list[int]:
            from kongchuo_desktop.services.ledgers import export_crosscheck

            return export_crosscheck(db, actor, result, path, lists, progress)

        try:
            self.runner(work, self.tr("导出核查结果"), self.tr("正在导出……"), self)
        except tasks.Cancelled:
            self._say(self.tr("已取消导出，没有生成文件。"))
            return None
        except ServiceError as exc:
            self._say(str(exc), error=True)
            return None
        except OSError as exc:
            self._say(self.tr("无法写入文件：%1").replace("%1", str(exc.strerror or exc)), error=True)
            return None
        self.last_export = path
        self._say(self.tr("已导出到：%1").replace("%1", str(path)))
        return path
