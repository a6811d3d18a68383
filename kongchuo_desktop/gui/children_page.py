"""The 适龄儿童台账 page: search the township's register of school-age children and filter by situation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

from kongchuo_desktop.domain.codes import CHILD_SITUATIONS
from kongchuo_desktop.gui.child_detail_dialog import ChildDetailDialog
from kongchuo_desktop.gui.child_table_model import ChildTableModel
from kongchuo_desktop.gui.combos import fill_combo
from kongchuo_desktop.gui.domain_labels import label_items
from kongchuo_desktop.gui.flow_layout import FILTER_SPACING, FlowLayout, labelled_pair
from kongchuo_desktop.gui.page_parts import count_label, count_text, install_find_shortcut, page_title
from kongchuo_desktop.gui.register_view import setup_register_view
from kongchuo_desktop.gui.search_box import SearchBox
from kongchuo_desktop.services import lookups
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.child_register import ChildFilter
from kongchuo_desktop.store.database import Database


class ChildrenPage(QWidget):
    """The children register: search box and filters on top, the lazily paged table below.

    model: the ChildTableModel; dialog: the detail dialog opened last.
    """

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.dialog: ChildDetailDialog | None = None
        self.model = ChildTableModel(db, actor, parent=self)

        top = QHBoxLayout()
        top.addWidget(page_title(self.tr("适龄儿童台账")))
        top.addStretch(1)
        self.detail_button = QPushButton(self.tr("查看详情"))
        self.detail_button.setMinimumWidth(96)
        self.detail_button.setToolTip(self.tr("查看所选儿童的全部信息（也可以双击表格中的儿童）"))
        top.addWidget(self.detail_button)

        # The filters wrap onto a second row when the window is narrow or the font large.
        filters = FlowLayout(horizontal_spacing=FILTER_SPACING)
        self.search = SearchBox()
        self.search.setPlaceholderText(self.tr("姓名、拼音首字母、全拼或身份证件号"))
        self.search.setToolTip(self.tr("输入后自动查找（Ctrl+F）"))
        filters.addWidget(self.search, 2)
        self.township_combo = QComboBox()
        self.situation_combo = QComboBox()
        for text, combo in ((self.tr("乡镇"), self.township_combo), (self.tr("就读情况"), self.situation_combo)):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            filters.addWidget(labelled_pair(text, combo))
        filters.addStretch(1)
        self.count_label = count_label()
        filters.addWidget(self.count_label)

        self.table = QTableView()
        setup_register_view(self.table, self.model)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        townships = lookups.townships(db, actor)
        fill_combo(self.township_combo, [(self.tr("全部乡镇"), None), *((t.name, t.id) for t in townships)])
        fill_combo(self.situation_combo, [(self.tr("全部情况"), None), *label_items(CHILD_SITUATIONS)])

        self.search.searchChanged.connect(lambda _text: self.apply_filter())
        for combo in (self.township_combo, self.situation_combo):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.model.countChanged.connect(self._show_count)
        self.model.countPending.connect(lambda: self._show_count(None))
        self.model.modelReset.connect(self._update_buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.doubleClicked.connect(lambda index: self.open_detail(self.model.row_id(index.row())))
        self.detail_button.clicked.connect(self._open_selected)
        install_find_shortcut(self, self.search)
        self._show_count(None if self.model.counting else self.model.total)
        self._update_buttons()

    def current_filter(self) -> ChildFilter:
        """The filter the controls describe."""
        return ChildFilter(
            text=self.search.text(),
            township_id=self.township_combo.currentData(),
            situation=self.situation_combo.currentData(),
        )

    def apply_filter(self) -> None:
        """Show the children matching the controls."""
        self.model.set_filter(self.current_filter())

    def _show_count(self, total: int | None) -> None:
        self.count_label.setText(count_text(total))

    def print_page(self) -> int:
        """Ctrl+P: print the children the filter shows (gui/table_print.py); returns pages printed."""
        from kongchuo_desktop.gui.table_print import describe_filters, print_model

        filters = describe_filters(self.search.text(), (self.township_combo, self.situation_combo))
        return print_model(self.model, self.tr("适龄儿童台账"), filters, self)

    def _selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_id(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.detail_button.setEnabled(self._selected_id() is not None)

    def _open_selected(self) -> None:
        child_id = self._selected_id()
        if child_id:
            self.open_detail(child_id)

    def open_detail(self, child_id: str | None) -> ChildDetailDialog | None:
        """Show one child's recorded details (read-only)."""
        if not child_id:
            return None
        dialog = ChildDetailDialog(self._db, self._actor, child_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog
