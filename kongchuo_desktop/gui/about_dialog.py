"""关于: the program's name and version, what it runs on, where its data is, and the licences of
everything shipped with it (the fonts, Qt/PySide6 under LGPLv3, the other libraries).

The library list is read from the installed packages' metadata (importlib.metadata) when the dialog
opens, never at start-up: the program's own requirements and theirs, or in a frozen build whatever
metadata the bundle holds (build.spec copies it).
"""

from __future__ import annotations

import platform
import re
import sys
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop import APP_ID, APP_NAME, __version__
from kongchuo_desktop.gui.crash_handler import open_folder
from kongchuo_desktop.paths import bundle_root, data_dir, log_dir, resource

# The distribution this program is installed as (its requirements name the libraries we ship).
DISTRIBUTION = "kongchuo-desktop"
QT_LICENCE_FILES = ("Qt-PySide6.txt", "LGPL-3.0.txt", "GPL-3.0.txt")


@dataclass(frozen=True)
class Library:
    """One shipped library: its name, version and licence (as its metadata states them)."""

    name: str
    version: str
    licence: str


@dataclass(frozen=True)
class LicenceText:
    """A licence shown in full: what it covers and the text."""

    title: str
    text: str


# --- what the dialog shows (no Qt widgets) --------------------------------------------------------


def font_licences() -> list[LicenceText]:
    """The licence of every bundled font (resources/fonts/*LICENSE*.txt), named after the font as
    the file's first line names it."""
    texts = []
    for path in sorted(resource("fonts").glob("*LICENSE*")):
        text = path.read_text(encoding="utf-8", errors="replace")
        first = text.splitlines()[0] if text else path.stem
        title = first.split(" (")[0].strip() or path.stem
        texts.append(LicenceText(title, text))
    return texts


def qt_licences() -> list[LicenceText]:
    """Qt and PySide6: what the LGPLv3 asks of us, then the LGPLv3 and GPLv3 texts."""
    titles = {"Qt-PySide6.txt": "Qt 6 / PySide6", "LGPL-3.0.txt": "GNU LGPL v3", "GPL-3.0.txt": "GNU GPL v3"}
    texts = []
    for name in QT_LICENCE_FILES:
        path = resource("licenses", name)
        if path.is_file():
            texts.append(LicenceText(titles[name], path.read_text(encoding="utf-8", errors="replace")))
    return texts


def _licence_of(metadata: object) -> str:
    """License-Expression, else a short License field, else the licence classifiers."""
    get = getattr(metadata, "get", None)
    get_all = getattr(metadata, "get_all", None)
    if get is None:
        return ""
    expression = (get("License-Expression") or "").strip()
    if expression:
        return expression
    field = (get("License") or "").strip()
    if field and len(field) <= 80 and "\n" not in field:
        return field
    classifiers = [
        c.split(" :: ")[-1] for c in (get_all("Classifier") if get_all else None) or [] if c.startswith("License ::")
    ]
    if classifiers:
        return "; ".join(classifiers)
    return field.splitlines()[0][:80] if field else ""


def _requirement_names(requirements: list[str]) -> list[str]:
    """Names of the unconditional requirements ("PySide6-Essentials>=6.8" → "PySide6-Essentials")."""
    names = []
    for line in requirements:
        if ";" in line and "extra" in line.split(";", 1)[1]:
            continue  # an optional extra (test, build), not shipped
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", line)
        if match:
            names.append(match.group(1))
    return names


def _root_requirements() -> list[str] | None:
    """The libraries the program asks for: from its installed metadata, else from pyproject.toml
    in a source checkout; None when neither is there (a frozen build without our metadata)."""
    import importlib.metadata as md

    try:
        return _requirement_names(md.requires(DISTRIBUTION) or [])
    except md.PackageNotFoundError:
        pass
    pyproject = bundle_root() / "pyproject.toml"
    if not pyproject.is_file():
        return None
    import tomllib

    with pyproject.open("rb") as source:
        project = tomllib.load(source).get("project", {})
    return _requirement_names(list(project.get("dependencies", [])))


def libraries() -> list[Library]:
    """Every library shipped with the program (its requirements and theirs, as installed), sorted by name."""
    import importlib.metadata as md

    roots = _root_requirements()
    found: dict[str, Library] = {}
    if roots is None:
        for dist in md.distributions():
            name = dist.metadata.get("Name") or ""
            if name and name.lower() != DISTRIBUTION:
                found[name.lower()] = Library(name, dist.version, _licence_of(dist.metadata))
        return sorted(found.values(), key=lambda lib: lib.name.lower())
    pending = list(roots)
    while pending:
        name = pending.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in found:
            continue
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            # Not installed, so not shipped: a requirement for other Python versions (enum34; python < 3.4).
            found[key] = Library(name, "", "")
            continue
        found[key] = Library(dist.metadata.get("Name") or name, dist.version, _licence_of(dist.metadata))
        pending.extend(_requirement_names(dist.requires or []))
    return sorted((lib for lib in found.values() if lib.version), key=lambda lib: lib.name.lower())


