"""Make a case document off the GUI thread and show it in the PDF preview (print, save as)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from kongchuo_desktop.gui.pdf_preview import PdfPreview
from kongchuo_desktop.gui.screen_fit import resize_within_screen
from kongchuo_desktop.gui.service_errors import show_service_error
from kongchuo_desktop.gui.tasks import Cancelled, run_with_progress
from kongchuo_desktop.services.errors import ServiceError


class PdfDialog(QDialog):
    """A window holding one PdfPreview (page through, zoom, 打印…, 另存为 PDF…)."""

    def __init__(self, title: str, data: bytes, suggested_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        resize_within_screen(self, 820, 900)
        layout = QVBoxLayout(self)
        self.preview = PdfPreview(self)
        layout.addWidget(self.preview)
        self.preview.load_bytes(data, suggested_name)


def make_pdf(parent: QWidget | None, title: str, make: Callable[[], bytes]) -> bytes | None:
    """Run `make` in a worker (a progress dialog appears if it takes a while); None after a refusal
    (shown to the user) or a cancel."""
    try:
        return run_with_progress(
            lambda _progress: make(), title, QCoreApplication.translate("CasePdf", "正在生成，请稍候……"), parent
        )  # type: ignore[no-any-return]
    except Cancelled:
        return None
    except ServiceError as exc:
        show_service_error(parent, exc)
        return None


def show_pdf(parent: QWidget | None, title: str, make: Callable[[], bytes], suggested_name: str) -> PdfDialog | None:
    """Make a PDF in a worker and open it in a preview window (returned, or None when it failed)."""
    data = make_pdf(parent, title, make)
    if data is None:
        return None
    dialog = PdfDialog(title, data, suggested_name, parent)
    dialog.open()
    return dialog
