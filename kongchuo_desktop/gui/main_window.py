"""The main window: page list on the left, the chosen page on the right, site and user in the status bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QWidget,
)

from kongchuo_desktop import APP_NAME, __version__
from kongchuo_desktop.gui.children_page import ChildrenPage
from kongchuo_desktop.gui.register_page import RegisterPage
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.sites import SiteInfo
from kongchuo_desktop.store.database import Database

NAV_STYLE = """
QListWidget { border: none; background: #f3f5f8; outline: none; }
QListWidget::item { padding: 10px 12px; border-left: 4px solid transparent; color: #2c3e50; }
QListWidget::item:hover { background: #e6ebf2; }
QListWidget::item:selected { background: #ffffff; border-left: 4px solid #2d6cdf; color: #1a4fb0; font-weight: bold; }
"""


def window_title(site_name: str, demo: bool) -> str:
    """ "控辍保学台账 — 金河镇教育办", with "（演示数据）" in demo mode."""
    title = f"{APP_NAME} — {site_name}"
    return title + "（演示数据）" if demo else title


class MainWindow(QMainWindow):
    """The application window.

    nav: the page list; stack: the pages, each made the first time it is shown
    (`_factories` in nav order, `_pages` page index → widget).
    """

    def __init__(self, db: Database, site: SiteInfo, actor: Actor, demo: bool = False) -> None:
        super().__init__()
        self._db = db
        self.site = site
        self.actor = actor
        self.setWindowTitle(window_title(site.name, demo))
        self._factories: list[tuple[str, QStyle.StandardPixmap, Callable[[], QWidget]]] = [
            (self.tr("学生台账"), QStyle.StandardPixmap.SP_FileDialogDetailedView, lambda: RegisterPage(db, actor)),
        ]
        if actor.can(perms.CHILD_READ):
            self._factories.append(
                (self.tr("适龄儿童台账"), QStyle.StandardPixmap.SP_DirHomeIcon, lambda: ChildrenPage(db, actor))
            )
        self._pages: dict[int, QWidget] = {}

        self.nav = QListWidget()
        self.nav.setStyleSheet(NAV_STYLE)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(168)
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stack = QStackedWidget()
        for text, icon, _factory in self._factories:
            QListWidgetItem(self.style().standardIcon(icon), text, self.nav)
            self.stack.addWidget(QWidget())  # placeholder until the page is first shown
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_menus()
        site_label = QLabel(self.tr("站点：%1（%2）").replace("%1", site.name).replace("%2", site.type_label))
        user_label = QLabel(self.tr("当前用户：%1").replace("%1", actor.display_name))
        for label in (site_label, user_label):
            label.setContentsMargins(8, 0, 8, 0)
        self.statusBar().addWidget(site_label)
        self.statusBar().addPermanentWidget(user_label)
        self.site_label = site_label
        self.user_label = user_label

        self.nav.currentRowChanged.connect(self.show_page)
        self.nav.setCurrentRow(0)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        quit_action = QAction(self.tr("退出(&X)"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about_action = QAction(self.tr("关于(&A)"), self)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    def show_page(self, index: int) -> QWidget:
        """Show a page (creating it the first time) and return it."""
        page = self._pages.get(index)
        if page is None:
            page = self._factories[index][2]()
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._pages[index] = page
        self.stack.setCurrentIndex(index)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        return page

    @property
    def register_page(self) -> RegisterPage:
        """The 学生台账 page."""
        page = self.show_page(0) if 0 not in self._pages else self._pages[0]
        assert isinstance(page, RegisterPage)
        return page

    def show_about(self) -> None:
        """The 关于 box."""
        QMessageBox.about(
            self,
            self.tr("关于"),
            self.tr(
                "<b>%1</b> %2<br><br>乡镇、学校控辍保学工作的学生学籍、适龄儿童登记与跟踪软件。<br>数据保存在本机，不需要联网。"
            )
            .replace("%1", APP_NAME)
            .replace("%2", __version__),
        )
