"""The five pages of the import wizard (gui.import_wizard): file, sheet, mapping, preview, write."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from kongchuo_desktop.gui import tasks
from kongchuo_desktop.gui.domain_labels import label as domain_label
from kongchuo_desktop.gui.import_wizard import ProgressPanel, error_text
from kongchuo_desktop.importing import Rejection
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.services.import_source import (
    ColumnChoice,
    ImportSource,
    columns_of,
    confirm_mapping,
    duplicated_fields,
    field_choices,
    implied_fields,
    mapping_from,
    missing_required,
)
from kongchuo_desktop.services.roster_import import (
    KINDS,
    ImportPreview,
    ImportSummary,
    apply_import,
    preview_import,
    require_import,
)

if TYPE_CHECKING:
    from kongchuo_desktop.gui.import_wizard import ImportWizard

ERROR_STYLE = "color: #b00020;"
MAX_LISTED_PLACES = 30
PREVIEW_ROWS = 12


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class _Page(QWizardPage):
    """A page that knows its wizard and is incomplete while a step runs."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.panel = ProgressPanel(self)
        self.error_label = _error_label()

    def ready(self) -> bool:
        """Whether the page itself allows going on (besides no step running)."""
        return True

    def isComplete(self) -> bool:  # noqa: N802 — Qt's name
        return not self.wiz.busy and self.ready()

    def fail(self, exc: BaseException) -> None:
        """Show why a step failed (a cancel is not an error)."""
        if isinstance(exc, tasks.Cancelled):
            _show_error(self.error_label, "")
            return
        _show_error(self.error_label, error_text(exc))


# --- 1. file ----------------------------------------------------------------------------------------


