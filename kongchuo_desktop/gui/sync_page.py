"""The 同步 page: paired sites, site cards, exporting and importing sync packages and receipts, the
package history and the conflicts list.

Entry: `SyncPage(db, actor)` — shown to actors with "sync.run"; pairing, export, import and
resolving conflicts need "sync.manage" (the services check it; the buttons say so). Exports and
imports run off the GUI thread with a progress bar and 取消 (gui/tasks.py). `dialogs` (files,
questions, messages) and `runner` can be replaced in tests.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.gui import tasks
from kongchuo_desktop.gui.domain_labels import label
from kongchuo_desktop.gui.flow_layout import FlowLayout
from kongchuo_desktop.gui.login_dialog import HINT_STYLE
from kongchuo_desktop.gui.page_parts import page_title
from kongchuo_desktop.gui.service_errors import error_title
from kongchuo_desktop.gui.sync_dialogs import ExportDialog, FingerprintDialog, PreviewDialog, ReportDialog
from kongchuo_desktop.gui.sync_models import ConflictsModel, HistoryModel, PeersModel, RowsModel
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services import sync
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.services.sites import site_info
from kongchuo_desktop.services.sync import write_receipt
from kongchuo_desktop.services.sync_labels import record_labels, site_names
from kongchuo_desktop.store.database import Database

Runner = Callable[[Callable[[tasks.Progress], Any], str, str, QWidget | None], Any]
PACKAGE_SUFFIX = ".kcsync"
CARD_SUFFIX = ".kccard"
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def safe_name(text: str) -> str:
    """A site name as part of a file name (no path separators or characters Windows refuses)."""
    return _UNSAFE.sub("_", text.strip()) or "_"


def package_file_name(own: str, peer: str, number: int) -> str:
    """同步包-<本站>-至-<对方>-第N号.kcsync"""
    return (QCoreApplication.translate("SyncPage", "同步包-%1-至-%2-第%3号").replace("%1", safe_name(own)).replace("%2", safe_name(peer))
            .replace("%3", str(number)) + PACKAGE_SUFFIX)  # fmt: skip


def receipt_file_name(own: str, peer: str, number: int) -> str:
    """回执-<本站>-至-<对方>-第N号.kcsync (N: the package it acknowledges)."""
    return (QCoreApplication.translate("SyncPage", "回执-%1-至-%2-第%3号").replace("%1", safe_name(own)).replace("%2", safe_name(peer))
            .replace("%3", str(number)) + PACKAGE_SUFFIX)  # fmt: skip


class SyncDialogs:
    """The questions the 同步 page asks (files, confirmations, messages); tests use a fake."""

    def open_file(self, parent: QWidget, title: str, folder: Path, file_filter: str) -> Path | None:
        """An existing file to read."""
        name, _ = QFileDialog.getOpenFileName(parent, title, str(folder), file_filter)
        return Path(name) if name else None

    def save_file(self, parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
        """Where to write a new file (suggested: folder and name)."""
        name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
        return Path(name) if name else None

    def run(self, dialog: QDialog) -> bool:
        """Show a dialog modally; True when accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        """A yes/no question."""
        return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes

    def inform(self, parent: QWidget, title: str, text: str) -> None:
        """A message that something was done."""
        QMessageBox.information(parent, title, text)

    def warn(self, parent: QWidget, title: str, text: str) -> None:
        """A message that something could not be done, and why."""
        QMessageBox.warning(parent, title, text)


