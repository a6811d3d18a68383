"""Show a form's problems in red beside their fields (labels named err_<field>), the rest at the bottom."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

ERROR_COLOUR = "#c0392b"
ERROR_STYLE = f"color: {ERROR_COLOUR};"


class InlineProblems:
    """The error labels of one form.

    labels: field name → its QLabel (err_<field> in the .ui); general: the label for problems
    without a field label; tabs: when given, tabs holding a shown problem get red titles.
    """

    def __init__(self, root: QWidget, general: QLabel, tabs: QTabWidget | None = None) -> None:
        self.labels: dict[str, QLabel] = {
            label.objectName()[4:]: label
            for label in root.findChildren(QLabel)
            if label.objectName().startswith("err_")
        }
        self.general = general
        self.tabs = tabs
        for label in [*self.labels.values(), general]:
            label.setStyleSheet(ERROR_STYLE)
            label.hide()

    def show(self, problems: Mapping[str, str], shown: Callable[[str], bool] = lambda _field: True) -> None:
        """Show each problem of a field for which `shown(field)` is true; problems of fields
        without a label always go to the general label."""
        red_tabs: set[int] = set()
        for field, label in self.labels.items():
            message = problems.get(field) if shown(field) else None
            label.setText(message or "")
            label.setVisible(bool(message))
            if message and self.tabs is not None:
                red_tabs.add(self._tab_of(label))
        others = [message for field, message in problems.items() if field not in self.labels]
        self.general.setText("；".join(others))
        self.general.setVisible(bool(others))
        if self.tabs is not None:
            bar = self.tabs.tabBar()
            for index in range(self.tabs.count()):
                bar.setTabTextColor(index, QColor(ERROR_COLOUR) if index in red_tabs else QColor())

    def first_tab_with_problem(self) -> int | None:
        """The index of the first tab showing a problem."""
        if self.tabs is None:
            return None
        indexes = [self._tab_of(label) for label in self.labels.values() if not label.isHidden()]
        visible = sorted(i for i in indexes if i >= 0)
        return visible[0] if visible else None

    def _tab_of(self, label: QLabel) -> int:
        assert self.tabs is not None
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).isAncestorOf(label):
                return index
        return -1
