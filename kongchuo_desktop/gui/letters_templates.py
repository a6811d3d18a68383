"""责任书模板: the template list, the text editor with placeholders and live checks, the preview beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.gui import tasks
from kongchuo_desktop.gui.domain_labels import label
from kongchuo_desktop.gui.flow_layout import FlowLayout, labelled_pair
from kongchuo_desktop.gui.pdf_preview import PdfPreview
from kongchuo_desktop.services import letter_templates as lt
from kongchuo_desktop.services.errors import ServiceError

if TYPE_CHECKING:
    from kongchuo_desktop.gui.letters_page import LettersPage

PREVIEW_DELAY_MS = 600
HELP = QT_TRANSLATE_NOOP(
    "LettersTemplates",
    "每行一段。{学校名称} 等占位符会换成每份责任书自己的内容；单独一行 {学生名单} 是学生名单表格。"
    "以“一、”“（一）”开头的行是条款。行首可加：【标题】【副标题】【顶格】【居右】【附件】【分页】【签名栏】。",
)


# Preview threads are not children of the tab: a QThread destroyed while it runs aborts the
# process, and a tab can be closed while its preview renders. They live here until they finish,
# and the application waits for them before it quits.
_RUNNING: set[tasks.Task] = set()
_quit_hooked = False


def wait_for_previews(timeout_ms: int = 30_000) -> None:
    """Block until every preview thread has finished (at quit, and in tests)."""
    for task in list(_RUNNING):
        task.wait(timeout_ms)


def _forget(task: tasks.Task) -> None:
    _RUNNING.discard(task)
    task.deleteLater()


class TemplatesTab(QWidget):
    """Edit templates; every save is a new version, letters keep the version they were printed from.

    current: the template shown (None for a new one not yet saved); problems: what the last
    check found.
    """

    saved = Signal()

    def __init__(self, page: LettersPage) -> None:
        super().__init__(page)
        self.page = page
        self.current: lt.TemplateInfo | None = None
        self.problems: list[lt.TemplateProblem] = []
        self._preview_task: tasks.Task | None = None
        self._preview_again = False

        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.new_button = QPushButton(QCoreApplication.translate("LettersTemplates", "新建模板"))
        self.delete_button = QPushButton(QCoreApplication.translate("LettersTemplates", "删除"))
        self.restore_button = QPushButton(QCoreApplication.translate("LettersTemplates", "恢复默认内容"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        for w in (self.new_button, self.delete_button, self.restore_button):
            left_layout.addWidget(w)

        self.name_edit = QLineEdit()
        self.kind_box = QComboBox()
        for kind, text in lt.KINDS.items():
            self.kind_box.addItem(label(text), kind)
        self.kind_box.setMinimumContentsLength(8)  # squeezed (not wider than the pane) at a large font size
        self.insert_box = QComboBox()
        self.version_label = QLabel()
        self.editor = QPlainTextEdit()
        self.editor.setTabChangesFocus(True)
        help_label = QLabel(QCoreApplication.translate("LettersTemplates", HELP))
        help_label.setWordWrap(True)
        help_label.setStyleSheet("color: #52606d;")
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b91c1c;")
        self.save_button = QPushButton(QCoreApplication.translate("LettersTemplates", "保存（新版本）"))
        self.save_as_button = QPushButton(QCoreApplication.translate("LettersTemplates", "另存为新模板…"))
        self.renumber_button = QPushButton(QCoreApplication.translate("LettersTemplates", "重新编号条款"))
        middle = QWidget()
        mid = QVBoxLayout(middle)
        mid.setContentsMargins(0, 0, 0, 0)
        # The rows above and below the editor wrap when the pane is narrow or the font large.
        top = FlowLayout()
        top.addWidget(labelled_pair(QCoreApplication.translate("LettersTemplates", "名称："), self.name_edit), 1)
        top.addWidget(labelled_pair(QCoreApplication.translate("LettersTemplates", "类别："), self.kind_box))
        mid.addLayout(top)
        row = FlowLayout()
        row.addWidget(self.insert_box)
        row.addWidget(self.renumber_button)
        row.addStretch(1)
        row.addWidget(self.version_label)
        mid.addLayout(row)
        mid.addWidget(self.editor, 1)
        # The help scrolls beyond a few lines, so that a narrow pane at a large font size still
        # leaves the editor some height.
        help_area = QScrollArea()
        help_area.setWidget(help_label)
        help_area.setWidgetResizable(True)
        help_area.setFrameShape(QFrame.Shape.NoFrame)
        help_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        help_area.viewport().setAutoFillBackground(False)
        help_label.setAutoFillBackground(False)
        help_area.setMaximumHeight(5 * help_label.fontMetrics().lineSpacing() + 4)
        help_area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        mid.addWidget(help_area)
        mid.addWidget(self.problem_label)
        buttons = FlowLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_as_button)
        buttons.addWidget(self.save_button)
        mid.addLayout(buttons)

        self.preview = PdfPreview()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(self.preview)
        splitter.setSizes([250, 470, 440])
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.check_and_preview)
        self.editor.textChanged.connect(self._timer.start)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.insert_box.activated.connect(self._insert_placeholder)
        self.list.currentRowChanged.connect(self._row_changed)
        self.new_button.clicked.connect(self.new_template)
        self.new_button.setShortcut(QKeySequence.StandardKey.New)
        self.delete_button.clicked.connect(self.delete_current)
        self.restore_button.clicked.connect(self.restore_current)
        self.save_button.clicked.connect(lambda: self.save(as_new=False))
        self.save_as_button.clicked.connect(lambda: self.save(as_new=True))
        self.renumber_button.clicked.connect(self.renumber)
        self.reload()

    # --- list -------------------------------------------------------------------------------------
    def reload(self, select_key: str | None = None) -> None:
        """Read the templates again and select one (the first by default)."""
        self._templates = lt.list_templates(self.page.db)
        self.list.blockSignals(True)
        self.list.clear()
        for t in self._templates:
            item = QListWidgetItem(
                QCoreApplication.translate("LettersTemplates", "%1\n%2 · 第%3版")
                .replace("%1", t.name)
                .replace("%2", label(lt.KINDS[t.kind]))
                .replace("%3", str(t.version))
                + (QCoreApplication.translate("LettersTemplates", " · 自带") if t.is_default else "")
            )
            self.list.addItem(item)
        self.list.blockSignals(False)
        keys = [t.key for t in self._templates]
        row = keys.index(select_key) if select_key in keys else 0
        self.list.setCurrentRow(row)
        self._row_changed(row)

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self._templates):
            self.show_template(self._templates[row])

    def show_template(self, template: lt.TemplateInfo | None, kind: str = lt.TEACHER) -> None:
        """Put a template (or an empty new one of `kind`) in the editor."""
        self.current = template
        self.name_edit.setText(template.name if template else "")
        self.kind_box.blockSignals(True)
        self.kind_box.setCurrentIndex(self.kind_box.findData(template.kind if template else kind))
        self.kind_box.blockSignals(False)
        self.kind_box.setEnabled(template is None)
        self._fill_placeholders()
        self.editor.setPlainText(template.body if template else "【标题】\n【副标题】（{学年}学年）\n\n【签名栏】\n")
        when = template.updated_at.strftime("%Y-%m-%d %H:%M") if template and template.updated_at else ""
        self.version_label.setText(
            QCoreApplication.translate("LettersTemplates", "第%1版 %2")
            .replace("%1", str(template.version))
            .replace("%2", when)
            if template
            else QCoreApplication.translate("LettersTemplates", "新模板")
        )
        self.delete_button.setEnabled(template is not None and not template.is_default)
        self.restore_button.setEnabled(template is not None and template.is_default)
        self.check_and_preview()

    def kind(self) -> str:
        """The chosen kind."""
        return str(self.kind_box.currentData())

    def _kind_changed(self) -> None:
        self._fill_placeholders()
        self.check_and_preview()

    def _fill_placeholders(self) -> None:
        self.insert_box.clear()
        self.insert_box.addItem(QCoreApplication.translate("LettersTemplates", "插入占位符…"), None)
        for name, meaning in lt.PLACEHOLDERS[self.kind()].items():
            self.insert_box.addItem(f"{{{name}}}　{meaning}", name)

    def _insert_placeholder(self, index: int) -> None:
        name = self.insert_box.itemData(index)
        if name:
            self.editor.insertPlainText(f"{{{name}}}")
            self.editor.setFocus()
        self.insert_box.setCurrentIndex(0)

    # --- checks and preview ---------------------------------------------------------------------------
    def check(self) -> list[lt.TemplateProblem]:
        """Check the text, mark the problems in the editor, list them below it."""
        self.problems = lt.check_template(self.editor.toPlainText(), self.kind())
        selections = []
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#fecaca"))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor("#b91c1c"))
        document = self.editor.document()
        for p in self.problems:
            block = document.findBlockByNumber(p.line - 1)
            if not block.isValid():
                continue
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.MoveAnchor, p.column - 1)
            cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, max(p.length, 1))
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = fmt  # type: ignore[attr-defined]
            selections.append(selection)
        self.editor.setExtraSelections(selections)
        self.problem_label.setText("\n".join(str(p) for p in self.problems[:6]))
        return self.problems

    def check_and_preview(self) -> None:
        """Check now and refresh the preview in the background."""
        self.check()
        self.refresh_preview()

    def refresh_preview(self) -> None:
        """Render the preview off the GUI thread (the newest text wins)."""
        if self._preview_task is not None:
            self._preview_again = True
            return
        body, kind = self.editor.toPlainText(), self.kind()
        if not body.strip():
            self.preview.clear()
            return
        global _quit_hooked
        app = QCoreApplication.instance()
        if app is not None and not _quit_hooked:
            app.aboutToQuit.connect(wait_for_previews)
            _quit_hooked = True
        task = tasks.Task(lambda _progress: lt_preview(body, kind))
        _RUNNING.add(task)
        task.succeeded.connect(self._preview_ready)
        task.failed.connect(self._preview_failed)
        task.finished.connect(self._preview_finished)
        task.finished.connect(lambda: _forget(task))
        self._preview_task = task
        task.start()

    def _preview_ready(self, result: tuple[bytes, list[str]]) -> None:
        data, _warnings = result
        name = self.name_edit.text() or QCoreApplication.translate("LettersTemplates", "模板")
        self.preview.load_bytes(data, QCoreApplication.translate("LettersTemplates", "%1_预览.pdf").replace("%1", name))

    def _preview_failed(self, error: BaseException) -> None:
        self.problem_label.setText(
            QCoreApplication.translate("LettersTemplates", "预览失败：%1").replace("%1", str(error))
        )

    def _preview_finished(self) -> None:
        self._preview_task = None
        if self._preview_again:
            self._preview_again = False
            self.refresh_preview()

    def preview_busy(self) -> bool:
        """Whether a preview is being rendered."""
        return self._preview_task is not None

    # --- saving ---------------------------------------------------------------------------------------
    def save(self, as_new: bool = False) -> lt.TemplateInfo | None:
        """Save the text as a new version (or as a new template); refuse it with the places marked."""
        body, name = self.editor.toPlainText(), self.name_edit.text().strip()
        key = None if as_new or self.current is None else self.current.key
        if as_new and self.current is not None and name == self.current.name:
            name = QCoreApplication.translate("LettersTemplates", "%1（副本）").replace("%1", name)
        try:
            saved = lt.save_template(self.page.db, self.page.actor, name=name, kind=self.kind(), body=body, key=key)
        except lt.TemplateError as exc:
            self.check()
            first = exc.template_problems[0]
            block = self.editor.document().findBlockByNumber(first.line - 1)
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.MoveAnchor, first.column - 1)
            self.editor.setTextCursor(cursor)
            self.editor.setFocus()
            self.page.dialogs.warn(
                self,
                QCoreApplication.translate("LettersTemplates", "不能保存模板"),
                QCoreApplication.translate("LettersTemplates", "模板里有错误，已用红色标出：\n%1").replace(
                    "%1", str(first)
                ),
            )
            return None
        except ServiceError as exc:
            self.page.dialogs.warn(self, QCoreApplication.translate("LettersTemplates", "不能保存模板"), str(exc))
            return None
        self.reload(saved.key)
        self.saved.emit()
        return saved

    def new_template(self) -> None:
        """Start a new template of the chosen kind."""
        self.list.clearSelection()
        self.show_template(None, self.kind())
        self.name_edit.setFocus()

    def delete_current(self) -> None:
        """Delete the shown template (made in the app)."""
        if self.current is None or self.current.is_default:
            return
        if not self.page.dialogs.confirm(
            self,
            QCoreApplication.translate("LettersTemplates", "删除模板"),
            QCoreApplication.translate("LettersTemplates", "删除模板“%1”？已打印的责任书不受影响。").replace(
                "%1", self.current.name
            ),
        ):
            return
        try:
            lt.delete_template(self.page.db, self.page.actor, self.current.key)
        except ServiceError as exc:
            self.page.dialogs.warn(self, QCoreApplication.translate("LettersTemplates", "删除模板"), str(exc))
            return
        self.reload()
        self.saved.emit()

    def restore_current(self) -> None:
        """Save the shipped text of a default template as its next version."""
        if self.current is None or not self.current.is_default:
            return
        if not self.page.dialogs.confirm(
            self,
            QCoreApplication.translate("LettersTemplates", "恢复默认内容"),
            QCoreApplication.translate("LettersTemplates", "把“%1”恢复为软件自带的内容（保存为新版本）？").replace(
                "%1", self.current.name
            ),
        ):
            return
        try:
            restored = lt.restore_default(self.page.db, self.page.actor, self.current.key)
        except ServiceError as exc:
            self.page.dialogs.warn(self, QCoreApplication.translate("LettersTemplates", "恢复默认内容"), str(exc))
            return
        self.reload(restored.key)
        self.saved.emit()

    def renumber(self) -> None:
        """Renumber the clause labels in order."""
        cursor = self.editor.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(lt.renumber(self.editor.toPlainText()))


def lt_preview(body: str, kind: str) -> tuple[bytes, list[str]]:
    """The preview PDF of a template text (runs in a worker thread)."""
    from kongchuo_desktop.services.letters import preview_template

    return preview_template(body, kind)
