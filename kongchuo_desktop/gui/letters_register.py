"""签订登记: the register of issued letters — filter, mark signed with a scan, assess, reprint, export."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.gui import tasks
from kongchuo_desktop.gui.domain_labels import label
from kongchuo_desktop.gui.flow_layout import FlowLayout
from kongchuo_desktop.gui.page_parts import count_label, install_find_shortcut
from kongchuo_desktop.gui.pdf_preview import PdfPreview
from kongchuo_desktop.gui.screen_fit import resize_within_screen
from kongchuo_desktop.services import letters
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.services.letter_templates import KINDS
from kongchuo_desktop.services.letters import LetterRow

if TYPE_CHECKING:
    from kongchuo_desktop.gui.letters_page import LettersPage


Index = QModelIndex | QPersistentModelIndex
RowIdRole = Qt.ItemDataRole.UserRole + 1


class RegisterModel(QAbstractTableModel):
    """The register's rows (plain LetterRow values); one reset per refresh."""

    COLUMNS = (
        (QT_TRANSLATE_NOOP("LettersRegister", "编号"), lambda r: r.number),
        (QT_TRANSLATE_NOOP("LettersRegister", "类别"), lambda r: label(KINDS.get(r.kind, r.kind))),
        (QT_TRANSLATE_NOOP("LettersRegister", "学年"), lambda r: r.school_year),
        (QT_TRANSLATE_NOOP("LettersRegister", "甲方"), lambda r: r.party_a),
        (QT_TRANSLATE_NOOP("LettersRegister", "乙方"), lambda r: r.party_b),
        (QT_TRANSLATE_NOOP("LettersRegister", "班级/对象"), lambda r: r.subject),
        (QT_TRANSLATE_NOOP("LettersRegister", "名单人数"), lambda r: r.pupils if r.kind != "parent" else ""),
        (
            QT_TRANSLATE_NOOP("LettersRegister", "模板版本"),
            lambda r: QCoreApplication.translate("LettersRegister", "第%1版").replace("%1", str(r.template_version)),
        ),
        (QT_TRANSLATE_NOOP("LettersRegister", "状态"), lambda r: label(r.status)),
        (QT_TRANSLATE_NOOP("LettersRegister", "发放日期"), lambda r: r.issued_on.isoformat()),
        (QT_TRANSLATE_NOOP("LettersRegister", "签回日期"), lambda r: r.signed_on.isoformat() if r.signed_on else ""),
        (
            QT_TRANSLATE_NOOP("LettersRegister", "扫描件"),
            lambda r: QCoreApplication.translate("LettersRegister", "有") if r.has_scan else "",
        ),
        (QT_TRANSLATE_NOOP("LettersRegister", "考核结果"), lambda r: label(r.assessment or "")),
        (QT_TRANSLATE_NOOP("LettersRegister", "原因"), lambda r: r.assessment_reason or ""),
    )
    STATUS_COLUMN = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[LetterRow] = []

    def set_rows(self, rows: list[LetterRow]) -> None:
        """Replace all rows."""
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.COLUMNS[index.column()][1](row))
        if role == RowIdRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.STATUS_COLUMN:
            from PySide6.QtGui import QColor

            return QColor({"已发放": "#b45309", "已签回": "#1d4ed8", "已考核": "#15803d"}.get(row.status, "#000000"))
        if role == Qt.ItemDataRole.ForegroundRole and row.assessment in ("不合格", "一票否决"):
            from PySide6.QtGui import QColor

            return QColor("#b91c1c")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("LettersRegister", self.COLUMNS[section][0])
        return None


