"""The window title for a logged-in session: site, who is logged in (with role), and demo mode.

Entry: `session_title(site_name, actor)`, e.g. "控辍保学台账 — 金河镇教育办 — 王芳（管理员）" or, in
demo mode, "控辍保学台账 — 金河镇教育办 — 演示管理员（管理员）【演示模式：数据均为虚构】".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kongchuo_desktop import APP_NAME
from kongchuo_desktop.services.actor import Actor


def session_title(site_name: str, actor: Actor) -> str:
    """The title bar text."""
    title = (
        QCoreApplication.translate("SessionTitle", "%1 — %2 — %3（%4）")
        .replace("%1", APP_NAME)
        .replace("%2", site_name)
        .replace("%3", actor.display_name)
        .replace("%4", actor.role)
    )
    if actor.demo:
        title += QCoreApplication.translate("SessionTitle", "【演示模式：数据均为虚构】")
    return title
