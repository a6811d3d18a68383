"""The 控辍责任状 page: print a batch, keep the register of signed letters, edit the templates.

`LettersPage(db, actor)` is self-contained; the main window only adds it to its page list.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from kongchuo_desktop.gui.page_parts import page_title
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.store.database import Database


class LetterDialogs:
    """The questions the letters page asks (files, confirmations, messages); tests use a fake."""

    def save_file(self, parent: QWidget, title: str, suggested: str, file_filter: str) -> Path | None:
        """Where to save a new file."""
        start = str(Path.home() / "Documents" / suggested) if (Path.home() / "Documents").is_dir() else suggested
        name, _ = QFileDialog.getSaveFileName(parent, title, start, file_filter)
        return Path(name) if name else None

    def choose_folder(self, parent: QWidget, title: str) -> Path | None:
        """A folder to write files into."""
        name = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
        return Path(name) if name else None

    def open_file(self, parent: QWidget, title: str, file_filter: str) -> Path | None:
        """An existing file to read (a scan)."""
        name, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), file_filter)
        return Path(name) if name else None

    def run(self, dialog: QDialog) -> bool:
        """Show a dialog modally; True when accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        """A yes/no question."""
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def inform(self, parent: QWidget, title: str, text: str) -> None:
        """A message that something was done."""
        QMessageBox.information(parent, title, text)

    def warn(self, parent: QWidget, title: str, text: str) -> None:
        """A message that something could not be done, and why."""
        QMessageBox.warning(parent, title, text)


class LettersPage(QWidget):
    """Three tabs: 生成与打印 (batch), 签订登记 (register), 责任书模板 (templates).

    dialogs: the LetterDialogs every tab asks through (replace before use in tests).
    """

    def __init__(
        self, db: Database, actor: Actor, parent: QWidget | None = None, dialogs: LetterDialogs | None = None
    ) -> None:
        super().__init__(parent)
        from kongchuo_desktop.gui.letters_batch import BatchTab
        from kongchuo_desktop.gui.letters_register import RegisterTab
        from kongchuo_desktop.gui.letters_templates import TemplatesTab
        from kongchuo_desktop.services.letter_templates import ensure_default_templates

        self.db = db
        self.actor = actor
        self.dialogs = dialogs or LetterDialogs()
        ensure_default_templates(db)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(QCoreApplication.translate("LettersPage", "控辍责任状")))
        self.tabs = QTabWidget()
        self.batch = BatchTab(self)
        self.register = RegisterTab(self)
        self.templates = TemplatesTab(self)
        self.tabs.addTab(self.batch, QCoreApplication.translate("LettersPage", "生成与打印"))
        self.tabs.addTab(self.register, QCoreApplication.translate("LettersPage", "签订登记"))
        self.tabs.addTab(self.templates, QCoreApplication.translate("LettersPage", "责任书模板"))
        layout.addWidget(self.tabs, 1)
        self.batch.issued.connect(self.register.refresh)
        self.templates.saved.connect(self.batch.reload_templates)
        self.tabs.currentChanged.connect(self._tab_changed)
        from kongchuo_desktop.services.letters_pending import pending

        if pending(db):  # a batch registered before a crash whose PDF is not in place yet
            QTimer.singleShot(0, self.finish_pending)

    def finish_pending(self) -> None:
        """Put in place (or print again) the PDFs of batches a crash interrupted, and say so."""
        from kongchuo_desktop.gui.tasks import run_with_progress
        from kongchuo_desktop.services.letters_pending import finish_pending

        title = QCoreApplication.translate("LettersPage", "补全责任书文件")
        label = QCoreApplication.translate("LettersPage", "正在补全上次中断时没有写完的责任书文件……")
        try:
            finished = run_with_progress(lambda _progress: finish_pending(self.db), title, label, self)
        except Exception as exc:  # noqa: BLE001 - the page stays usable; the record stays for next time
            self.dialogs.warn(self, title, str(exc))
            return
        if finished.failed:
            self.dialogs.warn(self, title, "\n".join(finished.warnings()))
        elif finished.done:
            self.dialogs.inform(self, title, "\n".join(finished.warnings()))

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.register:
            self.register.refresh()
