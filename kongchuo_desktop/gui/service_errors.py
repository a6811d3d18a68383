"""Show a service's refusal (no permission, bad input, not found) to the user in Chinese.

Entry: `show_service_error(parent, exc)`; `run_guarded(parent, fn)` runs fn and shows any
ServiceError instead of letting it escape (returns None then).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied, ServiceError, ValidationError

T = TypeVar("T")


def error_title(exc: BaseException) -> str:
    """The message box title for a kind of refusal."""
    if isinstance(exc, PermissionDenied):
        return QCoreApplication.translate("ServiceErrors", "没有权限")
    if isinstance(exc, ValidationError):
        return QCoreApplication.translate("ServiceErrors", "请检查填写的内容")
    if isinstance(exc, NotFoundError):
        return QCoreApplication.translate("ServiceErrors", "找不到记录")
    return QCoreApplication.translate("ServiceErrors", "无法完成")


def show_service_error(parent: QWidget | None, exc: BaseException) -> None:
    """A warning box with the service's Chinese sentence."""
    QMessageBox.warning(parent, error_title(exc), str(exc))


def run_guarded(parent: QWidget | None, fn: Callable[[], T]) -> T | None:
    """fn(), or None after showing its ServiceError."""
    try:
        return fn()
    except ServiceError as exc:
        show_service_error(parent, exc)
        return None