class FilePage(_Page):
    """Step 1: what kind of file, and which file."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(QCoreApplication.translate("ImportWizard", "第一步：选择要导入的文件"))
        self.setSubTitle(
            QCoreApplication.translate(
                "ImportWizard",
                "可以导入学校导出的学籍名册，或派出所、村委会提供的适龄儿童名单。支持 Excel（.xlsx、.xls）、WPS（.et）和 CSV 文件。",
            )
        )
        self.roster_radio = QRadioButton(QCoreApplication.translate("ImportWizard", "学籍名册（在校学生）"))
        self.children_radio = QRadioButton(
            QCoreApplication.translate("ImportWizard", "适龄儿童登记表（本乡镇 6–15 周岁的儿童）")
        )
        group = QButtonGroup(self)
        group.addButton(self.roster_radio)
        group.addButton(self.children_radio)
        (self.children_radio if wizard.kind == "children" else self.roster_radio).setChecked(True)
        self.roster_radio.toggled.connect(self._kind_changed)

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(QCoreApplication.translate("ImportWizard", "点“选择文件…”找到要导入的表格"))
        self.path_edit.textChanged.connect(self._path_changed)
        self.browse_button = QPushButton(QCoreApplication.translate("ImportWizard", "选择文件…"))
        self.browse_button.clicked.connect(self.browse)

        kinds = QGroupBox(QCoreApplication.translate("ImportWizard", "要导入的是"))
        kinds_layout = QVBoxLayout(kinds)
        kinds_layout.addWidget(self.roster_radio)
        kinds_layout.addWidget(self.children_radio)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        hint = QLabel(
            QCoreApplication.translate(
                "ImportWizard",
                "提示：导入前会自动备份数据库。导入时按身份证件号（没有的按学籍号）找到台账里的同一个人，只更新有变化的项目；表中空着的单元格不会清除台账里已有的内容。",
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(kinds)
        layout.addSpacing(8)
        layout.addWidget(QLabel(QCoreApplication.translate("ImportWizard", "文件：")))
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(hint)
        layout.addWidget(self.panel)
        self._ready_for: tuple[str, str] | None = None

    @property
    def kind(self) -> str:
        """ "roster" or "children" as chosen."""
        return "children" if self.children_radio.isChecked() else "roster"

    def browse(self) -> None:
        """Ask for the file (the wizard's choose_file)."""
        path = self.wiz.choose_file(self, QCoreApplication.translate("ImportWizard", "选择要导入的文件"))
        if path is not None:
            self.path_edit.setText(str(path))

    def _kind_changed(self) -> None:
        self.wiz.kind = self.kind
        self._ready_for = None
        _show_error(self.error_label, "")

    def _path_changed(self) -> None:
        self._ready_for = None
        _show_error(self.error_label, "")
        self.completeChanged.emit()

    def ready(self) -> bool:  # noqa: D102
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:  # noqa: N802 — Qt's name
        path = Path(self.path_edit.text().strip())
        kind = self.kind
        key = (str(path), kind)
        if self._ready_for == key and self.wiz.source is not None:
            return True
        try:
            require_import(self.wiz.actor, kind)
        except ServiceError as exc:
            _show_error(self.error_label, str(exc))
            return False
        _show_error(self.error_label, "")
        self.wiz.kind = kind
        db = self.wiz.db

        def work(progress: tasks.Progress) -> ImportSource:
            progress(0, 0, QCoreApplication.translate("ImportWizard", "正在打开文件……"))
            source = ImportSource(db, path, kind)
            try:
                progress(0, 0, QCoreApplication.translate("ImportWizard", "正在查找表头……"))
                source.locate()
            except BaseException:
                source.close()
                raise
            return source

        def done(source: ImportSource) -> None:
            self.wiz.replace_source(source)
            self._ready_for = key
            self.wiz.advance_later()

        self.wiz.run_step(
            work, self.panel, QCoreApplication.translate("ImportWizard", "正在读取文件……"), done, self.fail
        )
        return False


# --- 2. sheet ---------------------------------------------------------------------------------------


class SheetPage(_Page):
    """Step 2: the sheet holding the table, with its first rows and the header row marked."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(QCoreApplication.translate("ImportWizard", "第二步：确认工作表"))
        self.setSubTitle(
            QCoreApplication.translate(
                "ImportWizard",
                "已自动找到含有“姓名”“身份证件号”等列的工作表，下面是它的前几行。如果不对，请换一个工作表。",
            )
        )
        self.sheet_combo = QComboBox()
        self.sheet_combo.setMinimumWidth(260)
        self.sheet_combo.currentIndexChanged.connect(self._sheet_chosen)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setDefaultSectionSize(110)
        row = QHBoxLayout()
        row.addWidget(QLabel(QCoreApplication.translate("ImportWizard", "工作表：")))
        row.addWidget(self.sheet_combo)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.info_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.panel)
        self._filling = False

    def initializePage(self) -> None:  # noqa: N802 — Qt's name
        source = self.wiz.source
        assert source is not None and source.layout is not None
        self._filling = True
        self.sheet_combo.clear()
        for name in source.sheet_names:
            label = name + (
                QCoreApplication.translate("ImportWizard", "（隐藏）") if name in source.book.hidden else ""
            )
            self.sheet_combo.addItem(label, name)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(source.layout.sheet.name)))
        self._filling = False
        _show_error(self.error_label, "")
        self._show_layout()

    def _chosen_sheet(self) -> str | None:
        data = self.sheet_combo.currentData()
        return str(data) if data is not None else None

    def _sheet_chosen(self) -> None:
        if self._filling:
            return
        source = self.wiz.source
        sheet = self._chosen_sheet()
        if source is None or sheet is None:
            return
        _show_error(self.error_label, "")
        self.completeChanged.emit()

        def work(progress: tasks.Progress) -> Any:
            progress(0, 0, QCoreApplication.translate("ImportWizard", "正在读取工作表……"))
            return source.locate(sheet)

        def failed(exc: BaseException) -> None:
            source.layout = None
            self.fail(exc)
            self._show_rows(sheet)
            self.completeChanged.emit()

        self.wiz.run_step(
            work,
            self.panel,
            QCoreApplication.translate("ImportWizard", "正在读取工作表……"),
            lambda _layout: self._show_layout(),
            failed,
        )

    def _show_layout(self) -> None:
        source = self.wiz.source
        if source is None or source.layout is None:
            return
        layout = source.layout
        rows = sum(1 for r in layout.sheet.rows[layout.data_start :] if any(v not in (None, "") for v in r))
        self.info_label.setText(
            QCoreApplication.translate("ImportWizard", "表头在第 %1 行，下面约有 %2 行数据。", None, rows)
            .replace("%1", str(layout.header_row))
            .replace("%2", f"{rows:,}")
        )
        self._show_rows(layout.sheet.name, layout.header_row_index)
        self.completeChanged.emit()

    def _show_rows(self, sheet: str, header_index: int | None = None) -> None:
        source = self.wiz.source
        if source is None:
            return
        try:
            rows = source.preview_rows(sheet, max(PREVIEW_ROWS, (header_index or 0) + 6))
        except ServiceError as exc:
            _show_error(self.error_label, str(exc))
            rows = []
        width = max((len(r) for r in rows), default=0)
        self.table.clear()
        self.table.setRowCount(len(rows))
        self.table.setColumnCount(width)
        bold = QFont(self.font())
        bold.setBold(True)
        header_brush = QBrush(QColor("#dbe9ff"))
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if r == header_index:
                    item.setFont(bold)
                    item.setBackground(header_brush)
                self.table.setItem(r, c, item)
        self.table.setVerticalHeaderLabels([str(i + 1) for i in range(len(rows))])
        self.table.setHorizontalHeaderLabels([column_letter(c) for c in range(width)])

    def ready(self) -> bool:  # noqa: D102
        source = self.wiz.source
        return source is not None and source.layout is not None and source.layout.sheet.name == self._chosen_sheet()


# --- 3. mapping -------------------------------------------------------------------------------------

_IGNORE = ""


class MappingPage(_Page):
    """Step 3: each column of the file and the field it is imported as."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(QCoreApplication.translate("ImportWizard", "第三步：核对各列的含义"))
        self.setSubTitle(
            QCoreApplication.translate(
                "ImportWizard",
                "左边是文件里的列名和前几行的内容，右边是导入到台账的哪一项。请核对一遍；不需要导入的列选“（不导入）”。",
            )
        )
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("ImportWizard", "文件中的列"),
                QCoreApplication.translate("ImportWizard", "示例内容"),
                QCoreApplication.translate("ImportWizard", "导入为"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(2, 230)
        self.table.verticalHeader().setVisible(False)
        self.problems_label = _error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.panel)
        self.columns: list[ColumnChoice] = []
        self.combos: dict[int, QComboBox] = {}
        self._implied: set[str] = set()
        self._ready_for: Any = None

    def initializePage(self) -> None:  # noqa: N802 — Qt's name
        source = self.wiz.source
        assert source is not None and source.layout is not None
        layout = source.layout
        self.columns = columns_of(layout)
        self._implied = implied_fields(self.wiz.db, self.wiz.actor, self.wiz.kind) | set(layout.defaults)
        choices = field_choices(self.wiz.kind)
        self.table.setRowCount(len(self.columns))
        self.combos = {}
        for r, column in enumerate(self.columns):
            self.table.setItem(r, 0, QTableWidgetItem(column.header))
            sample = QTableWidgetItem(QCoreApplication.translate("ImportWizard", "、").join(column.samples))
            sample.setToolTip("\n".join(column.samples))
            sample.setForeground(QBrush(QColor("#555")))
            self.table.setItem(r, 1, sample)
            combo = QComboBox()
            combo.addItem(QCoreApplication.translate("ImportWizard", "（不导入）"), _IGNORE)
            for field, text in choices:
                combo.addItem(_field_text(text), field)
            combo.setCurrentIndex(max(0, combo.findData(column.field or _IGNORE)))
            combo.currentIndexChanged.connect(self._changed)
            self.combos[column.index] = combo
            self.table.setCellWidget(r, 2, combo)
        mapped = sum(1 for c in self.columns if c.field)
        if source.remembered:
            text = QCoreApplication.translate(
                "ImportWizard", "已按上次确认的对应关系填好（%n 列导入）。如有变化请修改。", None, mapped
            )
        else:
            text = QCoreApplication.translate("ImportWizard", "已自动识别 %n 列。请逐行核对右边的选择。", None, mapped)
        title_note = ""
        if "school_name" in layout.defaults:
            title_note = QCoreApplication.translate(
                "ImportWizard", "表格标题写明了学校“%1”，每一行都按这所学校导入。"
            ).replace("%1", str(layout.defaults["school_name"]))
        self.status_label.setText(text + title_note)
        _show_error(self.error_label, "")
        self._changed()

    def chosen(self) -> dict[int, str | None]:
        """Column index → field as chosen (None = not imported)."""
        return {col: (combo.currentData() or None) for col, combo in self.combos.items()}

    def problems(self) -> list[str]:
        """What stops the import with this mapping."""
        chosen = self.chosen()
        out = []
        missing = missing_required(self.wiz.kind, {f for f in chosen.values() if f}, dict.fromkeys(self._implied))
        if missing:
            out.append(
                QCoreApplication.translate("ImportWizard", "还没有对应的必填项：%1").replace(
                    "%1", QCoreApplication.translate("ImportWizard", "、").join(missing)
                )
            )
        doubled = duplicated_fields(chosen)
        if doubled:
            out.append(
                QCoreApplication.translate("ImportWizard", "这些项目选给了不止一列：%1").replace(
                    "%1", QCoreApplication.translate("ImportWizard", "、").join(doubled)
                )
            )
        return out

    def _changed(self) -> None:
        _show_error(self.problems_label, "\n".join(self.problems()))
        self.completeChanged.emit()

    def ready(self) -> bool:  # noqa: D102
        return bool(self.combos) and not self.problems()

    def validatePage(self) -> bool:  # noqa: N802 — Qt's name
        source = self.wiz.source
        if source is None or source.layout is None:
            return False
        layout = source.layout
        mapping = mapping_from(layout, self.chosen())
        key = (layout.sheet.name, tuple(sorted(mapping.items(), key=lambda kv: kv[0])), self.wiz.kind)
        if self._ready_for == key and self.wiz.preview is not None:
            return True
        _show_error(self.error_label, "")
        wiz = self.wiz
        sheet = layout.sheet.name

        def work(progress: tasks.Progress) -> ImportPreview:
            progress(0, 0, QCoreApplication.translate("ImportWizard", "正在按所选的列读取……"))
            located = source.locate(sheet, mapping)
            return preview_import(wiz.db, wiz.actor, source.path, wiz.kind, layout=located, progress=progress)

        def done(preview: ImportPreview) -> None:
            wiz.preview = preview
            assert source.layout is not None
            try:
                confirm_mapping(wiz.db, source.layout, wiz.kind, mapping)
            except Exception:  # remembering is a convenience; never block the import for it
                import logging

                logging.getLogger(__name__).warning("could not remember the column mapping", exc_info=True)
            self._ready_for = key
            wiz.advance_later()

        wiz.run_step(work, self.panel, QCoreApplication.translate("ImportWizard", "正在检查每一行……"), done, self.fail)
        return False


# --- 4. preview -------------------------------------------------------------------------------------


class RejectionModel(QAbstractTableModel):
    """Refused rows (and notes) as plain tuples: 文件, 工作表, 行, 列, 原因."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ImportWizard", "文件"),
        QT_TRANSLATE_NOOP("ImportWizard", "工作表"),
        QT_TRANSLATE_NOOP("ImportWizard", "行"),
        QT_TRANSLATE_NOOP("ImportWizard", "列"),
        QT_TRANSLATE_NOOP("ImportWizard", "原因"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, str, int, str, str, bool]] = []

    def set_rows(self, file_name: str, rejected: list[Rejection], notes: list[Rejection]) -> None:
        """Replace the rows (one reset)."""
        self.beginResetModel()
        self.rows = [(file_name, r.sheet, r.row, r.column, r.message, False) for r in rejected]
        self.rows += [
            (
                file_name,
                r.sheet,
                r.row,
                r.column,
                QCoreApplication.translate("ImportWizard", "提示：") + r.message,
                True,
            )
            for r in notes
        ]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("ImportWizard", self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return str(row[index.column()])
        if role == Qt.ItemDataRole.ForegroundRole and row[5]:
            return QBrush(QColor("#666"))
        return None


class PreviewPage(_Page):
    """Step 4: counts, the places to add, the refused rows and their report; nothing written yet."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(QCoreApplication.translate("ImportWizard", "第四步：检查导入预览"))
        self.setSubTitle(
            QCoreApplication.translate(
                "ImportWizard", "下面是导入后台账会发生的变化。现在数据库还没有任何改动，点“开始导入”才会写入。"
            )
        )
        self.setCommitPage(True)
        self.counts_label = QLabel()
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.25)
        big.setBold(True)
        self.counts_label.setFont(big)
        self.places_box = QGroupBox(QCoreApplication.translate("ImportWizard", "台账中还没有的学校和班级"))
        self.places_label = QLabel()
        self.places_label.setWordWrap(True)
        self.places_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_places_check = QCheckBox()
        self.add_places_check.setChecked(True)
        self.add_places_check.toggled.connect(self._update_counts)
        places_layout = QVBoxLayout(self.places_box)
        places_layout.addWidget(self.places_label)
        places_layout.addWidget(self.add_places_check)
        self.rejected_label = QLabel()
        self.model = RejectionModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 150), (1, 90), (2, 50), (3, 110)):
            self.view.setColumnWidth(col, width)
        self.save_button = QPushButton(QCoreApplication.translate("ImportWizard", "把未导入的行保存为表格…"))
        self.save_button.setToolTip(
            QCoreApplication.translate(
                "ImportWizard", "保存后可以发回学校修改：原来的行、有问题的单元格标红，并写明原因。"
            )
        )
        self.save_button.clicked.connect(self.save_report)
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.saved_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts_label)
        layout.addSpacing(4)
        layout.addWidget(self.places_box)
        layout.addWidget(self.rejected_label)
        layout.addWidget(self.view, 1)
        # Takes the room of the table when there is nothing to list, so the rest stays at the top.
        self.filler = QWidget()
        self.filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.filler, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.error_label)
        self.panel.hide()
        self.has_places = False

    @property
    def add_places(self) -> bool:
        """Whether the new schools, classes and townships are to be added."""
        return not self.has_places or self.add_places_check.isChecked()

    def initializePage(self) -> None:  # noqa: N802 — Qt's name
        preview = self.wiz.preview
        assert preview is not None
        plan = preview.plan
        names = [s.name for s in plan.new_schools] + [t.name for t in plan.new_townships]
        lines = []
        if plan.new_schools:
            lines.append(
                QCoreApplication.translate("ImportWizard", "新学校 %1 所：%2")
                .replace("%1", str(len(plan.new_schools)))
                .replace("%2", self._listed([s.name for s in plan.new_schools]))
            )
        if plan.new_townships:
            lines.append(
                QCoreApplication.translate("ImportWizard", "新乡镇 %1 个：%2")
                .replace("%1", str(len(plan.new_townships)))
                .replace("%2", self._listed([t.name for t in plan.new_townships]))
            )
        if plan.new_classes:
            lines.append(
                QCoreApplication.translate("ImportWizard", "新") + classes_line([c.label for c in plan.new_classes])
            )
        self.places_label.setText("\n".join(lines))
        needing = preview.rows_needing_new_places
        if names:
            self.add_places_check.setText(
                QCoreApplication.translate(
                    "ImportWizard",
                    "导入时添加这些学校、乡镇和班级（不添加的话，属于新学校或新乡镇的 %n 行不导入）",
                    None,
                    needing,
                )
            )
        else:
            self.add_places_check.setText(QCoreApplication.translate("ImportWizard", "导入时添加这些班级"))
        self.add_places_check.setChecked(True)
        self.has_places = bool(lines)
        self.places_box.setVisible(self.has_places)
        rejected = preview.rejected
        self.model.set_rows(preview.file_name, rejected, preview.plan.notes)
        self.rejected_label.setText(
            QCoreApplication.translate(
                "ImportWizard", "未导入的行（%1 行）：改正后可以再次导入，已导入的不会重复。"
            ).replace("%1", str(preview.rejected_rows))
            if rejected
            else QCoreApplication.translate("ImportWizard", "所有行都可以导入。")
        )
        listed = bool(rejected or preview.plan.notes)
        self.view.setVisible(listed)
        self.filler.setVisible(not listed)
        self.save_button.setEnabled(bool(rejected))
        self.save_button.setVisible(bool(rejected))
        self.saved_label.clear()
        _show_error(self.error_label, "")
        self._update_counts()

    @staticmethod
    def _listed(names: list[str]) -> str:
        shown = QCoreApplication.translate("ImportWizard", "、").join(names[:MAX_LISTED_PLACES])
        return shown + (QCoreApplication.translate("ImportWizard", "等") if len(names) > MAX_LISTED_PLACES else "")

    def _update_counts(self) -> None:
        preview = self.wiz.preview
        if preview is None:
            return
        new, updated, rejected = preview.new, preview.updated, preview.rejected_rows
        if not self.add_places:
            # Without the new schools / townships their rows are refused when written.
            places = {s.id for s in preview.plan.new_schools} | {t.id for t in preview.plan.new_townships}
            new_in = sum(1 for row in preview.plan.rows if row.action == "new" and row.place in places)
            updated_in = sum(1 for row in preview.plan.rows if row.action == "updated" and row.place in places)
            new, updated, rejected = new - new_in, updated - updated_in, rejected + new_in + updated_in
        text = QCoreApplication.translate(
            "ImportWizard", "新增 %1 人　更新 %2 人　无变化 %3 人　未导入 %4 行", None, rejected
        )
        for key, value in (("%1", new), ("%2", updated), ("%3", preview.unchanged), ("%4", rejected)):
            text = text.replace(key, f"{value:,}")
        if not preview.writes:
            text += QCoreApplication.translate("ImportWizard", "（没有需要写入的变化）")
        self.counts_label.setText(text)
        self.completeChanged.emit()

    def ready(self) -> bool:  # noqa: D102
        preview = self.wiz.preview
        return preview is not None and preview.new + preview.updated + preview.unchanged > 0

    def save_report(self) -> None:
        """Save the refused rows as .xlsx (chosen with the wizard's choose_save)."""
        preview = self.wiz.preview
        if preview is None:
            return
        suggested = str(
            preview.path.with_name(
                QCoreApplication.translate("ImportWizard", "%1-未导入的行.xlsx").replace("%1", preview.path.stem)
            )
        )
        path = self.wiz.choose_save(self, QCoreApplication.translate("ImportWizard", "保存未导入的行"), suggested)
        if path is None:
            return
        try:
            saved = preview.write_report(path)
        except OSError as exc:
            _show_error(self.error_label, error_text(exc))
            return
        self.saved_label.setText(QCoreApplication.translate("ImportWizard", "已保存到：%1").replace("%1", str(saved)))


