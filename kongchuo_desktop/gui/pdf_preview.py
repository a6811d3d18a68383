"""A PDF preview with page navigation, zoom, print (page range, copies) and save-as.

Uses QtPdf (QPdfDocument, QPdfView); printing renders each page at up to 300 dpi onto a QPrinter
chosen in QPrintDialog. Any PDF the app makes (letters now, reports later) can be shown with it.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import uuid
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.gui.flow_layout import FlowLayout, kept_together

log = logging.getLogger(__name__)

try:  # QtPdf ships in its own wheel (PySide6-Pdf); without it the preview says so instead of failing.
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    HAVE_QTPDF = True
except ImportError:  # pragma: no cover — depends on the installation
    HAVE_QTPDF = False

MAX_PRINT_DPI = 300


class PrintCancelled(Exception):  # noqa: N818 — a normal outcome
    """The user cancelled printing."""


def print_document(document: QPdfDocument, printer: object, parent: QWidget | None = None) -> int:
    """Print the pages the printer's page range selects (all when none), `copyCount` times.

    Returns the number of pages sent. Shows a cancellable progress dialog for long jobs; a
    cancelled print to a file removes the partial file.
    """
    from PySide6.QtPrintSupport import QPrinter

    assert isinstance(printer, QPrinter)
    count = document.pageCount()
    pages = list(range(count))
    ranges = printer.pageRanges()
    if not ranges.isEmpty():
        pages = [p - 1 for r in ranges.toRangeList() for p in range(r.from_, r.to + 1) if 0 < p <= count]
    # Printers that make copies themselves get the count; for the others (and PDF output) we
    # send the pages that many times.
    copies = 1
    wanted = max(printer.copyCount(), 1)
    if wanted > 1 and not printer.supportsMultipleCopies():
        copies = wanted
        printer.setCopyCount(1)
    sequence = (
        [p for _ in range(copies) for p in pages]
        if printer.collateCopies() or copies == 1
        else [p for p in pages for _ in range(copies)]
    )
    if not sequence:
        return 0
    printer.setFullPage(True)
    progress = QProgressDialog(
        QCoreApplication.translate("PdfPreview", "正在打印……"),
        QCoreApplication.translate("PdfPreview", "取消"),
        0,
        len(sequence),
        parent,
    )
    progress.setWindowTitle(QCoreApplication.translate("PdfPreview", "打印"))
    progress.setMinimumDuration(500)
    painter = QPainter()
    if not painter.begin(printer):
        progress.close()
        raise OSError(QCoreApplication.translate("PdfPreview", "打印机无法开始打印，请检查打印机是否连接、是否有纸。"))
    output = printer.outputFileName()
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        for i, page in enumerate(sequence):
            if progress.wasCanceled():
                printer.abort()
                raise PrintCancelled()
            if i:
                printer.newPage()
            target = painter.viewport()
            size = document.pagePointSize(page)
            pixels = QSize(int(size.width() / 72 * dpi), int(size.height() / 72 * dpi))
            image = document.render(page, pixels)
            scaled = pixels.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(
                target.x(),
                target.y(),
                image.scaled(scaled, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation),
            )
            progress.setValue(i + 1)
    except PrintCancelled:
        painter.end()
        if output:
            Path(output).unlink(missing_ok=True)
        raise
    finally:
        if painter.isActive():
            painter.end()
        progress.close()
    return len(sequence)


class PdfPreview(QWidget):
    """Shows one PDF; toolbar: pages, zoom, 打印…, 另存为 PDF….

    document: the QPdfDocument (None without QtPdf); source_path: the file shown, if any;
    data: the PDF's bytes (kept for save-as); suggested_name: the file name save-as proposes.
    """

    printed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: bytes | None = None
        self.source_path: Path | None = None
        self.suggested_name = QCoreApplication.translate("PdfPreview", "文档.pdf")
        self._tempdir = tempfile.TemporaryDirectory(prefix="kongchuo-preview-", ignore_cleanup_errors=True)
        self._temp = Path(self._tempdir.name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = FlowLayout()  # wraps onto a second row in a narrow pane or at a large font size
        self.prev_button = QToolButton(text=QCoreApplication.translate("PdfPreview", "上一页"))
        self.next_button = QToolButton(text=QCoreApplication.translate("PdfPreview", "下一页"))
        self.page_box = QSpinBox()
        self.page_box.setMinimum(1)
        self.page_label = QLabel(QCoreApplication.translate("PdfPreview", "共 0 页"))
        self.zoom_out = QToolButton(text=QCoreApplication.translate("PdfPreview", "缩小"))
        self.zoom_in = QToolButton(text=QCoreApplication.translate("PdfPreview", "放大"))
        self.fit_width = QToolButton(text=QCoreApplication.translate("PdfPreview", "适合宽度"))
        self.print_button = QPushButton(QCoreApplication.translate("PdfPreview", "打印…"))
        self.save_button = QPushButton(QCoreApplication.translate("PdfPreview", "另存为 PDF…"))
        bar.addWidget(kept_together(self.prev_button, self.page_box, self.page_label, self.next_button))
        bar.addWidget(kept_together(self.zoom_out, self.zoom_in, self.fit_width))
        bar.addStretch(1)
        bar.addWidget(kept_together(self.print_button, self.save_button))
        layout.addLayout(bar)
        if HAVE_QTPDF:
            self.document: QPdfDocument | None = QPdfDocument(self)
            self.view = QPdfView(self)
            self.view.setDocument(self.document)
            self.view.setPageMode(QPdfView.PageMode.MultiPage)
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            layout.addWidget(self.view, 1)
            self.document.statusChanged.connect(self._status_changed)
            self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        else:  # pragma: no cover
            self.document = None
            self.view = None  # type: ignore[assignment]
            layout.addWidget(
                QLabel(
                    QCoreApplication.translate(
                        "PdfPreview", "本机缺少 PDF 预览组件（QtPdf），请用“另存为 PDF”保存后用其他程序打开。"
                    )
                ),
                1,
            )
        self.prev_button.clicked.connect(lambda: self.go_to(self.page_box.value() - 2))
        self.next_button.clicked.connect(lambda: self.go_to(self.page_box.value()))
        self.page_box.editingFinished.connect(lambda: self.go_to(self.page_box.value() - 1))
        self.zoom_in.clicked.connect(lambda: self._zoom(1.25))
        self.zoom_out.clicked.connect(lambda: self._zoom(0.8))
        self.fit_width.clicked.connect(self._fit)
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_as_dialog)
        self._update_buttons()

    # --- loading -----------------------------------------------------------------------------
    def load_bytes(self, data: bytes, suggested_name: str | None = None) -> None:
        """Show a PDF held in memory."""
        self.data = data
        self.source_path = None
        if suggested_name:
            self.suggested_name = suggested_name
        if self.document is None:
            self._update_buttons()
            return
        # Loading from a file is synchronous (a QBuffer loads asynchronously and must outlive the
        # document); the copy lives in this widget's temporary folder.
        self.document.close()
        for old in self._temp.glob("*.pdf"):
            old.unlink(missing_ok=True)  # may fail on Windows while still open: harmless
        path = self._temp / f"{uuid.uuid4().hex}.pdf"
        path.write_bytes(data)
        self.document.load(str(path))
        self._status_changed()

    def load_file(self, path: str | Path) -> None:
        """Show a PDF file."""
        path = Path(path)
        self.load_bytes(path.read_bytes(), path.name)
        self.source_path = path

    def clear(self) -> None:
        """Show nothing."""
        self.data = None
        self.source_path = None
        if self.document is not None:
            self.document.close()
        self._update_buttons()

    def page_count(self) -> int:
        """Pages of the shown PDF (0 when none, or while it loads)."""
        return self.document.pageCount() if self.document is not None else 0

    # --- navigation ----------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        """Show page `index` (0-based), clamped to the document."""
        if self.view is None or self.page_count() == 0:
            return
        index = max(0, min(index, self.page_count() - 1))
        self.view.pageNavigator().jump(index, QPointF(), self.view.pageNavigator().currentZoom())
        self.page_box.setValue(index + 1)

    def _zoom(self, factor: float) -> None:
        if self.view is None:
            return
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(5.0, self.view.zoomFactor() * factor)))

    def _fit(self) -> None:
        if self.view is not None:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _status_changed(self, *_args: object) -> None:
        count = self.page_count()
        self.page_box.setMaximum(max(count, 1))
        self.page_label.setText(QCoreApplication.translate("PdfPreview", "共 %n 页", None, count))
        self._update_buttons()

    def _page_changed(self, page: int) -> None:
        self.page_box.setValue(page + 1)

    def _update_buttons(self) -> None:
        has = self.data is not None
        for w in (self.print_button, self.save_button, self.prev_button, self.next_button, self.page_box):
            w.setEnabled(has)
        self.print_button.setEnabled(has and self.document is not None)

    # --- print and save ---------------------------------------------------------------------------
    def print_dialog(self) -> int:
        """Choose a printer, page range and copies, then print; returns pages sent (0 if cancelled)."""
        from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

        if self.document is None or self.page_count() == 0:
            return 0
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        printer.setFromTo(1, self.page_count())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(QCoreApplication.translate("PdfPreview", "打印"))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return 0
        return self.print_to(printer)

    def print_to(self, printer: object) -> int:
        """Print to a prepared QPrinter (the dialog's, or a PDF printer in tests)."""
        if self.document is None:
            return 0
        try:
            sent = print_document(self.document, printer, self)
        except PrintCancelled:
            return 0
        except OSError as exc:
            QMessageBox.warning(self, QCoreApplication.translate("PdfPreview", "打印"), str(exc))
            return 0
        self.printed.emit(sent)
        return sent

    def save_as_dialog(self) -> Path | None:
        """Ask where to save a copy of the shown PDF, and save it."""
        if self.data is None:
            return None
        start = str(Path.home() / self.suggested_name)
        name, _filter = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("PdfPreview", "另存为 PDF"),
            start,
            QCoreApplication.translate("PdfPreview", "PDF 文件 (*.pdf)"),
        )
        if not name:
            return None
        return self.save_to(Path(name))

    def save_to(self, path: Path) -> Path:
        """Save a copy of the shown PDF to `path` (through a temporary name)."""
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
        try:
            if self.source_path is not None and self.source_path.exists():
                shutil.copyfile(self.source_path, tmp)
            else:
                tmp.write_bytes(self.data or b"")
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        return path
