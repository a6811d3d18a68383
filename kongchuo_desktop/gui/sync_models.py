"""Table models of the 同步 page: paired sites, the package history and the sync conflicts (plain rows)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from kongchuo_desktop.gui.domain_labels import label
from kongchuo_desktop.services.history import local_time
from kongchuo_desktop.services.sync import ConflictInfo, PackageRecord, PeerStatus
from kongchuo_desktop.services.sync.status import conflict_field_label
from kongchuo_desktop.services.sync_labels import table_label

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")
RowIdRole = Qt.ItemDataRole.UserRole + 1
MUTED = QColor("#7f8c8d")


def when(value: dt.datetime | None) -> str:
    """A time as the page shows it (local wall clock of the stored UTC time), or "—"."""
    if value is None:
        return "—"
    return local_time(value).strftime("%Y-%m-%d %H:%M")


def value_text(value: Any) -> str:
    """A synced field's value in words."""
    if value is None or value == "":
        return QCoreApplication.translate("SyncModels", "（空）")
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("SyncModels", "是") if value else QCoreApplication.translate("SyncModels", "否")
        )
    return str(value)


class RowsModel(QAbstractTableModel, Generic[R]):
    """A read-only table of plain rows; subclasses give HEADERS and cells(row)."""

    HEADERS: tuple[str, ...] = ()
    CONTEXT = "SyncModels"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[R] = []

    def set_rows(self, rows: list[R]) -> None:
        """Replace every row (one reset)."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> R | None:
        """The plain row at a view row."""
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def cells(self, row: R) -> tuple[str, ...]:
        """The texts of one row."""
        raise NotImplementedError

    def muted(self, row: R) -> bool:
        """Whether the row is shown greyed (done, nothing pending)."""
        return False

    def row_id(self, row: R) -> Any:
        """The id RowIdRole returns."""
        return getattr(row, "id", None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.CONTEXT, self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cells(row)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and self.muted(row):
            return MUTED
        if role == RowIdRole:
            return self.row_id(row)
        return None


class PeersModel(RowsModel[PeerStatus]):
    """The paired sites and what was exchanged with each."""

    HEADERS = (
        QT_TRANSLATE_NOOP("SyncModels", "站点"),
        QT_TRANSLATE_NOOP("SyncModels", "类型"),
        QT_TRANSLATE_NOOP("SyncModels", "指纹"),
        QT_TRANSLATE_NOOP("SyncModels", "最近发出"),
        QT_TRANSLATE_NOOP("SyncModels", "最近收到"),
        QT_TRANSLATE_NOOP("SyncModels", "对方已确认"),
        QT_TRANSLATE_NOOP("SyncModels", "待发变更"),
    )

    def row_id(self, row: PeerStatus) -> str:
        return row.site_id

    def cells(self, row: PeerStatus) -> tuple[str, ...]:
        def numbered(no: int, at: dt.datetime | None) -> str:
            return (
                QCoreApplication.translate("SyncModels", "第 %1 号，%2").replace("%1", str(no)).replace("%2", when(at))
                if no
                else QCoreApplication.translate("SyncModels", "尚无")
            )

        acked = (
            QCoreApplication.translate("SyncModels", "第 %1 号（变更序号 %2），%3").replace("%1", str(row.acked_no)).replace("%2", str(row.acked_seq))
            .replace("%3", when(row.acked_at))
            if row.acked_no else QCoreApplication.translate("SyncModels", "尚未确认")
        )  # fmt: skip
        pending = (
            QCoreApplication.translate("SyncModels", "约 %1 行", None, row.pending).replace("%1", f"{row.pending:,}")
            if row.pending
            else QCoreApplication.translate("SyncModels", "无")
        )
        return (row.name, label(row.type_label), row.fingerprint, numbered(row.last_sent_no, row.last_sent_at),
                numbered(row.last_received_no, row.last_received_at), acked, pending)  # fmt: skip


class HistoryModel(RowsModel[PackageRecord]):
    """Packages and receipts sent and received, newest first."""

    HEADERS = (
        QT_TRANSLATE_NOOP("SyncModels", "时间"),
        QT_TRANSLATE_NOOP("SyncModels", "方向"),
        QT_TRANSLATE_NOOP("SyncModels", "文件"),
        QT_TRANSLATE_NOOP("SyncModels", "对方站点"),
        QT_TRANSLATE_NOOP("SyncModels", "编号"),
        QT_TRANSLATE_NOOP("SyncModels", "内容"),
        QT_TRANSLATE_NOOP("SyncModels", "操作人"),
        QT_TRANSLATE_NOOP("SyncModels", "文件名"),
    )

    def cells(self, row: PackageRecord) -> tuple[str, ...]:
        direction = (
            QCoreApplication.translate("SyncModels", "发出")
            if row.direction == "out"
            else QCoreApplication.translate("SyncModels", "收到")
        )
        if row.kind == "receipt":
            kind = QCoreApplication.translate("SyncModels", "回执")
            acked = row.report.get("acknowledged") or [row.number]
            content = QCoreApplication.translate("SyncModels", "确认第 %1 号同步包").replace(
                "%1", "、".join(str(n) for n in acked)
            )
        else:
            kind = (
                QCoreApplication.translate("SyncModels", "完整同步包")
                if row.full
                else QCoreApplication.translate("SyncModels", "同步包")
            )
            content = QCoreApplication.translate("SyncModels", "%1 行", None, row.rows).replace("%1", f"{row.rows:,}")
            conflicts = int(row.report.get("conflicts") or 0)
            if conflicts:
                content += QCoreApplication.translate("SyncModels", "，冲突 %n 处", None, conflicts)
        return (when(row.at), direction, kind, row.peer_name, QCoreApplication.translate("SyncModels", "第 %1 号").replace("%1", str(row.number)), content,
                row.by_user or "—", row.file_name or "—")  # fmt: skip


class ConflictsModel(RowsModel[ConflictInfo]):
    """Sync conflicts: both values, who wrote them and when, the automatic winner.

    labels: (table, record id) → the pupil or thing the record is about; sites: site id → name.
    """

    HEADERS = (
        QT_TRANSLATE_NOOP("SyncModels", "数据"),
        QT_TRANSLATE_NOOP("SyncModels", "记录"),
        QT_TRANSLATE_NOOP("SyncModels", "字段"),
        QT_TRANSLATE_NOOP("SyncModels", "当前值（自动选定）"),
        QT_TRANSLATE_NOOP("SyncModels", "来自"),
        QT_TRANSLATE_NOOP("SyncModels", "另一个值"),
        QT_TRANSLATE_NOOP("SyncModels", "来自"),
        QT_TRANSLATE_NOOP("SyncModels", "状态"),
    )
    WINNER_COLUMN = 3
    OTHER_COLUMN = 5

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.labels: dict[tuple[str, str], str] = {}
        self.sites: dict[str, str] = {}

    def set_conflicts(
        self, rows: list[ConflictInfo], labels: dict[tuple[str, str], str], sites: dict[str, str]
    ) -> None:
        """Replace the rows and the words they are shown with."""
        self.labels, self.sites = labels, sites
        self.set_rows(rows)

    def _who(self, site: str, user: str | None, at: dt.datetime | None) -> str:
        name = self.sites.get(site) or QCoreApplication.translate("SyncModels", "其他站点")
        return f"{name}·{user or '—'}·{when(at)}"

    def muted(self, row: ConflictInfo) -> bool:
        return row.status != "open"

    def cells(self, row: ConflictInfo) -> tuple[str, ...]:
        if row.status == "open":
            status = QCoreApplication.translate("SyncModels", "待处理")
        elif row.resolution == "other":
            status = QCoreApplication.translate("SyncModels", "已处理：改用另一个值")
        else:
            status = QCoreApplication.translate("SyncModels", "已处理：保留当前值")
        return (
            label(table_label(row.table_name)), self.labels.get((row.table_name, row.record_id), row.record_id),
            label(conflict_field_label(row.table_name, row.field)), row.winner_text or value_text(row.winner_value),
            self._who(row.winner_site, row.winner_user, row.winner_at), row.loser_text or value_text(row.loser_value),
            self._who(row.loser_site, row.loser_user, row.loser_at), status,
        )  # fmt: skip
