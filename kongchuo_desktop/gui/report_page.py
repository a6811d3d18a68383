"""The 月报 page: pick a month (last month by default), a unit in the user's scope and a report,
preview it, export it as Excel or PDF, or print it — the work runs in a worker (gui.tasks)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.gui.combos import fill_combo
from kongchuo_desktop.gui.flow_layout import FILTER_SPACING, FlowLayout, kept_together, labelled_pair
from kongchuo_desktop.gui.page_parts import page_title
from kongchuo_desktop.gui.service_errors import show_service_error
from kongchuo_desktop.gui.tasks import Cancelled, run_with_progress
from kongchuo_desktop.services import clock, lookups
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.services.reports.export import ExportResult, export_report
from kongchuo_desktop.services.reports.layout import Part, report_layout
from kongchuo_desktop.services.reports.monthly import MonthlyReport, monthly_report
from kongchuo_desktop.services.reports.period import Period, last_month
from kongchuo_desktop.store.database import Database

PathChooser = Callable[[QWidget, str, str], str | None]
PrinterRun = Callable[[QWidget, Path], int]


def choose_save_path(parent: QWidget, suggested: str, file_filter: str) -> str | None:
    """Ask where to save with the system dialog (None when cancelled)."""
    path, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("ReportPage", "保存月报"), suggested, file_filter)
    return path or None


def print_pdf(parent: QWidget, pdf: Path) -> int:
    """QPrintDialog, then print the PDF's pages (gui.pdf_preview); returns the pages sent."""
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from kongchuo_desktop.gui.pdf_preview import print_document

    document = QPdfDocument(parent)
    document.load(str(pdf))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return 0
    return print_document(document, printer, parent)


