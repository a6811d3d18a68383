"""生成与打印: choose template, year and school or township; print a draft or issue the batch; preview."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.gui import tasks
from kongchuo_desktop.gui.domain_labels import label
from kongchuo_desktop.gui.flow_layout import FlowLayout
from kongchuo_desktop.gui.pdf_preview import PdfPreview
from kongchuo_desktop.services import lookups
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.services.letter_templates import KINDS, VILLAGE, TemplateInfo, list_templates
from kongchuo_desktop.services.letters import IssueResult, issue_letters
from kongchuo_desktop.services.letters_data import Scope

if TYPE_CHECKING:
    from kongchuo_desktop.gui.letters_page import LettersPage


def current_school_year(today: dt.date | None = None) -> int:
    """The first year of the school year under way (September starts a new one)."""
    today = today or dt.date.today()
    return today.year if today.month >= 8 else today.year - 1


class BatchTab(QWidget):
    """The batch form on the left, the preview of what was printed on the right.

    last_result: the last batch's IssueResult; last_file: the PDF shown.
    """

    issued = Signal()

    def __init__(self, page: LettersPage) -> None:
        super().__init__(page)
        self.page = page
        self.last_result: IssueResult | None = None
        self.last_file: Path | None = None
        self._templates: list[TemplateInfo] = []

        form_box = QWidget()
        form = QFormLayout(form_box)
        self.template_box = QComboBox()
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(current_school_year())
        self.year_label = QLabel()
        self.scope_box = QComboBox()
        self.one_file = QRadioButton(QCoreApplication.translate("LettersBatch", "合成一个 PDF 文件"))
        self.separate = QRadioButton(QCoreApplication.translate("LettersBatch", "每份单独一个 PDF 文件（选择文件夹）"))
        self.one_file.setChecked(True)
        form.addRow(QCoreApplication.translate("LettersBatch", "责任书模板："), self.template_box)
        year_row = QHBoxLayout()
        year_row.addWidget(self.year_box)
        year_row.addWidget(self.year_label, 1)
        form.addRow(QCoreApplication.translate("LettersBatch", "学年："), year_row)
        form.addRow(QCoreApplication.translate("LettersBatch", "范围："), self.scope_box)
        form.addRow(QCoreApplication.translate("LettersBatch", "输出："), self.one_file)
        form.addRow("", self.separate)
        self.draft_button = QPushButton(QCoreApplication.translate("LettersBatch", "预览样稿（不登记）"))
        self.issue_button = QPushButton(QCoreApplication.translate("LettersBatch", "生成并登记…"))
        self.issue_button.setDefault(True)
        buttons = FlowLayout()  # one below the other at a large font size
        buttons.addWidget(self.draft_button, 1)
        buttons.addWidget(self.issue_button, 1)
        form.addRow(buttons)
        self.summary = QLabel(
            QCoreApplication.translate(
                "LettersBatch", "选择模板、学年和范围，先“预览样稿”检查，再“生成并登记”。生成后可以预览、打印。"
            )
        )
        self.summary.setWordWrap(True)
        form.addRow(self.summary)

        self.preview = PdfPreview()
        # The form scrolls rather than pushing the window wider than the screen at a large font size;
        # it starts as wide as it needs, the preview takes the rest.
        form_area = QScrollArea()
        form_area.setWidget(form_box)
        form_area.setWidgetResizable(True)
        form_area.setFrameShape(QFrame.Shape.NoFrame)
        form_area.viewport().setAutoFillBackground(False)
        form_box.setAutoFillBackground(False)
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(form_area)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 1)
        form_width = form_box.minimumSizeHint().width() + form_area.verticalScrollBar().sizeHint().width()
        splitter.setSizes([form_width, 2 * form_width])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.template_box.currentIndexChanged.connect(self._fill_scopes)
        self.year_box.valueChanged.connect(self._year_changed)
        self.draft_button.clicked.connect(lambda: self.run_batch(draft=True))
        self.issue_button.clicked.connect(lambda: self.run_batch(draft=False))
        self.reload_templates()
        self._year_changed()

    # --- choices ----------------------------------------------------------------------------------
    def reload_templates(self) -> None:
        """Fill the template list (keeps the choice when it still exists)."""
        current = self.current_template()
        self._templates = list_templates(self.page.db)
        self.template_box.blockSignals(True)
        self.template_box.clear()
        for t in self._templates:
            self.template_box.addItem(
                QCoreApplication.translate("LettersBatch", "%1（%2，第%3版）")
                .replace("%1", t.name)
                .replace("%2", label(KINDS[t.kind]))
                .replace("%3", str(t.version)),
                t.key,
            )
        if current is not None:
            index = self.template_box.findData(current.key)
            self.template_box.setCurrentIndex(max(index, 0))
        self.template_box.blockSignals(False)
        self._fill_scopes()

    def current_template(self) -> TemplateInfo | None:
        """The chosen template."""
        index = self.template_box.currentIndex()
        return self._templates[index] if 0 <= index < len(self._templates) else None

    def _fill_scopes(self) -> None:
        template = self.current_template()
        actor = self.page.actor
        self.scope_box.clear()
        towns = lookups.townships(self.page.db, actor)
        if template is not None and template.kind == VILLAGE:
            if actor.school_id is None:
                for town in towns:
                    self.scope_box.addItem(
                        QCoreApplication.translate("LettersBatch", "%1（全部村）").replace("%1", town.name),
                        Scope(None, town.id),
                    )
            return
        if actor.school_id is None:
            for town in towns:
                self.scope_box.addItem(
                    QCoreApplication.translate("LettersBatch", "%1（全部学校）").replace("%1", town.name),
                    Scope(None, town.id),
                )
        for school in lookups.schools(self.page.db, actor):
            self.scope_box.addItem(school.name, Scope(school.id, school.township_id))

    def _year_changed(self) -> None:
        year = self.year_box.value()
        self.year_label.setText(
            QCoreApplication.translate("LettersBatch", "%1—%2 学年")
            .replace("%1", str(year))
            .replace("%2", str(year + 1))
        )

    def current_scope(self) -> Scope | None:
        """The chosen school or township."""
        data = self.scope_box.currentData()
        return data if isinstance(data, Scope) else None

    # --- running ----------------------------------------------------------------------------------
    def run_batch(self, draft: bool) -> IssueResult | None:
        """Print a draft (to a temporary file) or issue the batch (to a file or folder the user picks)."""
        template, scope = self.current_template(), self.current_scope()
        dialogs = self.page.dialogs
        if template is None or scope is None:
            dialogs.warn(
                self,
                QCoreApplication.translate("LettersBatch", "生成责任书"),
                QCoreApplication.translate("LettersBatch", "请先选择模板和范围。"),
            )
            return None
        year = self.year_box.value()
        separate = self.separate.isChecked() and not draft
        # The scope's name without "（全部学校）": the bracket as the current language writes it.
        scope_name = self.scope_box.currentText().split(QCoreApplication.translate("LettersBatch", "（"))[0].strip()
        if draft:
            draft_name = QCoreApplication.translate("LettersBatch", "样稿_%1.pdf").replace("%1", template.name)
            out = Path(tempfile.mkdtemp(prefix="kongchuo-letters-")) / draft_name
        elif separate:
            out = dialogs.choose_folder(self, QCoreApplication.translate("LettersBatch", "选择保存责任书的文件夹"))  # type: ignore[assignment]
        else:
            suggested = (
                QCoreApplication.translate("LettersBatch", "%1学年%2_%3.pdf")
                .replace("%1", str(year))
                .replace("%2", template.name)
                .replace("%3", scope_name)
            )
            out = dialogs.save_file(
                self,
                QCoreApplication.translate("LettersBatch", "保存责任书"),
                suggested,
                QCoreApplication.translate("LettersBatch", "PDF 文件 (*.pdf)"),
            )  # type: ignore[assignment]
        if out is None:
            return None
        db, actor = self.page.db, self.page.actor

        def work(progress: tasks.Progress) -> IssueResult:
            return issue_letters(
                db, actor, template, year, out, scope=scope, separate=separate, draft=draft, progress=progress
            )

        try:
            result: IssueResult = tasks.run_with_progress(
                work,
                QCoreApplication.translate("LettersBatch", "生成责任书"),
                QCoreApplication.translate("LettersBatch", "正在生成责任书……"),
                self,
            )
        except tasks.Cancelled:
            self.summary.setText(QCoreApplication.translate("LettersBatch", "已取消：没有生成文件，也没有登记。"))
            return None
        except ServiceError as exc:
            dialogs.warn(self, QCoreApplication.translate("LettersBatch", "生成责任书"), str(exc))
            return None
        except OSError as exc:
            dialogs.warn(
                self,
                QCoreApplication.translate("LettersBatch", "生成责任书"),
                QCoreApplication.translate("LettersBatch", "无法写入文件：%1").replace("%1", str(exc.strerror or exc)),
            )
            return None
        self.last_result = result
        self._show_result(result)
        if not draft:
            self.issued.emit()
        return result

    def _show_result(self, result: IssueResult) -> None:
        lines = [
            QCoreApplication.translate("LettersBatch", "已生成 %n 份责任书，", None, result.letters)
            + QCoreApplication.translate("LettersBatch", "共 %n 页。", None, result.pages)
        ]
        if result.draft:
            lines.append(QCoreApplication.translate("LettersBatch", "这是样稿：没有编号，也没有登记。"))
        else:
            lines.append(
                QCoreApplication.translate("LettersBatch", "新登记 %1 份，重新打印 %2 份。")
                .replace("%1", str(result.new))
                .replace("%2", str(result.again))
            )
            if result.numbers:
                lines.append(
                    QCoreApplication.translate("LettersBatch", "编号 %1 至 %2。")
                    .replace("%1", result.numbers[0])
                    .replace("%2", result.numbers[-1])
                )
            if len(result.files) > 1:
                lines.append(
                    QCoreApplication.translate("LettersBatch", "文件保存在：%1").replace(
                        "%1", str(result.files[0].parent)
                    )
                )
            elif result.files:
                lines.append(QCoreApplication.translate("LettersBatch", "文件：%1").replace("%1", str(result.files[0])))
        lines += [QCoreApplication.translate("LettersBatch", "未生成：%1").replace("%1", s) for s in result.skipped]
        lines += [QCoreApplication.translate("LettersBatch", "注意：%1").replace("%1", w) for w in result.warnings]
        self.summary.setText("\n".join(lines))
        if result.files:
            self.last_file = result.files[0]
            self.preview.load_file(result.files[0])
