"""Why a sync file was refused (SyncError: input rejected, exit 1; SyncFileError: unreadable, exit 2)."""

from __future__ import annotations

from kongchuo_desktop.services.errors import ServiceError


class SyncError(ServiceError):
    """A card, package or receipt was refused; nothing was changed."""


class SyncFileError(SyncError):
    """The file could not be read or written at all."""


class SyncCancelled(SyncError):
    """The user cancelled an export or import; nothing was changed."""

    def __init__(self) -> None:
        super().__init__("已取消，没有做任何改动")
