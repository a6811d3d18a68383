"""设置: the interface language (used from the next start) and the font size (applied at once), both
remembered in ui.ini (gui/ui_state.py)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.gui import i18n, ui_state


class SettingsDialog(QDialog):
    """Changes take effect as they are chosen; 关闭 just closes.

    language_combo: the languages (data: code); language_note: says a restart is needed, in bold
    once the language was changed; size_buttons: font size key → its radio button; sample: a line
    of text in the chosen size.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("设置"))
        self.setMinimumWidth(460)
        self._started_language = i18n.current_language()

        language_box = QGroupBox(self.tr("界面语言"))
        self.language_combo = QComboBox()
        for code, label in i18n.LANGUAGES.items():
            self.language_combo.addItem(label, code)
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(self._started_language), 0))
        self.language_note = QLabel(self.tr("更改语言后，需要重新启动程序才能生效。"))
        self.language_note.setWordWrap(True)
        language_form = QFormLayout(language_box)
        language_form.addRow(self.tr("语言："), self.language_combo)
        language_form.addRow(self.language_note)

        size_box = QGroupBox(self.tr("字体大小"))
        size_row = QHBoxLayout()
        self.size_group = QButtonGroup(self)
        self.size_buttons: dict[str, QRadioButton] = {}
        chosen = ui_state.font_size()
        for key, label in ui_state.font_size_labels():
            button = QRadioButton(label)
            button.setChecked(key == chosen)
            button.toggled.connect(lambda on, k=key: on and self.choose_font_size(k))
            self.size_group.addButton(button)
            self.size_buttons[key] = button
            size_row.addWidget(button)
        size_row.addStretch(1)
        self.sample = QLabel(self.tr("字号示例：金河镇中心学校 三年级（2）班 王丽"))
        size_note = QLabel(self.tr("立即生效，适用于所有窗口。眼睛累或屏幕小时可选“大”或“特大”。"))
        size_note.setWordWrap(True)
        size_layout = QVBoxLayout(size_box)
        size_layout.addLayout(size_row)
        size_layout.addWidget(self.sample)
        size_layout.addWidget(size_note)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(language_box)
        layout.addWidget(size_box)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self.language_combo.currentIndexChanged.connect(
            lambda _i: self.choose_language(self.language_combo.currentData())
        )

    def choose_language(self, code: str) -> None:
        """Remember the language for the next start and say that a restart is needed."""
        chosen = i18n.set_language(code)
        font = self.language_note.font()
        font.setBold(chosen != self._started_language)
        self.language_note.setFont(font)
        if chosen != self._started_language:
            self.language_note.setText(self.tr("语言已保存。请关闭程序再重新打开，新的语言才会生效。"))
        else:
            self.language_note.setText(self.tr("更改语言后，需要重新启动程序才能生效。"))

    def choose_font_size(self, key: str) -> None:
        """Apply a font size to every window now and remember it."""
        app = QApplication.instance()
        ui_state.set_font_size(key, app if isinstance(app, QApplication) else None)
        self.adjustSize()
