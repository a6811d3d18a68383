"""Dialogs of the 同步 page: the fingerprint check, export choices, the import preview and a package's report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.gui.domain_labels import label
from kongchuo_desktop.gui.login_dialog import HINT_STYLE
from kongchuo_desktop.gui.sync_models import when
from kongchuo_desktop.services.sync import ImportResult, PackageRecord, PeerStatus
from kongchuo_desktop.services.sync_labels import table_label

WARN_STYLE = "color: #b9770e; font-weight: bold;"
GOOD_STYLE = "color: #1e8449; font-weight: bold;"
FINGERPRINT_STYLE = "color: #1a4fb0; background: #f3f5f8; border: 1px solid #aab4c0; border-radius: 6px; padding: 12px;"
COUNT_KEYS = ("new", "updated", "unchanged", "conflicts")
DETAILED_HEADERS = (
    QT_TRANSLATE_NOOP("SyncDialogs", "数据"),
    QT_TRANSLATE_NOOP("SyncDialogs", "新增"),
    QT_TRANSLATE_NOOP("SyncDialogs", "更新"),
    QT_TRANSLATE_NOOP("SyncDialogs", "未变"),
    QT_TRANSLATE_NOOP("SyncDialogs", "冲突"),
)
SENT_HEADERS = (QT_TRANSLATE_NOOP("SyncDialogs", "数据"), QT_TRANSLATE_NOOP("SyncDialogs", "行数"))


def fingerprint_label(fingerprint: str) -> QLabel:
    """The fingerprint in big fixed-width type, selectable, for reading out by phone."""
    label = QLabel(fingerprint)
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(font.pointSizeF(), 10) + 12)
    font.setWeight(QFont.Weight.Bold)
    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 2)
    label.setFont(font)
    label.setStyleSheet(FINGERPRINT_STYLE)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setMinimumWidth(
        label.fontMetrics().horizontalAdvance(fingerprint) + 48
    )  # never clipped: every group is read out
    return label


def _hint(text: str, style: str = HINT_STYLE) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    return label


class FingerprintDialog(QDialog):
    """Shows a site's fingerprint in big type.

    pairing=True: the peer's card was read; the user compares the fingerprint with the other office
    by phone and confirms ("指纹一致，配对") or cancels. pairing=False: this site's own card was
    written; the fingerprint is shown for reading out.
    """

    def __init__(self, name: str, type_label: str, fingerprint: str, *, pairing: bool, where: str = "",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("核对指纹后配对") if pairing else self.tr("本站点卡片已导出"))
        layout = QVBoxLayout(self)
        if pairing:
            head = self.tr("对方站点：%1（%2）").replace("%1", name).replace("%2", label(type_label))
        else:
            head = self.tr("本站点：%1（%2）").replace("%1", name).replace("%2", label(type_label))
        title = QLabel(f"<b>{head}</b>")
        layout.addWidget(title)
        if where:
            layout.addWidget(_hint(where))
        layout.addWidget(QLabel(self.tr("指纹：")))
        self.fingerprint = fingerprint_label(fingerprint)
        layout.addWidget(self.fingerprint)
        if pairing:
            layout.addWidget(_hint(self.tr(
                "请打电话给对方，请对方打开“同步”页面导出本站点卡片时显示的指纹，逐组读给您听。"
                "六组字母和数字完全一致，才说明这张卡片确实来自对方、路上没有被调换。不一致时请不要配对。"
            )))  # fmt: skip
            buttons = QDialogButtonBox()
            self.accept_button = buttons.addButton(self.tr("指纹一致，配对"), QDialogButtonBox.ButtonRole.AcceptRole)
            buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        else:
            layout.addWidget(_hint(self.tr(
                "把卡片文件交给对方（U 盘等）导入；对方导入时会看到这个指纹，请在电话中把它读给对方核对。"
            )))  # fmt: skip
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            self.accept_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class ExportDialog(QDialog):
    """Which paired site the package is for, and incremental (default) or full."""

    def __init__(self, peers: list[PeerStatus], selected: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出同步包"))
        self._peers = peers
        self.peer_box = QComboBox()
        for p in peers:
            self.peer_box.addItem(f"{p.name}（{label(p.type_label)}）", p.site_id)
        if selected is not None and (i := self.peer_box.findData(selected)) >= 0:
            self.peer_box.setCurrentIndex(i)
        self.incremental = QRadioButton()
        self.full_button = QRadioButton(
            self.tr("完整同步包：本站点范围内对方应有的全部数据（给新配对的站点打底，文件较大）")
        )
        self.incremental.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.incremental)
        group.addButton(self.full_button)
        form = QFormLayout()
        form.addRow(self.tr("发给："), self.peer_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.incremental)
        layout.addWidget(self.full_button)
        layout.addWidget(_hint(self.tr(
            "增量同步包带上对方还没有确认收到的全部变更：上一个同步包丢了也没关系，下一个会再带上。"
            "对方导入后会生成回执，把回执带回来导入，就不会再重复发送。"
        )))  # fmt: skip
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("导出…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.peer_box.currentIndexChanged.connect(self._describe)
        self._describe()
        self.setMinimumWidth(560)

    def _describe(self) -> None:
        peer = self.peer()
        pending = peer.pending if peer else 0
        self.incremental.setText(
            self.tr("增量同步包：对方尚未确认的变更（约 %1 行）", "", pending).replace("%1", f"{pending:,}")
        )

    def peer(self) -> PeerStatus | None:
        """The chosen peer."""
        site_id = self.peer_box.currentData()
        return next((p for p in self._peers if p.site_id == site_id), None)

    def full(self) -> bool:
        """Whether a full package was chosen."""
        return self.full_button.isChecked()


def counts_table(tables: dict[str, dict[str, int]] | dict[str, int], parent: QWidget | None = None) -> QTableWidget:
    """Per table: new / updated / unchanged / conflicts (or, for a package sent, its rows), with a total row."""
    detailed = any(isinstance(v, dict) for v in tables.values())

    headers = [QCoreApplication.translate("SyncDialogs", h) for h in (DETAILED_HEADERS if detailed else SENT_HEADERS)]
    widget = QTableWidget(0, len(headers), parent)
    widget.setHorizontalHeaderLabels(headers)
    totals = [0] * (len(headers) - 1)
    for name, value in tables.items():
        numbers = [int(value.get(k, 0)) for k in COUNT_KEYS] if isinstance(value, dict) else [int(value)]
        totals = [a + b for a, b in zip(totals, numbers, strict=True)]
        _add_row(widget, label(table_label(name)), numbers)
    _add_row(widget, QCoreApplication.translate("SyncDialogs", "合计"), totals, bold=True)
    widget.verticalHeader().hide()
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    widget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return widget


def _add_row(widget: QTableWidget, label: str, numbers: list[int], bold: bool = False) -> None:
    row = widget.rowCount()
    widget.insertRow(row)
    items = [QTableWidgetItem(label)] + [QTableWidgetItem(f"{n:,}") for n in numbers]
    for column, item in enumerate(items):
        if column:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if bold:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        widget.setItem(row, column, item)


class PreviewDialog(QDialog):
    """What importing a file will do, before anything is written; 应用 imports it.

    receipt_path: where the receipt (回执) of a package goes (next to the package unless the user
    chooses another place with 更改…, which asks `choose_receipt`).
    """

    def __init__(self, preview: ImportResult, path: Path, receipt_path: Path | None,
                 choose_receipt: Callable[[Path], Path | None], parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.preview = preview
        self.receipt_path = receipt_path
        self._choose_receipt = choose_receipt
        self.setWindowTitle(self.tr("导入预览：%1").replace("%1", path.name))
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table: QTableWidget | None = None
        self.notes: list[QLabel] = []
        buttons = QDialogButtonBox()
        if preview.kind == "receipt":
            self.summary.setText(
                self.tr("<b>回执</b>：“%1”确认收到本站点发出的第 %2 号同步包。导入后，这些变更不会再重复发送。")
                .replace("%1", preview.sender_name).replace("%2", "、".join(str(n) for n in preview.acknowledged))
            )  # fmt: skip
            apply_text = self.tr("导入回执")
            if preview.replay:
                self._note(self.tr("这份回执已经导入过，再次导入不会有任何改动。"), WARN_STYLE)
        else:
            text = (
                self.tr("<b>同步包</b>：来自“%1”，第 %2 号。")
                if preview.replay
                else self.tr("<b>同步包</b>：来自“%1”，第 %2 号。导入前不会改动任何数据；点“应用”后一次性全部写入。")
            )
            self.summary.setText(text.replace("%1", preview.sender_name).replace("%2", str(preview.number)))  # fmt: skip
            if preview.replay:
                self._note(self.tr("这个同步包已经导入过，再次导入不会改动任何数据；可以再写一份回执（例如回执丢了）。"),
                           WARN_STYLE)  # fmt: skip
                apply_text = self.tr("重新写出回执")
            else:
                self.table = counts_table(preview.tables, self)
                layout.addWidget(self.table, 1)
                conflicts = len(preview.conflicts)
                if conflicts:
                    self._note(self.tr(
                        "有 %n 处冲突：同一项内容在两个站点都改过。程序按时间先后自动选定一个值（各站点选得一样），"
                        "另一个值保留在“冲突”标签页里，导入后可以在那里改用它。", "", conflicts
                    ), WARN_STYLE)  # fmt: skip
                apply_text = self.tr("应用")
            for gap in preview.gaps:
                self._note(gap, WARN_STYLE)
            self.receipt_edit = QLineEdit(str(receipt_path) if receipt_path else "")
            self.receipt_edit.setReadOnly(True)
            change = QPushButton(self.tr("更改…"))
            change.clicked.connect(self._change_receipt)
            receipt_row = QHBoxLayout()
            receipt_row.addWidget(QLabel(self.tr("回执保存到：")))
            receipt_row.addWidget(self.receipt_edit, 1)
            receipt_row.addWidget(change)
        for note in self.notes:
            layout.addWidget(note)
        if preview.kind == "package":
            layout.addLayout(receipt_row)
        if self.table is None:
            layout.addStretch(1)
        self.apply_button = buttons.addButton(apply_text, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumSize(620, 300 if preview.kind == "receipt" or preview.replay else 460)

    def _note(self, text: str, style: str) -> None:
        self.notes.append(_hint(text, style))

    def _change_receipt(self) -> None:
        start = self.receipt_path or Path.home()
        chosen = self._choose_receipt(start)
        if chosen is not None:
            self.receipt_path = chosen
            self.receipt_edit.setText(str(chosen))

    def note_texts(self) -> list[str]:
        """The warnings shown (gaps, conflicts, replays)."""
        return [n.text() for n in self.notes]


class ReportDialog(QDialog):
    """One line of the history in full: what a package held, what its import did, what a receipt confirmed."""

    def __init__(self, record: PackageRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        out = record.direction == "out"
        kind = self.tr("回执") if record.kind == "receipt" else self.tr("同步包")
        self.setWindowTitle(self.tr("%1 第 %2 号").replace("%1", kind).replace("%2", str(record.number)))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("方向："), QLabel(self.tr("发给") if out else self.tr("来自")))
        form.addRow(self.tr("对方站点："), QLabel(record.peer_name))
        form.addRow(self.tr("时间："), QLabel(when(record.at)))
        form.addRow(self.tr("操作人："), QLabel(record.by_user or "—"))
        form.addRow(self.tr("文件名："), QLabel(record.file_name or "—"))
        if record.kind == "package":
            scope = self.tr("完整") if record.full else self.tr("增量")
            form.addRow(self.tr("内容："), QLabel(
                self.tr("%1，变更序号 %2–%3，共 %4 行", "", record.rows).replace("%1", scope).replace("%2", str(record.from_seq))
                .replace("%3", str(record.to_seq)).replace("%4", f"{record.rows:,}")
            ))  # fmt: skip
        layout.addLayout(form)
        report: dict[str, Any] = record.report or {}
        self.table: QTableWidget | None = None
        if record.kind == "receipt":
            acked = report.get("acknowledged") or [record.number]
            layout.addWidget(
                _hint(self.tr("确认收到第 %1 号同步包。").replace("%1", "、".join(map(str, acked))), GOOD_STYLE)
            )
        elif report.get("tables"):
            self.table = counts_table(report["tables"], self)
            layout.addWidget(self.table, 1)
            if int(report.get("conflicts") or 0):
                layout.addWidget(_hint(self.tr("导入时发现 %n 处冲突（见“冲突”标签页）。", "", int(report["conflicts"])),
                                 WARN_STYLE))  # fmt: skip
        else:
            layout.addWidget(_hint(self.tr("没有数据变更。")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumSize(520, 380)