class SignDialog(QDialog):
    """登记签回: the date it came back and the scan (required)."""

    def __init__(self, row: LetterRow, page: LettersPage) -> None:
        super().__init__(page)
        self.page = page
        self.setWindowTitle(QCoreApplication.translate("LettersRegister", "登记签回"))
        self.scan_path: Path | None = None
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                QCoreApplication.translate("LettersRegister", "责任书：%1（%2）")
                .replace("%1", row.number)
                .replace("%2", row.party_b)
            )
        )
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        form.addRow(QCoreApplication.translate("LettersRegister", "签回日期："), self.date_edit)
        self.file_label = QLabel(QCoreApplication.translate("LettersRegister", "（还没有选择）"))
        choose = QPushButton(QCoreApplication.translate("LettersRegister", "选择扫描件或照片…"))
        choose.clicked.connect(self.choose)
        row_box = QHBoxLayout()
        row_box.addWidget(self.file_label, 1)
        row_box.addWidget(choose)
        form.addRow(QCoreApplication.translate("LettersRegister", "扫描件："), row_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        form.addRow(self.buttons)

    def choose(self) -> None:
        """Pick the scan file."""
        path = self.page.dialogs.open_file(
            self,
            QCoreApplication.translate("LettersRegister", "选择签回责任书的扫描件"),
            QCoreApplication.translate("LettersRegister", "扫描件 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"),
        )
        if path is not None:
            self.set_scan(path)

    def set_scan(self, path: Path) -> None:
        """Use this file as the scan."""
        self.scan_path = path
        self.file_label.setText(path.name)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    @property
    def signed_on(self) -> dt.date:
        """The chosen date."""
        return self.date_edit.date().toPython()  # type: ignore[no-any-return]


class AssessDialog(QDialog):
    """考核: 合格 / 不合格 / 一票否决, with a reason for the latter two."""

    def __init__(self, row: LetterRow, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("LettersRegister", "年度考核"))
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                QCoreApplication.translate("LettersRegister", "责任书：%1（%2 %3）")
                .replace("%1", row.number)
                .replace("%2", row.party_b)
                .replace("%3", row.subject)
            )
        )
        self.group = QButtonGroup(self)
        box = QHBoxLayout()
        self.choices: dict[str, QRadioButton] = {}
        for i, result in enumerate(letters.ASSESSMENTS):
            button = QRadioButton(label(result))
            self.group.addButton(button, i)
            box.addWidget(button)
            self.choices[result] = button
        self.choices[row.assessment or letters.PASS].setChecked(True)
        form.addRow(QCoreApplication.translate("LettersRegister", "考核结果："), box)
        self.reason = QPlainTextEdit(row.assessment_reason or "")
        self.reason.setPlaceholderText(
            QCoreApplication.translate(
                "LettersRegister", "不合格或一票否决时必须写明原因，例如：班级出现学生辍学且未按规定家访"
            )
        )
        self.reason.setFixedHeight(90)
        form.addRow(QCoreApplication.translate("LettersRegister", "原因："), self.reason)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b91c1c;")
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @property
    def result(self) -> str:
        """The chosen result."""
        return letters.ASSESSMENTS[max(self.group.checkedId(), 0)]

    def _check(self) -> None:
        if self.result != letters.PASS and not self.reason.toPlainText().strip():
            self.problem.setText(
                QCoreApplication.translate("LettersRegister", "请写明“%1”的原因。").replace("%1", self.result)
            )
            self.reason.setFocus()
            return
        self.accept()


