"""Showing enumerated domain values (statuses, kinds, roles, code labels) in the interface language.

The domain and services keep their Chinese values (stored, compared, written to documents); the GUI passes
them through `label()` where it shows them. The strings are listed for lupdate in the generated
`domain_label_strings.py` (tools/domain_labels.py); in Chinese, `label()` returns its argument unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox

CONTEXT = "DomainLabels"
# Values services write as literals rather than in a label map (tools/domain_labels.py lists the maps):
# what services.history / case_history put before a value ("个案：走访", "登记"), and the account states
# and the whole-site scope of services.accounts, the audit log's 名称 field.
LITERAL_VALUES = (
    QT_TRANSLATE_NOOP("DomainLabels", "个案"),
    QT_TRANSLATE_NOOP("DomainLabels", "登记"),
    QT_TRANSLATE_NOOP("DomainLabels", "已停用"),
    QT_TRANSLATE_NOOP("DomainLabels", "已锁定"),
    QT_TRANSLATE_NOOP("DomainLabels", "待改密码"),
    QT_TRANSLATE_NOOP("DomainLabels", "正常"),
    QT_TRANSLATE_NOOP("DomainLabels", "全站点"),
    QT_TRANSLATE_NOOP("DomainLabels", "名称"),
)


def label(text: str) -> str:
    """`text` (a Chinese domain value, e.g. "在读") in the interface language; unknown text as it is."""
    if not text:
        return text
    return QCoreApplication.translate(CONTEXT, text)


def composed_label(text: str) -> str:
    """Like `label`, and a "类型：值" pair the services compose ("学籍异动：转出", "家访：一访") is
    translated part by part."""
    shown = label(text)
    if shown != text or "：" not in text:
        return shown
    head, _sep, tail = text.partition("：")
    return QCoreApplication.translate("DomainLabels", "%1：%2").replace("%1", label(head)).replace("%2", label(tail))


def label_items(values: Iterable[str]) -> list[tuple[str, Any]]:
    """(shown text, value) pairs for fill_combo: the value stays the Chinese one the services expect."""
    return [(label(v), v) for v in values]


def join_labels(values: Iterable[str], separator: str) -> str:
    """Several values shown one after another ("留守·随迁"), each translated."""
    return separator.join(label(v) for v in values)


def editable_value(combo: QComboBox) -> str | None:
    """What an editable combo box holds: the chosen item's value (the Chinese one behind a translated
    label) while its text is unchanged, else the text typed in; None when empty."""
    text = combo.currentText().strip()
    index = combo.currentIndex()
    if index >= 0 and combo.itemText(index).strip() == text and isinstance(combo.itemData(index), str):
        return combo.itemData(index) or None
    return text or None
