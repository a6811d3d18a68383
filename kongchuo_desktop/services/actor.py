"""Who is acting: the logged-in person, their role and the scope they may see and change."""

from __future__ import annotations

from dataclasses import dataclass

from kongchuo_desktop.services.errors import PermissionDenied


@dataclass(frozen=True)
class Actor:
    """The acting user.

    user: login name (recorded as updated_by and in the audit log); display_name: shown in the UI;
    role: 管理员 | 教育局 | 乡镇 | 校长 | 教师; township_id / school_id: the scope (None = whole site).
    """

    user: str
    display_name: str
    role: str = "管理员"
    township_id: str | None = None
    school_id: str | None = None

    def can_see_school(self, school_id: str | None, township_id: str | None) -> bool:
        """Whether a record of this school/township is inside the actor's scope."""
        if self.school_id is not None:
            return school_id == self.school_id
        if self.township_id is not None:
            return township_id == self.township_id
        return True

    def require_school(self, school_id: str | None, township_id: str | None) -> None:
        """Raise PermissionDenied unless the school/township is in scope."""
        if not self.can_see_school(school_id, township_id):
            raise PermissionDenied("您没有权限查看或修改其他学校（乡镇）的学生。")


SYSTEM = Actor(user="system", display_name="系统")
DEMO_ADMIN = Actor(user="demo", display_name="演示管理员")