# --- 5. write ---------------------------------------------------------------------------------------


class WritePage(_Page):
    """Step 5: the write, with progress and cancel; then what was done."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(QCoreApplication.translate("ImportWizard", "第五步：写入台账"))
        self.setSubTitle(
            QCoreApplication.translate("ImportWizard", "正在写入，请稍候。写入过程中可以取消，取消后数据库保持原样。")
        )
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(self.result_label)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        self.finished_writing = False
        self.outcome: str | None = None

    def initializePage(self) -> None:  # noqa: N802 — Qt's name
        wiz = self.wiz
        preview = wiz.preview
        assert preview is not None
        add_places = wiz.preview_page.add_places
        self.finished_writing = False
        self.outcome = None
        self.result_label.clear()
        _show_error(self.error_label, "")

        def work(progress: tasks.Progress) -> ImportSummary:
            return apply_import(wiz.db, wiz.actor, preview, create_schools=add_places, progress=progress)

        wiz.run_step(
            work,
            self.panel,
            QCoreApplication.translate("ImportWizard", "正在准备……"),
            self._done,
            self._failed,
            show_now=True,
        )

    def _done(self, summary: ImportSummary) -> None:
        self.wiz.summary = summary
        self.finished_writing = True
        self.outcome = "written" if summary.written else "nothing"
        self.panel.report(1, 1, QCoreApplication.translate("ImportWizard", "完成"))
        self.result_label.setText(summary_text(summary))
        self.setSubTitle(QCoreApplication.translate("ImportWizard", "导入已完成。"))
        self.completeChanged.emit()
        if summary.written:
            self.wiz.imported.emit(summary)

    def _failed(self, exc: BaseException) -> None:
        self.finished_writing = True
        self.panel.report(
            0,
            1,
            QCoreApplication.translate("ImportWizard", "已取消")
            if isinstance(exc, tasks.Cancelled)
            else QCoreApplication.translate("ImportWizard", "未完成"),
        )
        if isinstance(exc, tasks.Cancelled):
            self.outcome = "cancelled"
            self.result_label.setText(QCoreApplication.translate("ImportWizard", "已取消导入，数据库没有任何改动。"))
            self.setSubTitle(QCoreApplication.translate("ImportWizard", "导入已取消。"))
        else:
            self.outcome = "failed"
            self.setSubTitle(QCoreApplication.translate("ImportWizard", "导入没有完成，数据库没有任何改动。"))
            _show_error(self.error_label, error_text(exc))
        self.completeChanged.emit()

    def ready(self) -> bool:  # noqa: D102
        return self.finished_writing


def column_letter(index: int) -> str:
    """The Excel column name of a 0-based column index (0 → A, 26 → AA)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def classes_line(labels: list[str]) -> str:
    """New classes counted per school ("班级 12 个：金河镇中心学校 8 个、…"): the full list of a
    large import would fill the page. Labels are NewClass.label ("学校 3年级2班")."""
    per_school: dict[str, int] = {}
    for text in labels:
        school = text.rsplit(" ", 1)[0]
        per_school[school] = per_school.get(school, 0) + 1
    if len(per_school) == 1 and len(labels) <= 12:
        shown = QCoreApplication.translate("ImportWizard", "、").join(t.rsplit(" ", 1)[-1] for t in labels)
        return (
            QCoreApplication.translate("ImportWizard", "班级 %1 个：%2 %3")
            .replace("%1", str(len(labels)))
            .replace("%2", next(iter(per_school)))
            .replace("%3", shown)
        )
    parts = [
        QCoreApplication.translate("ImportWizard", "%1 %2 个").replace("%1", school).replace("%2", str(n))
        for school, n in per_school.items()
    ]
    shown = QCoreApplication.translate("ImportWizard", "、").join(parts[:MAX_LISTED_PLACES]) + (
        QCoreApplication.translate("ImportWizard", "等") if len(parts) > MAX_LISTED_PLACES else ""
    )
    return (
        QCoreApplication.translate("ImportWizard", "班级 %1 个：%2")
        .replace("%1", str(len(labels)))
        .replace("%2", shown)
    )