def _view(model: RowsModel[Any], widths: tuple[int, ...]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    char = view.fontMetrics().averageCharWidth() * 2  # about one Chinese character
    for column, chars in enumerate(widths):
        header.resizeSection(column, chars * char + 16)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return view


class SyncPage(QWidget):
    """Buttons for cards, packages and receipts over three tabs: 已配对站点, 同步记录, 冲突.

    peers / history / conflicts: the tables' models; folder: where the file dialogs start (the
    folder used last); last_message: the text of the last message shown (tests, status).
    """

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None,
                 dialogs: SyncDialogs | None = None, runner: Runner | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.dialogs = dialogs or SyncDialogs()
        self.runner: Runner = runner or tasks.run_with_progress
        self.folder = Path.home()
        self.last_message = ""
        self.site = site_info(db)
        manage = actor.can(perms.SYNC_MANAGE)

        site_text = (
            self.tr("本站点：%1（%2）").replace("%1", self.site.name).replace("%2", label(self.site.type_label))
            if self.site else self.tr("这个数据库还没有设置站点，不能同步。")
        )  # fmt: skip
        self.site_label = QLabel(f"<b>{site_text}</b>")
        hint = QLabel(self.tr(
            "没有网络也能同步：先互相导入站点卡片并电话核对指纹（只需一次）；以后导出同步包，用 U 盘带给对方导入，"
            "对方导入后生成回执，把回执带回来导入。同步包经过加密和签名，U 盘丢失也不会泄露数据。"
        ))  # fmt: skip
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.card_out_button = QPushButton(self.tr("导出本站卡片…"))
        self.card_in_button = QPushButton(self.tr("导入对方卡片…"))
        self.export_button = QPushButton(self.tr("导出同步包…"))
        self.import_button = QPushButton(self.tr("导入同步包或回执…"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        buttons = FlowLayout()  # wraps onto a second row when the window is narrow or the font large
        for button in (self.card_out_button, self.card_in_button, self.export_button, self.import_button):
            button.setEnabled(manage and self.site is not None)
            if not manage:
                button.setToolTip(self.tr("需要“配对站点、导出和导入同步包”的权限（管理员）"))
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)

        self.peers = PeersModel(self)
        self.peers_view = _view(self.peers, (12, 4, 18, 14, 14, 24, 8))
        self.unpair_button = QPushButton(self.tr("解除配对…"))
        self.unpair_button.setEnabled(False)
        self.unpair_button.setToolTip(
            self.tr("对方换了电脑或重装了软件时：解除配对后重新导入对方的站点卡片")
            if manage else self.tr("需要“配对站点、导出和导入同步包”的权限（管理员）")
        )  # fmt: skip
        peers_tab = QWidget()
        peers_layout = QVBoxLayout(peers_tab)
        peers_layout.addWidget(self.peers_view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.unpair_button)
        peers_layout.addLayout(row)
        self.history = HistoryModel(self)
        self.history_view = _view(self.history, (10, 3, 7, 12, 5, 12, 6, 24))
        self.report_button = QPushButton(self.tr("查看报告…"))
        history_tab = QWidget()
        history_layout = QVBoxLayout(history_tab)
        history_layout.addWidget(self.history_view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.report_button)
        history_layout.addLayout(row)

        self.conflicts = ConflictsModel(self)
        self.conflicts_view = _view(self.conflicts, (5, 8, 7, 12, 20, 12, 20, 10))
        self.show_resolved = QCheckBox(self.tr("显示已处理的冲突"))
        self.keep_button = QPushButton(self.tr("保留当前值"))
        self.other_button = QPushButton(self.tr("改用另一个值"))
        for button in (self.keep_button, self.other_button):
            button.setEnabled(False)
        conflict_hint = QLabel(self.tr(
            "同一项内容在两个站点都改过时，程序按修改时间自动选定一个值（每个站点选得一样），另一个值保留在这里。"
            "核实后可以保留当前值，或改用另一个值；您的选择也会同步到其他站点。"
        ))  # fmt: skip
        conflict_hint.setWordWrap(True)
        conflict_hint.setStyleSheet(HINT_STYLE)
        conflicts_tab = QWidget()
        conflicts_layout = QVBoxLayout(conflicts_tab)
        conflicts_layout.addWidget(conflict_hint)
        conflicts_layout.addWidget(self.conflicts_view, 1)
        row = QHBoxLayout()
        row.addWidget(self.show_resolved)
        row.addStretch(1)
        row.addWidget(self.keep_button)
        row.addWidget(self.other_button)
        conflicts_layout.addLayout(row)

        self.tabs = QTabWidget()
        self.tabs.addTab(peers_tab, self.tr("已配对站点"))
        self.tabs.addTab(history_tab, self.tr("同步记录"))
        self.tabs.addTab(conflicts_tab, self.tr("冲突"))
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(self.tr("同步")))
        layout.addWidget(self.site_label)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)

        self.card_out_button.clicked.connect(lambda: self.export_card())
        self.card_in_button.clicked.connect(lambda: self.import_card())
        self.export_button.clicked.connect(lambda: self.export_package())
        self.import_button.clicked.connect(lambda: self.import_file())
        self.refresh_button.clicked.connect(self.refresh)
        self.report_button.clicked.connect(lambda: self.show_report())
        self.history_view.doubleClicked.connect(lambda index: self.show_report(index.row()))
        self.peers_view.doubleClicked.connect(self._export_to_row)
        self.peers_view.selectionModel().selectionChanged.connect(lambda *_a: self._peer_selected())
        self.unpair_button.clicked.connect(lambda: self.unpair())
        self.show_resolved.toggled.connect(lambda _on: self.refresh_conflicts())
        self.keep_button.clicked.connect(lambda: self.resolve("winner"))
        self.other_button.clicked.connect(lambda: self.resolve("other"))
        self.conflicts_view.selectionModel().selectionChanged.connect(lambda *_a: self._conflict_selected())
        self.refresh()

    # --- reading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the peers, the history and the conflicts."""
        try:
            self.peers.set_rows(sync.list_peers(self.db, self.actor))
            self.history.set_rows(sync.package_history(self.db, self.actor))
        except ServiceError as exc:
            self._refused(exc)
            return
        self.refresh_conflicts()

    def refresh_conflicts(self) -> None:
        """Re-read the conflicts (resolved ones only when asked for)."""
        try:
            items = sync.list_conflicts(self.db, self.actor, open_only=not self.show_resolved.isChecked())
            labels = record_labels(self.db, self.actor, [(c.table_name, c.record_id) for c in items])
            names = site_names(self.db, self.actor)
        except ServiceError as exc:
            self._refused(exc)
            return
        self.conflicts.set_conflicts(items, labels, names)
        open_count = sum(1 for c in items if c.status == "open")
        index = self.tabs.indexOf(self.conflicts_view.parentWidget())
        self.tabs.setTabText(
            index, self.tr("冲突（%1）").replace("%1", str(open_count)) if open_count else self.tr("冲突")
        )
        self._conflict_selected()

    def _peer_selected(self) -> None:
        manage = self.actor.can(perms.SYNC_MANAGE) and self.site is not None
        self.unpair_button.setEnabled(manage and self.selected_peer() is not None)

    def unpair(self) -> sync.PeerInfo | None:
        """解除配对: forget the selected peer's keys after asking (a replaced laptop is paired again
        from its new card; the exchange goes on with the next package numbers)."""
        rows = self.peers_view.selectionModel().selectedRows()
        peer = self.peers.row_at(rows[0].row()) if rows else None
        if peer is None:
            return None
        question = self.tr(
            "解除与“%1”的配对吗？\n\n解除后不再接受它的同步包和回执，也不能再给它导出同步包。"
            "对方换了电脑或重装了软件时，请先电话核实，解除后重新导入它的新站点卡片并核对指纹；"
            "之后的同步包会重新带上全部记录（对方已有的记录不会重复）。"
        ).replace("%1", peer.name)  # fmt: skip
        if not self.dialogs.confirm(self, self.tr("解除配对"), question):
            return None
        try:
            info = sync.unpair_site(self.db, self.actor, peer.site_id)
        except ServiceError as exc:
            self._refused(exc)
            return None
        self.refresh()
        self._peer_selected()
        self._inform(self.tr("解除配对"), self.tr("已解除与“%1”的配对。").replace("%1", info.name))
        return info

    def selected_peer(self) -> str | None:
        """The site id of the peer selected in the table."""
        rows = self.peers_view.selectionModel().selectedRows()
        peer = self.peers.row_at(rows[0].row()) if rows else None
        return peer.site_id if peer else None

    # --- messages -------------------------------------------------------------------------------
    def _inform(self, title: str, text: str) -> None:
        self.last_message = text
        self.dialogs.inform(self, title, text)

    def _refused(self, exc: BaseException) -> None:
        title = self.tr("同步文件被拒绝") if isinstance(exc, sync.SyncError) else error_title(exc)
        self.last_message = str(exc)
        self.dialogs.warn(self, title, str(exc))

    def _run(self, work: Callable[[tasks.Progress], Any], title: str, label: str) -> Any:
        """Run work in the worker; None after a refusal or a cancel (both said to the user)."""
        try:
            return self.runner(work, title, label, self)
        except (tasks.Cancelled, sync.SyncCancelled):
            self._inform(title, self.tr("已取消，没有做任何改动。"))
        except ServiceError as exc:
            self._refused(exc)
        return None

    def _remember(self, path: Path) -> None:
        self.folder = path.parent

    # --- site cards -----------------------------------------------------------------------------
    def export_card(self) -> Path | None:
        """导出本站卡片: write this site's card and show its fingerprint for the phone check."""
        if self.site is None:
            return None
        suggested = self.folder / (self.tr("站点卡片-%1").replace("%1", safe_name(self.site.name)) + CARD_SUFFIX)
        path = self.dialogs.save_file(
            self, self.tr("导出本站卡片"), suggested, self.tr("站点卡片 (*.kccard);;所有文件 (*)")
        )
        if path is None:
            return None
        self._remember(path)
        try:
            card = sync.make_site_card(self.db, self.actor, path)
        except ServiceError as exc:
            self._refused(exc)
            return None
        self.last_message = card.fingerprint
        where = self.tr("卡片已写入：%1").replace("%1", str(path))
        self.dialogs.run(
            FingerprintDialog(card.name, card.type_label, card.fingerprint, pairing=False, where=where, parent=self)
        )
        return path

    def import_card(self) -> sync.PeerInfo | None:
        """导入对方卡片: read a peer's card, show its fingerprint big, pair once the user confirms."""
        path = self.dialogs.open_file(self, self.tr("导入对方的站点卡片"), self.folder,
                                      self.tr("站点卡片 (*.kccard *.card *.json);;所有文件 (*)"))  # fmt: skip
        if path is None:
            return None
        self._remember(path)
        try:
            card = sync.read_site_card(path)
        except ServiceError as exc:
            self._refused(exc)
            return None
        place = "，".join(x for x in (card.township_name, card.school_name) if x)
        dialog = FingerprintDialog(card.name, card.type_label, card.fingerprint, pairing=True, where=place, parent=self)
        if not self.dialogs.run(dialog):
            return None
        try:
            peer = sync.pair_site(self.db, self.actor, path)
        except ServiceError as exc:
            self._refused(exc)
            return None
        self.refresh()
        verb = self.tr("已更新与“%1”的配对。") if peer.already_paired else self.tr("已与“%1”配对。")
        self._inform(self.tr("配对"), verb.replace("%1", peer.name) + self.tr(
            "如果还没有把本站卡片交给对方，请导出本站卡片给对方导入。"))  # fmt: skip
        return peer

    # --- packages -------------------------------------------------------------------------------
    def _export_to_row(self, index: QModelIndex) -> None:
        peer = self.peers.row_at(index.row())
        if peer is not None and self.export_button.isEnabled():
            self.export_package(peer.site_id)

    def export_package(self, peer_id: str | None = None) -> sync.ExportResult | None:
        """导出同步包: choose the peer and incremental or full, then where to save it; written in the worker."""
        if self.site is None:
            return None
        peers = self.peers.rows
        if not peers:
            self._inform(self.tr("导出同步包"), self.tr("还没有配对的站点：请先导入对方的站点卡片。"))
            return None
        choice = ExportDialog(peers, peer_id or self.selected_peer(), self)
        if not self.dialogs.run(choice):
            return None
        peer, full = choice.peer(), choice.full()
        if peer is None:
            return None
        suggested = self.folder / package_file_name(self.site.name, peer.name, peer.last_sent_no + 1)
        path = self.dialogs.save_file(
            self, self.tr("保存同步包"), suggested, self.tr("同步包 (*.kcsync);;所有文件 (*)")
        )
        if path is None:
            return None
        self._remember(path)

        def work(report: tasks.Progress) -> sync.ExportResult:
            return sync.export_package(
                self.db, self.actor, peer.site_id, path, full=full, progress=_until_written(report)
            )

        result: sync.ExportResult | None = self._run(work, self.tr("导出同步包"), self.tr("正在整理要发送的数据……"))
        self.refresh()
        if result is None:
            return None
        kind = self.tr("完整同步包") if result.full else self.tr("同步包")
        text = (
            self.tr("已导出发给“%1”的第 %2 号%3，共 %4 行：\n%5\n\n请把文件交给对方导入，再把对方生成的回执带回来导入。", "",
                    result.rows)
            .replace("%1", result.peer_name).replace("%2", str(result.number)).replace("%3", kind)
            .replace("%4", f"{result.rows:,}").replace("%5", str(result.path))
        )  # fmt: skip
        if not result.rows:
            text += "\n" + self.tr("（没有新的变更：这个同步包只告诉对方本站点的进度。）")
        if result.kept_back:
            kept = sum(result.kept_back.values())
            text += "\n\n" + self.tr(
                "另有 %1 行不属于本站点的范围（其他学校或乡镇的记录），没有发送，仍保留在本站点。", "", kept
            ).replace("%1", f"{kept:,}")
        self._inform(self.tr("导出同步包"), text)
        return result

    def import_file(self, path: Path | None = None) -> sync.ImportResult | None:
        """导入同步包或回执: preview what it will do, apply on 应用, write the receipt and say where."""
        if path is None:
            path = self.dialogs.open_file(self, self.tr("导入同步包或回执"), self.folder,
                                          self.tr("同步包或回执 (*.kcsync);;所有文件 (*)"))  # fmt: skip
        if path is None:
            return None
        self._remember(path)
        title = self.tr("导入同步包或回执")
        preview: sync.ImportPreview | None = self._run(
            lambda _report: sync.preview_import(self.db, self.actor, path), title, self.tr("正在检查文件……")
        )
        if preview is None:
            return None
        receipt = None
        if preview.kind == "package":
            folder = path.parent if os.access(path.parent, os.W_OK) else self.folder
            own = self.site.name if self.site else ""
            receipt = folder / receipt_file_name(own, preview.sender_name, preview.number)
        dialog = PreviewDialog(preview, path, receipt, self._choose_receipt, self)
        if not self.dialogs.run(dialog):
            return None
        receipt = dialog.receipt_path

        def work(report: tasks.Progress) -> sync.ImportResult:
            return sync.import_file(self.db, self.actor, path, progress=report)

        result: sync.ImportResult | None = self._run(work, title, self.tr("正在导入……"))
        if result is None:
            self.refresh()
            return None
        problem = ""
        if result.kind == "package" and receipt is not None:
            try:
                result.receipt_path = write_receipt(self.db, result, receipt)
            except ServiceError as exc:
                problem = str(exc)
        self.refresh()
        lines = result.lines()
        if problem:
            lines += ["", self.tr("同步包已导入，但回执没有写成：%1").replace("%1", problem),
                      self.tr("请再导入一次这个同步包（不会重复改动），把回执保存到别的位置。")]  # fmt: skip
        elif result.receipt_path is not None:
            lines += ["", self.tr("请把回执文件带回“%1”，在那里导入。").replace("%1", result.sender_name)]
        if result.conflicts and not result.replay:
            lines.append(self.tr("冲突的详细情况见“冲突”标签页。"))
        self._inform(title, "\n".join(lines))
        return result

    def _choose_receipt(self, start: Path) -> Path | None:
        return self.dialogs.save_file(self, self.tr("回执保存到"), start, self.tr("回执 (*.kcsync);;所有文件 (*)"))

    # --- history and conflicts ------------------------------------------------------------------
    def show_report(self, row: int | None = None) -> ReportDialog | None:
        """The report of the selected history line (a package's tables, an import's counts)."""
        if row is None:
            rows = self.history_view.selectionModel().selectedRows()
            row = rows[0].row() if rows else -1
        record = self.history.row_at(row)
        if record is None:
            self._inform(self.tr("同步记录"), self.tr("请先在表格中选中一行。"))
            return None
        dialog = ReportDialog(record, self)
        self.dialogs.run(dialog)
        return dialog

    def _selected_conflict(self) -> sync.ConflictInfo | None:
        rows = self.conflicts_view.selectionModel().selectedRows()
        return self.conflicts.row_at(rows[0].row()) if rows else None

    def _conflict_selected(self) -> None:
        item = self._selected_conflict()
        can = item is not None and item.status == "open" and self.actor.can(perms.SYNC_MANAGE)
        self.keep_button.setEnabled(can)
        self.other_button.setEnabled(can)

    def resolve(self, choice: str) -> sync.ConflictInfo | None:
        """Close the selected conflict: "winner" keeps the applied value, "other" takes the other one."""
        item = self._selected_conflict()
        if item is None:
            return None
        if choice == "other":
            question = self.tr("把这一项改为另一个值“%1”吗？这个修改会同步到其他站点。").replace(
                "%1", self.conflicts.cells(item)[ConflictsModel.OTHER_COLUMN])  # fmt: skip
            if not self.dialogs.confirm(self, self.tr("改用另一个值"), question):
                return None
        try:
            info = sync.resolve_conflict(self.db, self.actor, item.id, choice)
        except ServiceError as exc:
            self._refused(exc)
            return None
        self.refresh()
        return info


def _until_written(report: tasks.Progress) -> tasks.Progress:
    """The worker's progress for an export: cancelling works until the last report, which comes
    when the package file is already written — too late to take back, so it completes."""

    def progress(done: int, total: int, text: str) -> None:
        try:
            report(done, total, text)
        except tasks.Cancelled:
            if done < total:
                raise

    return progress