def show_scan(parent: QWidget, name: str, data: bytes, mime: str | None) -> QDialog:
    """A window showing a scan: PDFs in the PDF preview, images scaled to fit."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("LettersRegister", "扫描件：%1").replace("%1", name))
    resize_within_screen(dialog, 820, 900)
    layout = QVBoxLayout(dialog)
    if (mime or "").endswith("pdf") or name.lower().endswith(".pdf"):
        preview = PdfPreview(dialog)
        preview.load_bytes(data, name)
        layout.addWidget(preview)
    else:
        pixmap = QPixmap()
        label = QLabel()
        if pixmap.loadFromData(data):
            label.setPixmap(pixmap.scaledToWidth(780, Qt.TransformationMode.SmoothTransformation))
        else:
            label.setText(
                QCoreApplication.translate(
                    "LettersRegister", "无法显示这个文件（%1），请另存后用其他程序打开。"
                ).replace("%1", name)
            )
        area = QScrollArea()
        area.setWidget(label)
        layout.addWidget(area)
    return dialog


class RegisterTab(QWidget):
    """Filters, the register table and the actions on the selected letters."""

    def __init__(self, page: LettersPage) -> None:
        super().__init__(page)
        self.page = page
        self.model = RegisterModel(self)
        # Filters and actions wrap onto a second row when the window is narrow or the font large.
        filters = FlowLayout()
        self.year_box = QComboBox()
        self.kind_box = QComboBox()
        self.kind_box.addItem(QCoreApplication.translate("LettersRegister", "全部类别"), None)
        for kind, text in KINDS.items():
            self.kind_box.addItem(label(text), kind)
        self.status_box = QComboBox()
        self.status_box.addItem(QCoreApplication.translate("LettersRegister", "全部状态"), None)
        for status in letters.STATUSES:
            self.status_box.addItem(label(status), status)
        self.not_returned = QCheckBox(QCoreApplication.translate("LettersRegister", "只看未签回"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            QCoreApplication.translate("LettersRegister", "编号、姓名（可用扫码枪扫责任书上的二维码）")
        )
        self.search.setClearButtonEnabled(True)
        install_find_shortcut(self, self.search)
        self.count = count_label()
        for w in (self.year_box, self.kind_box, self.status_box, self.not_returned):
            filters.addWidget(w)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.count)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        actions = FlowLayout()
        self.sign_button = QPushButton(QCoreApplication.translate("LettersRegister", "登记签回…"))
        self.scan_button = QPushButton(QCoreApplication.translate("LettersRegister", "查看扫描件"))
        self.assess_button = QPushButton(QCoreApplication.translate("LettersRegister", "考核…"))
        self.reprint_button = QPushButton(QCoreApplication.translate("LettersRegister", "重新打印所选"))
        self.export_button = QPushButton(QCoreApplication.translate("LettersRegister", "导出 Excel…"))
        for w in (self.sign_button, self.scan_button, self.assess_button, self.reprint_button):
            actions.addWidget(w)
        actions.addStretch(1)
        actions.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.open_dialogs: list[QDialog] = []

        for box in (self.year_box, self.kind_box, self.status_box):
            box.currentIndexChanged.connect(self.refresh)
        self.not_returned.toggled.connect(self._not_returned_toggled)
        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(self.find_number)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.sign_selected())
        self.sign_button.clicked.connect(self.sign_selected)
        self.scan_button.clicked.connect(self.show_selected_scan)
        self.assess_button.clicked.connect(self.assess_selected)
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.export_button.clicked.connect(self.export)
        self._fill_years()
        self.refresh()

    # --- data ---------------------------------------------------------------------------------------
    def _fill_years(self) -> None:
        current = self.year_box.currentData()
        self.year_box.blockSignals(True)
        self.year_box.clear()
        self.year_box.addItem(QCoreApplication.translate("LettersRegister", "全部学年"), None)
        for year in letters.letter_years(self.page.db, self.page.actor):
            self.year_box.addItem(f"{year}—{year + 1}", year)
        index = self.year_box.findData(current)
        self.year_box.setCurrentIndex(max(index, 0))
        self.year_box.blockSignals(False)

    def filters(self) -> dict[str, Any]:
        """The filters as list_letters arguments."""
        return {
            "year": self.year_box.currentData(),
            "kind": self.kind_box.currentData(),
            "status": self.status_box.currentData(),
            "not_returned": self.not_returned.isChecked(),
            "search": self.search.text(),
        }

    def refresh(self) -> None:
        """Read the register again with the current filters."""
        if self.sender() is not self.year_box:
            self._fill_years()
        rows = letters.list_letters(self.page.db, self.page.actor, **self.filters())
        self.model.set_rows(rows)
        self.count.setText(QCoreApplication.translate("LettersRegister", "共 %n 份", None, len(rows)))
        self._update_buttons()

    def _not_returned_toggled(self, on: bool) -> None:
        self.status_box.setEnabled(not on)
        self.refresh()

    def selected_rows(self) -> list[LetterRow]:
        """The selected letters, in table order."""
        picked = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[i] for i in picked]

    def select_number(self, number: str) -> bool:
        """Select the letter with this number, if listed."""
        for i, row in enumerate(self.model.rows):
            if row.number == number:
                self.table.selectRow(i)
                self.table.scrollTo(self.model.index(i, 0))
                return True
        return False

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        one = rows[0] if len(rows) == 1 else None
        self.sign_button.setEnabled(one is not None and one.status != letters.ASSESSED)
        self.scan_button.setEnabled(one is not None and one.has_scan)
        self.assess_button.setEnabled(one is not None and one.status != letters.ISSUED)
        self.reprint_button.setEnabled(bool(rows))
        self.export_button.setEnabled(bool(self.model.rows))

    # --- actions --------------------------------------------------------------------------------------
    def find_number(self) -> None:
        """Enter in the search box: a scanned QR code selects its letter."""
        try:
            row = letters.find_by_number(self.page.db, self.page.actor, self.search.text())
        except ServiceError as exc:
            self.page.dialogs.warn(self, QCoreApplication.translate("LettersRegister", "查找责任书"), str(exc))
            return
        if row is not None:
            self.select_number(row.number)

    def sign_selected(self) -> None:
        """登记签回 for the selected letter."""
        rows = self.selected_rows()
        if len(rows) != 1 or rows[0].status == letters.ASSESSED:
            return
        dialog = SignDialog(rows[0], self.page)
        if not self.page.dialogs.run(dialog) or dialog.scan_path is None:
            return
        try:
            letters.mark_signed(
                self.page.db, self.page.actor, rows[0].id, scan_path=dialog.scan_path, signed_on=dialog.signed_on
            )
        except ServiceError as exc:
            self.page.dialogs.warn(self, QCoreApplication.translate("LettersRegister", "登记签回"), str(exc))
            return
        self.refresh()
        self.select_number(rows[0].number)

    def assess_selected(self) -> None:
        """考核 the selected letter."""
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        dialog = AssessDialog(rows[0], self)
        if not self.page.dialogs.run(dialog):
            return
        try:
            letters.assess(self.page.db, self.page.actor, rows[0].id, dialog.result, dialog.reason.toPlainText())
        except ServiceError as exc:
            self.page.dialogs.warn(self, QCoreApplication.translate("LettersRegister", "年度考核"), str(exc))
            return
        self.refresh()
        self.select_number(rows[0].number)

    def show_selected_scan(self) -> QDialog | None:
        """Open the selected letter's scan in a window."""
        rows = self.selected_rows()
        if len(rows) != 1:
            return None
        try:
            name, data, mime = letters.letter_scan(self.page.db, self.page.actor, rows[0].id)
        except ServiceError as exc:
            self.page.dialogs.warn(self, QCoreApplication.translate("LettersRegister", "查看扫描件"), str(exc))
            return None
        dialog = show_scan(self, name, data, mime)
        self.open_dialogs.append(dialog)
        dialog.finished.connect(lambda _r: self.open_dialogs.remove(dialog))
        dialog.show()
        return dialog

    def reprint_selected(self) -> Path | None:
        """Print the selected letters again (each from its recorded template version) and preview."""
        rows = self.selected_rows()
        if not rows:
            return None
        name = QCoreApplication.translate("LettersRegister", "重新打印_%1.pdf").replace("%1", rows[0].number)
        out = Path(tempfile.mkdtemp(prefix="kongchuo-letters-")) / name
        db, actor, ids = self.page.db, self.page.actor, [r.id for r in rows]
        try:
            tasks.run_with_progress(
                lambda progress: letters.reprint_letters(db, actor, ids, out, progress=progress),
                QCoreApplication.translate("LettersRegister", "重新打印"),
                QCoreApplication.translate("LettersRegister", "正在生成……"),
                self,
            )
        except tasks.Cancelled:
            return None
        except ServiceError as exc:
            self.page.dialogs.warn(self, QCoreApplication.translate("LettersRegister", "重新打印"), str(exc))
            return None
        batch = self.page.batch
        batch.preview.load_file(out)
        batch.summary.setText(
            QCoreApplication.translate("LettersRegister", "重新打印 %n 份（各按登记时的模板版本）。", None, len(rows))
        )
        self.page.tabs.setCurrentWidget(batch)
        return out

    def export(self) -> Path | None:
        """Export the listed letters to .xlsx."""
        from kongchuo_desktop.services.letters_export import export_register

        path = self.page.dialogs.save_file(
            self,
            QCoreApplication.translate("LettersRegister", "导出责任状登记表"),
            QCoreApplication.translate("LettersRegister", "责任状登记表.xlsx"),
            QCoreApplication.translate("LettersRegister", "Excel 文件 (*.xlsx)"),
        )
        if path is None:
            return None
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        try:
            count = export_register(self.page.db, self.page.actor, path, rows=self.model.rows)
        except (ServiceError, OSError) as exc:
            self.page.dialogs.warn(self, QCoreApplication.translate("LettersRegister", "导出"), str(exc))
            return None
        self.page.dialogs.inform(
            self,
            QCoreApplication.translate("LettersRegister", "导出"),
            QCoreApplication.translate("LettersRegister", "已导出 %n 份责任书的登记：%1", None, count).replace(
                "%1", str(path)
            ),
        )
        return path