class ReportPage(QWidget):
    """月报.

    report: the report previewed (None before the first 生成); last_export: what the latest export
    wrote; _choose_path / _print: the save dialog and the printing (replaced in tests).
    """

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        choose_path: PathChooser | None = None,
        print_run: PrinterRun | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._choose_path = choose_path or choose_save_path
        self._print = print_run or print_pdf
        self.report: MonthlyReport | None = None
        self.last_export: ExportResult | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(self.tr("月报")))
        # The choices wrap onto a second row when the window is narrow or the font large.
        bar = FlowLayout(horizontal_spacing=FILTER_SPACING)
        self.monthEdit = QDateEdit()
        self.monthEdit.setDisplayFormat(self.tr("yyyy年M月"))
        self.monthEdit.setCalendarPopup(False)
        today = clock.today()
        default = last_month(today)
        self.monthEdit.setMaximumDate(QDate(today.year, today.month, 1))
        self.monthEdit.setDate(QDate(default.year, default.month, 1))
        bar.addWidget(labelled_pair(self.tr("月份："), self.monthEdit))
        self.unitCombo = QComboBox()
        self.unitCombo.setMinimumContentsLength(14)  # its longest name; squeezed no narrower than this
        fill_combo(self.unitCombo, self._units())
        bar.addWidget(labelled_pair(self.tr("单位："), self.unitCombo))
        self.kindCombo = QComboBox()
        fill_combo(
            self.kindCombo,
            [(self.tr("学籍变动月报和辍学情况月报"), "both"), (self.tr("学籍变动月报"), "changes"),
             (self.tr("辍学情况月报"), "dropouts")],
        )  # fmt: skip
        bar.addWidget(labelled_pair(self.tr("报表："), self.kindCombo))
        self.makeButton = QPushButton(self.tr("生成"))
        self.makeButton.setDefault(True)
        self.makeButton.clicked.connect(self.make)
        bar.addWidget(self.makeButton)
        bar.addStretch(1)
        self.excelButton = QPushButton(self.tr("导出 Excel"))
        self.pdfButton = QPushButton(self.tr("导出 PDF"))
        self.printButton = QPushButton(self.tr("打印"))
        self.excelButton.clicked.connect(lambda: self.export(".xlsx"))
        self.pdfButton.clicked.connect(lambda: self.export(".pdf"))
        self.printButton.clicked.connect(self.print_report)
        for button in (self.excelButton, self.pdfButton, self.printButton):
            button.setEnabled(False)
        bar.addWidget(kept_together(self.excelButton, self.pdfButton, self.printButton))
        layout.addLayout(bar)
        self.problemLabel = QLabel()
        self.problemLabel.setWordWrap(True)
        self.problemLabel.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.problemLabel.hide()
        layout.addWidget(self.problemLabel)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.hintLabel = QLabel(self.tr("选择月份和单位后点“生成”。各数由学籍异动和控辍个案的历史重新计算。"))
        self.hintLabel.setWordWrap(True)
        layout.addWidget(self.hintLabel)

    # --- choices ---------------------------------------------------------------------------------
    def _units(self) -> list[tuple[str, Any]]:
        actor = self._actor
        items: list[tuple[str, Any]] = []
        if actor.whole_site:
            items.append((self.tr("全市汇总"), None))
        towns = [] if actor.school_id is not None else lookups.townships(self._db, actor)
        schools = lookups.schools(self._db, actor)
        for town in towns:
            items.append((town.name, ("township", town.id)))
            items += [("　" + s.name, ("school", s.id)) for s in schools if s.township_id == town.id]
        listed = {data[1] for _, data in items if data}
        items += [(s.name, ("school", s.id)) for s in schools if s.id not in listed]
        return items

    def period(self) -> Period:
        """The chosen month."""
        date = self.monthEdit.date()
        return Period(date.year(), date.month())

    def set_period(self, period: Period) -> None:
        self.monthEdit.setDate(QDate(period.year, period.month, 1))

    # --- work ------------------------------------------------------------------------------------
    def make(self) -> MonthlyReport | None:
        """Build the chosen report in a worker and preview it."""
        unit = self.unitCombo.currentData()
        township = unit[1] if unit and unit[0] == "township" else None
        school = unit[1] if unit and unit[0] == "school" else None
        period, kind, db, actor = self.period(), self.kindCombo.currentData(), self._db, self._actor

        def work(progress: Any) -> MonthlyReport:
            progress(0, 0, "")
            return monthly_report(db, actor, period, township=township, school=school, kind=kind)

        try:
            report = run_with_progress(work, self.tr("月报"), self.tr("正在根据历史记录统计……"), self)
        except Cancelled:
            return None
        except ServiceError as exc:
            show_service_error(self, exc)
            return None
        self.show_report(report)
        return report

    def show_report(self, report: MonthlyReport) -> None:
        """Preview every part of `report` (one tab each)."""
        self.report = report
        self.tabs.clear()
        for part in report_layout(report).parts:
            self.tabs.addTab(self._part_view(part), part.name)
        problem = report.problem_line()
        self.problemLabel.setText(problem + self.tr("（导出和打印的是数据核对清单，不是月报。）") if problem else "")
        self.problemLabel.setVisible(bool(problem))
        for button in (self.excelButton, self.pdfButton, self.printButton):
            button.setEnabled(True)

    def _part_view(self, part: Part) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        title = QLabel(part.title)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 2)
        title.setFont(font)
        column.addWidget(title)
        for table in part.tables:
            if table.heading:
                column.addWidget(QLabel(table.heading))
            view = QTableWidget(len(table.rows), len(table.columns))
            view.setObjectName("previewTable")
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setHorizontalHeaderLabels(["\n".join(path) for path, _ in table.columns])
            view.verticalHeader().hide()
            for r, values in enumerate(table.rows):
                for c, value in enumerate(values):
                    item = QTableWidgetItem("" if value is None else str(value))
                    if r in table.bold:
                        f = item.font()
                        f.setBold(True)
                        item.setFont(f)
                    view.setItem(r, c, item)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            # A few rows stay visible whatever the font size; the tab scrolls when they do not fit.
            rows = min(len(table.rows), 5) + 1
            view.setMinimumHeight(view.horizontalHeader().sizeHint().height() + rows * view.fontMetrics().height() * 3 // 2)
            column.addWidget(view, 1)
        if part.notes:
            notes = QLabel("\n".join(self.tr("注：%1").replace("%1", n) for n in part.notes))
            notes.setWordWrap(True)
            # The notes scroll after a few lines, so that at 大/特大 they do not squeeze the tables.
            holder = QScrollArea()
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setWidget(notes)
            holder.setMaximumHeight(notes.fontMetrics().lineSpacing() * 5 + 8)
            column.addWidget(holder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(box)
        return scroll

    def _suggested(self, suffix: str) -> str:
        assert self.report is not None
        return self.tr("%1月报%2").replace("%1", self.report.title_prefix).replace("%2", suffix)

    def export(self, suffix: str) -> ExportResult | None:
        """Ask for a file and write the previewed report to it in a worker."""
        if self.report is None:
            return None
        file_filter = self.tr("Excel 工作簿 (*.xlsx)") if suffix == ".xlsx" else self.tr("PDF 文件 (*.pdf)")
        chosen = self._choose_path(self, self._suggested(suffix), file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        result = self._write(path)
        if result is not None:
            self.last_export = result
            self.hintLabel.setText(self.tr("已保存：%1").replace("%1", str(result.path)))
        return result

    def _write(self, path: Path) -> ExportResult | None:
        report = self.report
        assert report is not None
        try:
            return run_with_progress(
                lambda _p: export_report(report, path), self.tr("月报"), self.tr("正在写入……"), self
            )  # type: ignore[no-any-return]
        except Cancelled:
            return None
        except ServiceError as exc:
            show_service_error(self, exc)
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("无法保存"),
                self.tr("无法写入“%1”：%2").replace("%1", str(path)).replace("%2", exc.strerror or str(exc)),
            )
        return None

    def print_page(self) -> None:
        """Ctrl+P: print the report on show (say so when none has been made yet)."""
        if self.report is None:
            self.hintLabel.setText(self.tr("请先选择月份和单位，点“生成”，再打印。"))
            return
        self.print_report()

    def print_report(self) -> int:
        """Write the PDF to a temporary folder and print it (QPrintDialog); returns pages sent."""
        if self.report is None:
            return 0
        with tempfile.TemporaryDirectory(prefix="kongchuo-report-") as folder:
            result = self._write(Path(folder) / "report.pdf")
            if result is None:
                return 0
            return self._print(self, result.path)