def runtime_versions() -> str:
    """Python, PySide6/Qt and the operating system, one line."""
    import PySide6
    from PySide6.QtCore import qVersion

    return (
        f"Python {platform.python_version()} · PySide6 {PySide6.__version__} · Qt {qVersion()} · "
        f"{platform.system()} {platform.release()} ({platform.machine() or '?'})"
    )


# --- the dialog --------------------------------------------------------------------------------------


class AboutDialog(QDialog):
    """关于 with two tabs: 程序信息 and 许可证.

    licence_list: what has a licence (fonts, Qt, …, 其他程序库 last); licence_text: the text of
    the one chosen; library_table: the other libraries (name, version, licence); folder_button:
    opens the data folder.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("关于%1").replace("%1", APP_NAME))
        self.resize(820, 580)
        self.texts: list[LicenceText] = [*font_licences(), *qt_licences()]
        self.libraries = libraries()

        head = QHBoxLayout()
        icon = QLabel()
        app_icon = self.windowIcon()
        icon.setPixmap(app_icon.pixmap(64, 64))
        head.addWidget(icon)
        title = QLabel(
            f"<b style='font-size:15pt'>{APP_NAME}</b><br>"
            + self.tr("版本 %1").replace("%1", __version__)
            + "<br>"
            + self.tr("乡镇、学校控辍保学工作的学生学籍、适龄儿童登记与跟踪软件。数据保存在本机，不需要联网。")
        )
        title.setWordWrap(True)
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head.addWidget(title, 1)

        tabs = QTabWidget()
        tabs.addTab(self._info_tab(), self.tr("程序信息"))
        tabs.addTab(self._licence_tab(), self.tr("许可证"))
        self.tabs = tabs

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)

    def _info_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        def selectable(text: str) -> QLabel:
            label = QLabel(text)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            return label

        frozen = self.tr("打包版") if getattr(sys, "frozen", False) else self.tr("源代码运行")
        form.addRow(self.tr("版本："), selectable(f"{__version__}（{frozen}）"))
        form.addRow(self.tr("运行环境："), selectable(runtime_versions()))
        self.data_folder = data_dir()
        folder_row = QHBoxLayout()
        self.folder_label = selectable(str(self.data_folder))
        folder_row.addWidget(self.folder_label, 1)
        self.folder_button = QPushButton(self.tr("打开文件夹"))
        self.folder_button.setToolTip(self.tr("在文件管理器中打开数据文件夹（数据库、备份、日志都在这里）"))
        self.folder_button.clicked.connect(lambda: open_folder(self.data_folder))
        folder_row.addWidget(self.folder_button)
        form.addRow(self.tr("数据文件夹："), folder_row)
        form.addRow(self.tr("日志文件夹："), selectable(str(log_dir())))
        form.addRow(self.tr("程序标识："), selectable(APP_ID))
        return tab

    def _licence_tab(self) -> QWidget:
        tab = QWidget()
        self.licence_list = QListWidget()
        self.licence_list.setWordWrap(True)
        self.licence_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.licence_list.setFixedWidth(self.fontMetrics().horizontalAdvance("WenQuanYi Micro Hei") + 40)
        for text in self.texts:
            self.licence_list.addItem(text.title)
        self.licence_list.addItem(self.tr("其他程序库（%1 个）").replace("%1", str(len(self.libraries))))

        self.licence_text = QPlainTextEdit()
        self.licence_text.setReadOnly(True)
        mono = QFont(self.licence_text.font())
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        self.licence_text.setFont(mono)
        self.licence_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

        self.library_table = QTableWidget(len(self.libraries), 3)
        self.library_table.setHorizontalHeaderLabels([self.tr("程序库"), self.tr("版本"), self.tr("许可证")])
        self.library_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.library_table.verticalHeader().hide()
        self.library_table.setAlternatingRowColors(True)
        for row, lib in enumerate(self.libraries):
            for column, value in enumerate((lib.name, lib.version, lib.licence or self.tr("（未注明）"))):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.library_table.setItem(row, column, item)
        header = self.library_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.licence_stack = QStackedWidget()
        self.licence_stack.addWidget(self.licence_text)
        self.licence_stack.addWidget(self.library_table)
        self.licence_list.currentRowChanged.connect(self.show_licence)

        layout = QHBoxLayout(tab)
        layout.addWidget(self.licence_list)
        layout.addWidget(self.licence_stack, 1)
        self.licence_list.setCurrentRow(0)
        return tab

    def show_licence(self, row: int) -> None:
        """Show the licence text of a list row (the library table for the last row)."""
        if 0 <= row < len(self.texts):
            self.licence_text.setPlainText(self.texts[row].text)
            self.licence_stack.setCurrentWidget(self.licence_text)
        else:
            self.licence_stack.setCurrentWidget(self.library_table)
