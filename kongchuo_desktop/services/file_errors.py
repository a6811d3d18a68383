"""Why a file could not be written, in Chinese: the operating system's reason (English on most
machines) turned into words a township clerk understands, with what to do."""

from __future__ import annotations

import errno
import sqlite3

_REASONS = {
    errno.ENOSPC: "磁盘空间不足，请删除一些文件或换一个有足够空间的磁盘（或 U 盘）再试",
    errno.EDQUOT: "磁盘空间不足，请删除一些文件或换一个有足够空间的磁盘（或 U 盘）再试",
    errno.EROFS: "这个磁盘或 U 盘是只读的，请换一个可以写入的位置再试",
    errno.EACCES: "没有写入权限（文件可能正在其他程序中打开，或文件夹不允许写入），请关闭占用它的程序或换一个位置",
    errno.EPERM: "没有写入权限（文件可能正在其他程序中打开，或文件夹不允许写入），请关闭占用它的程序或换一个位置",
    errno.ENOENT: "文件夹不存在（U 盘是否已拔出？）",
    errno.EIO: "读写磁盘时出错（U 盘是否已拔出或损坏？）",
}


def reason(exc: BaseException) -> str:
    """A Chinese sentence for an OSError or SQLite error met while writing a file."""
    if isinstance(exc, OSError) and exc.errno in _REASONS:
        return _REASONS[exc.errno]
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        if "full" in text:
            return _REASONS[errno.ENOSPC]
        if "readonly" in text or "read-only" in text:
            return _REASONS[errno.EROFS]
        return f"数据库写入出错（{exc}）"
    if isinstance(exc, OSError):
        return str(exc.strerror or exc)
    return str(exc)