def _field_text(text: str) -> str:
    # services.import_source marks required fields by appending （必填） to the field's label.
    required = QCoreApplication.translate("ImportWizard", "（必填）")
    if text.endswith("（必填）"):
        return domain_label(text.removesuffix("（必填）")) + required
    return domain_label(text)


def summary_text(summary: ImportSummary) -> str:
    """What an import did, in a few lines."""
    what = domain_label(KINDS.get(summary.kind, ""))
    if not summary.written:
        head = QCoreApplication.translate("ImportWizard", "%1“%2”与台账完全一致，没有需要写入的变化，数据库未改动。")
    else:
        head = QCoreApplication.translate("ImportWizard", "已导入%1“%2”。")
    lines = [head.replace("%1", what).replace("%2", summary.file_name)]
    counts = QCoreApplication.translate(
        "ImportWizard", "新增 %1 人，更新 %2 人，无变化 %3 人，未导入 %4 行。", None, summary.rejected_rows
    )
    for key, value in (
        ("%1", summary.new),
        ("%2", summary.updated),
        ("%3", summary.unchanged),
        ("%4", summary.rejected_rows),
    ):
        counts = counts.replace(key, f"{value:,}")
    lines.append(counts)
    for names, label in (
        (summary.schools_added, QCoreApplication.translate("ImportWizard", "新添加的学校")),
        (summary.townships_added, QCoreApplication.translate("ImportWizard", "新添加的乡镇")),
    ):
        if names:
            shown = QCoreApplication.translate("ImportWizard", "、").join(names[:MAX_LISTED_PLACES]) + (
                QCoreApplication.translate("ImportWizard", "等") if len(names) > MAX_LISTED_PLACES else ""
            )
            lines.append(
                QCoreApplication.translate("ImportWizard", "%1（%2）：%3")
                .replace("%1", label)
                .replace("%2", str(len(names)))
                .replace("%3", shown)
            )
    if summary.classes_added:
        lines.append(QCoreApplication.translate("ImportWizard", "新添加的") + classes_line(summary.classes_added))
    if summary.backup_path is not None:
        lines.append(
            QCoreApplication.translate("ImportWizard", "导入前已备份数据库：%1").replace("%1", str(summary.backup_path))
        )
    return "\n".join(lines)
