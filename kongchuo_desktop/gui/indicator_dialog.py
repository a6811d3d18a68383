"""An indicator on click: its formula with the actual inputs, the definitions used, 小学/初中 parts,
the same indicator for every township and school in scope, and (for those who may) the
definition settings."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.domain import indicators as ind
from kongchuo_desktop.gui.page_parts import page_title
from kongchuo_desktop.gui.service_errors import show_service_error
from kongchuo_desktop.services import indicator_settings
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.services.indicators import BreakdownRow, IndicatorSet
from kongchuo_desktop.store.database import Database


class IndicatorDialog(QDialog):
    """One indicator of one scope.

    indicator: what is shown; formula: the formula label (selectable); inputs: the table of
    inputs; breakdown: per township / school (empty when none was given); definitions_button:
    opens the definition settings; definitionsChanged: the settings were saved (the dashboard
    reloads).
    """

    definitionsChanged = Signal()

    def __init__(
        self,
        db: Database,
        actor: Actor,
        figures: IndicatorSet,
        key: str,
        breakdown: list[BreakdownRow] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.indicator = figures[key]
        item = self.indicator
        self.setWindowTitle(self.tr("指标：%1").replace("%1", item.name))
        self.resize(760, 620)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(f"{item.name}　{item.value_text}"))
        layout.addWidget(QLabel(self.tr("范围：%1　　时段：%2").replace("%1", figures.scope).replace(
            "%2", figures.period.label)))  # fmt: skip
        self.formula = QLabel(item.formula)
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.formula.font()
        font.setPointSizeF(font.pointSizeF() + 1.5)
        self.formula.setFont(font)
        layout.addWidget(self.formula)
        for name, part in item.parts:
            label = QLabel(f"{name}：{part.formula}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        if item.note and item.value is None:
            note = QLabel(item.note)
            note.setWordWrap(True)
            note.setStyleSheet("color: #b9770e;")
            layout.addWidget(note)
        self.inputs = QTableWidget(len(item.inputs), 2)
        self.inputs.setHorizontalHeaderLabels([self.tr("输入"), self.tr("数值")])
        for r, (label_text, value) in enumerate(item.inputs):
            self.inputs.setItem(r, 0, QTableWidgetItem(label_text))
            number = QTableWidgetItem(f"{value:,}")
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.inputs.setItem(r, 1, number)
        self._table_style(self.inputs)
        self.inputs.setMaximumHeight(34 + 30 * max(1, len(item.inputs)))
        if item.inputs:
            layout.addWidget(self.inputs)
        else:
            self.inputs.hide()
        self.definition = QLabel(self.tr("统计口径：") + "；".join(item.definition))
        self.definition.setWordWrap(True)
        layout.addWidget(self.definition)

        rows = [r for r in (breakdown or []) if key in r.indicators.indicators]
        columns = [self.tr("乡镇/学校"), self.tr("分子"), self.tr("分母"), self.tr("数值"), self.tr("说明")]
        self.breakdown = QTableWidget(len(rows), len(columns))
        self.breakdown.setHorizontalHeaderLabels(columns)
        for r, row in enumerate(rows):
            value = row.indicators[key]
            name = row.name if row.school_id is None else f"　　{row.name}"  # schools indented under their township
            cells = [name, _num(value.numerator), _num(value.denominator), value.value_text,
                     value.note or ""]  # fmt: skip
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if c in (1, 2, 3):
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 0 and row.school_id is None:
                    bold = cell.font()
                    bold.setBold(True)
                    cell.setFont(bold)
                cell.setToolTip(value.formula)
                self.breakdown.setItem(r, c, cell)
        self._table_style(self.breakdown)
        if rows:
            layout.addWidget(QLabel(self.tr("各乡镇、学校：")))
            layout.addWidget(self.breakdown, 1)
        else:
            self.breakdown.hide()
            layout.addStretch(1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.definitions_button = QPushButton(self.tr("统计口径…"))
        self.definitions_button.setToolTip(self.tr("各地对指标的定义不同：在这里选择本地使用的口径"))
        buttons.addButton(self.definitions_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.definitions_button.clicked.connect(self.open_definitions)
        layout.addWidget(buttons)
        self.settings_dialog: DefinitionsDialog | None = None

    @staticmethod
    def _table_style(table: QTableWidget) -> None:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)

    def open_definitions(self) -> DefinitionsDialog | None:
        """The definition settings (read-only for those who may not change settings)."""
        try:
            dialog = DefinitionsDialog(self._db, self._actor, self)
        except ServiceError as exc:
            show_service_error(self, exc)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.definitionsChanged)
        self.settings_dialog = dialog
        dialog.open()
        return dialog


def _num(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


class DefinitionsDialog(QDialog):
    """The indicator definitions (统计口径): one check box per choice and the age window.

    boxes: name → check box; age_window: the combo; saved(): stored.
    """

    saved = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        defs = indicator_settings.get_definitions(db, actor)
        editable = actor.can(perms.SETTINGS_MANAGE)
        self.setWindowTitle(self.tr("指标统计口径"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("各地教育主管部门对指标的定义不完全相同。这里的选择用于本站点计算和显示的全部指标，"
                               "每个指标都注明所用口径。"))  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        box = QGroupBox(self.tr("口径"))
        form = QFormLayout(box)
        self.boxes: dict[str, QCheckBox] = {}
        for name, (label, yes, _no) in ind.DEFINITION_TEXTS.items():
            check = QCheckBox(yes)
            check.setChecked(bool(getattr(defs, name)))
            check.setEnabled(editable)
            self.boxes[name] = check
            form.addRow(label + "：", check)
        self.age_window = QComboBox()
        for key, text in ind.AGE_WINDOWS.items():
            self.age_window.addItem(text, key)
        self.age_window.setCurrentIndex(list(ind.AGE_WINDOWS).index(defs.age_window))
        self.age_window.setEnabled(editable)
        form.addRow(self.tr("适龄儿童范围："), self.age_window)
        layout.addWidget(box)
        if not editable:
            layout.addWidget(QLabel(self.tr("只有管理员可以修改统计口径。")))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            if editable
            else QDialogButtonBox.StandardButton.Close
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> dict[str, object]:
        """The choices as entered."""
        out: dict[str, object] = {name: box.isChecked() for name, box in self.boxes.items()}
        out["age_window"] = self.age_window.currentData()
        return out

    def save(self) -> bool:
        """Store the choices; the dialog closes when they were stored."""
        try:
            indicator_settings.save_definitions(self._db, self._actor, self.values())
        except ServiceError as exc:
            show_service_error(self, exc)
            return False
        self.saved.emit()
        self.accept()
        return True
